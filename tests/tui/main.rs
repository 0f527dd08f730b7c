//! The terminal app's tests, in one binary (one link instead of seven): the app driven by keys
//! on a real sessions folder, snapshots of every screen, the grid, the review, the binding
//! tables, and the real binary in a pseudo-terminal.

mod support;

// The review's fixtures, shared with the review's own tests.
#[path = "../review_support/mod.rs"]
mod review_support;

// The pty launcher and terminal emulator, shared with the fault tests and the latency bench.
#[cfg(unix)]
#[path = "../e2e_support/mod.rs"]
mod e2e_support;

mod app;
mod app_screens;
mod bindings;
#[cfg(unix)]
mod clock_steps;
#[cfg(unix)]
mod e2e;
mod grid;
mod live;
mod review;
mod screens;
#[cfg(unix)]
mod signals;
mod typing;
