//! The command line's pieces, apart from the dispatch in `main.rs`: the grammar ([`args`]),
//! clap in French ([`clap_fr`]), the printing boundary ([`out`]), the errors that stop a
//! command ([`error`]), the crash report ([`crash`]) and the commands that follow a folder
//! ([`follow`]).

pub mod args;
pub mod clap_fr;
pub mod crash;
pub mod error;
pub mod follow;
pub mod out;

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

use args::Cli;

/// Exit status of a command line that could not be parsed (clap's convention).
pub const EXIT_USAGE: u8 = 2;

/// Parses the command line; help and version are printed here (status 0), a parse error in
/// French on stderr (status 2).
pub fn parse() -> Result<Cli, ExitCode> {
    let mut cmd = clap_fr::frenchify(Cli::command());
    let matches = cmd.try_get_matches_from_mut(std::env::args_os());
    let err = match matches.and_then(|m| Cli::from_arg_matches(&m)) {
        Ok(cli) => return Ok(cli),
        Err(err) => err,
    };
    use clap::error::ErrorKind;
    match err.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            // A closed pipe (`--help | head`) is as fine here as anywhere.
            let _ = out::print(&err.render().to_string());
            Err(ExitCode::SUCCESS)
        }
        _ => {
            out::eprint(&clap_fr::render(&err, &cmd));
            Err(ExitCode::from(EXIT_USAGE))
        }
    }
}
