//! The start screen: the séances found in the sessions directory, unfinished ones first (each
//! resumable with Entrée), then finished ones; `n` opens the new-séance wizard; `i` writes the
//! day's bordereaux and grids beside the sessions folder ([`print`]).
//!
//! The folder is read once and every log replayed through the one cross-séance fold, so what
//! the list says (phase running, grids validated) is what the séance holds. Drawn in `view`.

pub mod print;
mod view;

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::Rect;

use super::component::{Component, Cx, Go, Outcome, Question};
use super::keys::{Binding, DOWN, ENTER, Fill, UP, folded, foot, help_only, plain};
use crate::referentiel::{FormeKind, Referentiel};
use crate::session::{self, Candidat, Membre, SeanceState};
pub use view::{StartView, describe, render};

/// What the jury can do on the start screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StartAction {
    Up,
    Down,
    /// Resume the séance under the cursor.
    Open,
    /// A new séance (the wizard).
    New,
    /// Write today's bordereaux and grids beside the sessions folder.
    Print,
    /// Delete the log of a séance interrupted at its creation (after a confirmation).
    Remove,
}

impl Fill for StartAction {}

impl StartAction {
    /// Every action, for the binding test (a new variant fails to compile in the match).
    pub fn all() -> Vec<StartAction> {
        use StartAction as A;
        let all = vec![A::Up, A::Down, A::Open, A::New, A::Print, A::Remove];
        for a in &all {
            match a {
                A::Up | A::Down | A::Open | A::New | A::Print | A::Remove => {}
            }
        }
        all
    }
}

pub const KEYS: &[Binding<StartAction>] = &[
    foot(
        &[ENTER],
        "Entrée",
        StartAction::Open,
        "reprendre la séance choisie",
        "reprendre",
    ),
    foot(
        &[plain('n')],
        "n",
        StartAction::New,
        "nouvelle séance",
        "nouvelle séance",
    ),
    foot(
        &[plain('i')],
        "i",
        StartAction::Print,
        "imprimer les bordereaux et les grilles du jour",
        "imprimer",
    ),
    help_only(
        &[plain('x')],
        "x",
        StartAction::Remove,
        "supprimer une séance interrompue à la création (après confirmation)",
    ),
    // The arrows go without saying: the footer keeps its width for the keys that do not.
    help_only(
        &[UP, plain('k')],
        "↑ ↓",
        StartAction::Up,
        "choisir une séance",
    ),
    folded(&[DOWN, plain('j')], StartAction::Down),
];

/// The start screen's state: the séances read from the folder, the cursor, and what went wrong
/// reading or writing the folder.
#[derive(Debug, Clone, Default)]
pub struct StartScreen {
    seances: Vec<SeanceSummary>,
    cursor: usize,
    scan_error: Option<String>,
    /// The sessions folder cannot be written to: said from the start.
    dir_error: Option<String>,
}

impl StartScreen {
    /// Reads the sessions folder (nothing is written).
    pub fn new(dir: &Path, r: &Referentiel) -> StartScreen {
        let mut s = StartScreen::default();
        match scan(dir, r) {
            Ok(list) => s.seances = list,
            Err(e) => s.scan_error = Some(e),
        }
        s
    }

    pub fn seances(&self) -> &[SeanceSummary] {
        &self.seances
    }

    /// Probes that séances can be written in `dir` (creating it if needed). True when they can.
    pub fn check_dir(&mut self, dir: &Path) -> bool {
        self.dir_error = session::check_writable(dir).err().map(|e| e.to_string());
        self.dir_error.is_none()
    }

    /// Whether the séance under the cursor was interrupted at its creation (removable).
    fn selected_interrupted(&self) -> Option<&SeanceSummary> {
        self.seances
            .get(self.cursor)
            .filter(|s| matches!(&s.overview, Err(e) if e.starts_with(session::INTERROMPUE)))
    }

    /// Deletes the log under the cursor if it is a séance interrupted at its creation (the
    /// library refuses anything else), reads the folder again, and says what happened.
    pub fn remove_selected(&mut self, dir: &Path, r: &Referentiel) -> String {
        let Some(path) = self.selected_interrupted().map(|s| s.path.clone()) else {
            return "Rien n’est supprimé : seule une séance interrompue à la création peut l’être."
                .into();
        };
        let said = match session::remove_interrupted(&path) {
            Ok(()) => format!("Supprimé : {}", path.display()),
            Err(e) => format!("Rien n’est supprimé : {e}"),
        };
        *self = StartScreen {
            dir_error: self.dir_error.take(),
            ..StartScreen::new(dir, r)
        };
        said
    }

    /// Members of the latest séance of an épreuve and form, to prefill a commission.
    pub fn last_members(&self, epreuve: &str, forme: FormeKind) -> Vec<Membre> {
        self.seances
            .iter()
            .filter_map(|s| s.overview.as_ref().ok())
            .filter(|o| o.epreuve == epreuve && o.forme == forme && !o.members.is_empty())
            .max_by_key(|o| o.opened_at)
            .map(|o| o.members.clone())
            .unwrap_or_default()
    }
}

impl Component for StartScreen {
    type Action = StartAction;

    fn title(&self) -> &'static str {
        "Accueil"
    }

    fn bindings(&self, _cx: &Cx) -> Vec<&'static [Binding<StartAction>]> {
        vec![KEYS]
    }

    fn update(&mut self, action: StartAction, now: DateTime<Utc>, cx: &Cx) -> Outcome {
        match action {
            StartAction::Up => self.cursor = self.cursor.saturating_sub(1),
            StartAction::Down => {
                self.cursor = (self.cursor + 1).min(self.seances.len().saturating_sub(1))
            }
            StartAction::Open => {
                if let Some(s) = self.seances.get(self.cursor) {
                    return Outcome::Go(Go::Resume(s.path.clone()));
                }
            }
            StartAction::New => {
                // Re-check a folder found unwritable at start: it may have been fixed since.
                if self.dir_error.is_some() {
                    self.check_dir(&cx.cfg.dir);
                }
                return match &self.dir_error {
                    Some(e) => Outcome::Say(format!(
                        "Impossible d’ouvrir une séance : {e}. Relancez avec --sessions DOSSIER."
                    )),
                    None => Outcome::Go(Go::Wizard),
                };
            }
            StartAction::Remove => {
                return match self.selected_interrupted() {
                    Some(_) => Outcome::Ask(Question::RemoveInterrupted),
                    None => Outcome::Say(
                        "Seule une séance interrompue à la création peut être supprimée.".into(),
                    ),
                };
            }
            StartAction::Print => {
                let jour = cx.tz().day(now);
                return Outcome::Say(print::journee(cx.r, &cx.cfg.dir, cx.tz(), jour));
            }
        }
        Outcome::Nothing
    }

    fn view(&mut self, f: &mut Frame, area: Rect, cx: &Cx) {
        let v = StartView {
            seances: &self.seances,
            cursor: self.cursor,
            dir: &cx.cfg.dir,
            imported: cx.cfg.import.candidats.len(),
            rejected: cx.cfg.import.rejets.len(),
            scan_error: self.scan_error.as_deref(),
            dir_error: self.dir_error.as_deref(),
            tz: cx.tz(),
        };
        render(f, area, &v, cx.theme());
    }
}

/// Where a séance stands.
#[derive(Debug, Clone, PartialEq)]
pub enum Progress {
    NotStarted,
    /// `phase`: as the timer names it in a sentence (« la phase A »), never its data id.
    Running {
        phase: String,
    },
    Paused {
        phase: String,
    },
    /// Every phase has run; the grid may still be open.
    TimingDone,
}

/// What the start screen knows of a séance it could read.
#[derive(Debug, Clone, PartialEq)]
pub struct Overview {
    pub epreuve: String,
    pub forme: FormeKind,
    pub situation: String,
    pub candidats: Vec<Candidat>,
    pub members: Vec<Membre>,
    pub opened_at: DateTime<Utc>,
    pub vitesse: Option<u32>,
    pub progress: Progress,
    /// Grids validated / candidates.
    pub validated: (usize, usize),
}

impl Overview {
    pub fn of(state: &SeanceState) -> Overview {
        // The phase as the timer names it, never its data id.
        let name = |id: &str| super::fmt::phase_id_in_sentence(&state.info.phases, id);
        let progress = match state.running() {
            Some(run) if state.is_paused() => Progress::Paused {
                phase: name(&run.phase),
            },
            Some(run) => Progress::Running {
                phase: name(&run.phase),
            },
            None if state.runs.is_empty() => Progress::NotStarted,
            None => Progress::TimingDone,
        };
        let validated = state.grids.values().filter(|g| g.is_validated()).count();
        Overview {
            epreuve: state.info.epreuve.clone(),
            forme: state.info.forme,
            situation: state.info.situation.clone(),
            candidats: state.info.candidats.clone(),
            members: state.members.clone(),
            opened_at: state.opened_at,
            vitesse: state.info.vitesse,
            progress,
            validated: (validated, state.grids.len()),
        }
    }

    /// Finished once every candidate's grid is validated.
    pub fn finished(&self) -> bool {
        self.validated.0 == self.validated.1
    }
}

/// One line of the list: a séance log and what could be read of it.
#[derive(Debug, Clone, PartialEq)]
pub struct SeanceSummary {
    pub path: PathBuf,
    pub id: String,
    /// The French reason when the log cannot be read or replayed.
    pub overview: Result<Overview, String>,
}

impl SeanceSummary {
    pub fn finished(&self) -> bool {
        self.overview.as_ref().is_ok_and(Overview::finished)
    }
}

/// Reads every log of `dir` once and replays them all through the one cross-séance fold
/// ([`session::replay_dir`]), so each séance starts from the grids its earlier séances left, as
/// when it is resumed: unfinished séances first, then finished ones, newest first in each. A
/// log that cannot be read or replayed is listed with the reason. A directory that does not
/// exist yet holds no séance.
pub fn scan(dir: &Path, r: &Referentiel) -> Result<Vec<SeanceSummary>, String> {
    if !dir.exists() {
        return Ok(Vec::new());
    }
    let replayed = session::replay_dir(r, dir).map_err(|e| e.to_string())?;
    let mut out: Vec<SeanceSummary> = replayed
        .into_iter()
        .map(|(path, state)| SeanceSummary {
            id: path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default(),
            overview: state.map(|s| Overview::of(&s)),
            path,
        })
        .collect();
    sort(&mut out);
    Ok(out)
}

pub fn sort(list: &mut [SeanceSummary]) {
    list.sort_by_key(|s| {
        let opened = s.overview.as_ref().map(|o| o.opened_at).ok();
        (s.finished(), std::cmp::Reverse(opened), s.id.clone())
    });
}
