//! Reading the logs of a sessions directory for the review, without ever dropping one.
//!
//! A log whose chain verifies is taken as is. A log that fails verification is still read line
//! by line, ignoring the chain, so the review can show who it was about and what it claims,
//! always marked as untrustworthy.

use std::path::{Path, PathBuf};

use super::Integrity;
use crate::session::{Record, StoreError, list_logs, read_log_with_tip};

/// One log read from disk (or built in memory by a test).
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedLog {
    pub path: PathBuf,
    /// The verified records, or for a broken log the lines that still parse.
    pub records: Vec<Record>,
    pub integrity: Integrity,
    /// SHA-256 hex of the last complete line, when the chain verified (see `check`).
    pub tip: Option<String>,
}

impl LoadedLog {
    /// A verified log.
    pub fn intact(path: PathBuf, records: Vec<Record>) -> Self {
        LoadedLog {
            path,
            records,
            integrity: Integrity::Intact { warning: None },
            tip: None,
        }
    }
}

/// Every `*.jsonl` directly in `dir`, in file-name order. Only listing the directory can fail;
/// an unreadable log becomes a [`LoadedLog`] with [`Integrity::Broken`].
pub fn load_logs(dir: &Path) -> Result<Vec<LoadedLog>, StoreError> {
    Ok(list_logs(dir)?.into_iter().map(load_one).collect())
}

pub(super) fn load_one(path: PathBuf) -> LoadedLog {
    match read_log_with_tip(&path) {
        // A log with no complete record is no séance at all: an empty file, or a single torn
        // line (a crash at creation, or junk). It is never called intact.
        Ok((log, _)) if log.records.is_empty() => LoadedLog {
            path,
            records: Vec::new(),
            integrity: Integrity::Unreadable {
                error: format!(
                    "aucun enregistrement complet{}",
                    log.warning.map_or(String::new(), |w| format!(" ({w})"))
                ),
            },
            tip: None,
        },
        Ok((log, tip)) => LoadedLog {
            path,
            records: log.records,
            integrity: Integrity::Intact {
                warning: log.warning,
            },
            tip: Some(tip),
        },
        Err(e) => {
            let error = e.to_string();
            let integrity = match e {
                StoreError::Corrupt { .. } => Integrity::Broken { error },
                _ => Integrity::Unreadable { error },
            };
            LoadedLog {
                records: crate::session::salvage(&path),
                path,
                integrity,
                tip: None,
            }
        }
    }
}
