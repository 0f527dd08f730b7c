//! Repeated crashes through the real TUI: the binary runs in a pty, a séance is opened and its
//! phase started, then, round after round, the jury positions the first criterion (cycling
//! TI → I → S → TS), each press *acknowledged* when the screen shows its level; a burst of
//! further presses is sent without waiting and the process is SIGKILLed a few milliseconds
//! later, anywhere. After each kill:
//!
//! - the log reads (at most a torn last line, dropped with a warning) and the levels it holds
//!   are exactly the first presses, in order: every acknowledged one, maybe some of the burst,
//!   never one twice or out of order;
//! - the restarted app resumes the séance from the start screen with the phase still running
//!   and shows the last level the log holds.
#![cfg(unix)]

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use crate::kit::pty::*;
use sno_jury::grading::Niveau;
use sno_jury::referentiel::load_embedded;
use sno_jury::session::{self, Event};

const ROUNDS: usize = 10;
const ACKED_PER_ROUND: usize = 4;
const BURST: usize = 3;

/// The level of press number `n` (0-based), cycling so that consecutive presses differ.
fn level(n: usize) -> usize {
    n % 4
}

/// The levels of the first criterion in the log, in order; and whether a torn line was dropped.
fn logged_levels(log: &Path) -> (Vec<usize>, bool) {
    let read = session::read_log(log).expect("the log reads after a crash");
    let r = load_embedded().expect("référentiel");
    let first = r.epreuve("E1").expect("E1").competences[0].clone();
    let critere = r.competence(&first).expect("C1.1").criteres[0].id.clone();
    let levels = read
        .records
        .iter()
        .filter_map(|rec| match &rec.event {
            Event::CriterionPositioned {
                critere: c, niveau, ..
            } if *c == critere => Niveau::ALL.iter().position(|n| n == niveau),
            _ => None,
        })
        .collect();
    (levels, read.warning.is_some())
}

#[test]
fn every_acknowledged_action_survives_repeated_sigkill() {
    let tmp = tempfile::tempdir().unwrap();
    let sessions = tmp.path().join("séances");
    let args = ["--sessions", sessions.to_str().unwrap()];
    // Presses in the log so far; `acked`: how many of them the screen had shown.
    let mut logged = 0usize;
    let mut acked_total = 0usize;
    let mut burst_landed = 0usize;
    let mut presses_seen = 0usize;
    for round in 0..ROUNDS {
        let mut app = Running::start(&args, tmp.path());
        if round == 0 {
            open_e1(&mut app);
            app.send(" ");
            app.wait_for("p pause");
            app.send("g");
            app.wait_for("0/15 critères positionnés");
        } else {
            app.wait_for("phase A en cours");
            app.send("\r");
            app.wait_for("p pause"); // resumed on the timer, phase A still running
            app.send("g");
            app.wait_for("1/15 critères positionnés");
            app.wait_for(&level_cells(level(logged - 1)));
        }
        for _ in 0..ACKED_PER_ROUND {
            app.send(&(level(logged) + 1).to_string());
            app.wait_for(&level_cells(level(logged)));
            logged += 1;
            acked_total = logged;
            presses_seen += 1;
        }
        // Not acknowledged: sent at once, killed after 0–4 ms, wherever the app is.
        let burst: String = (0..BURST)
            .map(|k| (level(logged + k) + 1).to_string())
            .collect();
        app.send(&burst);
        std::thread::sleep(Duration::from_micros((round as u64 * 1_700) % 4_000));
        app.kill();

        let log = the_log(&sessions);
        let (levels, _torn) = logged_levels(&log);
        let expected: Vec<usize> = (0..levels.len()).map(level).collect();
        assert_eq!(
            levels, expected,
            "round {round}: presses lost, doubled or reordered"
        );
        assert!(
            levels.len() >= acked_total,
            "round {round}: {} acknowledged presses, {} in the log",
            acked_total,
            levels.len()
        );
        assert!(levels.len() <= acked_total + BURST, "more than was sent");
        burst_landed += levels.len() - acked_total;
        logged = levels.len();
    }
    eprintln!(
        "{ROUNDS} kills: all {presses_seen} presses seen on screen kept; {burst_landed} of {} \
         presses sent just before a kill had reached the log (and were shown after restart)",
        ROUNDS * BURST
    );

    // A last restart: the séance is whole, the phase still runs, and a clean quit works.
    let mut app = Running::start(&args, tmp.path());
    app.wait_for("phase A en cours");
    app.send("\r");
    app.wait_for("p pause");
    app.send("g");
    app.wait_for(&level_cells(level(logged - 1)));
    app.send("q");
    app.wait_for("Quitter sno-jury ?");
    app.send("o");
    app.wait_exit();
    let log = session::read_log(&the_log(&sessions)).unwrap();
    assert_eq!(
        log.warning, None,
        "the torn tail, if any, was repaired on resume"
    );
    let state = session::replay(&load_embedded().unwrap(), &log.records, &BTreeMap::new())
        .expect("the log replays");
    assert!(
        state.running().is_some(),
        "phase A ran on through every crash"
    );
}
