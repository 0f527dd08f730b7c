//! [`Follower`]: calls a function soon after anything changes in some folders — through the
//! OS's file notifications (notify: inotify, FSEvents, ReadDirectoryChangesW), or, where they
//! cannot be had or fail (some network shares, a folder not created yet, too many watches),
//! by comparing the folders' [`Snapshot`] every half second (sizes and times: no file is read).
//!
//! The follower only says *something changed*; the caller compares snapshots to learn what.
//! Folders are watched, never files: a sync client replaces a log by renaming a new file over
//! it, which a watch on the old file would not see. Opening a file (our own reads) is no change.

use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

use notify::{EventKind, RecursiveMode, Watcher};

use super::snapshot::Snapshot;

/// How often the polling fallback compares the folders.
pub const POLL_INTERVAL: Duration = Duration::from_millis(500);

/// How the follower learns of changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Notify,
    Polling,
}

/// The function called on a change (from another thread).
type Wake = Box<dyn Fn() + Send + Sync>;

struct Shared {
    dirs: Vec<PathBuf>,
    wake: Wake,
    interval: Duration,
    /// Whether the polling thread runs, and whether it must stop.
    state: Mutex<(Mode, bool)>,
    stop: Condvar,
    poller: Mutex<Option<JoinHandle<()>>>,
}

/// Follows folders until dropped.
pub struct Follower {
    shared: Arc<Shared>,
    _watcher: Option<notify::RecommendedWatcher>,
}

impl Follower {
    /// Follows `dirs` (recursively: a centre's folder holds the juries' folders), calling `wake`
    /// after each change; polls every [`POLL_INTERVAL`] when `polling` is asked, when a folder
    /// is on a network file system ([`remote`]) or when notifications are unavailable.
    pub fn start(
        dirs: Vec<PathBuf>,
        polling: bool,
        wake: impl Fn() + Send + Sync + 'static,
    ) -> Follower {
        let polling = polling || dirs.iter().any(|d| remote(d));
        Follower::with(dirs, Box::new(wake), polling, POLL_INTERVAL)
    }

    /// [`Follower::start`], polling from the start when `polling` (tests, and whoever knows
    /// the folder is a share that sends no notifications).
    pub fn with(dirs: Vec<PathBuf>, wake: Wake, polling: bool, interval: Duration) -> Follower {
        let shared = Arc::new(Shared {
            dirs,
            wake,
            interval,
            state: Mutex::new((Mode::Notify, false)),
            stop: Condvar::new(),
            poller: Mutex::new(None),
        });
        let watcher = if polling {
            None
        } else {
            notifications(&shared)
        };
        if watcher.is_none() {
            start_polling(&shared);
        }
        Follower {
            shared,
            _watcher: watcher,
        }
    }

    pub fn mode(&self) -> Mode {
        lock(&self.shared.state).0
    }
}

impl Drop for Follower {
    fn drop(&mut self) {
        lock(&self.shared.state).1 = true;
        self.shared.stop.notify_all();
        let poller = lock(&self.shared.poller).take();
        if let Some(handle) = poller {
            let _ = handle.join();
        }
    }
}

/// Whether `dir` is on a network file system, where a change made by another machine raises
/// no notification here although watching succeeds (Linux: NFS, SMB/CIFS, FUSE mounts such as
/// sshfs or rclone). Elsewhere, or when it cannot be told: `false`.
#[cfg(target_os = "linux")]
pub fn remote(dir: &std::path::Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    const NFS: u32 = 0x6969;
    const SMB: u32 = 0x517b;
    const CIFS: u32 = 0xff53_4d42;
    const SMB2: u32 = 0xfe53_4d42;
    const FUSE: u32 = 0x6573_5546;
    let Ok(path) = std::ffi::CString::new(dir.as_os_str().as_bytes()) else {
        return false;
    };
    // SAFETY: an all-zero statfs is a valid value of this plain C struct.
    let mut st: libc::statfs = unsafe { std::mem::zeroed() };
    // SAFETY: `path` is NUL-terminated and `st` is writable for the duration of the call.
    if unsafe { libc::statfs(path.as_ptr(), &mut st) } != 0 {
        return false;
    }
    // The field's C type differs between libcs; the magic numbers are 32-bit.
    #[allow(clippy::unnecessary_cast)]
    let kind = st.f_type as u64 as u32;
    matches!(kind, NFS | SMB | CIFS | SMB2 | FUSE)
}

#[cfg(not(target_os = "linux"))]
pub fn remote(_dir: &std::path::Path) -> bool {
    false
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The OS's watcher on every folder, or `None` when one cannot be set up.
fn notifications(shared: &Arc<Shared>) -> Option<notify::RecommendedWatcher> {
    let weak = Arc::downgrade(shared);
    let handler = move |event: notify::Result<notify::Event>| {
        let Some(shared) = weak.upgrade() else {
            return;
        };
        on_event(&shared, event);
    };
    let mut watcher = notify::recommended_watcher(handler).ok()?;
    for dir in &shared.dirs {
        watcher.watch(dir, RecursiveMode::Recursive).ok()?;
    }
    Some(watcher)
}

/// A notification: a change wakes the caller; an error (events lost, the share gone) starts
/// the polling, which from then on sees every change.
fn on_event(shared: &Arc<Shared>, event: notify::Result<notify::Event>) {
    match event {
        Ok(e) if matches!(e.kind, EventKind::Access(_)) => {}
        Ok(_) => (shared.wake)(),
        Err(_) => {
            start_polling(shared);
            (shared.wake)();
        }
    }
}

/// Starts the polling thread once.
fn start_polling(shared: &Arc<Shared>) {
    {
        let mut st = lock(&shared.state);
        if st.0 == Mode::Polling || st.1 {
            return;
        }
        st.0 = Mode::Polling;
    }
    let weak = Arc::downgrade(shared);
    // The folders as they are now, before this returns: a change made just after is seen.
    let first = Snapshot::scan(&shared.dirs);
    let handle = std::thread::Builder::new()
        .name("sno-jury-suivi".into())
        .spawn(move || poll(&weak, first));
    if let Ok(h) = handle {
        *lock(&shared.poller) = Some(h);
    }
}

/// Compares the folders' snapshot every interval until the follower is dropped.
fn poll(weak: &std::sync::Weak<Shared>, first: Snapshot) {
    let Some(shared) = weak.upgrade() else {
        return;
    };
    let mut last = first;
    loop {
        {
            let st = lock(&shared.state);
            let (st, _) = shared
                .stop
                .wait_timeout_while(st, shared.interval, |s| !s.1)
                .unwrap_or_else(PoisonError::into_inner);
            if st.1 {
                return;
            }
        }
        let now = Snapshot::scan(&shared.dirs);
        if !last.changes(&now).is_empty() {
            (shared.wake)();
        }
        last = now;
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Instant;

    use super::*;

    fn counter() -> (Arc<AtomicUsize>, Wake) {
        let n = Arc::new(AtomicUsize::new(0));
        let m = Arc::clone(&n);
        (
            n,
            Box::new(move || {
                m.fetch_add(1, Ordering::SeqCst);
            }),
        )
    }

    fn waits_for(n: &AtomicUsize, above: usize, within: Duration) -> bool {
        let deadline = Instant::now() + within;
        while Instant::now() < deadline {
            if n.load(Ordering::SeqCst) > above {
                return true;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        false
    }

    #[test]
    fn polling_sees_appends_and_replacements_within_an_interval_and_nothing_else() {
        let d = tempfile::tempdir().unwrap();
        let log = d.path().join("s.jsonl");
        std::fs::write(&log, "1\n").unwrap();
        let (n, wake) = counter();
        let interval = Duration::from_millis(100);
        let f = Follower::with(vec![d.path().to_path_buf()], wake, true, interval);
        assert_eq!(f.mode(), Mode::Polling);
        // Nothing changes: no wake-up, however many intervals pass; reading is no change.
        std::thread::sleep(interval * 4);
        let _ = std::fs::read(&log).unwrap();
        std::thread::sleep(interval * 2);
        assert_eq!(n.load(Ordering::SeqCst), 0);
        std::fs::OpenOptions::new()
            .append(true)
            .open(&log)
            .and_then(|mut f| std::io::Write::write_all(&mut f, b"2\n"))
            .unwrap();
        assert!(waits_for(&n, 0, interval * 5), "an append is seen");
        let seen = n.load(Ordering::SeqCst);
        let tmp = d.path().join(".s.jsonl.sync");
        std::fs::write(&tmp, "1\n2\n3\n").unwrap();
        std::fs::rename(&tmp, &log).unwrap();
        assert!(waits_for(&n, seen, interval * 5), "a rename over is seen");
        drop(f);
    }

    #[test]
    fn an_error_of_the_notifications_falls_back_to_polling() {
        let d = tempfile::tempdir().unwrap();
        let (n, wake) = counter();
        let f = Follower::with(
            vec![d.path().to_path_buf()],
            wake,
            false,
            Duration::from_millis(50),
        );
        assert_eq!(f.mode(), Mode::Notify);
        on_event(&f.shared, Err(notify::Error::generic("share gone")));
        assert_eq!(f.mode(), Mode::Polling);
        let woken = n.load(Ordering::SeqCst);
        assert!(woken >= 1, "the caller looks again at once");
        std::fs::write(d.path().join("new.jsonl"), "1\n").unwrap();
        assert!(waits_for(&n, woken, Duration::from_secs(2)));
    }

    #[test]
    fn a_folder_that_cannot_be_watched_is_polled() {
        let d = tempfile::tempdir().unwrap();
        let absent = d.path().join("pas-encore");
        let (n, wake) = counter();
        let f = Follower::with(vec![absent.clone()], wake, false, Duration::from_millis(50));
        assert_eq!(f.mode(), Mode::Polling);
        std::fs::create_dir(&absent).unwrap();
        std::fs::write(absent.join("s.jsonl"), "1\n").unwrap();
        assert!(waits_for(&n, 0, Duration::from_secs(2)));
    }

    #[test]
    fn a_local_folder_is_not_remote() {
        let d = tempfile::tempdir().unwrap();
        assert!(!remote(d.path()));
        assert!(!remote(&d.path().join("absent")));
    }

    #[test]
    fn notifications_see_a_new_log_quickly() {
        let d = tempfile::tempdir().unwrap();
        let (n, wake) = counter();
        let f = Follower::with(vec![d.path().to_path_buf()], wake, false, POLL_INTERVAL);
        if f.mode() != Mode::Notify {
            println!("skipped: this system gives no file notifications here");
            return;
        }
        std::fs::write(d.path().join("s.jsonl"), "1\n").unwrap();
        assert!(waits_for(&n, 0, Duration::from_millis(500)));
    }
}
