//! What the start screen lists: every log of the sessions folder read once and replayed through
//! the one cross-séance fold, each séance summed up ([`Overview`]) or named with why it cannot
//! be read; the states kept for the day's plan (`super::day`).

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use crate::referentiel::{FormeKind, Referentiel};
use crate::session::{self, Candidat, Membre, SeanceState};

/// Where a séance stands.
#[derive(Debug, Clone, PartialEq)]
pub enum Progress {
    NotStarted,
    /// `phase`: as the timer names it (`phase A`, or the start of its intitulé), never its id.
    Running {
        phase: String,
    },
    Paused {
        phase: String,
    },
    /// Every phase has run; the grid may still be open.
    TimingDone,
}

/// What the start screen knows of a séance it could read.
#[derive(Debug, Clone, PartialEq)]
pub struct Overview {
    pub epreuve: String,
    pub forme: FormeKind,
    pub situation: String,
    pub candidats: Vec<Candidat>,
    pub members: Vec<Membre>,
    pub opened_at: DateTime<Utc>,
    pub vitesse: Option<u32>,
    pub progress: Progress,
    /// Grids validated / candidates.
    pub validated: (usize, usize),
}

impl Overview {
    pub fn of(state: &SeanceState) -> Overview {
        let progress = match state.running() {
            Some(run) if state.is_paused() => Progress::Paused {
                phase: phase_named(state, &run.phase),
            },
            Some(run) => Progress::Running {
                phase: phase_named(state, &run.phase),
            },
            None if state.runs.is_empty() => Progress::NotStarted,
            None => Progress::TimingDone,
        };
        let validated = state.grids.values().filter(|g| g.is_validated()).count();
        Overview {
            epreuve: state.info.epreuve.clone(),
            forme: state.info.forme,
            situation: state.info.situation.clone(),
            candidats: state.info.candidats.clone(),
            members: state.members.clone(),
            opened_at: state.opened_at,
            vitesse: state.info.vitesse,
            progress,
            validated: (validated, state.grids.len()),
        }
    }

    /// Finished once every candidate's grid is validated.
    pub fn finished(&self) -> bool {
        self.validated.0 == self.validated.1
    }
}

/// A phase in the middle of a line, as the timer names it (the one shared name function):
/// `phase A`, or the start of its intitulé for a phase without a letter.
fn phase_named(state: &SeanceState, id: &str) -> String {
    crate::tui::fmt::phase_id_in_sentence(&state.info.phases, id)
}

/// One line of the list: a séance log and what could be read of it.
#[derive(Debug, Clone, PartialEq)]
pub struct SeanceSummary {
    pub path: PathBuf,
    pub id: String,
    /// The French reason when the log cannot be read or replayed.
    pub overview: Result<Overview, String>,
}

impl SeanceSummary {
    pub fn finished(&self) -> bool {
        self.overview.as_ref().is_ok_and(Overview::finished)
    }
}

/// Reads every log of `dir` once and replays them all through the one cross-séance fold
/// ([`session::replay_dir`]), so each séance starts from the grids its earlier séances left, as
/// when it is resumed: unfinished séances first, then finished ones, newest first in each. A
/// log that cannot be read or replayed is listed with the reason. A directory that does not
/// exist yet holds no séance.
pub fn scan(dir: &Path, r: &Referentiel) -> Result<Vec<SeanceSummary>, String> {
    scan_states(dir, r).map(|f| f.seances)
}

/// What one read of the folder gives the start screen.
#[derive(Debug, Clone, Default)]
pub struct Folder {
    /// Sorted as [`sort`] does.
    pub seances: Vec<SeanceSummary>,
    /// The states of the séances that replay, with their logs (for the day's plan).
    pub states: Vec<SeanceState>,
    pub paths: Vec<PathBuf>,
}

/// [`scan`], keeping the replayed states too.
pub fn scan_states(dir: &Path, r: &Referentiel) -> Result<Folder, String> {
    let mut out = Folder::default();
    if !dir.exists() {
        return Ok(out);
    }
    let replayed = session::replay_dir(r, dir).map_err(|e| e.to_string())?;
    for (path, state) in replayed {
        let id = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let overview = state.as_ref().map(Overview::of).map_err(Clone::clone);
        if let Ok(s) = state {
            out.states.push(s);
            out.paths.push(path.clone());
        }
        out.seances.push(SeanceSummary { path, id, overview });
    }
    sort(&mut out.seances);
    Ok(out)
}

pub fn sort(list: &mut [SeanceSummary]) {
    list.sort_by_key(|s| {
        let opened = s.overview.as_ref().map(|o| o.opened_at).ok();
        (s.finished(), std::cmp::Reverse(opened), s.id.clone())
    });
}
