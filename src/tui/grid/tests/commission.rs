//! The commission panel (`m`) and « non observé » (`o`), through the real fold.

use super::*;
use crate::session::GridState;
use crate::tui::grid::Focus;

fn membre(nom: &str, qualite: &str) -> Membre {
    Membre {
        nom: nom.into(),
        qualite: qualite.into(),
    }
}

fn add(s: &mut GridScreen, r: &Referentiel, state: &mut SeanceState, nom: &str, down: bool) {
    run(s, r, state, A::AddMember);
    type_text(s, r, state, nom);
    if down {
        run(s, r, state, A::Input(KeyEvent::from(KeyCode::Down)));
    }
    run(s, r, state, A::Submit);
}

#[test]
fn a_member_is_removed_or_requalified_before_validation() {
    let (r, mut state) = e1_ponctuel();
    let mut s = GridScreen::new(&r, &state);
    run(&mut s, &r, &mut state, A::Commission);
    add(&mut s, &r, &mut state, "Martin", false);
    add(&mut s, &r, &mut state, "Bernard", false);
    add(&mut s, &r, &mut state, "Martin", false);
    assert_eq!(state.members.len(), 3);
    assert!(matches!(s.focus, Focus::Commission { .. }), "{:?}", s.focus);
    // The duplicate (last) goes.
    run(&mut s, &r, &mut state, A::Down);
    run(&mut s, &r, &mut state, A::Down);
    let out = run(&mut s, &r, &mut state, A::RemoveMember);
    let removed = Event::MemberRemoved {
        membre: state_member("Martin", &r, 0),
    };
    assert_eq!(out, Outcome::Record(vec![removed]));
    // Bernard took the qualité the panel offered (the one lacking), which was not his:
    // « corriger la qualité » removes him and adds him back with the next one.
    let bernard = state.members[1].clone();
    run(&mut s, &r, &mut state, A::Up);
    let out = run(&mut s, &r, &mut state, A::Requalify);
    let fixed = Membre {
        qualite: other(&bernard.qualite).into(),
        ..bernard.clone()
    };
    assert_eq!(
        out,
        Outcome::Record(vec![
            Event::MemberRemoved { membre: bernard },
            Event::MemberAdded {
                membre: fixed.clone()
            },
        ])
    );
    assert_eq!(state.members.len(), 2);
    assert_eq!(state.members[1], fixed);
    run(&mut s, &r, &mut state, A::Cancel);
    assert_eq!(s.focus, Focus::Grid);
}

fn other(q: &str) -> &'static str {
    if q == "enseignant" {
        "professionnel"
    } else {
        "enseignant"
    }
}

fn state_member(nom: &str, r: &Referentiel, q: usize) -> Membre {
    membre(nom, &r.epreuves.qualites[q].id)
}

#[test]
fn after_validation_the_commission_changes_by_amendment_only() {
    let (r, mut state) = e1_ponctuel();
    complete(&r, &mut state);
    state
        .apply(
            &r,
            &Event::GridValidated {
                candidat: "01".into(),
            },
            ts(),
        )
        .unwrap();
    let mut s = GridScreen::new(&r, &state);
    run(&mut s, &r, &mut state, A::Commission);
    // Requalifying Martin (enseignant) asks for a reason; nothing is recorded yet.
    let out = run(&mut s, &r, &mut state, A::Requalify);
    assert_eq!(out, Outcome::Nothing);
    assert!(matches!(s.focus, Focus::CommissionReason { .. }));
    let out = run(&mut s, &r, &mut state, A::Submit);
    assert!(matches!(out, Outcome::Say(m) if m.contains("motif")));
    type_text(&mut s, &r, &mut state, "qualité mal saisie");
    let out = run(&mut s, &r, &mut state, A::Submit);
    let Outcome::Record(events) = out else {
        panic!("{out:?}")
    };
    assert_eq!(events.len(), 2);
    assert!(events.iter().all(|e| matches!(
        e,
        Event::Amendment { reason, .. } if reason == "qualité mal saisie"
    )));
    assert_eq!(state.members[1], membre("Martin", "professionnel"));
    assert_eq!(state.grids["01"].amendments.len(), 2);
    // Échap on a reason gives up the change and keeps the panel.
    run(&mut s, &r, &mut state, A::RemoveMember);
    let out = run(&mut s, &r, &mut state, A::Cancel);
    assert!(matches!(out, Outcome::Say(m) if m.contains("annulée")));
    assert!(matches!(s.focus, Focus::Commission { .. }));
    assert_eq!(state.members.len(), 2);
    // An added member is an amendment too.
    add(&mut s, &r, &mut state, "Petit", false);
    assert!(matches!(s.focus, Focus::CommissionReason { .. }));
    type_text(&mut s, &r, &mut state, "membre arrivé en retard");
    run(&mut s, &r, &mut state, A::Submit);
    assert_eq!(state.members.len(), 3);
}

#[test]
fn not_observed_toggles_completes_and_counts_in_no_proposal() {
    let (r, mut state) = e1_ponctuel();
    let mut s = GridScreen::new(&r, &state);
    let critere = "C1.1-1".to_string();
    let out = run(&mut s, &r, &mut state, A::NotObserved);
    assert_eq!(
        out,
        Outcome::Record(vec![Event::CriterionNotObserved {
            candidat: "01".into(),
            critere: critere.clone(),
        }])
    );
    assert!(state.grids["01"].non_observes.contains(critere.as_str()));
    assert_eq!(state.grids["01"].proposition(&r, "C1.1"), None);
    // Again: cleared, as a position is.
    run(&mut s, &r, &mut state, A::NotObserved);
    assert!(state.grids["01"].non_observes.is_empty());
    // A level replaces it; Suppr clears it.
    run(&mut s, &r, &mut state, A::NotObserved);
    run(&mut s, &r, &mut state, A::Position(Niveau::Satisfaisant));
    assert!(state.grids["01"].non_observes.is_empty());
    run(&mut s, &r, &mut state, A::NotObserved);
    run(&mut s, &r, &mut state, A::Clear);
    assert!(!state.grids["01"].positions.contains_key(critere.as_str()));
    assert!(state.grids["01"].non_observes.is_empty());
}

#[test]
fn a_grid_with_a_criterion_not_observed_validates_then_amends_with_a_reason() {
    let (r, mut state) = e1_ponctuel();
    complete(&r, &mut state);
    let mut s = GridScreen::new(&r, &state);
    run(&mut s, &r, &mut state, A::NotObserved);
    let grid: &GridState = &state.grids["01"];
    assert!(!grid.positions.contains_key("C1.1-1"));
    // A criterion « non observé » makes validation unusual: asked first, then recorded.
    let out = run(&mut s, &r, &mut state, A::Validate);
    let why = crate::tui::component::Unusual {
        not_observed: 1,
        ..Default::default()
    };
    assert_eq!(
        out,
        Outcome::Ask(crate::tui::component::Question::Validate(why))
    );
    let validated = Event::GridValidated {
        candidat: "01".into(),
    };
    assert_eq!(
        s.validate_confirmed(&state),
        Outcome::Record(vec![validated.clone()])
    );
    state.apply(&r, &validated, ts()).unwrap();
    run(&mut s, &r, &mut state, A::NotObserved);
    assert!(
        matches!(s.focus, Focus::Reason { .. }),
        "validated: a reason"
    );
}
