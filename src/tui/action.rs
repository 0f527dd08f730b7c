//! Everything the jury can ask for, as one value the app routes: the app's own actions (quit,
//! help, answer a question) and, wrapped, each screen's. Which key gives which action is in the
//! binding tables: the app's below, each screen's next to its `update`.

use crossterm::event::KeyEvent;

use super::candidate::CandidateAction;
use super::dialog::help::HelpAction;
use super::dialog::remark::RemarkAction;
use super::grid::GridAction;
use super::keys::{Binding, Fill, Key, foot, help_only, plain};
use super::start::StartAction;
use super::timer::TimerAction;
use super::timer::pause::PauseAction;
use super::wizard::WizardAction;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Action {
    /// Ctrl-C: leave at once (everything is already on disk).
    Quit,
    /// `q`: leave, asking first when a phase is running.
    AskQuit,
    Help,
    /// An answer to a yes/no question.
    Answer(bool),
    /// The next passage of the day's plan, offered once every grid of the séance is validated.
    NextPassage,
    /// Scrolling or closing the help.
    InHelp(HelpAction),
    /// `r` on a séance screen: open the free remark.
    Remark,
    /// Typing, recording or dropping the remark.
    InRemark(RemarkAction),
    Start(StartAction),
    Wizard(WizardAction),
    Timer(TimerAction),
    Pause(PauseAction),
    Candidate(CandidateAction),
    Grid(GridAction),
}

impl Fill for Action {}

/// Ctrl-C, in every context but a grid text field (which saves first, then closes).
pub const CTRL_C: &[Binding<Action>] = &[help_only(
    &[Key::Ctrl('c')],
    "Ctrl-C",
    Action::Quit,
    "quitter tout de suite (tout est déjà enregistré)",
)];

/// Ctrl-C written in the footer: while letters are text, it is the way out.
pub const CTRL_C_SHOWN: &[Binding<Action>] = &[foot(
    &[Key::Ctrl('c')],
    "Ctrl-C",
    Action::Quit,
    "quitter tout de suite (tout est déjà enregistré)",
    "quitter",
)];

/// `?` and `q`, on every screen whose letters are not text.
pub const HELP_AND_QUIT: &[Binding<Action>] = &[
    foot(
        &[plain('?')],
        "?",
        Action::Help,
        "aide : les touches de l’écran",
        "aide",
    ),
    foot(
        &[plain('q')],
        "q",
        Action::AskQuit,
        "quitter (confirmation si une phase est en cours)",
        "quitter",
    ),
];

/// On the séance screens (timer, grid): the free remark, one key on both.
pub const REMARK: &[Binding<Action>] = &[foot(
    &[plain('r')],
    "r",
    Action::Remark,
    "remarque libre, consignée au journal de la séance",
    "remarque",
)];

/// Once every grid of the séance is validated and the plan has a passage to come: the same key
/// as on the day (`n` is the note, and a validated note's amendment, on the grid).
pub const NEXT_PASSAGE: &[Binding<Action>] = &[foot(
    &[plain('s')],
    "s",
    Action::NextPassage,
    "passage suivant : fermer la séance et préparer le passage suivant du planning",
    "passage suivant",
)];

/// A yes/no question.
pub const QUESTION: &[Binding<Action>] = &[
    foot(
        &[plain('o'), plain('O'), plain('y'), plain('Y')],
        "o",
        Action::Answer(true),
        "répondre oui à la question",
        "oui",
    ),
    foot(
        &[plain('n'), plain('N'), super::keys::ESC],
        "n",
        Action::Answer(false),
        "répondre non (Échap aussi)",
        "non",
    ),
];

/// The terminal is too small to show anything: only quitting works, asking first like
/// elsewhere when a phase runs.
pub const TOO_SMALL: &[Binding<Action>] = &[help_only(
    &[plain('q')],
    "q",
    Action::AskQuit,
    "quitter (confirmation si une phase est en cours)",
)];

/// The action of `key` in app-level `tables`.
pub fn lookup(tables: &[&'static [Binding<Action>]], key: &KeyEvent) -> Option<Action> {
    super::keys::lookup(tables, key)
}
