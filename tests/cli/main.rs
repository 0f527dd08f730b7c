//! The command line against the real binary, in one binary: French help and errors, the export
//! guard, what is printed (no control character, quiet on a closed pipe, French order), the
//! `referentiel` and `verifier` subcommands and the TUI's options.

#[path = "../kit/mod.rs"]
mod kit;

mod aide;
mod check;
mod follow;
mod french;
mod guard;
mod output;
mod referentiel;
mod tui;
