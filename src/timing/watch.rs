//! Steps of the system (wall) clock against the monotonic clock.
//!
//! [`clock_step`] compares two [`Stamp`]s: the engine calls it on every stamp it is given
//! (`Seance::record`, `Seance::observe`) and logs a step of 2 s or more as a `clock_anomaly`.
//! Durations never depend on it: within a run they come from the monotonic readings (see
//! [`super::Timeline`]); the anomaly leaves a trace for the coordinators.
//!
//! [`ClockWatch`] is the older watch, for callers that still pass wall times alone, fed with
//! `std::time::Instant`. There a sleep of the laptop shows up as a [`ClockAnomalyKind::Jump`]:
//! on Linux `Instant` is `CLOCK_MONOTONIC`, which stops during suspend, while the wall clock
//! keeps counting. (The stamps of [`super::monotonic::now`] read `CLOCK_BOOTTIME`, which counts
//! the sleep: no anomaly for a sleep.) A caller that passes stamps needs no `ClockWatch`.

use std::time::Instant;

use chrono::{DateTime, Utc};

use super::spans::{NANOS_PER_SEC, Nanos, ns};
use crate::session::{ClockAnomalyKind, Stamp};

/// The smallest step of the wall clock, against the monotonic clock, that [`clock_step`]
/// reports: smaller ones are NTP slews and the jitter of reading two clocks one after the other.
pub const STEP_THRESHOLD_MS: i64 = 2_000;

/// How the wall clock moved between `prev` and `next` against the monotonic clock, when that
/// is a step of [`STEP_THRESHOLD_MS`] or more: `(kind, delta_ms)` with `delta_ms` the wall
/// clock's gain (positive, [`ClockAnomalyKind::Jump`]) or loss (negative,
/// [`ClockAnomalyKind::Backwards`]) in milliseconds, truncated toward zero.
///
/// - same run: the wall difference minus the monotonic difference;
/// - two runs (a restart): only a wall clock behind `prev` is known to be wrong; it is reported
///   as `Backwards` by how far it is behind;
/// - a stamp without a monotonic reading: nothing can be told.
pub fn clock_step(prev: &Stamp, next: &Stamp) -> Option<(ClockAnomalyKind, i64)> {
    const NANOS_PER_MS: Nanos = NANOS_PER_SEC / 1000;
    let wall = ns(next.wall) - ns(prev.wall);
    let drift = match next.mono_since(prev) {
        Some(mono) => wall.saturating_sub(mono.saturating_mul(NANOS_PER_MS)),
        None if prev.mono.is_some() && next.mono.is_some() => wall.min(0),
        None => return None,
    };
    let ms =
        i64::try_from(drift / NANOS_PER_MS).unwrap_or(if drift < 0 { i64::MIN } else { i64::MAX });
    if ms.unsigned_abs() < STEP_THRESHOLD_MS.unsigned_abs() {
        None
    } else if ms < 0 {
        Some((ClockAnomalyKind::Backwards, ms))
    } else {
        Some((ClockAnomalyKind::Jump, ms))
    }
}

/// How far the wall clock may go backwards between two observations before it is an anomaly
/// (small steps back are NTP corrections).
const BACKWARDS_TOLERANCE: Nanos = NANOS_PER_SEC;
/// How far the wall clock may drift from the monotonic clock between two observations.
const DRIFT_TOLERANCE: Nanos = 2 * NANOS_PER_SEC;

/// Watches the wall clock against the monotonic clock while a séance runs.
#[derive(Debug, Clone)]
pub struct ClockWatch {
    last: Option<(DateTime<Utc>, Instant)>,
}

impl ClockWatch {
    pub fn new() -> Self {
        ClockWatch { last: None }
    }

    /// Feed both clocks at each wake-up; returns an anomaly when the wall clock went backwards
    /// or drifted more than 2 s from the monotonic clock since the last observation. The caller
    /// records it as a `clock_anomaly` event.
    ///
    /// - wall clock more than 1 s behind the last observation: `Backwards`;
    /// - otherwise, wall and monotonic elapsed times differing by more than 2 s: `Jump`.
    ///
    /// In both cases the delta is `(wall elapsed) - (monotonic elapsed)` in milliseconds
    /// (truncated toward zero): negative when the wall clock went back, positive for a jump
    /// forward or a sleep. Each observation becomes the reference for the next one, so one jump
    /// is reported once.
    pub fn observe(
        &mut self,
        wall: DateTime<Utc>,
        mono: Instant,
    ) -> Option<(ClockAnomalyKind, i64)> {
        let (last_wall, last_mono) = self.last.replace((wall, mono))?;
        let wall_step = ns(wall) - ns(last_wall);
        let mono_step = match mono.checked_duration_since(last_mono) {
            Some(d) => Nanos::try_from(d.as_nanos()).unwrap_or(Nanos::MAX),
            None => {
                -Nanos::try_from(last_mono.duration_since(mono).as_nanos()).unwrap_or(Nanos::MAX)
            }
        };
        let drift = wall_step - mono_step;
        let ms =
            i64::try_from(drift / 1_000_000).unwrap_or(if drift < 0 { i64::MIN } else { i64::MAX });
        if wall_step < -BACKWARDS_TOLERANCE {
            Some((ClockAnomalyKind::Backwards, ms))
        } else if drift.abs() > DRIFT_TOLERANCE {
            Some((ClockAnomalyKind::Jump, ms))
        } else {
            None
        }
    }
}

impl Default for ClockWatch {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::super::testkit::at;
    use super::*;
    use crate::session::RunId;

    fn st(wall: &str, run: u64, ms: u64) -> Stamp {
        Stamp::new(at(wall), RunId(run), ms)
    }

    #[test]
    fn steps_of_two_seconds_or_more_are_reported_with_their_sign() {
        let a = st("08:00:00", 1, 10_000);
        assert_eq!(clock_step(&a, &st("08:00:05", 1, 15_000)), None);
        assert_eq!(clock_step(&a, &st("08:00:06.999", 1, 15_000)), None);
        assert_eq!(
            clock_step(&a, &st("08:00:07", 1, 15_000)),
            Some((ClockAnomalyKind::Jump, 2_000))
        );
        assert_eq!(
            clock_step(&a, &st("09:00:05", 1, 15_000)),
            Some((ClockAnomalyKind::Jump, 3_600_000))
        );
        // Set back ten minutes during a 4 s pause: the wall clock lost 600 s.
        assert_eq!(
            clock_step(&a, &st("07:50:04", 1, 14_000)),
            Some((ClockAnomalyKind::Backwards, -600_000))
        );
        // A wall clock that stood still while 3 s passed lost 3 s.
        assert_eq!(
            clock_step(&a, &st("08:00:00", 1, 13_000)),
            Some((ClockAnomalyKind::Backwards, -3_000))
        );
    }

    #[test]
    fn across_runs_only_a_clock_behind_the_log_is_reported() {
        let a = st("08:00:00", 1, 10_000);
        assert_eq!(clock_step(&a, &st("09:00:00", 2, 5)), None);
        assert_eq!(clock_step(&a, &st("07:59:59", 2, 5)), None);
        assert_eq!(
            clock_step(&a, &st("07:50:00", 2, 5)),
            Some((ClockAnomalyKind::Backwards, -600_000))
        );
        // Without monotonic readings nothing can be told.
        assert_eq!(clock_step(&a, &Stamp::wall(at("07:00:00"))), None);
        assert_eq!(clock_step(&Stamp::wall(at("09:00:00")), &a), None);
    }

    #[test]
    fn extreme_stamps_do_not_panic() {
        let lo = Stamp::new(DateTime::<Utc>::MIN_UTC, RunId(1), u64::MAX);
        let hi = Stamp::new(DateTime::<Utc>::MAX_UTC, RunId(1), 0);
        assert!(clock_step(&lo, &hi).is_some());
        assert!(clock_step(&hi, &lo).is_some());
    }

    /// A watch fed once at 08:00:00, with the monotonic instant it was fed.
    fn watch() -> (ClockWatch, Instant) {
        let mut w = ClockWatch::new();
        let m = Instant::now();
        assert_eq!(w.observe(at("08:00:00"), m), None);
        (w, m)
    }

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn steady_clocks_are_quiet() {
        let (mut w, m) = watch();
        assert_eq!(w.observe(at("08:00:01"), m + ms(1000)), None);
        // 2 s of drift is tolerated, one more millisecond is not.
        assert_eq!(w.observe(at("08:00:04"), m + ms(2000)), None);
        assert_eq!(
            w.observe(at("08:00:06.001"), m + ms(2000)),
            Some((ClockAnomalyKind::Jump, 2001))
        );
    }

    #[test]
    fn wall_clock_set_forward_is_a_jump() {
        let (mut w, m) = watch();
        assert_eq!(
            w.observe(at("08:05:01"), m + ms(1000)),
            Some((ClockAnomalyKind::Jump, 300_000))
        );
        // The next observation is measured from the new reference: no repeat.
        assert_eq!(w.observe(at("08:05:02"), m + ms(2000)), None);
    }

    #[test]
    fn laptop_sleep_is_a_jump() {
        // CLOCK_MONOTONIC stopped during 20 minutes of suspend; 50 ms passed while awake.
        let (mut w, m) = watch();
        assert_eq!(
            w.observe(at("08:20:00.050"), m + ms(50)),
            Some((ClockAnomalyKind::Jump, 1_200_000))
        );
    }

    #[test]
    fn wall_clock_backwards() {
        let (mut w, m) = watch();
        assert_eq!(
            w.observe(at("07:59:58"), m + ms(1000)),
            Some((ClockAnomalyKind::Backwards, -3000))
        );
        // One second back or less is an NTP step, not an anomaly, as long as the drift against
        // the monotonic clock stays within 2 s (here 1 s back + 0.5 s forward = 1.5 s).
        let (mut w, m) = watch();
        assert_eq!(w.observe(at("07:59:59"), m + ms(500)), None);
    }

    #[test]
    fn small_backwards_step_with_large_drift_is_a_jump() {
        let (mut w, m) = watch();
        assert_eq!(
            w.observe(at("07:59:59.500"), m + ms(3000)),
            Some((ClockAnomalyKind::Jump, -3500))
        );
    }

    #[test]
    fn monotonic_instant_fed_out_of_order_does_not_panic() {
        let mut w = ClockWatch::new();
        let m = Instant::now() + ms(10_000);
        assert_eq!(w.observe(at("08:00:00"), m), None);
        assert_eq!(
            w.observe(at("08:00:00"), m - ms(5000)),
            Some((ClockAnomalyKind::Jump, 5000))
        );
    }
}
