//! The review's harmonisation view on crafted commissions: snapshots at 120×40 and 80×24, the
//! lenient commission's warning drawn, `h` to open it and `Échap` back to the table.

use std::path::PathBuf;

use crate::review_support::*;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::{Terminal, backend::TestBackend};
use sno_jury::grading::Niveau;
use sno_jury::referentiel::{FormeKind, Referentiel};
use sno_jury::review::Report;
use sno_jury::tui::review::{ReviewState, View, draw, keys};
use sno_jury::tui::theme::Theme;

/// One commission of E2: six candidates, the note of candidate `i` is `notes[i]` in every
/// competence (so it is the note /20), positioned at the level `niveaux[i]`.
fn commission(
    dir: &std::path::Path,
    r: &Referentiel,
    k: usize,
    names: [&str; 2],
    notes: [&str; 6],
) {
    for (i, note) in notes.iter().enumerate() {
        let n = format!("4{k}{i}");
        let s = info(
            r,
            &format!("h{n}"),
            "E2",
            FormeKind::Ponctuel,
            "unique",
            vec![cand(&n, "Nom", &n)],
        );
        Run::open_first(dir, r, s, t((k * 10 + i) as i64 * 3600))
            .members(&[(names[0], "enseignant"), (names[1], "enseignant")])
            .phase("A", 19 * 60, true)
            .phase("B", 15 * 60, false)
            .positions(&n, Niveau::ALL[(i + k) % 4], &[])
            .notes(&n, &[note, note, note])
            .appreciation(&n, "Correct.")
            .validate(&n);
    }
}

fn fixture() -> (Referentiel, Report) {
    let r = r();
    let d = tempfile::tempdir().unwrap();
    commission(
        d.path(),
        &r,
        0,
        ["Mme Aubert", "M. Bernard"],
        ["9", "11", "12", "12", "13", "14.5"],
    );
    commission(
        d.path(),
        &r,
        1,
        ["Mme Colin", "M. Dumas"],
        ["15", "16", "16.5", "17", "18", "20"],
    );
    commission(
        d.path(),
        &r,
        2,
        ["Mme Eymard", "M. Faure"],
        ["9", "11", "12", "13", "13.5", "15"],
    );
    let mut rep = review(&r, d.path());
    rep.dirs = vec![PathBuf::from("sessions/harmonisation")];
    (r, rep)
}

fn screen(r: &Referentiel, rep: &Report, st: &mut ReviewState, w: u16, h: u16) -> String {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    draw(&mut term, r, rep, st, &Theme::plain()).unwrap();
    format!("{}", term.backend())
}

fn press(r: &Referentiel, rep: &Report, st: &mut ReviewState, code: KeyCode) {
    let a = keys::action(st, KeyEvent::new(code, KeyModifiers::NONE)).expect("mapped key");
    st.update(r, rep, a);
}

#[test]
fn harmonisation_snapshots() {
    let (r, rep) = fixture();
    let mut st = ReviewState::new(&r, &rep);
    press(&r, &rep, &mut st, KeyCode::Char('h'));
    assert_eq!(st.view, View::Harmonisation { scroll: 0 });
    let big = screen(&r, &rep, &mut st, 120, 40);
    assert!(big.contains("Commission M. Dumas, Mme Colin"), "{big}");
    assert_eq!(big.matches("à examiner en commission").count(), 1, "{big}");
    insta::assert_snapshot!("harmonisation_120x40", big);
    insta::assert_snapshot!("harmonisation_80x24", screen(&r, &rep, &mut st, 80, 24));
    // Scrolled to the last commission: the view stops there.
    press(&r, &rep, &mut st, KeyCode::End);
    let end = screen(&r, &rep, &mut st, 80, 24);
    assert_eq!(st.view, View::Harmonisation { scroll: 3 });
    assert!(end.contains("Commission M. Faure, Mme Eymard"), "{end}");
    insta::assert_snapshot!("harmonisation_80x24_end", end);
    press(&r, &rep, &mut st, KeyCode::Esc);
    assert_eq!(st.view, View::Table);
}

#[test]
fn the_lenient_commission_is_in_the_warning_colour() {
    let (r, rep) = fixture();
    let mut st = ReviewState::new(&r, &rep);
    st.view = View::Harmonisation { scroll: 0 };
    let theme = Theme { color: true };
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    draw(&mut term, &r, &rep, &mut st, &theme).unwrap();
    let buf = term.backend().buffer();
    let row_of = |text: &str| {
        (0..40)
            .find(|&y| {
                (0..120)
                    .map(|x| buf[(x, y)].symbol())
                    .collect::<String>()
                    .contains(text)
            })
            .unwrap_or_else(|| panic!("« {text} » drawn"))
    };
    let warning = theme.warning().fg.expect("a colour");
    let row = row_of("à examiner");
    let cell = (0..120)
        .find(|&x| buf[(x, row)].symbol() == "⚠")
        .expect("its sign");
    assert_eq!(buf[(cell, row)].fg, warning);
    let figures = row_of("effectif 6");
    let e = (0..120)
        .find(|&x| buf[(x, figures)].symbol() == "e")
        .unwrap();
    assert_ne!(
        buf[(e, figures)].fg,
        warning,
        "the figures are not a warning"
    );
}
