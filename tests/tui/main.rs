//! The terminal app's tests, in one binary (one link instead of seven): the app driven by keys
//! on a real sessions folder, snapshots of every screen, the grid, the review, the binding
//! tables, and the real binary in a pseudo-terminal.

mod support;

// The one test kit: the review's fixtures and the pty launcher, under the names these tests use.
#[path = "../kit/mod.rs"]
mod kit;
#[cfg(unix)]
use kit::pty as e2e_support;
use kit::review as review_support;

mod affichage;
#[cfg(unix)]
mod affichage_pty;
#[cfg(target_os = "linux")]
mod affichage_wakes;
mod app;
mod app_screens;
mod bindings;
#[cfg(unix)]
mod clock_steps;
mod day;
#[cfg(unix)]
mod day_e2e;
mod day_keys;
#[cfg(unix)]
mod e2e;
mod grid;
mod harmonisation;
mod jury_rules;
mod keycard;
mod live;
mod majoration;
mod majore_timer;
mod print;
mod review;
mod scan;
mod screens;
#[cfg(unix)]
mod signals;
mod suivre;
#[cfg(unix)]
mod suivre_pty;
mod traps;
mod typing;
