//! The app's state and its one entry point for change: `update(action, now)` (and `tick` when
//! time passes). It holds no terminal: tests drive it with actions and a fake clock, and render
//! it on a `TestBackend`.
//!
//! Every change of a séance goes through `Seance::record` (appended and synced) before the
//! screen shows it done; a refused event leaves the state as it was and shows the engine's
//! French message. The séance operations are in `controls`, the drawing in `layout`.

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, TimeDelta, Utc};
use crossterm::event::KeyEvent;

use super::action::{Action, KeyContext, keymap};
use super::chrome;
use super::grid::GridScreen;
use super::start::{self, SeanceSummary};
use super::theme::Theme;
use super::timer::PauseDialog;
use super::wizard::Wizard;
use crate::candidats::Import;
use crate::referentiel::Referentiel;
use crate::session::{self, EngineError, Event, Seance, SeanceState};
use crate::timing::{self, ClockView, ClockWatch};

/// What the app is launched with.
#[derive(Debug, Clone)]
pub struct Config {
    pub dir: PathBuf,
    pub import: Import,
    /// Training mode: `--vitesse N`.
    pub vitesse: Option<u32>,
    pub theme: Theme,
    /// The offset the wall clock is shown in (the local one when the app starts).
    pub tz: FixedOffset,
}

pub enum Screen {
    Start,
    Wizard(Box<Wizard>),
    Timer,
    /// The display turned towards the candidate.
    Safe,
    Grid,
}

/// A yes/no question, and what a yes does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Question {
    Quit,
    /// Back to the start screen while a phase runs.
    LeaveSeance,
    /// End a phase that is not a maximum before its time.
    EndEarly,
    /// Leave the candidate display.
    LeaveSafe,
}

pub enum Overlay {
    Help(usize),
    Ask(Question),
}

/// The séance being worked on.
pub struct Live {
    pub seance: Seance,
    pub grid: Option<GridScreen>,
    pub pause: Option<PauseDialog>,
}

impl Live {
    /// The open grid with the state it shows (borrowed together: the grid is updated, drawn
    /// and flushed against the séance's state).
    pub(super) fn grid_and_state(&mut self) -> Option<(&mut GridScreen, &SeanceState)> {
        Some((self.grid.as_mut()?, self.seance.state()))
    }
}

pub struct App {
    pub(super) r: Referentiel,
    pub(super) cfg: Config,
    pub(super) screen: Screen,
    pub(super) overlay: Option<Overlay>,
    pub(super) live: Option<Live>,
    pub(super) seances: Vec<SeanceSummary>,
    pub(super) cursor: usize,
    pub(super) scan_error: Option<String>,
    /// The sessions folder cannot be written to: said on the start screen from the start.
    pub(super) dir_error: Option<String>,
    /// The last append failed (full disk, …): shown until an append succeeds again, so the
    /// jury cannot miss that an action was not recorded.
    pub(super) write_error: Option<String>,
    /// The message line: text, and whether it is an error.
    pub(super) message: Option<(String, bool)>,
    pub(super) muted: bool,
    pub(super) flash_until: Option<DateTime<Utc>>,
    pub(super) size: (u16, u16),
    pub(super) clock: Option<ClockView>,
    /// Current phase and its thresholds crossed at the last refresh, to see new crossings.
    pub(super) crossed: Option<(Option<usize>, Vec<u32>)>,
    /// What the clock showed at the last refresh, to redraw only when it changes.
    pub(super) shown: String,
    pub(super) watch: ClockWatch,
    pub(super) now: DateTime<Utc>,
    quit: bool,
    pub(super) bell: bool,
}

/// How long the screen flashes when a threshold is crossed.
pub(super) const FLASH: TimeDelta = TimeDelta::seconds(1);

impl App {
    pub fn new(r: Referentiel, cfg: Config, now: DateTime<Utc>) -> App {
        let mut app = App {
            r,
            cfg,
            screen: Screen::Start,
            overlay: None,
            live: None,
            seances: Vec::new(),
            cursor: 0,
            scan_error: None,
            dir_error: None,
            write_error: None,
            message: None,
            muted: false,
            flash_until: None,
            size: (chrome::MIN_WIDTH, chrome::MIN_HEIGHT),
            clock: None,
            crossed: None,
            shown: String::new(),
            watch: ClockWatch::new(),
            now,
            quit: false,
            bell: false,
        };
        app.rescan();
        if !app.cfg.import.rejets.is_empty() {
            let first = app.cfg.import.rejets[0].to_string();
            app.warn(format!(
                "Candidats : {} ligne(s) ignorée(s) — {first}",
                app.cfg.import.rejets.len()
            ));
        }
        app
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// A bell is due (a threshold was crossed and the sound is on); reading it clears it.
    pub fn take_bell(&mut self) -> bool {
        std::mem::take(&mut self.bell)
    }

    pub fn resize(&mut self, width: u16, height: u16) {
        self.size = (width, height);
    }

    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    pub fn overlay(&self) -> Option<&Overlay> {
        self.overlay.as_ref()
    }

    pub fn state(&self) -> Option<&SeanceState> {
        self.live.as_ref().map(|l| l.seance.state())
    }

    pub fn live(&self) -> Option<&Live> {
        self.live.as_ref()
    }

    pub fn message(&self) -> Option<&str> {
        self.message
            .as_ref()
            .map(|(m, _)| m.as_str())
            .or(self.write_error.as_deref())
    }

    pub fn seances(&self) -> &[SeanceSummary] {
        &self.seances
    }

    pub fn clock(&self) -> Option<&ClockView> {
        self.clock.as_ref()
    }

    pub(super) fn warn(&mut self, text: String) {
        self.message = Some((text, true));
    }

    pub(super) fn info(&mut self, text: impl Into<String>) {
        self.message = Some((text.into(), false));
    }

    /// Probes that séances can be written in the sessions folder (creating it if needed), so an
    /// unwritable folder is said on the start screen before the jury types anything. Called by
    /// the terminal loop at start and before each new séance; `App::new` itself writes nothing.
    pub fn check_dir(&mut self) -> bool {
        self.dir_error = session::check_writable(&self.cfg.dir)
            .err()
            .map(|e| e.to_string());
        self.dir_error.is_none()
    }

    pub(super) fn rescan(&mut self) {
        match start::scan(&self.cfg.dir, &self.r) {
            Ok(list) => {
                self.seances = list;
                self.scan_error = None;
            }
            Err(e) => {
                self.seances.clear();
                self.scan_error = Some(e);
            }
        }
        self.cursor = self.cursor.min(self.seances.len().saturating_sub(1));
    }

    /// What a key means now.
    pub fn key_context(&self) -> KeyContext<'_> {
        if chrome::too_small(self.size.0, self.size.1) {
            return KeyContext::TooSmall;
        }
        match &self.overlay {
            Some(Overlay::Help(_)) => return KeyContext::Help,
            Some(Overlay::Ask(_)) => return KeyContext::YesNo,
            None => {}
        }
        match &self.screen {
            Screen::Start => KeyContext::Start,
            Screen::Wizard(w) => KeyContext::Wizard {
                typing: w.typing(&self.cfg.import.candidats),
            },
            Screen::Timer => match self.live.as_ref().and_then(|l| l.pause.as_ref()) {
                Some(d) => KeyContext::PauseDialog { typing: d.typing },
                None => KeyContext::Timer {
                    paused: self.state().is_some_and(SeanceState::is_paused),
                },
            },
            Screen::Safe => KeyContext::CandidateSafe,
            Screen::Grid => match self.live.as_ref().and_then(|l| l.grid.as_ref()) {
                Some(g) => KeyContext::Grid(g),
                None => KeyContext::Start,
            },
        }
    }

    /// A key press: mapped in the current context, then applied. True when the screen changed.
    pub fn handle_key(&mut self, key: &KeyEvent, now: DateTime<Utc>) -> bool {
        match keymap(key, &self.key_context()) {
            Some(action) => self.update(action, now),
            None => false,
        }
    }

    /// Applies one action at `now`. True when the screen must be redrawn.
    pub fn update(&mut self, action: Action, now: DateTime<Utc>) -> bool {
        self.now = now;
        if matches!(action, Action::Quit) {
            self.flush_grid(now);
            self.quit = true;
            return false;
        }
        self.message = None;
        match self.overlay.take() {
            Some(Overlay::Help(scroll)) => {
                self.overlay = match action {
                    Action::Up => Some(Overlay::Help(scroll.saturating_sub(1))),
                    Action::Down => Some(Overlay::Help(scroll + 1)),
                    Action::Back => None,
                    _ => Some(Overlay::Help(scroll)),
                };
            }
            Some(Overlay::Ask(q)) => match action {
                Action::Yes => self.answer_yes(q, now),
                Action::No => {}
                _ => self.overlay = Some(Overlay::Ask(q)),
            },
            None => match action {
                Action::Help => self.overlay = Some(Overlay::Help(0)),
                Action::AskQuit => self.ask_quit(now),
                action => self.update_screen(action, now),
            },
        }
        self.refresh(now);
        true
    }

    fn ask_quit(&mut self, now: DateTime<Utc>) {
        let running = self.state().is_some_and(|s| s.running().is_some());
        if running {
            self.overlay = Some(Overlay::Ask(Question::Quit));
        } else {
            self.flush_grid(now);
            self.quit = true;
        }
    }

    /// Records what the grid holds unsaved (appreciation text being typed) before leaving.
    pub(super) fn flush_grid(&mut self, now: DateTime<Utc>) {
        let events = match self.live.as_mut().and_then(Live::grid_and_state) {
            Some((grid, state)) => grid.flush(state),
            None => Vec::new(),
        };
        for e in events {
            if !self.record(e, now) {
                break;
            }
        }
    }

    fn answer_yes(&mut self, q: Question, now: DateTime<Utc>) {
        match q {
            Question::Quit => {
                self.flush_grid(now);
                self.quit = true;
            }
            Question::LeaveSeance => self.close(now),
            Question::EndEarly => self.end_phase_confirmed(now),
            Question::LeaveSafe => self.screen = Screen::Timer,
        }
    }

    /// The question's text, in French.
    pub fn question_text(&self, q: Question) -> String {
        match q {
            Question::Quit => "Quitter sno-jury ? Tout est enregistré. Le minutage continue en \
                               temps réel : à la reprise, il montrera le temps réellement écoulé."
                .into(),
            Question::LeaveSeance => "Revenir à l’accueil ? Une phase est en cours : son temps \
                                      continue de courir et la séance se reprend depuis l’accueil."
                .into(),
            Question::EndEarly => {
                let left = self
                    .current_timing()
                    .map(|t| super::fmt::countdown(t.remaining))
                    .unwrap_or_default();
                format!(
                    "Cette phase n’est pas une durée maximale et il reste {left}. \
                     La terminer quand même (consigné comme écourtée) ?"
                )
            }
            Question::LeaveSafe => "Revenir à l’écran du jury ?".into(),
        }
    }

    pub(super) fn current_timing(&self) -> Option<&timing::PhaseTiming> {
        let c = self.clock.as_ref()?;
        c.phases.get(c.current?)
    }

    /// Records one event (clamped to the log's last time, so the log never goes back in time
    /// even if the system clock does). False, with the engine's message shown, when refused.
    pub(super) fn record(&mut self, event: Event, now: DateTime<Utc>) -> bool {
        let Some(live) = self.live.as_mut() else {
            return false;
        };
        let ts = now.max(live.seance.state().last_ts);
        match live.seance.record(&self.r, event, ts) {
            Ok(_) => {
                self.write_error = None;
                true
            }
            Err(EngineError::Store(e)) => {
                // The cause first: the path that follows may be cut at the edge of the screen.
                let text = format!(
                    "Action non enregistrée : {}. Tout ce qui précède est conservé ; corrigez \
                     puis recommencez. Détail : {e}",
                    e.short_reason()
                );
                self.write_error = Some(text.clone());
                self.warn(text);
                false
            }
            Err(e) => {
                self.warn(e.to_string());
                false
            }
        }
    }

    pub fn flashing(&self) -> bool {
        self.flash_until.is_some()
    }

    pub fn muted(&self) -> bool {
        self.muted
    }

    /// The training speed shown in the banner: the séance's own, else the launch option.
    pub fn training(&self) -> Option<u32> {
        match self.state() {
            Some(s) => s.info.vitesse.filter(|&v| v > 1),
            None => self.cfg.vitesse.filter(|&v| v > 1),
        }
    }
}
