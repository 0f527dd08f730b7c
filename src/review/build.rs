//! From logs to the report: séance order, the fold of each séance seeded by the cross-séance
//! fold ([`Carry`], the same as the engine's and `check`'s), grouping by candidate × épreuve,
//! conflicts, anomalies and the status of each entry.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};

use super::anomaly::{self, Anomaly, AnomalyKind};
use super::load::LoadedLog;
use super::{Entry, EntryConflict, Integrity, Report, SeanceView, Status, Tz};
use crate::collate;
use crate::referentiel::{FormeKind, Phase, Referentiel};
use crate::session::{Carry, Conflict, Event, GridState, NotAssessed, Record, SeanceState, replay};
use crate::timing;

/// An entry of the review: numéro d'inscription, épreuve, training. Training séances are shown
/// apart so they never pass for real ones.
type Key = (String, String, bool);

/// Conflicts per (numéro, épreuve): each names the later séance and the earlier ones.
type Conflicts = BTreeMap<(String, String), Vec<(String, Conflict)>>;

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

/// The report from séances already replayed, given in séance order.
pub(super) fn assemble(r: &Referentiel, folded: Vec<Folded>, tz: Tz) -> Report {
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
    let mut entries: Vec<Entry> = groups
        .into_iter()
        .zip(grids)
        .filter_map(|((key, idxs), grid)| {
            entry(r, &seances, key, idxs, grid, &conflicts, &duplicates)
        })
        .collect();
    // Names in French order (Dupont < Écrivain < Faure), not byte order.
    entries.sort_by_cached_key(|e| {
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

/// (numéro, épreuve, forme, situation) → ids of the real séances evaluating it.
type SituationKey = (String, String, FormeKind, String);

fn duplicates(seances: &[SeanceView]) -> BTreeMap<SituationKey, Vec<String>> {
    let mut seen: BTreeMap<SituationKey, Vec<String>> = BTreeMap::new();
    for s in seances {
        let Some(info) = s.info().filter(|i| !i.is_training()) else {
            continue;
        };
        for c in &info.candidats {
            let key = (
                c.numero.clone(),
                info.epreuve.clone(),
                info.forme,
                info.situation.clone(),
            );
            seen.entry(key).or_default().push(s.id.clone());
        }
    }
    seen.retain(|_, ids| ids.len() > 1);
    seen
}

fn entry(
    r: &Referentiel,
    seances: &[SeanceView],
    (numero, epreuve, training): Key,
    idxs: Vec<usize>,
    grid: GridState,
    conflicts: &Conflicts,
    duplicates: &BTreeMap<SituationKey, Vec<String>>,
) -> Option<Entry> {
    let last = seances[*idxs.last()?].info()?;
    let candidat = last.candidats.iter().find(|c| c.numero == numero)?.clone();
    let forme_kind = last.forme;
    let last_id = last.id.clone();
    let ep = r.epreuve(&epreuve);
    let forme = ep.and_then(|e| e.forme(forme_kind));

    let mut anomalies: Vec<Anomaly> = idxs
        .iter()
        .flat_map(|&i| seances[i].anomalies.iter().cloned())
        .collect();
    let mut situations: Vec<&str> = Vec::new();
    for &i in &idxs {
        if let Some(info) = seances[i].info()
            && !situations.contains(&info.situation.as_str())
        {
            situations.push(&info.situation);
        }
    }
    let conflicts: &[(String, Conflict)] = match training {
        true => &[],
        false => conflicts
            .get(&(numero.clone(), epreuve.clone()))
            .map_or(&[], Vec::as_slice),
    };
    // One conflict per situation, whatever the number of séances that graded it.
    let mut entry_conflicts: Vec<EntryConflict> = Vec::new();
    for (later, c) in conflicts {
        let idx = c
            .earlier
            .iter()
            .chain([later])
            .filter_map(|id| idxs.iter().copied().find(|&i| &seances[i].id == id));
        let at = match entry_conflicts
            .iter()
            .position(|x| x.situation == c.situation)
        {
            Some(at) => at,
            None => {
                entry_conflicts.push(EntryConflict {
                    situation: c.situation.clone(),
                    seances: Vec::new(),
                });
                entry_conflicts.len() - 1
            }
        };
        for i in idx {
            if !entry_conflicts[at].seances.contains(&i) {
                entry_conflicts[at].seances.push(i);
            }
        }
    }
    if !training {
        for s in &situations {
            let key = (numero.clone(), epreuve.clone(), forme_kind, s.to_string());
            let Some(ids) = duplicates.get(&key) else {
                continue;
            };
            if entry_conflicts.iter().any(|c| c.situation == *s) {
                continue;
            }
            anomalies.push(Anomaly::new(
                AnomalyKind::SeancesEnDouble,
                ids.last().map_or("", String::as_str),
                format!(
                    "{} séances pour la même situation ({epreuve} {}, situation {s}) : {} ; \
                     une seule a évalué la grille (l’autre a été abandonnée ou reprise).",
                    ids.len(),
                    forme_kind.label(),
                    ids.join(", ")
                ),
            ));
        }
    }
    for c in &entry_conflicts {
        let files: Vec<String> = c
            .seances
            .iter()
            .map(|&i| seances[i].file_and_commission())
            .collect();
        let last = c.seances.last().map_or("", |&i| seances[i].id.as_str());
        anomalies.push(Anomaly::new(
            AnomalyKind::Conflit,
            last,
            format!(
                "{} séances évaluent cette personne candidate pour la même situation ({epreuve} \
                 {}, situation {}) : {} ; rien n’est exporté tant que le centre n’a pas décidé \
                 laquelle compte (retirer l’autre journal du dossier).",
                c.seances.len(),
                forme_kind.label(),
                c.situation,
                files.join(" ; ")
            ),
        ));
    }

    let unfinished = idxs
        .iter()
        .any(|&i| seances[i].state.as_ref().is_some_and(|s| !s.is_finished()));
    let missing_situation = forme.is_some_and(|f| {
        f.situations
            .iter()
            .any(|s| !situations.contains(&s.id.as_str()))
    });
    let trusted = idxs.iter().all(|&i| seances[i].trusted());
    let status = if !trusted {
        Status::IntegriteRompue
    } else if !entry_conflicts.is_empty() {
        Status::Conflit
    } else if grid.is_validated() {
        match grid.not_assessed {
            Some(NotAssessed::Absent { .. }) => Status::Absent,
            Some(NotAssessed::Exempted) => Status::Dispense,
            None => Status::Validee,
        }
    } else if grid.not_assessed.is_none() && (unfinished || missing_situation) {
        Status::EnCours
    } else {
        Status::AValider
    };
    if let Some(e) = ep
        && status != Status::EnCours
    {
        anomalies.extend(anomaly::grid_anomalies(r, e, forme, &grid, &last_id));
    }
    Some(Entry {
        candidat,
        epreuve,
        forme: forme_kind,
        training,
        seances: idxs,
        grid,
        status,
        anomalies,
        conflicts: entry_conflicts,
    })
}

#[cfg(test)]
#[path = "build_tests.rs"]
mod tests;
