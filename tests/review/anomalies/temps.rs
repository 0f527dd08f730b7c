//! Parts of a phase and « temps majoré » in the review: a part over its maximum is named, one
//! within the tolerance is not, a switch the jury never marked is said plainly (no anomaly); an
//! overrun is measured against the adjusted duration; the detail says « temps majoré ».

use super::{kinds_of as k, tmp};
use crate::kit::review::*;
use sno_jury::referentiel::FormeKind;
use sno_jury::review::{AnomalyKind as K, detail};
use sno_jury::session::Event;

fn switch() -> Event {
    Event::PartStarted {
        phase: "A".into(),
        partie: 1,
    }
}

/// E1 ponctuel: phase A's project for `projet` s, the switch (if `marked`), the dossier for
/// `dossier` s, then phase B's 15 minutes.
fn e1(projet: i64, dossier: i64, marked: bool) -> (sno_jury::review::Report, tempfile::TempDir) {
    let (r, d) = (r(), tmp());
    let i = info(
        &r,
        "e1p",
        "E1",
        FormeKind::Ponctuel,
        "unique",
        vec![cand("300", "Lopez", "Maël")],
    );
    let mut run = Run::open(d.path(), &r, i, t(0));
    run.members(ENSEIGNANT_ET_PRO)
        .ev(Event::PhaseStarted { phase: "A".into() })
        .wait(projet);
    if marked {
        run.ev(switch());
    }
    run.wait(dossier)
        .ev(Event::PhaseEndedEarly { phase: "A".into() })
        .phase("B", 15 * 60, false)
        .grade("300");
    (review(&r, d.path()), d)
}

#[test]
fn a_part_over_its_maximum_is_named_and_one_within_tolerance_is_not() {
    let (rep, _d) = e1(16 * 60 + 30, 8 * 60, true);
    let e = entry(&rep, "300", "E1");
    assert_eq!(k(e), vec![K::DepassementPartie]);
    assert_eq!(
        e.anomalies[0].explication,
        "Phase A (Exposé oral de la personne candidate en deux parties, 25 min maximum), partie \
         « Projet auquel la personne candidate a participé » : dépassement de 1:30 (maximum \
         15 min), durée réelle 16:30."
    );
    // 50 s over the project's 15 minutes: within the one-minute tolerance.
    let (rep, _d) = e1(15 * 60 + 50, 9 * 60, true);
    assert_eq!(k(entry(&rep, "300", "E1")), vec![]);
}

#[test]
fn a_switch_never_marked_is_said_plainly_and_judged_never() {
    // 22 minutes of project and dossier together: the project may well have run over, but
    // nobody knows.
    let (rep, _d) = e1(22 * 60, 2 * 60, false);
    let e = entry(&rep, "300", "E1");
    assert_eq!(k(e), vec![]);
    let text: Vec<String> = detail::lines(&r(), &rep, e)
        .into_iter()
        .map(|l| l.text)
        .collect();
    let text = text.join("\n");
    assert!(
        text.contains("Passage d’une partie à l’autre non marqué"),
        "{text}"
    );
    assert!(text.contains("durée inconnue"), "{text}");
}

/// E2 ponctuel, phase A (20 min maximum) majorée d’un tiers, run `a` seconds, then B.
fn e2_majore(a: i64) -> (sno_jury::review::Report, tempfile::TempDir) {
    let (r, d) = (r(), tmp());
    let i = info(
        &r,
        "e2m",
        "E2",
        FormeKind::Ponctuel,
        "unique",
        vec![cand("310", "Nguyen", "Lina")],
    );
    let mut run = Run::open(d.path(), &r, i, t(0));
    run.members(DEUX_ENSEIGNANTS)
        .ev(Event::AmenagementRecorded {
            candidat: "310".into(),
            majoration: "1/3".parse().unwrap(),
            phases: vec!["A".into()],
            decision: String::new(),
        })
        .phase("A", a, a < 26 * 60 + 40)
        .phase("B", 15 * 60, false)
        .grade("310");
    (review(&r, d.path()), d)
}

#[test]
fn an_overrun_is_measured_against_the_adjusted_duration() {
    // 25 minutes of a 20-minute exposé majoré d'un tiers (26:40): no anomaly.
    let (rep, _d) = e2_majore(25 * 60);
    let e = entry(&rep, "310", "E2");
    assert_eq!(k(e), vec![]);
    let text: Vec<String> = detail::lines(&r(), &rep, e)
        .into_iter()
        .map(|l| l.text)
        .collect();
    let text = text.join("\n");
    assert!(
        text.contains("Aménagement : temps majoré d’un tiers"),
        "{text}"
    );
    assert!(
        text.contains("prévu 26:40 (temps majoré d’un tiers ; normal 20:00)"),
        "{text}"
    );
    // 28 minutes: over 26:40 by 1:20, beyond the tolerance; the épreuve's 35 min + 6:40 too.
    let (rep, _d) = e2_majore(28 * 60);
    let e = entry(&rep, "310", "E2");
    assert_eq!(k(e), vec![K::DepassementPhase, K::DepassementEpreuve]);
    assert_eq!(
        e.anomalies[0].explication,
        "Phase A (Exposé oral de la personne candidate, 20 min maximum) : durée réelle 28:00 \
         pour 26:40 (maximum, temps majoré d’un tiers), dépassement de 1:20."
    );
    assert!(
        e.anomalies[1]
            .explication
            .contains("43:00 pour 41 min 40 s réglementaires, temps majoré compris"),
        "{}",
        e.anomalies[1].explication
    );
}

#[test]
fn a_fixed_phase_majoree_is_held_to_its_adjusted_duration() {
    let (r, d) = (r(), tmp());
    let i = info(
        &r,
        "e2b",
        "E2",
        FormeKind::Ponctuel,
        "unique",
        vec![cand("320", "Petit", "Jade")],
    );
    let mut run = Run::open(d.path(), &r, i, t(0));
    run.members(DEUX_ENSEIGNANTS)
        .ev(Event::AmenagementRecorded {
            candidat: "320".into(),
            majoration: "1/3".parse().unwrap(),
            phases: vec!["A".into(), "B".into()],
            decision: String::new(),
        })
        .phase("A", 18 * 60, true)
        // The entretien's normal 15 minutes: 5 short of the 20 the candidate was granted.
        .phase("B", 15 * 60, true)
        .grade("320");
    let rep = review(&r, d.path());
    let e = entry(&rep, "320", "E2");
    assert_eq!(k(e), vec![K::PhaseEcourtee]);
    assert!(
        e.anomalies[0]
            .explication
            .ends_with("durée réelle 15:00 sur 20:00 prévues, temps majoré d’un tiers."),
        "{}",
        e.anomalies[0].explication
    );
}
