//! The fold over a whole log: a séance's state from its records, the first of which opens it,
//! each applied through [`SeanceState::apply`]; and why a log does not replay.

use std::collections::BTreeMap;

use super::error::EventError;
use super::event::{Event, Record};
use super::grid::GridState;
use super::state::SeanceState;
use crate::referentiel::Referentiel;
use crate::timing::Timeline;

/// Why a log cannot be replayed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("enregistrement n° {seq} : {error}")]
pub struct ReplayError {
    pub seq: u64,
    pub error: EventError,
}

/// The fold: the state of a séance from its records, seeded with the grids of the candidates'
/// earlier séances of the same épreuve (`prior`, empty for most séances).
pub fn replay(
    r: &Referentiel,
    records: &[Record],
    prior: &BTreeMap<String, GridState>,
) -> Result<SeanceState, ReplayError> {
    let (first, rest) = records.split_first().ok_or(ReplayError {
        seq: 0,
        error: EventError::NotOpened,
    })?;
    let Event::SeanceOpened { seance } = &first.event else {
        return Err(ReplayError {
            seq: first.seq,
            error: EventError::NotOpened,
        });
    };
    let mut state = SeanceState::open(r, super::SeanceInfo::clone(seance), first.ts, prior)
        .map_err(|error| ReplayError {
            seq: first.seq,
            error,
        })?;
    state.last_seq = first.seq;
    state.timeline = Timeline::start(first.stamp());
    for rec in rest {
        // Durations are measured on the timeline, not on the raw wall-clock timestamps.
        let at = state.timeline.push(rec.stamp());
        state
            .apply(r, &rec.event, at)
            .map_err(|error| ReplayError {
                seq: rec.seq,
                error,
            })?;
        state.last_seq = rec.seq;
    }
    Ok(state)
}
