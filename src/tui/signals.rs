//! The jury app made to end from outside: SIGTERM (a shutdown), SIGHUP (the terminal window
//! closed), SIGINT (Ctrl-C when the terminal is not in raw mode, or `kill -INT`) and SIGQUIT on
//! Unix; the console closing, the session ending and Ctrl-C / Ctrl-Break outside raw mode on
//! Windows. Each records what the grid holds unsaved (`App::interrupted`, through
//! `Seance::record`), restores the terminal and exits with status 0.
//!
//! The handler cannot run that code itself (a signal handler may only do async-signal-safe
//! things), and the loop sleeps in crossterm's poll, which a signal does not wake. So on Unix a
//! thread of ours waits on signal-hook's pipe, costing no wake-up until a signal comes; on
//! Windows the system runs the console handler on a thread of its own. Either takes the app's
//! lock, which the loop holds while it works and releases while it sleeps: the app is never
//! seen half-updated, and what the loop was writing is finished first.

use std::sync::{Arc, Mutex, PoisonError};

use super::app::App;
use crate::timing::monotonic;

/// Records what the app holds unsaved, restores the terminal and exits with status 0.
fn end(app: &Mutex<App>) -> ! {
    // A panic elsewhere poisons the lock but leaves the app usable for a last flush.
    let mut app = app.lock().unwrap_or_else(PoisonError::into_inner);
    app.interrupted(monotonic::now());
    super::run::restore();
    std::process::exit(0)
}

/// The handlers while it lives; dropping it stops them (and, on Unix, ends the thread).
pub struct Watch {
    #[cfg(unix)]
    unix: Option<(signal_hook::iterator::Handle, std::thread::JoinHandle<()>)>,
}

/// Installs the handlers for `app`. A failure to install them is not fatal: the app then ends
/// on these signals as any program does (what was recorded stays recorded).
pub fn watch(app: &Arc<Mutex<App>>) -> Watch {
    #[cfg(windows)]
    console::install(app);
    Watch {
        #[cfg(unix)]
        unix: unix::install(app),
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        #[cfg(unix)]
        if let Some((handle, thread)) = self.unix.take() {
            handle.close();
            let _ = thread.join();
        }
        #[cfg(windows)]
        console::uninstall();
    }
}

#[cfg(unix)]
mod unix {
    use std::sync::{Arc, Mutex};
    use std::thread::JoinHandle;

    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    use signal_hook::iterator::{Handle, Signals};

    use crate::tui::app::App;

    pub fn install(app: &Arc<Mutex<App>>) -> Option<(Handle, JoinHandle<()>)> {
        let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT]).ok()?;
        let handle = signals.handle();
        let app = Arc::clone(app);
        let thread = std::thread::Builder::new()
            .name("signaux".into())
            // It only waits, then flushes through the engine: a small stack is plenty.
            .stack_size(256 * 1024)
            .spawn(move || {
                // `forever` ends when the `Watch` closes the handle (a normal quit).
                if signals.forever().next().is_some() {
                    super::end(&app);
                }
            })
            .ok()?;
        Some((handle, thread))
    }
}

#[cfg(windows)]
mod console {
    use std::sync::{Arc, Mutex, PoisonError};

    use crate::tui::app::App;

    type Handler = unsafe extern "system" fn(u32) -> i32;

    #[link(name = "kernel32")]
    unsafe extern "system" {
        fn SetConsoleCtrlHandler(handler: Option<Handler>, add: i32) -> i32;
    }

    /// The app the handler ends; `None` outside the loop.
    static APP: Mutex<Option<Arc<Mutex<App>>>> = Mutex::new(None);

    const CTRL_C_EVENT: u32 = 0;
    const CTRL_BREAK_EVENT: u32 = 1;
    const CTRL_CLOSE_EVENT: u32 = 2;
    const CTRL_LOGOFF_EVENT: u32 = 5;
    const CTRL_SHUTDOWN_EVENT: u32 = 6;

    /// Runs on a thread the system starts; the process is ended when it returns (for a close,
    /// after 5 s at most), so it exits itself once the app is flushed.
    unsafe extern "system" fn on_event(kind: u32) -> i32 {
        let ends = matches!(
            kind,
            CTRL_C_EVENT
                | CTRL_BREAK_EVENT
                | CTRL_CLOSE_EVENT
                | CTRL_LOGOFF_EVENT
                | CTRL_SHUTDOWN_EVENT
        );
        let app = APP.lock().unwrap_or_else(PoisonError::into_inner).clone();
        match app {
            Some(app) if ends => super::end(&app),
            // Not ours: the next handler (the system's default ends the process).
            _ => 0,
        }
    }

    pub fn install(app: &Arc<Mutex<App>>) {
        *APP.lock().unwrap_or_else(PoisonError::into_inner) = Some(Arc::clone(app));
        // SAFETY: `on_event` has the signature the system expects and lives for the whole
        // program; a failure leaves the default behaviour.
        unsafe {
            SetConsoleCtrlHandler(Some(on_event), 1);
        }
    }

    pub fn uninstall() {
        // SAFETY: removes the handler added by `install`; harmless if it was not added.
        unsafe {
            SetConsoleCtrlHandler(Some(on_event), 0);
        }
        *APP.lock().unwrap_or_else(PoisonError::into_inner) = None;
    }
}
