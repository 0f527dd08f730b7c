//! The `revue`, `exporter` and `grille` subcommands end to end on the shipped examples (the
//! README's examples, by their French names; one English alias is checked too).

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn exemples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/exemples")
}

fn cmd() -> Command {
    let mut c = Command::cargo_bin("sno-jury").unwrap();
    c.env("TZ", "UTC").env_remove("SNO_SESSIONS");
    c
}

#[test]
fn export_lists_what_is_left_out_and_exits_3() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("notes.csv");
    cmd()
        .args(["exporter", "--sessions"])
        .arg(exemples())
        .arg("--out")
        .arg(&out)
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "E1 Roux Inès (n° 02512345603) : épreuve en cours",
        ))
        .stderr(predicate::str::contains("mode entraînement ignoré"));
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with('\u{feff}'));
    assert_eq!(
        text.lines().count(),
        6,
        "header + 5 validated rows:\n{text}"
    );
    assert!(!text.contains("Roux"));
    assert_eq!(
        std::fs::read_dir(d.path()).unwrap().count(),
        1,
        "no temporary file left"
    );
}

#[test]
fn export_with_unvalidated_rows_succeeds() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("notes.csv");
    cmd()
        .env("SNO_SESSIONS", exemples())
        .args([
            "exporter",
            "--format",
            "standard",
            "--inclure-non-valides",
            "--out",
        ])
        .arg(&out)
        .assert()
        .success();
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(!text.starts_with('\u{feff}'));
    assert!(text.contains("NON VALIDÉE : épreuve en cours"));
}

#[test]
fn review_plain_prints_the_table_and_details() {
    cmd()
        .args(["revue", "--plain", "--sessions"])
        .arg(exemples())
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "7 séance(s), 7 candidat × épreuve",
        ))
        .stdout(predicate::str::contains("MARTIN Léa"))
        .stdout(predicate::str::contains("Amendements après validation (1)"))
        .stdout(
            predicate::str::contains("intégrité")
                .not()
                .or(predicate::str::contains("Intégrité : intacte")),
        );
}

#[test]
fn grille_writes_html_and_refuses_an_unknown_target() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("grille.html");
    cmd()
        .args(["grille", "02512345602", "--sessions"])
        .arg(exemples())
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("PETIT Hugo"));
    cmd()
        .args(["grille", "personne", "--sessions"])
        .arg(exemples())
        .arg("--out")
        .arg(&out)
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "aucune séance ni personne candidate « personne »",
        ));
}
