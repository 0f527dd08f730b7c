//! The coordinators' review: every séance of a sessions directory, grouped by candidate ×
//! épreuve, each combined grid rebuilt with the same fold as the live app, and every anomaly
//! against the règlement explained in French.
//!
//! [`load`] reads a directory; [`build`] does the rest from logs already read, so tests can
//! feed it records built in memory. The text report ([`text::report`]), the review TUI, the CSV
//! export and the printable grid all read the same [`Report`].

pub mod anomaly;
mod build;
pub mod detail;
mod entry;
pub mod fmt;
pub mod harmonisation;
mod load;
mod parallel;
pub mod refresh;
pub mod sink;
pub mod text;
mod timeline;

use std::path::PathBuf;

use chrono::{DateTime, Utc};

pub use anomaly::{Anomaly, AnomalyKind};
pub use build::build;
pub use fmt::Tz;
pub use load::{LoadedLog, load_logs};
pub use parallel::{load, load_dirs};

use crate::referentiel::{FormeKind, Referentiel};
use crate::session::{Candidat, GridState, Membre, SeanceInfo, SeanceState};
use crate::timing::ClockView;

/// Whether a log can be trusted.
#[derive(Debug, Clone, PartialEq)]
pub enum Integrity {
    /// Chain verified; `warning` when a torn last line (crash mid-write) was dropped.
    Intact { warning: Option<String> },
    /// A line does not parse or does not chain to the one before: what the store said.
    Broken { error: String },
    /// The file cannot be read at all (permissions, I/O error).
    Unreadable { error: String },
}

impl Integrity {
    pub fn is_intact(&self) -> bool {
        matches!(self, Integrity::Intact { .. })
    }

    /// `intacte …`, `rompue — …` or `illisible — …`, for every view of the review.
    pub fn describe(&self) -> String {
        match self {
            Integrity::Intact { warning: None } => "intacte (chaîne de hachage vérifiée)".into(),
            Integrity::Intact { warning: Some(w) } => {
                format!("intacte (chaîne de hachage vérifiée) ; {w}")
            }
            Integrity::Broken { error } => format!("rompue — {error}"),
            Integrity::Unreadable { error } => format!("illisible — {error}"),
        }
    }
}

/// One séance log as the review sees it.
#[derive(Debug, Clone)]
pub struct SeanceView {
    pub path: PathBuf,
    /// `info.id`, or the file name when even the first line cannot be read.
    pub id: String,
    pub integrity: Integrity,
    /// What the first line says the séance is, when no state holds it (see [`Self::info`]):
    /// held once per séance, not twice.
    opening: Option<SeanceInfo>,
    /// Time of the first record.
    pub opened_at: Option<DateTime<Utc>>,
    /// The replayed state. For a broken log it is rebuilt from the lines that still parse, for
    /// display only; `None` when nothing can be replayed. Its `grids` are empty in a
    /// [`Report`]: each candidate's grid is moved to its [`Entry::grid`] (see `build`).
    pub state: Option<SeanceState>,
    /// Why the fold refused the log, if it did (the state then stops before that record).
    pub replay_error: Option<String>,
    /// Anomalies of this séance alone (timing, commission, clock, integrity, training).
    pub anomalies: Vec<Anomaly>,
    /// Fingerprint of the log: the first 16 hex digits of the SHA-256 of its last complete line,
    /// as `check` prints it (`None` when no line could be read).
    pub empreinte: Option<String>,
}

impl SeanceView {
    /// What the first line says the séance is (`None` when it cannot be read): the state's
    /// `info` when the log replays, else the opening as read.
    pub fn info(&self) -> Option<&SeanceInfo> {
        self.state
            .as_ref()
            .map(|s| &s.info)
            .or(self.opening.as_ref())
    }

    /// Phase timings at the last event of the log. Made when asked, from the state: a pure,
    /// cheap fold that no séance of a report needs to hold.
    pub fn clock(&self) -> Option<ClockView> {
        self.state
            .as_ref()
            .map(|s| crate::timing::clock(s, s.last_ts))
    }

    /// Whether what the log says can be trusted: its chain verifies, it holds at least its
    /// opening, and the référentiel accepts every event.
    pub fn trusted(&self) -> bool {
        self.integrity.is_intact() && self.state.is_some() && self.replay_error.is_none()
    }

    /// `sessions/x.jsonl, commission Mme A (enseignant), M. B (enseignant)`: how a conflict
    /// names each of its séances, in the review and in the export.
    pub fn file_and_commission(&self) -> String {
        let who = self.state.as_ref().map_or(String::new(), |st| {
            format!(", commission {}", fmt::members(&st.members))
        });
        format!("{}{who}", self.path.display())
    }

    /// The dropped torn last line, if any (a crash during a write, or a truncated copy).
    pub fn torn_tail(&self) -> Option<&str> {
        match &self.integrity {
            Integrity::Intact { warning } => warning.as_deref(),
            _ => None,
        }
    }

    pub fn is_finished(&self) -> bool {
        self.state.as_ref().is_some_and(SeanceState::is_finished)
    }

    pub fn is_training(&self) -> bool {
        self.info().is_some_and(SeanceInfo::is_training)
    }
}

/// Where a candidate stands for an épreuve.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// A log of the entry is broken, unreadable or refused by the référentiel: whatever it
    /// claims (even a validation) cannot be trusted.
    IntegriteRompue,
    /// Two séances grade the candidate for the same situation: the centre decides which counts.
    Conflit,
    /// A séance is still running, or a situation of the form has not been evaluated yet.
    EnCours,
    /// Every séance is over but the commission has not validated the grid.
    AValider,
    Validee,
    /// Absence recorded and validated by the commission.
    Absent,
    /// Dispense (exemption from the épreuve) recorded and validated by the commission.
    Dispense,
}

impl Status {
    pub const ALL: [Status; 7] = [
        Status::IntegriteRompue,
        Status::Conflit,
        Status::EnCours,
        Status::AValider,
        Status::Validee,
        Status::Absent,
        Status::Dispense,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Status::IntegriteRompue => "intégrité rompue",
            Status::Conflit => "conflit",
            Status::EnCours => "en cours",
            Status::AValider => "à valider",
            Status::Validee => "validée",
            Status::Absent => "absent",
            Status::Dispense => "dispensé",
        }
    }

    /// Whether the summaries count this status when no entry has it. Dispenses, conflicts and
    /// broken logs are rare: left out at zero, so the review's header still fits 80 columns.
    pub fn counted_at_zero(self) -> bool {
        !matches!(
            self,
            Status::Dispense | Status::Conflit | Status::IntegriteRompue
        )
    }

    /// Whether the entry's outcome stands (validated, absent or dispensé, with trusted logs).
    pub fn is_final(self) -> bool {
        matches!(self, Status::Validee | Status::Absent | Status::Dispense)
    }
}

/// One candidate for one épreuve: its séances in order, the combined grid and what is wrong.
#[derive(Debug, Clone)]
pub struct Entry {
    pub candidat: Candidat,
    pub epreuve: String,
    pub forme: FormeKind,
    /// Séances of a training run are grouped apart and never mixed with real ones.
    pub training: bool,
    /// Indexes into [`Report::seances`], in séance order (opening time, then id).
    pub seances: Vec<usize>,
    /// The grid after the last séance: the fold of all of them.
    pub grid: GridState,
    pub status: Status,
    pub anomalies: Vec<Anomaly>,
    /// Situations graded by more than one séance (see [`crate::session::Conflict`]).
    pub conflicts: Vec<EntryConflict>,
}

/// One situation of an entry graded by several séances.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryConflict {
    pub situation: String,
    /// Indexes into [`Report::seances`], in séance order.
    pub seances: Vec<usize>,
}

impl Entry {
    /// The note globale /60 and note /20, once every competence has a note.
    pub fn totals(
        &self,
        r: &Referentiel,
    ) -> Option<(crate::grading::Points, crate::grading::Points)> {
        self.grid.totals(r.epreuve(&self.epreuve)?)
    }

    /// True when every séance of the entry has a trusted log (see [`SeanceView::trusted`]).
    pub fn intact(&self, report: &Report) -> bool {
        self.seances.iter().all(|&i| report.seances[i].trusted())
    }

    /// The outcome of the grid (note, absence, dispense, incomplete), decided by the domain.
    pub fn resultat(&self, r: &Referentiel) -> Option<crate::session::Resultat> {
        Some(self.grid.resultat(r, r.epreuve(&self.epreuve)?))
    }

    /// Dates of the séances, in order, without repeats.
    pub fn dates(&self, report: &Report) -> Vec<DateTime<Utc>> {
        let mut seen: Vec<chrono::NaiveDate> = Vec::new();
        let mut out = Vec::new();
        for &i in &self.seances {
            if let Some(ts) = report.seances[i].opened_at {
                // The local day, as the dates are shown: no string made to compare them.
                let d = report.tz.day(ts);
                if !seen.contains(&d) {
                    seen.push(d);
                    out.push(ts);
                }
            }
        }
        out
    }

    /// Situations evaluated, in séance order (`A, B`).
    pub fn situations(&self, report: &Report) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for &i in &self.seances {
            if let Some(info) = report.seances[i].info()
                && !out.contains(&info.situation)
            {
                out.push(info.situation.clone());
            }
        }
        out
    }

    /// The commission members of every séance, without repeats.
    pub fn commission(&self, report: &Report) -> Vec<Membre> {
        let mut out: Vec<Membre> = Vec::new();
        for &i in &self.seances {
            for m in report.seances[i].state.iter().flat_map(|s| &s.members) {
                if !out.contains(m) {
                    out.push(m.clone());
                }
            }
        }
        out
    }
}

/// Everything the review shows.
#[derive(Debug, Clone)]
pub struct Report {
    /// The folders read (`--sessions`, each a jury's or a centre's folder).
    pub dirs: Vec<PathBuf>,
    pub tz: Tz,
    /// Every log, in séance order.
    pub seances: Vec<SeanceView>,
    /// Candidate × épreuve, ordered by épreuve, nom, prénom, numéro.
    pub entries: Vec<Entry>,
    /// Logs that name no candidate (their first line cannot be read): listed, never dropped.
    pub orphans: Vec<usize>,
    /// Candidates × situations the plan of the day expected and no real séance examined.
    pub non_examines: Vec<NonExamine>,
}

/// A candidate the plan of the day expected for a situation, with no séance: « non examiné ».
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NonExamine {
    pub numero: String,
    pub epreuve: String,
    pub forme: FormeKind,
    pub situation: String,
    pub debut: chrono::NaiveDateTime,
}

impl NonExamine {
    /// `E2 ponctuel, situation unique, n° 0421, prévu le 02/06/2025 à 08:00 : non examiné`.
    pub fn line(&self) -> String {
        format!(
            "{} {}, situation {}, n° {}, prévu le {} : non examiné",
            self.epreuve,
            self.forme.label(),
            self.situation,
            self.numero,
            self.debut.format("%d/%m/%Y à %H:%M")
        )
    }
}

impl Report {
    /// Notes every candidate × situation of `plan` that no real séance examined.
    pub fn attendus(&mut self, plan: &[crate::convocations::Passage]) {
        // Every (numéro, épreuve, forme, situation) examined, once: the plan is looked up in
        // it, not the séances scanned for each expected candidate (`revue --suivre` does this
        // at every refresh).
        let examined: std::collections::HashSet<(&str, &str, FormeKind, &str)> = self
            .seances
            .iter()
            .filter_map(SeanceView::info)
            .filter(|i| !i.is_training())
            .flat_map(|i| {
                i.candidats.iter().map(move |c| {
                    (
                        c.numero.as_str(),
                        i.epreuve.as_str(),
                        i.forme,
                        i.situation.as_str(),
                    )
                })
            })
            .collect();
        let mut out = Vec::new();
        for p in plan {
            for n in &p.numeros {
                let key = (
                    n.as_str(),
                    p.epreuve.as_str(),
                    p.forme,
                    p.situation.as_str(),
                );
                if !examined.contains(&key) {
                    out.push(NonExamine {
                        numero: n.clone(),
                        epreuve: p.epreuve.clone(),
                        forme: p.forme,
                        situation: p.situation.clone(),
                        debut: p.debut,
                    });
                }
            }
        }
        self.non_examines = out;
    }

    /// The folders read, for a title: `sessions`, or `salle1, salle2`.
    pub fn folders(&self) -> String {
        let names: Vec<String> = self.dirs.iter().map(|d| d.display().to_string()).collect();
        names.join(", ")
    }

    pub fn seance(&self, id: &str) -> Option<&SeanceView> {
        self.seances.iter().find(|s| s.id == id)
    }

    /// One French line per log whose torn last line was dropped, for stderr: a crash during a
    /// write (an action lost) or a copy cut short.
    pub fn torn_tails(&self) -> Vec<String> {
        self.seances
            .iter()
            .filter_map(|s| {
                let w = s.torn_tail()?;
                Some(format!("dernière ligne incomplète ignorée : {w}"))
            })
            .collect()
    }
}
