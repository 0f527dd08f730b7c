//! `revue --suivre`: the review kept current as the juries write. The folders are followed
//! ([`crate::tui::wake`]); at each change only the logs that changed are read again
//! ([`crate::review::refresh`]), the table keeps its sort, filters and selection, and the
//! « en direct » board ([`super::board`]) sits on top. The loop wakes once a second while a
//! séance runs (its time moves on the board) or a new anomaly's highlight is to end; otherwise
//! it blocks until a key or a change.

use std::path::PathBuf;
use std::time::Duration;

use crossterm::event::{Event, KeyEventKind};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};

use super::board::{self, Board, BoardRow};
use super::state::{ReviewState, View};
use super::view::{self, Drawn};
use crate::convocations::Passage;
use crate::follow::Mode;
use crate::referentiel::Referentiel;
use crate::review::refresh::Live;
use crate::review::{Report, Tz};
use crate::session::{Stamp, StoreError};
use crate::tui::theme::Theme;
use crate::tui::wake::{Wake, Wakes};

/// The review being followed.
pub struct Following {
    pub live: Live,
    pub report: Report,
    pub state: ReviewState,
    pub board: Board,
    plan: Vec<Passage>,
}

impl Following {
    /// Reads the folders a first time.
    pub fn start(
        r: &Referentiel,
        dirs: Vec<PathBuf>,
        plan: Vec<Passage>,
        tz: Tz,
        now: Stamp,
    ) -> Result<Following, StoreError> {
        let (live, mut report) = Live::start(r, dirs, tz, now)?;
        report.attendus(&plan);
        let state = ReviewState::new(r, &report);
        let board = Board::new(&report);
        Ok(Following {
            live,
            report,
            state,
            board,
            plan,
        })
    }

    pub fn dirs(&self) -> Vec<PathBuf> {
        self.report.dirs.clone()
    }

    /// Reads what changed; `true` when the report is new. A folder that cannot be read any
    /// more (a share gone) is said in the message line; the last report stays.
    pub fn files(&mut self, r: &Referentiel, now: Stamp) -> bool {
        // The row selected stays selected: the same candidate × épreuve, wherever the new
        // report puts it (a candidate sorted before it may have appeared).
        let who =
            |e: &crate::review::Entry| (e.candidat.numero.clone(), e.epreuve.clone(), e.training);
        let keep = self.state.current(&self.report).map(who);
        match self.live.refresh(r, now, &mut self.report) {
            Ok(true) => {
                self.report.attendus(&self.plan);
                self.state.report_changed(r, &self.report);
                if let Some(k) = keep
                    && let Some(pos) = self
                        .state
                        .visible()
                        .iter()
                        .position(|&i| who(&self.report.entries[i]) == k)
                {
                    self.state.selected = pos;
                }
                self.board.update(&self.report, now);
                true
            }
            Ok(false) => false,
            Err(e) => {
                self.state.message = Some(format!("Lecture des séances impossible : {e}"));
                true
            }
        }
    }

    /// The board's rows at `now`.
    pub fn rows(&self, now: Stamp) -> Vec<BoardRow> {
        board::rows(&self.report, &self.live, &self.plan, now)
    }

    /// The board on top, the review below.
    pub fn render(
        &self,
        f: &mut Frame,
        r: &Referentiel,
        now: Stamp,
        mode: Mode,
        theme: &Theme,
    ) -> Drawn {
        let rows = self.rows(now);
        let fresh: Vec<String> = self
            .board
            .highlighted(now)
            .into_iter()
            .map(|a| board::news_line(&self.report, a))
            .collect();
        let area = f.area();
        let h = board::height(rows.len(), fresh.len(), area.height);
        let [top, rest] =
            Layout::vertical([Constraint::Length(h), Constraint::Fill(1)]).areas(area);
        board::render(f, top, &rows, &fresh, mode, theme);
        view::render_in(f, rest, r, &self.report, &self.state, theme)
    }

    /// Until the board changes by itself: the next second while a séance runs, the end of a
    /// highlight; `None` (block) otherwise.
    pub fn timeout(&self, now: Stamp) -> Option<Duration> {
        let second = board::any_running(&self.report, now).then(|| {
            let ms = u64::from(now.wall.timestamp_subsec_millis());
            Duration::from_millis(1000 - ms.min(999))
        });
        [second, self.board.next_expiry(now)]
            .into_iter()
            .flatten()
            .min()
    }
}

/// Runs the followed review until the user quits; returns it as it ended (the caller says
/// what the last report holds, e.g. torn lines). `polling`: compare the folders every 500 ms
/// instead of waiting for the system's notifications. `now` reads the clocks (the binary passes
/// `timing::monotonic::now`).
pub fn run(
    r: &Referentiel,
    mut following: Following,
    view: View,
    polling: bool,
    now: fn() -> Stamp,
) -> std::io::Result<Following> {
    following.state.view = view;
    let mut terminal = ratatui::try_init()?;
    let result = event_loop(&mut terminal, r, &mut following, polling, now);
    ratatui::restore();
    result.map(|()| following)
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    r: &Referentiel,
    fw: &mut Following,
    polling: bool,
    now: fn() -> Stamp,
) -> std::io::Result<()> {
    let theme = Theme::from_env();
    let mut wakes = Wakes::start(fw.dirs(), polling);
    // Changes made while the first read ran.
    fw.files(r, now());
    loop {
        let t = now();
        let mut drawn = None;
        terminal.draw(|f| drawn = Some(fw.render(f, r, t, wakes.mode(), &theme)))?;
        if let Some(d) = drawn {
            fw.state.drawn(d.page, d.max_scroll);
        }
        if fw.state.quit {
            return Ok(());
        }
        match wakes.next(fw.timeout(now())) {
            Wake::Input(Event::Key(k)) if k.kind != KeyEventKind::Release => {
                if let Some(a) = super::keys::action(&fw.state, k) {
                    let jour = fw.report.tz.day(now().wall);
                    super::apply(r, &fw.report, &mut fw.state, a, jour);
                }
            }
            Wake::Files => {
                fw.files(r, now());
            }
            Wake::Closed => return Ok(()),
            Wake::Input(_) | Wake::Time => {}
        }
    }
}
