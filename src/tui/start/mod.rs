//! The start screen. With a plan of the day (`--convocations`), the day first: today's passages
//! in time order with where each stands, the next one highlighted and the offset on the
//! planning ([`day`]); `s` prepares the next passage in the wizard (one Entrée starts it), `a`
//! records a candidate absent. Then the séances found in the sessions folder that are not
//! passages of the plan, unfinished ones first (each resumable with Entrée). `n` opens the
//! wizard empty; `i` writes the day's bordereaux and grids ([`print`]); `e` hides the training
//! séances.
//!
//! The folder is read once and every log replayed through the one cross-séance fold, so what
//! the list says (phase running, grids validated) is what the séance holds; it is read again
//! when its logs change on disk (another window finished a séance: [`StartScreen::refresh`]),
//! the selection kept. Drawn in `view`.

pub mod day;
mod keys;
mod list;
mod passages;
pub mod print;
mod view;

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::Rect;

use super::component::{Component, Cx, Go, Outcome, Question};
use super::keys::Binding;
use crate::convocations::Etat;
use crate::follow::Snapshot;
use crate::referentiel::{FormeKind, Referentiel};
use crate::session::{self, Membre, SeanceState};
pub use day::Day;
pub use keys::{ABSENCE_KEYS, DAY_KEYS, KEYS, StartAction};
pub use list::{Folder, Overview, Progress, SeanceSummary, scan, scan_states, sort};
pub use view::{StartView, describe, render};

/// A line of the start screen's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// A passage of today's plan (its index in [`Day::passages`]).
    Passage(usize),
    /// A séance outside the plan (its index in [`StartScreen::seances`]).
    Seance(usize),
}

/// The start screen's state: the séances read from the folder, the cursor, and what went wrong
/// reading or writing the folder.
#[derive(Debug, Clone, Default)]
pub struct StartScreen {
    seances: Vec<SeanceSummary>,
    states: Vec<SeanceState>,
    paths: Vec<PathBuf>,
    /// `None` until the jury moves it: the next passage of the plan, else the first line.
    cursor: Option<usize>,
    scan_error: Option<String>,
    /// The sessions folder cannot be written to: said from the start.
    dir_error: Option<String>,
    hide_training: bool,
    /// The passage whose absence awaits « justifiée ou non ».
    absence: Option<usize>,
    /// The folder's logs when last read.
    seen: Snapshot,
}

impl StartScreen {
    /// Reads the sessions folder (nothing is written).
    pub fn new(dir: &Path, r: &Referentiel) -> StartScreen {
        let mut s = StartScreen {
            seen: Snapshot::of_folder(dir),
            ..StartScreen::default()
        };
        match scan_states(dir, r) {
            Ok(f) => (s.seances, s.states, s.paths) = (f.seances, f.states, f.paths),
            Err(e) => s.scan_error = Some(e),
        }
        s
    }

    pub fn seances(&self) -> &[SeanceSummary] {
        &self.seances
    }

    /// Reads the folder again when its logs changed on disk since the last read (another
    /// window wrote), keeping the selection and the rest of the screen's state. True when it
    /// was read.
    pub fn refresh(&mut self, cx: &Cx) -> bool {
        if Snapshot::of_folder(&cx.cfg.dir) == self.seen {
            return false;
        }
        self.reread(cx);
        true
    }

    /// Reads the folder again now (a séance was just written), keeping the selection (the same
    /// passage or séance) and the rest of the screen's state.
    pub fn reread(&mut self, cx: &Cx) {
        let selected = self.cursor.and_then(|_| {
            let day = self.day(cx);
            match self.rows(day.as_ref()).get(self.cursor()) {
                Some(Row::Seance(i)) => self.seances.get(*i).map(|s| Err(s.path.clone())),
                Some(Row::Passage(i)) => Some(Ok(*i)),
                None => None,
            }
        });
        let fresh = StartScreen::new(&cx.cfg.dir, cx.r);
        (self.seances, self.states, self.paths) = (fresh.seances, fresh.states, fresh.paths);
        self.scan_error = fresh.scan_error;
        self.seen = fresh.seen;
        if let Some(sel) = selected {
            let day = self.day(cx);
            let rows = self.rows(day.as_ref());
            let found = rows.iter().position(|r| match (r, &sel) {
                (Row::Passage(i), Ok(j)) => i == j,
                (Row::Seance(i), Err(path)) => {
                    self.seances.get(*i).is_some_and(|s| &s.path == path)
                }
                _ => false,
            });
            self.cursor = Some(found.unwrap_or(0).min(rows.len().saturating_sub(1)));
        }
    }

    /// Probes that séances can be written in `dir` (creating it if needed). True when they can.
    pub fn check_dir(&mut self, dir: &Path) -> bool {
        self.dir_error = session::check_writable(dir).err().map(|e| e.to_string());
        self.dir_error.is_none()
    }

    /// The day of the plan, now (`None` without a plan).
    pub fn day(&self, cx: &Cx) -> Option<Day> {
        let training = cx.cfg.vitesse.is_some_and(|v| v > 1);
        Day::of(
            &cx.cfg.plan,
            &self.states,
            &self.paths,
            cx.tz(),
            cx.now,
            training,
        )
    }

    /// The lines of the list: today's passages, then the séances outside the plan (training
    /// ones left out when hidden).
    pub fn rows(&self, day: Option<&Day>) -> Vec<Row> {
        let passages = day.map_or(0, |d| d.passages.len());
        let mut rows: Vec<Row> = (0..passages).map(Row::Passage).collect();
        rows.extend(
            self.seances
                .iter()
                .enumerate()
                .filter(|(_, s)| !day.is_some_and(|d| d.in_plan.contains(&s.path)))
                .filter(|(_, s)| !(self.hide_training && is_training(s)))
                .map(|(i, _)| Row::Seance(i)),
        );
        rows
    }

    /// The line under the cursor, as an index in [`StartScreen::rows`].
    fn cursor(&self) -> usize {
        self.cursor.unwrap_or(0)
    }

    /// The cursor once the day is known: the next passage until the jury moves.
    fn cursor_in(&self, day: Option<&Day>) -> usize {
        self.cursor
            .or_else(|| day.and_then(|d| d.prochain))
            .unwrap_or(0)
    }

    /// Whether the séance under the cursor was interrupted at its creation (removable).
    fn selected_interrupted(&self, cx: &Cx) -> Option<&SeanceSummary> {
        let day = self.day(cx);
        match self.rows(day.as_ref()).get(self.cursor_in(day.as_ref())) {
            Some(Row::Seance(i)) => self.seances.get(*i),
            _ => None,
        }
        .filter(|s| matches!(&s.overview, Err(e) if e.starts_with(session::INTERROMPUE)))
    }

    /// Deletes the log under the cursor if it is a séance interrupted at its creation (the
    /// library refuses anything else), reads the folder again, and says what happened.
    pub fn remove_selected(&mut self, cx: &Cx) -> String {
        let Some(path) = self.selected_interrupted(cx).map(|s| s.path.clone()) else {
            return "Rien n’est supprimé : seule une séance interrompue à la création peut l’être."
                .into();
        };
        let said = match session::remove_interrupted(&path) {
            Ok(()) => format!("Supprimé : {}", path.display()),
            Err(e) => format!("Rien n’est supprimé : {e}"),
        };
        *self = StartScreen {
            dir_error: self.dir_error.take(),
            hide_training: self.hide_training,
            ..StartScreen::new(&cx.cfg.dir, cx.r)
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

fn is_training(s: &SeanceSummary) -> bool {
    s.overview
        .as_ref()
        .is_ok_and(|o| o.vitesse.is_some_and(|v| v > 1))
}

impl Component for StartScreen {
    type Action = StartAction;

    fn title(&self) -> &'static str {
        "Accueil"
    }

    fn bindings(&self, cx: &Cx) -> Vec<&'static [Binding<StartAction>]> {
        if self.absence.is_some() {
            vec![ABSENCE_KEYS]
        } else if cx.cfg.plan.is_empty() {
            vec![KEYS]
        } else {
            vec![DAY_KEYS]
        }
    }

    fn update(&mut self, action: StartAction, now: DateTime<Utc>, cx: &Cx) -> Outcome {
        let day = self.day(cx);
        let rows = self.rows(day.as_ref());
        let cursor = self.cursor_in(day.as_ref());
        let on_passage = match rows.get(cursor) {
            Some(Row::Passage(i)) => Some(*i),
            _ => None,
        };
        match action {
            StartAction::Up => self.cursor = Some(cursor.saturating_sub(1)),
            StartAction::Down => self.cursor = Some((cursor + 1).min(rows.len().saturating_sub(1))),
            StartAction::Open => match (rows.get(cursor), &day) {
                (Some(Row::Seance(i)), _) => {
                    if let Some(s) = self.seances.get(*i) {
                        return Outcome::Go(Go::Resume(s.path.clone()));
                    }
                }
                (Some(Row::Passage(i)), Some(d)) => {
                    return match &d.seances[*i] {
                        Some(path) => Outcome::Go(Go::Resume(path.clone())),
                        None if d.etats[*i] == Etat::AVenir => self.prepare(d, *i, cx),
                        None => Outcome::Nothing,
                    };
                }
                _ => {}
            },
            StartAction::New => {
                return self.unwritable(cx).unwrap_or(Outcome::Go(Go::Wizard));
            }
            StartAction::Next => {
                return match day.as_ref().and_then(|d| Some((d, d.target(on_passage)?))) {
                    Some((d, i)) => self.prepare(d, i, cx),
                    None => Outcome::Say(
                        "Plus aucun passage à venir dans les convocations du jour : n ouvre une \
                         séance hors planning."
                            .into(),
                    ),
                };
            }
            StartAction::Absent => {
                if let Some(d) = &day {
                    return self.ask_absence(d, on_passage, cx);
                }
            }
            StartAction::AbsentJustified => return self.answer_absence(true, cx),
            StartAction::AbsentUnjustified => return self.answer_absence(false, cx),
            StartAction::AbsentCancel => {
                self.absence = None;
                return Outcome::Say("Absence annulée : rien n’est enregistré.".into());
            }
            StartAction::ToggleTraining => {
                self.hide_training = !self.hide_training;
                // The lines below the day moved: back to following the next passage.
                self.cursor = None;
                return Outcome::Say(
                    if self.hide_training {
                        "Séances d’entraînement masquées (e : les montrer)."
                    } else {
                        "Séances d’entraînement montrées."
                    }
                    .into(),
                );
            }
            StartAction::Remove => {
                return match self.selected_interrupted(cx) {
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
        let day = self.day(cx);
        let rows = self.rows(day.as_ref());
        let listed: Vec<SeanceSummary> = rows
            .iter()
            .filter_map(|r| match r {
                Row::Seance(i) => self.seances.get(*i).cloned(),
                Row::Passage(_) => None,
            })
            .collect();
        let names: Vec<String> = day.as_ref().map_or_else(Vec::new, |d| {
            d.passages
                .iter()
                .map(|p| day::names(p, &cx.cfg.import.candidats, &self.seances))
                .collect()
        });
        let v = StartView {
            seances: &listed,
            cursor: self.cursor_in(day.as_ref()),
            dir: &cx.cfg.dir,
            imported: cx.cfg.import.candidats.len(),
            rejected: cx.cfg.import.rejets.len(),
            scan_error: self.scan_error.as_deref(),
            dir_error: self.dir_error.as_deref(),
            tz: cx.tz(),
            day: day.as_ref(),
            names: &names,
            hide_training: self.hide_training,
            absence: self
                .absence
                .map(|i| passages::absence_line(i, day.as_ref(), &names, cx.r)),
        };
        render(f, area, &v, cx.theme());
    }
}
