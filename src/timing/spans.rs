//! Wall-time interval arithmetic for the clock, in whole nanoseconds.
//!
//! Timestamps become `i128` nanoseconds since the Unix epoch so that no subtraction can
//! overflow or panic, whatever the log holds. Intervals are closed-open `[from, to)`; an interval
//! whose end is before its start (the wall clock went backwards between two events) is empty,
//! which is what makes every measured time "never negative".

use chrono::{DateTime, Utc};

use crate::session::SeanceState;

/// Nanoseconds, of wall time unless said otherwise.
pub(super) type Nanos = i128;

pub(super) const NANOS_PER_SEC: Nanos = 1_000_000_000;

/// A timestamp as nanoseconds since the Unix epoch (exact for every `DateTime<Utc>`).
pub(super) fn ns(t: DateTime<Utc>) -> Nanos {
    Nanos::from(t.timestamp()) * NANOS_PER_SEC + Nanos::from(t.timestamp_subsec_nanos())
}

/// Back from [`ns`]; saturates at the ends of chrono's range instead of failing.
pub(super) fn from_ns(n: Nanos) -> DateTime<Utc> {
    let secs = n.div_euclid(NANOS_PER_SEC);
    let nanos = n.rem_euclid(NANOS_PER_SEC) as u32;
    i64::try_from(secs)
        .ok()
        .and_then(|s| DateTime::from_timestamp(s, nanos))
        .unwrap_or(if n < 0 {
            DateTime::<Utc>::MIN_UTC
        } else {
            DateTime::<Utc>::MAX_UTC
        })
}

/// A closed-open interval `[from, to)`; empty when `to <= from`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Span {
    pub from: Nanos,
    pub to: Nanos,
}

impl Span {
    pub fn new(from: DateTime<Utc>, to: DateTime<Utc>) -> Self {
        Span {
            from: ns(from),
            to: ns(to),
        }
    }

    pub fn len(self) -> Nanos {
        (self.to - self.from).max(0)
    }
}

/// Sorted, non-empty, pairwise disjoint spans (overlapping or touching ones merged).
pub(super) fn merge(mut spans: Vec<Span>) -> Vec<Span> {
    spans.retain(|s| s.len() > 0);
    spans.sort_by_key(|s| s.from);
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        match out.last_mut() {
            Some(last) if s.from <= last.to => last.to = last.to.max(s.to),
            _ => out.push(s),
        }
    }
    out
}

/// Length of `span ∩ set`, `set` merged.
pub(super) fn overlap(span: Span, set: &[Span]) -> Nanos {
    set.iter()
        .map(|s| {
            Span {
                from: s.from.max(span.from),
                to: s.to.min(span.to),
            }
            .len()
        })
        .sum()
}

/// Length of `span` outside `set` (`set` merged): the time that counts.
pub(super) fn outside(span: Span, set: &[Span]) -> Nanos {
    span.len() - overlap(span, set)
}

/// `a \ b`, both merged; the result is merged.
pub(super) fn subtract(a: &[Span], b: &[Span]) -> Vec<Span> {
    let mut out = Vec::new();
    for &s in a {
        let mut from = s.from;
        for h in b.iter().filter(|h| h.to > s.from && h.from < s.to) {
            if h.from > from {
                out.push(Span { from, to: h.from });
            }
            from = from.max(h.to);
        }
        if from < s.to {
            out.push(Span { from, to: s.to });
        }
    }
    out
}

/// The pauses of the séance as merged spans; an open pause ends at `now`.
pub(super) fn pause_spans(state: &SeanceState, now: DateTime<Utc>) -> Vec<Span> {
    merge(
        state
            .pauses
            .iter()
            .map(|p| Span::new(p.start, p.end.unwrap_or(now)))
            .collect(),
    )
}

/// The earliest `t >= now` at which `[from, t) \ holes` measures `need`, given that it measures
/// less at `now`. `holes` is merged and fixed (no open pause: the caller checked), so the
/// measured time grows at one nanosecond per nanosecond outside the holes and stands still
/// inside them.
pub(super) fn first_reach(from: Nanos, now: Nanos, holes: &[Span], need: Nanos) -> Nanos {
    let mut t = now.max(from);
    let mut acc = outside(Span { from, to: t }, holes);
    for h in holes {
        if h.to <= t {
            continue;
        }
        if h.from > t {
            let gap = h.from - t;
            if acc + gap >= need {
                return t + (need - acc);
            }
            acc += gap;
        }
        t = h.to;
    }
    t + (need - acc)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sp(from: i128, to: i128) -> Span {
        Span { from, to }
    }

    #[test]
    fn ns_round_trips_and_handles_times_before_the_epoch() {
        let t = DateTime::parse_from_rfc3339("1969-12-31T23:59:59.25Z")
            .unwrap()
            .to_utc();
        assert_eq!(ns(t), -750_000_000);
        assert_eq!(from_ns(ns(t)), t);
        assert_eq!(from_ns(i128::MAX), DateTime::<Utc>::MAX_UTC);
        assert_eq!(from_ns(i128::MIN), DateTime::<Utc>::MIN_UTC);
    }

    #[test]
    fn backwards_span_is_empty() {
        assert_eq!(sp(10, 5).len(), 0);
        assert_eq!(outside(sp(10, 5), &[sp(0, 100)]), 0);
    }

    #[test]
    fn merge_sorts_drops_empty_and_joins_overlaps() {
        let m = merge(vec![
            sp(20, 30),
            sp(5, 5),
            sp(0, 10),
            sp(8, 12),
            sp(30, 31),
            sp(9, 1),
        ]);
        assert_eq!(m, vec![sp(0, 12), sp(20, 31)]);
    }

    #[test]
    fn overlap_and_outside_clip_to_the_span() {
        let holes = [sp(0, 10), sp(20, 30), sp(40, 50)];
        assert_eq!(overlap(sp(5, 45), &holes), 5 + 10 + 5);
        assert_eq!(outside(sp(5, 45), &holes), 40 - 20);
        assert_eq!(outside(sp(60, 70), &holes), 10);
    }

    #[test]
    fn subtract_cuts_holes_out() {
        let a = [sp(0, 100), sp(200, 300)];
        let b = [sp(-5, 10), sp(50, 60), sp(90, 210), sp(290, 400)];
        assert_eq!(subtract(&a, &b), vec![sp(10, 50), sp(60, 90), sp(210, 290)]);
    }

    #[test]
    fn first_reach_skips_holes() {
        let holes = [sp(10, 20), sp(30, 40)];
        // At 5: 5 counted. 10 more needed: 5 until the hole at 10, 5 after it.
        assert_eq!(first_reach(0, 5, &holes, 15), 25);
        // Exactly at the start of a hole: reached there, not after it.
        assert_eq!(first_reach(0, 5, &holes, 10), 10);
        // From inside a hole.
        assert_eq!(first_reach(0, 12, &holes, 11), 21);
        // Past every hole.
        assert_eq!(first_reach(0, 45, &holes, 30), 50);
        // `now` before the start (the wall clock went backwards).
        assert_eq!(first_reach(100, 50, &[], 1), 101);
    }
}
