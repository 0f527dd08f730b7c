//! The grid's keys: commands on the grid, text in fields, by focus.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::grading::Niveau;
use crate::tui::grid::tests::{e1_group, e1_ponctuel, key};
use crate::tui::grid::{GridAction, GridScreen, keymap};
use crossterm::event::KeyEventKind;

#[test]
fn grid_keys_are_commands() {
    let (r, state) = e1_ponctuel();
    let s = GridScreen::new(&r, &state);
    assert_eq!(
        keymap(&key('3'), &s),
        Some(GridAction::Position(Niveau::Satisfaisant))
    );
    assert_eq!(
        keymap(&key('1'), &s),
        Some(GridAction::Position(Niveau::TresInsuffisant))
    );
    assert_eq!(keymap(&key('0'), &s), Some(GridAction::Clear));
    assert_eq!(keymap(&key('j'), &s), Some(GridAction::Down));
    assert_eq!(keymap(&key('v'), &s), Some(GridAction::Validate));
    // A single candidate: no candidate switching, no PFMP for E1.
    assert_eq!(keymap(&key('c'), &s), None);
    assert_eq!(keymap(&key('f'), &s), None);
    // Global keys stay global.
    assert_eq!(keymap(&key('q'), &s), None);
    assert_eq!(keymap(&key('?'), &s), None);
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(keymap(&ctrl_c, &s), None);
}

#[test]
fn releases_are_ignored() {
    let (r, state) = e1_ponctuel();
    let s = GridScreen::new(&r, &state);
    let mut k = key('3');
    k.kind = KeyEventKind::Release;
    assert_eq!(keymap(&k, &s), None);
}

#[test]
fn digits_on_a_note_row_start_the_note() {
    let (r, state) = e1_ponctuel();
    let mut s = GridScreen::new(&r, &state);
    // C1.1 has five criteria: the sixth row is its note.
    for _ in 0..5 {
        s.update(GridAction::Down, &r, &state);
    }
    assert_eq!(keymap(&key('1'), &s), Some(GridAction::StartNote('1')));
    assert_eq!(keymap(&key('0'), &s), Some(GridAction::StartNote('0')));
}

#[test]
fn group_seance_switches_candidates() {
    let (r, state) = e1_group();
    let s = GridScreen::new(&r, &state);
    assert_eq!(keymap(&key('c'), &s), Some(GridAction::NextCandidate));
    assert_eq!(keymap(&key('C'), &s), Some(GridAction::PrevCandidate));
}

#[test]
fn text_fields_take_the_keys() {
    let (r, state) = e1_ponctuel();
    let mut s = GridScreen::new(&r, &state);
    s.update(GridAction::EditNote, &r, &state);
    assert!(s.captures_text());
    assert_eq!(keymap(&key('q'), &s), Some(GridAction::Input(key('q'))));
    let enter = KeyEvent::from(KeyCode::Enter);
    assert_eq!(keymap(&enter, &s), Some(GridAction::Submit));
    s.update(GridAction::Cancel, &r, &state);
    s.update(GridAction::EditAppreciation, &r, &state);
    assert_eq!(keymap(&enter, &s), Some(GridAction::Input(enter)));
    let ctrl_s = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(keymap(&ctrl_s, &s), Some(GridAction::Save));
    let esc = KeyEvent::from(KeyCode::Esc);
    assert_eq!(keymap(&esc, &s), Some(GridAction::Cancel));
}
