//! Pure phase-clock math: from a séance's state and `now`, where the épreuve stands.
//!
//! Elapsed time comes from the séance's [`Timeline`]: within one run of the app, from the
//! monotonic readings logged with each event (a clock that keeps counting through a laptop's
//! sleep and ignores steps of the system clock); across restarts, from the wall-clock
//! timestamps. So a crash, a restart, a sleep of the laptop or an NTP step still shows the real
//! time of the épreuve. The state's instants (phase starts, pauses, turns) are already on the
//! timeline; `now` must be too: [`SeanceState::time_of`](crate::session::SeanceState::time_of).
//! In training mode the clock runs `vitesse` times faster (épreuve time = wall time × vitesse).
//!
//! Conventions (details in each file):
//! - the clock shows whole seconds: `elapsed` is truncated, `remaining = planned - elapsed` (the
//!   exact remaining time rounded up), so the two always add up to the planned duration, change
//!   at the same instant, and the countdown reads 00:00 exactly when time is up; format them
//!   with [`fmt_mmss`] and [`fmt_overtime`];
//! - reaching the planned duration is [`Urgency::Overtime`]; a phase with a single threshold goes
//!   from `Calm` straight to `Alert`;
//! - an interval whose end is before its start (the wall clock went backwards, or `now` is
//!   before a logged timestamp) is empty: no time is ever negative and nothing panics;
//! - [`next_change`] returns exactly the instant at which the displayed second changes;
//! - a step of the wall clock of 2 s or more is reported by [`clock_step`] (the engine logs it
//!   as a `clock_anomaly`).
//!
//! Durations are those of [`duree_effective`] (`majoration.rs`): the référentiel's, extended by
//! a « temps majoré » when the séance records one.
//!
//! Files: `phases.rs` ([`clock`]), `parts.rs` (the timed parts of a phase), `speakers.rs` (group speaking time), `tick.rs`
//! ([`next_change`]), `timeline.rs` ([`Timeline`]), `watch.rs` ([`clock_step`], [`ClockWatch`]),
//! `monotonic.rs` (the only code that reads the system's clocks: [`monotonic::now`]),
//! `format.rs` (display helpers), `spans.rs` (interval arithmetic in nanoseconds).

use std::time::Duration;

use chrono::{DateTime, Utc};

mod format;
mod majoration;
pub mod monotonic;
mod phases;
mod spans;
mod speakers;
mod tick;
mod timeline;
mod watch;

#[cfg(test)]
mod props;
#[cfg(test)]
mod testkit;

pub use format::{fmt_mmss, fmt_overtime};
pub use majoration::{
    duree_effective, duree_majoree, duree_normale, duree_partie, temps_de_parole,
};
pub use phases::clock;

mod parts;
pub use tick::next_change;
pub use timeline::Timeline;
pub use watch::{ClockWatch, STEP_THRESHOLD_MS, clock_step};

/// How urgent the running phase is (for a finished phase: how it ended).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Urgency {
    /// More than the first threshold left.
    Calm,
    /// A threshold before the end was crossed (e.g. 5 min).
    Warning,
    /// The last threshold was crossed (e.g. 1 min).
    Alert,
    /// Past the planned duration.
    Overtime,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhaseStatus {
    NotStarted,
    Running,
    Paused,
    Done { early: bool },
}

/// One planned phase of the séance and how it ran (all durations in épreuve time).
#[derive(Debug, Clone, PartialEq)]
pub struct PhaseTiming {
    pub id: String,
    pub intitule: String,
    /// The duration it runs for: [`duree_effective`], the référentiel's `normal` one extended
    /// by a « temps majoré ».
    pub planned: Duration,
    /// The référentiel's duration: `planned` differs from it only under a « temps majoré ».
    pub normal: Duration,
    /// Time counted so far (running) or in all (done), in whole seconds (truncated); paused
    /// intervals never count.
    pub elapsed: Duration,
    /// `planned - elapsed`, zero once over (so the exact remaining time rounded up).
    pub remaining: Duration,
    /// `elapsed - planned`, zero while within.
    pub overtime: Duration,
    pub status: PhaseStatus,
    pub urgency: Urgency,
    /// Alert thresholds (minutes before the end) already crossed, largest first; the end of the
    /// phase counts as threshold 0.
    pub crossed: Vec<u32>,
    /// Total paused time within this phase (wall time, exact to the nanosecond).
    pub paused: Duration,
    /// The phase's parts (E1 ponctuel phase A), timed from the jury's switches; empty when the
    /// phase has none.
    pub parts: Vec<PartTiming>,
}

impl PhaseTiming {
    /// Under a « temps majoré ».
    pub fn majoree(&self) -> bool {
        self.planned != self.normal
    }

    /// The part running now, if the phase runs and has parts.
    pub fn current_part(&self) -> Option<(usize, &PartTiming)> {
        self.parts
            .iter()
            .enumerate()
            .find(|(_, p)| p.status == PartStatus::Current)
    }

    /// What rings a bell and flashes the screen once reached: the thresholds crossed, and the
    /// running part's maximum. The app rings when a new one appears.
    pub fn cues(&self) -> Vec<Cue> {
        let mut cues: Vec<Cue> = self.crossed.iter().map(|&m| Cue::Threshold(m)).collect();
        cues.extend(
            self.current_part()
                .filter(|(_, p)| p.elapsed >= p.planned)
                .map(|(k, _)| Cue::PartEnd(k)),
        );
        cues
    }
}

/// A signal of the clock to the jury (see [`PhaseTiming::cues`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    /// A threshold (minutes before the end; 0: the end).
    Threshold(u32),
    /// Part `k` reached its maximum.
    PartEnd(usize),
}

/// Where a part of a phase stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartStatus {
    NotStarted,
    Current,
    Done,
    /// The phase ended without the jury marking the switch to the next part: this part's end
    /// is unknown (it is measured up to the phase's end, never judged).
    Unmeasured,
}

/// One part of a phase (all durations in épreuve time, whole seconds).
#[derive(Debug, Clone, PartialEq)]
pub struct PartTiming {
    pub intitule: String,
    /// Its maximum in this séance ([`duree_partie`]); `normal`: the référentiel's.
    pub planned: Duration,
    pub normal: Duration,
    /// Counted from its start to its end (or now), pauses left out: the phase's displayed
    /// seconds at its end minus those at its start, so parts add up to the phase.
    pub elapsed: Duration,
    pub remaining: Duration,
    pub overtime: Duration,
    pub status: PartStatus,
}

/// Speaking time of one member of a group.
#[derive(Debug, Clone, PartialEq)]
pub struct SpeakerTime {
    pub numero: String,
    pub elapsed: Duration,
    /// Share of all candidates' speaking time, in per mille (0–1000).
    pub share_permille: u32,
}

/// Where the épreuve stands at `now`.
#[derive(Debug, Clone, PartialEq)]
pub struct ClockView {
    pub phases: Vec<PhaseTiming>,
    /// Index of the running (or paused) phase.
    pub current: Option<usize>,
    pub paused: bool,
    /// Sum of the elapsed times of the phases.
    pub total_elapsed: Duration,
    /// Wall-clock time at which the épreuve is due to end if the remaining phases run as
    /// planned from now (`None` before the first phase starts and once all are done).
    pub due_end: Option<DateTime<Utc>>,
    /// One entry per candidate of a group séance (empty for a single candidate).
    pub speakers: Vec<SpeakerTime>,
}
