//! Steps of the system clock during a séance, with injected stamps: a fake monotonic clock that
//! counts real time, and a wall clock that is the real time plus a step the test sets. Each
//! scenario checks, against the real durations: the phase and pause durations and speaking
//! times of the log (replayed) and of the review, the `clock_anomaly` lines, that no later
//! timestamp is frozen, and that `check` finds the log sound.
//!
//! The same scenarios through the real clock reader under libfaketime: `tests/engine/fault_clock.rs`.

use std::path::Path;
use std::time::Duration;

use crate::kit::engine::*;
use chrono::TimeDelta;
use sno_jury::referentiel::{FormeKind, Referentiel};
use sno_jury::review::{self, Tz};
use sno_jury::session::{
    ClockAnomalyKind, Event, Membre, PauseReason, RunId, Seance, SeanceInfo, Stamp, Verdict,
    check_dir, read_log, replay,
};
use sno_jury::timing::{self, ClockView};

/// The real time of the séance in milliseconds since 08:00:00, and the clocks that read it.
struct Clocks {
    run: RunId,
    /// The monotonic clock's reading at 08:00:00 (its origin is the boot, not the séance).
    mono_base: u64,
    /// How far the wall clock is off, in seconds.
    step: i64,
    real_ms: i64,
}

impl Clocks {
    fn new(run: u64, mono_base: u64) -> Clocks {
        Clocks {
            run: RunId(run),
            mono_base,
            step: 0,
            real_ms: 0,
        }
    }

    /// The stamp at real time `secs` after 08:00:00.
    fn at(&mut self, secs: f64) -> Stamp {
        self.real_ms = (secs * 1000.0) as i64;
        let wall = t(self.step) + TimeDelta::milliseconds(self.real_ms);
        Stamp::new(wall, self.run, self.mono_base + self.real_ms as u64)
    }
}

fn commission() -> Vec<Membre> {
    [("Bernard", "enseignant"), ("Petit", "professionnel")]
        .into_iter()
        .map(|(nom, q)| Membre {
            nom: nom.into(),
            qualite: q.into(),
        })
        .collect()
}

fn create(dir: &Path, r: &Referentiel, info: SeanceInfo, c: &mut Clocks) -> Seance {
    Seance::create_with_commission(dir, r, info, &commission(), c.at(0.0), &no_prior())
        .expect("séance created")
}

fn pause() -> Event {
    Event::Paused {
        reason: PauseReason::Incident,
        detail: String::new(),
    }
}

fn speak(n: &str) -> Event {
    Event::SpeakerChanged {
        candidat: Some(n.into()),
    }
}

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

/// The clock of the log as replayed, and as the review shows it; they must agree.
fn views(dir: &Path, r: &Referentiel, log: &Path) -> ClockView {
    let read = read_log(log).expect("log reads");
    let state = replay(r, &read.records, &no_prior()).expect("log replays");
    let replayed = timing::clock(&state, state.last_ts);
    let report = review::load(r, dir, Tz::Utc).expect("review loads");
    let reviewed = report.seances[0].clock().expect("review has a clock");
    assert_eq!(replayed, reviewed, "the review shows the replayed clock");
    let lines = check_dir(dir, r, t(86_400));
    assert!(
        lines.iter().all(|l| l.verdict == Verdict::Ok),
        "check: {lines:?}"
    );
    replayed
}

fn anomalies(log: &Path) -> Vec<(ClockAnomalyKind, i64)> {
    read_log(log)
        .unwrap()
        .records
        .iter()
        .filter_map(|rec| match rec.event {
            Event::ClockAnomaly { kind, delta_ms } => Some((kind, delta_ms)),
            _ => None,
        })
        .collect()
}

/// The wall-clock `ts` of the first record of `kind` after line `after`.
fn ts_of(log: &Path, kind: &str) -> chrono::DateTime<chrono::Utc> {
    let read = read_log(log).unwrap();
    read.records
        .iter()
        .find(|rec| rec.event.kind() == kind)
        .map(|rec| rec.ts)
        .unwrap_or_else(|| panic!("no {kind}"))
}

#[test]
fn a_one_hour_step_corrected_three_seconds_later_changes_no_duration() {
    let r = r();
    let dir = tempfile::tempdir().unwrap();
    let mut c = Clocks::new(0xa1, 7_200_000);
    let info = info(
        &r,
        "e1",
        "E1",
        FormeKind::Ccf,
        "A",
        candidats(&["0421", "0422"]),
    );
    let mut s = create(dir.path(), &r, info, &mut c);
    let expose = || Event::PhaseStarted {
        phase: "expose".into(),
    };
    s.record(&r, expose(), c.at(1.0)).unwrap();
    s.record(&r, speak("0421"), c.at(1.0)).unwrap();
    assert_eq!(s.observe(&r, c.at(2.0)).unwrap(), None);
    c.step = 3600; // a bad NTP sync
    let seen = s.observe(&r, c.at(3.5)).unwrap();
    assert_eq!(seen, Some((ClockAnomalyKind::Jump, 3_600_000)));
    s.record(&r, pause(), c.at(4.0)).unwrap();
    c.step = 0; // corrected
    let seen = s.observe(&r, c.at(6.5)).unwrap();
    assert_eq!(seen, Some((ClockAnomalyKind::Backwards, -3_600_000)));
    s.record(&r, Event::Resumed, c.at(8.0)).unwrap();
    s.record(&r, speak("0422"), c.at(9.0)).unwrap();
    // The live clock, with `now` on the séance's timeline: 11 s of phase, 4 of them paused.
    let live = timing::clock(s.state(), s.state().time_of(c.at(12.0)));
    assert_eq!(
        (live.phases[0].elapsed, live.phases[0].paused),
        (secs(7), secs(4))
    );
    let early = Event::PhaseEndedEarly {
        phase: "expose".into(),
    };
    s.record(&r, early, c.at(12.0)).unwrap();
    let log = s.path().to_path_buf();
    drop(s);

    let v = views(dir.path(), &r, &log);
    assert_eq!(v.phases[0].elapsed, secs(7));
    assert_eq!(v.phases[0].paused, secs(4));
    assert_eq!(v.phases[0].overtime, secs(0));
    let speaking: Vec<_> = v
        .speakers
        .iter()
        .map(|t| (t.elapsed, t.share_permille))
        .collect();
    // 0421: 1 → 9 s less the pause; 0422: 9 → 12 s.
    assert_eq!(speaking, [(secs(4), 571), (secs(3), 429)]);
    assert_eq!(
        anomalies(&log),
        [
            (ClockAnomalyKind::Jump, 3_600_000),
            (ClockAnomalyKind::Backwards, -3_600_000)
        ]
    );
    // Every line keeps the wall time read: the pause at the stepped time, the resume after the
    // correction (no timestamp frozen at the log's latest).
    assert_eq!(ts_of(&log, "paused"), t(3600 + 4));
    assert_eq!(ts_of(&log, "resumed"), t(8));
}

#[test]
fn a_clock_set_back_ten_minutes_during_a_pause_is_logged_and_changes_nothing() {
    let r = r();
    let dir = tempfile::tempdir().unwrap();
    let mut c = Clocks::new(0xb2, 50_000);
    let mut s = create(dir.path(), &r, e3_ponctuel(&r, "e3", "0433"), &mut c);
    s.record(&r, Event::PhaseStarted { phase: "A".into() }, c.at(1.0))
        .unwrap();
    s.record(&r, pause(), c.at(2.0)).unwrap();
    // The app blocks on input during a pause: no observation until the jury resumes.
    c.step = -600;
    let before = timing::clock(s.state(), s.state().time_of(c.at(4.9)));
    s.record(&r, Event::Resumed, c.at(5.0)).unwrap();
    // The countdown does not go back: 1 s of phase before the pause, as before it.
    let after = timing::clock(s.state(), s.state().time_of(c.at(5.0)));
    assert_eq!(before.phases[0].remaining, after.phases[0].remaining);
    assert_eq!(after.phases[0].elapsed, secs(1));
    assert_eq!(after.phases[0].paused, secs(3));
    let end = Event::PhaseEndedEarly { phase: "A".into() };
    s.record(&r, end, c.at(6.0)).unwrap();
    let log = s.path().to_path_buf();
    drop(s);

    let v = views(dir.path(), &r, &log);
    assert_eq!(
        (v.phases[0].elapsed, v.phases[0].paused),
        (secs(2), secs(3))
    );
    assert_eq!(anomalies(&log), [(ClockAnomalyKind::Backwards, -600_000)]);
    // The anomaly is logged just before the resume that revealed it.
    let kinds: Vec<&str> = read_log(&log)
        .unwrap()
        .records
        .iter()
        .map(|rec| rec.event.kind())
        .collect();
    assert_eq!(
        kinds[kinds.len() - 3..],
        ["clock_anomaly", "resumed", "phase_ended_early"]
    );
}

#[test]
fn a_one_hour_step_that_is_kept_across_a_restart_changes_no_duration() {
    let r = r();
    let dir = tempfile::tempdir().unwrap();
    let mut c = Clocks::new(0xc3, 1_000);
    let mut s = create(dir.path(), &r, e3_ponctuel(&r, "e3", "0440"), &mut c);
    s.record(&r, Event::PhaseStarted { phase: "A".into() }, c.at(1.0))
        .unwrap();
    c.step = 3600;
    let seen = s.observe(&r, c.at(4.0)).unwrap();
    assert_eq!(seen, Some((ClockAnomalyKind::Jump, 3_600_000)));
    s.record(&r, pause(), c.at(5.0)).unwrap();
    s.record(&r, Event::Resumed, c.at(7.0)).unwrap();
    let log = s.path().to_path_buf();
    drop(s); // the laptop crashes

    // A new run, its monotonic clock from another origin; the wall clock still one hour ahead.
    let mut c2 = Clocks::new(0xd4, 90_000_000);
    c2.step = 3600;
    let (mut s, _) = Seance::resume(&log, &r, &no_prior()).unwrap();
    let live = timing::clock(s.state(), s.state().time_of(c2.at(10.0)));
    // 1 → 10 s less the 2 s pause.
    assert_eq!(live.phases[0].elapsed, secs(7));
    let end = Event::PhaseEndedEarly { phase: "A".into() };
    s.record(&r, end, c2.at(11.0)).unwrap();
    drop(s);

    let v = views(dir.path(), &r, &log);
    assert_eq!(
        (v.phases[0].elapsed, v.phases[0].paused),
        (secs(8), secs(2))
    );
    // The restart saw the wall clock ahead of the log, which is no anomaly.
    assert_eq!(anomalies(&log), [(ClockAnomalyKind::Jump, 3_600_000)]);
}

#[test]
fn a_clock_behind_the_log_after_a_restart_is_logged() {
    let r = r();
    let dir = tempfile::tempdir().unwrap();
    let mut c = Clocks::new(0xe5, 1_000);
    let mut s = create(dir.path(), &r, e3_ponctuel(&r, "e3", "0441"), &mut c);
    s.record(&r, Event::PhaseStarted { phase: "A".into() }, c.at(60.0))
        .unwrap();
    let log = s.path().to_path_buf();
    drop(s);
    let mut c2 = Clocks::new(0xe6, 5);
    c2.step = -300;
    let (mut s, _) = Seance::resume(&log, &r, &no_prior()).unwrap();
    s.record(&r, pause(), c2.at(90.0)).unwrap();
    drop(s);
    // Only the wall clock relates two runs: 90 - 300 - 60 s behind the last line.
    assert_eq!(anomalies(&log), [(ClockAnomalyKind::Backwards, -270_000)]);
    // The pause starts no earlier than the phase: the timeline never goes back.
    let read = read_log(&log).unwrap();
    let state = replay(&r, &read.records, &no_prior()).unwrap();
    assert_eq!(state.pauses[0].start, state.runs[0].started);
}

#[test]
fn a_laptop_sleep_counts_as_time_and_is_no_anomaly() {
    // CLOCK_BOOTTIME counts the sleep, like the wall clock.
    let r = r();
    let dir = tempfile::tempdir().unwrap();
    let mut c = Clocks::new(0xf7, 1_000);
    let mut s = create(dir.path(), &r, e3_ponctuel(&r, "e3", "0442"), &mut c);
    s.record(&r, Event::PhaseStarted { phase: "A".into() }, c.at(1.0))
        .unwrap();
    assert_eq!(s.observe(&r, c.at(1201.0)).unwrap(), None);
    let end = Event::PhaseEndedEarly { phase: "A".into() };
    s.record(&r, end, c.at(1201.0)).unwrap();
    let log = s.path().to_path_buf();
    drop(s);
    let v = views(dir.path(), &r, &log);
    assert_eq!(v.phases[0].elapsed, secs(1200));
    assert!(anomalies(&log).is_empty());
}

#[test]
fn wall_times_alone_keep_the_former_behaviour() {
    // A caller without a monotonic clock (the app before it passes stamps): no `mono` in the
    // lines, durations from wall time, nothing observed.
    let r = r();
    let dir = tempfile::tempdir().unwrap();
    let mut s = Seance::create(
        dir.path(),
        &r,
        e3_ponctuel(&r, "e3", "0450"),
        t(0),
        &no_prior(),
    )
    .unwrap();
    s.record(&r, Event::PhaseStarted { phase: "A".into() }, t(10))
        .unwrap();
    assert_eq!(s.observe(&r, t(5000)).unwrap(), None);
    s.record(&r, Event::PhaseEndedEarly { phase: "A".into() }, t(70))
        .unwrap();
    let log = s.path().to_path_buf();
    drop(s);
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(!text.contains("\"mono\""), "{text}");
    assert_eq!(views(dir.path(), &r, &log).phases[0].elapsed, secs(60));
}

#[test]
fn the_monotonic_reading_is_in_the_line_between_ts_and_prev() {
    let r = r();
    let dir = tempfile::tempdir().unwrap();
    let mut c = Clocks::new(0x0123_4567_89ab_cdef, 42_000);
    let s = create(dir.path(), &r, e3_ponctuel(&r, "e3", "0460"), &mut c);
    let first = lines(s.path()).remove(0);
    assert!(
        first.starts_with(
            r#"{"seq":1,"ts":"2025-06-10T08:00:00Z","mono":{"run":"0123456789abcdef","ms":42000},"prev":"#
        ),
        "{first}"
    );
}
