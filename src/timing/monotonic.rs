//! The only code of the library that reads the system's clocks: [`now`] gives the app a
//! [`Stamp`] (wall clock + monotonic clock + this run's identifier) to pass to
//! `Seance::record`, `Seance::observe` and `SeanceState::time_of`. The rest of the core takes
//! time as a value.
//!
//! The monotonic clock must keep counting while the laptop sleeps (the épreuve goes on in the
//! room) and must ignore steps of the system clock:
//! - Linux and Android: `CLOCK_BOOTTIME` (`CLOCK_MONOTONIC` stops during suspend);
//! - macOS and iOS: `CLOCK_MONOTONIC`, which on Apple systems counts the sleep (Rust's
//!   `Instant` there is `CLOCK_UPTIME_RAW`, which does not);
//! - Windows: `GetTickCount64`, milliseconds since boot, sleep and hibernation included
//!   (`QueryUnbiasedInterruptTime` leaves them out); its resolution is 10–16 ms;
//! - elsewhere, or if the system call fails: `std::time::Instant` from the first reading, which
//!   may stop during a sleep (then the sleep shows as a `jump` anomaly and the time slept is
//!   not counted within the run).

use std::hash::{BuildHasher, Hasher};
use std::sync::OnceLock;
use std::time::Instant;

use chrono::Utc;

use crate::session::{RunId, Stamp};

/// Both clocks now, with this run's identifier.
pub fn now() -> Stamp {
    let wall = Utc::now();
    Stamp::new(wall, run_id(), monotonic_ms())
}

/// This process's run identifier: random, fixed for the life of the process.
pub fn run_id() -> RunId {
    static RUN: OnceLock<RunId> = OnceLock::new();
    *RUN.get_or_init(|| {
        // `RandomState` is seeded from the OS's random source; the pid and the time make two
        // runs differ even if it were not.
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u32(std::process::id());
        h.write_i64(Utc::now().timestamp_micros());
        h.write_u64(os::read_ms().unwrap_or(0));
        RunId(h.finish())
    })
}

/// The monotonic clock in milliseconds (see the module doc for which clock).
pub fn monotonic_ms() -> u64 {
    /// Whether the OS clock works, decided once: mixing it with the fallback, whose origin
    /// differs, would make readings of one run incomparable.
    static OS: OnceLock<bool> = OnceLock::new();
    static ORIGIN: OnceLock<Instant> = OnceLock::new();
    if *OS.get_or_init(|| os::read_ms().is_some())
        && let Some(ms) = os::read_ms()
    {
        return ms;
    }
    let origin = *ORIGIN.get_or_init(Instant::now);
    u64::try_from(origin.elapsed().as_millis()).unwrap_or(u64::MAX)
}

#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
mod os {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    const CLOCK: libc::clockid_t = libc::CLOCK_BOOTTIME;
    #[cfg(target_vendor = "apple")]
    const CLOCK: libc::clockid_t = libc::CLOCK_MONOTONIC;

    pub fn read_ms() -> Option<u64> {
        let mut ts = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: `ts` is a valid, writable timespec for the duration of the call.
        let rc = unsafe { libc::clock_gettime(CLOCK, &mut ts) };
        if rc != 0 {
            return None;
        }
        let secs = u64::try_from(ts.tv_sec).ok()?;
        let nanos = u64::try_from(ts.tv_nsec).ok()?;
        secs.checked_mul(1000)?.checked_add(nanos / 1_000_000)
    }
}

#[cfg(windows)]
mod os {
    #[link(name = "kernel32")]
    unsafe extern "system" {
        fn GetTickCount64() -> u64;
    }

    pub fn read_ms() -> Option<u64> {
        // SAFETY: no arguments, no preconditions; available since Windows Vista.
        Some(unsafe { GetTickCount64() })
    }
}

#[cfg(not(any(
    target_os = "linux",
    target_os = "android",
    target_vendor = "apple",
    windows
)))]
mod os {
    pub fn read_ms() -> Option<u64> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readings_of_one_run_go_forward_with_real_time() {
        let a = now();
        std::thread::sleep(std::time::Duration::from_millis(30));
        let b = now();
        let run = a.mono.map(|m| m.run);
        assert_eq!(run, b.mono.map(|m| m.run));
        assert_eq!(run, Some(run_id()));
        let elapsed = b.mono_since(&a).expect("same run");
        // Windows' tick is 10–16 ms; the sleep lasts at least 30 ms.
        assert!((14..5_000).contains(&elapsed), "{elapsed} ms");
    }

    #[cfg(any(
        target_os = "linux",
        target_os = "android",
        target_vendor = "apple",
        windows
    ))]
    #[test]
    fn the_os_clock_is_used_where_there_is_one() {
        assert!(os::read_ms().is_some());
    }
}
