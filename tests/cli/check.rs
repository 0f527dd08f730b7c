//! `sno-jury verifier` (alias `check`) against the real binary: accepts intact logs (E1 CCF B checked against the
//! grid A left), and detects a changed character, a removed line, two lines swapped, a truncated
//! file, an event the référentiel refuses and implausible times even when the chain was rebuilt
//! around them; a séance interrompue à la création is a warning (exit 2), not tampering.

use std::path::{Path, PathBuf};

use crate::kit::engine::*;
use assert_cmd::Command;
use predicates::prelude::*;
use sno_jury::referentiel::FormeKind;
use sno_jury::session::{GENESIS, Seance, Verdict, check_dir, prior_grids};

fn check(dir: &Path) -> assert_cmd::assert::Assert {
    Command::cargo_bin("sno-jury")
        .unwrap()
        .args(["verifier", "--sessions"])
        .arg(dir)
        .env_remove("SNO_SESSIONS")
        .assert()
}

/// A directory with an E3 ponctuel séance and an E1 CCF A + B pair; returns the E3 log.
fn sessions(dir: &Path) -> std::path::PathBuf {
    let r = r();
    let e3 = full_e3(dir, &r, "e3-0001", "0001").path().to_path_buf();
    let a = info(
        &r,
        "e1-a",
        "E1",
        FormeKind::Ccf,
        "A",
        candidats(&["0101", "0102"]),
    );
    let mut s = Seance::create(dir, &r, a, t(0), &no_prior()).unwrap();
    let mut clock = 0;
    record_all(&mut s, &r, positions(&r, "0101", &["C1.1"]), &mut clock);
    drop(s);
    let prior = prior_grids(dir, &r, "E1", &["0101".into()], None).unwrap();
    let b = info(&r, "e1-b", "E1", FormeKind::Ccf, "B", candidats(&["0101"]));
    let mut s = Seance::create(dir, &r, b, t(90_000), &prior).unwrap();
    let mut clock = 90_000;
    let events = e1_ccf_b_completion(&r, "0101");
    record_all(&mut s, &r, events, &mut clock);
    e3
}

#[test]
fn intact_logs_are_ok() {
    let dir = tempfile::tempdir().unwrap();
    let e3 = sessions(dir.path());
    let n = lines(&e3).len();
    check(dir.path())
        .success()
        .stdout(predicate::str::contains(format!(
            "OK  {} ({n} évènements",
            e3.display()
        )))
        .stdout(predicate::str::contains("e1-a.jsonl").and(predicate::str::contains("e1-b.jsonl")))
        .stdout(predicate::str::contains("ERREUR").not());
    let report = check_dir(dir.path(), &r(), chrono::Utc::now());
    assert_eq!(report.len(), 3);
    assert!(
        report.iter().all(|l| l.verdict == Verdict::Ok),
        "{report:?}"
    );
}

#[test]
fn the_sessions_directory_comes_from_the_environment_too() {
    let dir = tempfile::tempdir().unwrap();
    sessions(dir.path());
    Command::cargo_bin("sno-jury")
        .unwrap()
        // The English name stays an alias.
        .arg("check")
        .env("SNO_SESSIONS", dir.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("e1-b.jsonl"));
    let empty = tempfile::tempdir().unwrap();
    check(empty.path())
        .success()
        .stdout(predicate::str::contains("Aucune séance"));
    check(&empty.path().join("absent"))
        .code(1)
        .stdout(predicate::str::contains("ERREUR"));
}

fn tampered(edit: impl FnOnce(&mut Vec<String>)) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let e3 = sessions(dir.path());
    let mut ls = lines(&e3);
    edit(&mut ls);
    write_lines(&e3, &ls);
    (dir, e3)
}

#[test]
fn a_changed_character_in_a_middle_line_is_detected() {
    // Still valid JSON: only the chain can tell.
    let (dir, e3) = tampered(|ls| ls[8] = ls[8].replace("Bonne", "Bonnes"));
    check(dir.path())
        .code(1)
        .stdout(predicate::str::contains(format!(
            "ERREUR  {}, ligne 10 : chaînage rompu",
            e3.display()
        )))
        .stdout(predicate::str::contains("OK  ").count(2));
    // Breaking the JSON is named as such, on its own line.
    let (dir, _) = tampered(|ls| ls[3] = ls[3].replacen('{', "[", 1));
    check(dir.path()).code(1).stdout(predicate::str::contains(
        "ligne 4 : enregistrement illisible",
    ));
}

#[test]
fn a_removed_line_is_detected() {
    let (dir, e3) = tampered(|ls| {
        ls.remove(5);
    });
    check(dir.path())
        .code(1)
        .stdout(predicate::str::contains(format!(
            "ERREUR  {}, ligne 6 : numéro de séquence 7 au lieu de 6",
            e3.display()
        )));
}

#[test]
fn two_swapped_lines_are_detected() {
    let (dir, _) = tampered(|ls| ls.swap(3, 4));
    check(dir.path())
        .code(1)
        .stdout(predicate::str::contains(", ligne 4 : numéro de séquence 5"));
}

#[test]
fn a_truncated_file_is_detected() {
    let dir = tempfile::tempdir().unwrap();
    let e3 = sessions(dir.path());
    let bytes = std::fs::read(&e3).unwrap();
    let n = lines(&e3).len();
    // Cut inside the last line: a torn tail, reported and failing the check (exit 2).
    std::fs::write(&e3, &bytes[..bytes.len() - 20]).unwrap();
    check(dir.path())
        .code(2)
        .stdout(predicate::str::contains(format!("ligne {n} incomplète")))
        .stdout(predicate::str::contains("ATTENTION"));
    // Cut at a line boundary: the chain alone cannot see it, but the empreinte printed for the
    // log changes, which is what coordinators compare with the one noted at sign-off.
    std::fs::write(&e3, &bytes).unwrap();
    let intact = check_dir(dir.path(), &r(), chrono::Utc::now());
    let cut = bytes.len() - lines(&e3)[n - 1].len() - 1;
    std::fs::write(&e3, &bytes[..cut]).unwrap();
    let after = check_dir(dir.path(), &r(), chrono::Utc::now());
    let e3_line =
        |v: &[sno_jury::session::CheckLine]| v.iter().find(|l| l.file == e3).cloned().unwrap();
    assert_ne!(e3_line(&intact).tip, e3_line(&after).tip);
    assert_eq!(e3_line(&after).records, n - 1);
    let tip = e3_line(&intact).tip.unwrap();
    check(dir.path()).stdout(predicate::str::contains(&tip[..16]).not());
}

/// Rebuilds seq and prev over edited records, as a forger who knows the format would.
fn rechain(values: &[serde_json::Value]) -> Vec<String> {
    let mut prev = GENESIS.to_string();
    let mut out = Vec::new();
    for (i, v) in values.iter().enumerate() {
        let mut v = v.clone();
        v["seq"] = (i + 1).into();
        v["prev"] = prev.clone().into();
        let line = serde_json::to_string(&v).unwrap();
        use sha2::Digest;
        prev = sha2::Sha256::digest(line.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        out.push(line);
    }
    out
}

#[test]
fn an_event_the_referentiel_refuses_is_detected_even_with_a_sound_chain() {
    let (dir, e3) = tampered(|ls| {
        let mut values: Vec<serde_json::Value> = ls
            .iter()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let at = values
            .iter()
            .position(|v| v["event"]["type"] == "note_set")
            .unwrap();
        values[at]["event"]["note"] = 25.into();
        *ls = rechain(&values);
        assert!(!ls.is_empty());
    });
    check(dir.path())
        .code(1)
        .stdout(predicate::str::contains(format!(
            "ERREUR  {}, ligne",
            e3.display()
        )))
        .stdout(predicate::str::contains(
            "évènement refusé : note 25 hors de 0–20",
        ));
    // Removing situation A makes B's validation of the shared E1 grid incomplete.
    let dir = tempfile::tempdir().unwrap();
    sessions(dir.path());
    std::fs::remove_file(dir.path().join("e1-a.jsonl")).unwrap();
    check(dir.path())
        .code(1)
        .stdout(predicate::str::contains("e1-b.jsonl, ligne"))
        .stdout(predicate::str::contains("grille incomplète"));
}

#[test]
fn a_seance_interrupted_at_its_creation_is_a_warning_not_tampering() {
    let dir = tempfile::tempdir().unwrap();
    let e3 = sessions(dir.path());
    // What older versions left when killed at creation: an empty file, or half an opening.
    std::fs::write(dir.path().join("vide.jsonl"), b"").unwrap();
    let opening = lines(&e3).remove(0);
    let half = &opening.as_bytes()[..opening.len() / 2];
    std::fs::write(dir.path().join("coupée.jsonl"), half).unwrap();
    check(dir.path())
        .code(2)
        .stdout(predicate::str::contains("ATTENTION").count(2))
        .stdout(predicate::str::contains("séance interrompue à la création").count(2))
        .stdout(predicate::str::contains("ERREUR").not());
}

/// The E3 log's values, edited by `edit` then rechained.
fn forged(edit: impl FnOnce(&mut Vec<serde_json::Value>)) -> (tempfile::TempDir, PathBuf) {
    tampered(|ls| {
        let mut values: Vec<serde_json::Value> = ls
            .iter()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        edit(&mut values);
        *ls = rechain(&values);
    })
}

fn line_of(values: &[serde_json::Value], kind: &str) -> usize {
    values
        .iter()
        .position(|v| v["event"]["type"] == kind)
        .unwrap()
}

#[test]
fn implausible_times_are_refused_with_the_line_named() {
    // A phase that ends before it starts.
    let mut at = 0;
    let (dir, e3) = forged(|values| {
        at = line_of(values, "phase_ended_early");
        values[at]["ts"] = "2025-06-10T07:00:00Z".into();
    });
    check(dir.path())
        .code(1)
        .stdout(predicate::str::contains(format!(
            "ERREUR  {}, ligne {} : horodatage 2025-06-10T07:00:00Z antérieur à l’ouverture",
            e3.display(),
            at + 1
        )));
    let (dir, e3) = forged(|values| {
        at = line_of(values, "phase_ended_early");
        let start = line_of(values, "phase_started");
        values[start]["ts"] = "2025-06-10T08:30:00Z".into();
    });
    check(dir.path())
        .code(1)
        .stdout(predicate::str::contains(format!(
            "ERREUR  {}, ligne {} : la phase « A » finit avant d’avoir commencé",
            e3.display(),
            at + 1
        )));
    // Far in the future, and a phase of 68 years.
    let (dir, _) = forged(|values| {
        let last = values.len() - 1;
        values[last]["ts"] = "2093-01-01T00:00:00Z".into();
    });
    check(dir.path())
        .code(1)
        .stdout(predicate::str::contains("postérieur de plus de 24 h"));
    let (dir, _) = forged(|values| {
        values[0]["ts"] = "1970-01-01T00:00:00Z".into();
        for v in values.iter_mut().skip(1) {
            if v["event"]["type"] != "phase_ended_early" {
                v["ts"] = "1970-01-01T00:00:01Z".into();
            }
        }
    });
    check(dir.path())
        .code(1)
        .stdout(predicate::str::contains("durerait plus de 7 jours"));
}
