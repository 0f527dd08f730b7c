//! The engine and the log store on disk: refused events are never written, a resumed séance
//! has the live state, E1 CCF situations A and B feed one grid, torn tails and corruption.

mod engine_support;

use engine_support::*;
use sno_jury::grading::{Niveau, Points};
use sno_jury::referentiel::FormeKind;
use sno_jury::session::{
    EngineError, Event, EventError, GENESIS, LogStore, Seance, StoreError, list_logs, prior_grids,
    prior_grids_for, read_log,
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
            seance: e3_ponctuel(&r, "other", "0002"),
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

/// E1 CCF: situation A (group) positions C1.1; situation B, days later, completes and
/// validates the same grid.
#[test]
fn prior_grids_merge_e1_ccf_situations_a_and_b() {
    let r = r();
    let dir = tempfile::tempdir().unwrap();
    let numeros = ["0101".to_string(), "0102".to_string()];
    let a_info = info(&r, "e1-a", "E1", FormeKind::Ccf, "A", &["0101", "0102"]);
    let mut a = Seance::create(dir.path(), &r, a_info, t(0), &no_prior()).unwrap();
    let mut clock = 0;
    let mut events = positions(&r, "0101", &["C1.1"]);
    events.extend(positions(&r, "0102", &["C1.2"]));
    record_all(&mut a, &r, events, &mut clock);
    drop(a);

    let later = 3 * 24 * 3600;
    let prior = prior_grids(dir.path(), &r, "E1", &numeros[..1], Some("e1-b")).unwrap();
    assert_eq!(prior.keys().collect::<Vec<_>>(), ["0101"]);
    assert_eq!(prior["0101"].positions.len(), 5);
    let b_info = info(&r, "e1-b", "E1", FormeKind::Ccf, "B", &["0101"]);
    let mut b = Seance::create(dir.path(), &r, b_info.clone(), t(later), &prior).unwrap();
    let mut clock = later;
    let events = e1_ccf_b_completion(&r, "0101");
    record_all(&mut b, &r, events, &mut clock);
    let grid = b.state().grids["0101"].clone();
    assert!(grid.is_validated());
    assert_eq!(grid.positions.len(), 15);
    let b_path = b.path().to_path_buf();
    drop(b);

    // Without A's grid, B's validation is refused on replay: the prior grids matter.
    assert!(Seance::resume(&b_path, &r, &no_prior()).is_err());
    let (b, _) = Seance::resume(&b_path, &r, &prior).unwrap();
    assert_eq!(b.state().grids["0101"], grid);
    drop(b);

    // After B, both candidates' grids come out of the directory; 0101 as B left it.
    let all = prior_grids(dir.path(), &r, "E1", &numeros, None).unwrap();
    assert_eq!(all["0101"], grid);
    assert_eq!(all["0102"].positions.len(), 4);
    assert!(
        prior_grids(dir.path(), &r, "E3", &numeros, None)
            .unwrap()
            .is_empty()
    );

    // Resuming A sees only what came before A (nothing), not B's validated grid, so its own
    // positions replay without needing an amendment.
    let before_a = prior_grids(dir.path(), &r, "E1", &numeros, Some("e1-a")).unwrap();
    assert!(before_a.is_empty());
    let a_path = dir.path().join("e1-a.jsonl");
    assert!(Seance::resume(&a_path, &r, &before_a).is_ok());

    // A missing directory has no séances.
    assert!(
        prior_grids(&dir.path().join("nope"), &r, "E1", &numeros, None)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn training_seances_never_exchange_grids_with_real_ones() {
    let r = r();
    let dir = tempfile::tempdir().unwrap();
    let numeros = ["0101".to_string()];
    // A practice run of situation A for a real candidate…
    // (situation A is a group project: 2 to 4 candidates)
    let mut practice = info(
        &r,
        "e1-a-essai",
        "E1",
        FormeKind::Ccf,
        "A",
        &["0101", "0102"],
    );
    practice.vitesse = Some(30);
    let mut a = Seance::create(dir.path(), &r, practice, t(0), &no_prior()).unwrap();
    let mut clock = 0;
    record_all(&mut a, &r, positions(&r, "0101", &["C1.1"]), &mut clock);
    drop(a);
    // …gives the real situation B nothing to start from,
    assert!(
        prior_grids(dir.path(), &r, "E1", &numeros, None)
            .unwrap()
            .is_empty()
    );
    let b_info = info(&r, "e1-b", "E1", FormeKind::Ccf, "B", &["0101"]);
    assert!(
        prior_grids_for(dir.path(), &r, &b_info, None)
            .unwrap()
            .is_empty()
    );
    let mut b = Seance::create(dir.path(), &r, b_info, t(3600), &no_prior()).unwrap();
    let mut clock = 3600;
    record_all(&mut b, &r, positions(&r, "0101", &["C1.2"]), &mut clock);
    drop(b);
    // and a later practice run starts empty too, whatever the real grid holds.
    let mut again = info(&r, "e1-b-essai", "E1", FormeKind::Ccf, "B", &["0101"]);
    again.vitesse = Some(30);
    assert!(
        prior_grids_for(dir.path(), &r, &again, None)
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        prior_grids(dir.path(), &r, "E1", &numeros, None).unwrap()["0101"]
            .positions
            .len(),
        4
    );
}
