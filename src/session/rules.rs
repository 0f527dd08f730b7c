//! The rules a grid event must follow before the fold applies it, and the checks of a séance's
//! opening (épreuve, form, situation and candidates known to the référentiel).

use chrono::{DateTime, Utc};

use super::error::EventError;
use super::event::{Event, SeanceInfo};
use super::grid::{GridState, NotAssessed, Pfmp, critere_key};
use super::state::SeanceState;
use crate::referentiel::{Epreuve, Forme, Referentiel, Situation};

impl SeanceState {
    /// A grid event, validation rules included; the validated check is the caller's. Every rule
    /// is checked before the grid changes (see [`SeanceState::apply`]). Returns the grid changed.
    pub(super) fn apply_grid(
        &mut self,
        r: &Referentiel,
        event: &Event,
        ts: DateTime<Utc>,
    ) -> Result<&mut GridState, EventError> {
        let (epreuve, forme, situation) = locate(r, &self.info)?;
        let in_epreuve = |critere: &str| r.critere_of(epreuve, critere).is_some();
        let max = r.notation.note_max_competence;
        let numero = event.grid_candidat().unwrap_or_default();
        // Borrowing the fields apart lets validation read the members without copying them.
        let members = &self.members;
        let grid = self
            .grids
            .get_mut(numero)
            .ok_or_else(|| EventError::UnknownCandidate(numero.to_string()))?;
        match event {
            Event::CriterionPositioned {
                critere, niveau, ..
            } => {
                if !in_epreuve(critere) {
                    return Err(EventError::UnknownCritere(critere.clone()));
                }
                if grid.is_absent() {
                    return Err(EventError::CandidateIsAbsent(numero.to_string()));
                }
                grid.non_observes.remove(critere.as_str());
                grid.positions.insert(critere_key(critere), *niveau);
            }
            Event::CriterionNotObserved { critere, .. } => {
                if !in_epreuve(critere) {
                    return Err(EventError::UnknownCritere(critere.clone()));
                }
                if grid.is_absent() {
                    return Err(EventError::CandidateIsAbsent(numero.to_string()));
                }
                grid.positions.remove(critere.as_str());
                grid.non_observes.insert(critere_key(critere));
            }
            Event::CriterionCleared { critere, .. } => {
                if !in_epreuve(critere) {
                    return Err(EventError::UnknownCritere(critere.clone()));
                }
                grid.positions.remove(critere.as_str());
                grid.non_observes.remove(critere.as_str());
            }
            Event::NoteSet {
                competence, note, ..
            } => {
                if !epreuve.competences.contains(competence) {
                    return Err(EventError::UnknownCompetence(competence.clone()));
                }
                if *note > crate::grading::Points::from_whole(max) {
                    return Err(EventError::NoteOutOfRange {
                        note: note.fr(),
                        max,
                    });
                }
                grid.notes.insert(competence.clone(), *note);
            }
            Event::AppreciationSet { text, .. } => grid.appreciation = text.clone(),
            Event::CandidateAbsent { justified, .. } => {
                // E2 CCF, E3 CCF situation A: « sans la présence de la personne candidate ».
                if !situation.candidat_present {
                    return Err(EventError::AbsenceImpossible(situation.id.clone()));
                }
                grid.not_assessed = Some(NotAssessed::Absent {
                    justified: *justified,
                })
            }
            Event::AbsenceWithdrawn { .. } => {
                if !grid.is_absent() {
                    return Err(EventError::NotAbsent(numero.to_string()));
                }
                grid.not_assessed = None;
            }
            Event::CandidateExempted { .. } => grid.not_assessed = Some(NotAssessed::Exempted),
            Event::PfmpRecorded {
                weeks,
                positionne,
                voie,
                ..
            } => {
                let cond = forme.pfmp.as_ref().ok_or(EventError::NoPfmp)?;
                grid.pfmp = Some(Pfmp::new(cond, *weeks, *positionne, voie.or(grid.voie)));
            }
            Event::VoieRecorded { voie, .. } => {
                grid.voie = Some(*voie);
                // A PFMP recorded before the voie was known follows it from now on.
                if let (Some(cond), Some(p)) = (&forme.pfmp, grid.pfmp) {
                    grid.pfmp = Some(Pfmp::new(cond, p.weeks, p.positionne, Some(*voie)));
                }
            }
            Event::GridValidated { .. } => {
                let missing = grid.missing(r, epreuve, forme, members);
                if !missing.is_empty() {
                    return Err(EventError::Incomplete(missing));
                }
                grid.validated_at = Some(ts);
            }
            other => return Err(EventError::BadAmendment(other.kind().into())),
        }
        Ok(grid)
    }
}

pub(super) fn locate<'r>(
    r: &'r Referentiel,
    info: &SeanceInfo,
) -> Result<(&'r Epreuve, &'r Forme, &'r Situation), EventError> {
    let unknown = || {
        EventError::UnknownSituation(format!(
            "{} {} {}",
            info.epreuve,
            info.forme.label(),
            info.situation
        ))
    };
    let e = r.epreuve(&info.epreuve).ok_or_else(unknown)?;
    let f = e.forme(info.forme).ok_or_else(unknown)?;
    let s = f.situation(&info.situation).ok_or_else(unknown)?;
    Ok((e, f, s))
}

pub(super) fn check_candidates(sit: &Situation, info: &SeanceInfo) -> Result<(), EventError> {
    let n = info.candidats.len() as u32;
    let (min, max) = sit.groupe.as_ref().map_or((1, 1), |g| (g.min, g.max));
    // « le groupe projet (2 à 4 personnes) »: a member absent on the day stays in the séance
    // and is recorded absent, so the group as opened is always within its bounds.
    if n < min.max(1) || n > max {
        return Err(EventError::BadCandidates(format!(
            "{n} personne(s) candidate(s) pour une situation qui en prévoit {min} à {max}"
        )));
    }
    let mut seen = std::collections::HashSet::new();
    for c in &info.candidats {
        if c.numero.trim().is_empty() || c.nom.trim().is_empty() {
            return Err(EventError::BadCandidates(
                "numéro d’inscription et nom sont obligatoires".into(),
            ));
        }
        if !seen.insert(&c.numero) {
            return Err(EventError::BadCandidates(format!(
                "numéro en double : {}",
                c.numero
            )));
        }
    }
    Ok(())
}

impl SeanceInfo {
    /// A séance of `epreuve` / `forme` / `situation` for `candidats`, with the planned phases and
    /// default alerts copied from the référentiel; refused like the fold would refuse it.
    pub fn plan(
        r: &Referentiel,
        id: impl Into<String>,
        epreuve: &str,
        forme: crate::referentiel::FormeKind,
        situation: &str,
        candidats: Vec<super::event::Candidat>,
        vitesse: Option<u32>,
    ) -> Result<SeanceInfo, EventError> {
        let mut info = SeanceInfo {
            id: id.into(),
            epreuve: epreuve.to_string(),
            forme,
            situation: situation.to_string(),
            candidats,
            phases: Default::default(),
            alertes_par_defaut_minutes: r.epreuves.alertes_par_defaut_minutes.clone(),
            vitesse: vitesse.filter(|&v| v > 1),
        };
        let (_, _, sit) = locate(r, &info)?;
        check_candidates(sit, &info)?;
        info.phases = sit.phases.as_slice().into();
        Ok(info)
    }
}
