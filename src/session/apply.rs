//! The rules of [`SeanceState::apply`], event by event: what each event changes in a séance's
//! state and what makes it refused. Split from [`super::state`], which holds the state itself.

use chrono::{DateTime, Utc};

use super::error::EventError;
use super::event::{Event, Membre};
use super::grid::{AmendmentRecord, GridState};
use super::state::{ClockAnomaly, Pause, PhaseRun, SeanceState, SpeakerTurn};
use crate::referentiel::Referentiel;

impl SeanceState {
    pub(super) fn apply_in_place(
        &mut self,
        r: &Referentiel,
        event: &Event,
        ts: DateTime<Utc>,
    ) -> Result<(), EventError> {
        match event {
            Event::SeanceOpened { .. } => return Err(EventError::AlreadyOpened),
            Event::PhaseStarted { phase } => {
                let expected = self.next_phase().map(|i| &self.info.phases[i]);
                if expected.map(|p| p.id.as_str()) != Some(phase.as_str()) {
                    return Err(self.out_of_order(phase, expected.map(|p| p.nom())));
                }
                self.runs.push(PhaseRun {
                    phase: phase.clone(),
                    started: ts,
                    ended: None,
                    early: false,
                    parts: Vec::new(),
                    started_seq: self.last_seq + 1,
                    ended_seq: None,
                    ended_pause: false,
                });
            }
            Event::PhaseEnded { phase } | Event::PhaseEndedEarly { phase } => {
                let running = self
                    .running()
                    .map(|p| p.phase.clone())
                    .ok_or(EventError::NoRunningPhase)?;
                if &running != phase {
                    let expected = self.info.phases.iter().find(|p| p.id == running);
                    return Err(
                        self.out_of_order(phase, Some(expected.map_or(&*running, |p| p.nom())))
                    );
                }
                // Ending a phase during a pause ends the pause at the same moment.
                let paused = self.pauses.last_mut().filter(|p| p.end.is_none());
                let ended_pause = paused.is_some();
                if let Some(p) = paused {
                    p.end = Some(ts);
                }
                let seq = self.last_seq + 1;
                if let Some(run) = self.runs.last_mut() {
                    run.ended = Some(ts);
                    run.early = matches!(event, Event::PhaseEndedEarly { .. });
                    run.ended_seq = Some(seq);
                    run.ended_pause = ended_pause;
                }
            }
            Event::PhaseStartUndone { seq } => self.undo_start(*seq, ts)?,
            Event::PhaseEndUndone { seq } => self.undo_end(*seq, ts)?,
            Event::Paused { reason, detail } => {
                self.running().ok_or(EventError::NoRunningPhase)?;
                if self.is_paused() {
                    return Err(EventError::AlreadyPaused);
                }
                self.pauses.push(Pause {
                    start: ts,
                    end: None,
                    reason: *reason,
                    detail: detail.clone(),
                });
            }
            Event::Resumed => {
                let p = self
                    .pauses
                    .last_mut()
                    .filter(|p| p.end.is_none())
                    .ok_or(EventError::NotPaused)?;
                p.end = Some(ts);
            }
            Event::SpeakerChanged { candidat } => {
                if let Some(n) = candidat
                    && self.candidate(n)?.is_absent()
                {
                    return Err(EventError::CandidateIsAbsent(n.clone()));
                }
                self.speakers.push(SpeakerTurn {
                    at: ts,
                    candidat: candidat.clone(),
                });
            }
            Event::Remark { text } => {
                if text.trim().is_empty() {
                    return Err(EventError::Empty("la remarque"));
                }
                self.remarks.push((ts, text.clone()));
            }
            Event::PartStarted { phase, partie } => {
                let run = self.runs.last().filter(|p| p.ended.is_none());
                let run = run.ok_or(EventError::NoRunningPhase)?;
                let known = self.info.phases.iter().find(|p| &p.id == phase);
                let parts = known.map_or(0, |p| p.parties.len());
                let next = run.parts.len() as u32 + 1;
                if &run.phase != phase || *partie != next || *partie as usize >= parts {
                    return Err(EventError::BadPart {
                        phase: known.map_or(phase.as_str(), |p| p.nom()).to_string(),
                        // Parts count from 0 in the log, from 1 in a sentence.
                        partie: partie.saturating_add(1),
                    });
                }
                if let Some(run) = self.runs.last_mut() {
                    run.parts.push(ts);
                }
            }
            Event::AmenagementRecorded {
                candidat,
                majoration,
                phases,
                decision,
            } => self.apply_amenagement(r, candidat, *majoration, phases, decision, ts)?,
            Event::MemberRemoved { membre } => {
                if let Some(who) = self.commission_frozen() {
                    return Err(EventError::NeedsAmendment(who.to_string()));
                }
                self.remove_member(membre)?;
            }
            Event::MemberAdded { membre } => {
                // The commission is printed on every validated grid: joining it afterwards is
                // an amendment, as leaving it is.
                if let Some(who) = self.commission_frozen() {
                    return Err(EventError::NeedsAmendment(who.to_string()));
                }
                self.add_member(r, membre)?;
            }
            Event::ClockAnomaly { kind, delta_ms } => {
                self.clock_anomalies.push(ClockAnomaly {
                    at: ts,
                    kind: *kind,
                    delta_ms: *delta_ms,
                });
            }
            Event::Amendment { reason, change }
                if matches!(
                    **change,
                    Event::MemberRemoved { .. } | Event::MemberAdded { .. }
                ) =>
            {
                // The commission of a validated séance: the amendment goes on every validated
                // grid, whose printed commission it changes. A member's qualité is corrected by
                // a removal then an addition, each with the reason.
                if reason.trim().is_empty() {
                    return Err(EventError::Empty("le motif de l’amendement"));
                }
                if self.commission_frozen().is_none() {
                    return Err(EventError::NotValidated("la commission".into()));
                }
                match &**change {
                    Event::MemberRemoved { membre } => self.remove_member(membre)?,
                    Event::MemberAdded { membre } => self.add_member(r, membre)?,
                    other => return Err(EventError::BadAmendment(other.kind().into())),
                }
                let here = &self.validated_here;
                for (_, g) in self.grids.iter_mut().filter(|(n, _)| here.contains(*n)) {
                    g.amendments.push(AmendmentRecord {
                        ts,
                        reason: reason.clone(),
                        change: (**change).clone(),
                    });
                }
            }
            Event::Amendment { reason, change } => {
                let who = change
                    .grid_candidat()
                    .ok_or_else(|| EventError::BadAmendment(change.kind().into()))?;
                if matches!(
                    **change,
                    Event::Amendment { .. } | Event::GridValidated { .. }
                ) {
                    return Err(EventError::BadAmendment(change.kind().into()));
                }
                if reason.trim().is_empty() {
                    return Err(EventError::Empty("le motif de l’amendement"));
                }
                if !self.candidate(who)?.is_validated() {
                    return Err(EventError::NotValidated(who.to_string()));
                }
                let grid = self.apply_grid(r, change, ts)?;
                grid.amendments.push(AmendmentRecord {
                    ts,
                    reason: reason.clone(),
                    change: (**change).clone(),
                });
            }
            grid => {
                let who = grid.grid_candidat().unwrap_or_default();
                if self.candidate(who)?.is_validated() {
                    return Err(EventError::NeedsAmendment(who.to_string()));
                }
                self.apply_grid(r, grid, ts)?;
                if let Event::GridValidated { candidat } = grid
                    && !self.validated_here.contains(candidat)
                {
                    self.validated_here.push(candidat.clone());
                }
            }
        }
        Ok(())
    }

    /// A candidate whose grid this séance validated, if any: the commission then changes by
    /// amendment only (a grid carried already validated from an earlier séance was signed by
    /// that séance's commission, not this one's).
    pub fn commission_frozen(&self) -> Option<&str> {
        self.validated_here.iter().min().map(String::as_str)
    }

    /// Adds a member, named and of a qualité the référentiel knows.
    /// A phase asked out of the plan's order, both named as a sentence names them ([`Phase::nom`]);
    /// an id the séance does not know is shown as it is.
    ///
    /// [`Phase::nom`]: crate::referentiel::Phase::nom
    fn out_of_order(&self, id: &str, expected: Option<&str>) -> EventError {
        let phase = self.info.phases.iter().find(|p| p.id == id);
        EventError::PhaseOutOfOrder {
            got: phase.map_or(id, |p| p.nom()).to_string(),
            expected: expected.unwrap_or("aucune").to_string(),
        }
    }

    fn add_member(&mut self, r: &Referentiel, membre: &Membre) -> Result<(), EventError> {
        if membre.nom.trim().is_empty() {
            return Err(EventError::Empty("le nom du membre"));
        }
        r.qualite(&membre.qualite)
            .ok_or_else(|| EventError::UnknownQualite(membre.qualite.clone()))?;
        self.members.push(membre.clone());
        Ok(())
    }

    /// Removes the first member with that name and qualité.
    fn remove_member(&mut self, membre: &Membre) -> Result<(), EventError> {
        let i = self
            .members
            .iter()
            .position(|m| m == membre)
            .ok_or_else(|| EventError::UnknownMember(membre.nom.clone()))?;
        self.members.remove(i);
        Ok(())
    }

    fn candidate(&self, numero: &str) -> Result<&GridState, EventError> {
        self.grids
            .get(numero)
            .ok_or_else(|| EventError::UnknownCandidate(numero.to_string()))
    }
}
