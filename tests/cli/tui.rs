//! The jury app's command line, before any terminal is needed: a bad candidates file or speed
//! is refused with a French message naming the file or the value.

use crate::kit::cli::sno;
use predicates::str::contains;

#[test]
fn a_missing_candidates_file_is_named() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("absent.csv");
    sno()
        .args(["--sessions", tmp.path().to_str().unwrap()])
        .arg("--candidats")
        .arg(&missing)
        .assert()
        .failure()
        .stderr(contains("absent.csv"));
}

#[test]
fn a_candidates_file_without_the_required_columns_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let csv = tmp.path().join("liste.csv");
    std::fs::write(&csv, "prénom;ville\nLéa;Lyon\n").unwrap();
    sno()
        .arg("--candidats")
        .arg(&csv)
        .assert()
        .failure()
        .stderr(contains("liste.csv"))
        .stderr(contains("colonne « numéro » et « nom » introuvable"));
}

#[test]
fn the_training_speed_is_a_positive_whole_number() {
    sno()
        .args(["--vitesse", "0"])
        .assert()
        .failure()
        .stderr(contains("--vitesse"));
    sno()
        .args(["--vitesse", "x"])
        .assert()
        .failure()
        .stderr(contains("--vitesse"));
}

#[test]
fn the_help_lists_the_jury_options() {
    sno()
        .arg("--help")
        .assert()
        .success()
        .stdout(contains("--sessions"))
        .stdout(contains("--candidats"))
        .stdout(contains("--vitesse"));
}
