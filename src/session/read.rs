//! Reading a séance log without taking its lock — the review, `verifier`, the export, the
//! start screen: verified ([`read_log`], [`read_log_with_tip`]) or, for a broken log, what
//! still parses ([`salvage`]). Split from [`super::store`], which writes logs.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use super::chain::MAX_LINE_BYTES;
use super::event::Record;
use super::files::open_log;
use super::store::{ReadLog, StoreError, read_verified, torn_warning};

/// Reads and verifies a log without locking it (review, check, export).
pub fn read_log(path: &Path) -> Result<ReadLog, StoreError> {
    read_log_with_tip(path).map(|(log, _)| log)
}

/// [`read_log`], plus the SHA-256 hex of the last complete line (the log's "empreinte"): what a
/// coordinator notes down to detect a later truncation at a line boundary, which no chain can
/// reveal on its own.
pub fn read_log_with_tip(path: &Path) -> Result<(ReadLog, String), StoreError> {
    let file = open_log(path, false)?;
    let log = read_verified(BufReader::new(file), path)?;
    let read = ReadLog {
        warning: log.torn_line.map(|line| torn_warning(path, line, false)),
        interrupted: log.interrupted_at_creation(),
        records: log.records,
    };
    Ok((read, log.tip))
}

/// The lines of a log that still parse as records, chain ignored, for showing a broken log:
/// read line by line, stopping at the first line longer than [`MAX_LINE_BYTES`] (so memory
/// stays bounded whatever the file). Nothing when the file cannot be opened as a séance.
pub fn salvage(path: &Path) -> Vec<Record> {
    let Ok(file) = open_log(path, false) else {
        return Vec::new();
    };
    let mut reader = BufReader::new(file);
    let mut out = Vec::new();
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let limit = MAX_LINE_BYTES as u64 + 1;
        match (&mut reader).take(limit).read_until(b'\n', &mut buf) {
            Ok(0) | Err(_) => break,
            Ok(_) if buf.len() > MAX_LINE_BYTES => break,
            Ok(_) => {
                let line = String::from_utf8_lossy(&buf);
                if let Ok(record) = serde_json::from_str::<Record>(line.trim_end_matches('\n')) {
                    out.push(record);
                }
            }
        }
    }
    out
}
