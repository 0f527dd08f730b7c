//! The aménagement d’épreuve « temps majoré » in the fold: who has one, for which phases, by how
//! much; and the rules an `amenagement_recorded` follows (bound from `notation.json`, phases of
//! the séance, recorded before those phases end).

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::error::EventError;
use super::state::SeanceState;
use crate::referentiel::{Fraction, Referentiel};

/// A candidate's « temps majoré », as the jury recorded it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Amenagement {
    pub majoration: Fraction,
    /// Ids of the phases it applies to.
    pub phases: Vec<String>,
    pub decision: String,
    pub at: DateTime<Utc>,
}

impl Amenagement {
    /// The majoration of phase `id` for this candidate, if the aménagement covers it.
    pub fn pour(&self, id: &str) -> Option<Fraction> {
        self.phases
            .iter()
            .any(|p| p == id)
            .then_some(self.majoration)
    }
}

impl SeanceState {
    /// The majoration of phase `id` for candidate `numero`, if any.
    pub fn majoration(&self, numero: &str, id: &str) -> Option<Fraction> {
        self.amenagements.get(numero).and_then(|a| a.pour(id))
    }

    /// Checks and records an aménagement; nothing changes on a refusal.
    pub(super) fn apply_amenagement(
        &mut self,
        r: &Referentiel,
        candidat: &str,
        majoration: Fraction,
        phases: &[String],
        decision: &str,
        ts: DateTime<Utc>,
    ) -> Result<(), EventError> {
        if !self.grids.contains_key(candidat) {
            return Err(EventError::UnknownCandidate(candidat.to_string()));
        }
        let rule = &r.notation.temps_majore;
        if !majoration.at_most(rule.maximum) {
            return Err(EventError::MajorationTropForte {
                majoration: majoration.to_string(),
                texte: rule.texte.clone(),
                source_: rule.source.clone(),
            });
        }
        // A withdrawal names no phase.
        let covered: Vec<String> = if majoration.is_zero() {
            Vec::new()
        } else {
            if phases.is_empty() {
                return Err(EventError::Empty("la liste des phases du temps majoré"));
            }
            phases.to_vec()
        };
        for (i, id) in covered.iter().enumerate() {
            if !self.info.phases.iter().any(|p| &p.id == id) || covered[..i].contains(id) {
                return Err(EventError::MajorationPhase(id.clone()));
            }
        }
        // A phase already over keeps the time it was run against: neither the phases named now
        // nor those of the aménagement it replaces may have ended.
        let previous = self.amenagements.get(candidat).map(|a| a.phases.as_slice());
        let touched = covered.iter().chain(previous.unwrap_or_default());
        for id in touched {
            if self
                .runs
                .iter()
                .any(|run| &run.phase == id && run.ended.is_some())
            {
                let nom = self.info.phases.iter().find(|p| &p.id == id);
                return Err(EventError::MajorationTardive(
                    nom.map_or(id.as_str(), |p| p.nom()).to_string(),
                ));
            }
        }
        if majoration.is_zero() {
            self.amenagements.remove(candidat);
        } else {
            self.amenagements.insert(
                candidat.to_string(),
                Amenagement {
                    majoration,
                    phases: covered,
                    decision: decision.to_string(),
                    at: ts,
                },
            );
        }
        Ok(())
    }
}
