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
use super::grid::GridState;
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
}
