//! The fold's rules: what it accepts, what it refuses, and that a refusal changes nothing.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, TimeZone, Utc};

use super::*;
use crate::grading::{Niveau, Points};
use crate::referentiel::{FormeKind, Referentiel, load_embedded};

fn t(min: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, 15, 8, 0, 0).unwrap() + Duration::minutes(min)
}

fn cand(n: &str) -> Candidat {
    Candidat {
        numero: n.into(),
        nom: format!("Nom{n}"),
        prenom: "Prénom".into(),
        etablissement: "Lycée VosRêves".into(),
    }
}

fn open(r: &Referentiel, e: &str, f: FormeKind, s: &str, cands: &[&str]) -> SeanceState {
    let candidats = cands.iter().map(|n| cand(n)).collect();
    let info = SeanceInfo::plan(r, "s1", e, f, s, candidats, None).unwrap();
    SeanceState::open(r, info, t(0), &BTreeMap::new()).unwrap()
}

fn e1_ponctuel(r: &Referentiel) -> SeanceState {
    open(r, "E1", FormeKind::Ponctuel, "unique", &["001"])
}

fn ev(s: &mut SeanceState, r: &Referentiel, e: Event, min: i64) -> Result<(), EventError> {
    s.apply(r, &e, t(min))
}

fn fill_grid(s: &mut SeanceState, r: &Referentiel, who: &str) {
    let epreuve = s.epreuve(r).unwrap().clone();
    for comp in r.competences_of(&epreuve) {
        for k in &comp.criteres {
            let e = Event::CriterionPositioned {
                candidat: who.into(),
                critere: k.id.clone(),
                niveau: Niveau::Satisfaisant,
            };
            ev(s, r, e, 30).unwrap();
        }
        let e = Event::NoteSet {
            candidat: who.into(),
            competence: comp.id.clone(),
            note: Points(25),
        };
        ev(s, r, e, 31).unwrap();
    }
    let e = Event::AppreciationSet {
        candidat: who.into(),
        text: "Bon exposé.".into(),
    };
    ev(s, r, e, 32).unwrap();
}

fn add_commission(s: &mut SeanceState, r: &Referentiel) {
    for (nom, q) in [("Mme Martin", "enseignant"), ("M. Durand", "professionnel")] {
        let membre = Membre {
            nom: nom.into(),
            qualite: q.into(),
        };
        ev(s, r, Event::MemberAdded { membre }, 1).unwrap();
    }
}

#[test]
fn phases_run_in_order_with_pauses() {
    let r = load_embedded().unwrap();
    let mut s = e1_ponctuel(&r);
    let err = ev(&mut s, &r, Event::PhaseStarted { phase: "B".into() }, 1).unwrap_err();
    assert!(matches!(err, EventError::PhaseOutOfOrder { .. }), "{err}");
    assert_eq!(
        ev(&mut s, &r, Event::Resumed, 1),
        Err(EventError::NotPaused)
    );
    ev(&mut s, &r, Event::PhaseStarted { phase: "A".into() }, 1).unwrap();
    let pause = Event::Paused {
        reason: PauseReason::Incident,
        detail: "vidéoprojecteur".into(),
    };
    ev(&mut s, &r, pause.clone(), 5).unwrap();
    assert_eq!(ev(&mut s, &r, pause, 6), Err(EventError::AlreadyPaused));
    ev(&mut s, &r, Event::Resumed, 8).unwrap();
    ev(&mut s, &r, Event::PhaseEndedEarly { phase: "A".into() }, 20).unwrap();
    assert_eq!(s.next_phase(), Some(1));
    ev(&mut s, &r, Event::PhaseStarted { phase: "B".into() }, 21).unwrap();
    ev(
        &mut s,
        &r,
        Event::Paused {
            reason: PauseReason::Candidat,
            detail: String::new(),
        },
        30,
    )
    .unwrap();
    // Ending a phase while paused closes the pause at the same moment.
    ev(&mut s, &r, Event::PhaseEnded { phase: "B".into() }, 36).unwrap();
    assert!(!s.is_paused() && s.is_finished());
    assert_eq!(s.pauses[1].end, Some(t(36)));
    assert!(s.runs[0].early && !s.runs[1].early);
    assert_eq!(
        ev(
            &mut s,
            &r,
            Event::Paused {
                reason: PauseReason::Autre,
                detail: String::new()
            },
            37
        ),
        Err(EventError::NoRunningPhase)
    );
}

#[test]
fn refused_events_leave_the_state_unchanged() {
    let r = load_embedded().unwrap();
    let mut s = e1_ponctuel(&r);
    let before = s.clone();
    let bad = [
        Event::CriterionPositioned {
            candidat: "001".into(),
            critere: "C2.1-1".into(),
            niveau: Niveau::Insuffisant,
        },
        Event::CriterionPositioned {
            candidat: "999".into(),
            critere: "C1.1-1".into(),
            niveau: Niveau::Insuffisant,
        },
        Event::NoteSet {
            candidat: "001".into(),
            competence: "C1.1".into(),
            note: Points(41),
        },
        Event::NoteSet {
            candidat: "001".into(),
            competence: "C3.1".into(),
            note: Points(20),
        },
        Event::MemberAdded {
            membre: Membre {
                nom: "X".into(),
                qualite: "directeur".into(),
            },
        },
        Event::MemberAdded {
            membre: Membre {
                nom: " ".into(),
                qualite: "enseignant".into(),
            },
        },
        Event::PfmpRecorded {
            candidat: "001".into(),
            weeks: 12,
            positionne: false,
            voie: None,
        },
        Event::Remark { text: "  ".into() },
        Event::GridValidated {
            candidat: "001".into(),
        },
        Event::SeanceOpened {
            seance: Box::new(s.info.clone()),
        },
        Event::Amendment {
            reason: "erreur".into(),
            change: Box::new(Event::AppreciationSet {
                candidat: "001".into(),
                text: "x".into(),
            }),
        },
    ];
    for e in bad {
        assert!(ev(&mut s, &r, e.clone(), 3).is_err(), "{e:?} accepted");
        assert_eq!(s, before, "{e:?} changed the state");
    }
}

#[test]
fn validation_says_what_is_missing() {
    let r = load_embedded().unwrap();
    let mut s = e1_ponctuel(&r);
    let e = Event::CriterionPositioned {
        candidat: "001".into(),
        critere: "C1.1-1".into(),
        niveau: Niveau::TresSatisfaisant,
    };
    ev(&mut s, &r, e, 2).unwrap();
    let Err(EventError::Incomplete(missing)) = ev(
        &mut s,
        &r,
        Event::GridValidated {
            candidat: "001".into(),
        },
        3,
    ) else {
        panic!("an incomplete grid was validated");
    };
    let text = missing.join("\n");
    assert!(
        text.contains("C1.1 : 4 critère(s) non positionné(s) (C1.1-2, C1.1-3, C1.1-4, C1.1-5)"),
        "{text}"
    );
    assert!(text.contains("C1.3 : note /20 non saisie"), "{text}");
    assert!(text.contains("appréciation générale non rédigée"), "{text}");
    assert!(
        text.contains("commission : 0 membre(s) sur 2 au minimum"),
        "{text}"
    );
    assert!(text.contains("commission : manque"), "{text}");
}

#[test]
fn a_validated_grid_changes_only_by_a_reasoned_amendment() {
    let r = load_embedded().unwrap();
    let mut s = e1_ponctuel(&r);
    add_commission(&mut s, &r);
    fill_grid(&mut s, &r, "001");
    ev(
        &mut s,
        &r,
        Event::GridValidated {
            candidat: "001".into(),
        },
        40,
    )
    .unwrap();
    let grid = &s.grids["001"];
    assert_eq!(
        grid.totals(s.epreuve(&r).unwrap()),
        Some((Points(75), Points(25)))
    );

    let change = Event::NoteSet {
        candidat: "001".into(),
        competence: "C1.2".into(),
        note: Points(30),
    };
    assert_eq!(
        ev(&mut s, &r, change.clone(), 41),
        Err(EventError::NeedsAmendment("001".into()))
    );
    let empty = Event::Amendment {
        reason: " ".into(),
        change: Box::new(change.clone()),
    };
    assert!(ev(&mut s, &r, empty, 41).is_err());
    let nested = Event::Amendment {
        reason: "x".into(),
        change: Box::new(Event::GridValidated {
            candidat: "001".into(),
        }),
    };
    assert!(matches!(
        ev(&mut s, &r, nested, 41),
        Err(EventError::BadAmendment(_))
    ));
    let amend = Event::Amendment {
        reason: "erreur de saisie".into(),
        change: Box::new(change),
    };
    ev(&mut s, &r, amend, 42).unwrap();
    let grid = &s.grids["001"];
    assert_eq!(grid.notes["C1.2"], Points(30));
    assert_eq!(grid.amendments.len(), 1);
    assert_eq!(grid.amendments[0].reason, "erreur de saisie");
    assert!(grid.is_validated());
}

#[test]
fn a_professional_can_be_replaced_by_a_teacher() {
    let r = load_embedded().unwrap();
    let forme = r.epreuve("E1").unwrap().forme(FormeKind::Ponctuel).unwrap();
    let m = |n: &str, q: &str| Membre {
        nom: n.into(),
        qualite: q.into(),
    };
    let two_teachers = [m("A", "enseignant"), m("B", "enseignant")];
    assert!(commission_gaps(&forme.commission, &two_teachers).is_empty());
    let one = [m("A", "professionnel")];
    assert_eq!(commission_gaps(&forme.commission, &one).len(), 2);
    let e2 = r.epreuve("E2").unwrap().forme(FormeKind::Ccf).unwrap();
    let pro_and_teacher = [m("A", "professionnel"), m("B", "enseignant")];
    assert_eq!(commission_gaps(&e2.commission, &pro_and_teacher).len(), 1);
}

#[test]
fn an_absent_candidate_needs_only_the_commission() {
    let r = load_embedded().unwrap();
    let mut s = e1_ponctuel(&r);
    ev(
        &mut s,
        &r,
        Event::CandidateAbsent {
            candidat: "001".into(),
            justified: true,
        },
        1,
    )
    .unwrap();
    assert!(
        ev(
            &mut s,
            &r,
            Event::GridValidated {
                candidat: "001".into()
            },
            2
        )
        .is_err()
    );
    add_commission(&mut s, &r);
    ev(
        &mut s,
        &r,
        Event::GridValidated {
            candidat: "001".into(),
        },
        3,
    )
    .unwrap();
}

#[path = "replay_tests.rs"]
mod replay;

#[path = "not_assessed_tests.rs"]
mod not_assessed;
#[path = "undo_tests.rs"]
mod undo;

#[test]
fn a_refusal_names_a_phase_as_a_sentence_does_never_by_its_data_id() {
    let r = load_embedded().unwrap();
    // E3 CCF situation B: phases « preparation » and « entretien » have no letter.
    let mut s = open(&r, "E3", FormeKind::Ccf, "B", &["001"]);
    let (prep, entretien) = (&s.info.phases[0], &s.info.phases[1]);
    let (prep_nom, entretien_nom) = (prep.intitule.clone(), entretien.intitule.clone());
    let (prep_id, entretien_id) = (prep.id.clone(), entretien.id.clone());
    let wrong = Event::PhaseStarted {
        phase: entretien_id.clone(),
    };
    let err = ev(&mut s, &r, wrong, 1).unwrap_err().to_string();
    assert!(
        err.contains(&entretien_nom) && err.contains(&prep_nom),
        "{err}"
    );
    assert!(!err.contains(&format!("« {entretien_id} »")), "{err}");
    ev(
        &mut s,
        &r,
        Event::PhaseStarted {
            phase: prep_id.clone(),
        },
        1,
    )
    .unwrap();
    ev(&mut s, &r, Event::PhaseEnded { phase: prep_id }, 20).unwrap();
    let late = Event::AmenagementRecorded {
        candidat: "001".into(),
        majoration: crate::referentiel::Fraction { num: 1, den: 3 },
        phases: vec![s.info.phases[0].id.clone()],
        decision: String::new(),
    };
    let err = ev(&mut s, &r, late, 21).unwrap_err().to_string();
    assert!(
        err.contains(&format!("« {prep_nom} » est déjà terminée")),
        "{err}"
    );
    // A part asked of a phase without parts names it too (a forged count cannot overflow).
    let start = Event::PhaseStarted {
        phase: entretien_id.clone(),
    };
    ev(&mut s, &r, start, 22).unwrap();
    let part = Event::PartStarted {
        phase: entretien_id,
        partie: u32::MAX,
    };
    let err = ev(&mut s, &r, part, 23).unwrap_err().to_string();
    assert!(
        err.contains(&format!("« {entretien_nom} » n’a pas de partie")),
        "{err}"
    );
}
