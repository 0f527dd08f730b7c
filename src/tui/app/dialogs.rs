//! The app's dialogs over the screen: the short help of the screen on display, the yes/no
//! questions (their text and what a yes does), and the free remark (`r`), recorded through the
//! engine before it closes.

use super::{App, Overlay, Question, Screen, cx};
use crate::session::Stamp;
use crate::tui::component::{Component, Outcome};
use crate::tui::dialog::help::Help;
use crate::tui::dialog::remark::{RemarkAction, RemarkOutcome};
use crate::tui::keys;
use crate::tui::timer::TimerScreen;

impl App {
    /// The help of the screen on display, short: its keys (with the remark on a séance
    /// screen), then the few that work everywhere. `?` is left out (the help is open) and so
    /// are `o` / `n` (the question box writes them).
    pub(super) fn open_help(&mut self) {
        let cx = cx!(self, self.clock.now);
        let (title, mut mine) = match &self.screen {
            Screen::Start(s) => (s.title(), keys::help(&s.bindings(&cx))),
            Screen::Wizard(w) => (w.title(), keys::help(&w.bindings(&cx))),
            Screen::Timer(t) => match t.dialog_bindings() {
                Some(d) => ("Pause", keys::help(&[d])),
                None => (t.title(), keys::help(&t.bindings(&cx))),
            },
            Screen::Candidate(c) => (c.title(), keys::help(&c.bindings(&cx))),
            Screen::Grid(g) => (g.title(), keys::help(&g.bindings(&cx))),
        };
        if let Some(t) = self.next_table() {
            mine.extend(keys::help(&[t]));
        }
        if self.on_seance_screen() {
            mine.extend(keys::help(&[crate::tui::action::REMARK]));
        }
        let everywhere: Vec<_> = keys::help(&[
            crate::tui::action::HELP_AND_QUIT,
            crate::tui::action::CTRL_C,
        ])
        .into_iter()
        .filter(|(k, _)| *k != "?")
        .collect();
        self.overlay = Some(Overlay::Help(Help::new(
            title,
            vec![(title, mine), ("Partout", everywhere)],
        )));
    }

    pub(super) fn ask_quit(&mut self, now: Stamp) {
        let running = self.state().is_some_and(|s| s.running().is_some());
        if running {
            self.overlay = Some(Overlay::Ask(Question::Quit));
        } else {
            self.flush_grid(now);
            self.quit = true;
        }
    }

    pub(super) fn answer_yes(&mut self, q: Question, now: Stamp) {
        match q {
            Question::Quit => {
                self.flush_grid(now);
                self.quit = true;
            }
            Question::LeaveSeance => self.close(now),
            Question::EndEarly { .. } => {
                if let Some(state) = self.state() {
                    let outcome = TimerScreen::end_phase_confirmed(state, state.time_of(now));
                    self.apply(outcome, now);
                }
            }
            Question::Validate(_) => {
                if let (Screen::Grid(g), Some(state)) = (&self.screen, self.state()) {
                    let outcome = g.validate_confirmed(state);
                    self.apply(outcome, now);
                }
            }
            Question::LeaveSafe => self.screen = Screen::Timer(TimerScreen::new()),
            Question::RemoveInterrupted => {
                let cx = cx!(self, now);
                let said = match &mut self.screen {
                    Screen::Start(s) => Some(s.remove_selected(&cx)),
                    _ => None,
                };
                if let Some(said) = said {
                    self.apply(Outcome::Say(said), now);
                }
            }
        }
    }

    /// The question's text, in French.
    pub fn question_text(&self, q: Question) -> String {
        let left = self
            .clock
            .view
            .as_ref()
            .and_then(|c| c.phases.get(c.current?))
            .map(|t| crate::tui::fmt::countdown(t.remaining))
            .unwrap_or_default();
        crate::tui::dialog::question::text(q, &left)
    }

    /// A key in the remark: typed, dropped, or recorded (the dialog closes once it is).
    pub(super) fn in_remark(&mut self, a: RemarkAction, now: Stamp) {
        let Some(Overlay::Remark(d)) = &mut self.overlay else {
            return;
        };
        match d.update(a) {
            RemarkOutcome::Stay => {}
            RemarkOutcome::Close => self.overlay = None,
            // Closed once recorded: a refused write keeps what was typed.
            RemarkOutcome::Record(e) => {
                if self.record(e, now) {
                    self.overlay = None;
                    self.info("Remarque consignée au journal de la séance.");
                }
            }
        }
    }

    /// Records the remark being typed before the app ends (Ctrl-C): nothing typed is lost.
    pub(super) fn flush_remark(&mut self, now: Stamp) {
        if let Some(Overlay::Remark(d)) = &self.overlay
            && let Some(e) = d.event()
        {
            self.record(e, now);
        }
    }
}
