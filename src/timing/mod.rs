//! Pure phase-clock math: from a séance's state and `now`, where the épreuve stands.
//!
//! Elapsed time comes from the wall-clock timestamps of the log (start, pause, resume, end), so
//! a crash, a restart or a sleep of the laptop still shows the real time of the épreuve. In
//! training mode the clock runs `vitesse` times faster.
//!
//! API CONTRACT (implementation pending in the timing branch; signatures are fixed).

use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};

use crate::session::{ClockAnomalyKind, SeanceState};

/// How urgent the running phase is.
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
    pub planned: Duration,
    /// Time counted so far (running) or in all (done); paused intervals never count.
    pub elapsed: Duration,
    /// `planned - elapsed`, zero once over.
    pub remaining: Duration,
    /// `elapsed - planned`, zero while within.
    pub overtime: Duration,
    pub status: PhaseStatus,
    pub urgency: Urgency,
    /// Alert thresholds (minutes before the end) already crossed, largest first; the end of the
    /// phase counts as threshold 0.
    pub crossed: Vec<u32>,
    /// Total paused time within this phase (wall time).
    pub paused: Duration,
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

/// The clock of a séance at `now` (pure: same state and `now`, same view).
pub fn clock(_state: &SeanceState, _now: DateTime<Utc>) -> ClockView {
    unimplemented!("timing branch")
}

/// The earliest instant after `now` at which anything the clock shows changes (the next whole
/// displayed second of the running phase); `None` when nothing runs, so the app can block.
pub fn next_change(_state: &SeanceState, _now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    unimplemented!("timing branch")
}

/// Watches the wall clock against the monotonic clock while a séance runs.
#[derive(Debug, Clone)]
pub struct ClockWatch {
    _last: Option<(DateTime<Utc>, Instant)>,
}

impl ClockWatch {
    pub fn new() -> Self {
        ClockWatch { _last: None }
    }

    /// Feed both clocks at each wake-up; returns an anomaly when the wall clock went backwards
    /// or drifted more than 2 s from the monotonic clock since the last observation. The caller
    /// records it as a `clock_anomaly` event.
    pub fn observe(
        &mut self,
        _wall: DateTime<Utc>,
        _mono: Instant,
    ) -> Option<(ClockAnomalyKind, i64)> {
        unimplemented!("timing branch")
    }
}

impl Default for ClockWatch {
    fn default() -> Self {
        Self::new()
    }
}
