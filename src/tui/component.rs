//! The contract every screen and dialog of the jury app keeps, so that a newcomer who knows one
//! knows them all:
//!
//! - **state**: the screen's own struct (cursor, focus, edit buffers: UI state only; what the
//!   séance holds is read from [`Cx::state`], never copied);
//! - **bindings**: `bindings(cx)` returns its binding tables ([`crate::tui::keys`]): the app
//!   derives the keymap, the footer and the `?` help from them;
//! - **update**: `update(action, now, cx) -> Outcome`: what the screen asks the app to do —
//!   record events, go to another screen, ask a question, say something, or nothing;
//! - **view**: `view(f, area, cx)` draws it; `live` repaints only what the clock changes.
//!
//! The app ([`crate::tui::app`]) is a router: it holds the open séance and the current screen,
//! maps keys through the screen's tables, applies the [`Outcome`] (recording through
//! `Seance::record` before anything is shown) and draws.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::Config;
use super::keys::{Binding, Fill};
use super::theme::Theme;
use super::wizard::{Choice, Prefill};
use crate::referentiel::Referentiel;
use crate::review::Tz;
use crate::session::{Event, SeanceState, Stamp};
use crate::timing::ClockView;

/// What a screen's `update` asks the app to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Nothing beyond the screen's own state (which the app redraws).
    Nothing,
    /// Append these events, in order, through the engine (at the time of the key).
    Record(Vec<Event>),
    /// The same, stamped at an earlier reading of the clocks (a pause starts when `p` was
    /// pressed).
    RecordAt(Vec<Event>, Stamp),
    /// Record, then (when it was recorded) show this French message.
    RecordThenSay(Vec<Event>, String),
    /// Show this French message.
    Say(String),
    Go(Go),
    /// A yes/no question; a yes does what [`Question`] says.
    Ask(Question),
    /// Sound off / on (the bell of the thresholds).
    ToggleSound,
}

/// Where to go.
#[derive(Debug, Clone, PartialEq)]
pub enum Go {
    /// Back to the start screen (the séance is closed and unlocked).
    Home,
    Wizard,
    Timer,
    Grid,
    /// The display turned towards the candidate.
    Candidate,
    /// Resume the séance of this log.
    Resume(PathBuf),
    /// Open a new séance from the wizard's choice.
    Create(Choice),
    /// The wizard, filled in for a passage of the day's plan.
    Passage(Prefill),
    /// Record a passage's candidates absent (justified or not): the séance is created with
    /// the absence through the engine, and its grids validated when the commission allows.
    Absent(Prefill, bool),
}

/// A yes/no question, and what a yes does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Question {
    Quit,
    /// Back to the start screen while a phase runs.
    LeaveSeance,
    /// End a phase with time left on it (`maximum`: its duration is a maximum, so ending early is
    /// allowed, only unusual).
    EndEarly {
        maximum: bool,
    },
    /// Validate the grid on display although something makes it unusual (the question says
    /// what).
    Validate(Unusual),
    /// Leave the candidate display.
    LeaveSafe,
    /// Delete the log, under the start screen's cursor, of a séance interrupted at its creation.
    RemoveInterrupted,
}

/// What makes validating a grid unusual: each is said in the question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Unusual {
    /// A phase of the épreuve is still running.
    pub running: bool,
    /// A note disagrees with its positionings (the warning on screen).
    pub incoherent: bool,
    /// Criteria positioned « non observé ».
    pub not_observed: usize,
}

impl Unusual {
    pub fn any(self) -> bool {
        self.running || self.incoherent || self.not_observed > 0
    }
}

/// Which keys the screen takes before the app's own (`?`, `q`, Ctrl-C).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Captures {
    /// `?` and `q` are the app's; so is Ctrl-C.
    Nothing,
    /// Letters are text (a field has the focus): only Ctrl-C is the app's.
    Text,
    /// Every key is the screen's, Ctrl-C included (the grid saves a text being typed first).
    Everything,
}

/// What a screen reads besides its own state.
pub struct Cx<'a> {
    pub r: &'a Referentiel,
    pub cfg: &'a Config,
    /// The open séance, if any.
    pub state: Option<&'a SeanceState>,
    /// The clock of the open séance at the last refresh.
    pub clock: Option<&'a ClockView>,
    /// The wall clock, as the screens show it.
    pub now: DateTime<Utc>,
    /// The clocks as the loop read them: what an event is recorded at.
    pub stamp: Stamp,
    /// `stamp` on the open séance's timeline (`SeanceState::time_of`): what `timing::clock`
    /// takes, so durations ignore steps of the system clock. The wall clock when no séance is
    /// open.
    pub at: DateTime<Utc>,
    pub muted: bool,
}

impl Cx<'_> {
    pub fn theme(&self) -> &Theme {
        &self.cfg.theme
    }

    pub fn tz(&self) -> Tz {
        self.cfg.tz
    }
}

/// A screen or a dialog of the jury app.
pub trait Component {
    type Action: Fill + 'static;

    /// The French name of the screen, heading its part of the help.
    fn title(&self) -> &'static str;

    /// The binding tables in force now, first match wins.
    fn bindings(&self, cx: &Cx) -> Vec<&'static [Binding<Self::Action>]>;

    fn captures(&self, _cx: &Cx) -> Captures {
        Captures::Nothing
    }

    fn update(&mut self, action: Self::Action, now: DateTime<Utc>, cx: &Cx) -> Outcome;

    fn view(&mut self, f: &mut Frame, area: Rect, cx: &Cx);

    /// Called once the app has applied an outcome: a screen whose state waits on the séance
    /// (a dialog that closes once its event is recorded, and stays open if the write failed)
    /// catches up here.
    fn settle(&mut self, _cx: &Cx) {}

    /// Repaints into `buf` only what the clock changes since the last `view` (a countdown
    /// second), returning the areas repainted; `None` when the screen has no such parts or
    /// cannot tell, and the app then draws a whole frame.
    fn live(&mut self, _buf: &mut Buffer, _cx: &Cx) -> Option<Vec<Rect>> {
        None
    }
}
