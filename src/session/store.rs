//! The append-only séance log on disk (JSON Lines, SHA-256 hash chain, fsync, exclusive lock).
//!
//! Durability: an append writes the whole line and its newline in one `write_all`, then
//! `sync_data`s, and only then returns; so an event whose append returned survives a crash or a
//! power cut. A crash during the write can leave at most one torn last line (no newline): it was
//! never acknowledged, and [`LogStore::open`] cuts it off with a warning. Anything else that
//! breaks the format or the chain is corruption, reported with the file and the line.
//!
//! Locking: an open [`LogStore`] holds an exclusive OS lock (`File::try_lock`) on its file, so a
//! second instance cannot write to the séance; the OS drops it when the process dies, so a crash
//! never leaves a stale lock.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::chain::{VerifiedLog, line_hash, verify};
use super::event::{Event, GENESIS, Record};
use crate::oserr::{self, Op};

/// Why a log cannot be read or written. Every variant names the file; corruption names the line.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{file} : {}", oserr::describe(source, *op))]
    Io {
        file: PathBuf,
        /// What was being done: a refused read is not a refused write.
        op: Op,
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
    file: File,
    path: PathBuf,
    /// Length of the file up to the last complete line: where the next line goes, and where a
    /// failed append is cut back to.
    len: u64,
    next_seq: u64,
    /// SHA-256 hex of the last line, the `prev` of the next record.
    tip: String,
    /// Set when a failed append could not be undone: the file may end with a partial line, so
    /// appending more would bury it mid-file. Reopening the séance repairs it.
    poisoned: bool,
}

fn io_err(file: &Path, op: Op) -> impl FnOnce(io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        file: file.to_path_buf(),
        op,
        source,
    }
}

fn read_err(file: &Path) -> impl FnOnce(io::Error) -> StoreError + '_ {
    io_err(file, Op::Read)
}

fn write_err(file: &Path) -> impl FnOnce(io::Error) -> StoreError + '_ {
    io_err(file, Op::Write)
}

fn lock(file: &File, path: &Path) -> Result<(), StoreError> {
    match file.try_lock() {
        Ok(()) => Ok(()),
        Err(std::fs::TryLockError::WouldBlock) => Err(StoreError::Locked {
            file: path.to_path_buf(),
        }),
        Err(std::fs::TryLockError::Error(e)) => Err(write_err(path)(e)),
    }
}

/// A séance id becomes a file name: it must stay one (no separator, no `..`).
fn check_id(dir: &Path, id: &str) -> Result<PathBuf, StoreError> {
    let bad = id.is_empty()
        || id == "."
        || id == ".."
        || id.contains(['/', '\\', ':', '\0'])
        || id.trim() != id;
    let path = dir.join(format!("{id}.jsonl"));
    if bad {
        return Err(StoreError::Io {
            file: path,
            op: Op::Write,
            source: io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("identifiant de séance invalide pour un nom de fichier : « {id} »"),
            ),
        });
    }
    Ok(path)
}

fn create_dir(dir: &Path) -> io::Result<()> {
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        // The logs hold personal data: a directory we create is private to the user.
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(dir)
}

/// Makes the new directory entry itself durable (a synced file in an unsynced directory can
/// vanish after a power cut). Windows has no equivalent call; NTFS journals the entry.
fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    File::open(if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    })?
    .sync_all()?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

fn torn_warning(path: &Path, line: usize, cut: bool) -> String {
    let tail = if cut { " et retirée du fichier" } else { "" };
    format!(
        "{}, ligne {line} incomplète (arrêt brutal pendant l’écriture) : ignorée{tail}",
        path.display()
    )
}

fn read_verified(file: &mut File, path: &Path) -> Result<VerifiedLog, StoreError> {
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).map_err(read_err(path))?;
    verify(&bytes).map_err(|(line, message)| StoreError::Corrupt {
        file: path.to_path_buf(),
        line,
        message,
    })
}

impl LogStore {
    /// Creates `<dir>/<id>.jsonl` (mode 0600 on Unix), locks it, writes the first record
    /// (`seance_opened`) and syncs. Fails with `Exists` rather than overwrite.
    pub fn create(
        dir: &Path,
        id: &str,
        first: &Event,
        ts: DateTime<Utc>,
    ) -> Result<(LogStore, Record), StoreError> {
        let path = check_id(dir, id)?;
        create_dir(dir).map_err(write_err(dir))?;
        let mut opts = OpenOptions::new();
        opts.write(true).read(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let file = opts.open(&path).map_err(|e| match e.kind() {
            io::ErrorKind::AlreadyExists => StoreError::Exists { file: path.clone() },
            _ => write_err(&path)(e),
        })?;
        lock(&file, &path)?;
        sync_dir(dir).map_err(write_err(dir))?;
        let mut store = LogStore {
            file,
            path,
            len: 0,
            next_seq: 1,
            tip: GENESIS.to_string(),
            poisoned: false,
        };
        match store.append(first, ts) {
            Ok(record) => Ok((store, record)),
            Err(e) => {
                // Leave no empty log behind: it would block a retry with `Exists`.
                let path = store.path.clone();
                drop(store);
                let _ = std::fs::remove_file(path);
                Err(e)
            }
        }
    }

    /// Opens and locks an existing log; a torn last line is cut off (with the warning in
    /// `ReadLog`), any other corruption is an error.
    pub fn open(path: &Path) -> Result<(LogStore, ReadLog), StoreError> {
        // Read + write, not append: a torn tail must be cut with `set_len`, which Windows
        // refuses on an append-only handle. Writes go to `len`, tracked below.
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .open(path)
            .map_err(write_err(path))?;
        lock(&file, path)?;
        let log = read_verified(&mut file, path)?;
        let warning = match log.torn_line {
            Some(line) => {
                file.set_len(log.complete_len).map_err(write_err(path))?;
                file.sync_data().map_err(write_err(path))?;
                Some(torn_warning(path, line, true))
            }
            None => None,
        };
        file.seek(SeekFrom::Start(log.complete_len))
            .map_err(write_err(path))?;
        let store = LogStore {
            file,
            path: path.to_path_buf(),
            len: log.complete_len,
            next_seq: log.records.len() as u64 + 1,
            tip: log.tip,
            poisoned: false,
        };
        let read = ReadLog {
            records: log.records,
            warning,
        };
        Ok((store, read))
    }

    /// Appends one record and `sync_data`s before returning it.
    pub fn append(&mut self, event: &Event, ts: DateTime<Utc>) -> Result<Record, StoreError> {
        if self.poisoned {
            return Err(write_err(&self.path)(io::Error::other(
                "une écriture précédente a échoué et n’a pas pu être annulée : rouvrez la séance",
            )));
        }
        let record = Record {
            seq: self.next_seq,
            ts,
            prev: self.tip.clone(),
            event: event.clone(),
        };
        let line = serde_json::to_string(&record)
            .map_err(|e| write_err(&self.path)(io::Error::new(io::ErrorKind::InvalidData, e)))?;
        let mut bytes = Vec::with_capacity(line.len() + 1);
        bytes.extend_from_slice(line.as_bytes());
        bytes.push(b'\n');
        // One write for line + newline: a crash leaves either nothing, the whole line, or a
        // prefix without its newline, which `open` recognises as torn.
        let written = self
            .file
            .write_all(&bytes)
            .and_then(|()| self.file.sync_data());
        if let Err(e) = written {
            // Undo a partial line so the next append does not follow garbage.
            let undone = self
                .file
                .set_len(self.len)
                .and_then(|()| self.file.seek(SeekFrom::Start(self.len)).map(|_| ()));
            self.poisoned = undone.is_err();
            return Err(write_err(&self.path)(e));
        }
        self.len += bytes.len() as u64;
        self.next_seq += 1;
        self.tip = line_hash(line.as_bytes());
        Ok(record)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Reads and verifies a log without locking it (review, check, export).
pub fn read_log(path: &Path) -> Result<ReadLog, StoreError> {
    read_log_with_tip(path).map(|(log, _)| log)
}

/// [`read_log`], plus the SHA-256 hex of the last complete line (the log's "empreinte"): what a
/// coordinator notes down to detect a later truncation at a line boundary, which no chain can
/// reveal on its own.
pub fn read_log_with_tip(path: &Path) -> Result<(ReadLog, String), StoreError> {
    let mut file = File::open(path).map_err(read_err(path))?;
    let log = read_verified(&mut file, path)?;
    let read = ReadLog {
        warning: log.torn_line.map(|line| torn_warning(path, line, false)),
        records: log.records,
    };
    Ok((read, log.tip))
}

impl StoreError {
    /// The cause in a few French words, for a message line that may cut the rest.
    pub fn short_reason(&self) -> &'static str {
        match self {
            StoreError::Io { source, op, .. } => oserr::reason(source, *op),
            StoreError::Locked { .. } => "séance ouverte ailleurs",
            StoreError::Exists { .. } => "fichier existant",
            StoreError::Corrupt { .. } => "journal endommagé",
        }
    }
}

/// Checks at start that séances can be written in `dir` (creating it if needed), by creating
/// and removing a probe file: a read-only folder is announced before the jury types anything.
pub fn check_writable(dir: &Path) -> Result<(), StoreError> {
    std::fs::create_dir_all(dir).map_err(write_err(dir))?;
    let probe = dir.join(format!(".sno-jury-essai-{}", std::process::id()));
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
        .map_err(write_err(dir))?;
    std::fs::remove_file(&probe).map_err(write_err(&probe))
}

/// The `*.jsonl` files directly in `dir`, sorted by name (never descends into `exemples/`).
pub fn list_logs(dir: &Path) -> Result<Vec<PathBuf>, StoreError> {
    let mut out = Vec::new();
    let list_err = || io_err(dir, Op::List);
    for entry in std::fs::read_dir(dir).map_err(list_err())? {
        let entry = entry.map_err(list_err())?;
        let path = entry.path();
        if path.is_file() && path.extension().is_some_and(|e| e == "jsonl") {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
}
