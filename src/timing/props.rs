//! Property tests of the clock on random timing scripts played through the real fold.
//!
//! The expected times come from an independent model: a walk through the events that adds
//! each gap between two events to the running phase (or its pauses, or the current speaker).

use chrono::{DateTime, TimeDelta, Utc};
use proptest::prelude::*;

use super::spans::{NANOS_PER_SEC, Nanos, ns};
use super::testkit::*;
use super::{ClockView, clock, next_change};
use crate::referentiel::FormeKind;
use crate::session::{Event, SeanceState};

/// One step of a script: a gap (ms and extra ns, possibly negative when `jitter`), an operation
/// and a candidate for speaker switches.
type Step = (i64, u32, u8, usize);

fn steps(jitter: bool) -> impl Strategy<Value = Vec<Step>> {
    let ms = if jitter {
        -120_000i64..600_000
    } else {
        0i64..600_000
    };
    // Ends are rarer than the rest so that most scripts stop with a phase running.
    let op = prop_oneof![4 => Just(0u8), 1 => Just(1), 1 => Just(2), 5 => Just(3), 5 => Just(4),
        8 => Just(5)];
    prop::collection::vec((ms, 0u32..1_000_000, op, 0usize..4), 0..30)
}

fn speed() -> impl Strategy<Value = Option<u32>> {
    prop_oneof![3 => Just(None), 1 => (2u32..=12).prop_map(Some)]
}

/// Plays the script through the fold; refused events are skipped, as the engine would refuse
/// them. Returns the state and the events it accepted, with their times.
fn build(
    group: bool,
    speed: Option<u32>,
    script: &[Step],
) -> (SeanceState, Vec<(DateTime<Utc>, Event)>) {
    let mut s = if group {
        seance("E1", FormeKind::Ccf, "A", 3, speed)
    } else {
        seance("E3", FormeKind::Ponctuel, "unique", 1, speed)
    };
    let mut t = at("08:00:00");
    let mut applied = Vec::new();
    for &(ms, extra_ns, op, who) in script {
        t += TimeDelta::milliseconds(ms) + TimeDelta::nanoseconds(i64::from(extra_ns));
        let phase = |i: usize| {
            s.info
                .phases
                .get(i)
                .map(|p| p.id.clone())
                .unwrap_or_default()
        };
        let event = match op {
            0 => start(&phase(s.runs.len())),
            1 => end(&phase(s.runs.len().saturating_sub(1))),
            2 => early(&phase(s.runs.len().saturating_sub(1))),
            3 => pause(),
            4 => resume(),
            _ => speak((who > 0).then_some(who)),
        };
        if s.apply(r(), &event, t).is_ok() {
            applied.push((t, event));
        }
    }
    (s, applied)
}

/// The independent model: per run, counted wall time and paused wall time; per candidate (C1…),
/// speaking wall time. Assumes timestamps never go backwards and `now` is after the last event.
fn model(
    applied: &[(DateTime<Utc>, Event)],
    now: DateTime<Utc>,
) -> (Vec<(Nanos, Nanos)>, [Nanos; 4]) {
    let (mut runs, mut speakers) = (Vec::<(Nanos, Nanos)>::new(), [0; 4]);
    let (mut running, mut paused, mut who) = (false, false, 0usize);
    let mut last: Option<DateTime<Utc>> = None;
    let ticks = applied
        .iter()
        .map(|(t, e)| (*t, Some(e)))
        .chain([(now, None)]);
    for (t, e) in ticks {
        let gap = last.map_or(0, |l| ns(t) - ns(l));
        if let Some(run) = runs.last_mut().filter(|_| running) {
            if paused {
                run.1 += gap;
            } else {
                run.0 += gap;
                speakers[who] += gap;
            }
        }
        match e {
            Some(Event::PhaseStarted { .. }) => {
                runs.push((0, 0));
                (running, paused) = (true, false);
            }
            Some(Event::PhaseEnded { .. } | Event::PhaseEndedEarly { .. }) => {
                (running, paused) = (false, false)
            }
            Some(Event::Paused { .. }) => paused = true,
            Some(Event::Resumed) => paused = false,
            Some(Event::SpeakerChanged { candidat }) => {
                who = candidat.as_deref().map_or(0, |c| c[1..].parse().unwrap())
            }
            _ => {}
        }
        last = Some(t);
    }
    (runs, speakers)
}

fn shown(wall: Nanos, speed: u32) -> std::time::Duration {
    std::time::Duration::from_secs((wall * Nanos::from(speed) / NANOS_PER_SEC) as u64)
}

/// Everything the clock displays that ticks with seconds: the due end is left out (exact, not
/// displayed to the second, and it moves with `now` in overtime or pause), and so is the length
/// of an open pause (it grows, but `next_change` deliberately lets the app sleep during a pause).
fn ticking(v: &ClockView) -> ClockView {
    let mut v = ClockView {
        due_end: None,
        ..v.clone()
    };
    for p in &mut v.phases {
        p.paused = std::time::Duration::ZERO;
    }
    v
}

fn last_ts(applied: &[(DateTime<Utc>, Event)]) -> DateTime<Utc> {
    applied.last().map_or(at("08:00:00"), |(t, _)| *t)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn elapsed_matches_the_model_and_never_counts_pauses(
        group in any::<bool>(), speed in speed(), script in steps(false), after in 0i64..3_600_000_000_000,
    ) {
        let (s, applied) = build(group, speed, &script);
        let now = last_ts(&applied) + TimeDelta::nanoseconds(after);
        let v = clock(&s, now);
        let (runs, talk) = model(&applied, now);
        let speed = s.info.speed();
        for (i, p) in v.phases.iter().enumerate() {
            let (active, paused) = runs.get(i).copied().unwrap_or((0, 0));
            prop_assert_eq!(p.elapsed, shown(active, speed), "phase {}", i);
            prop_assert_eq!(p.paused, std::time::Duration::from_nanos(paused as u64));
        }
        if group {
            for (k, t) in v.speakers.iter().enumerate() {
                prop_assert_eq!(t.elapsed, shown(talk[k + 1], speed));
            }
            let sum: u32 = v.speakers.iter().map(|t| t.share_permille).sum();
            prop_assert!(sum == 0 || (998..=1002).contains(&sum), "shares add up to {}", sum);
        }
    }

    #[test]
    fn figures_add_up_even_when_the_wall_clock_jumps_back(
        group in any::<bool>(), speed in speed(), script in steps(true), after in -3_600_000i64..3_600_000,
    ) {
        let (s, applied) = build(group, speed, &script);
        let now = last_ts(&applied) + TimeDelta::milliseconds(after);
        let v = clock(&s, now);
        let mut total = std::time::Duration::ZERO;
        for (p, run) in v.phases.iter().zip(s.runs.iter().map(Some).chain(std::iter::repeat(None))) {
            if p.overtime.is_zero() {
                prop_assert_eq!(p.remaining + p.elapsed, p.planned);
            } else {
                prop_assert!(p.remaining.is_zero());
                prop_assert_eq!(p.elapsed - p.overtime, p.planned);
            }
            // Never more than the whole span of the run, never negative (clamped).
            let span = run.map_or(0, |r| (ns(r.ended.unwrap_or(now)) - ns(r.started)).max(0));
            prop_assert!(p.elapsed <= shown(span, s.info.speed()));
            total += p.elapsed;
        }
        prop_assert_eq!(v.total_elapsed, total);
        // Deterministic: same state and `now`, same view; a state rebuilt by the fold too.
        prop_assert_eq!(&clock(&s, now), &v);
        let (again, _) = build(group, speed, &script);
        prop_assert_eq!(&clock(&again, now), &v);
        prop_assert_eq!(next_change(&again, now), next_change(&s, now));
    }

    #[test]
    fn next_change_is_exactly_the_next_displayed_second(
        group in any::<bool>(), speed in speed(), script in steps(false), after in 0i64..600_000_000_000,
    ) {
        // Start the first phase up front: most scripts then end with something running.
        let script: Vec<Step> = [(0, 0, 0, 0)].into_iter().chain(script).collect();
        let (s, applied) = build(group, speed, &script);
        let now = last_ts(&applied) + TimeDelta::nanoseconds(after);
        let Some(next) = next_change(&s, now) else {
            prop_assert!(s.running().is_none() || s.is_paused());
            // Nothing ticks: the view an hour later is the same.
            let later = now + TimeDelta::hours(1);
            prop_assert_eq!(ticking(&clock(&s, later)), ticking(&clock(&s, now)));
            return Ok(());
        };
        prop_assert!(next > now);
        let before = next - TimeDelta::nanoseconds(1);
        let v = ticking(&clock(&s, now));
        prop_assert_eq!(&ticking(&clock(&s, before)), &v, "changed before {}", next);
        prop_assert_ne!(&ticking(&clock(&s, next)), &v, "no change at {}", next);
    }

    #[test]
    fn next_change_of_the_phase_holds_when_now_is_before_the_log(
        speed in speed(), script in steps(true), back in 0i64..1_800_000,
    ) {
        let (s, applied) = build(false, speed, &script);
        let now = last_ts(&applied) - TimeDelta::milliseconds(back);
        let Some(next) = next_change(&s, now) else { return Ok(()) };
        let i = s.runs.len() - 1;
        let shown_at = |t| clock(&s, t).phases[i].elapsed;
        prop_assert!(next > now);
        prop_assert_eq!(shown_at(next - TimeDelta::nanoseconds(1)), shown_at(now));
        prop_assert_ne!(shown_at(next), shown_at(now));
    }

    #[test]
    fn displayed_time_never_goes_down_as_now_advances(
        group in any::<bool>(), speed in speed(), script in steps(false),
        a in 0i64..600_000_000_000, b in 0i64..600_000_000_000,
    ) {
        let (s, applied) = build(group, speed, &script);
        let t0 = last_ts(&applied);
        let (x, y) = (t0 + TimeDelta::nanoseconds(a.min(b)), t0 + TimeDelta::nanoseconds(a.max(b)));
        let (vx, vy) = (clock(&s, x), clock(&s, y));
        prop_assert!(vx.total_elapsed <= vy.total_elapsed);
        for (p, q) in vx.phases.iter().zip(&vy.phases) {
            prop_assert!(p.elapsed <= q.elapsed && p.urgency <= q.urgency);
        }
    }
}
