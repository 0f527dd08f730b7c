//! [`Timeline`]: where each record of a séance sits on one clock that does not step, so that
//! durations are measured on it rather than on the raw wall-clock timestamps.
//!
//! The first record sits at its wall time. Each next record sits after the previous one by:
//! - within one run (both carry a monotonic reading of the same run): the monotonic difference,
//!   so a wall-clock step between them (forward or back, corrected or kept) changes nothing;
//! - across runs (a restart, a crash, another laptop) or when a record has no monotonic
//!   reading: the wall-clock difference, the only thing that relates them.
//!
//! For a log without monotonic readings (older logs, callers passing a wall time alone) every
//! record therefore sits exactly at its wall time, as before. A record that has a reading is
//! never placed before the previous one (a wall clock set back across a restart counts as no
//! time), so the timeline of a log the app writes never goes backwards.
//!
//! The timeline is anchored on the first record: after a wall-clock step that is kept, its
//! instants differ from the system clock by the step (its durations do not).

use chrono::{DateTime, Utc};

use super::spans::{NANOS_PER_SEC, Nanos, from_ns, ns};
use crate::session::Stamp;

const NANOS_PER_MS: Nanos = NANOS_PER_SEC / 1000;

/// The last record placed, and where.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Placed {
    stamp: Stamp,
    at: Nanos,
}

/// The séance's timeline so far: enough to place the next record, or `now`.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Timeline {
    last: Option<Placed>,
}

impl Timeline {
    /// A timeline whose first record is `first`.
    pub fn start(first: Stamp) -> Timeline {
        let mut t = Timeline::default();
        t.push(first);
        t
    }

    /// Where `stamp` sits on the timeline after the records so far (not recorded): the instant
    /// that `timing::clock` and `next_change` take as `now`.
    pub fn at(&self, stamp: &Stamp) -> DateTime<Utc> {
        from_ns(self.place(stamp))
    }

    /// Places the next record and returns where it sits.
    pub fn push(&mut self, stamp: Stamp) -> DateTime<Utc> {
        let at = self.place(&stamp);
        self.last = Some(Placed { stamp, at });
        from_ns(at)
    }

    /// The last record's stamp and instant on the timeline.
    pub fn last(&self) -> Option<(Stamp, DateTime<Utc>)> {
        self.last.map(|p| (p.stamp, from_ns(p.at)))
    }

    fn place(&self, stamp: &Stamp) -> Nanos {
        let Some(last) = self.last else {
            return ns(stamp.wall);
        };
        let wall_gap = ns(stamp.wall) - ns(last.stamp.wall);
        match (stamp.mono_since(&last.stamp), stamp.mono) {
            (Some(ms), _) => last
                .at
                .saturating_add(ms.max(0).saturating_mul(NANOS_PER_MS)),
            (None, Some(_)) => last.at.saturating_add(wall_gap.max(0)),
            (None, None) => last.at.saturating_add(wall_gap),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::at;
    use super::*;
    use crate::session::RunId;

    const A: RunId = RunId(0xa);
    const B: RunId = RunId(0xb);

    /// A stamp of run `run` whose monotonic clock reads `ms` and wall clock `wall`.
    fn st(wall: &str, run: RunId, ms: u64) -> Stamp {
        Stamp::new(at(wall), run, ms)
    }

    #[test]
    fn without_monotonic_readings_records_sit_at_their_wall_time() {
        let mut t = Timeline::start(Stamp::wall(at("08:00:00")));
        assert_eq!(t.push(Stamp::wall(at("08:05:00"))), at("08:05:00"));
        // Even backwards: an older log keeps exactly its meaning.
        assert_eq!(t.push(Stamp::wall(at("08:02:00"))), at("08:02:00"));
        assert_eq!(t.at(&Stamp::wall(at("08:03:00"))), at("08:03:00"));
    }

    #[test]
    fn within_a_run_the_monotonic_clock_measures() {
        let mut t = Timeline::start(st("08:00:00", A, 1_000));
        // The wall clock jumped one hour forward: 4 s passed, not 1:00:04.
        assert_eq!(t.push(st("09:00:04", A, 5_000)), at("08:00:04"));
        // Set back 10 minutes: 6 s passed.
        assert_eq!(t.push(st("08:50:10", A, 11_000)), at("08:00:10"));
        assert_eq!(t.at(&st("08:50:12.5", A, 13_500)), at("08:00:12.5"));
        // `at` did not record anything.
        assert_eq!(t.last().map(|(_, i)| i), Some(at("08:00:10")));
    }

    #[test]
    fn across_runs_the_wall_clock_measures_and_never_goes_back() {
        let mut t = Timeline::start(st("08:00:00", A, 1_000));
        // The wall clock is one hour ahead from here on, and stays so.
        assert_eq!(t.push(st("09:10:00", A, 601_000)), at("08:10:00"));
        // A restart five minutes later: the wall gap (5 min) counts, the kept step does not.
        assert_eq!(t.push(st("09:15:00", B, 77)), at("08:15:00"));
        assert_eq!(t.push(st("09:16:00", B, 60_077)), at("08:16:00"));
        // Another restart with the clock set back meanwhile: no time, never negative.
        assert_eq!(t.push(st("07:00:00", A, 5)), at("08:16:00"));
    }

    #[test]
    fn monotonic_readings_out_of_order_count_as_no_time() {
        let mut t = Timeline::start(st("08:00:00", A, 9_000));
        assert_eq!(t.push(st("08:00:05", A, 4_000)), at("08:00:00"));
    }

    #[test]
    fn extreme_values_saturate_instead_of_panicking() {
        let mut t = Timeline::start(st("08:00:00", A, 0));
        let far = t.push(Stamp::new(at("08:00:00"), A, u64::MAX));
        assert_eq!(far, DateTime::<Utc>::MAX_UTC);
        let mut t = Timeline::start(Stamp::wall(DateTime::<Utc>::MIN_UTC));
        assert_eq!(
            t.push(Stamp::wall(DateTime::<Utc>::MAX_UTC)),
            DateTime::<Utc>::MAX_UTC
        );
    }
}
