//! `sno-jury verifier` (alias `check`): verifies every séance log of a sessions directory
//! (format, sequence, hash chain, that every event replays validly against the référentiel,
//! earlier séances of the same candidates included, and that its times are plausible) and says,
//! per log, OK or what is wrong with file and line. The lines hold raw text (file names,
//! messages): the command line makes their control characters visible and keeps each on one
//! line as it prints them.

use std::fmt;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::carry::Conflict;
use super::history::{self, Entry, Loaded};
use super::sanity::implausible_time;
use crate::referentiel::Referentiel;

/// What the check concluded about one log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Ok,
    /// The complete lines are sound, but a torn last line follows them: a crash during a write
    /// that nobody resumed since, or a truncated file. Or no complete line at all, only the
    /// beginning of an opening: a séance interrompue à la création by an older version. Not an
    /// error of the jury, but not an intact log, so the check fails (exit 2).
    Warning(String),
    /// Tampered with or corrupt: a line changed, removed, inserted or moved, unreadable, an
    /// event the référentiel refuses, or implausible times (see `session::sanity`).
    Problem(String),
    /// Not about one log: two séances grade the same candidate for the same situation (logs of
    /// two rooms gathered into one folder). Each log is judged on its own line; this line says
    /// which of them disagree, so the centre decides which one counts.
    Conflit(String),
}

/// One line of the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckLine {
    pub file: PathBuf,
    /// Complete records read (0 when the log could not be read).
    pub records: usize,
    /// SHA-256 hex of the last complete line, when the chain verified.
    pub tip: Option<String>,
    pub verdict: Verdict,
}

impl CheckLine {
    pub fn is_ok(&self) -> bool {
        self.verdict == Verdict::Ok
    }

    pub fn is_problem(&self) -> bool {
        matches!(self.verdict, Verdict::Problem(_))
    }

    pub fn is_conflict(&self) -> bool {
        matches!(self.verdict, Verdict::Conflit(_))
    }
}

impl fmt::Display for CheckLine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let tip = self.tip.as_deref().map_or("", |t| &t[..t.len().min(16)]);
        let n = self.records;
        let s = if n > 1 { "s" } else { "" };
        match &self.verdict {
            Verdict::Ok => write!(
                f,
                "OK  {} ({n} évènement{s}, empreinte {tip})",
                self.file.display()
            ),
            Verdict::Warning(w) if self.tip.is_none() => write!(f, "ATTENTION  {w}"),
            Verdict::Warning(w) => write!(
                f,
                "ATTENTION  {w} ({n} évènement{s} complet{s}, empreinte {tip})"
            ),
            Verdict::Problem(p) => write!(f, "ERREUR  {p}"),
            Verdict::Conflit(c) => write!(f, "CONFLIT  {c}"),
        }
    }
}

/// Checks every regular `*.jsonl` directly in `dir`; one line per log, in file-name order. A
/// directory that cannot be listed gives a single problem line naming it. `now`: the check's
/// clock, against which a time far in the future is implausible.
pub fn check_dir(dir: &Path, r: &Referentiel, now: DateTime<Utc>) -> Vec<CheckLine> {
    check_dirs(&[dir.to_path_buf()], r, now)
}

/// [`check_dir`] over several folders at once (see [`super::folders`]), so that two rooms'
/// logs of the same situation are found in conflict whichever folder holds them.
pub fn check_dirs(dirs: &[PathBuf], r: &Referentiel, now: DateTime<Utc>) -> Vec<CheckLine> {
    let unreadable = |dir: &Path, problem: String| {
        vec![CheckLine {
            file: dir.to_path_buf(),
            records: 0,
            tip: None,
            verdict: Verdict::Problem(problem),
        }]
    };
    if let Some(dir) = dirs.iter().find(|d| !d.is_dir()) {
        return unreadable(
            dir,
            format!("{} : dossier des séances introuvable", dir.display()),
        );
    }
    let entries = match super::folders::logs_of(dirs) {
        Ok(paths) => history::load_paths(paths),
        Err(e) => return unreadable(dirs.first().map_or(Path::new("."), |d| d), e.to_string()),
    };
    let mut loaded: Vec<&Loaded> = entries
        .iter()
        .filter_map(|e| match e {
            Entry::Loaded(l) => Some(&**l),
            Entry::Interrupted { .. } | Entry::Failed { .. } => None,
        })
        .collect();
    // Replay in opening order so that situation B is checked against the grid A left.
    history::sort_opened(&mut loaded);
    let (_, folded) = history::fold(r, &loaded);
    let mut conflicts = Vec::new();
    let mut lines: Vec<CheckLine> = loaded
        .iter()
        .zip(folded)
        .map(|(l, f)| {
            let verdict = match (f.outcome, &l.log.warning) {
                (Err(e), warning) => Verdict::Problem(format!(
                    "{}, ligne {} : évènement refusé : {}{}",
                    l.path.display(),
                    e.seq.max(1),
                    e.error,
                    warning
                        .as_ref()
                        .map_or(String::new(), |w| format!(" ; {w}"))
                )),
                (Ok(_), warning) => match implausible_time(&l.log.records, now) {
                    Some((seq, problem)) => {
                        Verdict::Problem(format!("{}, ligne {seq} : {problem}", l.path.display()))
                    }
                    None => warning.clone().map_or(Verdict::Ok, Verdict::Warning),
                },
            };
            for c in f.conflicts {
                conflicts.push(conflict_line(&loaded, l, &c));
            }
            CheckLine {
                file: l.path.clone(),
                records: l.log.records.len(),
                tip: Some(l.tip.clone()),
                verdict,
            }
        })
        .collect();
    lines.extend(entries.iter().filter_map(|e| match e {
        Entry::Failed { path, problem } => Some(CheckLine {
            file: path.clone(),
            records: 0,
            tip: None,
            verdict: Verdict::Problem(problem.clone()),
        }),
        Entry::Interrupted { path } => Some(CheckLine {
            file: path.clone(),
            records: 0,
            tip: None,
            verdict: Verdict::Warning(format!(
                "{} : séance interrompue à la création (aucun enregistrement complet : arrêt \
                 brutal d’une version antérieure pendant l’ouverture) ; elle ne contient aucune \
                 donnée et peut être supprimée",
                path.display()
            )),
        }),
        Entry::Loaded(_) => None,
    }));
    lines.sort_by(|a, b| a.file.cmp(&b.file));
    // The conflicts after every log's own line: they are about several logs at once.
    lines.extend(conflicts);
    lines
}

/// The line naming a conflict: candidate, situation and every séance's file.
fn conflict_line(loaded: &[&Loaded], later: &Loaded, c: &Conflict) -> CheckLine {
    let file_of = |id: &str| {
        loaded
            .iter()
            .find(|l| l.info.id == id)
            .map_or_else(|| id.to_string(), |l| l.path.display().to_string())
    };
    let mut files: Vec<String> = c.earlier.iter().map(|id| file_of(id)).collect();
    files.push(later.path.display().to_string());
    CheckLine {
        file: later.path.clone(),
        records: later.log.records.len(),
        tip: Some(later.tip.clone()),
        verdict: Verdict::Conflit(format!(
            "n° {} — {} situation {} évaluée par {} séances : {} ; une seule doit compter \
             (chaque journal est jugé sur sa propre ligne)",
            c.numero,
            c.epreuve,
            c.situation,
            files.len(),
            files.join(", ")
        )),
    }
}
