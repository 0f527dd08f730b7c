//! Input latency of the real app, end to end: the release binary runs in a pseudo-terminal at
//! 100×30 (the end-to-end tests' pty and terminal emulator); a séance is opened through the start
//! screen and the wizard, the grid is shown, and a criterion is positioned alternately S and TS
//! by 200 key presses. For each press, from the moment the key is written to the pty:
//!
//! - **logged**: the séance log has grown by the new line (polled with `stat`);
//! - **drawn**: the terminal shows the new level. The app draws only after `Seance::record` has
//!   returned, i.e. after `sync_data`: so this is also an upper bound of "synced on disk".
//!
//! Prints the median, 90th percentile and worst of each. Run: `cargo bench --bench latency`
//! (`LATENCY_PRESSES=N` to change the count). Under `cargo test --benches` it makes 10 presses.
//! Unix only (a pty); elsewhere it says so.

// The kit's pty launcher; the bench uses only that part of it.
#[cfg(unix)]
#[allow(unused_imports)]
#[path = "../tests/kit/mod.rs"]
mod kit;

#[cfg(not(unix))]
fn main() {
    println!("latency: needs a Unix pseudo-terminal; not measured here");
}

#[cfg(unix)]
fn main() {
    pty::run();
}

#[cfg(unix)]
mod pty {
    use std::io::Write;
    use std::path::{Path, PathBuf};
    use std::time::{Duration, Instant};

    use super::kit::pty::{Running, level_cells, open_e1, the_log};

    fn log_len(path: &Path) -> u64 {
        std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
    }

    fn percentile(sorted: &[Duration], p: f64) -> Duration {
        let i = ((sorted.len() - 1) as f64 * p).round() as usize;
        sorted[i]
    }

    fn ms(d: Duration) -> String {
        format!("{:.2} ms", d.as_secs_f64() * 1e3)
    }

    fn report(name: &str, mut v: Vec<Duration>) {
        v.sort();
        println!(
            "  {name:<8} median {:>9}   p90 {:>9}   worst {:>9}   best {:>9}",
            ms(percentile(&v, 0.5)),
            ms(percentile(&v, 0.9)),
            ms(*v.last().expect("measured")),
            ms(v[0]),
        );
    }

    pub fn run() {
        let bench = std::env::args().any(|a| a == "--bench");
        let presses: usize = std::env::var("LATENCY_PRESSES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(if bench { 200 } else { 10 });
        let tmp = tempfile::tempdir().expect("temp dir");
        let sessions: PathBuf = tmp.path().join("séances");
        let dir = sessions.to_str().expect("UTF-8 path");

        let mut app = Running::start(&["--sessions", dir], tmp.path());
        // No phase started: nothing else redraws the screen while keys are measured.
        open_e1(&mut app);
        app.send("g");
        app.wait_for("0/15 critères positionnés");
        let (at_s, at_ts) = (level_cells(2), level_cells(3));
        app.send("3");
        app.wait_for(&at_s);
        let log = &the_log(&sessions);

        let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
        let mut logged = Vec::with_capacity(presses);
        let mut drawn = Vec::with_capacity(presses);
        for i in 0..presses {
            let (key, expect) = if i % 2 == 0 {
                ("4", &at_ts)
            } else {
                ("3", &at_s)
            };
            let before = log_len(log);
            let t0 = Instant::now();
            app.session.write_all(key.as_bytes()).expect("key written");
            app.session.flush().expect("flushed");
            let (mut t_log, mut t_draw) = (None, None);
            while t_log.is_none() || t_draw.is_none() {
                if t_log.is_none() && log_len(log) > before {
                    t_log = Some(t0.elapsed());
                }
                if t_draw.is_none() {
                    app.pump();
                    if app.screen.text().contains(expect.as_str()) {
                        t_draw = Some(t0.elapsed());
                    }
                }
                assert!(
                    t0.elapsed() < Duration::from_secs(10),
                    "press {i} ({key}) never showed; screen:\n{}",
                    app.screen.text()
                );
                std::thread::sleep(Duration::from_micros(50));
            }
            let (l, d) = (t_log.expect("logged"), t_draw.expect("drawn"));
            assert!(l <= d, "press {i}: drawn before it was logged");
            logged.push(l);
            drawn.push(d);
        }
        app.send("q");
        app.wait_exit();
        let lines = std::fs::read_to_string(log).expect("log").lines().count();
        println!(
            "latency: {presses} key presses (criterion alternately S / TS), 100×30 pty, log on {}",
            tmp.path().display()
        );
        println!("  load average before: {}", load.trim());
        report("logged", logged);
        report("drawn", drawn);
        println!(
            "  the log holds {lines} lines (séance opened, 2 members, 1 + {presses} positions)"
        );
        let _ = std::io::stdout().flush();
    }
}
