//! The terminal app (ratatui + crossterm). It lives in the library crate only so that `tests/`
//! can render its screens on a `TestBackend`; no domain module imports it.

pub mod grid;
pub mod theme;
