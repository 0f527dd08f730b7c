//! Review and export at scale, measured the way a coordinator meets them: the real binary
//! (`sno-jury revue --plain`, `sno-jury exporter`) run on folders of 10,000 and 100,000
//! finished séances (E1, E2, E3 ponctuel, one candidate each, every grid validated; about 40
//! lines per log), each timed against a floor measured in the same run on the same files:
//! reading and hashing them all, `cat *.jsonl | sha256sum`. A review must at least read every
//! byte and verify its hash chain, so the floor is what the disk, the page cache and SHA-256
//! cost on this machine today; the ratio to it is what our code adds, and stays comparable
//! between a quiet laptop and a loaded CI runner.
//!
//! Printed for each size: the floor's and each command's best wall time of three runs (after a
//! warm-up run, so every measurement reads from the page cache), the ratio, the peak resident
//! memory of the command (GNU time's maximum RSS) and the memory per séance; then how time and
//! memory grow from the smaller size to the larger (linear: time ×10 for ×10 séances, memory
//! bounded by what the review keeps per séance, not by the logs' size). The targets of issue 15
//! (≤ 2× the floor, ≤ 60 MB at 10,000 séances) are checked and said, not asserted: a benchmark
//! informs, it does not fail a build.
//!
//! Run: `cargo bench --bench review` (`REVIEW_SIZES=10000,100000` to change the sizes;
//! `REVIEW_KEEP_DIR=DIR` to keep the generated folders under DIR). Needs a Unix shell with
//! `find`, `xargs`, `sha256sum` and GNU time at `/usr/bin/time`; says so and stops otherwise.

#[path = "../tests/kit/mod.rs"]
mod kit;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use kit::logs::write_finished_seances;

/// Targets of issue 15 at 10,000 séances.
const MAX_RATIO: f64 = 2.0;
const MAX_RSS_MB: f64 = 60.0;
const RUNS: usize = 3;

/// One timed command: best wall time over [`RUNS`] and the largest peak RSS seen.
struct Measure {
    secs: f64,
    rss_mb: f64,
}

fn main() {
    // `cargo bench` passes `--bench`; nothing else to parse.
    if let Some(missing) = ["/usr/bin/time", "/usr/bin/sha256sum", "/usr/bin/xargs"]
        .iter()
        .find(|p| !Path::new(p).exists())
    {
        println!("review bench skipped: {missing} is missing (GNU time and coreutils needed)");
        return;
    }
    let sizes: Vec<usize> = std::env::var("REVIEW_SIZES")
        .ok()
        .map(|v| v.split(',').filter_map(|s| s.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10_000, 100_000]);
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_sno-jury"));
    let keep = std::env::var_os("REVIEW_KEEP_DIR").map(PathBuf::from);
    let tmp = tempfile::tempdir().expect("temp dir");
    let root = keep.unwrap_or_else(|| tmp.path().to_path_buf());
    println!(
        "cores: {}",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );

    let mut rows: Vec<(usize, Measure, Measure, Measure)> = Vec::new();
    for &n in &sizes {
        let dir = root.join(format!("seances-{n}"));
        let bytes = fixture(&dir, n);
        println!(
            "\n{n} séances, {:.1} MB of logs in {}",
            bytes as f64 / 1e6,
            dir.display()
        );
        let out = root.join(format!("notes-{n}.csv"));
        let floor = measure(&format!(
            "find '{}' -maxdepth 1 -name '*.jsonl' -print0 | xargs -0 cat | sha256sum >/dev/null",
            dir.display()
        ));
        let revue = measure(&format!(
            "'{}' --sessions '{}' revue --plain >/dev/null 2>&1",
            bin.display(),
            dir.display()
        ));
        let export = measure(&format!(
            "'{}' --sessions '{}' exporter --out '{}' >/dev/null 2>&1",
            bin.display(),
            dir.display(),
            out.display()
        ));
        println!(
            "{:<32} {:>8} {:>7} {:>9} {:>10}",
            "", "temps", "ratio", "mémoire", "par séance"
        );
        for (name, m) in [
            ("plancher: cat | sha256sum", &floor),
            ("sno-jury revue --plain", &revue),
            ("sno-jury exporter (CSV)", &export),
        ] {
            println!(
                "{name:<32} {:>7.2}s {:>6.2}× {:>6.1} MB {:>7.1} kB",
                m.secs,
                m.secs / floor.secs,
                m.rss_mb,
                m.rss_mb * 1e3 / n as f64
            );
        }
        if n == 10_000 {
            for (name, m) in [("revue", &revue), ("exporter", &export)] {
                let ratio = m.secs / floor.secs;
                println!(
                    "target at 10,000 ({name}): ≤ {MAX_RATIO}× floor → {ratio:.2}× {}; ≤ {MAX_RSS_MB} MB → {:.1} MB {}",
                    verdict(ratio <= MAX_RATIO),
                    m.rss_mb,
                    verdict(m.rss_mb <= MAX_RSS_MB)
                );
            }
        }
        rows.push((n, floor, revue, export));
    }
    for pair in rows.windows(2) {
        let ((n0, f0, r0, e0), (n1, f1, r1, e1)) = (&pair[0], &pair[1]);
        let scale = *n1 as f64 / *n0 as f64;
        println!(
            "\n{n0} → {n1} séances (×{scale:.0}): floor ×{:.1}, revue ×{:.1} in time and ×{:.1} in memory, exporter ×{:.1} in time and ×{:.1} in memory",
            f1.secs / f0.secs,
            r1.secs / r0.secs,
            r1.rss_mb / r0.rss_mb,
            e1.secs / e0.secs,
            e1.rss_mb / e0.rss_mb
        );
    }
}

fn verdict(ok: bool) -> &'static str {
    if ok { "(atteint)" } else { "(NON atteint)" }
}

/// Writes the folder once; reuses it when a kept folder already holds `n` logs.
fn fixture(dir: &Path, n: usize) -> u64 {
    let existing = std::fs::read_dir(dir).map_or(0, |d| d.count());
    if existing == n {
        return std::fs::read_dir(dir)
            .expect("fixture dir")
            .filter_map(|e| e.ok()?.metadata().ok())
            .map(|m| m.len())
            .sum();
    }
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).expect("fixture dir");
    let started = Instant::now();
    let bytes = write_finished_seances(&kit::r(), dir, n);
    println!(
        "generated {n} logs in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    bytes
}

/// Runs `script` under GNU time once to warm the page cache, then [`RUNS`] times.
fn measure(script: &str) -> Measure {
    let mut best = Measure {
        secs: f64::INFINITY,
        rss_mb: 0.0,
    };
    for run in 0..=RUNS {
        let report = tempfile::NamedTempFile::new().expect("time report");
        let started = Instant::now();
        let status = Command::new("/usr/bin/time")
            .arg("-f")
            .arg("%M")
            .arg("-o")
            .arg(report.path())
            .args(["sh", "-c", script])
            .stdin(Stdio::null())
            .status()
            .expect("run under /usr/bin/time");
        let secs = started.elapsed().as_secs_f64();
        assert!(
            status.success() || status.code() == Some(2),
            "{script}: {status}"
        );
        if run == 0 {
            continue;
        }
        // GNU time's %M is the largest resident set of the command's processes, in KiB.
        let kib: f64 = std::fs::read_to_string(report.path())
            .ok()
            .and_then(|s| s.lines().last()?.trim().parse().ok())
            .unwrap_or(0.0);
        best.secs = best.secs.min(secs);
        best.rss_mb = best.rss_mb.max(kib * 1024.0 / 1e6);
    }
    best
}
