//! The terminal apps (ratatui + crossterm). They live in the library crate only so that `tests/`
//! can render their screens on a `TestBackend`; no domain module imports them.
//!
//! Every screen and dialog is a component with the same small contract ([`component`]): its
//! state, its binding tables ([`keys`]: the keymap, the footer and the help are read from
//! them), `update(action, now) -> Outcome` and its view. [`app`] is the router that holds the
//! open séance and the current screen and applies outcomes; [`run`] is the terminal loop, and
//! [`signals`] ends it cleanly when the system asks.
//!
//! - screens: [`start`], [`wizard`], [`timer`] (with its pause dialog), [`candidate`] (the
//!   display turned towards the candidate), [`grid`]; dialogs: [`dialog`] (help, questions, the
//!   free remark); [`keycard`]: every screen's keys as a printable page (`sno-jury aide`);
//! - [`review`]: the coordinators' review (table and detail), with its own loop;
//! - [`affichage`]: the candidate's screen in a terminal of its own, following a séance's log;
//!   [`wake`]: the one channel such following loops block on;
//! - shared: [`action`] (the app's actions and keys), [`chrome`] (banner, footer, message line),
//!   [`fmt`] (times, durations, phases, text in columns), [`theme`], [`paint`] (writing only
//!   what changed to the terminal).

pub mod action;
pub mod affichage;
pub mod app;
pub mod candidate;
pub mod chrome;
pub mod component;
pub mod dialog;
pub mod fmt;
pub mod grid;
pub mod keycard;
pub mod keys;
pub mod paint;
pub mod review;
pub mod run;
pub mod signals;
pub mod start;
pub mod theme;
pub mod timer;
pub mod wake;
pub mod wizard;

pub use app::{App, Config, seance_id};
