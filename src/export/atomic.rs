//! Atomic, guarded file writes for exports.
//!
//! Atomic: the whole content goes to a new temporary file in the target's folder (random name,
//! created exclusively, so an existing file or a symlink planted under that name is never
//! opened), is synced, then renamed over the target: a crash or a full disk never leaves a
//! half-written CSV or grid where the previous good one was. The rename replaces a symlink at
//! the target rather than writing through it.
//!
//! Guarded: an export must never replace a séance log, the only record of an oral. A `.jsonl`
//! name, a file that opens like a log, and (with [`check_out`]) any path inside the sessions
//! folder being read are refused before anything is written.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};

use crate::oserr::{self, Op};
use crate::session::{Event, Record};

/// Why an export could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("impossible d’écrire {file} : {}", oserr::describe(source, Op::Write))]
    Write {
        file: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error(
        "{file} est un journal de séance : un export ne le remplace jamais. Choisissez un autre \
         fichier de sortie."
    )]
    SeanceLog { file: PathBuf },
    #[error(
        "{file} : l’extension .jsonl est réservée aux journaux de séance. Choisissez un autre \
         nom de fichier."
    )]
    Jsonl { file: PathBuf },
    #[error(
        "{file} est dans le dossier des séances ({dir}) : écrivez l’export dans un autre dossier."
    )]
    InSessions { file: PathBuf, dir: PathBuf },
}

/// The folder a file goes in (`.` for a bare name).
fn folder(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Refuses an output path that lies in the sessions folder `sessions` (or below it), or that
/// [`write_atomic`] would refuse anyway. Called before the séances are read, so a wrong `--out`
/// costs nothing. A folder that does not exist holds no log and refuses nothing.
pub fn check_out(out: &Path, sessions: &Path) -> Result<(), ExportError> {
    refuse_log(out)?;
    if let (Ok(target), Ok(dir)) = (folder(out).canonicalize(), sessions.canonicalize())
        && target.starts_with(&dir)
    {
        return Err(ExportError::InSessions {
            file: out.to_path_buf(),
            dir: sessions.to_path_buf(),
        });
    }
    Ok(())
}

/// Refuses a `.jsonl` name and an existing file whose first line is a séance's opening record
/// (whatever its name, and through a symlink too: pointing an export at a log is a mistake even
/// though the rename would only replace the link).
fn refuse_log(path: &Path) -> Result<(), ExportError> {
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl"))
    {
        return Err(ExportError::Jsonl {
            file: path.to_path_buf(),
        });
    }
    if opens_like_a_log(path) {
        return Err(ExportError::SeanceLog {
            file: path.to_path_buf(),
        });
    }
    Ok(())
}

/// True when `path` is a readable file whose first line is record 1, `seance_opened`.
fn opens_like_a_log(path: &Path) -> bool {
    let Ok(file) = File::open(path) else {
        return false;
    };
    if !file.metadata().is_ok_and(|m| m.is_file()) {
        return false;
    }
    // An opening record is a few kilobytes; a megabyte bounds the read of a huge non-log file.
    let mut first = Vec::new();
    if BufReader::new(file.take(1 << 20))
        .read_until(b'\n', &mut first)
        .is_err()
    {
        return false;
    }
    serde_json::from_slice::<Record>(first.trim_ascii_end())
        .is_ok_and(|rec| rec.seq == 1 && matches!(rec.event, Event::SeanceOpened { .. }))
}

/// Writes `bytes` to `path` atomically (exclusive temporary file in the same folder, sync,
/// rename, folder sync), mode 0600 on Unix. Refuses to replace a séance log.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    refuse_log(path)?;
    let err = |source| ExportError::Write {
        file: path.to_path_buf(),
        source,
    };
    let dir = folder(path);
    let name = path.file_name().ok_or_else(|| {
        err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "un nom de fichier est attendu, pas un dossier",
        ))
    })?;
    let prefix = format!(".{}.", name.to_string_lossy());
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    // Notes and names are personal data: readable by the owner only, like the séance logs.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600));
    // Same folder, so the rename stays on one file system and is atomic. On any error below the
    // temporary file is dropped, which deletes it.
    // tempfile wraps a creation error in an English message with the temporary path: only its
    // kind is kept, which is what the French wording goes by.
    let mut tmp = builder
        .tempfile_in(dir)
        .map_err(|e| err(io::Error::from(e.kind())))?;
    let file = tmp.as_file_mut();
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(err)?;
    tmp.persist(path).map_err(|e| err(e.error))?;
    // The rename itself is durable only once the folder is synced (Unix; Windows has no
    // directory handles to sync).
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    const LOG_LINE: &str = r#"{"seq":1,"ts":"2025-06-10T14:00:00Z","prev":"0000000000000000000000000000000000000000000000000000000000000000","event":{"type":"seance_opened","seance":{"id":"s","epreuve":"E2","forme":"ccf","situation":"unique","candidats":[],"phases":[],"alertes_par_defaut_minutes":[5,1]}}}"#;

    #[test]
    fn replaces_the_target_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("notes.csv");
        fs::write(&target, "ancien").unwrap();
        write_atomic(&target, b"nouveau").unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "nouveau");
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "temporary file left behind");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&target).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn a_missing_directory_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("absent").join("notes.csv");
        let e = write_atomic(&target, b"x").unwrap_err();
        let text = e.to_string();
        assert!(text.contains("notes.csv"), "{text}");
        assert!(text.ends_with(": dossier introuvable"), "{text}");
    }

    #[test]
    fn a_seance_log_is_never_replaced_whatever_its_name() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["s.jsonl", "copie-du-journal.txt", "S.JSONL"] {
            let log = dir.path().join(name);
            fs::write(&log, format!("{LOG_LINE}\n")).unwrap();
            let e = write_atomic(&log, b"csv").unwrap_err();
            assert!(
                matches!(e, ExportError::SeanceLog { .. } | ExportError::Jsonl { .. }),
                "{e}"
            );
            assert_eq!(fs::read_to_string(&log).unwrap(), format!("{LOG_LINE}\n"));
        }
        // A new .jsonl is refused too: a CSV under that name would be read as a broken log.
        let e = write_atomic(&dir.path().join("neuf.jsonl"), b"x").unwrap_err();
        assert!(e.to_string().contains("réservée aux journaux"), "{e}");
        // Any other existing file is replaced.
        let other = dir.path().join("notes.csv");
        fs::write(&other, "{\"seq\":1}\n").unwrap();
        write_atomic(&other, b"x").unwrap();
    }

    #[test]
    fn a_path_in_the_sessions_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let sessions = dir.path().join("sessions");
        fs::create_dir_all(sessions.join("exemples")).unwrap();
        for out in [
            sessions.join("notes.csv"),
            sessions.join("exemples").join("notes.csv"),
            sessions.join("..").join("sessions").join("n.csv"),
        ] {
            let e = check_out(&out, &sessions).unwrap_err();
            assert!(matches!(e, ExportError::InSessions { .. }), "{e}");
        }
        check_out(&dir.path().join("notes.csv"), &sessions).unwrap();
        check_out(&dir.path().join("notes.csv"), &dir.path().join("absent")).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_at_the_target_is_replaced_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victime.txt");
        fs::write(&victim, "intact").unwrap();
        let link = dir.path().join("notes.csv");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        write_atomic(&link, b"export").unwrap();
        assert_eq!(fs::read_to_string(&victim).unwrap(), "intact");
        assert!(!fs::symlink_metadata(&link).unwrap().is_symlink());
        assert_eq!(fs::read_to_string(&link).unwrap(), "export");
    }
}
