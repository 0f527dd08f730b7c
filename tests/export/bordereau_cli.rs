//! `bordereau` and `grille --tous` against the real binary, on the shipped examples: what is
//! written, what stderr says, the exit statuses, the filters and their French errors; every
//! fingerprint `verifier` prints is on the bordereau.

use crate::kit::cli::sno;
use crate::kit::exemples;
use assert_cmd::Command;
use predicates::prelude::*;

/// The binary on the shipped examples.
fn cmd() -> Command {
    let mut c = sno();
    c.arg("--sessions").arg(exemples());
    c
}

#[test]
fn bordereau_carries_every_fingerprint_verifier_prints_and_lists_what_to_regularise() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("bordereau.html");
    cmd()
        .args(["bordereau", "--out"])
        .arg(&out)
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "1 candidat × épreuve à régulariser :\n  E1 Roux Inès (n° 02512345603) : épreuve en \
             cours",
        ))
        .stderr(predicate::str::contains("5 bordereau(x)"));
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    let verifier = cmd().arg("verifier").assert().success();
    let stdout = String::from_utf8_lossy(&verifier.get_output().stdout).into_owned();
    let mut seen = 0;
    for line in stdout.lines().filter(|l| l.starts_with("OK  ")) {
        let print = line
            .split("empreinte ")
            .nth(1)
            .and_then(|p| p.strip_suffix(')'))
            .unwrap_or_else(|| panic!("{line}"));
        assert_eq!(print.len(), 16, "{line}");
        // A training run is never an exam: no bordereau names it.
        if line.contains("entrainement") {
            assert!(!html.contains(print), "{line}");
        } else {
            assert!(html.contains(print), "{line} not on the bordereau");
            seen += 1;
        }
    }
    assert_eq!(seen, 6, "{stdout}");
}

#[test]
fn filters_choose_the_day_the_epreuve_and_the_commission() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("b.html");
    cmd()
        .args(["bordereau", "--date", "05/06/2025", "--out"])
        .arg(&out)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "1 bordereau(x), 2 note(s) ou statut(s) écrit(s)",
        ));
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("MARTIN") && html.contains("PETIT") && !html.contains("ROUX"));
    cmd()
        .args([
            "bordereau",
            "--commission",
            "Sencer",
            "--commission",
            "belkacem",
        ])
        .arg("--out")
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("Erreur : rien à imprimer dans"));
    cmd()
        .args(["bordereau", "--date", "5 juin", "--out"])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("attendu JJ/MM/AAAA"));
}

#[test]
fn grille_tous_writes_every_grid_of_the_filter_each_on_new_sheets() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("grilles.html");
    cmd()
        .args(["grille", "--tous", "--epreuve", "E2", "--out"])
        .arg(&out)
        .assert()
        .success()
        .stderr(predicate::str::contains("2 grille(s) écrite(s)"));
    let html = std::fs::read_to_string(&out).unwrap();
    assert_eq!(html.matches("page 1 / ").count(), 2);
    // In the bordereaux' order: the 10/06 ponctuel before the 12/06 CCF.
    let faure = html.find("FAURE Yanis").unwrap();
    let martin = html.find("MARTIN Léa").unwrap();
    assert!(faure < martin);
    // One target, or all: not both; filters only go with --tous.
    cmd()
        .args(["grille", "02512345601", "--tous", "--out"])
        .arg(&out)
        .assert()
        .code(2);
    cmd()
        .args(["grille", "02512345601", "--epreuve", "E1", "--out"])
        .arg(&out)
        .assert()
        .code(2);
    cmd().args(["grille", "--out"]).arg(&out).assert().code(2);
}

#[test]
fn the_paper_is_never_written_into_the_sessions_folder() {
    let base = tempfile::tempdir().unwrap();
    let sessions = base.path().join("sessions");
    std::fs::create_dir(&sessions).unwrap();
    for f in std::fs::read_dir(exemples()).unwrap() {
        let f = f.unwrap().path();
        if f.extension().is_some_and(|e| e == "jsonl") {
            std::fs::copy(&f, sessions.join(f.file_name().unwrap())).unwrap();
        }
    }
    let mut c = Command::cargo_bin("sno-jury").unwrap();
    c.env_remove("SNO_SESSIONS")
        .arg("--sessions")
        .arg(&sessions)
        .args(["bordereau", "--out"])
        .arg(sessions.join("bordereau.html"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("dossier des séances"));
    assert!(!sessions.join("bordereau.html").exists());
}
