//! The state of a séance: one pure fold over its events. The live app, a resumed séance, the
//! review and the export all build their state through [`SeanceState::apply`].
//!
//! `apply` is also the engine's gate: an event that would make the state wrong (unknown
//! criterion, note out of range, phase out of order, validation of an incomplete grid, …) is
//! refused with an [`EventError`] and the state is left unchanged.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::amenagement::Amenagement;
pub use super::error::EventError;
use super::event::{ClockAnomalyKind, Event, Membre, PauseReason, SeanceInfo};
use super::grid::{AmendmentRecord, GridState};
pub use super::replay::{ReplayError, replay};
use super::rules::{check_candidates, locate};
use super::stamp::Stamp;
pub use super::undo::{UNDO_WINDOW, Undone, UndoneKind};
use crate::referentiel::{Epreuve, Forme, Referentiel};
use crate::timing::Timeline;

/// One run of a phase.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PhaseRun {
    pub phase: String,
    pub started: DateTime<Utc>,
    pub ended: Option<DateTime<Utc>>,
    /// Ended before its planned duration by a deliberate action of the jury.
    pub early: bool,
    /// When each part after the first started (E1 ponctuel phase A: the dossier numérique
    /// after the project); the first part starts with the phase.
    pub parts: Vec<DateTime<Utc>>,
    /// The record that started it, and the one that ended it: what an undo names.
    pub started_seq: u64,
    pub ended_seq: Option<u64>,
    /// Its end also ended a pause (ending a phase during a pause): undoing the end reopens it.
    pub ended_pause: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pause {
    pub start: DateTime<Utc>,
    pub end: Option<DateTime<Utc>>,
    pub reason: PauseReason,
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpeakerTurn {
    pub at: DateTime<Utc>,
    pub candidat: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClockAnomaly {
    pub at: DateTime<Utc>,
    pub kind: ClockAnomalyKind,
    pub delta_ms: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeanceState {
    pub info: SeanceInfo,
    pub opened_at: DateTime<Utc>,
    pub runs: Vec<PhaseRun>,
    pub pauses: Vec<Pause>,
    pub speakers: Vec<SpeakerTurn>,
    pub members: Vec<Membre>,
    /// Numéro d'inscription → grid (seeded with the candidate's earlier séances of the épreuve).
    pub grids: BTreeMap<String, GridState>,
    pub remarks: Vec<(DateTime<Utc>, String)>,
    /// Phase starts and ends undone (see [`super::undo`]), in the order they were undone.
    pub undone: Vec<Undone>,
    pub clock_anomalies: Vec<ClockAnomaly>,
    /// Numéro d'inscription → the candidate's « temps majoré » (aménagement d’épreuve).
    pub amenagements: BTreeMap<String, Amenagement>,
    /// Candidates whose grid was validated in this séance (not carried validated from an
    /// earlier one): from then on this séance's commission, printed on those grids, changes by
    /// amendment only.
    /// A list, not a set: one to four numéros, and a set's first node alone is a few hundred
    /// bytes, kept for each of the review's séances.
    pub validated_here: Vec<String>,
    pub last_seq: u64,
    /// The last record's instant on the timeline (its wall time for older logs).
    pub last_ts: DateTime<Utc>,
    /// Where the records sit on a clock that does not step: every instant of this state
    /// (`runs`, `pauses`, `speakers`, …) is on it. Set by [`replay`] and `Seance`; a state
    /// built with [`SeanceState::open`] and `apply` alone has the opening's wall time only.
    #[serde(skip)]
    pub timeline: Timeline,
}

impl SeanceState {
    /// The séance as opened by its first event.
    pub fn open(
        r: &Referentiel,
        info: SeanceInfo,
        ts: DateTime<Utc>,
        prior: &BTreeMap<String, GridState>,
    ) -> Result<Self, EventError> {
        let (_, _, sit) = locate(r, &info)?;
        check_candidates(sit, &info)?;
        let grids = info
            .candidats
            .iter()
            .map(|c| {
                let mut g = prior.get(&c.numero).cloned().unwrap_or_default();
                g.situations.insert(info.situation.clone());
                (c.numero.clone(), g)
            })
            .collect();
        Ok(SeanceState {
            info,
            opened_at: ts,
            runs: Vec::new(),
            pauses: Vec::new(),
            speakers: Vec::new(),
            members: Vec::new(),
            grids,
            remarks: Vec::new(),
            undone: Vec::new(),
            clock_anomalies: Vec::new(),
            amenagements: BTreeMap::new(),
            validated_here: Vec::new(),
            last_seq: 1,
            last_ts: ts,
            timeline: Timeline::start(Stamp::wall(ts)),
        })
    }

    /// Gives back the spare capacity of the state's lists (a list grown by pushes holds up to
    /// twice what it needs): for a state kept long after its replay, as the review keeps one
    /// per séance.
    pub fn shrink_to_fit(&mut self) {
        self.runs.shrink_to_fit();
        for run in &mut self.runs {
            run.parts.shrink_to_fit();
        }
        self.pauses.shrink_to_fit();
        self.speakers.shrink_to_fit();
        self.members.shrink_to_fit();
        self.remarks.shrink_to_fit();
        self.clock_anomalies.shrink_to_fit();
        self.undone.shrink_to_fit();
        self.validated_here.shrink_to_fit();
    }

    /// The instant `now` on this séance's timeline: what `timing::clock` and
    /// `timing::next_change` take. With a stamp of the same run as the last record, it is that
    /// record's instant plus the monotonic time since; with a wall time alone, the wall time
    /// (shifted by any correction the timeline made before).
    pub fn time_of(&self, now: impl Into<Stamp>) -> DateTime<Utc> {
        self.timeline.at(&now.into())
    }

    pub fn epreuve<'r>(&self, r: &'r Referentiel) -> Option<&'r Epreuve> {
        r.epreuve(&self.info.epreuve)
    }

    pub fn forme<'r>(&self, r: &'r Referentiel) -> Option<&'r Forme> {
        self.epreuve(r)?.forme(self.info.forme)
    }

    /// The running phase, if any.
    pub fn running(&self) -> Option<&PhaseRun> {
        self.runs.last().filter(|p| p.ended.is_none())
    }

    pub fn is_paused(&self) -> bool {
        self.pauses.last().is_some_and(|p| p.end.is_none())
    }

    /// Index in `info.phases` of the next phase to start, if any is left.
    pub fn next_phase(&self) -> Option<usize> {
        (self.runs.len() < self.info.phases.len() && self.running().is_none())
            .then_some(self.runs.len())
    }

    /// Every planned phase has run to its end.
    pub fn is_finished(&self) -> bool {
        self.runs.len() == self.info.phases.len() && self.running().is_none()
    }

    /// The current speaker of a group séance.
    pub fn speaker(&self) -> Option<&str> {
        self.speakers.last().and_then(|s| s.candidat.as_deref())
    }

    /// Applies one event at time `ts`; on error the state is unchanged.
    ///
    /// No copy of the state is taken: every rule of `apply_in_place` and `apply_grid` is checked
    /// before their first change, so a refused event changes nothing (the tests of refusals and
    /// the fold's proptest hold this). A copy per event made replaying a long log quadratic.
    pub fn apply(
        &mut self,
        r: &Referentiel,
        event: &Event,
        ts: DateTime<Utc>,
    ) -> Result<(), EventError> {
        self.apply_in_place(r, event, ts)?;
        self.last_seq += 1;
        self.last_ts = ts;
        Ok(())
    }

    fn apply_in_place(
        &mut self,
        r: &Referentiel,
        event: &Event,
        ts: DateTime<Utc>,
    ) -> Result<(), EventError> {
        match event {
            Event::SeanceOpened { .. } => return Err(EventError::AlreadyOpened),
            Event::PhaseStarted { phase } => {
                let expected = self.next_phase().map(|i| self.info.phases[i].id.clone());
                if expected.as_deref() != Some(phase.as_str()) {
                    return Err(EventError::PhaseOutOfOrder {
                        got: phase.clone(),
                        expected: expected.unwrap_or_else(|| "aucune".into()),
                    });
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
                    return Err(EventError::PhaseOutOfOrder {
                        got: phase.clone(),
                        expected: running,
                    });
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
                let parts = self
                    .info
                    .phases
                    .iter()
                    .find(|p| &p.id == phase)
                    .map_or(0, |p| p.parties.len());
                let next = run.parts.len() as u32 + 1;
                if &run.phase != phase || *partie != next || *partie as usize >= parts {
                    return Err(EventError::BadPart {
                        phase: phase.clone(),
                        partie: *partie,
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
