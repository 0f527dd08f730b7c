//! The temps majoré panel's logic: what it opens on, what Entrée records, when it closes.

use std::collections::BTreeMap;

use chrono::{TimeZone, Utc};

use super::*;
use crate::referentiel::{FormeKind, load_embedded};
use crate::session::{Candidat, SeanceInfo};

/// An E2 ponctuel (phases A and B) for one candidate, folded through `events`.
fn e2(r: &Referentiel, events: &[Event]) -> SeanceState {
    let c = Candidat {
        numero: "1".into(),
        nom: "N".into(),
        prenom: String::new(),
        etablissement: String::new(),
    };
    let info =
        SeanceInfo::plan(r, "s", "E2", FormeKind::Ponctuel, "unique", vec![c], None).unwrap();
    let t = Utc.with_ymd_and_hms(2025, 6, 12, 12, 0, 0).unwrap();
    let mut s = SeanceState::open(r, info, t, &BTreeMap::new()).unwrap();
    for e in events {
        s.apply(r, e, t).unwrap();
    }
    s
}

fn majore(f: Fraction, phases: &[&str], decision: &str) -> Event {
    Event::AmenagementRecorded {
        candidat: "1".into(),
        majoration: f,
        phases: phases.iter().map(|p| p.to_string()).collect(),
        decision: decision.into(),
    }
}

#[test]
fn it_opens_on_the_phases_not_yet_ended_and_refuses_when_none_is_left() {
    let r = load_embedded().unwrap();
    let a = || Event::PhaseStarted { phase: "A".into() };
    let end = |p: &str| Event::PhaseEnded { phase: p.into() };
    let s = e2(&r, &[a(), end("A")]);
    let p = MajorePanel::open(&s).unwrap();
    assert_eq!(p.choices, [(None, vec!["B".to_string()])]);
    let b = Event::PhaseStarted { phase: "B".into() };
    let s = e2(&r, &[a(), end("A"), b, end("B")]);
    assert_eq!(MajorePanel::open(&s), Err(ALL_ENDED));
}

#[test]
fn only_a_change_is_recorded_a_withdrawal_as_zero_the_decision_carried() {
    let r = load_embedded().unwrap();
    let s = e2(
        &r,
        &[majore(Fraction::TIERS, &["A", "B"], "décision du 3 mai")],
    );
    let mut p = MajorePanel::open(&s).unwrap();
    assert!(p.pending(&s).is_empty(), "unchanged");
    p.update(M::Toggle(1), &s, &r);
    assert_eq!(
        p.pending(&s),
        [majore(Fraction::TIERS, &["A"], "décision du 3 mai")]
    );
    // 1/3 → 1/4 → 1/5 → 1/6 → aucun: a withdrawal.
    for _ in 0..4 {
        p.update(M::Cycle, &s, &r);
    }
    assert_eq!(p.choices[0].0, None);
    assert_eq!(
        p.pending(&s),
        [majore(Fraction::ZERO, &[], "décision du 3 mai")]
    );
    // The last phase stays: the digit says so and changes nothing.
    let mut p = MajorePanel::open(&s).unwrap();
    p.update(M::Toggle(0), &s, &r);
    let said = p.update(M::Toggle(1), &s, &r);
    assert_eq!(said, PanelOutcome::Say(ONE_PHASE_AT_LEAST.into()));
    assert_eq!(p.choices[0].1, ["B"]);
}

#[test]
fn it_closes_once_the_state_holds_what_it_sent() {
    let r = load_embedded().unwrap();
    let s = e2(&r, &[]);
    let mut p = MajorePanel::open(&s).unwrap();
    p.update(M::Cycle, &s, &r);
    let PanelOutcome::Record(events, _) = p.update(M::Confirm, &s, &r) else {
        panic!("records");
    };
    // Refused (the state unchanged): stays open, Entrée sends again.
    assert!(!p.settled(&s));
    assert!(!p.settled(&s), "only once per Entrée");
    // Recorded: the state after the write holds it.
    p.update(M::Confirm, &s, &r);
    assert!(p.settled(&e2(&r, &events)));
}
