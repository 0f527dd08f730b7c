//! Validation, amendments, the appreciation editor, members, absence and dispense, PFMP,
//! candidates.

use crossterm::event::{KeyCode, KeyEvent};

use super::{complete, e1_group, e1_ponctuel, key, open, run, type_text};
use crate::grading::Niveau;
use crate::referentiel::FormeKind;
use crate::session::{Event, Membre, NotAssessed};
use crate::tui::grid::{Focus, GridAction as A, GridScreen, Outcome};

#[test]
fn validation_lists_exactly_what_is_missing() {
    let (r, mut state) = e1_ponctuel();
    let mut s = GridScreen::new(&r, &state);
    assert_eq!(run(&mut s, &r, &mut state, A::Validate), Outcome::Nothing);
    let (e, f) = (state.epreuve(&r).unwrap(), state.forme(&r).unwrap());
    let expected = state.grids["01"].missing(&r, e, f, &state.members);
    let Focus::Missing(items) = &s.focus else {
        panic!("no missing panel: {:?}", s.focus)
    };
    assert_eq!(items, &expected);
    assert!(
        items
            .iter()
            .any(|i| i.starts_with("C1.1 : 5 critère(s) non positionné(s)"))
    );
    assert!(
        items
            .iter()
            .any(|i| i == "appréciation générale non rédigée")
    );
    assert!(
        items
            .iter()
            .any(|i| i.starts_with("commission : 0 membre(s)"))
    );
    // Any key closes the panel.
    run(&mut s, &r, &mut state, A::Input(key('x')));
    assert_eq!(s.focus, Focus::Grid);
    complete(&r, &mut state);
    let out = run(&mut s, &r, &mut state, A::Validate);
    assert_eq!(
        out,
        Outcome::Record(vec![Event::GridValidated {
            candidat: "01".into()
        }])
    );
    assert!(state.grids["01"].is_validated());
    let out = s.update(A::Validate, &r, &state);
    assert!(matches!(out, Outcome::Say(m) if m.contains("déjà validée")));
}

#[test]
fn a_change_after_validation_asks_a_reason() {
    let (r, mut state) = e1_ponctuel();
    complete(&r, &mut state);
    let mut s = GridScreen::new(&r, &state);
    run(&mut s, &r, &mut state, A::Validate);
    assert_eq!(
        run(
            &mut s,
            &r,
            &mut state,
            A::Position(Niveau::TresSatisfaisant)
        ),
        Outcome::Nothing
    );
    assert!(matches!(s.focus, Focus::Reason { .. }));
    // An empty reason is refused.
    let out = run(&mut s, &r, &mut state, A::Submit);
    assert!(matches!(out, Outcome::Say(m) if m.contains("motif est obligatoire")));
    type_text(&mut s, &r, &mut state, "erreur de saisie");
    let out = run(&mut s, &r, &mut state, A::Submit);
    let change = Event::CriterionPositioned {
        candidat: "01".into(),
        critere: "C1.1-1".into(),
        niveau: Niveau::TresSatisfaisant,
    };
    let amendment = Event::Amendment {
        reason: "erreur de saisie".into(),
        change: Box::new(change),
    };
    assert_eq!(out, Outcome::Record(vec![amendment]));
    assert_eq!(state.grids["01"].amendments.len(), 1);
    assert_eq!(s.focus, Focus::Grid);
    // Cancelling the reason drops the change.
    run(&mut s, &r, &mut state, A::Clear);
    let out = run(&mut s, &r, &mut state, A::Cancel);
    assert!(matches!(out, Outcome::Say(_)));
    assert_eq!(
        state.grids["01"].positions["C1.1-1"],
        Niveau::TresSatisfaisant
    );
    // A note typed on a validated grid goes back to its input when the reason is cancelled.
    // What is typed replaces the note (13): the field opens empty.
    run(&mut s, &r, &mut state, A::EditNote);
    assert!(matches!(&s.focus, Focus::Note { buf, .. } if buf.is_empty()));
    type_text(&mut s, &r, &mut state, "14");
    assert_eq!(run(&mut s, &r, &mut state, A::Submit), Outcome::Nothing);
    run(&mut s, &r, &mut state, A::Cancel);
    assert!(matches!(&s.focus, Focus::Note { buf, .. } if buf == "14"));
}

#[test]
fn appreciation_is_saved_on_escape_and_never_lost() {
    let (r, mut state) = e1_ponctuel();
    let mut s = GridScreen::new(&r, &state);
    run(&mut s, &r, &mut state, A::EditAppreciation);
    assert!(s.captures_text());
    type_text(&mut s, &r, &mut state, "Bon travail");
    // Refused by the engine (not applied): the editor keeps the text.
    let out = s.update(A::Cancel, &r, &state);
    let set = Event::AppreciationSet {
        candidat: "01".into(),
        text: "Bon travail".into(),
    };
    assert_eq!(out, Outcome::Record(vec![set.clone()]));
    s.update(A::Down, &r, &state);
    assert!(s.captures_text());
    // Recorded: the editor closes once the state holds the text.
    let out = run(&mut s, &r, &mut state, A::Cancel);
    assert_eq!(out, Outcome::Record(vec![set]));
    s.update(A::Down, &r, &state);
    assert!(!s.captures_text());
    assert_eq!(state.grids["01"].appreciation, "Bon travail");
    // Reopened and closed untouched: nothing to record.
    run(&mut s, &r, &mut state, A::EditAppreciation);
    assert_eq!(run(&mut s, &r, &mut state, A::Cancel), Outcome::Nothing);
}

#[test]
fn appreciation_saves_at_each_new_line_and_on_flush() {
    let (r, mut state) = e1_ponctuel();
    let mut s = GridScreen::new(&r, &state);
    run(&mut s, &r, &mut state, A::EditAppreciation);
    type_text(&mut s, &r, &mut state, "Ligne 1");
    let out = run(
        &mut s,
        &r,
        &mut state,
        A::Input(KeyEvent::from(KeyCode::Enter)),
    );
    assert!(matches!(out, Outcome::Record(_)));
    assert_eq!(state.grids["01"].appreciation, "Ligne 1");
    type_text(&mut s, &r, &mut state, "Ligne 2");
    assert!(matches!(
        run(&mut s, &r, &mut state, A::Save),
        Outcome::Record(_)
    ));
    assert!(s.captures_text());
    type_text(&mut s, &r, &mut state, " fin");
    let events = s.flush(&state);
    let text = "Ligne 1\nLigne 2 fin".to_string();
    assert_eq!(
        events,
        vec![Event::AppreciationSet {
            candidat: "01".into(),
            text
        }]
    );
    assert!(!s.captures_text());
}

#[test]
fn members_absence_and_candidates() {
    let (r, mut state) = e1_group();
    let mut s = GridScreen::new(&r, &state);
    run(&mut s, &r, &mut state, A::Commission);
    run(&mut s, &r, &mut state, A::AddMember);
    let out = run(&mut s, &r, &mut state, A::Submit);
    assert!(matches!(out, Outcome::Say(m) if m.contains("nom")));
    type_text(&mut s, &r, &mut state, "Durand Anne");
    run(
        &mut s,
        &r,
        &mut state,
        A::Input(KeyEvent::from(KeyCode::Down)),
    );
    run(&mut s, &r, &mut state, A::Submit);
    // Back in the commission panel: Échap returns to the grid.
    run(&mut s, &r, &mut state, A::Cancel);
    let q = r.epreuves.qualites[1].id.clone();
    assert_eq!(
        state.members,
        vec![Membre {
            nom: "Durand Anne".into(),
            qualite: q
        }]
    );
    // The second candidate of the group gets their own events.
    run(&mut s, &r, &mut state, A::NextCandidate);
    assert_eq!(s.candidate_index(), 1);
    run(&mut s, &r, &mut state, A::Absence);
    let out = run(&mut s, &r, &mut state, A::Input(key('n')));
    let absent = Event::CandidateAbsent {
        candidat: "02".into(),
        justified: false,
    };
    assert_eq!(out, Outcome::Record(vec![absent]));
    // An absent candidate is not positioned: said, nothing recorded.
    let out = run(&mut s, &r, &mut state, A::Position(Niveau::Satisfaisant));
    assert!(
        matches!(&out, Outcome::Say(m) if m.contains("absente")),
        "{out:?}"
    );
    assert!(state.grids["02"].positions.is_empty());
    // The absence withdrawn (r in the absence panel), the candidate is positioned.
    run(&mut s, &r, &mut state, A::Absence);
    let out = run(&mut s, &r, &mut state, A::Input(key('r')));
    let withdrawn = Event::AbsenceWithdrawn {
        candidat: "02".into(),
    };
    assert_eq!(out, Outcome::Record(vec![withdrawn]));
    assert_eq!(state.grids["02"].not_assessed, None);
    run(&mut s, &r, &mut state, A::Position(Niveau::Satisfaisant));
    assert!(state.grids["02"].positions.contains_key("C1.1-1"));
    assert!(state.grids["01"].positions.is_empty());
    run(&mut s, &r, &mut state, A::PrevCandidate);
    run(&mut s, &r, &mut state, A::PrevCandidate);
    assert_eq!(s.candidate_index(), 2);
}

#[test]
fn pfmp_for_e2_ccf_only() {
    let (r, mut state) = open("E2", FormeKind::Ccf, "unique", 1);
    let mut s = GridScreen::new(&r, &state);
    run(&mut s, &r, &mut state, A::Pfmp);
    type_text(&mut s, &r, &mut state, "10");
    run(
        &mut s,
        &r,
        &mut state,
        A::Input(KeyEvent::from(KeyCode::Tab)),
    );
    let out = run(&mut s, &r, &mut state, A::Submit);
    let ev = Event::PfmpRecorded {
        candidat: "01".into(),
        weeks: 10,
        positionne: true,
        voie: None,
    };
    assert_eq!(out, Outcome::Record(vec![ev]));
    let (r, state) = e1_ponctuel();
    let mut s = GridScreen::new(&r, &state);
    assert_eq!(s.update(A::Pfmp, &r, &state), Outcome::Nothing);
}

#[test]
fn flush_on_a_validated_grid_keeps_the_text_as_an_amendment() {
    let (r, mut state) = e1_ponctuel();
    complete(&r, &mut state);
    let mut s = GridScreen::new(&r, &state);
    run(&mut s, &r, &mut state, A::Validate);
    run(&mut s, &r, &mut state, A::EditAppreciation);
    type_text(&mut s, &r, &mut state, " Ajout.");
    // No autosave at a new line on a validated grid: that would need a reason per line.
    let enter = A::Input(KeyEvent::from(KeyCode::Enter));
    assert_eq!(run(&mut s, &r, &mut state, enter), Outcome::Nothing);
    // Échap asks the reason; quitting then keeps the text and the reason typed so far.
    assert_eq!(run(&mut s, &r, &mut state, A::Cancel), Outcome::Nothing);
    type_text(&mut s, &r, &mut state, "oubli");
    let events = s.flush(&state);
    let [Event::Amendment { reason, change }] = events.as_slice() else {
        panic!("{events:?}")
    };
    assert_eq!(reason, "oubli");
    assert!(matches!(&**change, Event::AppreciationSet { text, .. } if text == "Bien. Ajout."));
    state.apply(&r, &events[0], state.last_ts).unwrap();
    assert!(!s.captures_text());
    // Nothing pending: nothing to flush.
    assert!(s.flush(&state).is_empty());
}

#[test]
fn the_absence_panel_records_a_dispense() {
    let (r, mut state) = e1_ponctuel();
    let mut s = GridScreen::new(&r, &state);
    run(&mut s, &r, &mut state, A::Absence);
    assert_eq!(s.focus, Focus::Absence);
    // A key the panel does not offer does nothing and keeps it open.
    assert_eq!(
        run(&mut s, &r, &mut state, A::Input(key('x'))),
        Outcome::Nothing
    );
    assert_eq!(s.focus, Focus::Absence);
    let out = run(&mut s, &r, &mut state, A::Input(key('d')));
    let exempted = Event::CandidateExempted {
        candidat: "01".into(),
    };
    assert_eq!(out, Outcome::Record(vec![exempted.clone()]));
    assert_eq!(s.focus, Focus::Grid);
    assert_eq!(state.grids["01"].not_assessed, Some(NotAssessed::Exempted));
    // Only the commission is then missing before validation.
    run(&mut s, &r, &mut state, A::Validate);
    let Focus::Missing(items) = &s.focus else {
        panic!("no missing panel: {:?}", s.focus)
    };
    assert!(
        items.iter().all(|i| i.starts_with("commission")),
        "{items:?}"
    );
    run(&mut s, &r, &mut state, A::Cancel);
    complete(&r, &mut state);
    run(&mut s, &r, &mut state, A::Validate);
    assert!(state.grids["01"].is_validated());
    // On a validated grid, turning the dispense into an absence is a reasoned amendment.
    run(&mut s, &r, &mut state, A::Absence);
    assert_eq!(
        run(&mut s, &r, &mut state, A::Input(key('j'))),
        Outcome::Nothing
    );
    assert!(matches!(s.focus, Focus::Reason { .. }));
    type_text(&mut s, &r, &mut state, "dispense refusée");
    let out = run(&mut s, &r, &mut state, A::Submit);
    let amendment = Event::Amendment {
        reason: "dispense refusée".into(),
        change: Box::new(Event::CandidateAbsent {
            candidat: "01".into(),
            justified: true,
        }),
    };
    assert_eq!(out, Outcome::Record(vec![amendment]));
    assert_eq!(
        state.grids["01"].not_assessed,
        Some(NotAssessed::Absent { justified: true })
    );
}
