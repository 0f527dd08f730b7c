//! The commands that follow a folder, as the command line has them: `affichage` and
//! `revue --suivre` described in French, a log named that is not there said at once (before any
//! screen opens), `--suivre` refused with `--plain`.

use crate::kit::cli::*;
use predicates::prelude::*;

#[test]
fn affichage_and_suivre_are_described_in_french() {
    sno()
        .args(["affichage", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Utilisation : sno-jury affichage [OPTIONS] [SEANCE.jsonl]",
        ))
        .stdout(predicate::str::contains(
            "jamais une note, un positionnement ni un nom",
        ))
        .stdout(predicate::str::contains("--sondage"));
    sno()
        .args(["--help"])
        .assert()
        .success()
        .stdout(predicate::str::is_match(r"(?m)^  affichage ").unwrap());
    sno()
        .args(["revue", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("--suivre"))
        .stdout(predicate::str::contains("Tient la revue à jour"));
}

#[test]
fn a_log_that_is_not_there_is_said_before_any_screen() {
    let tmp = tempfile::tempdir().unwrap();
    sno()
        .current_dir(tmp.path())
        .args(["affichage", "absente.jsonl"])
        .assert()
        .code(1)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::eq(
            "Erreur : lecture des séances impossible : absente.jsonl : fichier introuvable.\n",
        ));
}

#[test]
fn suivre_is_a_screen_not_a_text() {
    sno()
        .args(["revue", "--suivre", "--plain"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--suivre ne peut pas être employé avec --plain",
        ));
    // Polling is a way of following: without --suivre it means nothing.
    sno()
        .args(["revue", "--sondage"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--suivre"));
}
