//! The real binary in a pseudo-terminal under libfaketime, whose offset file the test changes
//! while the app runs (the monotonic clock left alone): the system clock is set an hour
//! forward during phase A and back 3 s later, then ten minutes back during a pause. The log
//! must hold each step once as a `clock_anomaly`, and the phase's and the pause's durations
//! the real ones measured by the test — what the app gets from `timing::monotonic::now()`.
//!
//! Needs libfaketime (Debian: `apt-get install faketime`, which `.ci/run` does when missing);
//! without it the test says why it is skipped.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::e2e_support::{Running, open_e1, the_log};
use sno_jury::referentiel::load_embedded;
use sno_jury::session::{self, ClockAnomalyKind};

const LIBS: &[&str] = &[
    "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1",
    "/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1",
    "/usr/lib/faketime/libfaketime.so.1",
    "/usr/local/lib/faketime/libfaketime.so.1",
];

fn libfaketime() -> Option<PathBuf> {
    std::env::var_os("SNO_LIBFAKETIME")
        .map(PathBuf::from)
        .into_iter()
        .chain(LIBS.iter().map(PathBuf::from))
        .find(|p| p.exists())
}

/// Sets the app's wall-clock offset (libfaketime syntax: `+0`, `+1h`, `-10m`), atomically.
fn set_offset(file: &Path, offset: &str) {
    let tmp = file.with_extension("new");
    std::fs::write(&tmp, format!("{offset}\n")).unwrap();
    std::fs::rename(&tmp, file).unwrap();
}

/// Pumps the screen until it no longer shows `text` (10 s at most).
fn wait_gone(app: &mut Running, text: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        app.pump();
        if !app.screen.text().contains(text) {
            return;
        }
        assert!(Instant::now() < deadline, "« {text} » stays on screen");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn steps_of_the_system_clock_change_no_duration_in_the_app() {
    let Some(lib) = libfaketime() else {
        eprintln!(
            "steps_of_the_system_clock_change_no_duration_in_the_app: skipped: libfaketime \
             not found (apt-get install faketime, as .ci/run does; or set SNO_LIBFAKETIME)"
        );
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let rc = tmp.path().join("faketime.rc");
    std::fs::write(&rc, "+0\n").unwrap();
    let dir = tmp.path().join("séances");
    let setup = format!(
        "export LD_PRELOAD='{}' FAKETIME_TIMESTAMP_FILE='{}' FAKETIME_NO_CACHE=1 \
         DONT_FAKE_MONOTONIC=1;",
        lib.display(),
        rc.display()
    );
    let mut app = Running::start_with(
        &setup,
        &[],
        &["--sessions", dir.to_str().unwrap()],
        tmp.path(),
    );
    open_e1(&mut app);
    let sleep = |s: f64| std::thread::sleep(Duration::from_secs_f64(s));

    let started = Instant::now();
    app.send(" ");
    app.wait_for("p pause");
    sleep(1.5);
    set_offset(&rc, "+1h");
    sleep(3.0);
    set_offset(&rc, "+0");
    sleep(1.5);
    let paused = Instant::now();
    app.send("p");
    app.wait_for("motif");
    app.send("1\r");
    app.wait_for("EN PAUSE");
    sleep(1.0);
    set_offset(&rc, "-10m");
    sleep(2.0);
    let resumed = Instant::now();
    app.send("p");
    wait_gone(&mut app, "EN PAUSE");
    sleep(1.0);
    let ended = Instant::now();
    // Time is left on phase A: the end is confirmed.
    app.send("fo");
    app.wait_for("Prochaine phase : B");
    app.send("q");
    app.wait_exit();

    let log = session::read_log(&the_log(&dir)).unwrap();
    let state = session::replay(&load_embedded().unwrap(), &log.records, &BTreeMap::new()).unwrap();
    let steps: Vec<(ClockAnomalyKind, i64)> = state
        .clock_anomalies
        .iter()
        .map(|a| (a.kind, a.delta_ms))
        .collect();
    let expected = [
        (ClockAnomalyKind::Jump, 3_600_000),
        (ClockAnomalyKind::Backwards, -3_600_000),
        (ClockAnomalyKind::Backwards, -600_000),
    ];
    assert_eq!(
        steps.len(),
        expected.len(),
        "each step logged once: {steps:?}"
    );
    for ((kind, delta), (want_kind, want)) in steps.iter().zip(expected) {
        assert_eq!(*kind, want_kind, "{steps:?}");
        assert!((delta - want).abs() < 1_000, "{steps:?}");
    }
    let secs = |d: chrono::TimeDelta| d.num_milliseconds() as f64 / 1000.0;
    let run = &state.runs[0];
    let phase = secs(run.ended.expect("phase A ended") - run.started);
    let pause = &state.pauses[0];
    let paused_for = secs(pause.end.expect("resumed") - pause.start);
    let real_phase = (ended - started).as_secs_f64();
    let real_pause = (resumed - paused).as_secs_f64();
    eprintln!(
        "clock steps in the app: phase A {phase:.3} s logged for {real_phase:.3} s real, pause \
         {paused_for:.3} s for {real_pause:.3} s; anomalies {steps:?}"
    );
    assert!(
        (phase - real_phase).abs() < 0.3,
        "phase: {phase} s for {real_phase} s"
    );
    assert!(
        (paused_for - real_pause).abs() < 0.3,
        "pause: {paused_for} s for {real_pause} s"
    );
}
