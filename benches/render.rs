//! Render benchmarks: one frame of each screen at 120×40 on ratatui's `TestBackend` (layout,
//! widgets, and the diff against the previous frame that a real terminal write would follow).
//!
//! Run: `cargo bench --bench render`.

mod support;

use chrono::FixedOffset;
use divan::{AllocProfiler, Bencher, black_box};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sno_jury::grading::Niveau;
use sno_jury::session::{Event, SeanceState};
use sno_jury::tui::grid::GridScreen;
use sno_jury::tui::theme::Theme;
use support::*;

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
    let utc = FixedOffset::east_opt(0).expect("UTC");
    let mut screen = GridScreen::new(&r, &state).with_offset(utc);
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
    let utc = FixedOffset::east_opt(0).expect("UTC");
    let mut screen = GridScreen::new(&r, &state).with_offset(utc);
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
