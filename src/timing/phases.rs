//! [`clock`]: the view of every phase of a séance at `now`.
//!
//! Display convention: the clock shows whole seconds of épreuve time. `elapsed` is truncated
//! (it reads 00:00 during the first second) and `remaining` is `planned - elapsed`, i.e. the
//! exact remaining time rounded *up*: the countdown reads 00:00 exactly when the time is up,
//! elapsed and remaining always add up to the planned duration, and both change at the same
//! instant. Thresholds, urgency and overtime are decided on these whole seconds, which is the same
//! as deciding on exact times since planned durations and thresholds are whole minutes.

use std::time::Duration;

use chrono::{DateTime, Utc};

use super::parts::part_timings;
use super::spans::{NANOS_PER_SEC, Nanos, Span, from_ns, ns, outside, overlap, pause_spans};
use super::speakers::speaker_times;
use super::{ClockView, PhaseStatus, PhaseTiming, Urgency, duree_effective, duree_normale};
use crate::referentiel::Phase;
use crate::session::{PhaseRun, SeanceState};

/// Whole displayed seconds of épreuve time for `wall` nanoseconds of counted wall time.
pub(super) fn shown_secs(wall: Nanos, speed: u32) -> u64 {
    let secs = wall.max(0) * Nanos::from(speed) / NANOS_PER_SEC;
    u64::try_from(secs).unwrap_or(u64::MAX)
}

/// Counted wall time of a phase run: from its start to its end (or `now`), pauses left out.
pub(super) fn run_active(run: &PhaseRun, now: DateTime<Utc>, pauses: &[Span]) -> Nanos {
    outside(Span::new(run.started, run.ended.unwrap_or(now)), pauses)
}

/// The phase's thresholds in minutes, largest first; a 0 in the data is the end, which is
/// always reported on its own, so it is left out here.
fn thresholds(phase: &Phase, defaut: &[u32]) -> Vec<u32> {
    let mut t = phase.alertes(defaut);
    t.retain(|&m| m > 0);
    t
}

/// Urgency and crossed thresholds for a phase at `elapsed`.
///
/// Reaching the planned duration is `Overtime` (the countdown reads 00:00, time is up). Before
/// that, `Alert` once the smallest threshold is crossed and `Warning` once the largest is; so a
/// phase with a single threshold goes straight from `Calm` to `Alert` (its only warning is its
/// last one).
pub(super) fn urgency_of(
    planned: Duration,
    elapsed: Duration,
    thresholds: &[u32],
) -> (Urgency, Vec<u32>) {
    let remaining = planned.saturating_sub(elapsed);
    let within = |m: u32| remaining <= Duration::from_secs(u64::from(m) * 60);
    let mut crossed: Vec<u32> = thresholds.iter().copied().filter(|&m| within(m)).collect();
    let over = elapsed >= planned;
    if over {
        crossed.push(0);
    }
    let urgency = if over {
        Urgency::Overtime
    } else if thresholds.last().is_some_and(|&m| within(m)) {
        Urgency::Alert
    } else if thresholds.first().is_some_and(|&m| within(m)) {
        Urgency::Warning
    } else {
        Urgency::Calm
    };
    (urgency, crossed)
}

fn phase_timing(
    state: &SeanceState,
    phase: &Phase,
    run: Option<&PhaseRun>,
    now: DateTime<Utc>,
    pauses: &[Span],
) -> PhaseTiming {
    let planned = duree_effective(state, phase);
    let (elapsed, paused, status) = match run {
        None => (Duration::ZERO, Duration::ZERO, PhaseStatus::NotStarted),
        Some(run) => {
            let span = Span::new(run.started, run.ended.unwrap_or(now));
            let elapsed = shown_secs(run_active(run, now, pauses), state.info.speed());
            let paused = u64::try_from(overlap(span, pauses)).unwrap_or(u64::MAX);
            let status = match run.ended {
                Some(_) => PhaseStatus::Done { early: run.early },
                None if state.is_paused() => PhaseStatus::Paused,
                None => PhaseStatus::Running,
            };
            (
                Duration::from_secs(elapsed),
                Duration::from_nanos(paused),
                status,
            )
        }
    };
    let (urgency, crossed) = if run.is_some() {
        urgency_of(
            planned,
            elapsed,
            &thresholds(phase, &state.info.alertes_par_defaut_minutes),
        )
    } else {
        (Urgency::Calm, Vec::new())
    };
    PhaseTiming {
        id: phase.id.clone(),
        intitule: phase.intitule.clone(),
        planned,
        elapsed,
        remaining: planned.saturating_sub(elapsed),
        overtime: elapsed.saturating_sub(planned),
        status,
        urgency,
        crossed,
        paused,
        parts: part_timings(state, phase, run, now, pauses),
        normal: duree_normale(phase),
    }
}

/// Wall time at which the épreuve ends if the current phase uses exactly its remaining time and
/// the phases not started yet their planned time. Exact (not rounded to the displayed second),
/// so while a phase runs it stays put instead of jittering by a second.
fn due_end(state: &SeanceState, now: DateTime<Utc>, pauses: &[Span]) -> Option<DateTime<Utc>> {
    if state.runs.is_empty() || state.is_finished() {
        return None;
    }
    let speed = Nanos::from(state.info.speed());
    let minutes = |p: &Phase| Nanos::from(duree_effective(state, p).as_secs()) * NANOS_PER_SEC;
    let current = state.running().map_or(0, |run| {
        let planned = state
            .info
            .phases
            .get(state.runs.len() - 1)
            .map_or(0, minutes);
        (planned - run_active(run, now, pauses) * speed).max(0)
    });
    let later: Nanos = state
        .info
        .phases
        .iter()
        .skip(state.runs.len())
        .map(minutes)
        .sum();
    // Ceiling division: in training mode the due end is never announced early.
    let wall = (current + later + speed - 1) / speed;
    Some(from_ns(ns(now) + wall))
}

/// The clock of a séance at `now` (see the module doc for the display convention).
pub fn clock(state: &SeanceState, now: DateTime<Utc>) -> ClockView {
    let pauses = pause_spans(state, now);
    let phases: Vec<PhaseTiming> = state
        .info
        .phases
        .iter()
        .enumerate()
        .map(|(i, p)| phase_timing(state, p, state.runs.get(i), now, &pauses))
        .collect();
    let current = state
        .running()
        .map(|_| state.runs.len() - 1)
        .filter(|&i| i < phases.len());
    ClockView {
        current,
        paused: current.is_some() && state.is_paused(),
        // Saturating: absurd timestamps in a log must not make the sum panic.
        total_elapsed: phases
            .iter()
            .fold(Duration::ZERO, |acc, p| acc.saturating_add(p.elapsed)),
        due_end: due_end(state, now, &pauses),
        speakers: speaker_times(state, now, &pauses),
        phases,
    }
}

#[cfg(test)]
#[path = "phases_tests.rs"]
mod tests;
