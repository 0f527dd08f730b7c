//! From logs to the report: séance order, the fold of each séance seeded by the cross-séance
//! fold ([`Carry`], the same as the engine's and `check`'s), grouping by candidate × épreuve,
//! conflicts, anomalies and the status of each entry.

use std::collections::BTreeMap;

use rayon::prelude::*;
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};

use super::anomaly::{self, Anomaly, AnomalyKind};
use super::entry::{duplicates, entry};
use super::load::LoadedLog;
use super::{Entry, Integrity, Report, SeanceView, Tz};
use crate::collate;
use crate::referentiel::{Phase, Referentiel};
use crate::session::{Carry, Conflict, Event, GridState, Record, SeanceState, replay};
use crate::timing;

/// An entry of the review: numéro d'inscription, épreuve, training. Training séances are shown
/// apart so they never pass for real ones.
pub(super) type Key = (String, String, bool);

/// Conflicts per (numéro, épreuve): each names the later séance and the earlier ones.
pub(super) type Conflicts = BTreeMap<(String, String), Vec<(String, Conflict)>>;

/// One séance replayed, with the conflicts it makes with the earlier séances of its fold.
pub(super) struct Folded {
    pub(super) view: SeanceView,
    pub(super) conflicts: Vec<Conflict>,
    /// The grids the séance left, by numéro, taken out of its state as soon as it is folded:
    /// a one-candidate `BTreeMap` of grids costs a whole B-tree node (kilobytes), a `Vec` one
    /// grid. [`assemble`] moves each entry's grid from its last séance.
    pub(super) grids: Vec<(String, GridState)>,
}

/// Séance order: opening time, then file name; logs with no record go last.
pub(super) fn order(log: &LoadedLog) -> (bool, Option<chrono::DateTime<chrono::Utc>>, &Path) {
    let ts = log.records.first().map(|x| x.ts);
    (ts.is_none(), ts, &log.path)
}

/// Builds the report from logs already read (any order), folding them all in one sequence.
pub fn build(r: &Referentiel, dir: &Path, logs: Vec<LoadedLog>, tz: Tz) -> Report {
    let mut logs = logs;
    logs.sort_by(|a, b| order(a).cmp(&order(b)));
    let mut report = assemble(r, fold_logs(r, logs, tz, &Plans::default()), tz);
    report.dirs = vec![dir.to_path_buf()];
    report
}

/// Replays `logs` (in séance order) through the cross-séance fold; each log's records are
/// dropped once replayed, only its [`SeanceView`] is kept.
pub(super) fn fold_logs(
    r: &Referentiel,
    logs: Vec<LoadedLog>,
    tz: Tz,
    plans: &Plans,
) -> Vec<Folded> {
    let mut carry = Carry::new();
    let mut out = Vec::with_capacity(logs.len());
    for mut log in logs {
        let prior = opening(&log).map(|i| carry.prior(i, &log.records));
        let (prior, found) = prior.unwrap_or_default();
        let mut view = replay_one(r, &mut log, &prior, tz, plans);
        // Like the engine: only a séance whose log reads back and replays whole passes its
        // grids on (training séances never do: `Carry` ignores them).
        if let (Some(info), Some(st)) = (view.info(), view.state.as_ref())
            && view.trusted()
        {
            carry.push(info, &log.records, &st.grids);
        }
        let grids = view
            .state
            .as_mut()
            .map(|st| std::mem::take(&mut st.grids).into_iter().collect())
            .unwrap_or_default();
        out.push(Folded {
            view,
            conflicts: found,
            grids,
        });
    }
    out
}

/// The report from séances already replayed, put in séance order here (opening time, then
/// path; logs with no opening last), whatever order the parallel folds gave them in.
pub(super) fn assemble(r: &Referentiel, mut folded: Vec<Folded>, tz: Tz) -> Report {
    // Unstable is in place (a stable merge sort would copy every `Folded` aside) and orders the
    // same: no two séances share a path.
    folded.par_sort_unstable_by(|a, b| {
        let (a, b) = (&a.view, &b.view);
        (a.opened_at.is_none(), a.opened_at, &a.path).cmp(&(
            b.opened_at.is_none(),
            b.opened_at,
            &b.path,
        ))
    });
    let mut conflicts = Conflicts::new();
    let mut groups: BTreeMap<Key, Vec<usize>> = BTreeMap::new();
    let mut left: Vec<Vec<(String, GridState)>> = Vec::with_capacity(folded.len());
    let mut orphans = Vec::new();
    // `into_iter().map().collect()` reuses the buffer of `folded` for the views (the standard
    // library collects in place): the views are never held twice.
    let seances: Vec<SeanceView> = folded
        .into_iter()
        .enumerate()
        .map(|(idx, f)| {
            let Folded {
                view,
                conflicts: found,
                grids,
            } = f;
            left.push(grids);
            match view.info() {
                Some(info) => {
                    for c in found {
                        conflicts
                            .entry((c.numero.clone(), c.epreuve.clone()))
                            .or_default()
                            .push((view.id.clone(), c));
                    }
                    for c in &info.candidats {
                        let key = (c.numero.clone(), info.epreuve.clone(), info.is_training());
                        groups.entry(key).or_default().push(idx);
                    }
                }
                None => orphans.push(idx),
            }
            view
        })
        .collect();

    let duplicates = duplicates(&seances);
    // The grid of an entry is the one its last séance left (the fold of all before it), moved,
    // never cloned: a grid is the largest part of a séance kept, and the views read it from the
    // entry only. The earlier séances' grids are the fold's intermediate steps, read by no
    // view: dropped here.
    let grids: Vec<GridState> = groups
        .iter()
        .map(|(key, idxs)| {
            idxs.iter()
                .rev()
                .find_map(|&i| {
                    let at = left[i].iter().position(|(n, _)| *n == key.0)?;
                    Some(left[i].swap_remove(at).1)
                })
                .unwrap_or_default()
        })
        .collect();
    drop(left);
    // Each entry reads only the séances, conflicts and duplicates: built across cores.
    // An indexed collect writes each entry in its place (a filtered one would gather pieces
    // and copy them all once more); the `None`s are then dropped in the same buffer.
    let inputs: Vec<_> = groups.into_iter().zip(grids).collect();
    let entries: Vec<Option<Entry>> = inputs
        .into_par_iter()
        .map(|((key, idxs), grid)| entry(r, &seances, key, idxs, grid, &conflicts, &duplicates))
        .collect();
    let mut entries: Vec<Entry> = entries.into_iter().flatten().collect();
    // Names in French order (Dupont < Écrivain < Faure), not byte order.
    entries.par_sort_by_cached_key(|e| {
        (
            e.epreuve.clone(),
            collate::key(&e.candidat.nom),
            collate::key(&e.candidat.prenom),
            e.candidat.numero.clone(),
            e.training,
        )
    });
    Report {
        dirs: Vec::new(),
        non_examines: Vec::new(),
        tz,
        seances,
        entries,
        orphans,
    }
}

/// The distinct phase plans of the séances folded so far, shared by every fold of one report
/// (folds run in parallel): each séance's `info.phases` becomes the equal plan already seen,
/// so 10,000 séances of a few situations hold a few plans, not 10,000 copies.
#[derive(Default)]
pub(super) struct Plans(Mutex<Vec<Arc<[Phase]>>>);

impl Plans {
    /// Past this many distinct plans (never met: one per situation of the référentiel, and
    /// per older référentiel a log was opened with) a new one is kept unshared, so a folder of
    /// odd logs cannot make every séance scan a long list.
    const MAX: usize = 64;

    fn share(&self, phases: &mut Arc<[Phase]>) {
        let mut seen = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        match seen.iter().find(|p| **p == *phases) {
            Some(p) => *phases = Arc::clone(p),
            None if seen.len() < Self::MAX => seen.push(Arc::clone(phases)),
            None => {}
        }
    }
}

/// What the first line says the séance is.
fn opening(log: &LoadedLog) -> Option<&crate::session::SeanceInfo> {
    match log.records.first().map(|x| &x.event) {
        Some(Event::SeanceOpened { seance }) => Some(seance),
        _ => None,
    }
}

/// Replays one log with the grids its candidates had before it. The log's path moves to the
/// view; its records stay for the caller.
fn replay_one(
    r: &Referentiel,
    log: &mut LoadedLog,
    prior: &BTreeMap<String, GridState>,
    tz: Tz,
    plans: &Plans,
) -> SeanceView {
    let info = opening(log);
    let file_id = log
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let id = info.map_or(file_id, |i| i.id.clone());
    let mut anomalies = Vec::new();
    match &log.integrity {
        Integrity::Intact { .. } => {}
        Integrity::Broken { error } => anomalies.push(Anomaly::new(
            AnomalyKind::ChaineRompue,
            &id,
            format!(
                "Chaîne de hachage rompue ({error}) : le journal a été modifié ou abîmé après \
                 coup ; ce qu’il contient n’est pas garanti et ne peut pas être exporté comme \
                 validé."
            ),
        )),
        Integrity::Unreadable { error } => anomalies.push(Anomaly::new(
            AnomalyKind::JournalIllisible,
            &id,
            format!("Journal illisible ({error})."),
        )),
    }

    let (mut state, replay_error) = match info {
        Some(_) => replay_partial(r, &log.records, prior),
        None if log.records.is_empty() => (None, None),
        None => (
            None,
            Some("le journal ne commence pas par l’ouverture d’une séance".into()),
        ),
    };
    if let Some(e) = &replay_error {
        anomalies.push(Anomaly::new(
            AnomalyKind::JournalIllisible,
            &id,
            format!(
                "Le journal ne se relit pas avec le référentiel ({e}) : la séance n’est montrée \
                 que jusqu’à cet enregistrement."
            ),
        ));
    }
    if let Some(s) = &state {
        let clock = timing::clock(s, s.last_ts);
        let forme = s.forme(r);
        let tolerance =
            std::time::Duration::from_secs(r.epreuves.tolerance_depassement_secondes.into());
        anomalies.extend(anomaly::seance_anomalies(s, tz, forme, &clock, tolerance));
    }
    if let Some(s) = state.as_mut() {
        s.shrink_to_fit();
        plans.share(&mut s.info.phases);
    }
    anomalies.shrink_to_fit();
    // The state holds the opening when the log replays: kept apart only when it does not.
    let opening = match state {
        Some(_) => None,
        None => info.cloned().map(|mut i| {
            plans.share(&mut i.phases);
            i
        }),
    };
    SeanceView {
        opened_at: log.records.first().map(|x| x.ts),
        path: std::mem::take(&mut log.path),
        id,
        integrity: log.integrity.clone(),
        empreinte: log.tip.as_ref().map(|t| t[..t.len().min(16)].to_string()),
        opening,
        state,
        replay_error,
        anomalies,
    }
}

/// The fold; when it refuses a record, the state just before that record, with the error.
fn replay_partial(
    r: &Referentiel,
    records: &[Record],
    prior: &BTreeMap<String, GridState>,
) -> (Option<SeanceState>, Option<String>) {
    match replay(r, records, prior) {
        Ok(s) => (Some(s), None),
        Err(e) => {
            let kept: Vec<Record> = records
                .iter()
                .take_while(|x| x.seq < e.seq)
                .cloned()
                .collect();
            (replay(r, &kept, prior).ok(), Some(e.to_string()))
        }
    }
}

#[cfg(test)]
#[path = "build_tests.rs"]
mod tests;
