//! The coordinators' review screen (`sno-jury review`): a table of every candidate × épreuve
//! with sort, filters and text search, and a detail view per entry. Same contract as the jury
//! app's screens: state and `update` in `state`, binding tables in `keys`, drawing in `view`.
//! The loop here blocks on input: nothing on this screen changes by itself. With `--suivre`,
//! [`live`] runs it instead, kept current as the juries write, under the [`board`].

pub mod board;
pub mod harmonisation;
pub mod keys;
pub mod live;
pub mod sort;
pub mod state;
pub mod view;

use chrono::NaiveDate;
use crossterm::event::{self, Event};
use ratatui::{DefaultTerminal, Terminal, backend::Backend};

use crate::referentiel::Referentiel;
use crate::review::Report;
use crate::tui::start::print;
use crate::tui::theme::Theme;
pub use sort::SortKey;
pub use state::{Action, ReviewState, View};

/// Draws one frame; remembers the page height and the detail's scroll limit.
pub fn draw<B: Backend>(
    terminal: &mut Terminal<B>,
    r: &Referentiel,
    report: &Report,
    state: &mut ReviewState,
    theme: &Theme,
) -> Result<(), B::Error> {
    let mut drawn = None;
    terminal.draw(|f| drawn = Some(view::render(f, r, report, state, theme)))?;
    if let Some(d) = drawn {
        state.drawn(d.page, d.max_scroll);
    }
    Ok(())
}

/// Does what `action` asks: the pure [`ReviewState::update`], or, for [`Action::Print`], writes
/// the rows shown into the folder of `jour` beside the first folder read and says so in the
/// message line. The message of the key before goes at every key.
pub fn apply(
    r: &Referentiel,
    report: &Report,
    state: &mut ReviewState,
    action: Action,
    jour: NaiveDate,
) {
    state.message = None;
    match action {
        Action::Print => {
            let filtre = state.filtre(report);
            state.message = Some(print::rows(r, report, &filtre, jour));
        }
        a => state.update(r, report, a),
    }
}

/// Runs the review screen until the user quits, opened on `view` (the table, or the
/// harmonisation for `revue --harmonisation`); the terminal is restored on every path.
pub fn run(r: &Referentiel, report: &Report, view: View) -> std::io::Result<()> {
    let mut terminal = ratatui::try_init()?;
    let result = event_loop(&mut terminal, r, report, view);
    ratatui::restore();
    result
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    r: &Referentiel,
    report: &Report,
    view: View,
) -> std::io::Result<()> {
    let theme = Theme::from_env();
    let mut state = ReviewState::new(r, report);
    state.view = view;
    draw(terminal, r, report, &mut state, &theme)?;
    while !state.quit {
        // Blocks until the next key or resize: there is no clock on this screen.
        match event::read()? {
            Event::Key(k) => {
                if let Some(a) = keys::action(&state, k) {
                    // The day names the print's folder: the clock is read here, at the edge.
                    let jour = report.tz.day(chrono::Utc::now());
                    apply(r, report, &mut state, a, jour);
                    draw(terminal, r, report, &mut state, &theme)?;
                }
            }
            Event::Resize(..) => draw(terminal, r, report, &mut state, &theme)?,
            _ => {}
        }
    }
    Ok(())
}
