//! Séances: their events, the append-only log on disk, and the fold that turns a log into state.

mod amenagement;
mod apply;
mod carry;
mod chain;
pub mod check;
pub mod engine;
mod error;
pub mod event;
mod event_de;
mod files;
pub mod folders;
pub mod grid;
mod history;
mod read;
mod replay;
mod resultat;
mod rules;
pub mod sanity;
mod stamp;
pub mod state;
pub mod store;
#[cfg(test)]
mod tests;
mod undo;

pub use amenagement::Amenagement;
pub use carry::{Carry, Conflict};
pub use check::{CheckLine, Verdict, check_dir, check_dirs};
pub use engine::{EngineError, Seance, prior_grids, prior_grids_for, sessions_dir, sessions_dirs};
pub use error::EventError;
pub use event::*;
pub use files::{check_writable, create_private_dir, list_logs, remove_interrupted};
pub use grid::{AmendmentRecord, GridState, NotAssessed, Pfmp, commission_gaps, critere_key};
pub use history::INTERROMPUE;
pub use history::replay_dir;
pub use resultat::Resultat;
pub use stamp::{Mono, RunId, Stamp};
pub use state::{Pause, PhaseRun, ReplayError, SeanceState, SpeakerTurn, replay};
pub use state::{UNDO_WINDOW, Undone, UndoneKind};
pub use store::{
    LogStore, MAX_LINE_BYTES, ReadLog, StoreError, read_log, read_log_with_tip, salvage,
};
