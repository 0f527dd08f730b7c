//! The terminal app (ratatui + crossterm). It lives in the library crate only so that `tests/`
//! can render its screens on a `TestBackend`; no domain module imports it.
//!
//! - [`action`]: keys → actions (pure);
//! - [`app`]: the state and `update(action, now)`; with `controls` and `timer_keys` (what each
//!   action does), `clock` (`tick`, redraw and wake-up decisions) and `layout` (drawing);
//! - [`run`]: the terminal and the event loop;
//! - one file per screen: [`start`], [`wizard`]/[`wizard_view`], [`timer`],
//!   [`candidate_safe`], [`help`], and [`grid`] (the évaluation grid component);
//! - [`review`]: the coordinators' review screen (its own state, keymap and loop);
//! - [`chrome`] (banner, footer, questions, too-small), [`digits`] (the big countdown),
//!   [`fmt`], [`theme`].

pub mod action;
pub mod app;
pub mod candidate_safe;
pub mod chrome;
mod clock;
mod controls;
pub mod digits;
pub mod fmt;
pub mod grid;
pub mod help;
mod layout;
pub mod review;
pub mod run;
pub mod start;
pub mod theme;
pub mod timer;
mod timer_keys;
pub mod wizard;
pub mod wizard_view;

pub use app::{App, Config};
pub use controls::seance_id;
