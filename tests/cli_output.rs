//! What the command line prints, against the real binary: control characters from the data
//! never reach the terminal (a name or a file name holding an ESC sequence), a reader closing
//! the pipe early ends the command quietly, and names come in French order.

mod cli_support;

use std::path::Path;
use std::process::Stdio;

use cli_support::*;
use predicates::prelude::*;

/// A name that would clear the screen and retitle the window, plus a C1 CSI and a newline that
/// would forge a line of its own.
const EVIL_NOM: &str = "Du\x1b[2J\x1b]0;pwned\x07pont\u{9b}31m";
const EVIL_PRENOM: &str = "Léa\nOK  faux.jsonl";

fn evil_sessions(dir: &Path) {
    drop(open(dir, "e3-0001", "0001", EVIL_NOM, EVIL_PRENOM, 0));
    // A log whose very file name holds an escape sequence, for `verifier` (Windows refuses
    // control characters in file names).
    let id = if cfg!(unix) {
        "e3-\x1b[31mrouge"
    } else {
        "e3-rouge"
    };
    drop(open(dir, id, "0002", "Martin", "Hugo", 60));
}

/// No ESC, no C1 control, no BEL, no bare CR.
fn assert_clean(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| c.is_control() && c != '\n')
        .collect();
    assert!(bad.is_empty(), "{what} prints {bad:?}:\n{text}");
}

#[test]
fn no_escape_byte_in_any_text_output() {
    let tmp = tempfile::tempdir().unwrap();
    let sessions = tmp.path().join("sessions");
    evil_sessions(&sessions);
    let plain = sno()
        .args(["revue", "--plain", "--sessions"])
        .arg(&sessions)
        .assert()
        .success();
    let stdout = &plain.get_output().stdout;
    assert_clean("revue --plain", stdout);
    let text = String::from_utf8_lossy(stdout);
    assert!(
        text.contains("DU\u{fffd}[2J\u{fffd}]0;PWNED\u{fffd}PONT\u{fffd}31M"),
        "{text}"
    );
    // In the table the newline of the prénom is shown too, so the row stays one line (the
    // detail below keeps a newline from the data as a newline: appréciations have them).
    assert!(text.contains("Léa\u{fffd}OK  faux.jsonl"), "{text}");

    let export = sno()
        .args(["exporter", "--sessions"])
        .arg(&sessions)
        .arg("--out")
        .arg(tmp.path().join("notes.csv"))
        .assert()
        .code(3)
        .stderr(predicate::str::contains("pwned"));
    assert_clean("exporter (stderr)", &export.get_output().stderr);
    assert_clean("exporter (stdout)", &export.get_output().stdout);

    let check = sno()
        .args(["verifier", "--sessions"])
        .arg(&sessions)
        .assert()
        .success()
        .stdout(predicate::str::contains(if cfg!(unix) {
            "e3-\u{fffd}[31mrouge.jsonl"
        } else {
            "e3-rouge.jsonl"
        }));
    assert_clean("verifier", &check.get_output().stdout);
    // The forged line never starts a line of its own.
    let out = String::from_utf8_lossy(&check.get_output().stdout).into_owned();
    assert_eq!(
        out.lines().filter(|l| l.starts_with("OK ")).count(),
        2,
        "{out}"
    );
}

/// Runs the binary with a stdout whose reading end is already closed, as when `| head` has
/// read its lines and gone: every write meets a broken pipe. Returns (exit code, stderr).
fn into_closed_pipe(args: &[&str]) -> (Option<i32>, String) {
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("sno-jury"))
        .args(args)
        .env_remove("SNO_SESSIONS")
        .env("TZ", "UTC")
        .stdout(Stdio::from(writer))
        .stderr(Stdio::piped())
        .output()
        .expect("binary runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if out.status.signal() == Some(13) {
            return (Some(141), stderr);
        }
    }
    (out.status.code(), stderr)
}

#[test]
fn a_pipe_closed_early_ends_quietly() {
    let exemples = concat!(env!("CARGO_MANIFEST_DIR"), "/sessions/exemples");
    for args in [
        vec!["revue", "--plain", "--sessions", exemples],
        vec!["verifier", "--sessions", exemples],
        vec!["referentiel", "--json"],
        vec!["--help"],
    ] {
        let (code, stderr) = into_closed_pipe(&args);
        assert!(
            matches!(code, Some(0 | 141)),
            "{args:?}: {code:?}\n{stderr}"
        );
        assert_eq!(stderr, "", "{args:?}");
    }
    // `exporter` prints on stderr only: a closed stdout changes nothing.
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("notes.csv");
    let (code, stderr) = into_closed_pipe(&[
        "exporter",
        "--sessions",
        exemples,
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(3), "{stderr}");
    assert!(stderr.contains("ligne(s) écrite(s)"), "{stderr}");
}

#[test]
fn names_sort_in_french_order_in_the_review_table() {
    let tmp = tempfile::tempdir().unwrap();
    let sessions = tmp.path().join("sessions");
    let names = [
        ("0001", "Weber", "Paul"),
        ("0002", "Étienne", "Rose"),
        ("0003", "Faure", "Marc"),
        ("0004", "Lévêque", "Ana"),
        ("0005", "Dupont", "Jean"),
        ("0006", "Écrivain", "Lou"),
        ("0007", "Léger", "Tom"),
        ("0008", "dupont", "Ève"),
        ("0009", "Dupont", "Éric"),
    ];
    for (i, (numero, nom, prenom)) in names.iter().enumerate() {
        drop(open(
            &sessions,
            &format!("e3-{numero}"),
            numero,
            nom,
            prenom,
            i as i64 * 60,
        ));
    }
    let out = sno()
        .args(["revue", "--plain", "--sessions"])
        .arg(&sessions)
        .assert()
        .success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    let table: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("Candidat"))
        .skip(1)
        .take_while(|l| !l.is_empty())
        .map(|l| l.split("  ").next().unwrap_or(""))
        .collect();
    assert_eq!(
        table,
        [
            "DUPONT Ève",
            "DUPONT Éric",
            "DUPONT Jean",
            "ÉCRIVAIN Lou",
            "ÉTIENNE Rose",
            "FAURE Marc",
            "LÉGER Tom",
            "LÉVÊQUE Ana",
            "WEBER Paul",
        ],
        "{text}"
    );
}
