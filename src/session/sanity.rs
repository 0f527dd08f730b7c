//! Whether a log's times are plausible, for `check`: a log the app writes never has a phase
//! that ends before it starts, a time before the séance's opening, a time far in the future or
//! a phase lasting days. Such times come from a hand-made or altered log, and would otherwise be
//! printed as hours of overrun.
//!
//! Times are compared on the séance's timeline (see `timing::Timeline`), where a step of the
//! system clock within a run leaves no trace; the messages quote the `ts` of the lines.

use chrono::{DateTime, TimeDelta, Utc};

use super::event::{Event, Record};
use crate::timing::Timeline;

/// How far after the check's own clock a time may be (a laptop whose clock or time zone is
/// wrong by some hours): 24 h.
pub const FUTURE_TOLERANCE_HOURS: i64 = 24;
/// The longest plausible phase or pause, from its start to its end: 7 days.
pub const MAX_SPAN_DAYS: i64 = 7;

fn show(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
}

/// The first implausible time of `records` (in order), as (its `seq`, what is wrong in French);
/// `now` is the check's clock.
pub fn implausible_time(records: &[Record], now: DateTime<Utc>) -> Option<(u64, String)> {
    let first = records.first()?;
    let mut timeline = Timeline::start(first.stamp());
    let opened = first.ts;
    let future = now
        .checked_add_signed(TimeDelta::hours(FUTURE_TOLERANCE_HOURS))
        .unwrap_or(DateTime::<Utc>::MAX_UTC);
    let max_span = TimeDelta::days(MAX_SPAN_DAYS);
    // (start on the timeline, its line) of the running phase and of the open pause.
    let mut phase: Option<(DateTime<Utc>, &Record)> = None;
    let mut pause: Option<(DateTime<Utc>, &Record)> = None;
    let mut prev = first;
    for rec in records {
        if rec.ts > future {
            return Some((
                rec.seq,
                format!(
                    "horodatage {} postérieur de plus de {FUTURE_TOLERANCE_HOURS} h à l’heure de \
                     la vérification ({})",
                    show(rec.ts),
                    show(now)
                ),
            ));
        }
        if rec.seq == first.seq {
            continue;
        }
        if rec.stamp().mono_since(&prev.stamp()).is_some_and(|d| d < 0) {
            return Some((
                rec.seq,
                format!(
                    "l’horloge monotone recule au sein d’une même exécution depuis la ligne {} : \
                     lignes modifiées ou déplacées",
                    prev.seq
                ),
            ));
        }
        prev = rec;
        let at = timeline.push(rec.stamp());
        if at < opened {
            return Some((
                rec.seq,
                format!(
                    "horodatage {} antérieur à l’ouverture de la séance ({}, ligne {})",
                    show(rec.ts),
                    show(opened),
                    first.seq
                ),
            ));
        }
        let ends_pause = matches!(
            rec.event,
            Event::Resumed | Event::PhaseEnded { .. } | Event::PhaseEndedEarly { .. }
        );
        if let Some((start, from)) = pause.filter(|_| ends_pause) {
            if let Some(e) = span_problem("la pause", start, from, at, max_span) {
                return Some((rec.seq, e));
            }
            pause = None;
        }
        match &rec.event {
            Event::PhaseStarted { .. } => phase = Some((at, rec)),
            Event::Paused { .. } => pause = Some((at, rec)),
            Event::PhaseEnded { phase: id } | Event::PhaseEndedEarly { phase: id } => {
                if let Some((start, from)) = phase.take() {
                    let what = format!("la phase « {id} »");
                    if let Some(e) = span_problem(&what, start, from, at, max_span) {
                        return Some((rec.seq, e));
                    }
                }
            }
            _ => {}
        }
    }
    None
}

/// What is wrong with a span from `start` (the line `from`) to `end`, if anything.
fn span_problem(
    what: &str,
    start: DateTime<Utc>,
    from: &Record,
    end: DateTime<Utc>,
    max: TimeDelta,
) -> Option<String> {
    if end < start {
        Some(format!(
            "{what} finit avant d’avoir commencé (début ligne {} à {})",
            from.seq,
            show(from.ts)
        ))
    } else if end - start > max {
        Some(format!(
            "{what} durerait plus de {MAX_SPAN_DAYS} jours depuis la ligne {} ({}) : \
             horodatage invraisemblable",
            from.seq,
            show(from.ts)
        ))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::session::event::{GENESIS, PauseReason, SeanceInfo};
    use crate::session::{RunId, Stamp};

    fn t(secs: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 6, 10, 8, 0, 0).unwrap() + TimeDelta::seconds(secs)
    }

    fn info() -> SeanceInfo {
        serde_json::from_str(
            r#"{"id":"s","epreuve":"E3","forme":"ponctuel","situation":"unique","candidats":[],
                "phases":[],"alertes_par_defaut_minutes":[]}"#,
        )
        .unwrap()
    }

    /// Records of `events` at `stamps` (the opening first, at the first stamp).
    fn log(stamps: &[Stamp], events: Vec<Event>) -> Vec<Record> {
        std::iter::once(Event::SeanceOpened {
            seance: Box::new(info()),
        })
        .chain(events)
        .zip(stamps)
        .enumerate()
        .map(|(i, (event, s))| Record {
            seq: i as u64 + 1,
            ts: s.wall,
            mono: s.mono,
            prev: GENESIS.into(),
            event,
        })
        .collect()
    }

    fn wall(secs: &[i64]) -> Vec<Stamp> {
        secs.iter().map(|&s| Stamp::wall(t(s))).collect()
    }

    fn start() -> Event {
        Event::PhaseStarted { phase: "A".into() }
    }

    fn end() -> Event {
        Event::PhaseEnded { phase: "A".into() }
    }

    fn pause() -> Event {
        Event::Paused {
            reason: PauseReason::Autre,
            detail: String::new(),
        }
    }

    const NOW: i64 = 3600;

    fn check(stamps: &[Stamp], events: Vec<Event>) -> Option<(u64, String)> {
        implausible_time(&log(stamps, events), t(NOW))
    }

    #[test]
    fn a_plain_log_is_plausible() {
        let events = vec![start(), pause(), Event::Resumed, end()];
        assert_eq!(check(&wall(&[0, 10, 20, 30, 40]), events), None);
    }

    #[test]
    fn a_phase_ending_before_it_starts_is_named() {
        let (line, msg) = check(&wall(&[0, 100, 50]), vec![start(), end()]).unwrap();
        assert_eq!(line, 3);
        assert!(msg.contains("la phase « A » finit avant d’avoir commencé (début ligne 2"));
        let (line, msg) = check(
            &wall(&[0, 10, 100, 50]),
            vec![start(), pause(), Event::Resumed],
        )
        .unwrap();
        assert_eq!(line, 4);
        assert!(msg.starts_with("la pause finit avant"), "{msg}");
    }

    #[test]
    fn times_before_the_opening_or_far_ahead_are_named() {
        let (line, msg) = check(&wall(&[0, -5]), vec![start()]).unwrap();
        assert_eq!(line, 2);
        assert!(msg.contains("antérieur à l’ouverture"), "{msg}");
        let ahead = NOW + FUTURE_TOLERANCE_HOURS * 3600;
        assert_eq!(check(&wall(&[0, ahead]), vec![start()]), None);
        let (line, msg) = check(&wall(&[0, ahead + 1]), vec![start()]).unwrap();
        assert_eq!(line, 2);
        assert!(msg.contains("postérieur de plus de 24 h"), "{msg}");
        assert_eq!(check(&wall(&[ahead + 1]), vec![]).map(|e| e.0), Some(1));
    }

    #[test]
    fn spans_of_more_than_a_week_are_implausible() {
        let week = MAX_SPAN_DAYS * 86_400;
        let base = -2 * week;
        let ok = wall(&[base, base, base + week]);
        assert_eq!(check(&ok, vec![start(), end()]), None);
        let long = wall(&[base, base, base + week + 1]);
        let (line, msg) = check(&long, vec![start(), end()]).unwrap();
        assert_eq!(line, 3);
        assert!(msg.contains("plus de 7 jours"), "{msg}");
    }

    #[test]
    fn steps_of_the_wall_clock_within_a_run_are_not_implausible() {
        // A phase started at 08:00:10; the clock was set back an hour during it: its end reads
        // 07:00:40, but 30 s passed on the monotonic clock.
        let run = RunId(7);
        let stamps = [
            Stamp::new(t(0), run, 1_000),
            Stamp::new(t(10), run, 11_000),
            Stamp::new(t(40 - 3600), run, 41_000),
        ];
        assert_eq!(check(&stamps, vec![start(), end()]), None);
        // Monotonic readings of one run going back are not what the app writes.
        let back = [
            Stamp::new(t(0), run, 1_000),
            Stamp::new(t(10), run, 11_000),
            Stamp::new(t(40), run, 5_000),
        ];
        let (line, msg) = check(&back, vec![start(), end()]).unwrap();
        assert_eq!(line, 3);
        assert!(msg.contains("horloge monotone recule"), "{msg}");
    }
}
