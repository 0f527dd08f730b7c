//! Crash safety, for real: a child process appends events and acknowledges each one on stdout
//! once `Seance::record` has returned; the test SIGKILLs it at random points and checks, after
//! each kill, that every acknowledged event is in the log and that at most the one line being
//! written was lost (torn, dropped with a warning). Also: the exclusive lock between processes,
//! and that a killed process leaves no stale lock.
//!
//! The child is this very test binary, re-executed on one test with an environment variable
//! naming its role, so no helper binary ships with the product.
#![cfg(unix)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Stdio};
use std::time::{Duration, Instant};

use crate::kit::engine::*;
use sno_jury::session::{Event, LogStore, PauseReason, Seance, StoreError, replay};

const APPENDER: &str = "SNO_TEST_APPENDER_LOG";
const HOLDER: &str = "SNO_TEST_HOLDER_LOG";

/// SplitMix64: small, deterministic, good enough to spread the kill points.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// The child's event for sequence number `seq`: always valid in the state it meets. Some
/// remarks are large (256 KiB) so that a kill can land inside a long write.
fn next_event(seq: u64, paused: bool) -> Event {
    match seq % 4 {
        0 => Event::Remark {
            text: if seq.is_multiple_of(12) {
                format!("remarque {seq} ").repeat(16_000)
            } else {
                format!("remarque {seq}")
            },
        },
        1 if paused => Event::Resumed,
        1 => Event::Paused {
            reason: PauseReason::Candidat,
            detail: format!("pause {seq}"),
        },
        2 => Event::SpeakerChanged { candidat: None },
        _ => Event::ClockAnomaly {
            kind: sno_jury::session::ClockAnomalyKind::Jump,
            delta_ms: seq as i64,
        },
    }
}

/// Child role: resume the séance and append forever, acknowledging each returned append.
fn run_appender(path: &Path) -> ! {
    let r = r();
    let (mut s, warning) = Seance::resume(path, &r, &no_prior()).expect("child resumes");
    println!("ready {} {}", s.state().last_seq, warning.is_some());
    loop {
        let seq = s.state().last_seq + 1;
        let event = next_event(seq, s.state().is_paused());
        let kind = event.kind();
        if let Err(e) = s.record(&r, event, t(seq as i64)) {
            eprintln!("child: {e}");
            std::process::exit(3);
        }
        println!("ack {seq} {kind}");
        if seq > 50_000 {
            std::process::exit(0); // a runaway child stops by itself
        }
    }
}

/// Child role: hold the séance open until killed.
fn run_holder(path: &Path) -> ! {
    let r = r();
    let _s = Seance::resume(path, &r, &no_prior()).expect("holder resumes");
    println!("holding");
    std::thread::sleep(Duration::from_secs(60));
    std::process::exit(0);
}

fn spawn(test: &str, role: &str, path: &Path) -> (Child, BufReader<ChildStdout>) {
    let mut child = crate::kit::this_test(module_path!(), test)
        .env(role, path)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("child spawned");
    let out = BufReader::new(child.stdout.take().unwrap());
    (child, out)
}

/// Reads lines until one holds `prefix`; returns it from there (libtest prints the test's name
/// before the child's first line, on the same line). `None` at end of output.
fn wait_for(out: &mut BufReader<ChildStdout>, prefix: &str) -> Option<String> {
    let mut line = String::new();
    loop {
        line.clear();
        if out.read_line(&mut line).ok()? == 0 {
            return None;
        }
        if let Some(at) = line.find(prefix) {
            return Some(line[at..].trim_end().to_string());
        }
    }
}

fn parse_ack(line: &str) -> Option<(u64, String)> {
    let mut it = line.strip_prefix("ack ")?.split(' ');
    Some((it.next()?.parse().ok()?, it.next()?.to_string()))
}

#[test]
fn sigkill_never_loses_an_acknowledged_event() {
    if let Some(p) = std::env::var_os(APPENDER) {
        run_appender(&PathBuf::from(p));
    }
    let r = r();
    let dir = tempfile::tempdir().unwrap();
    let mut s = Seance::create(
        dir.path(),
        &r,
        e3_ponctuel(&r, "crash", "0001"),
        t(0),
        &no_prior(),
    )
    .unwrap();
    s.record(&r, Event::PhaseStarted { phase: "A".into() }, t(1))
        .unwrap();
    let path = s.path().to_path_buf();
    drop(s);
    let start = Instant::now();
    let mut rng = Rng(0x5EED_2025);
    let (mut kills, mut torn, mut acked_total, mut max_acked) = (0, 0, 0u64, 2u64);
    let mut unacked_kept = 0;
    for round in 0..60 {
        let (mut child, mut out) =
            spawn("sigkill_never_loses_an_acknowledged_event", APPENDER, &path);
        let ready = wait_for(&mut out, "ready ").expect("child ready");
        assert!(
            ready.ends_with("false"),
            "the parent already repaired the log: {ready}"
        );
        let resumed_at: u64 = ready
            .split(' ')
            .nth(1)
            .and_then(|n| n.parse().ok())
            .unwrap();
        assert_eq!(
            resumed_at, max_acked,
            "the child resumed where the parent left the log"
        );
        let mut acks: Vec<(u64, String)> = Vec::new();
        if round % 2 == 0 {
            // Anywhere in time, resume and writes included.
            std::thread::sleep(Duration::from_micros(rng.below(30_000)));
        } else {
            // Right after an acknowledgement, when the next append is being written.
            for _ in 0..=rng.below(6) {
                let line = wait_for(&mut out, "ack ").expect("child acks");
                acks.extend(parse_ack(&line));
            }
            let spin = Instant::now();
            let wait = Duration::from_micros(rng.below(400));
            while spin.elapsed() < wait {
                std::hint::spin_loop();
            }
        }
        child.kill().expect("SIGKILL");
        child.wait().unwrap();
        kills += 1;
        // Whatever the child managed to print before dying was printed after its append.
        let mut line = String::new();
        while out.read_line(&mut line).unwrap_or(0) > 0 {
            // An ack cut by the kill (no newline) was not fully printed: not counted.
            if line.ends_with('\n') {
                acks.extend(parse_ack(line.trim_end()));
            }
            line.clear();
        }
        let (store, log) = LogStore::open(&path).expect("reopens after SIGKILL");
        drop(store);
        if let Some(w) = &log.warning {
            assert!(w.contains("incomplète"), "{w}");
            torn += 1;
        }
        for (seq, kind) in &acks {
            let rec = log.records.get(*seq as usize - 1);
            assert_eq!(
                rec.map(|r| r.event.kind()),
                Some(kind.as_str()),
                "acked {seq} lost"
            );
        }
        let last = acks.last().map_or(resumed_at, |a| a.0);
        let n = log.records.len() as u64;
        // At most the one append in flight when the kill came is there without its ack.
        assert!(n == last || n == last + 1, "{n} records, last ack {last}");
        unacked_kept += usize::from(n == last + 1);
        acked_total += acks.len() as u64;
        max_acked = n;
        replay(&r, &log.records, &no_prior()).expect("what survives replays");
    }
    let elapsed = start.elapsed();
    eprintln!(
        "crash test: {kills} SIGKILLs, {acked_total} acked events, {torn} torn lines dropped, \
         {unacked_kept} written but unacked, {max_acked} records in the end, {} bytes, \
         {elapsed:.2?}",
        std::fs::metadata(&path).unwrap().len()
    );
    assert!(kills >= 50);
    assert!(acked_total > 0);
}

#[test]
fn a_second_process_is_locked_out_and_a_killed_one_leaves_no_lock() {
    if let Some(p) = std::env::var_os(HOLDER) {
        run_holder(&PathBuf::from(p));
    }
    let r = r();
    let dir = tempfile::tempdir().unwrap();
    let path = full_e3(dir.path(), &r, "held", "0001").path().to_path_buf();
    let test = "a_second_process_is_locked_out_and_a_killed_one_leaves_no_lock";
    let (mut child, mut out) = spawn(test, HOLDER, &path);
    wait_for(&mut out, "holding").expect("holder ready");
    let err = LogStore::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::Locked { .. }), "{err}");
    let msg = Seance::resume(&path, &r, &no_prior())
        .unwrap_err()
        .to_string();
    assert!(
        msg.contains("déjà ouverte par une autre instance de sno-jury"),
        "{msg}"
    );
    assert!(msg.contains("held.jsonl"), "{msg}");
    child.kill().unwrap();
    child.wait().unwrap();
    let (s, warning) = Seance::resume(&path, &r, &no_prior()).expect("no stale lock");
    assert_eq!(warning, None);
    assert!(s.state().grids["0001"].is_validated());
}
