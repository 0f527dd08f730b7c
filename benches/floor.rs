//! The floor `benches/resources.sh` holds the app against: about the least a terminal countdown
//! can cost, a program that rewrites `mm:ss` once a second and sleeps in between. The script
//! runs it beside the app, in the same kind of terminal, and prints the app's CPU over its own.
use std::io::Write;
use std::time::{Duration, Instant};

fn main() {
    // `cargo bench` runs every bench target with `--bench`: this one is only for the script.
    if std::env::args().any(|a| a == "--bench") {
        return println!("floor: run by benches/resources.sh, beside the app");
    }
    let (start, total) = (Instant::now(), 25 * 60u64);
    let mut out = std::io::stdout();
    for s in 0..=total {
        let left = total - s;
        let _ = write!(out, "\r{:02}:{:02}", left / 60, left % 60);
        let _ = out.flush();
        // To the next whole second from the start: no drift, one wake-up a second.
        std::thread::sleep(
            (start + Duration::from_secs(s + 1)).saturating_duration_since(Instant::now()),
        );
    }
}
