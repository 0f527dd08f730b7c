//! The start screen's actions and binding tables: the list without a plan, the day (with a
//! plan), and the choice that follows `a` (justified or not).

use super::super::keys::{Binding, DOWN, ENTER, ESC, Fill, UP, folded, foot, help_only, plain};

/// What the jury can do on the start screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StartAction {
    Up,
    Down,
    /// Resume the séance under the cursor (or prepare the passage under it).
    Open,
    /// A new séance (the wizard).
    New,
    /// Write today's bordereaux and grids beside the sessions folder.
    Print,
    /// Delete the log of a séance interrupted at its creation (after a confirmation).
    Remove,
    /// The next passage of the plan: the wizard filled in, on its last step.
    Next,
    /// The candidate(s) of a passage did not come: asks justified or not.
    Absent,
    /// The answer to `Absent`.
    AbsentJustified,
    AbsentUnjustified,
    AbsentCancel,
    /// Hide or show the training séances.
    ToggleTraining,
}

impl Fill for StartAction {}

impl StartAction {
    /// Every action, for the binding test (a new variant fails to compile in the match).
    pub fn all() -> Vec<StartAction> {
        use StartAction as A;
        let all = vec![
            A::Up,
            A::Down,
            A::Open,
            A::New,
            A::Print,
            A::Remove,
            A::Next,
            A::Absent,
            A::AbsentJustified,
            A::AbsentUnjustified,
            A::AbsentCancel,
            A::ToggleTraining,
        ];
        for a in &all {
            match a {
                A::Up | A::Down | A::Open | A::New | A::Print | A::Remove => {}
                A::Next | A::Absent | A::AbsentJustified | A::AbsentUnjustified => {}
                A::AbsentCancel | A::ToggleTraining => {}
            }
        }
        all
    }
}

/// The keys the day and the list of séances share, in the help only.
const TOGGLE_TRAINING: Binding<StartAction> = help_only(
    &[plain('e')],
    "e",
    StartAction::ToggleTraining,
    "masquer ou montrer les séances d’entraînement",
);
const REMOVE: Binding<StartAction> = help_only(
    &[plain('x')],
    "x",
    StartAction::Remove,
    "supprimer une séance interrompue à la création (après confirmation)",
);

/// With a plan of the day: the day's own keys first, then the list's (Entrée in the help only,
/// so that `?` and `q` keep their place in an 80-column footer).
pub const DAY_KEYS: &[Binding<StartAction>] = &[
    foot(
        &[plain('s')],
        "s",
        StartAction::Next,
        "passage suivant : la séance préparée (Entrée la crée et ouvre le minutage)",
        "suivant",
    ),
    foot(
        &[plain('a')],
        "a",
        StartAction::Absent,
        "personne candidate absente (justifiée ou non), sur le passage choisi ou le suivant",
        "absent",
    ),
    foot(
        &[plain('n')],
        "n",
        StartAction::New,
        "nouvelle séance hors planning",
        "nouvelle",
    ),
    foot(
        &[plain('i')],
        "i",
        StartAction::Print,
        "imprimer les bordereaux et les grilles du jour",
        "imprimer",
    ),
    help_only(
        &[ENTER],
        "Entrée",
        StartAction::Open,
        "reprendre la séance choisie, ou préparer le passage choisi",
    ),
    TOGGLE_TRAINING,
    REMOVE,
    help_only(
        &[UP, plain('k')],
        "↑ ↓",
        StartAction::Up,
        "choisir un passage ou une séance",
    ),
    folded(&[DOWN, plain('j')], StartAction::Down),
];

pub const KEYS: &[Binding<StartAction>] = &[
    foot(
        &[ENTER],
        "Entrée",
        StartAction::Open,
        "reprendre la séance choisie",
        "reprendre",
    ),
    foot(
        &[plain('n')],
        "n",
        StartAction::New,
        "nouvelle séance",
        "nouvelle séance",
    ),
    foot(
        &[plain('i')],
        "i",
        StartAction::Print,
        "imprimer les bordereaux et les grilles du jour",
        "imprimer",
    ),
    TOGGLE_TRAINING,
    REMOVE,
    // The arrows go without saying: the footer keeps its width for the keys that do not.
    help_only(
        &[UP, plain('k')],
        "↑ ↓",
        StartAction::Up,
        "choisir une séance",
    ),
    folded(&[DOWN, plain('j')], StartAction::Down),
];

/// After `a`: the absence rule (`notation.json` `absences`) sets what each answer means. Digits,
/// bound nowhere else on the day: a letter of the day's keys (`j` moves down, `i` prints)
/// typed out of habit must not record an absence.
pub const ABSENCE_KEYS: &[Binding<StartAction>] = &[
    foot(
        &[plain('1')],
        "1",
        StartAction::AbsentJustified,
        "enregistrer une absence justifiée",
        "justifiée",
    ),
    foot(
        &[plain('2')],
        "2",
        StartAction::AbsentUnjustified,
        "enregistrer une absence non justifiée",
        "non justifiée",
    ),
    foot(
        &[ESC],
        "Échap",
        StartAction::AbsentCancel,
        "annuler : rien n’est enregistré",
        "annuler",
    ),
];
