//! Absence and dispense: a candidate not assessed needs only the commission to be validated, and
//! once validated changes status only by a reasoned amendment.

use super::*;

fn exempted(who: &str) -> Event {
    Event::CandidateExempted {
        candidat: who.into(),
    }
}

fn validated(who: &str) -> Event {
    Event::GridValidated {
        candidat: who.into(),
    }
}

#[test]
fn the_exemption_event_is_a_grid_event_with_its_own_tag() {
    let e = exempted("001");
    assert_eq!(e.kind(), "candidate_exempted");
    assert_eq!(e.grid_candidat(), Some("001"));
    let json = serde_json::to_string(&e).unwrap();
    assert_eq!(json, r#"{"type":"candidate_exempted","candidat":"001"}"#);
    assert_eq!(serde_json::from_str::<Event>(&json).unwrap(), e);
    // Like every event, an unknown field is refused rather than silently dropped.
    let extra = r#"{"type":"candidate_exempted","candidat":"001","justified":true}"#;
    assert!(serde_json::from_str::<Event>(extra).is_err());
}

#[test]
fn an_exempted_candidate_needs_only_the_commission() {
    let r = load_embedded().unwrap();
    let mut s = e1_ponctuel(&r);
    ev(&mut s, &r, exempted("001"), 1).unwrap();
    assert_eq!(s.grids["001"].not_assessed, Some(NotAssessed::Exempted));
    let err = ev(&mut s, &r, validated("001"), 2).unwrap_err();
    let EventError::Incomplete(missing) = err else {
        panic!("expected an incomplete grid, got {err}");
    };
    // No criterion, note or appreciation is asked for: only the commission.
    assert!(!missing.is_empty());
    assert!(
        missing.iter().all(|m| m.starts_with("commission")),
        "{missing:?}"
    );
    add_commission(&mut s, &r);
    ev(&mut s, &r, validated("001"), 3).unwrap();
    let grid = &s.grids["001"];
    assert!(grid.is_validated());
    assert!(grid.notes.is_empty() && grid.positions.is_empty());
}

#[test]
fn the_last_status_recorded_wins() {
    let r = load_embedded().unwrap();
    let mut s = e1_ponctuel(&r);
    let absent = |justified| Event::CandidateAbsent {
        candidat: "001".into(),
        justified,
    };
    ev(&mut s, &r, absent(true), 1).unwrap();
    ev(&mut s, &r, exempted("001"), 2).unwrap();
    assert_eq!(s.grids["001"].not_assessed, Some(NotAssessed::Exempted));
    ev(&mut s, &r, absent(false), 3).unwrap();
    assert_eq!(
        s.grids["001"].not_assessed,
        Some(NotAssessed::Absent { justified: false })
    );
}

#[test]
fn an_exemption_after_validation_is_an_amendment() {
    let r = load_embedded().unwrap();
    let mut s = e1_ponctuel(&r);
    add_commission(&mut s, &r);
    let absent = Event::CandidateAbsent {
        candidat: "001".into(),
        justified: false,
    };
    ev(&mut s, &r, absent, 1).unwrap();
    ev(&mut s, &r, validated("001"), 2).unwrap();
    let before = s.clone();
    let err = ev(&mut s, &r, exempted("001"), 3).unwrap_err();
    assert!(matches!(err, EventError::NeedsAmendment(_)), "{err}");
    assert_eq!(s, before, "a refused event changes nothing");
    let amendment = |reason: &str| Event::Amendment {
        reason: reason.into(),
        change: Box::new(exempted("001")),
    };
    assert!(ev(&mut s, &r, amendment("  "), 4).is_err());
    assert_eq!(s, before);
    ev(
        &mut s,
        &r,
        amendment("Unité U1 acquise (BTS SIO, 2023)."),
        5,
    )
    .unwrap();
    let grid = &s.grids["001"];
    assert_eq!(grid.not_assessed, Some(NotAssessed::Exempted));
    assert_eq!(grid.amendments.len(), 1);
    assert_eq!(grid.amendments[0].change, exempted("001"));
    // An unknown candidate is refused like any grid event.
    let stranger = ev(&mut s, &r, exempted("999"), 6).unwrap_err();
    assert!(
        matches!(stranger, EventError::UnknownCandidate(_)),
        "{stranger}"
    );
}
