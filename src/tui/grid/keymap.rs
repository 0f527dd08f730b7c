//! What a key means on the grid screen: a pure function of the key and of the screen's focus.
//!
//! On the grid itself keys are commands (move, position, note, validate, …); while a text
//! field, a prompt or a panel has the focus, keys are handed to it as [`GridAction::Input`],
//! except Entrée (submit), Échap (cancel or, in the appreciation editor, save and close) and
//! Ctrl-S (save the appreciation).

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::{Focus, GridScreen, Row};
use crate::grading::Niveau;

/// A jury intention on the grid screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GridAction {
    /// Previous / next row (criterion, note, appreciation, …).
    Up,
    Down,
    /// Start of the previous / next competence.
    PrevSection,
    NextSection,
    First,
    Last,
    /// Positions the criterion under the cursor.
    Position(Niveau),
    /// Clears the position of the criterion under the cursor.
    Clear,
    /// One level up / down on the criterion under the cursor (TI → I → S → TS).
    Raise,
    Lower,
    /// Takes the indicative proposal as the note /20 of the competence under the cursor.
    AcceptProposal,
    /// Opens the note /20 input of the competence under the cursor.
    EditNote,
    /// Opens the note input with a first digit already typed (on a note row).
    StartNote(char),
    /// Entrée on the grid: what the row under the cursor offers.
    Activate,
    EditAppreciation,
    NextCandidate,
    PrevCandidate,
    AddMember,
    Absence,
    Pfmp,
    Validate,
    /// Shows the descriptions of the four levels.
    Legend,
    /// Back to the previous screen.
    Leave,
    /// A key for the focused text field, prompt or panel.
    Input(KeyEvent),
    /// Entrée in a field or prompt.
    Submit,
    /// Échap in a field or prompt (in the appreciation editor: save and close).
    Cancel,
    /// Ctrl-S in the appreciation editor: save and keep editing.
    Save,
}

/// The action of a key on the grid screen, `None` when the grid has no use for it (the app may
/// then give it a global meaning).
pub fn keymap(key: &KeyEvent, screen: &GridScreen) -> Option<GridAction> {
    // Windows (and the kitty protocol) also report releases: act on presses only.
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    match &screen.focus {
        Focus::Grid => grid_key(key, screen, ctrl || alt),
        Focus::Missing(_) | Focus::Legend => Some(GridAction::Cancel),
        Focus::Appreciation { .. } => Some(match key.code {
            KeyCode::Esc => GridAction::Cancel,
            KeyCode::Char('s' | 'S') if ctrl && !alt => GridAction::Save,
            // Ctrl-C inside the editor saves and closes it rather than losing the text.
            KeyCode::Char('c') if ctrl && !alt => GridAction::Cancel,
            _ => GridAction::Input(*key),
        }),
        _ => Some(match key.code {
            KeyCode::Esc => GridAction::Cancel,
            KeyCode::Enter => GridAction::Submit,
            KeyCode::Char('c') if ctrl && !alt => GridAction::Cancel,
            _ => GridAction::Input(*key),
        }),
    }
}

fn grid_key(key: &KeyEvent, screen: &GridScreen, modified: bool) -> Option<GridAction> {
    use GridAction as A;
    let on_note = matches!(screen.current_row(), Some(Row::Note { .. }));
    let action = match key.code {
        // Ctrl/Alt combinations belong to the app (Ctrl-C quits).
        KeyCode::Char(_) if modified => return None,
        KeyCode::Up | KeyCode::Char('k') => A::Up,
        KeyCode::Down | KeyCode::Char('j') => A::Down,
        KeyCode::PageUp => A::PrevSection,
        KeyCode::PageDown => A::NextSection,
        KeyCode::Home => A::First,
        KeyCode::End => A::Last,
        KeyCode::Char(c @ '0'..='9') if on_note => A::StartNote(c),
        KeyCode::Char('1') => A::Position(Niveau::TresInsuffisant),
        KeyCode::Char('2') => A::Position(Niveau::Insuffisant),
        KeyCode::Char('3') => A::Position(Niveau::Satisfaisant),
        KeyCode::Char('4') => A::Position(Niveau::TresSatisfaisant),
        KeyCode::Char('0') | KeyCode::Delete | KeyCode::Backspace => A::Clear,
        KeyCode::Right => A::Raise,
        KeyCode::Left => A::Lower,
        KeyCode::Char('p') => A::AcceptProposal,
        KeyCode::Char('n') => A::EditNote,
        KeyCode::Enter => A::Activate,
        KeyCode::Char('e') => A::EditAppreciation,
        KeyCode::Char('c') if screen.n_cands > 1 => A::NextCandidate,
        KeyCode::Char('C') if screen.n_cands > 1 => A::PrevCandidate,
        KeyCode::Char('m') => A::AddMember,
        KeyCode::Char('a') => A::Absence,
        KeyCode::Char('f') if screen.has_pfmp => A::Pfmp,
        KeyCode::Char('v') => A::Validate,
        KeyCode::Char('l') => A::Legend,
        KeyCode::Esc => A::Leave,
        _ => return None,
    };
    Some(action)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::grid::tests::{e1_group, e1_ponctuel, key};

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
}
