//! The app: a router between screens. It holds the open séance and the current screen (a
//! component: see `crate::tui::component`), maps each key through that screen's binding tables,
//! hands it the action, and applies the [`Outcome`] — recording through `Seance::record`
//! (appended and synced) before the screen shows it done, going to another screen, asking a
//! question. It holds no terminal and reads no clock: the loop passes each action the
//! [`Stamp`] it read (`timing::monotonic::now()`), tests pass stamps of their own and render it
//! on a `TestBackend`.
//!
//! Beside this file: `keymap` (which tables are in force, the keymap), `seance` (opening,
//! creating, closing séances), `clock` (what time passing does: `tick`, redraw and wake-up
//! decisions), `draft` (the appréciation saved while typed, and before the app ends), `frame`
//! (the frame around the screen), `dialogs` (the help, the questions and what a yes does, the
//! free remark), `day` (the plan of the day). Messages go after a few seconds on every screen.

mod clock;
mod day;
mod dialogs;
mod draft;
mod frame;
mod keymap;
mod seance;

use std::path::PathBuf;

use chrono::{DateTime, Utc};

use super::action::Action;
use super::candidate::CandidateScreen;
use super::chrome;
pub use super::component::Question;
use super::component::{Component, Go, Outcome};
use super::dialog::help::Help;
use super::dialog::remark::RemarkDialog;
use super::grid::GridScreen;
use super::start::{SeanceSummary, StartScreen};
use super::theme::Theme;
use super::timer::TimerScreen;
use super::wizard::WizardScreen;
use crate::candidats::Import;
use crate::convocations::Passage;
use crate::referentiel::Referentiel;
use crate::review::Tz;
use crate::session::{Seance, SeanceState, Stamp};
use crate::timing::ClockView;
pub use clock::Clock;
pub use draft::DRAFT_PAUSE;
pub use seance::seance_id;

/// What the app is launched with.
#[derive(Debug, Clone)]
pub struct Config {
    pub dir: PathBuf,
    pub import: Import,
    /// Training mode: `--vitesse N`.
    pub vitesse: Option<u32>,
    pub theme: Theme,
    /// The zone the wall clock and times are shown in.
    pub tz: Tz,
    /// The plan of the day (`--convocations`, or `convocations.csv` in the folder); empty
    /// without one.
    pub plan: Vec<Passage>,
}

/// The screen on display.
pub enum Screen {
    Start(StartScreen),
    Wizard(Box<WizardScreen>),
    Timer(TimerScreen),
    /// The display turned towards the candidate.
    Candidate(CandidateScreen),
    Grid(Box<GridScreen>),
}

/// A dialog over the screen.
pub enum Overlay {
    Help(Help),
    Ask(Question),
    /// The free remark being typed.
    Remark(RemarkDialog),
}

/// The séance being worked on.
pub struct Live {
    pub seance: Seance,
    /// The grid while the timer is shown: it keeps its cursor and candidate.
    grid: Option<Box<GridScreen>>,
}

/// The message line: shown until the next key or for a few seconds (`day::MESSAGE_LIFE`: the
/// app wakes to clear it, from the stamps it is given), and the last failed write, shown until
/// a write succeeds again so the jury cannot miss that an action was not recorded.
#[derive(Debug, Default)]
struct Messages {
    /// Text, and whether it is an error.
    message: Option<(String, bool)>,
    /// When the message was set: it goes a few seconds later (see `App::message_end`).
    since: Option<DateTime<Utc>>,
    write_error: Option<String>,
}

pub struct App {
    r: Referentiel,
    cfg: Config,
    screen: Screen,
    overlay: Option<Overlay>,
    live: Option<Live>,
    messages: Messages,
    clock: Clock,
    /// When the appréciation being typed is to be saved, on the séance's timeline (see
    /// `draft`).
    draft_due: Option<DateTime<Utc>>,
    /// The next passage of the plan, offered once the open séance's grids are all validated.
    next_offer: Option<String>,
    /// The offer was looked for in the open séance (the folder is read once for it).
    next_checked: bool,
    size: (u16, u16),
    /// Something besides the clock changed: the next frame is drawn whole.
    full: bool,
    /// The undo key was in the footer at the last refresh (its window open).
    undo_open: bool,
    quit: bool,
}

/// What the screens read at the stamp `$now`, built from the app's fields (disjoint from the
/// screen it is given to).
macro_rules! cx {
    ($app:expr, $now:expr) => {{
        let stamp: $crate::session::Stamp = $now;
        let state = $app.live.as_ref().map(|l| l.seance.state());
        $crate::tui::component::Cx {
            r: &$app.r,
            cfg: &$app.cfg,
            state,
            clock: $app.clock.view.as_ref(),
            now: stamp.wall,
            stamp,
            at: state.map_or(stamp.wall, |s| s.time_of(stamp)),
            muted: $app.clock.muted,
        }
    }};
}
use cx;

impl App {
    pub fn new(r: Referentiel, cfg: Config, now: impl Into<Stamp>) -> App {
        let start = StartScreen::new(&cfg.dir, &r);
        let mut app = App {
            r,
            cfg,
            screen: Screen::Start(start),
            overlay: None,
            live: None,
            messages: Messages::default(),
            clock: Clock::new(now.into()),
            draft_due: None,
            next_offer: None,
            next_checked: false,
            size: (chrome::MIN_WIDTH, chrome::MIN_HEIGHT),
            full: true,
            undo_open: false,
            quit: false,
        };
        if let Some(first) = app.cfg.import.rejets.first() {
            let text = format!(
                "Candidats : {} ligne(s) ignorée(s) — {first}",
                app.cfg.import.rejets.len()
            );
            app.warn(text);
        }
        app
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    pub fn resize(&mut self, width: u16, height: u16) {
        self.size = (width, height);
        self.full = true;
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
        self.messages
            .message
            .as_ref()
            .map(|(m, _)| m.as_str())
            .or(self.messages.write_error.as_deref())
    }

    /// The séances listed on the start screen (none on other screens).
    pub fn seances(&self) -> &[SeanceSummary] {
        match &self.screen {
            Screen::Start(s) => s.seances(),
            Screen::Wizard(w) => w.home.seances(),
            _ => &[],
        }
    }

    pub fn clock(&self) -> Option<&ClockView> {
        self.clock.view.as_ref()
    }

    fn warn(&mut self, text: String) {
        self.messages.message = Some((text, true));
        self.messages.since = Some(self.clock.now.wall);
    }

    fn info(&mut self, text: impl Into<String>) {
        self.messages.message = Some((text.into(), false));
        self.messages.since = Some(self.clock.now.wall);
    }

    /// When the message on display goes (on the wall clock): a few seconds after it was said,
    /// on every screen, so « Pas de personne candidate n° 4 » does not stay for minutes.
    pub(super) fn message_end(&self) -> Option<DateTime<Utc>> {
        self.messages.message.as_ref()?;
        self.messages.since.map(|t| t + day::MESSAGE_LIFE)
    }

    /// Clears the message whose time is over. True when one was cleared (the screen changes).
    fn expire_message(&mut self, now: Stamp) -> bool {
        if self.message_end().is_none_or(|t| now.wall < t) {
            return false;
        }
        self.messages.message = None;
        self.full = true;
        true
    }

    /// Whether the undo key's window opened or closed since the last look: the footer changes.
    fn undo_changed(&mut self, now: Stamp) -> bool {
        let open = self
            .state()
            .is_some_and(|s| s.undoable(s.time_of(now)).is_some());
        let changed = open != self.undo_open;
        self.undo_open = open;
        self.full |= changed;
        changed
    }

    /// Probes that séances can be written in the sessions folder (creating it if needed), so an
    /// unwritable folder is said on the start screen before the jury types anything. Called by
    /// the terminal loop at start; `App::new` itself writes nothing.
    pub fn check_dir(&mut self) -> bool {
        match &mut self.screen {
            Screen::Start(s) => s.check_dir(&self.cfg.dir),
            _ => true,
        }
    }

    /// Applies one action at `now` (the clocks as the loop read them when the key came). True
    /// when the screen must be redrawn.
    pub fn update(&mut self, action: Action, now: impl Into<Stamp>) -> bool {
        let now: Stamp = now.into();
        self.clock.now = now;
        self.full = true;
        if action == Action::Quit {
            self.flush_remark(now);
            self.flush_grid(now);
            self.quit = true;
            return false;
        }
        self.messages.message = None;
        let outcome = {
            let cx = cx!(self, now);
            match (action, &mut self.screen) {
                (Action::Start(a), Screen::Start(s)) => s.update(a, now.wall, &cx),
                (Action::Wizard(a), Screen::Wizard(w)) => w.update(a, now.wall, &cx),
                (Action::Timer(a), Screen::Timer(t)) => t.update(a, now.wall, &cx),
                (Action::Pause(a), Screen::Timer(t)) => t.update_dialog(a),
                (Action::Candidate(a), Screen::Candidate(c)) => c.update(a, now.wall, &cx),
                (Action::Grid(a), Screen::Grid(g)) => Component::update(&mut **g, a, now.wall, &cx),
                _ => Outcome::Nothing,
            }
        };
        match action {
            Action::AskQuit => self.ask_quit(now),
            Action::Help => self.open_help(),
            Action::InHelp(a) => {
                if let Some(Overlay::Help(h)) = &mut self.overlay
                    && h.update(a)
                {
                    self.overlay = None;
                }
            }
            Action::NextPassage => self.next_passage(now),
            Action::Answer(yes) => {
                if let Some(Overlay::Ask(q)) = self.overlay.take()
                    && yes
                {
                    self.answer_yes(q, now);
                }
            }
            Action::Remark => self.overlay = Some(Overlay::Remark(RemarkDialog::default())),
            Action::InRemark(a) => self.in_remark(a, now),
            _ => self.apply(outcome, now),
        }
        // A temps majoré refused keeps its panel open, with the domain's whole sentence.
        if let (Action::Timer(_), Screen::Timer(t), Some((text, true))) =
            (action, &mut self.screen, &self.messages.message)
        {
            t.refused(text);
        }
        // A validation confirmed by its question is a grid key too.
        if matches!(action, Action::Grid(_) | Action::Answer(true)) {
            self.offer_next();
        }
        let cx = cx!(self, now);
        match &mut self.screen {
            Screen::Start(s) => s.settle(&cx),
            Screen::Wizard(w) => w.settle(&cx),
            Screen::Timer(t) => t.settle(&cx),
            Screen::Candidate(c) => c.settle(&cx),
            Screen::Grid(g) => g.settle(&cx),
        }
        self.arm_draft(now);
        self.refresh(now);
        self.undo_changed(now);
        true
    }

    /// Does what a screen asked.
    fn apply(&mut self, outcome: Outcome, now: Stamp) {
        match outcome {
            Outcome::Nothing => {}
            Outcome::Record(events) => {
                self.record_all(events, now);
            }
            Outcome::RecordAt(events, at) => {
                self.record_all(events, at);
            }
            Outcome::RecordThenSay(events, text) => {
                if self.record_all(events, now) {
                    self.info(text);
                }
            }
            Outcome::Say(text) => self.info(text),
            Outcome::Go(go) => self.go(go, now),
            Outcome::Ask(q) => self.overlay = Some(Overlay::Ask(q)),
            Outcome::ToggleSound => {
                self.clock.muted = !self.clock.muted;
                self.info(if self.clock.muted {
                    "Son coupé."
                } else {
                    "Son rétabli."
                });
            }
        }
    }

    pub fn flashing(&self) -> bool {
        self.clock.flash_until.is_some()
    }

    pub fn muted(&self) -> bool {
        self.clock.muted
    }

    /// The training speed shown in the banner: the séance's own, else the launch option.
    pub fn training(&self) -> Option<u32> {
        match self.state() {
            Some(s) => s.info.vitesse.filter(|&v| v > 1),
            None => self.cfg.vitesse.filter(|&v| v > 1),
        }
    }
}
