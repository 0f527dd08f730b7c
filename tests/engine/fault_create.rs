//! Crashes while a séance is being created: a child process creates séances with their
//! commission (`Seance::create_with_commission`, what the wizard's last Entrée does) one after
//! the other, and is SIGKILLed 0–3 ms after it starts creating (every fourth try 3–15 ms, to
//! land between creations too), 60 times. After every
//! kill each séance in the folder is whole (its opening and its two members), `sno-jury check`
//! never exits 1 for them, and what a kill leaves behind is at most a hidden temporary file
//! that no reader lists and the next creation of that name removes.
//!
//! The child is this very test binary, re-executed with an environment variable naming its
//! role (as in `engine_crash.rs`).
#![cfg(unix)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::kit::engine::*;
use sno_jury::session::{Membre, Seance, Verdict, check_dir, list_logs, read_log};

const CREATOR: &str = "SNO_TEST_CREATOR_DIR";
const TRIES: usize = 60;

fn commission() -> Vec<Membre> {
    vec![
        Membre {
            nom: "Durand".into(),
            qualite: "enseignant".into(),
        },
        Membre {
            nom: "Leroy".into(),
            qualite: "professionnel".into(),
        },
    ]
}

/// Child role: create séances `<prefix>-0`, `<prefix>-1`, … until killed.
fn run_creator(dir: &Path) -> ! {
    let r = r();
    let prefix = std::env::var("SNO_TEST_CREATOR_PREFIX").expect("prefix");
    println!("ready");
    for i in 0..10_000 {
        let info = e3_ponctuel(&r, &format!("{prefix}-{i}"), "0001");
        Seance::create_with_commission(dir, &r, info, &commission(), t(i), &no_prior())
            .expect("child creates");
        println!("created {i}");
    }
    std::process::exit(0);
}

/// SplitMix64, to spread the kill points deterministically.
fn next(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Every séance in `dir` is whole; returns how many there are.
fn all_whole(dir: &Path) -> usize {
    if !dir.exists() {
        return 0;
    }
    let logs = list_logs(dir).unwrap();
    for path in &logs {
        let log = read_log(path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(log.warning, None, "{}", path.display());
        let kinds: Vec<&str> = log.records.iter().map(|rec| rec.event.kind()).collect();
        assert_eq!(
            kinds,
            ["seance_opened", "member_added", "member_added"],
            "{}",
            path.display()
        );
    }
    logs.len()
}

fn check_exit(dir: &Path) -> i32 {
    let out = Command::new(env!("CARGO_BIN_EXE_sno-jury"))
        .args(["check", "--sessions"])
        .arg(dir)
        .env_remove("SNO_SESSIONS")
        .output()
        .expect("check runs");
    out.status.code().unwrap_or(-1)
}

#[test]
fn a_kill_during_creation_leaves_no_seance_or_a_whole_one() {
    if let Some(dir) = std::env::var_os(CREATOR) {
        run_creator(&PathBuf::from(dir));
    }
    let r = r();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("séances");
    let mut rng = 0x00C0_FFEE_u64;
    let started = Instant::now();
    let (mut with_none, mut by_child, mut leftovers) = (0, 0, 0);
    for attempt in 0..TRIES {
        let test = "a_kill_during_creation_leaves_no_seance_or_a_whole_one";
        let mut child = crate::kit::this_test(module_path!(), test)
            .env(CREATOR, &dir)
            .env("SNO_TEST_CREATOR_PREFIX", format!("t{attempt}"))
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("child spawned");
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        while !line.contains("ready") {
            line.clear();
            assert!(out.read_line(&mut line).unwrap() > 0, "child died early");
        }
        // Spun rather than slept so that sub-millisecond kills happen.
        let micros = if attempt % 4 == 3 {
            3_000 + next(&mut rng) % 12_000
        } else {
            next(&mut rng) % 3_000
        };
        let wait = Duration::from_micros(micros);
        let spin = Instant::now();
        while spin.elapsed() < wait {
            std::hint::spin_loop();
        }
        child.kill().expect("SIGKILL");
        child.wait().unwrap();
        let before = all_whole(&dir);
        let created = std::fs::read_dir(&dir).map_or(0, |d| {
            d.filter_map(Result::ok)
                .filter(|e| {
                    e.file_name()
                        .to_string_lossy()
                        .starts_with(&format!("t{attempt}-"))
                })
                .count()
        });
        with_none += usize::from(created == 0);
        by_child += created;
        let hidden: Vec<String> = std::fs::read_dir(&dir)
            .map(|d| {
                d.filter_map(Result::ok)
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|n| n.starts_with('.'))
                    .collect()
            })
            .unwrap_or_default();
        assert!(hidden.len() <= 1, "{hidden:?}");
        for name in &hidden {
            assert!(
                name.starts_with(&format!(".t{attempt}-")) && name.ends_with(".jsonl.tmp"),
                "{name}"
            );
            leftovers += 1;
            // The next creation of that name removes the leftover and succeeds.
            let id = &name[1..name.len() - ".jsonl.tmp".len()];
            let retried = Seance::create_with_commission(
                &dir,
                &r,
                e3_ponctuel(&r, id, "0001"),
                &commission(),
                t(0),
                &no_prior(),
            );
            match retried {
                Ok(_) => assert!(!dir.join(name).exists(), "{name} removed"),
                // The kill came between the link and the removal: the séance is there, whole.
                Err(e) => assert!(e.to_string().contains("existe déjà"), "{e}"),
            }
            let _ = std::fs::remove_file(dir.join(name));
        }
        if dir.exists() {
            assert_eq!(check_exit(&dir), 0, "check after try {attempt}");
            assert!(all_whole(&dir) >= before);
        }
    }
    let logs = if dir.exists() { all_whole(&dir) } else { 0 };
    let verdicts = if dir.exists() {
        check_dir(&dir, &r, t(86_400))
    } else {
        Vec::new()
    };
    assert!(
        verdicts.iter().all(|l| l.verdict == Verdict::Ok),
        "{verdicts:?}"
    );
    eprintln!(
        "creation kill loop: {TRIES} SIGKILLs in {:.1?}; {by_child} séances created by the \
         killed children ({with_none} tries none), {leftovers} temporary files left by a kill \
         (each removed by the next creation of its name); {logs} séances in the end, all whole",
        started.elapsed()
    );
    assert!(
        logs > 0,
        "no creation ever completed: the kills came too early"
    );
}
