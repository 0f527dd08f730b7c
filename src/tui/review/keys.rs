//! The review screen's binding tables (table, detail, search): its keymap and its footer are
//! both read from them, as in the jury app.

use crossterm::event::{KeyCode, KeyEvent};

use super::state::{Action, ReviewState, View};
use crate::tui::keys::{
    self, BACKSPACE, Binding, DOWN, ENTER, ESC, Fill, Key, LEFT, RIGHT, UP, folded, foot,
    help_only, plain,
};

impl Fill for Action {
    fn fill(self, key: &KeyEvent) -> Self {
        match (self, key.code) {
            (Action::SearchChar(_), KeyCode::Char(c)) => Action::SearchChar(c),
            (a, _) => a,
        }
    }
}

const PAGE_UP: Key = Key::Plain(KeyCode::PageUp);
const PAGE_DOWN: Key = Key::Plain(KeyCode::PageDown);

/// Moving, in both views (the table's footer names them first).
const MOVE: &[Binding<Action>] = &[
    foot(
        &[UP, plain('k')],
        "↑↓",
        Action::Up,
        "ligne précédente / suivante",
        "choisir",
    ),
    folded(&[DOWN, plain('j')], Action::Down),
    help_only(
        &[PAGE_UP],
        "PgPréc PgSuiv",
        Action::PageUp,
        "page précédente / suivante",
    ),
    folded(&[PAGE_DOWN, plain(' ')], Action::PageDown),
    help_only(
        &[Key::Plain(KeyCode::Home)],
        "Début Fin",
        Action::Home,
        "début / fin",
    ),
    folded(&[Key::Plain(KeyCode::End)], Action::End),
];

/// The table of candidate × épreuve.
pub const TABLE: &[Binding<Action>] = &[
    foot(
        &[ENTER],
        "Entrée",
        Action::Open,
        "détail de la ligne",
        "détail",
    ),
    foot(
        &[plain('s')],
        "s/S",
        Action::CycleSort,
        "colonne de tri, sens du tri",
        "tri, sens",
    ),
    folded(&[plain('S')], Action::ReverseSort),
    foot(
        &[plain('e')],
        "e",
        Action::CycleEpreuve,
        "filtrer par épreuve",
        "épreuve",
    ),
    foot(
        &[plain('t')],
        "t",
        Action::CycleStatus,
        "filtrer par statut",
        "statut",
    ),
    foot(
        &[plain('a')],
        "a",
        Action::ToggleAnomalies,
        "seulement les lignes avec anomalie",
        "anomalies seules",
    ),
    foot(
        &[plain('/')],
        "/",
        Action::StartSearch,
        "chercher un nom ou un numéro",
        "chercher",
    ),
    foot(
        &[plain('x')],
        "x",
        Action::ClearFilters,
        "retirer filtres et recherche",
        "sans filtre",
    ),
    foot(
        &[plain('h')],
        "h",
        Action::Harmonisation,
        "comparer les commissions de chaque épreuve (harmonisation)",
        "harmonisation",
    ),
    foot(
        &[plain('i')],
        "i",
        Action::Print,
        "imprimer les bordereaux et les grilles des lignes affichées",
        "imprimer",
    ),
];

/// The detail of one entry.
pub const DETAIL: &[Binding<Action>] = &[
    foot(
        &[UP, plain('k')],
        "↑↓ PgPréc PgSuiv",
        Action::Up,
        "défiler",
        "défiler",
    ),
    folded(&[DOWN, plain('j')], Action::Down),
    folded(&[PAGE_UP], Action::PageUp),
    folded(&[PAGE_DOWN, plain(' ')], Action::PageDown),
    folded(&[Key::Plain(KeyCode::Home)], Action::Home),
    folded(&[Key::Plain(KeyCode::End)], Action::End),
    foot(
        &[RIGHT],
        "←→",
        Action::NextEntry,
        "ligne suivante / précédente",
        "précédent/suivant",
    ),
    folded(&[LEFT], Action::PrevEntry),
];

/// The harmonisation view: it scrolls by commission.
pub const HARMONISATION: &[Binding<Action>] = &[
    foot(
        &[UP, plain('k')],
        "↑↓ PgPréc PgSuiv",
        Action::Up,
        "défiler les commissions",
        "défiler",
    ),
    folded(&[DOWN, plain('j')], Action::Down),
    folded(&[PAGE_UP], Action::PageUp),
    folded(&[PAGE_DOWN, plain(' ')], Action::PageDown),
    folded(&[Key::Plain(KeyCode::Home)], Action::Home),
    folded(&[Key::Plain(KeyCode::End)], Action::End),
];

/// Leaving, in every view.
const BACK_AND_QUIT: &[Binding<Action>] = &[
    foot(&[ESC, BACKSPACE], "Échap", Action::Back, "retour", "retour"),
    QUIT,
];

/// Quitting. On the table, `Échap` quits too: bound, but the footer writes only `q`.
const QUIT: Binding<Action> = foot(
    &[plain('q'), Key::Ctrl('c')],
    "q",
    Action::Quit,
    "quitter",
    "quitter",
);
const TABLE_LEAVE: &[Binding<Action>] = &[
    help_only(&[ESC, BACKSPACE], "Échap", Action::Back, "quitter la revue"),
    QUIT,
];

/// While the search text is typed.
pub const SEARCH: &[Binding<Action>] = &[
    foot(
        &[Key::Text],
        "tapez",
        Action::SearchChar(' '),
        "un nom ou un numéro",
        "un nom ou un numéro",
    ),
    foot(
        &[ENTER],
        "Entrée",
        Action::SearchConfirm,
        "valider la recherche",
        "valider",
    ),
    foot(
        &[ESC],
        "Échap",
        Action::SearchCancel,
        "annuler la recherche",
        "annuler",
    ),
    help_only(
        &[BACKSPACE],
        "Retour arrière",
        Action::SearchBackspace,
        "effacer",
    ),
    help_only(&[Key::Ctrl('c')], "Ctrl-C", Action::Quit, "quitter"),
];

/// The tables in force for `state`, first match wins.
pub fn tables(state: &ReviewState) -> Vec<&'static [Binding<Action>]> {
    if state.editing.is_some() {
        return vec![SEARCH];
    }
    match state.view {
        // The table's footer: moving first, then its own keys, then leaving.
        View::Table => vec![MOVE, TABLE, TABLE_LEAVE],
        View::Detail { .. } => vec![DETAIL, BACK_AND_QUIT],
        View::Harmonisation { .. } => vec![HARMONISATION, BACK_AND_QUIT],
    }
}

/// The footer's text for `state`: `keys label · keys label · …`.
pub fn footer(state: &ReviewState) -> String {
    keys::footer(&tables(state))
        .iter()
        .map(|(k, d)| format!("{k} {d}"))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The action of a key press, in the current mode. Pure.
pub fn action(state: &ReviewState, key: KeyEvent) -> Option<Action> {
    keys::lookup(&tables(state), &key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::referentiel::load_embedded;
    use crate::review::Report;

    fn state() -> ReviewState {
        let r = load_embedded().unwrap();
        let report = Report {
            dirs: Vec::new(),
            seances: Vec::new(),
            entries: Vec::new(),
            orphans: Vec::new(),
            non_examines: Vec::new(),
            tz: crate::review::Tz::Utc,
        };
        ReviewState::new(&r, &report)
    }

    #[test]
    fn the_footers_read_as_before() {
        let mut st = state();
        assert_eq!(
            footer(&st),
            "↑↓ choisir · Entrée détail · s/S tri, sens · e épreuve · t statut · a anomalies \
             seules · / chercher · x sans filtre · h harmonisation · i imprimer · q quitter"
        );
        st.view = View::Detail { scroll: 0 };
        assert_eq!(
            footer(&st),
            "↑↓ PgPréc PgSuiv défiler · ←→ précédent/suivant · Échap retour · q quitter"
        );
        st.editing = Some(String::new());
        assert_eq!(
            footer(&st),
            "tapez un nom ou un numéro · Entrée valider · Échap annuler"
        );
    }

    #[test]
    fn every_bound_key_maps_to_its_own_action() {
        let mut st = state();
        for (view, editing) in [
            (View::Table, None),
            (View::Detail { scroll: 0 }, None),
            (View::Harmonisation { scroll: 0 }, None),
            (View::Table, Some(String::new())),
        ] {
            st.view = view;
            st.editing = editing;
            for b in tables(&st).into_iter().flatten() {
                for k in keys::sample_keys(b) {
                    assert_eq!(action(&st, k), Some(b.action.fill(&k)), "{k:?} in {view:?}");
                }
            }
        }
    }
}
