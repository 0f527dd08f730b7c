//! `sno-jury affichage`: the candidate's screen in a terminal of its own (an external monitor,
//! a projector), beside the jury's app. It follows a séance read-only from its log — the one
//! running in the folder, or the one named — and shows what the candidate display of the jury's
//! app shows, drawn by the same code ([`super::candidate`]): the phase, the big countdown, the
//! overtime, « EN PAUSE ». Never a note, a position or a name: it reads only the phases and the
//! clock of the séance.
//!
//! The log is opened for reading only, with no lock, and a last line being written is ignored
//! until it is whole ([`crate::follow`]). The loop blocks on one channel ([`super::wake`]): a
//! key, a change in the folder (file notifications, or polling every 500 ms where there are
//! none), and, while a countdown runs, the next displayed second (`timing::next_change`, as in
//! the jury's timer). Where the clock stands for this process: see [`crate::follow::seance`].

pub mod view;

use std::time::Duration;

use crossterm::event::{Event, KeyEvent, KeyEventKind};
use ratatui::Frame;

use super::keys::{Binding, ESC, Fill, Key, help_only, lookup, plain};
use super::theme::Theme;
use super::timer::digits::BigDigits;
use super::wake::{Wake, Wakes};
use crate::follow::Followed;
pub use crate::follow::seance::Target;
use crate::referentiel::Referentiel;
use crate::session::Stamp;
use crate::timing;

/// What a key does on the display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AffichageAction {
    Quit,
}

impl Fill for AffichageAction {}

/// The display's only table: nothing is shown of it (the screen faces the candidate).
pub const KEYS: &[Binding<AffichageAction>] = &[help_only(
    &[plain('q'), ESC, Key::Ctrl('c')],
    "q Échap Ctrl-C",
    AffichageAction::Quit,
    "quitter l’affichage",
)];

/// The display's state: the séance followed, and the digits' glyph cache.
pub struct Affichage {
    pub followed: Followed,
    digits: BigDigits,
    theme: Theme,
    /// The clocks at the last wake-up: what the frame shows.
    now: Option<Stamp>,
    quit: bool,
}

impl Affichage {
    pub fn new(target: Target, theme: Theme) -> Affichage {
        Affichage {
            followed: Followed::new(target),
            digits: BigDigits::default(),
            theme,
            now: None,
            quit: false,
        }
    }

    /// Looks at the folder again (reading only the logs that changed); `true` when the frame
    /// may differ.
    pub fn files(&mut self, r: &Referentiel, now: Stamp) -> bool {
        self.now = Some(now);
        self.followed.refresh(r, now)
    }

    /// A wake-up of the clock: the countdown moves.
    pub fn tick(&mut self, now: Stamp) {
        self.now = Some(now);
    }

    /// A key; `true` when it did something.
    pub fn key(&mut self, key: &KeyEvent) -> bool {
        match lookup(&[KEYS], key) {
            Some(AffichageAction::Quit) => {
                self.quit = true;
                true
            }
            None => false,
        }
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// How long until the displayed second changes; `None` when nothing runs (or is paused):
    /// then only a change in the folder or a key wakes the display.
    pub fn timeout(&self, now: Stamp) -> Option<Duration> {
        let current = self.followed.current.as_ref()?;
        let at = self.followed.now(now)?;
        let next = timing::next_change(&current.state, at)?;
        Some((next - at).to_std().unwrap_or(Duration::ZERO))
    }

    pub fn render(&mut self, f: &mut Frame) {
        let area = f.area();
        let now = self.now;
        let at = now.and_then(|n| self.followed.now(n));
        view::render(
            f.buffer_mut(),
            area,
            &self.followed,
            at,
            &self.theme,
            &mut self.digits,
        );
    }
}

/// Runs the display until `q`, Échap or Ctrl-C; `polling`: compare the folder every 500 ms
/// instead of waiting for the system's notifications. `now` reads the clocks (the binary passes
/// `timing::monotonic::now`): the loop is the only part that asks it.
pub fn run(
    r: &Referentiel,
    target: Target,
    polling: bool,
    now: fn() -> Stamp,
) -> std::io::Result<()> {
    let mut terminal = ratatui::try_init()?;
    let result = terminal
        .hide_cursor()
        .and_then(|()| event_loop(&mut terminal, r, target, polling, now));
    ratatui::restore();
    result
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    r: &Referentiel,
    target: Target,
    polling: bool,
    now: fn() -> Stamp,
) -> std::io::Result<()> {
    let mut a = Affichage::new(target, Theme::from_env());
    let mut wakes = Wakes::start(a.followed.dirs(), polling);
    a.files(r, now());
    loop {
        terminal.draw(|f| a.render(f))?;
        loop {
            let redraw = match wakes.next(a.timeout(now())) {
                Wake::Input(Event::Key(k)) if k.kind != KeyEventKind::Release => a.key(&k),
                Wake::Input(Event::Resize(..)) => true,
                Wake::Input(_) => false,
                Wake::Files => a.files(r, now()),
                Wake::Time => {
                    a.tick(now());
                    true
                }
                Wake::Closed => return Ok(()),
            };
            if a.should_quit() {
                return Ok(());
            }
            if redraw {
                // The frame shows the clock as it is now, not as it was at the last event.
                a.tick(now());
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::keys::sample_keys;
    use crossterm::event::{KeyCode, KeyModifiers};

    #[test]
    fn each_key_of_the_table_quits_and_no_other_key_does_anything() {
        let mut a = Affichage::new(Target::Folders(Vec::new()), Theme::plain());
        for b in KEYS {
            assert!(!b.written.is_empty() && !b.label.is_empty());
            for key in sample_keys(b) {
                assert_eq!(
                    lookup(&[KEYS], &key),
                    Some(AffichageAction::Quit),
                    "{key:?}"
                );
            }
        }
        for code in [KeyCode::Char('x'), KeyCode::Char(' '), KeyCode::Enter] {
            assert!(!a.key(&KeyEvent::new(code, KeyModifiers::NONE)));
        }
        assert!(!a.should_quit());
        assert!(a.key(&KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)));
        assert!(a.should_quit());
    }
}
