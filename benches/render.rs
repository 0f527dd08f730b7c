//! Render benchmarks: one frame of each screen at 120×40 on ratatui's `TestBackend` (layout,
//! widgets, and the diff against the previous frame that a real terminal write would follow).
//!
//! The timer screen is drawn by the whole app (banner, countdown, phases, footer) while phase A
//! of a real séance counts down: each frame is one more second. `timer_second_frame` draws a
//! whole frame each second (what the loop did before); `timer_second_repaint` is what the loop
//! does now: the tick, then only the parts the clock changed, through the app's painter.
//!
//! Run: `cargo bench --bench render`.

#[path = "../tests/kit/mod.rs"]
mod kit;
// The TUI tests' wizard driver, to open a séance as the jury does.
#[path = "../tests/tui/support.rs"]
mod common;

use chrono::{DateTime, FixedOffset, Utc};
use divan::{AllocProfiler, Bencher, black_box};
use kit::logs::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use sno_jury::grading::Niveau;
use sno_jury::review::Tz;
use sno_jury::session::{Event, SeanceState};
use sno_jury::tui::app::Screen;
use sno_jury::tui::grid::GridScreen;
use sno_jury::tui::paint::Painter;
use sno_jury::tui::theme::Theme;
use sno_jury::tui::{App, Config};

#[global_allocator]
static ALLOC: AllocProfiler = AllocProfiler::system();

fn main() {
    divan::main();
}

/// A group séance in its first phase with a partly filled grid (300 events folded).
fn busy_state() -> (sno_jury::referentiel::Referentiel, SeanceState) {
    let r = r();
    let info = group_info(&r, "bench-render");
    let mut state = SeanceState::open(&r, info.clone(), t(0), &no_prior()).expect("opens");
    for (i, e) in group_events(&r, &info, 300).iter().enumerate() {
        state.apply(&r, e, t(1 + i as i64)).expect("valid event");
    }
    (r, state)
}

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(120, 40)).expect("test terminal")
}

/// A frame of the grid screen with nothing changed since the previous one (a redraw).
#[divan::bench(sample_count = 200)]
fn grid_frame_120x40(b: Bencher) {
    let (r, state) = busy_state();
    let theme = Theme { color: true };
    let mut screen = GridScreen::new(&r, &state).with_tz(Tz::Utc);
    let mut term = terminal();
    b.bench_local(|| {
        term.draw(|f| screen.render(f, f.area(), &r, black_box(&state), &theme))
            .expect("drawn");
    });
}

/// What a positioning key costs on screen: the fold applies the event, then the frame is drawn
/// with the changed cell (the disk sync is measured by the `session` bench).
#[divan::bench(sample_count = 200)]
fn grid_position_and_frame_120x40(b: Bencher) {
    let (r, mut state) = busy_state();
    let theme = Theme { color: true };
    let mut screen = GridScreen::new(&r, &state).with_tz(Tz::Utc);
    let mut term = terminal();
    let crits = criteres(&r, &state.info);
    let numero = state.info.candidats[0].numero.clone();
    let mut i = 0usize;
    b.bench_local(|| {
        i += 1;
        let e = Event::CriterionPositioned {
            candidat: numero.clone(),
            critere: crits[0].clone(),
            niveau: Niveau::ALL[i % 4],
        };
        state.apply(&r, &e, t(400)).expect("valid event");
        term.draw(|f| screen.render(f, f.area(), &r, &state, &theme))
            .expect("drawn");
    });
}

/// The app on the timer screen of an E1 ponctuel opened through the start screen and the
/// wizard, phase A started at `now`.
fn app_counting_down(dir: &std::path::Path, now: DateTime<Utc>) -> App {
    let cfg = Config {
        dir: dir.to_path_buf(),
        import: Default::default(),
        vitesse: None,
        theme: Theme { color: true },
        tz: Tz::Fixed(FixedOffset::east_opt(2 * 3600).expect("Paris summer time")),
        plan: Vec::new(),
    };
    let mut app = App::new(r(), cfg, now);
    app.resize(120, 40);
    common::open_e1_ponctuel(&mut app, now);
    common::press(&mut app, " ", now);
    assert!(
        matches!(app.screen(), Screen::Timer(_)),
        "{:?}",
        app.message()
    );
    assert!(
        app.state().and_then(|s| s.running()).is_some(),
        "phase A runs"
    );
    app
}

/// One second of the countdown: the clock wake-up (`App::tick`) and the frame it draws.
#[divan::bench(sample_count = 200)]
fn timer_second_frame_120x40(b: Bencher) {
    let dir = tempfile::tempdir().expect("temp dir");
    let start = t(0);
    let mut app = app_counting_down(dir.path(), start);
    let mut term = terminal();
    let mut secs = 0u64;
    b.bench_local(|| {
        secs += 1;
        let now = start + chrono::TimeDelta::seconds(secs as i64);
        let redraw = app.tick(now);
        term.draw(|f| app.render(f)).expect("drawn");
        redraw
    });
}

/// One second of the countdown as the live loop draws it: the tick, then a repaint of what the
/// clock changed (a glyph, the time spent, …), compared and written through the painter.
#[divan::bench(sample_count = 200)]
fn timer_second_repaint_120x40(b: Bencher) {
    let dir = tempfile::tempdir().expect("temp dir");
    let start = t(0);
    let mut app = app_counting_down(dir.path(), start);
    let mut term = terminal();
    let mut painter = Painter::new(Rect::new(0, 0, 120, 40));
    painter.full(&mut term, |f| app.render(f)).expect("drawn");
    let mut secs = 0u64;
    b.bench_local(|| {
        secs += 1;
        let now = start + chrono::TimeDelta::seconds(secs as i64);
        let redraw = app.tick(now);
        if redraw
            && !painter
                .live(&mut term, |buf| app.repaint(buf))
                .expect("repainted")
        {
            painter.full(&mut term, |f| app.render(f)).expect("drawn");
        }
        redraw
    });
}
