//! The timed parts of a phase (E1 ponctuel phase A: the project, then the dossier numérique
//! personnel, each with its maximum). The first part starts with the phase; each later one when
//! the jury marks the switch (`part_started`); the last ends with the phase. A part whose end
//! the jury never marked is [`PartStatus::Unmeasured`]: it is shown as such, never judged.

use std::time::Duration;

use chrono::{DateTime, Utc};

use super::phases::shown_secs;
use super::spans::{Span, outside};
use super::{PartStatus, PartTiming, duree_partie};
use crate::referentiel::Phase;
use crate::session::{PhaseRun, SeanceState};

/// The parts of `phase` as `run` went (none when the phase has no parts).
pub(super) fn part_timings(
    state: &SeanceState,
    phase: &Phase,
    run: Option<&PhaseRun>,
    now: DateTime<Utc>,
    pauses: &[Span],
) -> Vec<PartTiming> {
    let speed = state.info.speed();
    // Displayed seconds of the phase at instant `t` (from its start, pauses left out).
    let shown_at = |run: &PhaseRun, t: DateTime<Utc>| {
        shown_secs(outside(Span::new(run.started, t), pauses), speed)
    };
    let last = phase.parties.len().saturating_sub(1);
    phase
        .parties
        .iter()
        .enumerate()
        .map(|(k, part)| {
            let planned = duree_partie(state, phase, k);
            let normal = Duration::from_secs(u64::from(part.duree_minutes) * 60);
            let (status, elapsed) = match run {
                None => (PartStatus::NotStarted, 0),
                Some(run) => {
                    let start = if k == 0 {
                        Some(run.started)
                    } else {
                        run.parts.get(k - 1).copied()
                    };
                    let end_or_now = run.ended.unwrap_or(now);
                    let (status, end) = match (start, run.parts.get(k)) {
                        (None, _) if run.ended.is_none() => (PartStatus::NotStarted, None),
                        (None, _) => (PartStatus::Unmeasured, None),
                        (Some(_), Some(&switch)) => (PartStatus::Done, Some(switch)),
                        (Some(_), None) if run.ended.is_none() => (PartStatus::Current, Some(now)),
                        (Some(_), None) if k == last => (PartStatus::Done, Some(end_or_now)),
                        (Some(_), None) => (PartStatus::Unmeasured, Some(end_or_now)),
                    };
                    let elapsed = match (start, end) {
                        (Some(s), Some(e)) => shown_at(run, e).saturating_sub(shown_at(run, s)),
                        _ => 0,
                    };
                    (status, elapsed)
                }
            };
            let elapsed = Duration::from_secs(elapsed);
            PartTiming {
                intitule: part.intitule.clone(),
                planned,
                normal,
                elapsed,
                remaining: planned.saturating_sub(elapsed),
                overtime: elapsed.saturating_sub(planned),
                status,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use super::super::{Cue, clock};
    use super::*;
    use crate::referentiel::FormeKind;
    use crate::session::Event;

    fn e1p() -> SeanceState {
        seance("E1", FormeKind::Ponctuel, "unique", 1, None)
    }

    fn switch() -> Event {
        Event::PartStarted {
            phase: "A".into(),
            partie: 1,
        }
    }

    #[test]
    fn the_switch_starts_the_second_part_s_own_countdown() {
        let mut s = e1p();
        play(&mut s, &[("08:00:00", start("A"))]);
        let v = clock(&s, at("08:10:00"));
        let parts = &v.phases[0].parts;
        assert_eq!(parts[0].status, PartStatus::Current);
        assert_eq!(parts[0].remaining, mins(5));
        assert_eq!(parts[1].status, PartStatus::NotStarted);
        play(&mut s, &[("08:16:30", switch())]);
        let v = clock(&s, at("08:18:00"));
        let parts = &v.phases[0].parts;
        assert_eq!(parts[0].status, PartStatus::Done);
        assert_eq!(parts[0].elapsed, secs(16 * 60 + 30));
        assert_eq!(parts[0].overtime, secs(90));
        assert_eq!(
            (parts[1].status, parts[1].elapsed),
            (PartStatus::Current, secs(90))
        );
        assert_eq!(parts[1].remaining, secs(8 * 60 + 30));
    }

    #[test]
    fn the_part_s_maximum_is_a_cue_like_a_threshold() {
        let mut s = e1p();
        play(&mut s, &[("08:00:00", start("A"))]);
        let at_max = clock(&s, at("08:15:00"));
        assert!(at_max.phases[0].cues().contains(&Cue::PartEnd(0)));
        let before = clock(&s, at("08:14:59"));
        assert!(!before.phases[0].cues().contains(&Cue::PartEnd(0)));
        play(&mut s, &[("08:15:10", switch())]);
        assert!(
            !clock(&s, at("08:15:11")).phases[0]
                .cues()
                .iter()
                .any(|c| matches!(c, Cue::PartEnd(_)))
        );
    }

    #[test]
    fn pauses_do_not_count_and_a_forgotten_switch_is_unmeasured() {
        let mut s = e1p();
        play(
            &mut s,
            &[
                ("08:00:00", start("A")),
                ("08:05:00", pause()),
                ("08:07:00", resume()),
                ("08:24:00", early("A")),
            ],
        );
        let v = clock(&s, at("08:30:00"));
        let parts = &v.phases[0].parts;
        assert_eq!(parts[0].status, PartStatus::Unmeasured);
        assert_eq!(parts[1].status, PartStatus::Unmeasured);
        assert_eq!(parts[0].elapsed, mins(22));
    }
}
