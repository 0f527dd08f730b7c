//! Séances: their events, the append-only log on disk, and the fold that turns a log into state.

pub mod event;
pub mod grid;
pub mod state;

pub use event::*;
pub use grid::{Absence, AmendmentRecord, GridState, Pfmp, commission_gaps};
pub use state::{EventError, Pause, PhaseRun, ReplayError, SeanceState, SpeakerTurn, replay};
