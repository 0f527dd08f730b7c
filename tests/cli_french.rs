//! The command line in French, against the real binary: subcommand names and their English
//! aliases, clap's help and errors, `--sessions` on either side of the subcommand, and errors as
//! one French sentence with no colours and no source location, with the right verb.

mod cli_support;

use cli_support::*;
use predicates::prelude::*;

fn exemples() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/exemples")
}

/// No ANSI escape, no color-eyre report, no Rust panic.
fn plain_error(stderr: &[u8]) {
    let text = String::from_utf8_lossy(stderr);
    for bad in [
        "\x1b",
        "Location:",
        "Backtrace",
        "panicked",
        "error:",
        "Usage:",
    ] {
        assert!(!text.contains(bad), "{bad:?} in:\n{text}");
    }
}

#[test]
fn help_is_in_french() {
    for args in [vec!["--help"], vec!["-h"]] {
        sno()
            .args(&args)
            .assert()
            .success()
            .stdout(predicate::str::contains(
                "Utilisation : sno-jury [OPTIONS] [COMMANDE]",
            ))
            .stdout(predicate::str::contains("Commandes :"))
            .stdout(predicate::str::contains("Options :"))
            .stdout(predicate::str::contains("Affiche cette aide"))
            .stdout(predicate::str::contains("Affiche la version"))
            .stdout(predicate::str::is_match(r"(?m)^  revue ").unwrap())
            .stdout(predicate::str::is_match(r"(?m)^  exporter ").unwrap())
            .stdout(predicate::str::is_match(r"(?m)^  verifier ").unwrap())
            .stdout(predicate::str::contains("Usage").not())
            .stdout(predicate::str::contains("Print help").not());
    }
    sno()
        .args(["exporter", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Utilisation : sno-jury exporter"))
        .stdout(predicate::str::contains("valeurs possibles"))
        .stdout(predicate::str::contains("[default").not());
}

#[test]
fn parse_errors_are_in_french_with_status_2() {
    let unknown = sno()
        .args(["revue", "--plein"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::starts_with(
            "Erreur : argument inattendu « --plein ».\n",
        ))
        .stderr(predicate::str::contains("Vouliez-vous dire « --plain » ?"))
        .stderr(predicate::str::contains("Utilisation : sno-jury revue"));
    plain_error(&unknown.get_output().stderr);
    let missing =
        sno()
            .args(["exporter", "--out"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(
                "Erreur : une valeur est attendue après --out <FICHIER>.",
            ));
    plain_error(&missing.get_output().stderr);
    sno()
        .arg("exporter")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "argument obligatoire manquant : --out <FICHIER>",
        ));
    sno()
        .arg("revu")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("commande inconnue « revu »"))
        .stderr(predicate::str::contains("Vouliez-vous dire « revue » ?"));
    sno()
        .args(["exporter", "--out", "x.csv", "--format", "tableur"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "valeur « tableur » invalide pour --format",
        ))
        .stderr(predicate::str::contains(
            "Valeurs possibles : francais, standard",
        ));
}

#[test]
fn english_names_stay_aliases() {
    for (fr, en) in [
        ("revue", "review"),
        ("verifier", "check"),
        ("exporter", "export"),
    ] {
        let args = |name: &str| vec![name.to_string(), "--help".to_string()];
        let a = sno().args(args(fr)).assert().success();
        let b = sno().args(args(en)).assert().success();
        assert_eq!(a.get_output().stdout, b.get_output().stdout, "{fr} / {en}");
    }
}

#[test]
fn sessions_before_or_after_the_subcommand() {
    let before = sno()
        .arg("--sessions")
        .arg(exemples())
        .arg("verifier")
        .assert()
        .success();
    let after = sno()
        .arg("verifier")
        .arg("--sessions")
        .arg(exemples())
        .assert()
        .success();
    let stdout = &before.get_output().stdout;
    assert_eq!(stdout, &after.get_output().stdout);
    assert!(
        String::from_utf8_lossy(stdout).contains("2025-06-02-E1-A-groupe1.jsonl"),
        "the folder given before the subcommand was ignored"
    );
    // The option wins over the environment, on either side.
    let elsewhere = tempfile::tempdir().unwrap();
    let env = sno()
        .env("SNO_SESSIONS", elsewhere.path())
        .arg("--sessions")
        .arg(exemples())
        .args(["revue", "--plain"])
        .assert()
        .success();
    let plain = sno()
        .args(["revue", "--plain", "--sessions"])
        .arg(exemples())
        .assert()
        .success();
    assert_eq!(env.get_output().stdout, plain.get_output().stdout);
}

#[test]
fn an_error_through_a_pipe_is_one_plain_french_sentence() {
    let tmp = tempfile::tempdir().unwrap();
    let absent = tmp.path().join("absent");
    let out = sno()
        .args(["revue", "--plain", "--sessions"])
        .arg(&absent)
        .assert()
        .code(1)
        .stdout("");
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert_eq!(
        stderr,
        format!(
            "Erreur : lecture des séances impossible : {} : dossier introuvable.\n",
            absent.display()
        )
    );
    plain_error(out.get_output().stderr.as_slice());
    sno()
        .arg("--candidats")
        .arg(tmp.path().join("liste.csv"))
        .assert()
        .code(1)
        .stderr(predicate::str::ends_with(
            "liste.csv : fichier introuvable.\n",
        ));
}

#[cfg(unix)]
#[test]
fn a_refused_read_is_not_called_a_refused_write() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let wrapper: Vec<&str> = if euid() == 0 {
        // Root reads anything: run as nobody, as tests/fault_disk.rs does.
        if std::process::Command::new("setpriv")
            .arg("--version")
            .output()
            .is_err()
        {
            eprintln!("skipped: running as root without setpriv, no read can be refused");
            return;
        }
        vec![
            "setpriv",
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
        ]
    } else {
        vec![]
    };
    std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let csv = tmp.path().join("liste.csv");
    std::fs::write(&csv, "numéro;nom\n1;Martin\n").unwrap();
    std::fs::set_permissions(&csv, std::fs::Permissions::from_mode(0o000)).unwrap();
    let sessions = tmp.path().join("séances");
    std::fs::create_dir(&sessions).unwrap();
    std::fs::set_permissions(&sessions, std::fs::Permissions::from_mode(0o000)).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("sno-jury");
    let run = |args: &[&std::ffi::OsStr]| {
        let mut c = std::process::Command::new(
            wrapper
                .first()
                .map_or(bin.as_os_str(), |w| std::ffi::OsStr::new(w)),
        );
        if !wrapper.is_empty() {
            c.args(&wrapper[1..]).arg(&bin);
        }
        let out = c
            .args(args)
            .current_dir(tmp.path())
            .env_remove("SNO_SESSIONS")
            .output()
            .expect("runs");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, stderr) = run(&["--candidats".as_ref(), csv.as_os_str()]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("lecture refusée (droits insuffisants)"),
        "{stderr}"
    );
    assert!(!stderr.contains("écriture"), "{stderr}");
    let (code, stderr) = run(&[
        "revue".as_ref(),
        "--plain".as_ref(),
        "--sessions".as_ref(),
        sessions.as_os_str(),
    ]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("accès au dossier refusé"), "{stderr}");
    assert!(!stderr.contains("écriture"), "{stderr}");
}

#[cfg(unix)]
fn euid() -> u32 {
    let out = std::process::Command::new("id")
        .arg("-u")
        .output()
        .expect("id -u");
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .expect("numeric uid")
}
