//! Steps of the system clock for real: a child process records a séance with the library's own
//! clock reader (`timing::monotonic::now`, as the app does) under libfaketime, whose offset the
//! test changes while the child runs (the monotonic clocks are left alone, as an NTP step or a
//! jury member setting the time leaves them). Scenarios: +1 h for 3 s then corrected, −10 min
//! during a pause, +1 h kept across a restart of the child. Each asserts the phase and pause
//! durations and speaking times in the log and in the review within a second of the real ones
//! (measured by the test), and the anomalies logged.
//!
//! Needs libfaketime (Debian: `apt-get install faketime`, which `.ci/run` does when missing);
//! without it each test prints why it is skipped. The same scenarios with injected stamps run
//! everywhere: `tests/engine/clock.rs`.
#![cfg(target_os = "linux")]

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Stdio};
use std::time::{Duration, Instant};

use crate::kit::engine::*;
use sno_jury::referentiel::FormeKind;
use sno_jury::review::{self, Tz};
use sno_jury::session::{
    ClockAnomalyKind, Event, PauseReason, Seance, Verdict, check_dir, read_log, replay,
};
use sno_jury::timing::{self, ClockView, monotonic};

const CHILD: &str = "SNO_TEST_CLOCK_CHILD";

const LIBS: [&str; 4] = [
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

/// Child role: séance commands on stdin, one per line, each answered on stdout once done
/// (`ok <wall ts>` or `anomaly <kind> <delta_ms>`).
fn run_child(dir: &Path) -> ! {
    let r = r();
    let mut seance: Option<Seance> = None;
    println!("ready");
    for line in std::io::stdin().lock().lines() {
        let line = line.expect("stdin");
        let mut words = line.split(' ');
        let (cmd, arg) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
        let now = monotonic::now();
        let event = match cmd {
            "create" => {
                let info = info(
                    &r,
                    arg,
                    "E1",
                    FormeKind::Ccf,
                    "A",
                    candidats(&["0421", "0422"]),
                );
                let s = Seance::create(dir, &r, info, now, &no_prior()).expect("created");
                seance = Some(s);
                None
            }
            "resume" => {
                let path = dir.join(format!("{arg}.jsonl"));
                seance = Some(Seance::resume(&path, &r, &no_prior()).expect("resumed").0);
                None
            }
            "observe" => {
                let s = seance.as_mut().expect("a séance");
                match s.observe(&r, now).expect("observed") {
                    Some((kind, delta)) => println!("anomaly {kind:?} {delta}"),
                    None => println!("ok {}", now.wall.to_rfc3339()),
                }
                continue;
            }
            "start" => Some(Event::PhaseStarted { phase: arg.into() }),
            "end" => Some(Event::PhaseEndedEarly { phase: arg.into() }),
            "pause" => Some(Event::Paused {
                reason: PauseReason::Incident,
                detail: String::new(),
            }),
            "resumed" => Some(Event::Resumed),
            "speak" => Some(Event::SpeakerChanged {
                candidat: Some(arg.into()),
            }),
            "quit" => std::process::exit(0),
            other => panic!("unknown command {other}"),
        };
        if let Some(e) = event {
            let s = seance.as_mut().expect("a séance");
            s.record(&r, e, now).expect("recorded");
        }
        println!("ok {}", now.wall.to_rfc3339());
    }
    std::process::exit(0);
}

/// A child under libfaketime with its offset file, and the real time since the scenario began.
struct Faked {
    child: Child,
    stdin: ChildStdin,
    out: BufReader<ChildStdout>,
    offset_file: PathBuf,
    t0: Instant,
}

impl Faked {
    fn spawn(test: &str, lib: &Path, dir: &Path, offset_file: &Path, t0: Instant) -> Faked {
        let mut child = crate::kit::this_test(module_path!(), test)
            .env(CHILD, dir)
            .env("LD_PRELOAD", lib)
            .env("FAKETIME_TIMESTAMP_FILE", offset_file)
            .env("FAKETIME_NO_CACHE", "1")
            .env("DONT_FAKE_MONOTONIC", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("child spawned");
        let stdin = child.stdin.take().unwrap();
        let out = BufReader::new(child.stdout.take().unwrap());
        let mut f = Faked {
            child,
            stdin,
            out,
            offset_file: offset_file.to_path_buf(),
            t0,
        };
        f.answer("ready");
        f
    }

    /// The next answer holding `prefix`, from there (libtest may print the test's name first).
    fn answer(&mut self, prefix: &str) -> String {
        let mut line = String::new();
        loop {
            line.clear();
            assert!(self.out.read_line(&mut line).unwrap() > 0, "child died");
            if let Some(at) = line.find(prefix) {
                return line[at..].trim_end().to_string();
            }
        }
    }

    /// Sends a command; returns its answer and the real time (s) at which it was answered.
    fn send(&mut self, cmd: &str) -> (String, f64) {
        writeln!(self.stdin, "{cmd}").unwrap();
        self.stdin.flush().unwrap();
        let mut line = String::new();
        loop {
            line.clear();
            assert!(
                self.out.read_line(&mut line).unwrap() > 0,
                "child died on {cmd}"
            );
            let l = line.trim_end();
            if let Some(at) = l.find("ok ").or_else(|| l.find("anomaly ")) {
                return (l[at..].to_string(), self.t0.elapsed().as_secs_f64());
            }
        }
    }

    /// Sets the wall clock's offset (libfaketime syntax: `+0`, `+1h`, `-10m`), atomically.
    fn set_offset(&self, offset: &str) {
        let tmp = self.offset_file.with_extension("new");
        std::fs::write(&tmp, format!("{offset}\n")).unwrap();
        std::fs::rename(&tmp, &self.offset_file).unwrap();
    }

    fn quit(mut self) {
        let _ = writeln!(self.stdin, "quit");
        self.child.wait().unwrap();
    }
}

fn sleep(secs: f64) {
    std::thread::sleep(Duration::from_secs_f64(secs));
}

/// Starts a scenario, or says why it cannot run here.
fn setup(test: &str) -> Option<(PathBuf, tempfile::TempDir, PathBuf)> {
    if let Some(dir) = std::env::var_os(CHILD) {
        run_child(&PathBuf::from(dir));
    }
    let Some(lib) = libfaketime() else {
        eprintln!(
            "{test}: skipped: libfaketime not found (apt-get install faketime, as .ci/run \
             does; or set SNO_LIBFAKETIME)"
        );
        return None;
    };
    let tmp = tempfile::tempdir().unwrap();
    let offset = tmp.path().join("faketime.rc");
    std::fs::write(&offset, "+0\n").unwrap();
    Some((lib, tmp, offset))
}

/// The log's clock replayed and as the review shows it (they agree), with its anomalies;
/// `check` finds the log sound.
fn outcome(dir: &Path) -> (ClockView, Vec<(ClockAnomalyKind, i64)>) {
    let r = r();
    let path = dir.join("s.jsonl");
    let read = read_log(&path).unwrap();
    let state = replay(&r, &read.records, &no_prior()).unwrap();
    let view = timing::clock(&state, state.last_ts);
    let report = review::load(&r, dir, Tz::Utc).unwrap();
    assert_eq!(report.seances[0].clock().as_ref(), Some(&view));
    let lines = check_dir(dir, &r, chrono::Utc::now());
    assert!(lines.iter().all(|l| l.verdict == Verdict::Ok), "{lines:?}");
    let anomalies = state
        .clock_anomalies
        .iter()
        .map(|a| (a.kind, a.delta_ms))
        .collect();
    (view, anomalies)
}

/// `got` within a second of `real` seconds (the clock shows whole seconds, truncated).
fn near(what: &str, got: Duration, real: f64) {
    let err = got.as_secs_f64() - real;
    eprintln!("{what}: logged {got:?}, real {real:.3} s");
    assert!(
        (-1.0..=0.5).contains(&err),
        "{what}: {got:?} for {real:.3} s"
    );
}

fn near_ms(what: &str, got: i64, expected: i64) {
    assert!(
        (got - expected).abs() <= 1_000,
        "{what}: {got} ms, expected {expected}"
    );
}

#[test]
fn a_one_hour_step_corrected_after_three_seconds() {
    let test = "a_one_hour_step_corrected_after_three_seconds";
    let Some((lib, tmp, offset)) = setup(test) else {
        return;
    };
    let dir = tmp.path().join("séances");
    let mut c = Faked::spawn(test, &lib, &dir, &offset, Instant::now());
    c.send("create s");
    let (_, start) = c.send("start expose");
    c.send("speak 0421");
    sleep(1.0);
    c.set_offset("+1h");
    let (jump, _) = c.send("observe");
    sleep(1.0);
    let (paused_at, pause) = c.send("pause");
    // libfaketime is in effect: the wall clock read by the child is one hour ahead.
    let ts = chrono::DateTime::parse_from_rfc3339(&paused_at[3..]).unwrap();
    let ahead = ts.to_utc() - chrono::Utc::now();
    assert!((3590..3610).contains(&ahead.num_seconds()), "{paused_at}");
    sleep(2.0);
    c.set_offset("+0");
    let (back, _) = c.send("observe");
    sleep(0.5);
    let (_, resume) = c.send("resumed");
    let (_, second) = c.send("speak 0422");
    sleep(1.0);
    let (_, end) = c.send("end expose");
    c.quit();
    assert!(jump.starts_with("anomaly Jump "), "{jump}");
    assert!(back.starts_with("anomaly Backwards "), "{back}");

    let (v, anomalies) = outcome(&dir);
    near(
        "exposé",
        v.phases[0].elapsed,
        end - start - (resume - pause),
    );
    near("pause", v.phases[0].paused, resume - pause);
    near(
        "0421",
        v.speakers[0].elapsed,
        second - start - (resume - pause),
    );
    near("0422", v.speakers[1].elapsed, end - second);
    assert_eq!(anomalies.len(), 2, "{anomalies:?}");
    assert_eq!(anomalies[0].0, ClockAnomalyKind::Jump);
    near_ms("jump", anomalies[0].1, 3_600_000);
    assert_eq!(anomalies[1].0, ClockAnomalyKind::Backwards);
    near_ms("correction", anomalies[1].1, -3_600_000);
}

#[test]
fn a_clock_set_back_ten_minutes_during_a_pause() {
    let test = "a_clock_set_back_ten_minutes_during_a_pause";
    let Some((lib, tmp, offset)) = setup(test) else {
        return;
    };
    let dir = tmp.path().join("séances");
    let mut c = Faked::spawn(test, &lib, &dir, &offset, Instant::now());
    c.send("create s");
    let (_, start) = c.send("start expose");
    sleep(1.0);
    let (_, pause) = c.send("pause");
    sleep(1.0);
    // Nothing observes during a pause (the app blocks on input): the resume reveals the step.
    c.set_offset("-10m");
    sleep(1.0);
    let (_, resume) = c.send("resumed");
    sleep(1.0);
    let (_, end) = c.send("end expose");
    c.quit();

    let (v, anomalies) = outcome(&dir);
    near(
        "exposé",
        v.phases[0].elapsed,
        end - start - (resume - pause),
    );
    near("pause", v.phases[0].paused, resume - pause);
    assert_eq!(anomalies.len(), 1, "{anomalies:?}");
    assert_eq!(anomalies[0].0, ClockAnomalyKind::Backwards);
    near_ms("set back", anomalies[0].1, -600_000);
}

#[test]
fn a_one_hour_step_kept_across_a_restart() {
    let test = "a_one_hour_step_kept_across_a_restart";
    let Some((lib, tmp, offset)) = setup(test) else {
        return;
    };
    let dir = tmp.path().join("séances");
    let t0 = Instant::now();
    let mut c = Faked::spawn(test, &lib, &dir, &offset, t0);
    c.send("create s");
    let (_, start) = c.send("start expose");
    sleep(1.0);
    c.set_offset("+1h");
    let (jump, _) = c.send("observe");
    sleep(0.5);
    let (_, pause) = c.send("pause");
    sleep(1.0);
    let (_, resume) = c.send("resumed");
    c.quit();
    sleep(1.0);
    // A new run: another process, the wall clock still one hour ahead.
    let mut c = Faked::spawn(test, &lib, &dir, &offset, t0);
    c.send("resume s");
    sleep(0.5);
    let (_, end) = c.send("end expose");
    c.quit();
    assert!(jump.starts_with("anomaly Jump "), "{jump}");

    let (v, anomalies) = outcome(&dir);
    near(
        "exposé",
        v.phases[0].elapsed,
        end - start - (resume - pause),
    );
    near("pause", v.phases[0].paused, resume - pause);
    assert_eq!(anomalies.len(), 1, "{anomalies:?}");
    near_ms("jump", anomalies[0].1, 3_600_000);
}
