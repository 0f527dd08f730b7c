//! The terminal app (ratatui + crossterm). It lives in the library crate only so that `tests/`
//! can render its screens on a `TestBackend`; no domain module imports it.
//!
//! - [`action`]: keys → actions (pure);
//! - [`app`] (+ `controls`, `layout`): the state, `update(action, now)`, `tick`, drawing;
//! - [`run`]: the terminal and the event loop;
//! - one file per screen: [`start`], [`wizard`]/[`wizard_view`], [`timer`],
//!   [`candidate_safe`], [`help`], and [`grid`] (the évaluation grid component);
//! - [`chrome`] (banner, footer, questions, too-small), [`fmt`], [`theme`].

pub mod action;
pub mod app;
pub mod candidate_safe;
pub mod chrome;
mod controls;
pub mod fmt;
pub mod grid;
pub mod help;
mod layout;
pub mod run;
pub mod start;
pub mod theme;
pub mod timer;
pub mod wizard;
pub mod wizard_view;

pub use app::{App, Config};
pub use controls::seance_id;
