//! A full E3 ponctuel on a fake clock: phase A (120 min) with a 7-minute incident and a
//! 20-minute laptop sleep, phase A run into overtime, phase B (30 min maximum) ended early.
//! Every figure the jury sees is checked to the second, through the real fold.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use crate::kit::r;
use crate::kit::time::hms as at;
use chrono::{DateTime, Utc};
use sno_jury::referentiel::{FormeKind, Referentiel};
use sno_jury::session::{Candidat, ClockAnomalyKind, Event, PauseReason, SeanceInfo, SeanceState};
use sno_jury::timing::{
    ClockView, ClockWatch, PhaseStatus, Urgency, clock, fmt_mmss, fmt_overtime, next_change,
};

/// The wall clock and the monotonic clock of the laptop, moved by the test.
struct FakeClock {
    wall: DateTime<Utc>,
    mono: Instant,
}

impl FakeClock {
    /// Both clocks advance (the laptop is awake).
    fn awake_until(&mut self, hms: &str) {
        let to = at(hms);
        self.mono += (to - self.wall).to_std().unwrap();
        self.wall = to;
    }

    /// Only the wall clock advances (suspend: CLOCK_MONOTONIC stops on Linux).
    fn asleep_until(&mut self, hms: &str) {
        self.wall = at(hms);
    }
}

fn open(r: &Referentiel) -> SeanceState {
    let forme = r.epreuve("E3").unwrap().forme(FormeKind::Ponctuel).unwrap();
    let phases = forme.situation("unique").unwrap().phases.clone();
    let info = SeanceInfo {
        id: "2025-06-12-e3-ponctuel-0421".into(),
        epreuve: "E3".into(),
        forme: FormeKind::Ponctuel,
        situation: "unique".into(),
        candidats: vec![Candidat {
            numero: "0421".into(),
            nom: "Martin".into(),
            prenom: "Léa".into(),
            etablissement: "Lycée Jean Moulin".into(),
        }],
        phases: phases.into(),
        alertes_par_defaut_minutes: r.epreuves.alertes_par_defaut_minutes.clone(),
        vitesse: None,
    };
    SeanceState::open(r, info, at("07:55:00"), &BTreeMap::new()).unwrap()
}

/// What the screen shows of a phase: elapsed, countdown, overtime, urgency, thresholds crossed.
fn phase(v: &ClockView, i: usize) -> String {
    let p = &v.phases[i];
    format!(
        "{} {} {} {:?} {:?}",
        fmt_mmss(p.elapsed),
        fmt_mmss(p.remaining),
        fmt_overtime(p.overtime),
        p.urgency,
        p.crossed
    )
}

/// What the screen shows of the épreuve: total time and due end.
fn epreuve(v: &ClockView) -> String {
    let due = v
        .due_end
        .map_or("-".into(), |d| d.format("%H:%M:%S%.f").to_string());
    format!("total {} fin {}", fmt_mmss(v.total_elapsed), due)
}

#[test]
fn full_e3_ponctuel_to_the_second() {
    let r = r();
    let mut s = open(&r);
    let apply = |s: &mut SeanceState, e: Event, t: &str| s.apply(&r, &e, at(t)).unwrap();
    let a = |p: &str| p.to_string();

    // The référentiel's phases: A 120 min with its own thresholds, B 30 min maximum (defaults).
    assert_eq!(
        s.info.phases[0].alertes(&s.info.alertes_par_defaut_minutes),
        [30, 10, 5, 1]
    );
    assert_eq!(
        s.info.phases[1].alertes(&s.info.alertes_par_defaut_minutes),
        [5, 1]
    );
    assert!(s.info.phases[1].maximum);

    let v = clock(&s, at("07:58:00"));
    assert_eq!(phase(&v, 0), "00:00 2:00:00 +00:00 Calm []");
    assert_eq!(epreuve(&v), "total 00:00 fin -");
    assert_eq!(next_change(&s, at("07:58:00")), None);

    apply(&mut s, Event::PhaseStarted { phase: a("A") }, "08:00:00");
    let v = clock(&s, at("08:00:00"));
    assert_eq!(
        (v.current, v.phases[0].status),
        (Some(0), PhaseStatus::Running)
    );
    assert_eq!(phase(&v, 0), "00:00 2:00:00 +00:00 Calm []");
    assert_eq!(epreuve(&v), "total 00:00 fin 10:30:00");
    let v = clock(&s, at("08:10:00.400"));
    assert_eq!(phase(&v, 0), "10:00 1:50:00 +00:00 Calm []");
    assert_eq!(epreuve(&v), "total 10:00 fin 10:30:00");
    assert_eq!(next_change(&s, at("08:10:00.400")), Some(at("08:10:01")));

    // Incident: 7 minutes of pause that never count.
    let reason = PauseReason::Incident;
    let detail = a("vidéoprojecteur");
    apply(&mut s, Event::Paused { reason, detail }, "08:30:00");
    let v = clock(&s, at("08:33:20"));
    assert!(v.paused);
    assert_eq!(v.phases[0].status, PhaseStatus::Paused);
    assert_eq!(phase(&v, 0), "30:00 1:30:00 +00:00 Calm []");
    assert_eq!(epreuve(&v), "total 30:00 fin 10:33:20");
    assert_eq!(next_change(&s, at("08:33:20")), None);
    apply(&mut s, Event::Resumed, "08:37:00");
    let v = clock(&s, at("08:37:00"));
    assert_eq!(phase(&v, 0), "30:00 1:30:00 +00:00 Calm []");
    assert_eq!(epreuve(&v), "total 30:00 fin 10:37:00");
    assert_eq!(v.phases[0].paused, Duration::from_secs(7 * 60));

    // The app wakes every displayed second and feeds its watch; then the laptop sleeps for
    // 20 minutes at 09:00:00 (no event, no wake-up) and wakes at 09:20:00.200.
    let mut fake = FakeClock {
        wall: at("08:59:55"),
        mono: Instant::now(),
    };
    let mut watch = ClockWatch::new();
    assert_eq!(watch.observe(fake.wall, fake.mono), None);
    while let Some(next) = next_change(&s, fake.wall).filter(|&n| n <= at("09:00:00")) {
        fake.awake_until(&next.format("%H:%M:%S%.f").to_string());
        assert_eq!(
            watch.observe(fake.wall, fake.mono),
            None,
            "at {}",
            fake.wall
        );
    }
    assert_eq!(fake.wall, at("09:00:00"));
    fake.asleep_until("09:20:00");
    fake.awake_until("09:20:00.200");
    let anomaly = watch.observe(fake.wall, fake.mono);
    assert_eq!(anomaly, Some((ClockAnomalyKind::Jump, 1_200_000)));
    let (kind, delta_ms) = anomaly.unwrap();
    apply(
        &mut s,
        Event::ClockAnomaly { kind, delta_ms },
        "09:20:00.200",
    );
    // The sleep counts: 80 min of wall time since the start, minus the 7-minute pause.
    let v = clock(&s, fake.wall);
    assert_eq!(phase(&v, 0), "1:13:00 47:00 +00:00 Calm []");
    assert_eq!(epreuve(&v), "total 1:13:00 fin 10:37:00");
    assert_eq!(next_change(&s, fake.wall), Some(at("09:20:01")));
    // Had the monotonic clock counted the sleep (macOS, Windows), nothing would be reported.
    let mut quiet = ClockWatch::new();
    quiet.observe(at("09:00:00"), fake.mono);
    assert_eq!(
        quiet.observe(at("09:20:00"), fake.mono + Duration::from_secs(1200)),
        None
    );

    // The thresholds of phase A, one by one.
    let steps = [
        (
            "09:36:59.999",
            "1:29:59 30:01 +00:00 Calm []",
            "total 1:29:59",
        ),
        (
            "09:37:00",
            "1:30:00 30:00 +00:00 Warning [30]",
            "total 1:30:00",
        ),
        (
            "09:57:00",
            "1:50:00 10:00 +00:00 Warning [30, 10]",
            "total 1:50:00",
        ),
        (
            "10:02:00",
            "1:55:00 05:00 +00:00 Warning [30, 10, 5]",
            "total 1:55:00",
        ),
        (
            "10:06:00.500",
            "1:59:00 01:00 +00:00 Alert [30, 10, 5, 1]",
            "total 1:59:00",
        ),
        (
            "10:06:59.999",
            "1:59:59 00:01 +00:00 Alert [30, 10, 5, 1]",
            "total 1:59:59",
        ),
        (
            "10:07:00",
            "2:00:00 00:00 +00:00 Overtime [30, 10, 5, 1, 0]",
            "total 2:00:00",
        ),
    ];
    for (t, shown, total) in steps {
        let v = clock(&s, at(t));
        assert_eq!(phase(&v, 0), shown, "at {t}");
        assert_eq!(epreuve(&v), format!("{total} fin 10:37:00"), "at {t}");
    }
    // In overtime the due end moves with the clock: B still has its 30 minutes.
    let v = clock(&s, at("10:09:13"));
    assert_eq!(
        phase(&v, 0),
        "2:02:13 00:00 +02:13 Overtime [30, 10, 5, 1, 0]"
    );
    assert_eq!(epreuve(&v), "total 2:02:13 fin 10:39:13");
    assert_eq!(v.phases[0].urgency, Urgency::Overtime);

    apply(&mut s, Event::PhaseEnded { phase: a("A") }, "10:09:13");
    let v = clock(&s, at("10:10:00"));
    assert_eq!(v.current, None);
    assert_eq!(v.phases[0].status, PhaseStatus::Done { early: false });
    assert_eq!(
        phase(&v, 0),
        "2:02:13 00:00 +02:13 Overtime [30, 10, 5, 1, 0]"
    );
    assert_eq!(phase(&v, 1), "00:00 30:00 +00:00 Calm []");
    assert_eq!(epreuve(&v), "total 2:02:13 fin 10:40:00");
    assert_eq!(next_change(&s, at("10:10:00")), None);

    apply(&mut s, Event::PhaseStarted { phase: a("B") }, "10:12:00");
    let v = clock(&s, at("10:30:00"));
    assert_eq!(phase(&v, 1), "18:00 12:00 +00:00 Calm []");
    assert_eq!(epreuve(&v), "total 2:20:13 fin 10:42:00");
    let v = clock(&s, at("10:37:30"));
    assert_eq!(phase(&v, 1), "25:30 04:30 +00:00 Warning [5]");
    assert_eq!(epreuve(&v), "total 2:27:43 fin 10:42:00");

    // Phase B is a maximum: the jury ends it early.
    apply(&mut s, Event::PhaseEndedEarly { phase: a("B") }, "10:38:00");
    assert!(s.is_finished());
    for t in ["10:38:00", "10:45:00"] {
        let v = clock(&s, at(t));
        assert_eq!(v.phases[1].status, PhaseStatus::Done { early: true });
        assert_eq!(
            phase(&v, 0),
            "2:02:13 00:00 +02:13 Overtime [30, 10, 5, 1, 0]"
        );
        assert_eq!(phase(&v, 1), "26:00 04:00 +00:00 Warning [5]");
        assert_eq!(epreuve(&v), "total 2:28:13 fin -");
        assert_eq!(v.phases[0].paused, Duration::from_secs(7 * 60));
        assert_eq!(v.phases[1].paused, Duration::ZERO);
        assert!(v.speakers.is_empty());
        assert_eq!(next_change(&s, at(t)), None);
    }
    assert_eq!(s.clock_anomalies.len(), 1);
}

#[test]
fn sleep_during_a_pause_is_not_counted() {
    // The jury paused, closed the lid for 20 minutes, and resumed: the sleep was a pause.
    let r = r();
    let mut s = open(&r);
    let ev = [
        (Event::PhaseStarted { phase: "A".into() }, "08:00:00"),
        (
            Event::Paused {
                reason: PauseReason::Candidat,
                detail: String::new(),
            },
            "08:40:00",
        ),
        (Event::Resumed, "09:00:00"),
    ];
    for (e, t) in ev {
        s.apply(&r, &e, at(t)).unwrap();
    }
    let v = clock(&s, at("09:05:00"));
    assert_eq!(phase(&v, 0), "45:00 1:15:00 +00:00 Calm []");
    assert_eq!(epreuve(&v), "total 45:00 fin 10:50:00");
}
