//! The commands that follow a sessions folder as juries write: `revue --suivre` (the review
//! kept current, with its live board) and `affichage` (the candidate's screen).

use std::path::PathBuf;
use std::process::ExitCode;

use sno_jury::convocations::Passage;
use sno_jury::export;
use sno_jury::referentiel::Referentiel;
use sno_jury::review::Tz;
use sno_jury::session;
use sno_jury::tui;

use super::error::CliError;
use super::out;

/// `revue --suivre`: the review kept current, with the live board; what the last report holds
/// is said once the screen is back (torn lines: status 2, as `revue`).
pub fn review(
    r: &Referentiel,
    dirs: &[PathBuf],
    plan: &[Passage],
    harmonisation: bool,
    polling: bool,
) -> Result<ExitCode, CliError> {
    use tui::review::live::{self, Following};
    let now = sno_jury::timing::monotonic::now;
    let following = Following::start(r, dirs.to_vec(), plan.to_vec(), Tz::Local, now())?;
    let view = if harmonisation {
        tui::review::View::Harmonisation { scroll: 0 }
    } else {
        tui::review::View::Table
    };
    let following = live::run(r, following, view, polling, now).map_err(CliError::Terminal)?;
    let torn: String = following
        .report
        .torn_tails()
        .iter()
        .map(|l| format!("{}\n", out::one_line(l)))
        .collect();
    out::eprint(&torn);
    Ok(if torn.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(export::EXIT_LIGNE_INCOMPLETE)
    })
}

/// `affichage`: the candidate's screen, following the séance running in the folder or the
/// log named (which must read as a séance log: a mistyped name is said at once).
pub fn affichage(
    r: &Referentiel,
    dirs: &[PathBuf],
    seance: Option<PathBuf>,
    polling: bool,
) -> Result<(), CliError> {
    use tui::affichage::Target;
    let target = match seance {
        Some(path) => {
            session::read_log(&path)?;
            Target::Log(path)
        }
        None => Target::Folders(dirs.to_vec()),
    };
    tui::affichage::run(r, target, polling, sno_jury::timing::monotonic::now)
        .map_err(CliError::Terminal)
}
