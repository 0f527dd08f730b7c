//! [`ClockWatch`]: notices jumps of the system (wall) clock against the monotonic clock.
//!
//! The displayed times never depend on this watch: they come from the wall-clock timestamps of
//! the log. The watch only tells the caller when the wall clock did something unusual, so that
//! a `clock_anomaly` event leaves a trace for the coordinators reviewing the séance.
//!
//! A sleep of the laptop shows up as a [`ClockAnomalyKind::Jump`]: on Linux `Instant` is
//! `CLOCK_MONOTONIC`, which stops during suspend, while the wall clock keeps counting. This is
//! intended: the caller records the sleep as an anomaly, and the clock still shows the right
//! time after waking up because elapsed time is computed from wall timestamps, sleep included.
//! (On macOS and Windows the monotonic clock may count the sleep; then no anomaly is seen, and
//! the displayed time is just as right.)

use std::time::Instant;

use chrono::{DateTime, Utc};

use super::spans::{NANOS_PER_SEC, Nanos, ns};
use crate::session::ClockAnomalyKind;

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
