//! The terminal loop: raw mode, the alternate screen and bracketed paste (restored on exit, on
//! panic and on a signal), then input → action → `App::update` → redraw when something visible
//! changed. The only code of the app that reads the clock: each key and each wake-up is given
//! `timing::monotonic::now()` (the wall clock with a monotonic reading), which the app passes on
//! to the engine and the clock.
//!
//! While a countdown runs the loop sleeps until the next displayed second (from
//! `timing::next_change`); when nothing runs it blocks on input (a deadline of the app, such as
//! the appréciation's draft, wakes it once). A key is applied by `App::update`, which refreshes
//! the clock itself, and a whole frame follows; any other wake-up is an `App::tick`
//! (`Seance::observe`, draft, refresh), after which the screen repaints only what its clock
//! changed ([`Painter::live`]). A paste arrives as one event (`App::paste`). The terminal's size
//! is asked once, then followed through its resize events. A threshold crossing writes BEL to
//! the terminal unless muted.
//!
//! The app sits behind a lock that the loop releases only while it waits for input, so a
//! signal ([`super::signals`]) can flush it and end the program cleanly.

use std::io::{BufWriter, Stdout, Write};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event, KeyEventKind};
use crossterm::{cursor, execute, terminal};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;

use super::app::App;
use super::paint::Painter;
use super::signals;
use crate::timing::monotonic;

/// The terminal, its output buffered: a frame is one write, not one per cell.
type Term = Terminal<CrosstermBackend<BufWriter<Stdout>>>;

/// Runs the app until the jury quits, or a signal ends it (then the process exits with status 0
/// from [`super::signals`]). The terminal is restored in every case.
pub fn run(app: App) -> std::io::Result<()> {
    // Raw mode, the alternate screen, and the panic hook that restores them: ratatui's own.
    drop(ratatui::try_init()?);
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
    execute!(std::io::stdout(), EnableBracketedPaste)?;
    let app = Arc::new(Mutex::new(app));
    let result = {
        let _watch = signals::watch(&app);
        Terminal::new(CrosstermBackend::new(BufWriter::with_capacity(
            16 * 1024,
            std::io::stdout(),
        )))
        .and_then(|mut terminal| run_loop(&mut terminal, &app))
    };
    restore();
    result
}

/// Leaves the terminal as the shell had it: no bracketed paste, the cursor shown, the main
/// screen, cooked mode. Each step on its own and errors ignored: after SIGHUP the terminal is
/// gone and every step fails, harmlessly.
pub fn restore() {
    let _ = terminal::disable_raw_mode();
    let mut out = std::io::stdout();
    let _ = execute!(out, DisableBracketedPaste);
    let _ = execute!(out, cursor::Show);
    let _ = execute!(out, terminal::LeaveAlternateScreen);
    let _ = out.flush();
}

/// The app, for this turn of the loop.
fn lock(app: &Mutex<App>) -> MutexGuard<'_, App> {
    // A panic while it was held ends the program anyway (the panic hook restores the terminal).
    app.lock().unwrap_or_else(PoisonError::into_inner)
}

fn run_loop(terminal: &mut Term, shared: &Mutex<App>) -> std::io::Result<()> {
    let size = terminal.size()?;
    let mut painter = Painter::new(Rect::new(0, 0, size.width, size.height));
    terminal.hide_cursor()?;
    {
        let mut app = lock(shared);
        app.resize(size.width, size.height);
        app.check_dir();
        app.tick(monotonic::now());
    }
    let mut redraw = true;
    loop {
        let timeout = {
            let mut app = lock(shared);
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
            app.timeout(monotonic::now())
        };
        // Waiting, the app unlocked (a signal may take it). Blocks when nothing is due.
        let ready = match timeout {
            Some(timeout) => event::poll(timeout)?,
            None => true,
        };
        let input = if ready { Some(event::read()?) } else { None };
        let mut app = lock(shared);
        let applied = match input {
            Some(Event::Key(key)) if key.kind != KeyEventKind::Release => {
                app.handle_key(&key, monotonic::now())
            }
            Some(Event::Paste(text)) => app.paste(&text, monotonic::now()),
            Some(Event::Resize(w, h)) => {
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
        redraw |= app.tick(monotonic::now());
    }
}
