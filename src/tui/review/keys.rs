//! The review screen's keymap: a key press, in the current mode, to an [`Action`]. Pure.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::state::{Action, ReviewState, View};

/// Key help of the table, shown in its footer.
pub const TABLE_HELP: &str = "↑↓ choisir · Entrée détail · s/S tri, sens · e épreuve · t statut \
                              · a anomalies seules · / chercher · x sans filtre · q quitter";
/// Key help of the detail view.
pub const DETAIL_HELP: &str = "↑↓ PgPréc PgSuiv défiler · ←→ précédent/suivant · Échap retour · \
                               q quitter";
/// Key help while typing a search.
pub const SEARCH_HELP: &str = "tapez un nom ou un numéro · Entrée valider · Échap annuler";

pub fn action(state: &ReviewState, key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return matches!(key.code, KeyCode::Char('c')).then_some(Action::Quit);
    }
    if state.editing.is_some() {
        return match key.code {
            KeyCode::Enter => Some(Action::SearchConfirm),
            KeyCode::Esc => Some(Action::SearchCancel),
            KeyCode::Backspace => Some(Action::SearchBackspace),
            KeyCode::Char(c) => Some(Action::SearchChar(c)),
            _ => None,
        };
    }
    let common = match key.code {
        KeyCode::Up | KeyCode::Char('k') => Some(Action::Up),
        KeyCode::Down | KeyCode::Char('j') => Some(Action::Down),
        KeyCode::PageUp => Some(Action::PageUp),
        KeyCode::PageDown | KeyCode::Char(' ') => Some(Action::PageDown),
        KeyCode::Home => Some(Action::Home),
        KeyCode::End => Some(Action::End),
        KeyCode::Char('q') => Some(Action::Quit),
        KeyCode::Esc | KeyCode::Backspace => Some(Action::Back),
        _ => None,
    };
    if common.is_some() {
        return common;
    }
    match state.view {
        View::Table => match key.code {
            KeyCode::Enter => Some(Action::Open),
            KeyCode::Char('s') => Some(Action::CycleSort),
            KeyCode::Char('S') => Some(Action::ReverseSort),
            KeyCode::Char('e') => Some(Action::CycleEpreuve),
            KeyCode::Char('t') => Some(Action::CycleStatus),
            KeyCode::Char('a') => Some(Action::ToggleAnomalies),
            KeyCode::Char('x') => Some(Action::ClearFilters),
            KeyCode::Char('/') => Some(Action::StartSearch),
            _ => None,
        },
        View::Detail { .. } => match key.code {
            KeyCode::Left => Some(Action::PrevEntry),
            KeyCode::Right => Some(Action::NextEntry),
            _ => None,
        },
    }
}
