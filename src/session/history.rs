//! The séances of a sessions directory in the order they were opened, replayed through the
//! cross-séance fold ([`super::carry`]).

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::carry::{Carry, Conflict};
use super::event::{Event, SeanceInfo};
use super::files::list_logs;
use super::state::{ReplayError, SeanceState, replay};
use super::store::{ReadLog, StoreError, read_log_with_tip};
use crate::referentiel::Referentiel;

/// A log that reads back and starts with its opening.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub path: PathBuf,
    pub log: ReadLog,
    /// SHA-256 hex of the last complete line.
    pub tip: String,
    pub info: SeanceInfo,
    pub opened_at: DateTime<Utc>,
}

impl Loaded {
    /// The file name without `.jsonl` (normally `info.id`).
    pub fn stem(&self) -> Option<&str> {
        self.path.file_stem().and_then(|s| s.to_str())
    }
}

/// One log of the directory: loaded, interrupted at its creation, or why not (in French,
/// naming file and line).
#[derive(Debug, Clone)]
pub enum Entry {
    Loaded(Box<Loaded>),
    /// No complete record, and at most the beginning of the opening: a crash while an older
    /// version created the séance. Not a séance, not tampering either.
    Interrupted {
        path: PathBuf,
    },
    Failed {
        path: PathBuf,
        problem: String,
    },
}

/// Every log directly in `dir`, in file-name order.
pub fn load_all(dir: &Path) -> Result<Vec<Entry>, StoreError> {
    Ok(load_paths(list_logs(dir)?))
}

/// The logs at `paths`, in that order.
pub fn load_paths(paths: Vec<PathBuf>) -> Vec<Entry> {
    paths.into_iter().map(load).collect()
}

fn load(path: PathBuf) -> Entry {
    let (log, tip) = match read_log_with_tip(&path) {
        Ok(x) => x,
        Err(e) => {
            return Entry::Failed {
                path,
                problem: e.to_string(),
            };
        }
    };
    let opening = log.records.first().and_then(|rec| match &rec.event {
        Event::SeanceOpened { seance } => Some((SeanceInfo::clone(seance), rec.ts)),
        _ => None,
    });
    match opening {
        Some((info, opened_at)) => Entry::Loaded(Box::new(Loaded {
            path,
            log,
            tip,
            info,
            opened_at,
        })),
        None if log.interrupted => Entry::Interrupted { path },
        None => {
            let what = if log.records.is_empty() {
                "aucun enregistrement complet (séance jamais ouverte)"
            } else {
                "la séance doit commencer par son ouverture (seance_opened)"
            };
            Entry::Failed {
                problem: format!("{}, ligne 1 : {what}", path.display()),
                path,
            }
        }
    }
}

/// Sorts séances in the order they were opened (file name breaks ties).
pub fn sort_opened(seances: &mut [&Loaded]) {
    seances.sort_by(|a, b| (a.opened_at, &a.path).cmp(&(b.opened_at, &b.path)));
}

/// One séance's replay in the fold: its state (or why the fold refused it) and the conflicts it
/// makes with earlier séances.
#[derive(Debug)]
pub struct Folded {
    pub outcome: Result<SeanceState, ReplayError>,
    pub conflicts: Vec<Conflict>,
}

/// Replays `seances` (already in opening order) through the cross-séance fold ([`Carry`]): each
/// is seeded with the grids its candidates hold so far in its épreuve; a séance that replays
/// passes its grids on, one that fails passes nothing.
pub fn fold(r: &Referentiel, seances: &[&Loaded]) -> (Carry, Vec<Folded>) {
    let mut carry = Carry::new();
    let mut out = Vec::with_capacity(seances.len());
    for s in seances {
        let (prior, conflicts) = carry.prior(&s.info, &s.log.records);
        let outcome = replay(r, &s.log.records, &prior);
        if let Ok(state) = &outcome {
            carry.push(&s.info, &s.log.records, &state.grids);
        }
        out.push(Folded { outcome, conflicts });
    }
    (carry, out)
}

/// How [`replay_dir`] words a log left by a crash while an older version created the séance.
pub const INTERROMPUE: &str = "séance interrompue à la création";

/// A log and its state as the fold gives it, or why it cannot be read or replayed (French).
pub type Replayed = (PathBuf, Result<SeanceState, String>);

/// Every log of `dir` read once and replayed through one [`fold`]: for each, in file-name order,
/// its path and its state, or why it cannot be read or replayed (in French). What the start
/// screen lists: one read of the folder instead of one per séance that cannot replay alone.
pub fn replay_dir(r: &Referentiel, dir: &Path) -> Result<Vec<Replayed>, StoreError> {
    let entries = load_all(dir)?;
    // The loaded logs by their place in `entries`, in opening order for the fold.
    let mut order: Vec<(usize, &Loaded)> = entries
        .iter()
        .enumerate()
        .filter_map(|(i, e)| match e {
            Entry::Loaded(l) => Some((i, &**l)),
            Entry::Failed { .. } | Entry::Interrupted { .. } => None,
        })
        .collect();
    order.sort_by(|a, b| (a.1.opened_at, &a.1.path).cmp(&(b.1.opened_at, &b.1.path)));
    let seances: Vec<&Loaded> = order.iter().map(|(_, l)| *l).collect();
    let (_, folded) = fold(r, &seances);
    let mut out: Vec<Replayed> = entries
        .iter()
        .map(|e| match e {
            Entry::Failed { path, problem } => (path.clone(), Err(problem.clone())),
            Entry::Interrupted { path } => (
                path.clone(),
                Err(format!("{INTERROMPUE} (arrêt brutal pendant l’ouverture)")),
            ),
            Entry::Loaded(l) => (l.path.clone(), Err(String::new())),
        })
        .collect();
    for ((i, _), f) in order.iter().zip(folded) {
        out[*i].1 = f.outcome.map_err(|e| e.to_string());
    }
    Ok(out)
}
