//! The wizard's actions and binding tables, one per kind of step: lists (épreuve, forme,
//! situation), the candidates (searched, typed in, or chosen), the commission, the recap.

use crossterm::event::{KeyCode, KeyEvent};

use crate::tui::keys::{
    BACKSPACE, BACKTAB, Binding, DOWN, ENTER, ESC, Fill, Key, LEFT, RIGHT, TAB, UP, folded, foot,
    help_only, plain,
};
use WizardAction as Action;

/// What a key asks of the wizard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WizardAction {
    Up,
    Down,
    Left,
    Right,
    /// Entrée.
    Confirm,
    /// Échap: back one step (or out of the manual entry).
    Back,
    /// A typed character (a digit picks in a list).
    Char(char),
    Backspace,
    NextField,
    PrevField,
    /// At the recap: the candidate's next voie de formation.
    Voie,
}

impl Fill for WizardAction {
    fn fill(self, key: &KeyEvent) -> Self {
        match (self, key.code) {
            (WizardAction::Char(_), KeyCode::Char(c)) => WizardAction::Char(c),
            (a, _) => a,
        }
    }
}

impl WizardAction {
    /// Every action, for the binding test (a new variant fails to compile in the match).
    pub fn all() -> Vec<WizardAction> {
        use WizardAction as A;
        let all = vec![
            A::Up,
            A::Down,
            A::Left,
            A::Right,
            A::Confirm,
            A::Back,
            A::Char('a'),
            A::Backspace,
            A::NextField,
            A::PrevField,
            A::Voie,
        ];
        for a in &all {
            match a {
                A::Up | A::Down | A::Left | A::Right | A::Confirm | A::Back => {}
                A::Char(_) | A::Backspace | A::NextField | A::PrevField => {}
                A::Voie => {}
            }
        }
        all
    }
}

const DIGITS: &[Key] = &[
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

/// Épreuve, forme and situation: lists.
pub const LIST_KEYS: &[Binding<WizardAction>] = &[
    foot(&[UP, plain('k')], "↑ ↓", Action::Up, "choisir", "choisir"),
    folded(&[DOWN, plain('j')], Action::Down),
    help_only(
        DIGITS,
        "1–9",
        Action::Char('1'),
        "choisir directement dans la liste",
    ),
    foot(&[ENTER], "Entrée", Action::Confirm, "valider", "valider"),
    foot(&[ESC], "Échap", Action::Back, "étape précédente", "retour"),
];

/// The candidates picked so far, with no list to search and no form open.
pub const PICKED_KEYS: &[Binding<WizardAction>] = &[
    foot(&[UP, plain('k')], "↑ ↓", Action::Up, "choisir", "choisir"),
    folded(&[DOWN, plain('j')], Action::Down),
    foot(
        &[ENTER],
        "Entrée",
        Action::Confirm,
        "valider (ou retirer une personne choisie)",
        "valider",
    ),
    foot(&[ESC], "Échap", Action::Back, "étape précédente", "retour"),
];

/// Searching the imported list, or typing a candidate in.
pub const CANDIDATE_KEYS: &[Binding<WizardAction>] = &[
    foot(
        &[UP],
        "↑ ↓",
        Action::Up,
        "choisir (la saisie : champ précédent / suivant)",
        "choisir",
    ),
    folded(&[DOWN], Action::Down),
    foot(
        &[ENTER],
        "Entrée",
        Action::Confirm,
        "valider (la saisie : champ suivant, puis ajouter)",
        "valider",
    ),
    foot(
        &[ESC],
        "Échap",
        Action::Back,
        "étape précédente (la saisie : l’annuler)",
        "retour",
    ),
    help_only(
        &[Key::Text],
        "lettres",
        Action::Char(' '),
        "rechercher une personne candidate, ou saisir un champ",
    ),
    help_only(&[BACKSPACE], "Retour arrière", Action::Backspace, "effacer"),
    help_only(
        &[TAB],
        "Tab",
        Action::NextField,
        "champ suivant (Maj-Tab : précédent)",
    ),
    folded(&[BACKTAB], Action::PrevField),
];

/// The commission: a name typed, its quality chosen.
pub const MEMBER_KEYS: &[Binding<WizardAction>] = &[
    foot(
        &[ENTER],
        "Entrée",
        Action::Confirm,
        "ajouter le membre ; sur un nom vide : continuer",
        "ajouter / continuer",
    ),
    foot(
        &[RIGHT, TAB, DOWN],
        "← →",
        Action::Right,
        "qualité du membre suivante / précédente",
        "qualité",
    ),
    folded(&[LEFT, BACKTAB, UP], Action::Left),
    foot(&[ESC], "Échap", Action::Back, "étape précédente", "retour"),
    help_only(
        &[Key::Text],
        "lettres",
        Action::Char(' '),
        "saisir le nom du membre",
    ),
    help_only(
        &[BACKSPACE],
        "Retour arrière",
        Action::Backspace,
        "effacer (nom vide : retirer le dernier membre)",
    ),
];

/// The recap before the séance is opened.
pub const RECAP_KEYS: &[Binding<WizardAction>] = &[
    foot(
        &[ENTER],
        "Entrée",
        Action::Confirm,
        "ouvrir la séance",
        "ouvrir la séance",
    ),
    foot(&[ESC], "Échap", Action::Back, "étape précédente", "retour"),
    // Written on the recap itself (« t : temps majoré »), so the footer keeps its room.
    help_only(
        &[plain('t')],
        "t",
        Action::Char('t'),
        "aménagement : temps majoré (aucun, d’un tiers, d’un quart…)",
    ),
    help_only(
        DIGITS,
        "1–9",
        Action::Char('1'),
        "temps majoré : la phase de ce rang en plus ou en moins",
    ),
    help_only(
        &[UP, plain('k')],
        "↑ ↓",
        Action::Up,
        "groupe : la personne dont on règle le temps majoré",
    ),
    folded(&[DOWN, plain('j')], Action::Down),
    foot(
        &[plain('v')],
        "v",
        Action::Voie,
        "voie de formation de la personne candidate (suivante)",
        "voie",
    ),
];
