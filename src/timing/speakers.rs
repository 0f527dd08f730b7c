//! Speaking time of each candidate of a group séance (E1 CCF situation A: the référentiel asks
//! that speaking time be shared out among the group).
//!
//! A speaker turn lasts from its switch until the next switch (or `now`). Only the time during
//! which the épreuve clock counts is speaking time: inside a running phase and outside pauses,
//! multiplied by the training speed like every épreuve time. Turns given to the commission
//! (`None`) count for nobody and are not part of the shares.

use chrono::{DateTime, Utc};

use super::SpeakerTime;
use super::phases::shown_secs;
use super::spans::{Nanos, Span, merge, ns, overlap, subtract};
use crate::session::SeanceState;

/// The turns as wall spans with their speaker. Start times are made non-decreasing (a running
/// maximum) so turns never overlap, and nothing is counted twice, even if the wall clock went
/// backwards between two switches.
fn turns(state: &SeanceState, now: DateTime<Utc>) -> Vec<(Span, Option<&str>)> {
    let mut starts = Vec::with_capacity(state.speakers.len());
    let mut max = Nanos::MIN;
    for t in &state.speakers {
        max = max.max(ns(t.at));
        starts.push(max);
    }
    let mut ends: Vec<Nanos> = starts.iter().skip(1).copied().collect();
    ends.push(ns(now));
    state
        .speakers
        .iter()
        .zip(starts.into_iter().zip(ends))
        .map(|(t, (from, to))| (Span { from, to }, t.candidat.as_deref()))
        .collect()
}

/// The wall time during which the épreuve clock counts: the phase runs minus the pauses.
fn counting(state: &SeanceState, now: DateTime<Utc>, pauses: &[Span]) -> Vec<Span> {
    let runs = merge(
        state
            .runs
            .iter()
            .map(|r| Span::new(r.started, r.ended.unwrap_or(now)))
            .collect(),
    );
    subtract(&runs, pauses)
}

/// Counted wall time of each candidate, in the séance's candidate order; empty unless the séance
/// has more than one candidate.
pub(super) fn speaker_wall<'s>(
    state: &'s SeanceState,
    now: DateTime<Utc>,
    pauses: &[Span],
) -> Vec<(&'s str, Nanos)> {
    if state.info.candidats.len() < 2 {
        return Vec::new();
    }
    let counting = counting(state, now, pauses);
    let turns = turns(state, now);
    state
        .info
        .candidats
        .iter()
        .map(|c| {
            let wall = turns
                .iter()
                .filter(|(_, who)| *who == Some(c.numero.as_str()))
                .map(|(span, _)| overlap(*span, &counting))
                .sum();
            (c.numero.as_str(), wall)
        })
        .collect()
}

/// Speaking time and share of each candidate. Shares are computed on the displayed whole seconds
/// (so anyone can recompute them from the screen) and rounded to the nearest per mille, halves
/// up; they may therefore add up to 999–1001.
pub(super) fn speaker_times(
    state: &SeanceState,
    now: DateTime<Utc>,
    pauses: &[Span],
) -> Vec<SpeakerTime> {
    let speed = state.info.speed();
    let secs: Vec<(&str, u64)> = speaker_wall(state, now, pauses)
        .into_iter()
        .map(|(n, wall)| (n, shown_secs(wall, speed)))
        .collect();
    let total: u128 = secs.iter().map(|(_, s)| u128::from(*s)).sum();
    secs.into_iter()
        .map(|(numero, s)| SpeakerTime {
            numero: numero.to_string(),
            elapsed: std::time::Duration::from_secs(s),
            share_permille: (u128::from(s) * 1000 + total / 2)
                .checked_div(total)
                .map_or(0, |p| p as u32),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::clock;
    use super::super::testkit::*;

    #[test]
    fn single_candidate_has_no_speakers() {
        let mut s = e3();
        play(&mut s, &[("08:00:00", start("A"))]);
        assert!(clock(&s, at("08:10:00")).speakers.is_empty());
    }

    #[test]
    fn before_any_turn_everyone_is_at_zero() {
        let mut s = e1_group(2);
        play(&mut s, &[("08:00:00", start("expose"))]);
        let v = clock(&s, at("08:05:00"));
        let got: Vec<_> = v
            .speakers
            .iter()
            .map(|t| (t.elapsed, t.share_permille))
            .collect();
        assert_eq!(got, vec![(secs(0), 0), (secs(0), 0)]);
    }

    #[test]
    fn turns_count_only_while_the_clock_runs() {
        let mut s = e1_group(3);
        play(
            &mut s,
            &[
                // Turn given before the phase starts: the first minute does not count.
                ("07:59:00", speak(Some(1))),
                ("08:00:00", start("expose")),
                ("08:04:00", speak(Some(2))),
                ("08:05:00", pause()),
                ("08:06:00", resume()),
                ("08:07:00", speak(None)),
                ("08:08:00", speak(Some(2))),
                ("08:10:00", early("expose")),
                ("08:12:00", start("entretien")),
                ("08:13:00", speak(Some(3))),
            ],
        );
        let v = clock(&s, at("08:14:00"));
        let got: Vec<_> = v
            .speakers
            .iter()
            .map(|t| (t.numero.as_str(), t.elapsed, t.share_permille))
            .collect();
        // C1 4 min; C2 1 + 1 (pause left out) + 2, then 08:10–08:12 between phases, + 1 in the
        // entretien = 5 min; C3 1 min. Total 10 min.
        assert_eq!(
            got,
            vec![
                ("C1", mins(4), 400),
                ("C2", mins(5), 500),
                ("C3", mins(1), 100)
            ]
        );
    }

    #[test]
    fn speed_multiplies_speaking_time() {
        let mut s = seance("E1", crate::referentiel::FormeKind::Ccf, "A", 2, Some(10));
        play(
            &mut s,
            &[
                ("08:00:00", start("expose")),
                ("08:00:00", speak(Some(1))),
                ("08:00:30", speak(Some(2))),
            ],
        );
        let v = clock(&s, at("08:00:40.05"));
        assert_eq!(v.speakers[0].elapsed, mins(5));
        assert_eq!(v.speakers[1].elapsed, secs(100));
        assert_eq!(v.speakers[0].share_permille, 750);
    }

    #[test]
    fn shares_round_to_the_nearest_per_mille() {
        let mut s = e1_group(3);
        play(
            &mut s,
            &[
                ("08:00:00", start("expose")),
                ("08:00:00", speak(Some(1))),
                ("08:01:00", speak(Some(2))),
                ("08:02:00", speak(Some(3))),
            ],
        );
        let v = clock(&s, at("08:03:00"));
        let shares: Vec<u32> = v.speakers.iter().map(|t| t.share_permille).collect();
        assert_eq!(shares, vec![333, 333, 333]);
        let v = clock(&s, at("08:03:30"));
        let shares: Vec<u32> = v.speakers.iter().map(|t| t.share_permille).collect();
        // 60 / 210 = 285.7, 60 / 210, 90 / 210 = 428.6.
        assert_eq!(shares, vec![286, 286, 429]);
    }

    #[test]
    fn switches_out_of_order_never_count_twice() {
        let mut s = e1_group(2);
        play(
            &mut s,
            &[
                ("08:00:00", start("expose")),
                ("08:00:00", speak(Some(1))),
                ("08:05:00", speak(Some(2))),
                // The wall clock went back 3 minutes before this switch.
                ("08:02:00", speak(Some(1))),
            ],
        );
        let v = clock(&s, at("08:10:00"));
        // C2's turn is empty (08:05 → 08:05); C1 speaks 08:00–08:05 and 08:05–08:10.
        assert_eq!(v.speakers[0].elapsed, mins(10));
        assert_eq!(v.speakers[1].elapsed, secs(0));
    }
}
