//! The séance side of the router: going from screen to screen, resuming a séance from its log,
//! creating one from the wizard's choice (its opening and its commission in one write), closing
//! it; recording through the engine (a failed write shown until one succeeds); the grid parked
//! while the timer shows.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, Utc};

use super::{App, Go, Live, Screen};
use crate::review::Tz;
use crate::session::{self, EngineError, Event, GridState, Seance, SeanceInfo, Stamp};
use crate::tui::candidate::CandidateScreen;
use crate::tui::grid::GridScreen;
use crate::tui::start::StartScreen;
use crate::tui::timer::TimerScreen;
use crate::tui::wizard::{Choice, WizardScreen};

impl App {
    /// Goes where a screen asked.
    pub(super) fn go(&mut self, go: Go, now: Stamp) {
        match go {
            Go::Home => {
                match std::mem::replace(&mut self.screen, Screen::Start(StartScreen::default())) {
                    // Out of the wizard: the start screen it came from, as it was.
                    Screen::Wizard(w) if self.live.is_none() => self.screen = Screen::Start(w.home),
                    other => {
                        self.screen = other;
                        self.close(now);
                    }
                }
            }
            Go::Wizard => {
                let home = self.take_home();
                self.screen = Screen::Wizard(Box::new(WizardScreen::new(home)));
            }
            Go::Timer => {
                self.park_grid();
                self.screen = Screen::Timer(TimerScreen::new());
            }
            Go::Grid => self.show_grid(),
            Go::Candidate => self.screen = Screen::Candidate(CandidateScreen::new()),
            Go::Resume(path) => self.open(&path),
            Go::Passage(prefill) => {
                let home = self.take_home();
                self.screen =
                    Screen::Wizard(Box::new(WizardScreen::prefilled(home, &self.r, &prefill)));
            }
            Go::Absent(prefill, justified) => self.absent(prefill, justified, now),
            Go::Create(choice) => {
                if let Err(e) = self.create(choice, now)
                    && let Screen::Wizard(w) = &mut self.screen
                {
                    w.wizard.error = Some(e);
                }
            }
        }
    }

    /// The start screen on display, taken to sit under the wizard (read anew from another
    /// screen).
    fn take_home(&mut self) -> StartScreen {
        match std::mem::replace(&mut self.screen, Screen::Start(StartScreen::default())) {
            Screen::Start(s) => s,
            _ => StartScreen::new(&self.cfg.dir, &self.r),
        }
    }

    /// Records events in order, stopping at the first refused; true when all were recorded.
    pub(super) fn record_all(&mut self, events: Vec<Event>, at: Stamp) -> bool {
        events.into_iter().all(|e| self.record(e, at))
    }

    /// Records one event at the stamp the loop read, as is: the engine places it on the
    /// séance's timeline by the monotonic clock and logs a step of the system clock, so nothing
    /// here adjusts the wall time. False, with the engine's message shown, when refused.
    pub(super) fn record(&mut self, event: Event, now: Stamp) -> bool {
        let Some(live) = self.live.as_mut() else {
            return false;
        };
        let result = live.seance.record(&self.r, event, now).map(|_| ());
        self.written(result)
    }

    /// Says what a write to the log gave: a failed write stays shown until one succeeds.
    pub(super) fn written(&mut self, result: Result<(), EngineError>) -> bool {
        match result {
            Ok(()) => {
                self.messages.write_error = None;
                true
            }
            Err(EngineError::Store(e)) => {
                // The cause first: the path that follows may be cut at the edge of the screen.
                let text = format!(
                    "Action non enregistrée : {}. Tout ce qui précède est conservé ; corrigez \
                     puis recommencez. Détail : {e}",
                    e.short_reason()
                );
                self.messages.write_error = Some(text.clone());
                self.warn(text);
                false
            }
            Err(e) => {
                self.warn(e.to_string());
                false
            }
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
        self.live = Some(Live { seance, grid: None });
        (self.next_offer, self.next_checked) = (None, false);
        self.overlay = None;
        if grid_first {
            self.show_grid();
        } else {
            self.screen = Screen::Timer(TimerScreen::new());
        }
    }

    /// Back to the start screen, read anew; the séance's log is closed (and unlocked).
    pub(super) fn close(&mut self, now: Stamp) {
        self.flush_grid(now);
        self.live = None;
        (self.next_offer, self.next_checked) = (None, false);
        self.screen = Screen::Start(StartScreen::new(&self.cfg.dir, &self.r));
    }

    /// Opens a new séance from the wizard's choice with its commission: both reach the disk in
    /// one write, so a crash leaves no séance or a whole one (never one without its commission).
    fn create(&mut self, c: Choice, now: Stamp) -> Result<(), String> {
        let seance = self.create_seance(&c, now)?;
        let later_situation = seance
            .state()
            .forme(&self.r)
            .and_then(|f| f.situations.iter().position(|s| s.id == c.situation))
            .is_some_and(|i| i > 0);
        let training = seance.state().info.is_training();
        self.start_live(seance);
        if training && later_situation {
            // By design a training séance starts from an empty grid: say so, or the jury
            // thinks situation A was lost.
            self.warn(
                "Séance d’entraînement : la grille part de zéro. Les grilles d’entraînement ne \
                 reprennent jamais les positionnements réels (ni ceux de la situation \
                 précédente)."
                    .into(),
            );
        }
        Ok(())
    }

    /// The séance of `c` created on disk with its commission (not opened on screen).
    pub(super) fn create_seance(&mut self, c: &Choice, now: Stamp) -> Result<Seance, String> {
        let dir = self.cfg.dir.clone();
        let info = SeanceInfo::plan(
            &self.r,
            seance_id(&dir, c, now.wall, self.cfg.tz),
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
        // The commission, any « temps majoré » and the voies known at the opening reach the
        // disk with the opening, in one write: a crash can never leave a séance without them.
        // A voie is not recorded on a grid carried already validated (that would be an
        // amendment) nor when the grid holds it already.
        let voies = c.voie_events().into_iter().filter(|e| match e {
            Event::VoieRecorded { candidat, voie } => !prior
                .get(candidat)
                .is_some_and(|g| g.is_validated() || g.voie == Some(*voie)),
            _ => true,
        });
        let events: Vec<Event> = c.opening_events().into_iter().chain(voies).collect();
        let seance = Seance::create_opening(&dir, &self.r, info, events, now, &prior)
            .map_err(|e| e.to_string())?;
        Ok(seance)
    }

    /// The grid of the open séance, as it was left (cursor, candidate) or new.
    fn show_grid(&mut self) {
        let Some(live) = self.live.as_mut() else {
            return;
        };
        let grid = match live.grid.take() {
            Some(g) => g,
            None => Box::new(GridScreen::new(&self.r, live.seance.state()).with_tz(self.cfg.tz)),
        };
        self.screen = Screen::Grid(grid);
    }

    /// Keeps the grid on display with the séance while another screen shows.
    fn park_grid(&mut self) {
        if let Screen::Grid(_) = self.screen
            && let Screen::Grid(g) =
                std::mem::replace(&mut self.screen, Screen::Timer(TimerScreen::new()))
            && let Some(live) = self.live.as_mut()
        {
            live.grid = Some(g);
        }
    }

    /// Records what the grid holds unsaved (appreciation text being typed) before leaving.
    pub(super) fn flush_grid(&mut self, now: Stamp) {
        let Some(live) = self.live.as_mut() else {
            return;
        };
        let state = live.seance.state();
        let events = match (&mut self.screen, live.grid.as_mut()) {
            (Screen::Grid(g), _) | (_, Some(g)) => g.flush(state),
            _ => Vec::new(),
        };
        for e in events {
            if !self.record(e, now) {
                break;
            }
        }
    }
}

/// `2025-06-12-E1-ponctuel-unique-0123`, made safe for a file name on every system, with `-2`,
/// `-3`… when a séance of that name already exists.
pub fn seance_id(dir: &Path, c: &Choice, now: DateTime<Utc>, tz: Tz) -> String {
    let numero = c.candidats.first().map_or("", |k| k.numero.as_str());
    let raw = format!(
        "{}-{}-{}-{}-{}",
        tz.format(now, "%Y-%m-%d"),
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
    use crate::referentiel::FormeKind;
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
            temps_majore: Default::default(),
            voies: Default::default(),
        };
        // 23:30 UTC is already the next day in Paris.
        let now = Utc.with_ymd_and_hms(2025, 6, 11, 23, 30, 0).unwrap();
        let paris = Tz::Fixed(chrono::FixedOffset::east_opt(7200).unwrap());
        let id = seance_id(dir.path(), &c, now, paris);
        assert_eq!(id, "2025-06-12-E1-ponctuel-unique-02_12_345_");
        std::fs::write(dir.path().join(format!("{id}.jsonl")), "").unwrap();
        assert_eq!(seance_id(dir.path(), &c, now, paris), format!("{id}-2"));
    }
}
