//! The export guard, against the real binary: `exporter --out` and `grille --out` never replace a
//! séance log (even one a jury has open), never write inside the sessions folder being read,
//! and replace a symlink at the output path instead of writing through it.

mod cli_support;

use std::path::Path;

use cli_support::*;
use predicates::prelude::*;
use sno_jury::session::Seance;

fn exporter(sessions: &Path, out: &Path) -> assert_cmd::assert::Assert {
    sno()
        .arg("exporter")
        .arg("--sessions")
        .arg(sessions)
        .arg("--out")
        .arg(out)
        .assert()
}

#[test]
fn out_onto_an_open_log_is_refused_and_the_log_is_byte_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let sessions = tmp.path().join("sessions");
    let log = open(&sessions, "e3-0001", "0001", "Martin", "Léa", 0)
        .path()
        .to_path_buf();
    // Read while nobody holds the lock (Windows refuses reads of a locked file), then the
    // séance is reopened and stays open for the exports, as when a jury is at work.
    let before = snapshot(&sessions);
    let copy = tmp.path().join("sauvegarde.txt");
    std::fs::copy(&log, &copy).unwrap();
    let (seance, _) = Seance::resume(&log, &r(), &Default::default()).expect("séance reopened");
    exporter(&sessions, &log)
        .code(1)
        .stdout("")
        .stderr(predicate::str::starts_with("Erreur : "))
        .stderr(predicate::str::contains("e3-0001.jsonl"))
        .stderr(predicate::str::contains("réservée aux journaux de séance"));
    // The same log under another name, outside the sessions folder: still a log.
    exporter(&sessions, &copy)
        .code(1)
        .stderr(predicate::str::contains("est un journal de séance"));
    assert_eq!(std::fs::read(&copy).unwrap(), before["e3-0001.jsonl"]);
    // The grid export is guarded the same way.
    sno()
        .args(["grille", "0001", "--sessions"])
        .arg(&sessions)
        .arg("--out")
        .arg(&log)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("réservée aux journaux de séance"));
    drop(seance);
    assert_eq!(snapshot(&sessions), before, "the sessions folder changed");
}

#[test]
fn out_inside_the_sessions_folder_is_refused_before_reading_anything() {
    let tmp = tempfile::tempdir().unwrap();
    let sessions = tmp.path().join("sessions");
    drop(open(&sessions, "e3-0001", "0001", "Martin", "Léa", 0));
    std::fs::create_dir(sessions.join("exemples")).unwrap();
    let before = snapshot(&sessions);
    for out in [
        sessions.join("notes.csv"),
        sessions.join("exemples").join("notes.csv"),
    ] {
        exporter(&sessions, &out)
            .code(1)
            .stderr(predicate::str::contains("est dans le dossier des séances"));
        assert!(!out.exists(), "{} written", out.display());
    }
    // --sessions after the subcommand or before it: the guard knows the folder either way.
    sno()
        .arg("--sessions")
        .arg(&sessions)
        .args(["grille", "0001", "--out"])
        .arg(sessions.join("grille.html"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("est dans le dossier des séances"));
    assert_eq!(snapshot(&sessions), before);
    // Next to the folder is fine.
    exporter(&sessions, &tmp.path().join("notes.csv")).code(3);
}

#[cfg(unix)]
#[test]
fn a_symlink_at_the_out_path_is_replaced_not_followed() {
    let tmp = tempfile::tempdir().unwrap();
    let sessions = tmp.path().join("sessions");
    drop(open(&sessions, "e3-0001", "0001", "Martin", "Léa", 0));
    let victim = tmp.path().join("autre.csv");
    std::fs::write(&victim, "à garder\n").unwrap();
    let out = tmp.path().join("notes.csv");
    std::os::unix::fs::symlink(&victim, &out).unwrap();
    exporter(&sessions, &out).code(3);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "à garder\n");
    assert!(!std::fs::symlink_metadata(&out).unwrap().is_symlink());
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .contains("Numéro d'inscription")
    );
    // A symlink to a log is refused outright, and the log stays as it was.
    let log = sessions.join("e3-0001.jsonl");
    let bytes = std::fs::read(&log).unwrap();
    let link = tmp.path().join("lien.csv");
    std::os::unix::fs::symlink(&log, &link).unwrap();
    exporter(&sessions, &link)
        .code(1)
        .stderr(predicate::str::contains("est un journal de séance"));
    assert_eq!(std::fs::read(&log).unwrap(), bytes);
    assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
    // No temporary file is left next to the output.
    let names: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
}

#[test]
fn a_missing_output_folder_is_one_french_sentence() {
    let tmp = tempfile::tempdir().unwrap();
    let sessions = tmp.path().join("sessions");
    drop(open(&sessions, "e3-0001", "0001", "Martin", "Léa", 0));
    let out = tmp.path().join("absent").join("notes.csv");
    exporter(&sessions, &out).code(1).stderr(
        predicate::str::is_match(
            r"^Erreur : impossible d’écrire .*notes\.csv : dossier introuvable\.\n$",
        )
        .unwrap(),
    );
}
