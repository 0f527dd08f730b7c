//! Undoing a phase start or end within 10 s, withdrawing an absence, and an absent candidate
//! kept off the floor and off the grid: each a rule of the fold.

use super::*;

fn secs(s: i64) -> DateTime<Utc> {
    t(0) + Duration::seconds(s)
}

fn at(s: &mut SeanceState, r: &Referentiel, e: Event, sec: i64) -> Result<(), EventError> {
    s.apply(r, &e, secs(sec))
}

fn start(phase: &str) -> Event {
    Event::PhaseStarted {
        phase: phase.into(),
    }
}

#[test]
fn a_phase_start_is_undone_within_ten_seconds_and_not_after() {
    let r = load_embedded().unwrap();
    let mut s = e1_ponctuel(&r);
    let before = s.clone();
    at(&mut s, &r, start("A"), 1).unwrap();
    let seq = s.last_seq;
    assert_eq!(s.runs[0].started_seq, seq);
    let (undo, until) = s.undoable(secs(5)).unwrap();
    assert_eq!(undo, Event::PhaseStartUndone { seq });
    assert_eq!(until, secs(11));
    at(&mut s, &r, undo.clone(), 5).unwrap();
    // Back to the state before the start, but the undo is on record.
    assert_eq!(s.runs, before.runs);
    assert_eq!(s.next_phase(), Some(0));
    assert_eq!(s.undone.len(), 1);
    assert_eq!(s.undone[0].kind, UndoneKind::Start);
    assert_eq!((s.undone[0].seq, s.undone[0].at), (seq, secs(5)));
    // The same undo again names nothing that runs.
    let err = at(&mut s, &r, undo, 6).unwrap_err();
    assert!(matches!(err, EventError::NothingToUndo { .. }), "{err}");
    // Started again, then too late: refused with the seconds it came after.
    at(&mut s, &r, start("A"), 20).unwrap();
    let seq = s.last_seq;
    assert!(s.undoable(secs(31)).is_none());
    let err = at(&mut s, &r, Event::PhaseStartUndone { seq }, 31).unwrap_err();
    assert_eq!(
        err,
        EventError::UndoTooLate {
            seq,
            secs: 11,
            max: 10
        }
    );
    assert!(s.running().is_some());
}

#[test]
fn a_phase_end_is_undone_and_the_phase_runs_on() {
    let r = load_embedded().unwrap();
    let mut s = e1_ponctuel(&r);
    at(&mut s, &r, start("A"), 0).unwrap();
    let paused = Event::Paused {
        reason: PauseReason::Incident,
        detail: String::new(),
    };
    at(&mut s, &r, paused, 60).unwrap();
    // A pause in the phase: its start can no longer be undone (more than a slip happened).
    assert!(s.undoable(secs(61)).is_none());
    let end = Event::PhaseEndedEarly { phase: "A".into() };
    at(&mut s, &r, end, 100).unwrap();
    let seq = s.last_seq;
    assert_eq!(s.runs[0].ended_seq, Some(seq));
    assert!(s.is_finished() || s.next_phase() == Some(1));
    let (undo, _) = s.undoable(secs(108)).unwrap();
    assert_eq!(undo, Event::PhaseEndUndone { seq });
    at(&mut s, &r, undo, 108).unwrap();
    assert_eq!(s.running().map(|r| r.phase.as_str()), Some("A"));
    assert!(!s.runs[0].early);
    // The pause the end had closed is open again: the phase is as it was.
    assert!(s.is_paused());
    assert_eq!(s.undone[0].kind, UndoneKind::End);
    // An undo of a start that is not the last phase's is refused.
    let err = at(&mut s, &r, Event::PhaseStartUndone { seq: 999 }, 109).unwrap_err();
    assert!(
        matches!(err, EventError::NothingToUndo { seq: 999, .. }),
        "{err}"
    );
}

#[test]
fn the_undo_events_have_their_own_tags() {
    let e = Event::PhaseEndUndone { seq: 7 };
    assert_eq!(e.kind(), "phase_end_undone");
    let json = serde_json::to_string(&e).unwrap();
    assert_eq!(json, r#"{"type":"phase_end_undone","seq":7}"#);
    assert_eq!(serde_json::from_str::<Event>(&json).unwrap(), e);
    let w = Event::AbsenceWithdrawn {
        candidat: "001".into(),
    };
    assert_eq!(w.kind(), "absence_withdrawn");
    assert_eq!(w.grid_candidat(), Some("001"));
}

#[test]
fn an_absence_is_withdrawn_before_validation_and_by_amendment_after() {
    let r = load_embedded().unwrap();
    let mut s = open(&r, "E1", FormeKind::Ccf, "A", &["001", "002"]);
    add_commission(&mut s, &r);
    let withdraw = |who: &str| Event::AbsenceWithdrawn {
        candidat: who.into(),
    };
    let err = at(&mut s, &r, withdraw("002"), 1).unwrap_err();
    assert_eq!(err, EventError::NotAbsent("002".into()));
    let absent = Event::CandidateAbsent {
        candidat: "002".into(),
        justified: false,
    };
    at(&mut s, &r, absent.clone(), 2).unwrap();
    // An absent member of the group is given neither the floor nor a position.
    at(&mut s, &r, start("expose"), 3).unwrap();
    let floor = Event::SpeakerChanged {
        candidat: Some("002".into()),
    };
    let err = at(&mut s, &r, floor.clone(), 4).unwrap_err();
    assert_eq!(err, EventError::CandidateIsAbsent("002".into()));
    let position = Event::CriterionPositioned {
        candidat: "002".into(),
        critere: "C1.1-1".into(),
        niveau: Niveau::Satisfaisant,
    };
    let err = at(&mut s, &r, position.clone(), 4).unwrap_err();
    assert_eq!(err, EventError::CandidateIsAbsent("002".into()));
    // The other member is unaffected.
    let other = Event::SpeakerChanged {
        candidat: Some("001".into()),
    };
    at(&mut s, &r, other, 4).unwrap();
    // Withdrawn: the candidate is assessed again.
    at(&mut s, &r, withdraw("002"), 5).unwrap();
    assert_eq!(s.grids["002"].not_assessed, None);
    at(&mut s, &r, floor, 6).unwrap();
    at(&mut s, &r, position, 6).unwrap();
    // After validation, only by an amendment with its reason.
    let mut v = open(&r, "E1", FormeKind::Ccf, "A", &["001", "002"]);
    add_commission(&mut v, &r);
    at(&mut v, &r, absent, 1).unwrap();
    let validated = Event::GridValidated {
        candidat: "002".into(),
    };
    at(&mut v, &r, validated, 2).unwrap();
    let err = at(&mut v, &r, withdraw("002"), 3).unwrap_err();
    assert!(matches!(err, EventError::NeedsAmendment(_)), "{err}");
    let amendment = Event::Amendment {
        reason: "Arrivé à 8 h 10, retard du car.".into(),
        change: Box::new(withdraw("002")),
    };
    at(&mut v, &r, amendment, 4).unwrap();
    assert_eq!(v.grids["002"].not_assessed, None);
    assert_eq!(v.grids["002"].amendments.len(), 1);
}
