//! Review and export at scale: 10,000 finished séances (E1, E2, E3 ponctuel, one candidate
//! each, every grid validated; about 40 lines per log) are generated in a temp dir, then timed:
//! reading and verifying every log and building the review report (`review::load`), the CSV of
//! proposed notes from that report (`export::notes::export`), and both together — what
//! `sno-jury export` does. divan's allocation profiler gives the heap peak of each ("max
//! alloc"); the bench also prints the process's peak resident memory (VmHWM).
//!
//! Run: `cargo bench --bench review` (`REVIEW_SEANCES=N` to change the count;
//! `REVIEW_KEEP_DIR=DIR` to keep the generated logs in DIR, e.g. to time `sno-jury export` on
//! them with `/usr/bin/time -v`).

mod support;

use std::path::PathBuf;
use std::sync::{LazyLock, Mutex};

use divan::{AllocProfiler, Bencher, black_box};
use sno_jury::export::{Format, notes};
use sno_jury::review::{self, Tz};
use support::*;

#[global_allocator]
static ALLOC: AllocProfiler = AllocProfiler::system();

/// The generated sessions dir, made once for all benchmarks of the run.
static FIXTURE: LazyLock<(tempfile::TempDir, PathBuf, usize)> = LazyLock::new(|| {
    let n = std::env::var("REVIEW_SEANCES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let dir = tempfile::tempdir().expect("temp dir");
    // REVIEW_KEEP_DIR=path: write the logs there and keep them, to time the real CLI on them.
    let target =
        std::env::var_os("REVIEW_KEEP_DIR").map_or(dir.path().to_path_buf(), PathBuf::from);
    std::fs::create_dir_all(&target).expect("fixture dir");
    let started = std::time::Instant::now();
    let bytes = write_finished_seances(&r(), &target, n);
    note(format!(
        "fixture: {n} séance logs, {:.1} MB, generated in {:.1} s; VmHWM then: {}",
        bytes as f64 / 1e6,
        started.elapsed().as_secs_f64(),
        hwm()
    ));
    (dir, target, n)
});

/// Figures printed after divan's table (printing during a benchmark would break the table).
static NOTES: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn note(s: String) {
    NOTES.lock().expect("notes").push(s);
}

fn sessions() -> (PathBuf, usize) {
    (FIXTURE.1.clone(), FIXTURE.2)
}

fn hwm() -> String {
    vm_hwm_kib().map_or("n/a".into(), |k| {
        format!("{:.1} MB", k as f64 * 1024.0 / 1e6)
    })
}

fn main() {
    LazyLock::force(&FIXTURE);
    divan::main();
    for n in NOTES.lock().expect("notes").iter() {
        println!("{n}");
    }
    println!(
        "peak resident memory of the whole bench process (VmHWM): {}",
        hwm()
    );
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn review_load_10000_seances(b: Bencher) {
    let r = r();
    let (dir, n) = sessions();
    b.bench_local(|| {
        let report = review::load(&r, black_box(&dir), Tz::Utc).expect("review");
        assert_eq!(report.entries.len(), n);
        report
    });
    note(format!("after review_load: VmHWM {}", hwm()));
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn export_csv_10000_seances(b: Bencher) {
    let r = r();
    let (dir, n) = sessions();
    let report = review::load(&r, &dir, Tz::Utc).expect("review");
    let out = FIXTURE.0.path().join("notes.csv");
    b.bench_local(|| {
        let outcome = notes::export(&r, black_box(&report), &out, Format::Francais, false, t(0))
            .expect("export");
        assert_eq!(outcome.rows, n);
        assert!(outcome.complete());
    });
    let size = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
    note(format!("CSV: {n} rows, {:.2} MB", size as f64 / 1e6));
}

/// `sno-jury export`: read every log, build the report, write the CSV.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn review_and_export_10000_seances(b: Bencher) {
    let r = r();
    let (dir, n) = sessions();
    let out = FIXTURE.0.path().join("notes-bout-en-bout.csv");
    b.bench_local(|| {
        let report = review::load(&r, &dir, Tz::Utc).expect("review");
        let outcome =
            notes::export(&r, &report, &out, Format::Francais, false, t(0)).expect("export");
        assert_eq!(outcome.rows, n);
    });
    note(format!("after review_and_export: VmHWM {}", hwm()));
}
