//! The engine: a séance's log and its state together. An event is checked against the state
//! (the fold refuses wrong events), appended and synced, and only then applied. Each record
//! carries the [`Stamp`] the caller read; the engine logs steps of the system clock it sees
//! between stamps.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::event::{ClockAnomalyKind, Event, Membre, SeanceInfo};
use super::grid::GridState;
use super::history::{self, Entry, Loaded};
use super::stamp::Stamp;
use super::state::{EventError, ReplayError, SeanceState};
use super::store::{LogStore, StoreError};
use crate::referentiel::Referentiel;
use crate::timing::{Timeline, clock_step};

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
    /// The latest stamp given (recorded or observed): the reference against which the next
    /// one tells a step of the system clock.
    seen: Stamp,
}

impl Seance {
    /// Opens a new séance in `dir` (file `<info.id>.jsonl`) with no commission yet; see
    /// [`Seance::create_with_commission`].
    pub fn create(
        dir: &Path,
        r: &Referentiel,
        info: SeanceInfo,
        now: impl Into<Stamp>,
        prior: &BTreeMap<String, GridState>,
    ) -> Result<Seance, EngineError> {
        Seance::create_with_commission(dir, r, info, &[], now, prior)
    }

    /// Opens a new séance in `dir` (file `<info.id>.jsonl`) with its commission: the opening
    /// and one `member_added` per member reach the disk together, so a crash leaves either no
    /// séance or this whole one. `prior`: the candidates' grids from their earlier séances of
    /// the same épreuve (see [`prior_grids`]).
    pub fn create_with_commission(
        dir: &Path,
        r: &Referentiel,
        info: SeanceInfo,
        membres: &[Membre],
        now: impl Into<Stamp>,
        prior: &BTreeMap<String, GridState>,
    ) -> Result<Seance, EngineError> {
        let members: Vec<Event> = membres
            .iter()
            .map(|m| Event::MemberAdded { membre: m.clone() })
            .collect();
        Seance::create_opening(dir, r, info, members, now, prior)
    }

    /// Opens a new séance with the events decided at its opening (the commission, an
    /// aménagement « temps majoré », the candidates' voies), all reaching the disk together with the opening: a crash
    /// leaves either no séance or this whole one, and any refused event refuses the séance.
    pub fn create_opening(
        dir: &Path,
        r: &Referentiel,
        info: SeanceInfo,
        opening: Vec<Event>,
        now: impl Into<Stamp>,
        prior: &BTreeMap<String, GridState>,
    ) -> Result<Seance, EngineError> {
        let stamp = now.into();
        // Validate before anything touches the disk: a refused séance leaves no file.
        let mut state = SeanceState::open(r, info.clone(), stamp.wall, prior)?;
        for e in &opening {
            state.apply(r, e, stamp.wall)?;
        }
        let id = info.id.clone();
        let events: Vec<Event> = std::iter::once(Event::SeanceOpened {
            seance: Box::new(info),
        })
        .chain(opening)
        .collect();
        let (store, records) = LogStore::create(dir, &id, &events, stamp)?;
        state.last_seq = records.last().map_or(1, |r| r.seq);
        state.timeline = Timeline::start(stamp);
        for _ in 1..records.len() {
            state.timeline.push(stamp);
        }
        Ok(Seance {
            store,
            state,
            seen: stamp,
        })
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
        let seen = state
            .timeline
            .last()
            .map_or(Stamp::wall(state.last_ts), |(s, _)| s);
        Ok((Seance { store, state, seen }, log.warning))
    }

    /// Checks `event` against the state, appends it (synced), then applies it. `now`: a
    /// [`Stamp`] (`timing::monotonic::now()` in the app), or a wall time alone for callers
    /// without a monotonic clock (then durations around it come from wall time).
    ///
    /// A step of the system clock of 2 s or more since the last stamp given is first logged as
    /// a `clock_anomaly` (see `timing::clock_step`), unless `event` is itself one.
    pub fn record(
        &mut self,
        r: &Referentiel,
        event: Event,
        now: impl Into<Stamp>,
    ) -> Result<&SeanceState, EngineError> {
        let stamp = now.into();
        if !matches!(event, Event::ClockAnomaly { .. }) {
            self.observe(r, stamp)?;
        }
        self.append(r, event, stamp)?;
        self.seen = stamp;
        Ok(&self.state)
    }

    /// Looks at the clocks without an action of the jury (each wake-up of the app, running or
    /// paused): a step of the system clock of 2 s or more since the last stamp given is logged
    /// as a `clock_anomaly` and returned, so the app can say so. Nothing is written otherwise.
    pub fn observe(
        &mut self,
        r: &Referentiel,
        now: impl Into<Stamp>,
    ) -> Result<Option<(ClockAnomalyKind, i64)>, EngineError> {
        let stamp = now.into();
        let step = clock_step(&self.seen, &stamp);
        if let Some((kind, delta_ms)) = step {
            self.append(r, Event::ClockAnomaly { kind, delta_ms }, stamp)?;
        }
        self.seen = stamp;
        Ok(step)
    }

    fn append(&mut self, r: &Referentiel, event: Event, stamp: Stamp) -> Result<(), EngineError> {
        // The fold is the gate: a refused event is never written. It is applied to a copy so
        // that an event whose write fails does not show as done either. Durations are measured
        // on the séance's timeline, not on the raw wall clock.
        let mut next = self.state.clone();
        let at = next.timeline.push(stamp);
        next.apply(r, &event, at)?;
        let record = self.store.append(&event, stamp)?;
        next.last_seq = record.seq;
        self.state = next;
        Ok(())
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
            Entry::Interrupted { .. } | Entry::Failed { .. } => None,
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
