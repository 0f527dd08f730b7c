//! One channel for the loops that follow a folder (`affichage`, `revue --suivre`): the
//! terminal's events (keys, resizes) read by a thread of their own, and the follower's
//! « something changed » ([`crate::follow::Follower`]). The loop blocks on the channel, with a
//! deadline only while a countdown runs: no polling of the terminal, no frame rate.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

use crossterm::event::{self, Event};

use crate::follow::{Follower, Mode};

/// Why a following loop woke up.
#[derive(Debug)]
pub enum Wake {
    /// A key, a resize, a paste.
    Input(Event),
    /// Something changed in the folders followed (possibly several changes: see [`Wakes::next`]).
    Files,
    /// The deadline passed (the next displayed second).
    Time,
    /// The terminal is gone, or the system asks the program to end (SIGTERM, SIGHUP, SIGINT,
    /// SIGQUIT on Unix): the loop returns and the terminal is restored.
    Closed,
}

/// The wake-ups of a following loop. The follower lives as long as this.
pub struct Wakes {
    rx: Receiver<Wake>,
    /// An input found behind file changes while coalescing them: the next wake-up.
    pending: Option<Wake>,
    follower: Follower,
    #[cfg(unix)]
    signals: Option<signal_hook::iterator::Handle>,
}

impl Wakes {
    /// Starts the terminal's reading thread and follows `dirs` (by polling when `polling`).
    pub fn start(dirs: Vec<PathBuf>, polling: bool) -> Wakes {
        let (tx, rx) = mpsc::channel();
        let files = tx.clone();
        #[cfg(unix)]
        let signals = signals(tx.clone());
        let follower = Follower::start(dirs, polling, move || {
            let _ = files.send(Wake::Files);
        });
        // The reading thread blocks on the terminal; it ends with the process (a key read
        // after the loop ended is dropped with the channel).
        let _ = std::thread::Builder::new()
            .name("sno-jury-clavier".into())
            .spawn(move || {
                while let Ok(e) = event::read() {
                    if tx.send(Wake::Input(e)).is_err() {
                        return;
                    }
                }
                let _ = tx.send(Wake::Closed);
            });
        Wakes {
            rx,
            pending: None,
            follower,
            #[cfg(unix)]
            signals,
        }
    }

    /// Whether the folders are followed through notifications or by polling.
    pub fn mode(&self) -> Mode {
        self.follower.mode()
    }

    /// Waits for the next wake-up, `timeout` at most (`None`: as long as it takes). Several
    /// file changes already queued count as one: a burst of appends is read once.
    pub fn next(&mut self, timeout: Option<Duration>) -> Wake {
        if let Some(w) = self.pending.take() {
            return w;
        }
        let first = match timeout {
            Some(t) => match self.rx.recv_timeout(t) {
                Ok(w) => w,
                Err(RecvTimeoutError::Timeout) => return Wake::Time,
                Err(RecvTimeoutError::Disconnected) => return Wake::Closed,
            },
            None => match self.rx.recv() {
                Ok(w) => w,
                Err(_) => return Wake::Closed,
            },
        };
        if matches!(first, Wake::Files) {
            while let Ok(w) = self.rx.try_recv() {
                if !matches!(w, Wake::Files) {
                    self.pending = Some(w);
                    break;
                }
            }
        }
        first
    }
}

impl Drop for Wakes {
    fn drop(&mut self) {
        #[cfg(unix)]
        if let Some(h) = self.signals.take() {
            h.close();
        }
    }
}

/// A thread waiting on signal-hook's pipe (no wake-up until a signal comes) that asks the loop
/// to end: nothing to save here, only the terminal to restore. `None` when the handlers cannot
/// be installed (the program then ends on these signals as any does).
#[cfg(unix)]
fn signals(tx: mpsc::Sender<Wake>) -> Option<signal_hook::iterator::Handle> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let mut signals =
        signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT]).ok()?;
    let handle = signals.handle();
    std::thread::Builder::new()
        .name("sno-jury-signaux".into())
        .stack_size(256 * 1024)
        .spawn(move || {
            if signals.forever().next().is_some() {
                let _ = tx.send(Wake::Closed);
            }
        })
        .ok()?;
    Some(handle)
}
