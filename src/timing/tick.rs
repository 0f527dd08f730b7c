//! [`next_change`]: when the app must redraw next, so that it wakes once per displayed second
//! while a phase runs and blocks on input otherwise.

use chrono::{DateTime, Utc};

use super::spans::{NANOS_PER_SEC, Nanos, first_reach, from_ns, ns, pause_spans};
use super::speakers::speaker_wall;
use crate::session::SeanceState;

/// The least counted wall time (ns) above `wall` at which the displayed whole second of épreuve
/// time (`floor(wall * speed / 1 s)`, see [`super::phases`]) goes up by one.
fn next_tick(wall: Nanos, speed: Nanos) -> Nanos {
    let shown = wall.max(0) * speed / NANOS_PER_SEC;
    let target = (shown + 1) * NANOS_PER_SEC;
    (target + speed - 1) / speed
}

/// The latest timestamp of the timing events of the séance.
fn last_timing_ts(state: &SeanceState) -> Option<DateTime<Utc>> {
    let runs = state.runs.iter().flat_map(|r| [Some(r.started), r.ended]);
    let pauses = state.pauses.iter().flat_map(|p| [Some(p.start), p.end]);
    let turns = state.speakers.iter().map(|t| Some(t.at));
    runs.chain(pauses).chain(turns).flatten().max()
}

/// The earliest instant after `now` at which the displayed whole second of the running phase
/// changes, or, in a group séance, that of the current speaker's time (a turn starts at any
/// fraction of a second, so its seconds need not tick with the phase's); `None` when no phase
/// runs or the running one is paused: no counted time can change until the next event. (The
/// length of an open pause, `PhaseTiming::paused`, does grow; the app is meant to show "en pause"
/// without a running counter, so that it can block on input during a pause.)
///
/// The running phase's instant is exact even when `now` lies before some logged timestamps (the
/// wall clock went backwards). The speaker's is only added when `now` is at or after every
/// timing event, the case where it simply grows with the wall clock; otherwise the speaker's
/// figure is refreshed at the phase's next tick, which is harmless for such a rare case.
pub fn next_change(state: &SeanceState, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let run = state.running()?;
    if state.is_paused() {
        return None;
    }
    let speed = Nanos::from(state.info.speed());
    let now_ns = ns(now);
    // No pause is open, so these spans do not depend on `now` and hold for any later instant.
    let pauses = pause_spans(state, now);
    let start = ns(run.started);
    let wall = super::phases::run_active(run, now, &pauses);
    let mut next = first_reach(start, now_ns, &pauses, next_tick(wall, speed));
    let settled = last_timing_ts(state).is_none_or(|t| t <= now);
    if settled && let Some(who) = state.speaker() {
        // `now` is past every pause, turn and run bound: the speaker's counted time grows with
        // the wall clock from here on.
        if let Some((_, wall)) = speaker_wall(state, now, &pauses)
            .into_iter()
            .find(|(n, _)| *n == who)
        {
            next = next.min(now_ns + (next_tick(wall, speed) - wall));
        }
    }
    Some(from_ns(next))
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use super::*;

    #[test]
    fn next_tick_at_speed_one_and_ten() {
        assert_eq!(next_tick(0, 1), NANOS_PER_SEC);
        assert_eq!(next_tick(999_999_999, 1), NANOS_PER_SEC);
        assert_eq!(next_tick(NANOS_PER_SEC, 1), 2 * NANOS_PER_SEC);
        assert_eq!(next_tick(0, 10), 100_000_000);
        assert_eq!(next_tick(150_000_000, 10), 200_000_000);
        // Speed 3: one displayed second every 333_333_333.3 ns: the tick is the first whole
        // nanosecond at which the displayed second has changed.
        assert_eq!(next_tick(0, 3), 333_333_334);
        assert_eq!(next_tick(333_333_334, 3), 666_666_667);
    }

    #[test]
    fn nothing_runs_nothing_changes() {
        let mut s = e3();
        assert_eq!(next_change(&s, at("08:00:00")), None);
        play(&mut s, &[("08:00:00", start("A")), ("08:10:00", pause())]);
        assert_eq!(next_change(&s, at("08:15:00")), None);
        play(&mut s, &[("08:16:00", end("A"))]);
        assert_eq!(next_change(&s, at("08:17:00")), None);
    }

    #[test]
    fn wakes_at_the_next_whole_second_of_the_phase() {
        let mut s = e3();
        play(&mut s, &[("08:00:00.400", start("A"))]);
        assert_eq!(
            next_change(&s, at("08:00:00.400")),
            Some(at("08:00:01.400"))
        );
        assert_eq!(
            next_change(&s, at("08:00:05.900")),
            Some(at("08:00:06.400"))
        );
        assert_eq!(
            next_change(&s, at("08:00:06.400")),
            Some(at("08:00:07.400"))
        );
        // After a pause of 0.3 s the ticks shift by 0.3 s.
        play(&mut s, &[("08:00:07", pause()), ("08:00:07.300", resume())]);
        assert_eq!(
            next_change(&s, at("08:00:07.500")),
            Some(at("08:00:07.700"))
        );
    }

    #[test]
    fn training_speed_ticks_faster() {
        let mut s = seance(
            "E3",
            crate::referentiel::FormeKind::Ponctuel,
            "unique",
            1,
            Some(10),
        );
        play(&mut s, &[("08:00:00", start("A"))]);
        assert_eq!(next_change(&s, at("08:00:00")), Some(at("08:00:00.100")));
        assert_eq!(
            next_change(&s, at("08:00:03.150")),
            Some(at("08:00:03.200"))
        );
    }

    #[test]
    fn clock_gone_backwards_waits_for_the_start() {
        let mut s = e3();
        play(&mut s, &[("08:00:00", start("A"))]);
        assert_eq!(next_change(&s, at("07:58:00")), Some(at("08:00:01")));
    }

    #[test]
    fn current_speaker_ticks_are_included() {
        let mut s = e1_group(2);
        play(
            &mut s,
            &[
                ("08:00:00", start("expose")),
                ("08:00:00", speak(Some(1))),
                ("08:00:10.300", speak(Some(2))),
            ],
        );
        // Phase at 12.0 s (next at 08:00:13); C2 at 1.7 s (next at 2 s: 08:00:12.300).
        assert_eq!(next_change(&s, at("08:00:12")), Some(at("08:00:12.300")));
        assert_eq!(next_change(&s, at("08:00:12.300")), Some(at("08:00:13")));
        // The commission speaks: only the phase ticks.
        play(&mut s, &[("08:00:20.500", speak(None))]);
        assert_eq!(next_change(&s, at("08:00:21")), Some(at("08:00:22")));
    }
}
