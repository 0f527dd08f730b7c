//! The whole app drawn at 80×24 and 120×40 (banner, screen, message line, footer) on a real
//! séance, and the check that the display turned towards the candidate shows no grade at all.

use crate::support::*;
use sno_jury::tui::App;
use sno_jury::tui::action::Action;
use sno_jury::tui::app::Screen;
use sno_jury::tui::grid::GridAction;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn screens(app: &mut App, name: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (w, h) in SIZES {
        app.resize(w, h);
        let screen = render(w, h, |f| app.render(f));
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen);
        out.push(screen);
    }
    app.resize(100, 30);
    out
}

/// An E1 ponctuel in training mode ×10, phase A started at `t0`, fully graded at 10 s.
fn graded_seance(dir: &std::path::Path) -> App {
    let mut app = app_in(dir, Some(10), t0());
    open_e1_ponctuel(&mut app, t0());
    press(&mut app, " ", t0());
    press(&mut app, "g", at(5));
    grade_e1(&mut app, at(10));
    app
}

#[test]
fn app_timer_grid_and_candidate_display() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = graded_seance(dir.path());
    assert!(matches!(app.screen(), Screen::Grid(_)));
    // 2 min of wall time at ×10: 20 min into phase A, the 5-min warning.
    app.update(Action::Grid(GridAction::Timer), at(120));
    screens(&mut app, "app_timer_training_warning");
    press(&mut app, "g", at(121));
    press(&mut app, "k", at(121));
    screens(&mut app, "app_grid_graded");
    press(&mut app, "\t", at(122));
    press(&mut app, "c", at(122));
    screens(&mut app, "app_candidate_display");
}

#[test]
fn the_candidate_display_shows_no_grade() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = graded_seance(dir.path());
    // Validated too: notes, levels, totals and appreciation all exist.
    press(&mut app, "vo", at(20));
    let state = app.state().unwrap().clone();
    assert!(state.grids["0123"].is_validated(), "{:?}", app.message());
    let grid_screen = render(120, 40, |f| app.render(f));
    assert!(
        grid_screen.contains("14,5"),
        "the grid does show the grades"
    );
    press(&mut app, "\tc", at(30));
    assert!(matches!(app.screen(), Screen::Candidate(_)));
    let mut forbidden: Vec<String> = [
        "TI",
        "TS",
        " S ",
        " I ",
        "/20",
        "/60",
        "Note",
        "note",
        "Très",
        "insuffisant",
        "Insuffisant",
        "atisfaisant",
        "Exposé clair",
        "réponses",
        "proposition",
        "valid",
        "Appréciation",
        "appréciation",
        "DURAND",
        "0123",
        "Lefèvre",
        "Nguyen",
        "C1.",
    ]
    .map(String::from)
    .to_vec();
    let g = &state.grids["0123"];
    forbidden.extend(g.notes.values().map(|n| n.fr()));
    if let Some((total, sur_20)) = g.totals(
        sno_jury::referentiel::load_embedded()
            .unwrap()
            .epreuve("E1")
            .unwrap(),
    ) {
        forbidden.push(total.fr());
        forbidden.push(sur_20.fr());
    }
    // Every moment of the épreuve: before the end of phase A, paused, phase B, overtime.
    let moments = [(40, ""), (50, "p1\n"), (60, "p"), (70, "fo "), (400, "")];
    for (secs, keys) in moments {
        if !keys.is_empty() {
            press(&mut app, "\x1bo", at(secs));
            press(&mut app, keys, at(secs));
            press(&mut app, "c", at(secs));
        }
        assert!(matches!(app.screen(), Screen::Candidate(_)));
        for (w, h) in SIZES {
            app.resize(w, h);
            app.tick(at(secs));
            let screen = render(w, h, |f| app.render(f));
            for word in &forbidden {
                assert!(
                    !screen.contains(word.as_str()),
                    "« {word} » on the candidate display at {secs} s ({w}×{h}):\n{screen}"
                );
            }
            let digits: String = screen.chars().filter(char::is_ascii_digit).collect();
            assert!(
                digits.is_empty() || digits == "10",
                "only the training speed may be written in digits, found {digits}:\n{screen}"
            );
        }
    }
    // The moments above really happened: a pause, phase B, its overtime.
    let state = app.state().unwrap();
    assert_eq!(state.pauses.len(), 1);
    assert_eq!(state.runs.len(), 2);
    assert!(!app.clock().unwrap().phases[1].overtime.is_zero());
}
