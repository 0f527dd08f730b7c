//! The terminal loop: raw mode and alternate screen (restored on exit and on panic, by
//! `ratatui::init`/`restore`), then input → action → `App::update` → redraw when something
//! visible changed.
//!
//! While a countdown runs the loop sleeps until the next displayed second (from
//! `timing::next_change`); when nothing runs it blocks on input. A key is applied by
//! `App::update`, which refreshes the clock itself, and a whole frame follows; any other wake-up
//! is an `App::tick` (clock watch and refresh), after which the screen repaints only what its
//! clock changed ([`Painter::live`]). The terminal's size is asked once, then followed through
//! its resize events. A threshold crossing writes BEL to the terminal unless muted.

use std::io::{BufWriter, Stdout, Write};
use std::time::Instant;

use chrono::Utc;
use crossterm::event::{self, Event, KeyEventKind};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;

use super::app::App;
use super::paint::Painter;

/// The terminal, its output buffered: a frame is one write, not one per cell.
type Term = Terminal<CrosstermBackend<BufWriter<Stdout>>>;

/// Runs the app until the jury quits. The terminal is restored in every case.
pub fn run(app: &mut App) -> std::io::Result<()> {
    // Raw mode, the alternate screen, and the panic hook that restores them: ratatui's own.
    drop(ratatui::try_init()?);
    let result = Terminal::new(CrosstermBackend::new(BufWriter::with_capacity(
        16 * 1024,
        std::io::stdout(),
    )))
    .and_then(|mut terminal| run_loop(&mut terminal, app));
    ratatui::restore();
    result
}

fn run_loop(terminal: &mut Term, app: &mut App) -> std::io::Result<()> {
    let size = terminal.size()?;
    let mut painter = Painter::new(Rect::new(0, 0, size.width, size.height));
    terminal.hide_cursor()?;
    app.resize(size.width, size.height);
    app.check_dir();
    app.tick(Utc::now(), Instant::now());
    let mut redraw = true;
    loop {
        if redraw {
            // A countdown second repaints only its figures; anything else is a whole frame.
            if !painter.live(terminal, |buf| app.repaint(buf))? {
                painter.full(terminal, |f| app.render(f))?;
            }
            redraw = false;
        }
        if app.take_bell() {
            let mut out = std::io::stdout();
            out.write_all(b"\x07")?;
            out.flush()?;
        }
        if app.should_quit() {
            return Ok(());
        }
        let ready = match app.timeout(Utc::now()) {
            Some(timeout) => event::poll(timeout)?,
            None => true,
        };
        if ready {
            // Blocks when nothing runs: no timer to wake for.
            let applied = match event::read()? {
                Event::Key(key) if key.kind != KeyEventKind::Release => {
                    app.handle_key(&key, Utc::now())
                }
                Event::Resize(w, h) => {
                    painter.resize(terminal, Rect::new(0, 0, w, h))?;
                    terminal.hide_cursor()?;
                    app.resize(w, h);
                    redraw = true;
                    false
                }
                _ => false,
            };
            if applied {
                // `update` has just refreshed the clock at this instant: a tick on top would
                // compute it again. A wake-up that is due comes next turn (its timeout is then
                // zero).
                redraw = true;
                continue;
            }
        }
        redraw |= app.tick(Utc::now(), Instant::now());
    }
}
