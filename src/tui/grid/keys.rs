//! The grid screen's binding tables, by focus: on the grid itself keys are commands (move,
//! position, note, validate, …); while a text field, a prompt or a panel has the focus, keys
//! are handed to it as [`GridAction::Input`], except Entrée (submit), Échap (cancel or, in the
//! appreciation editor, save and close) and Ctrl-S (save the appreciation). The keymap, the
//! footer and the help are all read from these tables.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::commission::COMMISSION_KEYS;
use super::{Focus, GridScreen, Row};
use crate::grading::Niveau;
use crate::tui::keys::{
    BACKSPACE, Binding, DOWN, ENTER, ESC, Fill, Key, LEFT, RIGHT, TAB, UP, folded, foot, help_only,
    lookup, plain,
};

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
    /// « Non observé » on the criterion under the cursor (again: cleared).
    NotObserved,
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
    /// Opens the commission panel (add, remove, correct a qualité).
    Commission,
    /// In the commission panel: a new member.
    AddMember,
    /// In the commission panel: the chosen member leaves the commission.
    RemoveMember,
    /// In the commission panel: the chosen member's qualité becomes the next one.
    Requalify,
    Absence,
    Pfmp,
    Validate,
    /// Shows the descriptions of the four levels.
    Legend,
    /// Back to the previous screen.
    Leave,
    /// Tab: the timer (when the situation is timed).
    Timer,
    /// A key for the focused text field, prompt or panel.
    Input(KeyEvent),
    /// Entrée in a field or prompt.
    Submit,
    /// Échap in a field or prompt (in the appreciation editor: save and close).
    Cancel,
    /// Ctrl-S in the appreciation editor: save and keep editing.
    Save,
}

use GridAction as A;

const DIGITS: &[Key] = &[
    plain('0'),
    plain('1'),
    plain('2'),
    plain('3'),
    plain('4'),
    plain('5'),
    plain('6'),
    plain('7'),
    plain('8'),
    plain('9'),
];

/// On a note row, a digit starts the note (before the levels take `1`–`4`).
pub const NOTE_ROW_KEYS: &[Binding<GridAction>] = &[help_only(
    DIGITS,
    "0–9",
    A::StartNote('0'),
    "sur la ligne Note : taper la note /20 directement",
)];

/// Elsewhere, digits position the criterion.
pub const LEVEL_KEYS: &[Binding<GridAction>] = &[
    foot(
        &[plain('1')],
        "1 2 3 4",
        A::Position(Niveau::TresInsuffisant),
        "positionner TI / I / S / TS",
        "TI I S TS",
    ),
    folded(&[plain('2')], A::Position(Niveau::Insuffisant)),
    folded(&[plain('3')], A::Position(Niveau::Satisfaisant)),
    folded(&[plain('4')], A::Position(Niveau::TresSatisfaisant)),
    help_only(
        &[plain('0'), Key::Plain(KeyCode::Delete), BACKSPACE],
        "0 Suppr ⌫",
        A::Clear,
        "effacer le positionnement",
    ),
    help_only(
        &[plain('o')],
        "o",
        A::NotObserved,
        "non observé (de nouveau : effacer)",
    ),
];

/// On a note row the digits are the note's: clearing keeps Suppr and ⌫.
pub const NOTE_ROW_CLEAR_KEYS: &[Binding<GridAction>] = &[help_only(
    &[Key::Plain(KeyCode::Delete), BACKSPACE],
    "Suppr ⌫",
    A::Clear,
    "effacer le positionnement (sur un critère)",
)];

/// The grid itself has the focus: keys are commands.
pub const GRID_KEYS: &[Binding<GridAction>] = &[
    foot(
        &[plain('p')],
        "p",
        A::AcceptProposal,
        "prendre la proposition indicative comme note /20",
        "proposition",
    ),
    foot(
        &[plain('n')],
        "n",
        A::EditNote,
        "saisir la note /20 (12,5 ou 12.5)",
        "note",
    ),
    foot(
        &[plain('e')],
        "e",
        A::EditAppreciation,
        "rédiger l’appréciation générale (Échap : enregistrer)",
        "appréciation",
    ),
    foot(
        &[plain('v')],
        "v",
        A::Validate,
        "valider la grille (sinon : liste de ce qui manque)",
        "valider",
    ),
    foot(&[TAB], "Tab", A::Timer, "minutage", "minutage"),
    help_only(
        &[UP, plain('k')],
        "↑ ↓ (k j)",
        A::Up,
        "ligne précédente / suivante (PgPréc PgSuiv : compétence)",
    ),
    folded(&[DOWN, plain('j')], A::Down),
    folded(&[Key::Plain(KeyCode::PageUp)], A::PrevSection),
    folded(&[Key::Plain(KeyCode::PageDown)], A::NextSection),
    folded(&[Key::Plain(KeyCode::Home)], A::First),
    folded(&[Key::Plain(KeyCode::End)], A::Last),
    help_only(&[RIGHT], "← →", A::Raise, "monter / baisser d’un niveau"),
    folded(&[LEFT], A::Lower),
    help_only(
        &[ENTER],
        "Entrée",
        A::Activate,
        "agir sur la ligne (note, appréciation, membre, absence…)",
    ),
    help_only(
        &[plain('m')],
        "m",
        A::Commission,
        "commission : ajouter, retirer un membre, corriger sa qualité",
    ),
    help_only(
        &[plain('a')],
        "a",
        A::Absence,
        "signaler une absence (justifiée ou non) ou une dispense",
    ),
    help_only(
        &[plain('l')],
        "l",
        A::Legend,
        "légende des niveaux TI / I / S / TS",
    ),
    help_only(&[ESC], "Échap", A::Leave, "quitter la grille"),
];

/// A group séance: switching candidates.
pub const GROUP_KEYS: &[Binding<GridAction>] = &[
    help_only(
        &[plain('c')],
        "c / C",
        A::NextCandidate,
        "personne candidate suivante / précédente",
    ),
    folded(&[plain('C')], A::PrevCandidate),
];

/// E2 in CCF: the PFMP.
pub const PFMP_KEYS: &[Binding<GridAction>] = &[help_only(
    &[plain('f')],
    "f",
    A::Pfmp,
    "PFMP : semaines et positionnement",
)];

/// The appreciation editor: every key is text, but these.
pub const EDITOR_KEYS: &[Binding<GridAction>] = &[
    foot(
        &[ESC, Key::Ctrl('c')],
        "Échap",
        A::Cancel,
        "enregistrer et fermer l’éditeur",
        "enregistrer et fermer",
    ),
    foot(
        &[Key::Ctrl('s')],
        "Ctrl-S",
        A::Save,
        "enregistrer sans fermer",
        "enregistrer",
    ),
    help_only(
        &[Key::Any],
        "lettres",
        A::Input(NO_KEY),
        "rédiger (Entrée : nouvelle ligne)",
    ),
];

/// A short field or a prompt (note, amendment reason, member, absence, PFMP).
pub const FIELD_KEYS: &[Binding<GridAction>] = &[
    foot(&[ENTER], "Entrée", A::Submit, "valider", "valider"),
    foot(
        &[ESC, Key::Ctrl('c')],
        "Échap",
        A::Cancel,
        "annuler",
        "annuler",
    ),
    help_only(
        &[Key::Any],
        "lettres",
        A::Input(NO_KEY),
        "saisir (Retour arrière : effacer)",
    ),
];

/// What is missing before validation, or the legend: any key closes it.
pub const PANEL_KEYS: &[Binding<GridAction>] = &[foot(
    &[Key::Any],
    "une touche",
    A::Cancel,
    "fermer",
    "fermer",
)];

/// The key an `Input` binding stands for in a table (the real one fills it in).
const NO_KEY: KeyEvent = KeyEvent::new(KeyCode::Null, KeyModifiers::NONE);

impl Fill for GridAction {
    fn fill(self, key: &KeyEvent) -> Self {
        match (self, key.code) {
            (A::Input(_), _) => A::Input(*key),
            (A::StartNote(_), KeyCode::Char(c)) => A::StartNote(c),
            (a, _) => a,
        }
    }
}

impl GridAction {
    /// Every action, for the binding test (a new variant fails to compile in the match).
    pub fn all() -> Vec<GridAction> {
        let all = vec![
            A::Up,
            A::Down,
            A::PrevSection,
            A::NextSection,
            A::First,
            A::Last,
            A::Position(Niveau::Satisfaisant),
            A::Clear,
            A::NotObserved,
            A::Raise,
            A::Lower,
            A::AcceptProposal,
            A::EditNote,
            A::StartNote('1'),
            A::Activate,
            A::EditAppreciation,
            A::NextCandidate,
            A::PrevCandidate,
            A::Commission,
            A::AddMember,
            A::RemoveMember,
            A::Requalify,
            A::Absence,
            A::Pfmp,
            A::Validate,
            A::Legend,
            A::Leave,
            A::Timer,
            A::Input(NO_KEY),
            A::Submit,
            A::Cancel,
            A::Save,
        ];
        for a in &all {
            match a {
                A::Up | A::Down | A::PrevSection | A::NextSection | A::First | A::Last => {}
                A::Position(_) | A::Clear | A::Raise | A::Lower | A::AcceptProposal => {}
                A::NotObserved | A::Commission | A::RemoveMember | A::Requalify => {}
                A::EditNote | A::StartNote(_) | A::Activate | A::EditAppreciation => {}
                A::NextCandidate | A::PrevCandidate | A::AddMember | A::Absence | A::Pfmp => {}
                A::Validate | A::Legend | A::Leave | A::Timer => {}
                A::Input(_) | A::Submit | A::Cancel | A::Save => {}
            }
        }
        all
    }
}

impl GridScreen {
    /// The binding tables for the grid's focus, first match wins.
    pub fn tables(&self) -> Vec<&'static [Binding<GridAction>]> {
        match &self.focus {
            Focus::Grid => {
                let mut t = if matches!(self.current_row(), Some(Row::Note { .. })) {
                    vec![NOTE_ROW_KEYS, NOTE_ROW_CLEAR_KEYS]
                } else {
                    vec![LEVEL_KEYS]
                };
                t.push(GRID_KEYS);
                if self.n_cands > 1 {
                    t.push(GROUP_KEYS);
                }
                if self.has_pfmp {
                    t.push(PFMP_KEYS);
                }
                t
            }
            Focus::Missing(_) | Focus::Legend => vec![PANEL_KEYS],
            Focus::Commission { .. } => vec![COMMISSION_KEYS],
            Focus::Appreciation { .. } => vec![EDITOR_KEYS],
            _ => vec![FIELD_KEYS],
        }
    }
}

/// The action of a key on the grid screen, `None` when the grid has no use for it (the app may
/// then give it a global meaning).
pub fn keymap(key: &KeyEvent, screen: &GridScreen) -> Option<GridAction> {
    lookup(&screen.tables(), key)
}
