//! The append-only séance log on disk (JSON Lines, SHA-256 hash chain, fsync, exclusive lock).
//!
//! Durability: an append writes the whole line and its newline in one `write_all`, then
//! `sync_data`s, and only then returns; so an event whose append returned survives a crash or a
//! power cut. A crash during the write can leave at most one torn last line (no newline): it was
//! never acknowledged, and [`LogStore::open`] cuts it off with a warning. Anything else that
//! breaks the format or the chain is corruption, reported with the file and the line.
//!
//! Creation is one step: the first records (the opening and the commission) are written to a
//! hidden temporary file in the folder, synced, then given the séance's name (a hard link, so
//! an existing séance is never replaced; a rename where the file system has no links) and the
//! folder synced. A crash leaves either no séance or a whole one, never an empty file.
//!
//! Locking: an open [`LogStore`] holds an exclusive OS lock (`File::try_lock`) on its file, so a
//! second instance cannot write to the séance; the OS drops it when the process dies, so a crash
//! never leaves a stale lock.
//!
//! Reading goes line by line, each line at most [`MAX_LINE_BYTES`]: a huge foreign file costs
//! one bounded buffer, not its size in memory. A séance file that is not a regular file (a
//! symbolic link named like a séance) is refused (see [`super::files`]).

use std::fs::File;
use std::io::{self, BufRead, BufReader, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

pub use super::chain::MAX_LINE_BYTES;
use super::chain::{VerifiedLog, VerifyError, line_hash, verify_reader};
use super::event::{Event, GENESIS, Record};
use super::files::{create_new_private, create_private_dir, open_log, sync_dir};
pub use super::read::{read_log, read_log_with_tip, salvage};
use super::stamp::Stamp;
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
    /// Not something sno-jury reads or writes as a séance: a symbolic link or a device, a
    /// record too long for the log, a file that is not a séance interrupted at its creation.
    #[error("{file} : {message}")]
    Refused { file: PathBuf, message: String },
}

/// A log read back from disk, chain verified.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadLog {
    pub records: Vec<Record>,
    /// Set when a torn last line (crash mid-write) was dropped: says so, in French.
    pub warning: Option<String>,
    /// No complete record, and nothing or the beginning of the opening: a crash while an older
    /// version created the séance (« séance interrompue à la création »), see
    /// [`super::files::remove_interrupted`].
    pub interrupted: bool,
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

pub(super) fn io_err(file: &Path, op: Op) -> impl FnOnce(io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        file: file.to_path_buf(),
        op,
        source,
    }
}

pub(super) fn read_err(file: &Path) -> impl FnOnce(io::Error) -> StoreError + '_ {
    io_err(file, Op::Read)
}

pub(super) fn write_err(file: &Path) -> impl FnOnce(io::Error) -> StoreError + '_ {
    io_err(file, Op::Write)
}

/// How often and how long [`lock`] tries again before saying another instance holds the log.
const LOCK_TRIES: u32 = 25;
const LOCK_PAUSE: std::time::Duration = std::time::Duration::from_millis(20);

/// Takes the log's exclusive lock, or says who holds it.
///
/// An OS lock belongs to the open file, which a process being spawned shares until it runs its
/// program (Rust opens files close-on-exec, but the fork comes first): a lock just released
/// can still be held for a few milliseconds by a child that another thread is starting — a
/// browser opened to print, a test's helper process. So `WouldBlock` is believed only after
/// half a second of tries; a real second instance keeps the lock far longer.
pub(super) fn lock(file: &File, path: &Path) -> Result<(), StoreError> {
    for attempt in 1..=LOCK_TRIES {
        match file.try_lock() {
            Ok(()) => return Ok(()),
            Err(std::fs::TryLockError::WouldBlock) if attempt < LOCK_TRIES => {
                std::thread::sleep(LOCK_PAUSE);
            }
            Err(std::fs::TryLockError::WouldBlock) => break,
            Err(std::fs::TryLockError::Error(e)) => return Err(write_err(path)(e)),
        }
    }
    Err(StoreError::Locked {
        file: path.to_path_buf(),
    })
}

/// A séance id becomes a file name: it must stay one (no separator, no `..`, not hidden).
fn check_id(dir: &Path, id: &str) -> Result<PathBuf, StoreError> {
    let bad = id.is_empty()
        || id.starts_with('.')
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

pub(super) fn torn_warning(path: &Path, line: usize, cut: bool) -> String {
    let tail = if cut { " et retirée du fichier" } else { "" };
    format!(
        "{}, ligne {line} incomplète (arrêt brutal pendant l’écriture) : ignorée{tail}",
        path.display()
    )
}

pub(super) fn read_verified(reader: impl BufRead, path: &Path) -> Result<VerifiedLog, StoreError> {
    verify_reader(reader).map_err(|e| match e {
        VerifyError::Io(e) => read_err(path)(e),
        VerifyError::Line(line, message) => StoreError::Corrupt {
            file: path.to_path_buf(),
            line,
            message,
        },
    })
}

/// Opens the temporary file of a séance being created. One left by a crash is removed first,
/// unless a live instance holds it (then `Locked`). Never truncated: after a crash between the
/// link and the removal it is a second name of a real séance.
fn open_temp(tmp: &Path) -> Result<File, StoreError> {
    match create_new_private(tmp) {
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            let stale = open_log(tmp, false)?;
            lock(&stale, tmp)?;
            drop(stale);
            std::fs::remove_file(tmp).map_err(write_err(tmp))?;
            create_new_private(tmp).map_err(write_err(tmp))
        }
        other => other.map_err(write_err(tmp)),
    }
}

/// Gives the synced temporary file the séance's name without ever replacing a file: a hard
/// link, then the temporary name removed; where links are not supported (FAT, exFAT), a rename
/// after checking that the name is free.
fn publish(tmp: &Path, path: &Path) -> Result<(), StoreError> {
    match std::fs::hard_link(tmp, path) {
        Ok(()) => std::fs::remove_file(tmp).map_err(write_err(tmp)),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(StoreError::Exists {
            file: path.to_path_buf(),
        }),
        Err(_) if std::fs::symlink_metadata(path).is_ok() => Err(StoreError::Exists {
            file: path.to_path_buf(),
        }),
        Err(_) => std::fs::rename(tmp, path).map_err(write_err(path)),
    }
}

impl LogStore {
    /// Creates `<dir>/<id>.jsonl` (mode 0600 on Unix, in a folder created 0700) holding
    /// `events`, all stamped `stamp`, in one step (see the module doc), locked. Fails with
    /// `Exists` rather than replace a séance; on any failure no séance file is left.
    pub fn create(
        dir: &Path,
        id: &str,
        events: &[Event],
        stamp: impl Into<Stamp>,
    ) -> Result<(LogStore, Vec<Record>), StoreError> {
        let stamp = stamp.into();
        let path = check_id(dir, id)?;
        create_private_dir(dir).map_err(write_err(dir))?;
        if std::fs::symlink_metadata(&path).is_ok() {
            return Err(StoreError::Exists { file: path });
        }
        let tmp = dir.join(format!(".{id}.jsonl.tmp"));
        let file = open_temp(&tmp)?;
        let mut store = LogStore {
            file,
            path,
            len: 0,
            next_seq: 1,
            tip: GENESIS.to_string(),
            poisoned: false,
        };
        let written = lock(&store.file, &tmp).and_then(|()| store.write_first(events, stamp));
        let records = match written.and_then(|r| publish(&tmp, &store.path).map(|()| r)) {
            Ok(records) => records,
            Err(e) => {
                drop(store);
                let _ = std::fs::remove_file(&tmp);
                return Err(e);
            }
        };
        sync_dir(dir).map_err(write_err(dir))?;
        Ok((store, records))
    }

    /// Writes the first records to the (still temporary) file in one write, then syncs data
    /// and metadata.
    fn write_first(&mut self, events: &[Event], stamp: Stamp) -> Result<Vec<Record>, StoreError> {
        let mut bytes = Vec::new();
        let mut records = Vec::with_capacity(events.len());
        for event in events {
            let (record, line) = self.encode(event, stamp)?;
            bytes.extend_from_slice(line.as_bytes());
            bytes.push(b'\n');
            self.next_seq += 1;
            self.tip = line_hash(line.as_bytes());
            records.push(record);
        }
        let path = self.path.clone();
        self.file
            .write_all(&bytes)
            .and_then(|()| self.file.sync_all())
            .map_err(write_err(&path))?;
        self.len = bytes.len() as u64;
        Ok(records)
    }

    /// Opens and locks an existing log; a torn last line is cut off (with the warning in
    /// `ReadLog`), any other corruption is an error. A symbolic link is refused.
    pub fn open(path: &Path) -> Result<(LogStore, ReadLog), StoreError> {
        // Read + write, not append: a torn tail must be cut with `set_len`, which Windows
        // refuses on an append-only handle. Writes go to `len`, tracked below.
        let mut file = open_log(path, true)?;
        lock(&file, path)?;
        let log = read_verified(BufReader::new(&file), path)?;
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
            tip: log.tip.clone(),
            poisoned: false,
        };
        let read = ReadLog {
            interrupted: log.interrupted_at_creation(),
            records: log.records,
            warning,
        };
        Ok((store, read))
    }

    /// The next record and its line; a line longer than [`MAX_LINE_BYTES`] is refused, as the
    /// reader would refuse it.
    fn encode(&self, event: &Event, stamp: Stamp) -> Result<(Record, String), StoreError> {
        let record = Record {
            seq: self.next_seq,
            ts: stamp.wall,
            mono: stamp.mono,
            prev: self.tip.clone(),
            event: event.clone(),
        };
        let line = serde_json::to_string(&record)
            .map_err(|e| write_err(&self.path)(io::Error::new(io::ErrorKind::InvalidData, e)))?;
        if line.len() > MAX_LINE_BYTES {
            return Err(StoreError::Refused {
                file: self.path.clone(),
                message: format!(
                    "enregistrement de {} octets, au-delà de la limite de {} Mio d’une ligne : \
                     non écrit",
                    line.len(),
                    MAX_LINE_BYTES >> 20
                ),
            });
        }
        Ok((record, line))
    }

    /// Appends one record and `sync_data`s before returning it.
    pub fn append(&mut self, event: &Event, stamp: impl Into<Stamp>) -> Result<Record, StoreError> {
        if self.poisoned {
            return Err(write_err(&self.path)(io::Error::other(
                "une écriture précédente a échoué et n’a pas pu être annulée : rouvrez la séance",
            )));
        }
        let (record, line) = self.encode(event, stamp.into())?;
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

impl StoreError {
    /// The cause in a few French words, for a message line that may cut the rest.
    pub fn short_reason(&self) -> &'static str {
        match self {
            StoreError::Io { source, op, .. } => oserr::reason(source, *op),
            StoreError::Locked { .. } => "séance ouverte ailleurs",
            StoreError::Exists { .. } => "fichier existant",
            StoreError::Corrupt { .. } => "journal endommagé",
            StoreError::Refused { .. } => "fichier refusé",
        }
    }
}
