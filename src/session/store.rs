//! The append-only séance log on disk (JSON Lines, SHA-256 hash chain, fsync, exclusive lock).
//!
//! API CONTRACT (implementation pending in the engine branch; signatures are fixed).

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::event::{Event, Record};

/// Why a log cannot be read or written. Every variant names the file; corruption names the line.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{file} : {source}")]
    Io {
        file: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{file} : la séance est déjà ouverte par une autre instance de sno-jury")]
    Locked { file: PathBuf },
    #[error("{file} existe déjà")]
    Exists { file: PathBuf },
    #[error("{file}, ligne {line} : {message}")]
    Corrupt {
        file: PathBuf,
        line: usize,
        message: String,
    },
}

/// A log read back from disk, chain verified.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadLog {
    pub records: Vec<Record>,
    /// Set when a torn last line (crash mid-write) was dropped: says so, in French.
    pub warning: Option<String>,
}

/// An open, locked log that appends.
#[derive(Debug)]
pub struct LogStore {
    _private: (),
}

impl LogStore {
    /// Creates `<dir>/<id>.jsonl` (mode 0600 on Unix), locks it, writes the first record
    /// (`seance_opened`) and syncs. Fails with `Exists` rather than overwrite.
    pub fn create(
        _dir: &Path,
        _id: &str,
        _first: &Event,
        _ts: DateTime<Utc>,
    ) -> Result<(LogStore, Record), StoreError> {
        unimplemented!("engine branch")
    }

    /// Opens and locks an existing log; a torn last line is cut off (with the warning in
    /// `ReadLog`), any other corruption is an error.
    pub fn open(_path: &Path) -> Result<(LogStore, ReadLog), StoreError> {
        unimplemented!("engine branch")
    }

    /// Appends one record and `sync_data`s before returning it.
    pub fn append(&mut self, _event: &Event, _ts: DateTime<Utc>) -> Result<Record, StoreError> {
        unimplemented!("engine branch")
    }

    pub fn path(&self) -> &Path {
        unimplemented!("engine branch")
    }
}

/// Reads and verifies a log without locking it (review, check, export).
pub fn read_log(_path: &Path) -> Result<ReadLog, StoreError> {
    unimplemented!("engine branch")
}

/// The `*.jsonl` files directly in `dir`, sorted by name (never descends into `exemples/`).
pub fn list_logs(_dir: &Path) -> Result<Vec<PathBuf>, StoreError> {
    unimplemented!("engine branch")
}
