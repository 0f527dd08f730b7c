//! The engine: a séance's log and its state together. An event is checked against the state
//! (the fold refuses wrong events), appended and synced, and only then applied.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::event::{Event, SeanceInfo};
use super::grid::GridState;
use super::history::{self, Entry, Loaded};
use super::state::{EventError, ReplayError, SeanceState};
use super::store::{LogStore, StoreError};
use crate::referentiel::Referentiel;

#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    Refused(#[from] EventError),
    #[error("{file} : {error}")]
    Replay { file: PathBuf, error: ReplayError },
}

/// A live séance: log + state, always in step.
#[derive(Debug)]
pub struct Seance {
    store: LogStore,
    state: SeanceState,
}

impl Seance {
    /// Opens a new séance in `dir` (file `<info.id>.jsonl`). `prior`: the candidates' grids from
    /// their earlier séances of the same épreuve (see [`prior_grids`]).
    pub fn create(
        dir: &Path,
        r: &Referentiel,
        info: SeanceInfo,
        now: DateTime<Utc>,
        prior: &BTreeMap<String, GridState>,
    ) -> Result<Seance, EngineError> {
        // Validate before anything touches the disk: a refused séance leaves no file.
        let mut state = SeanceState::open(r, info.clone(), now, prior)?;
        let id = info.id.clone();
        let (store, first) =
            LogStore::create(dir, &id, &Event::SeanceOpened { seance: info }, now)?;
        state.last_seq = first.seq;
        Ok(Seance { store, state })
    }

    /// Reopens a séance (after a quit or a crash). Returns the torn-line warning if any.
    pub fn resume(
        path: &Path,
        r: &Referentiel,
        prior: &BTreeMap<String, GridState>,
    ) -> Result<(Seance, Option<String>), EngineError> {
        let (store, log) = LogStore::open(path)?;
        let state =
            super::state::replay(r, &log.records, prior).map_err(|error| EngineError::Replay {
                file: path.to_path_buf(),
                error,
            })?;
        Ok((Seance { store, state }, log.warning))
    }

    /// Checks `event` against the state, appends it (synced), then applies it.
    pub fn record(
        &mut self,
        r: &Referentiel,
        event: Event,
        now: DateTime<Utc>,
    ) -> Result<&SeanceState, EngineError> {
        // The fold is the gate: a refused event is never written. It is applied to a copy so
        // that an event whose write fails does not show as done either.
        let mut next = self.state.clone();
        next.apply(r, &event, now)?;
        let record = self.store.append(&event, now)?;
        next.last_seq = record.seq;
        self.state = next;
        Ok(&self.state)
    }

    pub fn state(&self) -> &SeanceState {
        &self.state
    }

    pub fn path(&self) -> &Path {
        self.store.path()
    }
}

/// The grids of `numeros` for `epreuve` built from the other séances in `dir` (all but
/// `except_id`), in the order they were opened.
///
/// When `except_id` names a séance of `dir`, only the séances opened before it count, so that
/// resuming situation A never sees the grid that situation B went on to validate. A log that
/// cannot be read or replayed is skipped here (`check` reports it). A missing `dir` has no
/// séances.
pub fn prior_grids(
    dir: &Path,
    r: &Referentiel,
    epreuve: &str,
    numeros: &[String],
    except_id: Option<&str>,
) -> Result<BTreeMap<String, GridState>, EngineError> {
    if !dir.exists() {
        return Ok(BTreeMap::new());
    }
    let entries = history::load_all(dir)?;
    let loaded: Vec<&Loaded> = entries
        .iter()
        .filter_map(|e| match e {
            Entry::Loaded(l) => Some(&**l),
            Entry::Failed { .. } => None,
        })
        .collect();
    let is_except =
        |l: &Loaded| except_id.is_some_and(|id| l.stem() == Some(id) || l.info.id == id);
    let except = loaded.iter().copied().find(|l| is_except(l));
    let cutoff = except.map(|l| (l.opened_at, l.path.clone()));
    let mut seances: Vec<&Loaded> = loaded
        .into_iter()
        .filter(|l| l.info.epreuve == epreuve && !is_except(l))
        .filter(|l| {
            cutoff
                .as_ref()
                .is_none_or(|c| (l.opened_at, &l.path) < (c.0, &c.1))
        })
        .collect();
    history::sort_opened(&mut seances);
    // Fold every séance of the épreuve, not only those of `numeros`: whether a séance replays
    // can depend on its other candidates' earlier grids.
    let (carry, _) = history::fold(r, &seances);
    // A séance being resumed is seeded as the fold seeds it (a séance in conflict with another
    // room's starts from the grid before that situation was graded).
    if let Some(l) = except {
        let (prior, _) = carry.prior(&l.info, &l.log.records);
        return Ok(prior
            .into_iter()
            .filter(|(numero, _)| numeros.contains(numero))
            .collect());
    }
    Ok(numeros
        .iter()
        .filter_map(|n| Some((n.clone(), carry.latest(epreuve, n)?.clone())))
        .collect())
}

/// The prior grids of the séance `info` (see [`prior_grids`]): none for a training séance, which
/// starts from an empty grid so practice never touches a real one.
pub fn prior_grids_for(
    dir: &Path,
    r: &Referentiel,
    info: &SeanceInfo,
    except_id: Option<&str>,
) -> Result<BTreeMap<String, GridState>, EngineError> {
    if info.is_training() {
        return Ok(BTreeMap::new());
    }
    let numeros: Vec<String> = info.candidats.iter().map(|c| c.numero.clone()).collect();
    prior_grids(dir, r, &info.epreuve, &numeros, except_id)
}

/// The sessions directory: `--sessions`, else `SNO_SESSIONS`, else `./sessions`.
pub fn sessions_dir(cli: Option<PathBuf>) -> PathBuf {
    cli.or_else(|| std::env::var_os("SNO_SESSIONS").map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from("sessions"))
}

/// The sessions directories of a coordinator's command: every `--sessions` given, else the one
/// of [`sessions_dir`].
pub fn sessions_dirs(cli: Vec<PathBuf>) -> Vec<PathBuf> {
    if cli.is_empty() {
        vec![sessions_dir(None)]
    } else {
        cli
    }
}
