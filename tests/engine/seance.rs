//! The engine and the log store on disk: refused events are never written, a resumed séance
//! has the live state, torn tails and corruption (what carries between séances: `carry.rs`).

use crate::kit::engine::*;
use sno_jury::grading::{Niveau, Points};
use sno_jury::session::{
    EngineError, Event, EventError, GENESIS, LogStore, Seance, StoreError, list_logs, read_log,
};

#[test]
fn record_format_chains_from_genesis() {
    let r = r();
    let dir = tempfile::tempdir().unwrap();
    let s = full_e3(dir.path(), &r, "e3-0001", "0001");
    let text = std::fs::read_to_string(s.path()).unwrap();
    assert!(text.ends_with('\n'));
    let lines: Vec<&str> = text.lines().collect();
    let first: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(first["seq"], 1);
    assert_eq!(first["prev"], GENESIS);
    assert_eq!(first["ts"], "2025-06-10T08:00:00Z");
    assert_eq!(first["event"]["type"], "seance_opened");
    let second: serde_json::Value = serde_json::from_str(lines[1]).unwrap();
    assert_eq!(second["seq"], 2);
    use sha2::Digest;
    let digest = sha2::Sha256::digest(lines[0].as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(second["prev"], hex.as_str());
    assert_eq!(lines.len() as u64, s.state().last_seq);
}

#[test]
fn refused_events_are_not_written() {
    let r = r();
    let dir = tempfile::tempdir().unwrap();
    let mut s = Seance::create(
        dir.path(),
        &r,
        e3_ponctuel(&r, "e3-1", "0001"),
        t(0),
        &no_prior(),
    )
    .unwrap();
    let mut clock = 0;
    record_all(&mut s, &r, vec![member("Durand", "enseignant")], &mut clock);
    let before = std::fs::read(s.path()).unwrap();
    let state_before = s.state().clone();
    let refused = [
        Event::PhaseStarted { phase: "B".into() },
        Event::NoteSet {
            candidat: "0001".into(),
            competence: "C3.1".into(),
            note: Points::from_whole(21),
        },
        Event::CriterionPositioned {
            candidat: "0001".into(),
            critere: "C1.1-1".into(),
            niveau: Niveau::Satisfaisant,
        },
        Event::GridValidated {
            candidat: "0001".into(),
        },
        Event::Resumed,
        Event::SeanceOpened {
            seance: Box::new(e3_ponctuel(&r, "other", "0002")),
        },
    ];
    for e in refused {
        let kind = e.kind();
        let err = s.record(&r, e, t(100)).unwrap_err();
        assert!(matches!(err, EngineError::Refused(_)), "{kind}: {err}");
        assert_eq!(
            std::fs::read(s.path()).unwrap(),
            before,
            "{kind} was written"
        );
        assert_eq!(s.state(), &state_before);
    }
    // The séance goes on normally after refusals.
    record_all(
        &mut s,
        &r,
        vec![Event::PhaseStarted { phase: "A".into() }],
        &mut clock,
    );
    assert_eq!(read_log(s.path()).unwrap().records.len(), 3);
}

#[test]
fn refused_seance_leaves_no_file_and_existing_is_not_overwritten() {
    let r = r();
    let dir = tempfile::tempdir().unwrap();
    let mut bad = e3_ponctuel(&r, "bad", "0001");
    bad.situation = "Z".into();
    let err = Seance::create(dir.path(), &r, bad, t(0), &no_prior()).unwrap_err();
    assert!(matches!(
        err,
        EngineError::Refused(EventError::UnknownSituation(_))
    ));
    assert!(list_logs(dir.path()).unwrap().is_empty());

    let s = full_e3(dir.path(), &r, "e3-2", "0001");
    let before = std::fs::read(s.path()).unwrap();
    drop(s);
    let again = Seance::create(
        dir.path(),
        &r,
        e3_ponctuel(&r, "e3-2", "9"),
        t(9),
        &no_prior(),
    );
    assert!(matches!(
        again,
        Err(EngineError::Store(StoreError::Exists { .. }))
    ));
    assert_eq!(
        std::fs::read(dir.path().join("e3-2.jsonl")).unwrap(),
        before
    );

    let sneaky = Seance::create(
        dir.path(),
        &r,
        e3_ponctuel(&r, "../x", "1"),
        t(0),
        &no_prior(),
    );
    assert!(matches!(
        sneaky,
        Err(EngineError::Store(StoreError::Io { .. }))
    ));
}

#[test]
fn resume_reproduces_the_state() {
    let r = r();
    let dir = tempfile::tempdir().unwrap();
    let s = full_e3(dir.path(), &r, "e3-3", "0001");
    let live = s.state().clone();
    let path = s.path().to_path_buf();
    drop(s);
    let (mut back, warning) = Seance::resume(&path, &r, &no_prior()).unwrap();
    assert_eq!(warning, None);
    assert_eq!(back.state(), &live);
    assert!(back.state().grids["0001"].is_validated());
    // Appends after a resume continue the chain.
    let mut clock = 1000;
    record_all(
        &mut back,
        &r,
        vec![Event::Remark {
            text: "après reprise".into(),
        }],
        &mut clock,
    );
    drop(back);
    assert_eq!(
        read_log(&path).unwrap().records.len() as u64,
        live.last_seq + 1
    );
}

#[test]
fn a_second_writer_is_refused_with_a_clear_message() {
    let r = r();
    let dir = tempfile::tempdir().unwrap();
    let s = full_e3(dir.path(), &r, "e3-4", "0001");
    // A second handle in the same process is refused too (flock is per open file).
    let err = LogStore::open(s.path()).unwrap_err();
    assert!(matches!(err, StoreError::Locked { .. }));
    let msg = Seance::resume(s.path(), &r, &no_prior())
        .unwrap_err()
        .to_string();
    assert!(msg.contains("e3-4.jsonl"), "{msg}");
    assert!(msg.contains("déjà ouverte par une autre instance"), "{msg}");
    // Reading (review, check) needs no lock.
    assert!(read_log(s.path()).is_ok());
    let path = s.path().to_path_buf();
    drop(s);
    assert!(
        LogStore::open(&path).is_ok(),
        "the lock goes with its séance"
    );
}

#[cfg(unix)]
#[test]
fn logs_are_private_to_their_user() {
    use std::os::unix::fs::PermissionsExt;
    let r = r();
    let dir = tempfile::tempdir().unwrap();
    let sessions = dir.path().join("sessions");
    let s = full_e3(&sessions, &r, "e3-5", "0001");
    let mode = std::fs::metadata(s.path()).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    let mode = std::fs::metadata(&sessions).unwrap().permissions().mode();
    assert_eq!(mode & 0o077, 0, "a created sessions directory is private");
}

#[test]
fn a_torn_last_line_is_cut_with_a_warning() {
    let r = r();
    let dir = tempfile::tempdir().unwrap();
    let s = full_e3(dir.path(), &r, "e3-6", "0001");
    let live = s.state().clone();
    let path = s.path().to_path_buf();
    drop(s);
    let intact = std::fs::read(&path).unwrap();
    let n = live.last_seq as usize;
    let mut torn = intact.clone();
    torn.extend_from_slice(br#"{"seq":99,"ts":"2025-06-10T09:0"#);
    std::fs::write(&path, &torn).unwrap();

    // Reading only warns, and leaves the file alone.
    let read = read_log(&path).unwrap();
    assert_eq!(read.records.len(), n);
    let warning = read.warning.unwrap();
    assert!(
        warning.contains(&format!("ligne {} incomplète", n + 1)),
        "{warning}"
    );
    assert!(warning.contains("e3-6.jsonl"), "{warning}");
    assert_eq!(std::fs::read(&path).unwrap(), torn);

    // Opening cuts it off, says so, and the state is the live one.
    let (back, warning) = Seance::resume(&path, &r, &no_prior()).unwrap();
    let warning = warning.expect("a warning, never silently");
    assert!(
        warning.contains("arrêt brutal pendant l’écriture"),
        "{warning}"
    );
    assert_eq!(back.state(), &live);
    assert_eq!(std::fs::read(&path).unwrap(), intact);
}

#[test]
fn other_corruption_is_an_error_naming_file_and_line() {
    let r = r();
    let dir = tempfile::tempdir().unwrap();
    let s = full_e3(dir.path(), &r, "e3-7", "0001");
    let path = s.path().to_path_buf();
    drop(s);
    let mut ls = lines(&path);
    ls[4] = ls[4].replace("coupure réseau", "coupure reseau");
    write_lines(&path, &ls);
    let err = Seance::resume(&path, &r, &no_prior()).unwrap_err();
    match err {
        EngineError::Store(StoreError::Corrupt {
            file,
            line,
            message,
        }) => {
            assert_eq!(file, path);
            assert_eq!(line, 6);
            assert!(message.contains("chaînage rompu"), "{message}");
        }
        other => panic!("expected corruption, got {other}"),
    }
}

#[test]
fn list_logs_stays_in_its_directory() {
    let r = r();
    let dir = tempfile::tempdir().unwrap();
    full_e3(dir.path(), &r, "b", "0001");
    full_e3(dir.path(), &r, "a", "0002");
    full_e3(&dir.path().join("exemples"), &r, "c", "0003");
    std::fs::write(dir.path().join("notes.txt"), "x").unwrap();
    let names: Vec<String> = list_logs(dir.path())
        .unwrap()
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["a.jsonl", "b.jsonl"]);
}
