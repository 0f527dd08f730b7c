//! What carries between a candidate's séances of one épreuve: the one cross-séance fold.
//!
//! E1 CCF situation A then B (possibly days apart, in different rooms) feed one grid: each
//! séance starts from the grid the candidate's earlier séances of the épreuve left. The engine
//! (opening and resuming), `check` and the review all seed their replays from [`Carry`], so a
//! log always replays against the grids it was recorded with.
//!
//! Two rules beyond "take the latest grid":
//! - a training séance (`--vitesse`) neither receives nor passes on grids: practice never seeds
//!   or changes a real grid;
//! - two séances that both *grade* a candidate for the same situation are a [`Conflict`] (two
//!   juries' logs gathered into one folder), unless the later one only amends the earlier
//!   (every grid event it holds for the candidate is an amendment: it was opened on the
//!   validated grid to change it). A conflicting séance is seeded with the grid as it stood
//!   before that situation was first graded, as the jury who recorded it saw it, so each log is
//!   judged on its own and neither passes for tampered.

use std::collections::BTreeMap;

use super::event::{Event, Record, SeanceInfo};
use super::grid::GridState;

/// Two or more séances grade one candidate for one situation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub numero: String,
    pub epreuve: String,
    pub situation: String,
    /// Ids of the earlier séances that graded the same situation, in opening order.
    pub earlier: Vec<String>,
}

/// One séance's contribution to a candidate's grid.
#[derive(Debug, Clone)]
struct Step {
    seance: String,
    situation: String,
    /// Whether the séance recorded anything about the candidate's grid.
    graded: bool,
    grid: GridState,
}

/// The carried grids, per (épreuve, numéro), séance after séance.
#[derive(Debug, Clone, Default)]
pub struct Carry {
    steps: BTreeMap<(String, String), Vec<Step>>,
}

/// How a séance's log treats one candidate's grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Grading {
    /// No grid event about the candidate.
    None,
    /// Only amendments: a change to the grid an earlier séance validated.
    Amends,
    Grades,
}

fn grading(records: &[Record], numero: &str) -> Grading {
    let mut out = Grading::None;
    for rec in records {
        match &rec.event {
            e if e.grid_candidat() != Some(numero) => {}
            Event::Amendment { .. } => {
                if out == Grading::None {
                    out = Grading::Amends;
                }
            }
            _ => return Grading::Grades,
        }
    }
    out
}

impl Carry {
    pub fn new() -> Self {
        Self::default()
    }

    /// The grids the séance `info` starts from (one per candidate that has an earlier grid), and
    /// the conflicts it makes. `records` is the séance's own log (empty for a séance being
    /// opened, which grades nothing yet).
    pub fn prior(
        &self,
        info: &SeanceInfo,
        records: &[Record],
    ) -> (BTreeMap<String, GridState>, Vec<Conflict>) {
        let mut prior = BTreeMap::new();
        let mut conflicts = Vec::new();
        if info.is_training() {
            return (prior, conflicts);
        }
        for c in &info.candidats {
            let Some(steps) = self.steps.get(&(info.epreuve.clone(), c.numero.clone())) else {
                continue;
            };
            let same: Vec<usize> = steps
                .iter()
                .enumerate()
                .filter(|(_, s)| s.graded && s.situation == info.situation)
                .map(|(i, _)| i)
                .collect();
            let seed = match (same.first(), grading(records, &c.numero)) {
                (Some(&first), Grading::Grades) => {
                    conflicts.push(Conflict {
                        numero: c.numero.clone(),
                        epreuve: info.epreuve.clone(),
                        situation: info.situation.clone(),
                        earlier: same.iter().map(|&i| steps[i].seance.clone()).collect(),
                    });
                    first.checked_sub(1).map(|i| &steps[i])
                }
                _ => steps.last(),
            };
            if let Some(step) = seed {
                prior.insert(c.numero.clone(), step.grid.clone());
            }
        }
        (prior, conflicts)
    }

    /// Records what a séance left. The caller passes only séances it trusts (replayed whole,
    /// intact log); training séances are ignored here.
    pub fn push(
        &mut self,
        info: &SeanceInfo,
        records: &[Record],
        grids: &BTreeMap<String, GridState>,
    ) {
        if info.is_training() {
            return;
        }
        for (numero, grid) in grids {
            self.steps
                .entry((info.epreuve.clone(), numero.clone()))
                .or_default()
                .push(Step {
                    seance: info.id.clone(),
                    situation: info.situation.clone(),
                    graded: grading(records, numero) != Grading::None,
                    grid: grid.clone(),
                });
        }
    }

    /// The latest grid of a candidate for an épreuve.
    pub fn latest(&self, epreuve: &str, numero: &str) -> Option<&GridState> {
        self.steps
            .get(&(epreuve.to_string(), numero.to_string()))?
            .last()
            .map(|s| &s.grid)
    }
}

#[cfg(test)]
#[path = "carry_tests.rs"]
mod tests;
