//! `sno-jury affichage` drawn on a test terminal from a real log (written by the engine with
//! the jury's clock, read back with another run's clock): what it shows at 40×10, 80×24 and
//! 120×40, that it is the jury app's candidate display without its way back, and that no note,
//! position or name reaches it.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sno_jury::follow::seance::Target;
use sno_jury::referentiel::FormeKind;
use sno_jury::session::{Event, RunId, Seance, Stamp};
use sno_jury::timing::clock;
use sno_jury::tui::affichage::Affichage;
use sno_jury::tui::candidate::{self, SafeView};
use sno_jury::tui::theme::Theme;

use crate::support::*;

/// The display's process: another run, its monotonic clock elsewhere.
fn reader(secs: i64) -> Stamp {
    Stamp::new(
        at(secs),
        RunId(0xd15),
        42 + u64::try_from(secs).unwrap() * 1000,
    )
}

/// A séance in `dir` as the jury's app leaves it: commission, phase A started at 60 s, the
/// grid graded (notes, positions, appreciation), then `more`.
fn seance(dir: &std::path::Path, more: &[(i64, Event)]) {
    let r = r();
    let i = info(
        &r,
        "E1",
        FormeKind::Ponctuel,
        "unique",
        vec![cand("0123", "Durand", "Éloïse")],
    );
    let mut s = Seance::create(dir, &r, i, stamp(0), &Default::default()).unwrap();
    let mut events = members();
    events.push((60, started("A")));
    events.extend(graded(&r, "0123").into_iter().map(|e| (100, e)));
    events.extend_from_slice(more);
    for (secs, e) in events {
        s.record(&r, e, stamp(secs)).unwrap();
    }
}

fn shown(a: &mut Affichage, w: u16, h: u16) -> String {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| a.render(f)).unwrap();
    term.backend().to_string()
}

/// The display on `dir` as read `secs` after t0.
fn display(dir: &std::path::Path, secs: i64) -> Affichage {
    let mut a = Affichage::new(Target::Folders(vec![dir.to_path_buf()]), Theme::plain());
    assert!(a.files(&r(), reader(secs)));
    a
}

fn no_secret(screen: &str) {
    for secret in [
        "13,5", "13.5", "Durand", "Éloïse", "0123", "Lefèvre", "Nguyen", "clair",
    ] {
        assert!(!screen.contains(secret), "« {secret} » shown:\n{screen}");
    }
}

#[test]
fn affichage_sizes() {
    let dir = tempfile::tempdir().unwrap();
    seance(dir.path(), &[]);
    let mut a = display(dir.path(), 60 + 746);
    for (w, h) in [(40, 10), (80, 24), (120, 40)] {
        let screen = shown(&mut a, w, h);
        no_secret(&screen);
        assert!(screen.contains("Exposé oral"), "{screen}");
        insta::assert_snapshot!(format!("affichage_{w}x{h}"), screen);
    }
    // Below 40×10: one line, still the phase and the time.
    let tiny = shown(&mut a, 39, 10);
    assert!(tiny.contains("12:34"), "{tiny}");
    let tiny = shown(&mut a, 60, 3);
    assert!(tiny.contains("Exposé oral de la personne candidate en deux parties · 12:34"));
}

#[test]
fn the_display_is_the_jury_apps_candidate_display_without_its_way_back() {
    let dir = tempfile::tempdir().unwrap();
    seance(dir.path(), &[]);
    let mut a = display(dir.path(), 60 + 746);
    let mine = shown(&mut a, 80, 24);
    let s = e1_ponctuel(&r(), &[(60, started("A"))]);
    let c = clock(&s, at(60 + 746));
    let jury = render(80, 24, |f| {
        let v = SafeView {
            phases: &s.info.phases,
            clock: &c,
            next: s.next_phase(),
        };
        candidate::render(f, f.area(), &v, &Theme::plain());
    });
    let back = "Échap : écran du jury";
    assert!(jury.contains(back));
    assert_eq!(mine, jury.replace(back, &" ".repeat(back.chars().count())));
}

#[test]
fn pause_overtime_waiting_and_the_end() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Affichage::new(
        Target::Folders(vec![dir.path().to_path_buf()]),
        Theme::plain(),
    );
    assert!(!a.files(&r(), reader(0)));
    let waiting = shown(&mut a, 40, 10);
    assert!(waiting.contains("En attente d’une séance"), "{waiting}");
    assert_eq!(a.timeout(reader(0)), None, "blocks while nothing runs");

    seance(dir.path(), &[(200, paused())]);
    let mut a = display(dir.path(), 300);
    let screen = shown(&mut a, 80, 24);
    assert!(screen.contains("EN PAUSE"), "{screen}");
    assert!(screen.contains("Exposé oral"), "{screen}");
    assert_eq!(a.timeout(reader(300)), None, "no wake-up during a pause");
    no_secret(&screen);

    let dir = tempfile::tempdir().unwrap();
    seance(dir.path(), &[]);
    // 25 min 3 s into phase A: 3 s over, counted up; the next second in 0.5 s.
    let mut a = display(dir.path(), 60 + 25 * 60 + 3);
    let screen = shown(&mut a, 80, 24);
    assert!(screen.contains("Temps prévu dépassé"), "{screen}");
    let half = Stamp::new(
        at(60 + 25 * 60 + 3) + chrono::TimeDelta::milliseconds(500),
        RunId(0xd15),
        42 + (60 + 25 * 60 + 3) * 1000 + 500,
    );
    assert_eq!(a.timeout(half), Some(std::time::Duration::from_millis(500)));
    let ended = shown(&mut a, 40, 10);
    no_secret(&ended);
}
