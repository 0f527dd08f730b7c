//! The review screen on a TestBackend: snapshots of the table and of the detail view at 120×40
//! and 80×24, and the sort, filter and search rules driven through the keymap.

mod review_support;

use std::path::PathBuf;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::{Terminal, backend::TestBackend};
use review_support::*;
use sno_jury::referentiel::Referentiel;
use sno_jury::review::{Report, Status};
use sno_jury::tui::review::{ReviewState, View, draw, keys};
use sno_jury::tui::theme::Theme;

fn fixture() -> (Referentiel, Report) {
    let r = r();
    let d = tempfile::tempdir().unwrap();
    vosreves::generate(d.path(), &r);
    let mut rep = review(&r, d.path());
    // The temporary path would change every run.
    rep.dirs = vec![PathBuf::from("sessions/exemples")];
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

fn typed(r: &Referentiel, rep: &Report, st: &mut ReviewState, text: &str) {
    press(r, rep, st, KeyCode::Char('/'));
    for c in text.chars() {
        press(r, rep, st, KeyCode::Char(c));
    }
    press(r, rep, st, KeyCode::Enter);
}

fn names(rep: &Report, st: &ReviewState) -> Vec<String> {
    st.visible()
        .iter()
        .map(|&i| {
            let e = &rep.entries[i];
            format!("{} {}", e.epreuve, e.candidat.nom)
        })
        .collect()
}

#[test]
fn table_snapshots() {
    let (r, rep) = fixture();
    let mut st = ReviewState::new(&r, &rep);
    insta::assert_snapshot!("table_120x40", screen(&r, &rep, &mut st, 120, 40));
    insta::assert_snapshot!("table_80x24", screen(&r, &rep, &mut st, 80, 24));
}

#[test]
fn detail_snapshots() {
    let (r, rep) = fixture();
    let mut st = ReviewState::new(&r, &rep);
    typed(&r, &rep, &mut st, "martin");
    assert_eq!(names(&rep, &st), ["E1 Martin", "E2 Martin"]);
    press(&r, &rep, &mut st, KeyCode::Enter);
    assert_eq!(st.view, View::Detail { scroll: 0 });
    insta::assert_snapshot!("detail_120x40", screen(&r, &rep, &mut st, 120, 40));
    insta::assert_snapshot!("detail_80x24", screen(&r, &rep, &mut st, 80, 24));
    // Scrolled to the grid and the amendment.
    for _ in 0..3 {
        press(&r, &rep, &mut st, KeyCode::PageDown);
    }
    insta::assert_snapshot!("detail_120x40_page4", screen(&r, &rep, &mut st, 120, 40));
    press(&r, &rep, &mut st, KeyCode::Esc);
    assert_eq!(st.view, View::Table);
}

#[test]
fn filters_cycle_and_combine() {
    let (r, rep) = fixture();
    let mut st = ReviewState::new(&r, &rep);
    let all = st.visible().len();
    assert_eq!(all, rep.entries.len());
    press(&r, &rep, &mut st, KeyCode::Char('e'));
    assert_eq!(st.epreuve.as_deref(), Some("E1"));
    assert!(names(&rep, &st).iter().all(|n| n.starts_with("E1 ")));
    assert_eq!(st.visible().len(), 3);
    press(&r, &rep, &mut st, KeyCode::Char('t'));
    assert_eq!(st.status, Some(Status::EnCours));
    assert_eq!(names(&rep, &st), ["E1 Roux"]);
    press(&r, &rep, &mut st, KeyCode::Char('x'));
    assert_eq!(st.visible().len(), all);
    press(&r, &rep, &mut st, KeyCode::Char('a'));
    assert!(
        st.visible()
            .iter()
            .all(|&i| !rep.entries[i].anomalies.is_empty())
    );
    assert!(st.visible().len() < all);
    press(&r, &rep, &mut st, KeyCode::Char('a'));
    typed(&r, &rep, &mut st, "02512345604");
    assert_eq!(names(&rep, &st), ["E2 Faure"]);
    // Escape while typing restores the previous search.
    press(&r, &rep, &mut st, KeyCode::Char('/'));
    press(&r, &rep, &mut st, KeyCode::Char('z'));
    assert!(st.visible().is_empty());
    press(&r, &rep, &mut st, KeyCode::Esc);
    assert_eq!(names(&rep, &st), ["E2 Faure"]);
}

#[test]
fn sort_cycles_columns_and_reverses() {
    let (r, rep) = fixture();
    let mut st = ReviewState::new(&r, &rep);
    // Default: épreuve, then the report's order (nom, prénom).
    assert_eq!(names(&rep, &st)[0], "E1 Martin");
    // Next key after Épreuve is Forme, then Situations, Date, Statut, Note.
    for _ in 0..5 {
        press(&r, &rep, &mut st, KeyCode::Char('s'));
    }
    press(&r, &rep, &mut st, KeyCode::Char('S'));
    // Highest note first: Léa's E2 (17 + 16 + 17,5 = 50,5/60 → 17).
    assert_eq!(names(&rep, &st)[0], "E2 Martin");
    press(&r, &rep, &mut st, KeyCode::Char('s'));
    // Most anomalies first.
    let first = &rep.entries[st.visible()[0]];
    assert!(
        rep.entries
            .iter()
            .all(|e| e.anomalies.len() <= first.anomalies.len())
    );
    // The whole list is in order, and equal counts keep the report's order (stable sort).
    for w in st.visible().windows(2) {
        let (a, b) = (&rep.entries[w[0]], &rep.entries[w[1]]);
        assert!(a.anomalies.len() >= b.anomalies.len());
        if a.anomalies.len() == b.anomalies.len() {
            assert!(w[0] < w[1], "ties keep the report's order");
        }
    }
}

#[test]
fn quitting() {
    let (r, rep) = fixture();
    let mut st = ReviewState::new(&r, &rep);
    press(&r, &rep, &mut st, KeyCode::Char('q'));
    assert!(st.quit);
}
