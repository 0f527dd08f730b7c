//! The grid's own commands: positioning, moving, proposal, note typing.

use crossterm::event::{KeyCode, KeyEvent};

use super::{e1_ponctuel, run, type_text};
use crate::grading::{Niveau, Points};
use crate::session::Event;
use crate::tui::grid::{Focus, GridAction as A, GridScreen, Outcome, Row};

#[test]
fn positioning_emits_the_right_events() {
    let (r, mut state) = e1_ponctuel();
    let mut s = GridScreen::new(&r, &state);
    let out = run(&mut s, &r, &mut state, A::Position(Niveau::Satisfaisant));
    let expected = Event::CriterionPositioned {
        candidat: "01".into(),
        critere: "C1.1-1".into(),
        niveau: Niveau::Satisfaisant,
    };
    assert_eq!(out, Outcome::Record(vec![expected]));
    // Same level again: nothing to record.
    assert_eq!(
        s.update(A::Position(Niveau::Satisfaisant), &r, &state),
        Outcome::Nothing
    );
    let out = run(&mut s, &r, &mut state, A::Raise);
    assert!(matches!(&out, Outcome::Record(e)
        if matches!(&e[0], Event::CriterionPositioned { niveau: Niveau::TresSatisfaisant, .. })));
    // TS is the top: raising again changes nothing.
    assert_eq!(s.update(A::Raise, &r, &state), Outcome::Nothing);
    let out = run(&mut s, &r, &mut state, A::Clear);
    let cleared = Event::CriterionCleared {
        candidat: "01".into(),
        critere: "C1.1-1".into(),
    };
    assert_eq!(out, Outcome::Record(vec![cleared]));
    assert!(state.grids["01"].positions.is_empty());
    // The second criterion.
    run(&mut s, &r, &mut state, A::Down);
    run(&mut s, &r, &mut state, A::Position(Niveau::Insuffisant));
    assert_eq!(state.grids["01"].positions["C1.1-2"], Niveau::Insuffisant);
}

#[test]
fn positioning_off_a_criterion_says_why() {
    let (r, mut state) = e1_ponctuel();
    let mut s = GridScreen::new(&r, &state);
    run(&mut s, &r, &mut state, A::NextSection);
    run(&mut s, &r, &mut state, A::Up); // the note row of C1.1
    let out = s.update(A::Position(Niveau::Satisfaisant), &r, &state);
    assert!(matches!(out, Outcome::Say(m) if m.contains("critère")));
}

#[test]
fn sections_jump_between_competences() {
    let (r, state) = e1_ponctuel();
    let mut s = GridScreen::new(&r, &state);
    s.update(A::NextSection, &r, &state);
    assert_eq!(s.current_row(), Some(Row::Critere { comp: 1, crit: 0 }));
    s.update(A::Down, &r, &state);
    s.update(A::PrevSection, &r, &state);
    assert_eq!(s.current_row(), Some(Row::Critere { comp: 1, crit: 0 }));
    s.update(A::PrevSection, &r, &state);
    assert_eq!(s.current_row(), Some(Row::Critere { comp: 0, crit: 0 }));
    s.update(A::Last, &r, &state);
    assert_eq!(s.current_row(), Some(Row::Absence));
}

#[test]
fn proposal_is_accepted_with_one_key() {
    let (r, mut state) = e1_ponctuel();
    let mut s = GridScreen::new(&r, &state);
    let out = s.update(A::AcceptProposal, &r, &state);
    assert!(matches!(out, Outcome::Say(m) if m.contains("positionnez")));
    run(&mut s, &r, &mut state, A::Position(Niveau::Satisfaisant));
    let proposal = state.grids["01"].proposition(&r, "C1.1").unwrap();
    let out = run(&mut s, &r, &mut state, A::AcceptProposal);
    let set = Event::NoteSet {
        candidat: "01".into(),
        competence: "C1.1".into(),
        note: proposal,
    };
    assert_eq!(out, Outcome::Record(vec![set]));
    assert_eq!(state.grids["01"].notes["C1.1"], proposal);
}

#[test]
fn note_typing_takes_french_and_english_decimals() {
    for typed in ["12,5", "12.5"] {
        let (r, mut state) = e1_ponctuel();
        let mut s = GridScreen::new(&r, &state);
        run(&mut s, &r, &mut state, A::EditNote);
        assert!(s.captures_text());
        type_text(&mut s, &r, &mut state, typed);
        let out = run(&mut s, &r, &mut state, A::Submit);
        let set = Event::NoteSet {
            candidat: "01".into(),
            competence: "C1.1".into(),
            note: Points::from_halves(25),
        };
        assert_eq!(out, Outcome::Record(vec![set]), "{typed}");
        assert!(!s.captures_text());
    }
}

#[test]
fn note_typing_refuses_out_of_range_and_odd_decimals() {
    let (r, mut state) = e1_ponctuel();
    let mut s = GridScreen::new(&r, &state);
    for (typed, says) in [("20,5", "va de 0 à 20"), ("12,3", "multiple de 0,5")] {
        run(&mut s, &r, &mut state, A::EditNote);
        for _ in 0..6 {
            run(
                &mut s,
                &r,
                &mut state,
                A::Input(KeyEvent::from(KeyCode::Backspace)),
            );
        }
        type_text(&mut s, &r, &mut state, typed);
        let out = run(&mut s, &r, &mut state, A::Submit);
        assert!(
            matches!(&out, Outcome::Say(m) if m.contains(says)),
            "{typed}: {out:?}"
        );
        // The input stays open with what was typed, to be corrected.
        assert!(matches!(&s.focus, Focus::Note { buf, .. } if buf == typed));
        run(&mut s, &r, &mut state, A::Cancel);
    }
    assert!(state.grids["01"].notes.is_empty());
    // Letters are not taken by the note input.
    run(&mut s, &r, &mut state, A::EditNote);
    type_text(&mut s, &r, &mut state, "1x5");
    assert!(matches!(&s.focus, Focus::Note { buf, .. } if buf == "15"));
}

#[test]
fn a_digit_on_the_note_row_starts_the_note() {
    let (r, mut state) = e1_ponctuel();
    let mut s = GridScreen::new(&r, &state);
    run(&mut s, &r, &mut state, A::StartNote('9'));
    type_text(&mut s, &r, &mut state, ",5");
    run(&mut s, &r, &mut state, A::Submit);
    assert_eq!(state.grids["01"].notes["C1.1"], Points::from_halves(19));
}
