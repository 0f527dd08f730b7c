//! The timer's actions and binding tables: which are in force depends on the séance (a phase
//! can start, runs, is paused; a group; the sound), chosen in `TimerScreen::bindings`.

use super::majore::MajoreAction;
use crate::tui::keys::{Binding, ESC, Fill, Key, TAB, folded, foot, help_only, plain};

/// What the jury can ask of the timer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimerAction {
    StartPhase,
    /// Pause, or resume when paused (the same key).
    Pause,
    /// End the running phase (early when time is left).
    EndPhase,
    /// The running phase moves on to its next part (E1 ponctuel: project → dossier).
    NextPart,
    /// Undo the phase start or end recorded less than 10 s ago.
    Undo,
    /// Group séance: who speaks now (index in the séance's candidates; `None`: nobody).
    Speaker(Option<usize>),
    Mute,
    /// The display turned towards the candidate.
    CandidateView,
    ShowGrid,
    /// Back to the start screen.
    Home,
    /// Open the « aménagement : temps majoré » panel (after the opening).
    TempsMajore,
    /// A key in that panel.
    Majore(MajoreAction),
}

impl Fill for TimerAction {}

impl TimerAction {
    /// Every action, for the binding test (a new variant fails to compile in the match).
    pub fn all() -> Vec<TimerAction> {
        use TimerAction as A;
        let mut all = vec![
            A::StartPhase,
            A::Pause,
            A::EndPhase,
            A::NextPart,
            A::Undo,
            A::Speaker(None),
            A::Mute,
            A::CandidateView,
            A::ShowGrid,
            A::Home,
            A::TempsMajore,
        ];
        for a in &all {
            match a {
                A::StartPhase | A::Pause | A::EndPhase | A::Undo | A::Speaker(_) => {}
                A::NextPart => {}
                A::Mute | A::CandidateView | A::ShowGrid | A::Home => {}
                A::TempsMajore | A::Majore(_) => {}
            }
        }
        all.extend(MajoreAction::all().into_iter().map(A::Majore));
        all
    }
}

use TimerAction as T;

const SPACE: Key = plain(' ');
const START_LABEL: &str = "démarrer la phase suivante (jamais Entrée)";
const END_LABEL: &str = "finir la phase (confirmation s’il reste du temps)";
const UNDO_LABEL: &str = "annuler un début ou une fin de phase (dans les 10 s)";
const SPEAKER_LABEL: &str = "qui parle (la même touche : plus personne)";

/// A phase can start. Only Espace: Entrée, which opened the séance a moment before, never
/// starts a phase (a double Entrée started the exposé 0.2 s after the opening).
pub const START_KEYS: &[Binding<TimerAction>] = &[foot(
    &[SPACE],
    "Espace",
    T::StartPhase,
    START_LABEL,
    "démarrer",
)];
/// No phase can start now (one runs, or all are done): the key says why.
pub const NO_START_KEYS: &[Binding<TimerAction>] =
    &[help_only(&[SPACE], "Espace", T::StartPhase, START_LABEL)];
/// A phase runs.
pub const RUNNING_KEYS: &[Binding<TimerAction>] = &[
    foot(&[plain('f')], "f", T::EndPhase, END_LABEL, "finir"),
    foot(
        &[plain('p')],
        "p",
        T::Pause,
        "pause (avec son motif) ; p à nouveau : reprendre",
        "pause",
    ),
];
/// The running phase has a part after the current one (E1 ponctuel phase A).
pub const PART_KEYS: &[Binding<TimerAction>] = &[foot(
    &[plain('n')],
    "n",
    T::NextPart,
    "partie suivante (marque le passage, qui a son propre décompte)",
    "partie",
)];
/// The running phase is paused.
pub const PAUSED_KEYS: &[Binding<TimerAction>] = &[
    foot(&[plain('f')], "f", T::EndPhase, END_LABEL, "finir"),
    foot(&[plain('p')], "p", T::Pause, "reprendre", "reprendre"),
];
/// No phase runs: these keys only say so (listed in the help, not in the footer).
pub const STOPPED_KEYS: &[Binding<TimerAction>] = &[
    help_only(&[plain('f')], "f", T::EndPhase, END_LABEL),
    help_only(
        &[plain('p')],
        "p",
        T::Pause,
        "pause (avec son motif) / reprise",
    ),
];
/// A phase start or end was recorded less than 10 s ago: it can be undone (in the footer only
/// while the window is open).
pub const UNDO_KEYS: &[Binding<TimerAction>] =
    &[foot(&[plain('u')], "u", T::Undo, UNDO_LABEL, "annuler")];
/// Past the window the key only says why it does nothing.
pub const NO_UNDO_KEYS: &[Binding<TimerAction>] =
    &[help_only(&[plain('u')], "u", T::Undo, UNDO_LABEL)];
pub const GROUP_KEYS: &[Binding<TimerAction>] = &[
    foot(
        &[plain('1')],
        "1–4",
        T::Speaker(Some(0)),
        SPEAKER_LABEL,
        "parole",
    ),
    folded(&[plain('2')], T::Speaker(Some(1))),
    folded(&[plain('3')], T::Speaker(Some(2))),
    folded(&[plain('4')], T::Speaker(Some(3))),
    help_only(
        &[plain('0')],
        "0",
        T::Speaker(None),
        "plus personne ne parle",
    ),
];
/// A séance of one candidate: the speaker keys do nothing but say so, and stay out of the help.
pub const SOLO_KEYS: &[Binding<TimerAction>] = &[
    folded(&[plain('1')], T::Speaker(Some(0))),
    folded(&[plain('2')], T::Speaker(Some(1))),
    folded(&[plain('3')], T::Speaker(Some(2))),
    folded(&[plain('4')], T::Speaker(Some(3))),
    folded(&[plain('0')], T::Speaker(None)),
];
pub const SCREEN_KEYS: &[Binding<TimerAction>] = &[
    foot(
        &[plain('c')],
        "c",
        T::CandidateView,
        "écran tourné vers la personne candidate",
        "écran candidat",
    ),
    foot(
        &[plain('g'), TAB],
        "g",
        T::ShowGrid,
        "grille d’évaluation (Tab aussi)",
        "grille",
    ),
    help_only(
        &[plain('t')],
        "t",
        T::TempsMajore,
        "aménagement : temps majoré (avant la fin des phases)",
    ),
    help_only(
        &[ESC],
        "Échap",
        T::Home,
        "accueil (une phase en cours continue)",
    ),
];
pub const SOUND_ON_KEYS: &[Binding<TimerAction>] = &[foot(
    &[plain('m')],
    "m",
    T::Mute,
    "couper / rétablir le son",
    "son",
)];
pub const SOUND_OFF_KEYS: &[Binding<TimerAction>] = &[foot(
    &[plain('m')],
    "m",
    T::Mute,
    "couper / rétablir le son",
    "rétablir le son",
)];
