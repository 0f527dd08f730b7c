//! What a key means: the pure map from a key press, in the context of the screen that has the
//! focus, to an [`Action`]. The app never looks at raw keys, so every behaviour can be tested by
//! feeding actions, and `?` lists the same keys the map uses ([`crate::tui::help`]).

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::grid::{self, GridAction, GridScreen};

/// Everything the jury can ask for.
pub enum Action {
    /// Ctrl-C: leave at once (everything is already on disk).
    Quit,
    /// `q`: leave, asking first when a phase is running.
    AskQuit,
    Help,
    /// Esc: close, cancel or go back one step.
    Back,
    Up,
    Down,
    Left,
    Right,
    /// Enter.
    Confirm,
    /// `o` in a yes/no question.
    Yes,
    /// `n` in a yes/no question.
    No,
    /// A character typed into a text field.
    Char(char),
    Backspace,
    /// Tab.
    NextField,
    /// Shift-Tab.
    PrevField,
    /// Start screen: a new séance.
    New,
    /// Timer: start the next phase.
    StartPhase,
    Pause,
    Resume,
    /// Timer: end the running phase (early when time is left).
    EndPhase,
    /// Group séance: who speaks now (index in the séance's candidates; `None`: nobody).
    Speaker(Option<usize>),
    Mute,
    /// Timer: switch to the display turned towards the candidate.
    CandidateView,
    /// Timer → grid.
    ShowGrid,
    /// Grid → timer.
    ShowTimer,
    /// A key of the grid screen, for the grid component.
    Grid(GridAction),
}

/// Which screen, dialog or field has the focus: it decides what a key means.
pub enum KeyContext<'a> {
    /// The terminal is too small to show anything: only quitting works.
    TooSmall,
    Help,
    /// A yes/no question.
    YesNo,
    Start,
    /// The new-séance wizard; `typing` while a text field or the search has the focus.
    Wizard {
        typing: bool,
    },
    Timer {
        paused: bool,
    },
    /// Choosing a pause reason (`typing`: in the detail field).
    PauseDialog {
        typing: bool,
    },
    CandidateSafe,
    Grid(&'a GridScreen),
}

fn plain(key: &KeyEvent) -> bool {
    !key.modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
}

/// Maps a key press to an action in `ctx`; `None` when the key means nothing there.
pub fn keymap(key: &KeyEvent, ctx: &KeyContext) -> Option<Action> {
    // Windows reports releases too; only presses (and auto-repeat) act.
    if key.kind == KeyEventKind::Release {
        return None;
    }
    // While a grid text field has the focus every key is the grid's, Ctrl-C included: the
    // grid then saves and closes the field, so quitting never loses what was typed.
    if let KeyContext::Grid(screen) = ctx
        && screen.captures_text()
    {
        return grid::keymap(key, screen).map(Action::Grid);
    }
    if key.modifiers.contains(KeyModifiers::CONTROL) && matches!(key.code, KeyCode::Char('c' | 'C'))
    {
        return Some(Action::Quit);
    }
    match ctx {
        KeyContext::TooSmall => match key.code {
            KeyCode::Char('q') => Some(Action::Quit),
            _ => None,
        },
        KeyContext::Help => match key.code {
            KeyCode::Esc | KeyCode::Char('?' | 'q') | KeyCode::Enter => Some(Action::Back),
            KeyCode::Up | KeyCode::Char('k') => Some(Action::Up),
            KeyCode::Down | KeyCode::Char('j') => Some(Action::Down),
            _ => None,
        },
        KeyContext::YesNo => match key.code {
            KeyCode::Char('o' | 'O' | 'y' | 'Y') => Some(Action::Yes),
            KeyCode::Char('n' | 'N') | KeyCode::Esc => Some(Action::No),
            _ => None,
        },
        KeyContext::Wizard { typing } | KeyContext::PauseDialog { typing } => {
            text_or_list(key, *typing)
        }
        KeyContext::Start => match key.code {
            KeyCode::Up | KeyCode::Char('k') => Some(Action::Up),
            KeyCode::Down | KeyCode::Char('j') => Some(Action::Down),
            KeyCode::Enter => Some(Action::Confirm),
            KeyCode::Char('n') => Some(Action::New),
            KeyCode::Char('?') => Some(Action::Help),
            KeyCode::Char('q') => Some(Action::AskQuit),
            _ => None,
        },
        KeyContext::Timer { paused } => match key.code {
            KeyCode::Char(' ') | KeyCode::Enter => Some(Action::StartPhase),
            KeyCode::Char('p') if *paused => Some(Action::Resume),
            KeyCode::Char('p') => Some(Action::Pause),
            KeyCode::Char('r') => Some(Action::Resume),
            KeyCode::Char('f') => Some(Action::EndPhase),
            KeyCode::Char(c @ '0'..='4') => {
                let n = c as usize - '0' as usize;
                Some(Action::Speaker(n.checked_sub(1)))
            }
            KeyCode::Char('m') => Some(Action::Mute),
            KeyCode::Char('c') => Some(Action::CandidateView),
            KeyCode::Char('g') | KeyCode::Tab => Some(Action::ShowGrid),
            KeyCode::Char('?') => Some(Action::Help),
            KeyCode::Char('q') => Some(Action::AskQuit),
            KeyCode::Esc => Some(Action::Back),
            _ => None,
        },
        // Only a deliberate two-step exit: Esc, then a confirmation.
        KeyContext::CandidateSafe => match key.code {
            KeyCode::Esc => Some(Action::Back),
            KeyCode::Char('m') => Some(Action::Mute),
            _ => None,
        },
        KeyContext::Grid(screen) => {
            if plain(key) {
                match key.code {
                    KeyCode::Char('?') => return Some(Action::Help),
                    KeyCode::Char('q') => return Some(Action::AskQuit),
                    KeyCode::Tab => return Some(Action::ShowTimer),
                    _ => {}
                }
            }
            grid::keymap(key, screen).map(Action::Grid)
        }
    }
}

/// Lists and forms: arrows move, Enter confirms, Esc goes back; while a text field has the
/// focus every printable character is text.
fn text_or_list(key: &KeyEvent, typing: bool) -> Option<Action> {
    match key.code {
        KeyCode::Esc => Some(Action::Back),
        KeyCode::Enter => Some(Action::Confirm),
        KeyCode::Up => Some(Action::Up),
        KeyCode::Down => Some(Action::Down),
        KeyCode::Left => Some(Action::Left),
        KeyCode::Right => Some(Action::Right),
        KeyCode::Tab => Some(Action::NextField),
        KeyCode::BackTab => Some(Action::PrevField),
        KeyCode::Backspace if typing => Some(Action::Backspace),
        KeyCode::Char(c) if typing && plain(key) => Some(Action::Char(c)),
        KeyCode::Char(c @ '1'..='9') => Some(Action::Char(c)),
        KeyCode::Char('k') => Some(Action::Up),
        KeyCode::Char('j') => Some(Action::Down),
        KeyCode::Char('?') => Some(Action::Help),
        KeyCode::Char('q') => Some(Action::AskQuit),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn ctrl_c_quits_everywhere() {
        let k = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for ctx in [
            KeyContext::TooSmall,
            KeyContext::Wizard { typing: true },
            KeyContext::CandidateSafe,
            KeyContext::Timer { paused: false },
        ] {
            assert!(matches!(keymap(&k, &ctx), Some(Action::Quit)));
        }
    }

    #[test]
    fn typing_takes_letters_but_lists_do_not() {
        let q = key(KeyCode::Char('q'));
        let typing = KeyContext::Wizard { typing: true };
        assert!(matches!(keymap(&q, &typing), Some(Action::Char('q'))));
        let list = KeyContext::Wizard { typing: false };
        assert!(matches!(keymap(&q, &list), Some(Action::AskQuit)));
    }

    #[test]
    fn candidate_display_ignores_everything_but_esc() {
        for c in ['g', 'q', '?', 'p', ' ', 'f', '1'] {
            assert!(keymap(&key(KeyCode::Char(c)), &KeyContext::CandidateSafe).is_none());
        }
        assert!(matches!(
            keymap(&key(KeyCode::Esc), &KeyContext::CandidateSafe),
            Some(Action::Back)
        ));
    }

    #[test]
    fn timer_keys() {
        let running = KeyContext::Timer { paused: false };
        let paused = KeyContext::Timer { paused: true };
        let p = key(KeyCode::Char('p'));
        assert!(matches!(keymap(&p, &running), Some(Action::Pause)));
        assert!(matches!(keymap(&p, &paused), Some(Action::Resume)));
        assert!(matches!(
            keymap(&key(KeyCode::Char('2')), &running),
            Some(Action::Speaker(Some(1)))
        ));
        assert!(matches!(
            keymap(&key(KeyCode::Char('0')), &running),
            Some(Action::Speaker(None))
        ));
        let release = KeyEvent {
            kind: KeyEventKind::Release,
            ..key(KeyCode::Char('f'))
        };
        assert!(keymap(&release, &running).is_none());
    }
}
