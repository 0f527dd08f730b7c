//! The grid of one candidate for one épreuve, as the grid events leave it, and what is still
//! missing before the commission may validate it.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex, PoisonError};

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::event::{Event, Membre};
use crate::grading::{self, Incoherence, Niveau, Points};
use crate::referentiel::{Commission, ConditionPfmp, Epreuve, Forme, Referentiel, Voie};

/// Why the candidate is not assessed, as the commission recorded it: absent, or exempted from
/// the épreuve. Either way the grid needs no positions, notes or appreciation, only the
/// commission; the last event recorded wins, so an amendment can turn one into the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NotAssessed {
    /// Absent, for a case of force majeure dûment justifiée or not; what each gives is the
    /// référentiel's rule (see [`super::Resultat`]).
    Absent { justified: bool },
    /// Dispensé: exempted from the épreuve (e.g. holds the unit from an earlier diploma).
    Exempted,
}

/// Weeks of work placement (E2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Pfmp {
    pub weeks: u32,
    pub positionne: bool,
    pub voie: Option<Voie>,
    /// Weeks the référentiel requires of this candidate (voie, positionnement), decided when
    /// recorded; `None` when the voie attests its training otherwise.
    pub required: Option<u32>,
}

impl Pfmp {
    pub fn new(cond: &ConditionPfmp, weeks: u32, positionne: bool, voie: Option<Voie>) -> Self {
        Pfmp {
            weeks,
            positionne,
            voie,
            required: cond.semaines_pour(voie, positionne),
        }
    }

    /// The weeks required when the PFMP falls short of them: « L’obtention de l’épreuve est
    /// conditionnée à la réalisation de la durée réglementaire ».
    pub fn short(&self) -> Option<u32> {
        self.required.filter(|&need| self.weeks < need)
    }
}

/// A change made to a validated grid.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AmendmentRecord {
    pub ts: DateTime<Utc>,
    pub reason: String,
    pub change: Event,
}

/// A criterion id as grids hold it: one shared copy of each id, however many grids position
/// it. The review of 10,000 séances keeps 10,000 grids of about 15 criteria each: one small
/// string per position was a third of its memory. Only ids the référentiel accepted are
/// interned (`apply` checks them first), so the set stays as small as the référentiels read.
///
/// Each thread keeps the ids it has met in a set of its own, so the review's workers, which
/// fold every positioning of every log, do not take a lock shared between them for each one;
/// only an id a thread meets for the first time goes to the shared set.
pub fn critere_key(id: &str) -> Arc<str> {
    thread_local! {
        static SEEN: RefCell<BTreeSet<Arc<str>>> = const { RefCell::new(BTreeSet::new()) };
    }
    SEEN.with_borrow_mut(|seen| {
        if let Some(k) = seen.get(id) {
            return Arc::clone(k);
        }
        let k = shared_key(id);
        seen.insert(Arc::clone(&k));
        k
    })
}

/// The one copy of `id` shared by every thread.
fn shared_key(id: &str) -> Arc<str> {
    static IDS: Mutex<BTreeSet<Arc<str>>> = Mutex::new(BTreeSet::new());
    // The set is only ever inserted into: a panic elsewhere cannot leave it inconsistent.
    let mut ids = IDS.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(k) = ids.get(id) {
        return Arc::clone(k);
    }
    let k: Arc<str> = Arc::from(id);
    ids.insert(Arc::clone(&k));
    k
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct GridState {
    /// Critère id → level. Ids are shared ([`critere_key`]).
    pub positions: BTreeMap<Arc<str>, Niveau>,
    /// Criteria positioned « non observé »: complete, but in no indicative note.
    pub non_observes: BTreeSet<Arc<str>>,
    /// Situations of the form held with the candidate (or for them), across séances.
    pub situations: BTreeSet<String>,
    /// Competence id → note /20.
    pub notes: BTreeMap<String, Points>,
    pub appreciation: String,
    /// Absent or dispensé (`None`: the candidate is assessed).
    pub not_assessed: Option<NotAssessed>,
    pub pfmp: Option<Pfmp>,
    /// The candidate's voie de formation, as recorded (`voie_recorded`).
    pub voie: Option<Voie>,
    pub validated_at: Option<DateTime<Utc>>,
    pub amendments: Vec<AmendmentRecord>,
}

impl GridState {
    pub fn is_validated(&self) -> bool {
        self.validated_at.is_some()
    }

    /// Recorded absent (justified or not): no floor, no positioning until withdrawn.
    pub fn is_absent(&self) -> bool {
        matches!(self.not_assessed, Some(NotAssessed::Absent { .. }))
    }

    /// Positions of the criteria of one competence, in the référentiel's order.
    pub fn positions_of(&self, r: &Referentiel, competence: &str) -> Vec<Niveau> {
        r.competence(competence)
            .map(|c| {
                c.criteres
                    .iter()
                    .filter_map(|k| self.positions.get(k.id.as_str()).copied())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Indicative proposal for one competence (`None` while nothing is positioned).
    pub fn proposition(&self, r: &Referentiel, competence: &str) -> Option<Points> {
        r.bareme().proposition(&self.positions_of(r, competence))
    }

    pub fn incoherence(&self, r: &Referentiel, competence: &str) -> Option<Incoherence> {
        let note = *self.notes.get(competence)?;
        r.bareme()
            .incoherence(note, &self.positions_of(r, competence))
    }

    /// Note globale /60 and note /20 once every competence of the épreuve has a note.
    pub fn totals(&self, e: &Epreuve) -> Option<(Points, Points)> {
        let notes: Option<Vec<Points>> = e
            .competences
            .iter()
            .map(|c| self.notes.get(c).copied())
            .collect();
        let total = grading::total(notes?);
        Some((total, grading::note_sur_20(total)))
    }

    /// Sum of the notes set so far (for a live display before all are set).
    pub fn partial_total(&self, e: &Epreuve) -> Points {
        grading::total(
            e.competences
                .iter()
                .filter_map(|c| self.notes.get(c).copied()),
        )
    }

    /// Everything that stops validation, in French, one item each. Empty when complete.
    pub fn missing(
        &self,
        r: &Referentiel,
        e: &Epreuve,
        forme: &Forme,
        members: &[Membre],
    ) -> Vec<String> {
        let mut out = Vec::new();
        if self.not_assessed.is_none() {
            // « L’épreuve comporte deux situations d’évaluation » (E1 and E3 in CCF).
            for s in &forme.situations {
                if !self.situations.contains(&s.id) {
                    out.push(format!("situation {} non tenue ({})", s.id, s.intitule));
                }
            }
            if let Some(cond) = &forme.pfmp
                && self.pfmp.is_none()
            {
                out.push(format!(
                    "PFMP : durée non renseignée ({} semaines exigées, {} pour une personne \
                     candidate positionnée de la voie scolaire)",
                    cond.semaines, cond.semaines_positionne
                ));
            }
            for comp in r.competences_of(e) {
                let unset: Vec<&str> = comp
                    .criteres
                    .iter()
                    .filter(|k| {
                        !self.positions.contains_key(k.id.as_str())
                            && !self.non_observes.contains(k.id.as_str())
                    })
                    .map(|k| k.id.as_str())
                    .collect();
                if !unset.is_empty() {
                    out.push(format!(
                        "{} : {} critère(s) non positionné(s) ({})",
                        comp.id,
                        unset.len(),
                        unset.join(", ")
                    ));
                }
                if !self.notes.contains_key(&comp.id) {
                    out.push(format!("{} : note /20 non saisie", comp.id));
                }
            }
            if self.appreciation.trim().is_empty() {
                out.push("appréciation générale non rédigée".to_string());
            }
        }
        out.extend(commission_gaps(&forme.commission, members));
        out
    }
}

/// How the members present fall short of the composition the référentiel requires.
pub fn commission_gaps(c: &Commission, members: &[Membre]) -> Vec<String> {
    let mut out = Vec::new();
    let n = members.len();
    if n < c.membres_minimum as usize {
        out.push(format!(
            "commission : {n} membre(s) sur {} au minimum",
            c.membres_minimum
        ));
    }
    if let Some(max) = c.membres_maximum.filter(|&m| n > m as usize) {
        out.push(format!("commission : {n} membres pour {max} exactement"));
    }
    let key = |m: &Membre| {
        m.nom
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    for (i, m) in members.iter().enumerate() {
        if members[..i].iter().any(|o| key(o) == key(m)) {
            out.push(format!(
                "commission : {} inscrit(e) deux fois",
                m.nom.trim()
            ));
        }
    }
    // Match roles to members greedily: a role first takes a member of its own quality, then
    // one of its replacement quality, each member holding one role.
    let mut free: Vec<&Membre> = members.iter().collect();
    let mut unfilled = Vec::new();
    for role in &c.roles {
        if let Some(i) = free.iter().position(|m| m.qualite == role.qualite) {
            free.remove(i);
        } else {
            unfilled.push(role);
        }
    }
    for role in unfilled {
        let repl = role
            .remplacable_par
            .as_ref()
            .and_then(|q| free.iter().position(|m| &m.qualite == q));
        match repl {
            Some(i) => {
                free.remove(i);
            }
            None => out.push(format!("commission : manque {}", role.libelle)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_criterion_id_is_one_copy_across_threads() {
        let here = critere_key("C9.9-test-1");
        assert_eq!(&*here, "C9.9-test-1");
        assert!(Arc::ptr_eq(&here, &critere_key("C9.9-test-1")));
        let there: Vec<Arc<str>> = std::thread::scope(|s| {
            let a = s.spawn(|| critere_key("C9.9-test-1"));
            let b = s.spawn(|| (critere_key("C9.9-test-2"), critere_key("C9.9-test-1")));
            let (b2, b1) = b.join().unwrap();
            assert_eq!(&*b2, "C9.9-test-2");
            vec![a.join().unwrap(), b1]
        });
        for k in there {
            assert!(Arc::ptr_eq(&here, &k));
        }
        assert!(!Arc::ptr_eq(&here, &critere_key("C9.9-test-2")));
    }
}
