//! The `revue`, `exporter` and `grille` subcommands end to end on the shipped examples (the
//! README's examples, by their French names; one English alias is checked too); the export's
//! format chosen by `--format` or the file's extension (`.xlsx`: a workbook).

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

/// The « Notes » and « Non exportés » sheets of a workbook, as calamine reads them.
fn sheets(path: &Path) -> (Vec<Vec<calamine::Data>>, Vec<Vec<calamine::Data>>) {
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(path).expect("a workbook");
    let mut rows = |name: &str| -> Vec<Vec<calamine::Data>> {
        let range = wb.worksheet_range(name).expect(name);
        range.rows().map(<[calamine::Data]>::to_vec).collect()
    };
    (rows("Notes"), rows("Non exportés"))
}

#[test]
fn an_xlsx_file_gets_a_workbook() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("notes.xlsx");
    cmd()
        .args(["export", "--sessions"])
        .arg(exemples())
        .arg("--out")
        .arg(&out)
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "E1 Roux Inès (n° 02512345603) : épreuve en cours",
        ))
        .stderr(predicate::str::contains("5 ligne(s) écrite(s)"));
    let (notes, left_out) = sheets(&out);
    assert_eq!(notes.len(), 6, "header + 5 validated rows");
    let numero = calamine::Data::String("02512345601".into());
    assert!(
        notes.iter().any(|row| row[0] == numero),
        "numéro kept as text with its zero: {notes:?}"
    );
    let motifs: Vec<String> = left_out[1..].iter().map(|r| r[5].to_string()).collect();
    assert!(
        motifs.contains(&"épreuve en cours".to_string()),
        "{motifs:?}"
    );
    assert!(
        motifs.contains(&"séance d’entraînement, jamais exportée".to_string()),
        "{motifs:?}"
    );
}

#[test]
fn format_xlsx_writes_a_workbook_whatever_the_name() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("notes-jury");
    cmd()
        .args([
            "export",
            "--format",
            "xlsx",
            "--inclure-non-valides",
            "--sessions",
        ])
        .arg(exemples())
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let (notes, _) = sheets(&out);
    assert_eq!(
        notes.len(),
        7,
        "header + 6 rows, the unvalidated one marked"
    );
}

#[test]
fn a_format_contradicting_the_extension_is_refused() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("notes.xlsx");
    cmd()
        .args(["export", "--format", "francais", "--sessions"])
        .arg(exemples())
        .arg("--out")
        .arg(&out)
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "l’extension ne correspond pas au format « francais »",
        ));
    assert!(!out.exists(), "nothing written");
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
