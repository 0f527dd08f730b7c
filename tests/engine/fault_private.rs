//! Private by default, and nothing but regular séance files: the folders sno-jury creates are
//! 0700 and its logs 0600; a symbolic link named like a séance is never followed (not to read,
//! not to append, not to create); a FIFO or a folder named `*.jsonl` is skipped; a huge file
//! costs one bounded line of memory; a séance interrupted at its creation by an older version
//! can be removed, and nothing else can; a temporary file left by a crash at creation is
//! replaced, unless a live creation holds it.
#![cfg(unix)]

use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::Path;
use std::process::Command;

use crate::kit::engine::*;
use sno_jury::session::{
    Event, LogStore, MAX_LINE_BYTES, Seance, StoreError, Verdict, check_dir, check_writable,
    list_logs, read_log, remove_interrupted,
};

fn mode(path: &Path) -> u32 {
    std::fs::symlink_metadata(path)
        .unwrap()
        .permissions()
        .mode()
        & 0o777
}

#[test]
fn created_folders_are_0700_and_logs_0600() {
    let r = r();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("jury").join("2025").join("séances");
    let s = Seance::create(&dir, &r, e3_ponctuel(&r, "s1", "0001"), t(0), &no_prior()).unwrap();
    for d in [
        tmp.path().join("jury"),
        tmp.path().join("jury/2025"),
        dir.clone(),
    ] {
        assert_eq!(mode(&d), 0o700, "{}", d.display());
    }
    assert_eq!(mode(s.path()), 0o600);
    let probe = tmp.path().join("autre").join("séances");
    check_writable(&probe).unwrap();
    assert_eq!(mode(&probe), 0o700);
    assert_eq!(mode(&tmp.path().join("autre")), 0o700);
    // An existing folder is left as its owner set it.
    let open = tmp.path().join("partagé");
    std::fs::create_dir(&open).unwrap();
    std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o750)).unwrap();
    Seance::create(&open, &r, e3_ponctuel(&r, "s2", "0002"), t(0), &no_prior()).unwrap();
    assert_eq!(mode(&open), 0o750);
    assert_eq!(mode(&open.join("s2.jsonl")), 0o600);
}

#[test]
fn a_symlink_named_like_a_seance_is_refused_everywhere() {
    let r = r();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("séances");
    let elsewhere = tmp.path().join("ailleurs");
    std::fs::create_dir(&elsewhere).unwrap();
    // A real séance elsewhere, and a link to it in the folder.
    let target = full_e3(&elsewhere, &r, "vraie", "0001")
        .path()
        .to_path_buf();
    std::fs::create_dir(&dir).unwrap();
    let link = dir.join("lien.jsonl");
    symlink(&target, &link).unwrap();
    let before = std::fs::read(&target).unwrap();

    let err = LogStore::open(&link).unwrap_err();
    assert!(matches!(err, StoreError::Refused { .. }), "{err}");
    assert!(err.to_string().contains("lien symbolique"), "{err}");
    assert!(err.to_string().contains("lien.jsonl"), "{err}");
    let err = Seance::resume(&link, &r, &no_prior())
        .unwrap_err()
        .to_string();
    assert!(err.contains("lien symbolique"), "{err}");
    assert!(
        read_log(&link)
            .unwrap_err()
            .to_string()
            .contains("lien symbolique")
    );
    assert_eq!(list_logs(&dir).unwrap(), Vec::<std::path::PathBuf>::new());
    assert!(check_dir(&dir, &r, t(86_400)).is_empty());
    // Creating the séance the link names does not write through it.
    let err = Seance::create(&dir, &r, e3_ponctuel(&r, "lien", "0002"), t(0), &no_prior())
        .unwrap_err()
        .to_string();
    assert!(err.contains("existe déjà"), "{err}");
    // A dangling link is not followed either (it would create the file it points to).
    let dangling = dir.join("pendant.jsonl");
    symlink(elsewhere.join("nouveau.jsonl"), &dangling).unwrap();
    let err = Seance::create(
        &dir,
        &r,
        e3_ponctuel(&r, "pendant", "0003"),
        t(0),
        &no_prior(),
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("existe déjà"), "{err}");
    assert!(!elsewhere.join("nouveau.jsonl").exists());
    assert_eq!(
        std::fs::read(&target).unwrap(),
        before,
        "nothing written through the link"
    );
    assert!(remove_interrupted(&link).is_err());
    assert!(target.exists());
}

#[test]
fn fifos_and_folders_named_like_seances_are_skipped() {
    let r = r();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    full_e3(dir, &r, "vraie", "0001");
    let fifo = dir.join("tube.jsonl");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    std::fs::create_dir(dir.join("dossier.jsonl")).unwrap();
    std::fs::write(dir.join(".cachée.jsonl"), b"").unwrap();
    let logs = list_logs(dir).unwrap();
    assert_eq!(logs, [dir.join("vraie.jsonl")]);
    // Opened by name, a FIFO is refused before anything blocks on it.
    let err = read_log(&fifo).unwrap_err().to_string();
    assert!(err.contains("pas un fichier ordinaire"), "{err}");
    let lines = check_dir(dir, &r, t(86_400));
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0].verdict, Verdict::Ok);
}

#[test]
fn a_huge_file_costs_one_bounded_line_of_memory() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let r = r();
    full_e3(dir, &r, "vraie", "0001");
    // 1 GiB of zeros (sparse: no disk used), no newline.
    let huge = dir.join("énorme.jsonl");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(1 << 30)
        .unwrap();
    let err = read_log(&huge).unwrap_err();
    let StoreError::Corrupt { line, message, .. } = &err else {
        panic!("{err}")
    };
    assert_eq!(*line, 1);
    assert!(message.contains("plus de 1 Mio"), "{message}");
    // The real binary: `check` names it and exits 1, with a small peak of memory.
    let out = Command::new(env!("CARGO_BIN_EXE_sno-jury"))
        .args(["check", "--sessions"])
        .arg(dir)
        .env_remove("SNO_SESSIONS")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("énorme.jsonl, ligne 1 : ligne de plus de 1 Mio"),
        "{stdout}"
    );
    assert!(stdout.contains("OK  "), "{stdout}");
    // SAFETY: getrusage fills the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    assert_eq!(
        unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) },
        0
    );
    let peak_kib = usage.ru_maxrss;
    eprintln!("check over a 1 GiB file: peak resident {peak_kib} KiB");
    assert!(peak_kib < 64 * 1024, "{peak_kib} KiB");
}

#[test]
fn a_record_longer_than_a_line_may_be_is_not_written() {
    let r = r();
    let tmp = tempfile::tempdir().unwrap();
    let mut s = Seance::create(
        tmp.path(),
        &r,
        e3_ponctuel(&r, "s", "0001"),
        t(0),
        &no_prior(),
    )
    .unwrap();
    let before = std::fs::read(s.path()).unwrap();
    let text = "x".repeat(MAX_LINE_BYTES);
    let err = s.record(&r, Event::Remark { text }, t(1)).unwrap_err();
    assert!(err.to_string().contains("limite de 1 Mio"), "{err}");
    assert_eq!(std::fs::read(s.path()).unwrap(), before);
    // The séance goes on.
    let ok = Event::Remark {
        text: "x".repeat(MAX_LINE_BYTES / 2),
    };
    s.record(&r, ok, t(2)).unwrap();
    assert_eq!(read_log(s.path()).unwrap().records.len(), 2);
}

#[test]
fn only_a_seance_interrupted_at_its_creation_can_be_removed() {
    let r = r();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let whole = full_e3(dir, &r, "vraie", "0001").path().to_path_buf();
    let opening = lines(&whole).remove(0);
    // What older versions left: an empty file, or the opening cut anywhere.
    let empty = dir.join("vide.jsonl");
    std::fs::write(&empty, b"").unwrap();
    let torn = dir.join("coupée.jsonl");
    std::fs::write(&torn, &opening.as_bytes()[..opening.len() / 2]).unwrap();
    let junk = dir.join("autre.jsonl");
    std::fs::write(&junk, b"pas un journal").unwrap();
    let not_log = dir.join("notes.txt");
    std::fs::write(&not_log, b"").unwrap();

    for path in [&empty, &torn] {
        let log = read_log(path).unwrap();
        assert!(
            log.interrupted && log.records.is_empty(),
            "{}",
            path.display()
        );
    }
    let lines = check_dir(dir, &r, t(86_400));
    let verdict = |name: &str| {
        lines
            .iter()
            .find(|l| l.file.ends_with(name))
            .map(|l| (l.verdict.clone(), l.to_string()))
            .unwrap()
    };
    for name in ["vide.jsonl", "coupée.jsonl"] {
        let (v, shown) = verdict(name);
        assert!(matches!(v, Verdict::Warning(_)), "{shown}");
        assert!(
            shown.contains("séance interrompue à la création"),
            "{shown}"
        );
    }
    assert!(matches!(verdict("autre.jsonl").0, Verdict::Problem(_)));

    for refused in [&whole, &junk, &not_log] {
        let err = remove_interrupted(refused).unwrap_err();
        assert!(matches!(err, StoreError::Refused { .. }), "{err}");
        assert!(refused.exists());
    }
    // Held by a live instance: not removed under its feet.
    let (held, _) = LogStore::open(&empty).unwrap();
    assert!(matches!(
        remove_interrupted(&empty),
        Err(StoreError::Locked { .. })
    ));
    drop(held);
    remove_interrupted(&empty).unwrap();
    remove_interrupted(&torn).unwrap();
    assert!(!empty.exists() && !torn.exists());
}

#[test]
fn a_temporary_file_left_by_a_crash_is_replaced_unless_a_creation_holds_it() {
    let r = r();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let leftover = dir.join(".s.jsonl.tmp");
    std::fs::write(&leftover, b"{\"seq\":1,\"ts\":").unwrap();
    // Another instance creating the same séance right now holds it.
    let held = std::fs::File::open(&leftover).unwrap();
    held.lock().unwrap();
    let err = Seance::create(dir, &r, e3_ponctuel(&r, "s", "0001"), t(0), &no_prior())
        .unwrap_err()
        .to_string();
    assert!(err.contains("déjà ouverte par une autre instance"), "{err}");
    assert!(!dir.join("s.jsonl").exists());
    drop(held);
    let s = Seance::create(dir, &r, e3_ponctuel(&r, "s", "0001"), t(0), &no_prior()).unwrap();
    assert!(!leftover.exists());
    assert_eq!(read_log(s.path()).unwrap().records.len(), 1);
}
