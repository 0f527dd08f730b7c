//! What each action does on each screen: opening, creating and closing séances, the wizard,
//! and the hand-off to the grid component (the timer's keys are in `timer_keys`).

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, Utc};

use super::action::Action;
use super::app::{App, Live, Overlay, Question, Screen};
use super::grid::{GridOutcome, GridScreen};
use super::wizard::{Choice, WizardCtx, WizardOutcome};
use crate::referentiel::FormeKind;
use crate::session::{self, Event, GridState, Membre, Seance, SeanceInfo};

impl App {
    pub(super) fn update_screen(&mut self, action: Action, now: DateTime<Utc>) {
        match &self.screen {
            Screen::Start => self.update_start(action),
            Screen::Wizard(_) => self.update_wizard(action, now),
            Screen::Timer => {
                if self.live.as_ref().is_some_and(|l| l.pause.is_some()) {
                    self.update_pause(action, now);
                } else {
                    self.update_timer(action, now);
                }
            }
            Screen::Safe => match action {
                Action::Back => self.overlay = Some(Overlay::Ask(Question::LeaveSafe)),
                Action::Mute => self.toggle_mute(),
                _ => {}
            },
            Screen::Grid => self.update_grid(action),
        }
    }

    fn update_start(&mut self, action: Action) {
        match action {
            Action::Up => self.cursor = self.cursor.saturating_sub(1),
            Action::Down => {
                self.cursor = (self.cursor + 1).min(self.seances.len().saturating_sub(1))
            }
            Action::Confirm => {
                if let Some(s) = self.seances.get(self.cursor) {
                    let path = s.path.clone();
                    self.open(&path);
                }
            }
            Action::New => {
                // Re-check a folder found unwritable at start: it may have been fixed since.
                if self.dir_error.is_some() {
                    self.check_dir();
                }
                match &self.dir_error {
                    Some(e) => self.warn(format!(
                        "Impossible d’ouvrir une séance : {e}. Relancez avec --sessions DOSSIER."
                    )),
                    None => self.screen = Screen::Wizard(Box::default()),
                }
            }
            _ => {}
        }
    }

    /// Resumes a séance from its log (after a quit or a crash).
    pub fn open(&mut self, path: &Path) {
        let id = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let prior = match self.prior_for(path, &id) {
            Ok(p) => p,
            Err(e) => return self.warn(e),
        };
        match Seance::resume(path, &self.r, &prior) {
            Ok((seance, warning)) => {
                self.start_live(seance);
                if let Some(w) = warning {
                    self.warn(w);
                }
            }
            Err(e) => self.warn(e.to_string()),
        }
    }

    /// The grids the séance's candidates got in their other séances of the same épreuve.
    fn prior_for(&self, path: &Path, id: &str) -> Result<BTreeMap<String, GridState>, String> {
        let log = session::read_log(path).map_err(|e| e.to_string())?;
        let Some(Event::SeanceOpened { seance }) = log.records.first().map(|r| &r.event) else {
            return Err(format!(
                "{} : la séance ne commence pas par son ouverture",
                path.display()
            ));
        };
        session::prior_grids_for(&self.cfg.dir, &self.r, seance, Some(id))
            .map_err(|e| e.to_string())
    }

    fn start_live(&mut self, seance: Seance) {
        let state = seance.state();
        let grid_first = state.info.phases.is_empty() || state.is_finished();
        self.live = Some(Live {
            seance,
            grid: None,
            pause: None,
        });
        self.overlay = None;
        if grid_first {
            self.show_grid();
        } else {
            self.screen = Screen::Timer;
        }
    }

    /// Back to the start screen; the séance's log is closed (and unlocked).
    pub(super) fn close(&mut self, now: DateTime<Utc>) {
        self.flush_grid(now);
        self.live = None;
        self.screen = Screen::Start;
        self.rescan();
    }

    fn update_wizard(&mut self, action: Action, now: DateTime<Utc>) {
        let Screen::Wizard(w) = &mut self.screen else {
            return;
        };
        let seances = &self.seances;
        let last_members = |epreuve: &str, forme: FormeKind| -> Vec<Membre> {
            seances
                .iter()
                .filter_map(|s| s.overview.as_ref().ok())
                .filter(|o| o.epreuve == epreuve && o.forme == forme && !o.members.is_empty())
                .max_by_key(|o| o.opened_at)
                .map(|o| o.members.clone())
                .unwrap_or_default()
        };
        let ctx = WizardCtx {
            r: &self.r,
            imported: &self.cfg.import.candidats,
            last_members: &last_members,
        };
        match w.update(&action, &ctx) {
            WizardOutcome::Stay => {}
            WizardOutcome::Cancel => self.screen = Screen::Start,
            WizardOutcome::Open(choice) => {
                if let Err(e) = self.create(choice, now)
                    && let Screen::Wizard(w) = &mut self.screen
                {
                    w.error = Some(e);
                }
            }
        }
    }

    /// Opens a new séance from the wizard's choice, then records its commission.
    fn create(&mut self, c: Choice, now: DateTime<Utc>) -> Result<(), String> {
        let dir = self.cfg.dir.clone();
        let info = SeanceInfo::plan(
            &self.r,
            seance_id(&dir, &c, now, self.cfg.tz),
            &c.epreuve,
            c.forme,
            &c.situation,
            c.candidats.clone(),
            self.cfg.vitesse,
        )
        .map_err(|e| e.to_string())?;
        std::fs::create_dir_all(&dir).map_err(|e| format!("{} : {e}", dir.display()))?;
        let prior =
            session::prior_grids_for(&dir, &self.r, &info, None).map_err(|e| e.to_string())?;
        let seance = Seance::create(&dir, &self.r, info, now, &prior).map_err(|e| e.to_string())?;
        self.start_live(seance);
        for m in c.membres {
            if !self.record(Event::MemberAdded { membre: m }, now) {
                break;
            }
        }
        Ok(())
    }

    pub(super) fn show_grid(&mut self) {
        if let Some(live) = self.live.as_mut() {
            if live.grid.is_none() {
                let grid = GridScreen::new(&self.r, live.seance.state()).with_offset(self.cfg.tz);
                live.grid = Some(grid);
            }
            live.pause = None;
            self.screen = Screen::Grid;
        }
    }

    fn update_grid(&mut self, action: Action) {
        let now = self.now;
        let has_phases = self.state().is_some_and(|s| !s.info.phases.is_empty());
        let outcome = match action {
            Action::ShowTimer if has_phases => {
                self.screen = Screen::Timer;
                return;
            }
            Action::ShowTimer => {
                return self.info("Pas de minutage pour cette situation.");
            }
            Action::Grid(a) => {
                let Some((grid, state)) = self.live.as_mut().and_then(Live::grid_and_state) else {
                    return;
                };
                grid.update(a, &self.r, state)
            }
            _ => return,
        };
        match outcome {
            GridOutcome::Nothing | GridOutcome::Redraw => {}
            GridOutcome::Message(m) => self.info(m),
            GridOutcome::Record(events) => {
                for e in events {
                    if !self.record(e, now) {
                        break;
                    }
                }
            }
            GridOutcome::Leave if has_phases => self.screen = Screen::Timer,
            GridOutcome::Leave => self.close(now),
        }
    }
}

/// `2025-06-12-E1-ponctuel-unique-0123`, made safe for a file name on every system, with `-2`,
/// `-3`… when a séance of that name already exists.
pub fn seance_id(dir: &Path, c: &Choice, now: DateTime<Utc>, tz: chrono::FixedOffset) -> String {
    let numero = c.candidats.first().map_or("", |k| k.numero.as_str());
    let raw = format!(
        "{}-{}-{}-{}-{}",
        now.with_timezone(&tz).format("%Y-%m-%d"),
        c.epreuve,
        c.forme.label(),
        c.situation,
        numero
    );
    let base: String = raw
        .chars()
        .map(|ch| {
            if ch.is_ascii_alphanumeric() || ch == '-' || ch == '_' {
                ch
            } else {
                '_'
            }
        })
        .collect();
    let mut id = base.clone();
    let mut n = 2;
    while dir.join(format!("{id}.jsonl")).exists() {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::session::Candidat;

    #[test]
    fn seance_ids_are_safe_file_names_and_unique() {
        let dir = tempfile::tempdir().unwrap();
        let c = Choice {
            epreuve: "E1".into(),
            forme: FormeKind::Ponctuel,
            situation: "unique".into(),
            candidats: vec![Candidat {
                numero: "02/12 345é".into(),
                nom: "X".into(),
                prenom: String::new(),
                etablissement: String::new(),
            }],
            membres: vec![],
        };
        // 23:30 UTC is already the next day in Paris.
        let now = Utc.with_ymd_and_hms(2025, 6, 11, 23, 30, 0).unwrap();
        let paris = chrono::FixedOffset::east_opt(7200).unwrap();
        let id = seance_id(dir.path(), &c, now, paris);
        assert_eq!(id, "2025-06-12-E1-ponctuel-unique-02_12_345_");
        std::fs::write(dir.path().join(format!("{id}.jsonl")), "").unwrap();
        assert_eq!(seance_id(dir.path(), &c, now, paris), format!("{id}-2"));
    }
}
