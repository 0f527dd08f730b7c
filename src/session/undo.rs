//! Undoing a phase start or end pressed by mistake: a compensating event
//! (`phase_start_undone` / `phase_end_undone`) names the record it undoes, within
//! [`UNDO_WINDOW`] of it, and the fold goes back to the state before that record. Nothing is
//! erased: the log keeps both records, and the state lists what was undone for the review.
//!
//! The window is a rule of the fold, not of the screen, so `verifier` refuses a log that undoes
//! a phase start recorded minutes earlier: past 10 s the start was not a slip of the finger but
//! what happened, and only a remark may comment on it.

use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::error::EventError;
use super::state::{PhaseRun, SeanceState};

/// How long after a phase start or end it can still be undone.
pub const UNDO_WINDOW: Duration = Duration::from_secs(10);

/// What was undone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UndoneKind {
    Start,
    End,
}

/// A phase start or end undone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Undone {
    pub kind: UndoneKind,
    pub phase: String,
    /// The record undone, and when it was recorded.
    pub seq: u64,
    pub recorded: DateTime<Utc>,
    /// When it was undone.
    pub at: DateTime<Utc>,
}

/// Refuses an undo of record `seq`, recorded at `then`, coming at `now` past the window.
fn in_window(seq: u64, then: DateTime<Utc>, now: DateTime<Utc>) -> Result<(), EventError> {
    let max = UNDO_WINDOW.as_secs();
    if too_late(then, now) {
        return Err(EventError::UndoTooLate {
            seq,
            secs: (now - then).num_seconds(),
            max,
        });
    }
    Ok(())
}

/// Whether a record made at `then` can no longer be undone at `now`: the one rule of the window,
/// for the log's gate and for the key the screen offers.
fn too_late(then: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    (now - then).num_milliseconds() > UNDO_WINDOW.as_millis() as i64
}

impl SeanceState {
    /// Whether more than a slip happened since `run` started: a pause or a part recorded in it.
    /// Its start is then no longer undone.
    fn start_moved(&self, run: &PhaseRun) -> bool {
        !run.parts.is_empty() || self.pauses.iter().any(|p| p.start >= run.started)
    }

    /// The start of the running phase (record `seq`) is undone: the phase is back to not
    /// started. Refused once a pause or a part was recorded in it (more than a slip happened).
    pub(super) fn undo_start(&mut self, seq: u64, ts: DateTime<Utc>) -> Result<(), EventError> {
        let nothing = |why| EventError::NothingToUndo { seq, why };
        let run = self
            .runs
            .last()
            .filter(|r| r.started_seq == seq)
            .ok_or_else(|| nothing("ce n’est pas le début de la dernière phase"))?;
        if run.ended.is_some() {
            return Err(nothing("la phase est déjà terminée"));
        }
        if self.start_moved(run) {
            return Err(nothing("une pause ou une partie a été enregistrée depuis"));
        }
        in_window(seq, run.started, ts)?;
        let run = self.runs.pop().ok_or_else(|| nothing("aucune phase"))?;
        self.undone.push(Undone {
            kind: UndoneKind::Start,
            phase: run.phase,
            seq,
            recorded: run.started,
            at: ts,
        });
        Ok(())
    }

    /// The end of the last phase (record `seq`) is undone: it runs on, and a pause its end had
    /// closed is open again. Refused once the next phase started.
    pub(super) fn undo_end(&mut self, seq: u64, ts: DateTime<Utc>) -> Result<(), EventError> {
        let nothing = |why| EventError::NothingToUndo { seq, why };
        let run = self
            .runs
            .last()
            .filter(|r| r.ended_seq == Some(seq))
            .ok_or_else(|| nothing("ce n’est pas la fin de la dernière phase"))?;
        let ended = run
            .ended
            .ok_or_else(|| nothing("la phase n’est pas terminée"))?;
        in_window(seq, ended, ts)?;
        let reopen = run.ended_pause;
        if let Some(run) = self.runs.last_mut() {
            run.ended = None;
            run.ended_seq = None;
            run.early = false;
            run.ended_pause = false;
            self.undone.push(Undone {
                kind: UndoneKind::End,
                phase: run.phase.clone(),
                seq,
                recorded: ended,
                at: ts,
            });
        }
        if reopen && let Some(p) = self.pauses.last_mut() {
            p.end = None;
        }
        Ok(())
    }

    /// The phase start or end the jury may still undo at `now` (on the séance's timeline):
    /// the event that would undo it, and when the window closes.
    pub fn undoable(&self, now: DateTime<Utc>) -> Option<(super::Event, DateTime<Utc>)> {
        let run = self.runs.last()?;
        let window = chrono::Duration::from_std(UNDO_WINDOW).ok()?;
        let (event, then) = match (run.ended, run.ended_seq) {
            (Some(end), Some(seq)) => (super::Event::PhaseEndUndone { seq }, end),
            (None, _) => {
                if self.start_moved(run) {
                    return None;
                }
                (
                    super::Event::PhaseStartUndone {
                        seq: run.started_seq,
                    },
                    run.started,
                )
            }
            _ => return None,
        };
        (!too_late(then, now)).then_some((event, then + window))
    }
}
