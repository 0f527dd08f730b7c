//! Session engine benchmarks: the fold of a séance of 10,000 events (`session::replay`), reading
//! and verifying a 10,000-line log from disk (what resume, review and check do first), and the
//! append + sync of one event (`Seance::record`, the latency of every jury action).
//!
//! Run: `cargo bench --bench session`. Figures go to the README's "Performance and reliability".

#[path = "../tests/kit/mod.rs"]
mod kit;

use divan::{AllocProfiler, Bencher, black_box};
use kit::logs::*;
use sno_jury::grading::Niveau;
use sno_jury::session::{Event, Seance, read_log, replay};

#[global_allocator]
static ALLOC: AllocProfiler = AllocProfiler::system();

const EVENTS: usize = 10_000;

fn main() {
    divan::main();
}

/// The pure fold over 10,000 records already in memory.
#[divan::bench(sample_count = 20)]
fn fold_10000_events(b: Bencher) {
    let r = r();
    let info = group_info(&r, "bench-fold");
    let (records, _) = chained(&info, group_events(&r, &info, EVENTS - 1));
    assert_eq!(records.len(), EVENTS);
    let prior = no_prior();
    b.bench_local(|| replay(&r, black_box(&records), &prior).expect("replays"));
}

/// Read, parse and verify the hash chain of a 10,000-line log on disk (no fold).
#[divan::bench(sample_count = 20)]
fn read_log_10000_lines(b: Bencher) {
    let r = r();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bench-read.jsonl");
    write_group_log(&r, &path, "bench-read", EVENTS);
    b.bench_local(|| {
        let log = read_log(black_box(&path)).expect("reads");
        assert_eq!(log.records.len(), EVENTS);
        log
    });
}

/// One jury action end to end in the engine: check against the state, append the line,
/// `sync_data`, apply. Runs in a temp dir (on this machine's file system: the sync dominates).
#[divan::bench(sample_count = 200)]
fn record_one_event_synced(b: Bencher) {
    let r = r();
    let dir = tempfile::tempdir().expect("temp dir");
    let info = group_info(&r, "bench-record");
    let mut s = Seance::create(dir.path(), &r, info.clone(), t(0), &no_prior()).expect("created");
    let crits = criteres(&r, &info);
    let numero = info.candidats[0].numero.clone();
    let mut i = 0usize;
    b.bench_local(|| {
        i += 1;
        // Alternating positionings: the state does not grow, only the log does.
        let e = Event::CriterionPositioned {
            candidat: numero.clone(),
            critere: crits[i % crits.len()].clone(),
            niveau: Niveau::ALL[i % 4],
        };
        s.record(&r, e, t(i as i64)).expect("recorded").last_seq
    });
}
