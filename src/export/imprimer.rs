//! The day's paper in one call: the bordereaux and every grid behind them, written into a folder
//! so two teachers can print without the command line (the start screen and the review call
//! [`journee`] with one key).
//!
//! Notes and names are personal data: the folder is created readable by its owner only (0700
//! on Unix), and each file is written atomically in mode 0600 ([`super::write_atomic`]).

use crate::session::create_private_dir;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::atomic::{ExportError, write_atomic};
use super::selection::{self, Filtre};
use super::{bordereau, grille};
use crate::referentiel::Referentiel;
use crate::review::Report;

/// Name of the bordereaux file in the folder.
pub const BORDEREAU: &str = "bordereau.html";
/// Name of the grids file in the folder.
pub const GRILLES: &str = "grilles.html";

/// What [`journee`] wrote.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Journee {
    /// The files written (the bordereaux, then the grids); empty when nothing matched.
    pub fichiers: Vec<PathBuf>,
    pub bordereaux: usize,
    pub grilles: usize,
    /// Candidates × épreuves listed « À régulariser ».
    pub a_regulariser: usize,
}

/// The folder for the paper of `jour`, beside the sessions folder (exports never go into it):
/// `sessions` → `impression-2025-06-05` in the same parent folder.
pub fn dossier(sessions: &Path, jour: NaiveDate) -> PathBuf {
    let parent = sessions
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    parent.join(format!("impression-{}", jour.format("%Y-%m-%d")))
}

/// Writes [`BORDEREAU`] and [`GRILLES`] for what `filtre` keeps into `out_dir` (created if
/// needed; refused inside any sessions folder of `report.dirs`). Writes nothing when no candidate
/// matches.
pub fn journee(
    r: &Referentiel,
    report: &Report,
    out_dir: &Path,
    filtre: &Filtre,
) -> Result<Journee, ExportError> {
    let b = out_dir.join(BORDEREAU);
    let g = out_dir.join(GRILLES);
    // Never into the sessions folder, as every export (checked before the folder exists).
    if let Some(dir) = report.dirs.iter().find(|d| within(out_dir, d)) {
        return Err(ExportError::InSessions {
            file: out_dir.to_path_buf(),
            dir: dir.clone(),
        });
    }
    let groupes = selection::groupes(report, filtre);
    if groupes.is_empty() {
        return Ok(Journee::default());
    }
    create_private_dir(out_dir).map_err(|source| ExportError::Write {
        file: out_dir.to_path_buf(),
        source,
    })?;
    let entries = selection::entries(&groupes);
    write_atomic(&b, bordereau::html(r, report, &groupes).as_bytes())?;
    write_atomic(&g, grille::html(r, report, &entries).as_bytes())?;
    Ok(Journee {
        fichiers: vec![b, g],
        bordereaux: groupes.len(),
        grilles: entries.len(),
        a_regulariser: groupes.iter().map(|g| g.a_regulariser.len()).sum(),
    })
}

/// Whether `dir` (which may not exist yet) lies in `sessions` or below: its nearest existing
/// folder is compared, links resolved.
fn within(dir: &Path, sessions: &Path) -> bool {
    let Ok(sessions) = sessions.canonicalize() else {
        return false;
    };
    let mut p = dir;
    loop {
        if let Ok(real) = p.canonicalize() {
            return real.starts_with(&sessions);
        }
        p = match p.parent() {
            Some(q) if !q.as_os_str().is_empty() => q,
            Some(_) => Path::new("."),
            None => return false,
        };
    }
}
