//! Unit tests of [`super::clock`]: one rule each, on séances built through the real fold.

use std::time::Duration;

use super::super::testkit::*;
use super::super::{PhaseStatus, Urgency};
use super::*;
use crate::referentiel::FormeKind;

/// (elapsed, remaining, overtime) of phase `i` at `t`.
fn figures(s: &SeanceState, i: usize, t: &str) -> (Duration, Duration, Duration) {
    let p = &clock(s, at(t)).phases[i];
    (p.elapsed, p.remaining, p.overtime)
}

#[test]
fn before_the_first_phase() {
    let s = e3();
    let v = clock(&s, at("08:00:00"));
    assert_eq!(v.current, None);
    assert!(!v.paused);
    assert_eq!(v.total_elapsed, Duration::ZERO);
    assert_eq!(v.due_end, None);
    let ids: Vec<_> = v.phases.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["A", "B"]);
    assert_eq!(v.phases[0].planned, mins(120));
    assert_eq!(v.phases[1].planned, mins(30));
    for p in &v.phases {
        assert_eq!(p.status, PhaseStatus::NotStarted);
        assert_eq!(
            (p.elapsed, p.remaining, p.overtime),
            (secs(0), p.planned, secs(0))
        );
        assert_eq!((p.urgency, p.crossed.clone()), (Urgency::Calm, vec![]));
    }
}

#[test]
fn elapsed_is_truncated_and_remaining_rounded_up() {
    let mut s = e3();
    play(&mut s, &[("08:00:00", start("A"))]);
    assert_eq!(figures(&s, 0, "08:00:00"), (secs(0), mins(120), secs(0)));
    assert_eq!(
        figures(&s, 0, "08:00:00.999"),
        (secs(0), mins(120), secs(0))
    );
    assert_eq!(figures(&s, 0, "08:00:01"), (secs(1), secs(7199), secs(0)));
    assert_eq!(
        figures(&s, 0, "08:07:05.5"),
        (secs(425), secs(7200 - 425), secs(0))
    );
    let v = clock(&s, at("08:07:05.5"));
    assert_eq!(v.current, Some(0));
    assert_eq!(v.phases[0].status, PhaseStatus::Running);
    assert_eq!(v.total_elapsed, secs(425));
}

#[test]
fn overtime_counts_past_the_plan() {
    let mut s = e3();
    play(&mut s, &[("08:00:00", start("A"))]);
    assert_eq!(figures(&s, 0, "10:00:00"), (mins(120), secs(0), secs(0)));
    assert_eq!(
        figures(&s, 0, "10:02:13.7"),
        (secs(7333), secs(0), secs(133))
    );
}

#[test]
fn pauses_never_count() {
    let mut s = e3();
    play(
        &mut s,
        &[
            ("08:00:00", start("A")),
            ("08:10:00", pause()),
            ("08:17:00", resume()),
            ("08:20:00", pause()),
        ],
    );
    // Paused at `now`: counts up to the pause start, whatever the time now.
    for t in ["08:20:00", "08:25:00", "09:40:00"] {
        let v = clock(&s, at(t));
        assert_eq!(v.phases[0].elapsed, mins(13), "at {t}");
        assert_eq!(v.phases[0].status, PhaseStatus::Paused);
        assert!(v.paused);
        assert_eq!(v.current, Some(0));
    }
    assert_eq!(clock(&s, at("08:25:00")).phases[0].paused, mins(12));
    play(&mut s, &[("08:30:00", resume())]);
    let v = clock(&s, at("08:31:00"));
    assert_eq!(v.phases[0].elapsed, mins(14));
    assert_eq!(v.phases[0].paused, mins(17));
    assert!(!v.paused);
}

#[test]
fn ending_a_phase_during_a_pause_stops_at_the_pause() {
    let mut s = e3();
    play(
        &mut s,
        &[
            ("08:00:00", start("A")),
            ("08:10:00", pause()),
            ("08:15:00", end("A")),
        ],
    );
    let v = clock(&s, at("09:00:00"));
    let a = &v.phases[0];
    assert_eq!((a.elapsed, a.paused), (mins(10), mins(5)));
    assert_eq!(a.status, PhaseStatus::Done { early: false });
    assert_eq!(v.current, None);
    assert!(!v.paused);
}

#[test]
fn wall_clock_backwards_clamps_at_zero() {
    let mut s = e3();
    play(&mut s, &[("08:00:00", start("A"))]);
    // `now` before the start.
    assert_eq!(figures(&s, 0, "07:50:00"), (secs(0), mins(120), secs(0)));
    // A pause whose end is before its start counts as no pause.
    play(&mut s, &[("08:10:00", pause()), ("08:09:00", resume())]);
    assert_eq!(figures(&s, 0, "08:20:00").0, mins(20));
    // An end before the start: a done phase of zero.
    play(&mut s, &[("07:00:00", end("A"))]);
    let v = clock(&s, at("08:30:00"));
    assert_eq!(
        (v.phases[0].elapsed, v.phases[0].paused),
        (secs(0), secs(0))
    );
}

#[test]
fn thresholds_of_e3_phase_a() {
    let mut s = e3();
    play(&mut s, &[("08:00:00", start("A"))]);
    let at_ = |t: &str| {
        let p = &clock(&s, at(t)).phases[0];
        (p.urgency, p.crossed.clone())
    };
    assert_eq!(at_("09:29:59"), (Urgency::Calm, vec![]));
    // 30:00 left: the largest threshold is crossed.
    assert_eq!(at_("09:30:00"), (Urgency::Warning, vec![30]));
    assert_eq!(at_("09:50:00"), (Urgency::Warning, vec![30, 10]));
    assert_eq!(at_("09:55:00"), (Urgency::Warning, vec![30, 10, 5]));
    assert_eq!(at_("09:58:59.9"), (Urgency::Warning, vec![30, 10, 5]));
    assert_eq!(at_("09:59:00"), (Urgency::Alert, vec![30, 10, 5, 1]));
    assert_eq!(at_("09:59:59.999"), (Urgency::Alert, vec![30, 10, 5, 1]));
    assert_eq!(at_("10:00:00"), (Urgency::Overtime, vec![30, 10, 5, 1, 0]));
    assert_eq!(at_("11:00:00"), (Urgency::Overtime, vec![30, 10, 5, 1, 0]));
}

#[test]
fn default_thresholds_apply_when_a_phase_sets_none() {
    let mut s = e3();
    play(&mut s, &[("08:00:00", start("A")), ("10:00:00", end("A"))]);
    play(&mut s, &[("10:00:00", start("B"))]);
    let p = |t: &str| clock(&s, at(t)).phases[1].crossed.clone();
    assert_eq!(p("10:24:59"), Vec::<u32>::new());
    assert_eq!(p("10:25:00"), vec![5]);
    assert_eq!(p("10:29:00"), vec![5, 1]);
}

#[test]
fn urgency_with_one_or_no_threshold() {
    let planned = mins(10);
    // A single threshold is the last one: Alert, never Warning.
    assert_eq!(urgency_of(planned, mins(7), &[2]), (Urgency::Calm, vec![]));
    assert_eq!(
        urgency_of(planned, mins(8), &[2]),
        (Urgency::Alert, vec![2])
    );
    assert_eq!(
        urgency_of(planned, mins(10), &[2]),
        (Urgency::Overtime, vec![2, 0])
    );
    // No threshold: Calm until the end.
    assert_eq!(urgency_of(planned, secs(599), &[]), (Urgency::Calm, vec![]));
    assert_eq!(
        urgency_of(planned, mins(10), &[]),
        (Urgency::Overtime, vec![0])
    );
    // A threshold longer than the phase is crossed from the start.
    assert_eq!(
        urgency_of(planned, secs(0), &[15, 1]),
        (Urgency::Warning, vec![15])
    );
}

#[test]
fn zero_threshold_in_the_data_is_the_end_reported_once() {
    let mut s = e3();
    let mut phases = s.info.phases.to_vec();
    phases[0].alertes_minutes = Some(vec![0, 5]);
    s.info.phases = phases.into();
    play(&mut s, &[("08:00:00", start("A"))]);
    let p = &clock(&s, at("10:00:00")).phases[0];
    assert_eq!(
        (p.urgency, p.crossed.clone()),
        (Urgency::Overtime, vec![5, 0])
    );
    let p = &clock(&s, at("09:59:30")).phases[0];
    assert_eq!((p.urgency, p.crossed.clone()), (Urgency::Alert, vec![5]));
}

#[test]
fn done_phases_keep_their_final_figures() {
    let mut s = e3();
    play(
        &mut s,
        &[
            ("08:00:00", start("A")),
            ("10:02:13", end("A")),
            ("10:05:00", start("B")),
            ("10:31:00.5", early("B")),
        ],
    );
    for t in ["10:40:00", "23:00:00"] {
        let v = clock(&s, at(t));
        let (a, b) = (&v.phases[0], &v.phases[1]);
        assert_eq!(
            (a.elapsed, a.remaining, a.overtime),
            (secs(7333), secs(0), secs(133))
        );
        assert_eq!(a.status, PhaseStatus::Done { early: false });
        assert_eq!(a.urgency, Urgency::Overtime);
        assert_eq!(
            (b.elapsed, b.remaining, b.overtime),
            (secs(1560), mins(4), secs(0))
        );
        assert_eq!(b.status, PhaseStatus::Done { early: true });
        assert_eq!((b.urgency, b.crossed.clone()), (Urgency::Warning, vec![5]));
        assert_eq!(v.total_elapsed, secs(7333 + 1560));
        assert_eq!((v.current, v.due_end), (None, None));
    }
}

#[test]
fn due_end_follows_the_remaining_plan() {
    let mut s = e3();
    play(&mut s, &[("08:00:00", start("A"))]);
    // Running: fixed at start + 150 min, whatever `now`.
    assert_eq!(clock(&s, at("08:00:00")).due_end, Some(at("10:30:00")));
    assert_eq!(clock(&s, at("09:12:34.567")).due_end, Some(at("10:30:00")));
    // Paused: moves with `now`.
    play(&mut s, &[("08:30:00", pause())]);
    assert_eq!(clock(&s, at("08:30:00")).due_end, Some(at("10:30:00")));
    assert_eq!(clock(&s, at("08:37:00")).due_end, Some(at("10:37:00")));
    play(&mut s, &[("08:37:00", resume())]);
    assert_eq!(clock(&s, at("09:00:00")).due_end, Some(at("10:37:00")));
    // Overtime: now + the phases still to come.
    assert_eq!(clock(&s, at("10:40:00")).due_end, Some(at("11:10:00")));
    // Between phases.
    play(&mut s, &[("10:40:00", end("A"))]);
    assert_eq!(clock(&s, at("10:45:00")).due_end, Some(at("11:15:00")));
    play(&mut s, &[("10:45:00", start("B"))]);
    assert_eq!(clock(&s, at("10:50:00")).due_end, Some(at("11:15:00")));
}

#[test]
fn training_speed_multiplies_epreuve_time() {
    let mut s = seance("E3", FormeKind::Ponctuel, "unique", 1, Some(10));
    play(&mut s, &[("08:00:00", start("A"))]);
    let v = clock(&s, at("08:01:00.15"));
    assert_eq!(v.phases[0].elapsed, secs(601));
    assert_eq!(v.phases[0].remaining, secs(7200 - 601));
    // 150 min of épreuve time is 15 min of wall time.
    assert_eq!(v.due_end, Some(at("08:15:00")));
    // Pauses are wall time.
    play(&mut s, &[("08:02:00", pause()), ("08:03:00", resume())]);
    let v = clock(&s, at("08:04:00"));
    assert_eq!(
        (v.phases[0].elapsed, v.phases[0].paused),
        (mins(30), mins(1))
    );
    assert_eq!(v.due_end, Some(at("08:16:00")));
}
