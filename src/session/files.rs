//! The sessions folder on disk: private folders, séance files that must be regular files (never
//! a symbolic link), the listing of the logs, the probe at start-up, and the removal of a séance
//! interrupted at its creation.
//!
//! Logs hold personal data (who sat which épreuve, their notes): on Unix every folder created
//! here is 0700 and every log 0600, whatever the umask allows more.

use std::fs::{File, OpenOptions};
use std::io::{self, BufReader, Read};
use std::path::{Path, PathBuf};

use super::chain::{MAX_LINE_BYTES, verify_reader};
use super::store::{StoreError, io_err, lock, read_err, write_err};
use crate::oserr::Op;

/// Creates `dir` and its missing parents, private to the user (0700 on Unix). An existing
/// folder is left as it is.
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    if dir.as_os_str().is_empty() || dir.is_dir() {
        return Ok(());
    }
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(dir)
}

/// Makes new directory entries durable (a synced file in an unsynced directory can vanish after
/// a power cut). Windows has no equivalent call; NTFS journals the entry.
pub(super) fn sync_dir(dir: &Path) -> io::Result<()> {
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

fn refused(path: &Path, message: &str) -> StoreError {
    StoreError::Refused {
        file: path.to_path_buf(),
        message: message.into(),
    }
}

const SYMLINK: &str = "c’est un lien symbolique ; un journal de séance doit être un fichier \
                       ordinaire du dossier des séances : refusé";
const NOT_A_FILE: &str = "ce n’est pas un fichier ordinaire : refusé";

/// Opens a séance log for reading (and writing when `write`), refusing a symbolic link or
/// anything that is not a regular file: a link named like a séance must not make sno-jury
/// write to, or read, a file elsewhere.
///
/// On Unix a read looks at nothing before opening: `O_NOFOLLOW` refuses a link, `O_NONBLOCK`
/// keeps a FIFO named like a log from blocking the open (it does nothing to a regular file),
/// and the open file's own metadata refuses what is not a regular file. That spares a second
/// walk of the path for each of the thousands of logs a review reads, and leaves no gap
/// between a check and the open. A write (and any open elsewhere) checks the path first.
pub(super) fn open_log(path: &Path, write: bool) -> Result<File, StoreError> {
    let op = if write { Op::Write } else { Op::Read };
    if write || cfg!(not(unix)) {
        let meta = std::fs::symlink_metadata(path).map_err(io_err(path, op))?;
        if meta.file_type().is_symlink() {
            return Err(refused(path, SYMLINK));
        }
        if !meta.is_file() {
            return Err(refused(path, NOT_A_FILE));
        }
    }
    let mut opts = OpenOptions::new();
    opts.read(true).write(write);
    #[cfg(unix)]
    {
        // For a write, also refused if a link replaced the file since the check above.
        use std::os::unix::fs::OpenOptionsExt;
        let nonblock = if write { 0 } else { libc::O_NONBLOCK };
        opts.custom_flags(libc::O_NOFOLLOW | nonblock);
    }
    let file = opts.open(path).map_err(|e| {
        #[cfg(unix)]
        if e.raw_os_error() == Some(libc::ELOOP) {
            return refused(path, SYMLINK);
        }
        io_err(path, op)(e)
    })?;
    if !file.metadata().map_err(io_err(path, op))?.is_file() {
        return Err(refused(path, NOT_A_FILE));
    }
    Ok(file)
}

/// Creates a new file for a séance being created (0600 on Unix), failing if the name exists.
pub(super) fn create_new_private(path: &Path) -> io::Result<File> {
    let mut opts = OpenOptions::new();
    opts.read(true).write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600).custom_flags(libc::O_NOFOLLOW);
    }
    opts.open(path)
}

/// The regular `*.jsonl` files directly in `dir`, sorted by name. Skipped: sub-folders (so
/// `exemples/` is never read), symbolic links, anything else that is not a regular file, and
/// hidden names (a séance being created is written to `.<id>.jsonl.tmp` first).
pub fn list_logs(dir: &Path) -> Result<Vec<PathBuf>, StoreError> {
    let mut found: Vec<(std::ffi::OsString, PathBuf)> = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io_err(dir, Op::List))? {
        let entry = entry.map_err(io_err(dir, Op::List))?;
        if is_log_entry(&entry) {
            found.push((entry.file_name(), entry.path()));
        }
    }
    // All in `dir`: ordering by file name is ordering by path. The names are taken once from
    // the entries: comparing paths (or `Path::file_name`, which parses the path anew at each
    // comparison) cost a few percent of a whole review of 10,000 logs.
    found.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    Ok(found.into_iter().map(|(_, path)| path).collect())
}

/// Whether `dir` holds at least one log, without listing it whole (a centre's folder is told
/// from a jury's folder by this).
pub fn has_logs(dir: &Path) -> Result<bool, StoreError> {
    for entry in std::fs::read_dir(dir).map_err(io_err(dir, Op::List))? {
        if is_log_entry(&entry.map_err(io_err(dir, Op::List))?) {
            return Ok(true);
        }
    }
    Ok(false)
}

/// A séance log: a regular `*.jsonl` file (`file_type` does not follow links: a link to a
/// file is not a file here), not hidden.
fn is_log_entry(entry: &std::fs::DirEntry) -> bool {
    let name = entry.file_name();
    let name = name.as_encoded_bytes();
    entry.file_type().is_ok_and(|t| t.is_file())
        && !name.starts_with(b".")
        && name.len() > ".jsonl".len()
        && name.ends_with(b".jsonl")
}

/// Checks at start that séances can be written in `dir` (creating it, private, if needed), by
/// creating and removing a probe file: a read-only folder is announced before the jury types
/// anything.
pub fn check_writable(dir: &Path) -> Result<(), StoreError> {
    create_private_dir(dir).map_err(write_err(dir))?;
    let probe = dir.join(format!(".sno-jury-essai-{}", std::process::id()));
    create_new_private(&probe).map_err(write_err(dir))?;
    std::fs::remove_file(&probe).map_err(write_err(&probe))
}

/// Removes a séance interrupted at its creation by an older version (a `*.jsonl` with no
/// complete record: empty, or the beginning of its opening line), after the jury confirmed.
/// Refuses, deleting nothing, anything else: a log with a record, a file that is not a regular
/// `*.jsonl`, a séance open in another instance.
pub fn remove_interrupted(path: &Path) -> Result<(), StoreError> {
    if path.extension().is_none_or(|e| e != "jsonl") {
        return Err(refused(path, "ce n’est pas un journal de séance (*.jsonl)"));
    }
    let file = open_log(path, true)?;
    // An instance that holds the séance may be writing its first line right now.
    lock(&file, path)?;
    let verified = verify_reader(BufReader::new((&file).take(2 * MAX_LINE_BYTES as u64)));
    let interrupted = file.metadata().map_err(read_err(path))?.len() <= MAX_LINE_BYTES as u64
        && verified.is_ok_and(|v| v.interrupted_at_creation());
    if !interrupted {
        return Err(refused(
            path,
            "ce n’est pas une séance interrompue à la création : rien n’est supprimé",
        ));
    }
    std::fs::remove_file(path).map_err(write_err(path))?;
    drop(file);
    sync_dir(path.parent().unwrap_or(Path::new("."))).map_err(write_err(path))
}
