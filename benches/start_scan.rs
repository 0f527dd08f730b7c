//! The jury app's start screen on a folder of 500 séances: 450 finished ones (E1, E2, E3
//! ponctuel, one candidate each) and 50 later séances that only amend a grid validated in an
//! earlier one (the case whose log cannot replay alone). Timed: `tui::start::scan`, what the
//! app does at launch and every time it comes back to the start screen.
//!
//! Run: `cargo bench --bench start_scan` (`SCAN_SEANCES=N` and `SCAN_AMENDING=M` to change the
//! counts).

#[path = "../tests/kit/mod.rs"]
mod kit;

use std::path::PathBuf;
use std::sync::LazyLock;

use divan::{Bencher, black_box};
use kit::engine::info;
use kit::logs::*;
use sno_jury::grading::Points;
use sno_jury::referentiel::FormeKind;
use sno_jury::session::Event;

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

static FIXTURE: LazyLock<(tempfile::TempDir, PathBuf)> = LazyLock::new(|| {
    let r = r();
    let dir = tempfile::tempdir().expect("temp dir");
    let (n, amending) = (env("SCAN_SEANCES", 500), env("SCAN_AMENDING", 50));
    let finished = n - amending.min(n);
    write_finished_seances(&r, dir.path(), finished);
    // Each amending séance reopens the grid of one finished séance, days later.
    for k in 0..amending.min(finished) {
        let i = k * (finished / amending.max(1)).max(1);
        let epreuve = ["E1", "E2", "E3"][i % 3];
        let id = format!("2025-07-{:02}-{epreuve}-amendement-{k:06}", 1 + k % 28);
        let info = info(
            &r,
            &id,
            epreuve,
            FormeKind::Ponctuel,
            "unique",
            numbered(i, 1),
        );
        let comp = r
            .competences_of(r.epreuve(epreuve).expect("épreuve"))
            .next()
            .expect("a competence");
        let start = 30 * 24 * 3600 + k as i64 * 600;
        let change = Event::NoteSet {
            candidat: info.candidats[0].numero.clone(),
            competence: comp.id.clone(),
            note: Points::from_halves(20),
        };
        let events = vec![(
            t(start + 60),
            Event::Amendment {
                reason: "erreur de saisie".into(),
                change: Box::new(change),
            },
        )];
        let (_, text) = chained_at(&info, events);
        std::fs::write(dir.path().join(format!("{id}.jsonl")), text).expect("fixture log");
    }
    let path = dir.path().to_path_buf();
    // The fixture must be what the app would have written: every séance reads and replays.
    let list = sno_jury::tui::start::scan(&path, &r).expect("scan");
    assert_eq!(list.len(), n);
    let failed: Vec<_> = list.iter().filter(|s| s.overview.is_err()).collect();
    assert!(failed.is_empty(), "{:?}", failed.first());
    (dir, path)
});

fn main() {
    LazyLock::force(&FIXTURE);
    divan::main();
}

#[divan::bench(sample_count = 10)]
fn scan_500(b: Bencher) {
    let r = r();
    let dir = &FIXTURE.1;
    b.bench(|| black_box(sno_jury::tui::start::scan(dir, &r).expect("scan").len()));
}
