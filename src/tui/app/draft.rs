//! The appréciation being typed reaches the log without the jury saving it: [`DRAFT_PAUSE`]
//! after the first key not yet in the log (so once typing pauses, and every [`DRAFT_PAUSE`]
//! at most while the jury types on: one write, never one per key), on leaving the editor
//! (Échap), at each new line, and before the app ends (a quit, a signal, the console closing).
//! So a crash or a power cut loses at most the last [`DRAFT_PAUSE`] of typing.
//!
//! A deadline pushed back by each key would be simpler but unbounded: a jury typing without a
//! two-second pause would have nothing on disk. The timer is a deadline the loop sleeps towards
//! (`App::next_wake`), set by the first unsaved key and cleared once the draft is written: an
//! idle editor adds no wake-up. On a validated grid a change is an
//! amendment that needs its reason, so no draft is written there; the text is still flushed
//! before the app ends.

use chrono::{DateTime, TimeDelta, Utc};

use super::{App, Screen};
use crate::session::Stamp;

/// How long typing must pause before the draft is written.
pub const DRAFT_PAUSE: TimeDelta = TimeDelta::seconds(2);

impl App {
    /// After a key: a draft differing from the log is due [`DRAFT_PAUSE`] after the first key
    /// that made it differ (later keys keep that deadline); none when the text is saved or the
    /// editor closed.
    pub(super) fn arm_draft(&mut self, now: Stamp) {
        let unsaved = match (&self.screen, self.state()) {
            (Screen::Grid(g), Some(state)) => g.draft(state).is_some(),
            _ => false,
        };
        self.draft_due = match (unsaved, self.draft_due) {
            (false, _) => None,
            (true, Some(due)) => Some(due),
            (true, None) => Some(self.instant(now) + DRAFT_PAUSE),
        };
    }

    /// When the draft is due, on the séance's timeline.
    pub(super) fn draft_due(&self) -> Option<DateTime<Utc>> {
        self.draft_due
    }

    /// Writes the draft when it is due. True when something shown changed (the message line
    /// after a failed write).
    pub(super) fn save_draft_if_due(&mut self, now: Stamp) -> bool {
        if self.draft_due.is_none_or(|due| self.instant(now) < due) {
            return false;
        }
        // Written or not, the deadline is spent: a failed write is said on the message line and
        // the next key tries again (no retry loop while the disk is full).
        self.draft_due = None;
        let event = match (&self.screen, self.state()) {
            (Screen::Grid(g), Some(state)) => g.draft(state),
            _ => None,
        };
        let Some(event) = event else {
            return false;
        };
        let saved = self.record(event, now);
        self.full = true;
        !saved
    }

    /// The app is made to end (a signal, the console closing): what the grid holds unsaved is
    /// recorded at `now`, then the app quits.
    pub fn interrupted(&mut self, now: impl Into<Stamp>) {
        let now = now.into();
        self.clock.now = now;
        self.flush_grid(now);
        self.draft_due = None;
        self.quit = true;
    }
}
