//! The `referentiel`, `--help` and `--version` commands of the real binary.

use crate::kit::cli::sno;
use predicates::prelude::*;

#[test]
fn referentiel_prints_every_epreuve_in_french() {
    sno()
        .arg("referentiel")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "E1 — Contribution à la présence en ligne",
        ))
        .stdout(predicate::str::contains(
            "E3 — Accompagnement des utilisateurs",
        ))
        .stdout(predicate::str::contains(
            "Phase A : Production d’une ressource",
        ))
        .stdout(predicate::str::contains("2 h"))
        .stdout(predicate::str::contains(
            "C2.2 Participer à la gestion des outils bureautiques",
        ))
        .stdout(predicate::str::contains("7 critères d’évaluation"))
        .stdout(predicate::str::contains(
            "38 critères d’évaluation au total",
        ));
}

#[test]
fn referentiel_json_round_trips() {
    let out = sno().args(["referentiel", "--json"]).assert().success();
    let json = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let parsed: sno_jury::referentiel::Referentiel = serde_json::from_str(&json).unwrap();
    assert_eq!(parsed, sno_jury::referentiel::load_embedded().unwrap());
}

#[test]
fn another_referentiel_folder_is_used_and_errors_name_the_file() {
    let dir = tempfile::tempdir().unwrap();
    sno()
        .args(["--referentiel", dir.path().to_str().unwrap(), "referentiel"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("diplome.json"));
}

#[test]
fn help_and_version() {
    sno()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("referentiel"));
    sno()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::contains(env!("CARGO_PKG_VERSION")));
}
