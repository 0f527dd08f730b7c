//! Records the review and the export must never choose between, or never trust: two rooms'
//! logs for the same candidate and situation gathered into one folder, a tampered log, a torn
//! last line, an empty log. Library checks and the real binary's exit statuses.

use std::fs;
use std::path::Path;

use assert_cmd::Command;

use super::review_support::*;
use super::tmp;
use sno_jury::grading::Niveau;
use sno_jury::referentiel::FormeKind;
use sno_jury::review::{AnomalyKind as K, Integrity, Status};

fn cmd(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("sno-jury").unwrap();
    c.env("TZ", "UTC").env_remove("SNO_SESSIONS");
    c.arg("--sessions").arg(dir);
    c
}

/// Two rooms each grade candidate 090 for E2 ponctuel (different notes, different
/// commissions), then their folders are gathered into one. Candidate 091 is clean.
fn gathered(r: &sno_jury::referentiel::Referentiel) -> tempfile::TempDir {
    let (salle1, salle2, centre) = (tmp(), tmp(), tmp());
    e2_ponctuel(
        salle1.path(),
        r,
        "salle1",
        cand("090", "Durand", "Adam"),
        t(0),
        true,
    );
    e2_ponctuel(
        salle1.path(),
        r,
        "propre",
        cand("091", "Morel", "Zoé"),
        t(3600),
        true,
    );
    let i = info(
        r,
        "salle2",
        "E2",
        FormeKind::Ponctuel,
        "unique",
        vec![cand("090", "Durand", "Adam")],
    );
    let mut run = Run::open(salle2.path(), r, i, t(600));
    run.members(&[("Petit Anne", "enseignant"), ("Roy Marc", "enseignant")])
        .phase("A", 18 * 60, true)
        .phase("B", 15 * 60, false)
        .positions("090", Niveau::TresSatisfaisant, &[])
        .notes("090", &["18", "18", "18"])
        .appreciation("090", "Excellent.")
        .validate("090");
    for dir in [salle1.path(), salle2.path()] {
        for f in fs::read_dir(dir).unwrap() {
            let f = f.unwrap().path();
            fs::copy(&f, centre.path().join(f.file_name().unwrap())).unwrap();
        }
    }
    centre
}

#[test]
fn two_rooms_grading_the_same_situation_are_a_conflict_never_a_note() {
    let r = r();
    let d = gathered(&r);
    let rep = review(&r, d.path());
    let e = entry(&rep, "090", "E2");
    assert_eq!(e.status, Status::Conflit);
    assert_eq!(
        sno_jury::review::detail::note_text(&r, e),
        "—",
        "never a note"
    );
    assert_eq!(kinds(e), vec![K::Conflit]);
    let why = &e.anomalies[0].explication;
    assert!(
        why.contains("salle1.jsonl") && why.contains("salle2.jsonl"),
        "{why}"
    );
    assert!(why.contains("Petit Anne"), "names the commissions: {why}");
    assert_eq!(e.conflicts.len(), 1);
    assert_eq!(e.conflicts[0].seances.len(), 2);
    // Each log replays on its own: neither is called broken.
    assert!(
        rep.seances.iter().all(|s| s.trusted()),
        "{:#?}",
        rep.seances
    );
    assert_eq!(entry(&rep, "091", "E2").status, Status::Validee);
}

#[test]
fn export_leaves_a_conflict_out_names_both_logs_and_exits_4() {
    let r = r();
    let d = gathered(&r);
    let out = tmp();
    let csv = out.path().join("notes.csv");
    let assert = cmd(d.path())
        .arg("export")
        .arg("--out")
        .arg(&csv)
        .assert()
        .code(4);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(
        stderr.contains("salle1.jsonl") && stderr.contains("salle2.jsonl"),
        "{stderr}"
    );
    assert!(stderr.contains("conflit"), "{stderr}");
    let text = fs::read_to_string(&csv).unwrap();
    assert!(!text.contains("090"), "no note for a conflict:\n{text}");
    assert!(
        text.contains("091"),
        "the clean candidate is exported:\n{text}"
    );
}

#[test]
fn check_judges_each_log_alone_and_reports_the_conflict_apart() {
    let r = r();
    let d = gathered(&r);
    let assert = cmd(d.path()).arg("check").assert().code(4);
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert!(
        !stdout.contains("ERREUR"),
        "neither log is tampered:\n{stdout}"
    );
    let ok = stdout.lines().filter(|l| l.starts_with("OK  ")).count();
    assert_eq!(ok, 3, "{stdout}");
    let conflict: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with("CONFLIT"))
        .collect();
    assert_eq!(conflict.len(), 1, "{stdout}");
    assert!(conflict[0].contains("n° 090") && conflict[0].contains("salle1.jsonl"));
}

#[test]
fn a_tampered_log_never_shows_validated() {
    let (r, d) = (r(), tmp());
    e2_ponctuel(
        d.path(),
        &r,
        "trafique",
        cand("100", "Fournier", "Rose"),
        t(0),
        true,
    );
    let path = d.path().join("trafique.jsonl");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, text.replace("\"note\":12.5", "\"note\":19.5")).unwrap();
    assert_ne!(
        fs::read_to_string(&path).unwrap(),
        text,
        "the note was altered"
    );
    let rep = review(&r, d.path());
    let e = entry(&rep, "100", "E2");
    assert_eq!(e.status, Status::IntegriteRompue);
    let plain = cmd(d.path()).args(["review", "--plain"]).assert().success();
    let stdout = String::from_utf8_lossy(&plain.get_output().stdout).into_owned();
    assert!(stdout.contains("intégrité rompue"), "{stdout}");
    let about: Vec<&str> = stdout
        .lines()
        .filter(|l| l.contains("FOURNIER") || l.contains("statut :"))
        .collect();
    assert!(!about.is_empty(), "{stdout}");
    for l in about {
        assert!(!l.contains("validée"), "never « validée »: {l}");
    }
}

#[test]
fn a_torn_last_line_is_said_by_export_and_review_and_sets_the_status() {
    let (r, d) = (r(), tmp());
    e2_ponctuel(
        d.path(),
        &r,
        "coupe",
        cand("110", "Blanc", "Paul"),
        t(0),
        true,
    );
    let path = d.path().join("coupe.jsonl");
    let mut bytes = fs::read(&path).unwrap();
    bytes.extend_from_slice(b"{\"seq\":99,\"ts\":\"2025-06-02T08:00:00Z\",\"prev\":\"ab");
    fs::write(&path, bytes).unwrap();
    let out = tmp();
    let csv = out.path().join("notes.csv");
    cmd(d.path())
        .arg("export")
        .arg("--out")
        .arg(&csv)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "dernière ligne incomplète ignorée",
        ))
        .stderr(predicates::str::contains("coupe.jsonl"));
    assert!(fs::read_to_string(&csv).unwrap().contains("110"));
    cmd(d.path())
        .args(["review", "--plain"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "dernière ligne incomplète ignorée",
        ));
}

#[test]
fn an_empty_log_is_never_called_intact() {
    let (r, d) = (r(), tmp());
    fs::write(d.path().join("vide.jsonl"), b"").unwrap();
    fs::write(d.path().join("bruit.jsonl"), b"n'importe quoi").unwrap();
    let rep = review(&r, d.path());
    assert_eq!(rep.orphans.len(), 2);
    for s in &rep.seances {
        assert!(
            !matches!(s.integrity, Integrity::Intact { .. }),
            "{:?}",
            s.integrity
        );
        assert!(!s.integrity.describe().starts_with("intacte"));
    }
}

/// The same two rooms, read where the sync put them: `--sessions` repeated, or a centre's
/// folder whose sub-folders are the rooms (the demonstration séances never read).
#[test]
fn two_rooms_folders_read_together_find_the_conflict() {
    let r = r();
    let centre = tmp();
    let (salle1, salle2) = (centre.path().join("salle1"), centre.path().join("salle2"));
    fs::create_dir_all(&salle1).unwrap();
    fs::create_dir_all(&salle2).unwrap();
    let c = cand("095", "Petit", "Léo");
    e2_ponctuel(&salle1, &r, "s1", c.clone(), t(0), true);
    e2_ponctuel(&salle2, &r, "s2", c, t(900), true);
    // The same séance synced into both rooms' folders is one séance, not a conflict.
    e2_ponctuel(
        &salle1,
        &r,
        "propre",
        cand("096", "Roy", "Ana"),
        t(3600),
        true,
    );
    fs::copy(salle1.join("propre.jsonl"), salle2.join("propre.jsonl")).unwrap();
    fs::create_dir_all(centre.path().join("exemples")).unwrap();
    fs::copy(
        salle2.join("s2.jsonl"),
        centre.path().join("exemples/s3.jsonl"),
    )
    .unwrap();

    let mut repeated = Command::cargo_bin("sno-jury").unwrap();
    repeated.env("TZ", "UTC").env_remove("SNO_SESSIONS");
    repeated
        .args(["verifier", "--sessions"])
        .arg(&salle1)
        .arg("--sessions")
        .arg(&salle2);
    let out = repeated.assert().code(4);
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert_eq!(
        stdout.lines().filter(|l| l.starts_with("CONFLIT")).count(),
        1,
        "{stdout}"
    );
    assert!(!stdout.contains("ERREUR"), "{stdout}");

    // The plan of the day, where the office left it: 097 was expected and never examined.
    fs::write(
        centre.path().join("convocations.csv"),
        "date;heure;épreuve;forme;numéro\n\
         12/05/2025;08:00;E2;ponctuel;095\n\
         12/05/2025;09:00;E2;ponctuel;096\n\
         12/05/2025;10:00;E2;ponctuel;097\n",
    )
    .unwrap();
    let out_dir = tmp();
    for args in [vec!["revue", "--plain"], vec!["exporter", "--out"]] {
        let mut c = cmd(centre.path());
        c.args(&args);
        if args[0] == "exporter" {
            c.arg(out_dir.path().join("notes.csv"));
        }
        let out = c.assert();
        let out = out.get_output();
        let text = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        assert!(text.contains("conflit"), "{args:?}: {text}");
        assert!(
            text.contains("s1.jsonl") && text.contains("s2.jsonl"),
            "{args:?}: {text}"
        );
        assert!(
            !text.contains("s3.jsonl"),
            "exemples/ is never read: {text}"
        );
        assert!(
            text.contains("n° 097, prévu le 12/05/2025 à 10:00 : non examiné"),
            "{args:?}: {text}"
        );
        assert!(!text.contains("n° 096, prévu"), "096 was examined: {text}");
    }
    let rep = sno_jury::review::load_dirs(
        &r,
        &[centre.path().to_path_buf()],
        sno_jury::review::Tz::Utc,
    )
    .unwrap();
    assert_eq!(rep.seances.len(), 3, "s1, s2 and one copy of propre");
    assert_eq!(entry(&rep, "096", "E2").status, Status::Validee);
}
