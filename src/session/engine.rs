//! The engine: a séance's log and its state together. An event is checked against the state
//! (the fold refuses wrong events), appended and synced, and only then applied.
//!
//! API CONTRACT (implementation pending in the engine branch; signatures are fixed).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::event::{Event, SeanceInfo};
use super::grid::GridState;
use super::state::{EventError, ReplayError, SeanceState};
use super::store::StoreError;
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
    _private: (),
}

impl Seance {
    /// Opens a new séance in `dir` (file `<info.id>.jsonl`). `prior`: the candidates' grids from
    /// their earlier séances of the same épreuve (see [`prior_grids`]).
    pub fn create(
        _dir: &Path,
        _r: &Referentiel,
        _info: SeanceInfo,
        _now: DateTime<Utc>,
        _prior: &BTreeMap<String, GridState>,
    ) -> Result<Seance, EngineError> {
        unimplemented!("engine branch")
    }

    /// Reopens a séance (after a quit or a crash). Returns the torn-line warning if any.
    pub fn resume(
        _path: &Path,
        _r: &Referentiel,
        _prior: &BTreeMap<String, GridState>,
    ) -> Result<(Seance, Option<String>), EngineError> {
        unimplemented!("engine branch")
    }

    /// Checks `event` against the state, appends it (synced), then applies it.
    pub fn record(
        &mut self,
        _r: &Referentiel,
        _event: Event,
        _now: DateTime<Utc>,
    ) -> Result<&SeanceState, EngineError> {
        unimplemented!("engine branch")
    }

    pub fn state(&self) -> &SeanceState {
        unimplemented!("engine branch")
    }

    pub fn path(&self) -> &Path {
        unimplemented!("engine branch")
    }
}

/// The grids of `numeros` for `epreuve` built from the other séances in `dir` (all but
/// `except_id`), in the order they were opened.
pub fn prior_grids(
    _dir: &Path,
    _r: &Referentiel,
    _epreuve: &str,
    _numeros: &[String],
    _except_id: Option<&str>,
) -> Result<BTreeMap<String, GridState>, EngineError> {
    unimplemented!("engine branch")
}

/// The sessions directory: `--sessions`, else `SNO_SESSIONS`, else `./sessions`.
pub fn sessions_dir(cli: Option<PathBuf>) -> PathBuf {
    cli.or_else(|| std::env::var_os("SNO_SESSIONS").map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from("sessions"))
}
