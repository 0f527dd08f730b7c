//! One entry of the review — a candidate × épreuve: its séances' combined grid, the conflicts
//! between them, its status and its anomalies — and the situations graded twice that make
//! conflicts. Split from [`super::build`], which folds the séances and groups them.

use std::collections::BTreeMap;

use super::anomaly::{self, Anomaly, AnomalyKind};
use super::build::{Conflicts, Key};
use super::{Entry, EntryConflict, SeanceView, Status};
use crate::referentiel::{FormeKind, Referentiel};
use crate::session::{Conflict, GridState, NotAssessed};

/// (numéro, épreuve, forme, situation) → ids of the real séances evaluating it.
pub(super) type SituationKey = (String, String, FormeKind, String);

pub(super) fn duplicates(seances: &[SeanceView]) -> BTreeMap<SituationKey, Vec<String>> {
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

pub(super) fn entry(
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
