//! Snapshots of the grid screen (ratatui `TestBackend` + insta) at 80×24 and 120×40: empty,
//! partly filled, validated, a group séance, E2 with its PFMP, its panels, and a candidate
//! dispensé. The séance state is built through the real fold with fixed timestamps; times are
//! shown in UTC.

use std::collections::BTreeMap;

use chrono::{DateTime, TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sno_jury::grading::{Niveau, Points};
use sno_jury::referentiel::{FormeKind, Referentiel, load_embedded};
use sno_jury::review::Tz;
use sno_jury::session::{Candidat, Event, Membre, SeanceInfo, SeanceState};
use sno_jury::tui::grid::{GridAction, GridScreen, Outcome, keymap};
use sno_jury::tui::theme::Theme;

fn ts(minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 6, 12, 8, minute, 0).unwrap()
}

const PEOPLE: [(&str, &str, &str); 3] = [
    ("Martin", "Léa", "02212345678"),
    ("Nguyen", "Hugo", "02212345679"),
    ("Diallo", "Inès", "02212345680"),
];

fn open(epreuve: &str, forme: FormeKind, situation: &str, n: usize) -> (Referentiel, SeanceState) {
    let r = load_embedded().unwrap();
    let sit = r
        .epreuve(epreuve)
        .unwrap()
        .forme(forme)
        .unwrap()
        .situation(situation)
        .unwrap();
    let info = SeanceInfo {
        id: "2025-06-12-e1".into(),
        epreuve: epreuve.into(),
        forme,
        situation: situation.into(),
        candidats: PEOPLE[..n]
            .iter()
            .map(|(nom, prenom, numero)| Candidat {
                numero: numero.to_string(),
                nom: nom.to_string(),
                prenom: prenom.to_string(),
                etablissement: "Lycée Jean Moulin (Lyon)".into(),
            })
            .collect(),
        phases: sit.phases.as_slice().into(),
        alertes_par_defaut_minutes: r.epreuves.alertes_par_defaut_minutes.clone(),
        vitesse: None,
    };
    let state = SeanceState::open(&r, info, ts(0), &BTreeMap::new()).unwrap();
    (r, state)
}

fn apply(r: &Referentiel, state: &mut SeanceState, events: Vec<Event>) {
    for (i, e) in events.into_iter().enumerate() {
        state.apply(r, &e, ts(1 + i as u32 % 50)).unwrap();
    }
}

fn pos(who: &str, critere: &str, niveau: Niveau) -> Event {
    Event::CriterionPositioned {
        candidat: who.into(),
        critere: critere.into(),
        niveau,
    }
}

fn note(who: &str, competence: &str, halves: u32) -> Event {
    Event::NoteSet {
        candidat: who.into(),
        competence: competence.into(),
        note: Points::from_halves(halves),
    }
}

fn member(nom: &str, qualite: &str) -> Event {
    Event::MemberAdded {
        membre: Membre {
            nom: nom.into(),
            qualite: qualite.into(),
        },
    }
}

fn screen(r: &Referentiel, state: &SeanceState) -> GridScreen {
    GridScreen::new(r, state).with_tz(Tz::Utc)
}

/// The rendered buffer as text, one line per row, trailing spaces cut.
fn draw(s: &mut GridScreen, r: &Referentiel, state: &SeanceState, w: u16, h: u16) -> String {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| s.render(f, f.area(), r, state, &Theme::plain()))
        .unwrap();
    let buf = term.backend().buffer();
    (0..h)
        .map(|y| {
            let line: String = (0..w).map(|x| buf[(x, y)].symbol()).collect();
            line.trim_end().to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn press(s: &mut GridScreen, r: &Referentiel, state: &mut SeanceState, code: KeyCode) {
    let key = KeyEvent::new(code, KeyModifiers::NONE);
    let action = keymap(&key, s).expect("a grid key");
    if let Outcome::Record(events) = s.update(action, r, state) {
        apply(r, state, events);
    }
}

fn partly_filled() -> (Referentiel, SeanceState) {
    let (r, mut state) = open("E1", FormeKind::Ponctuel, "unique", 1);
    let who = PEOPLE[0].2;
    apply(
        &r,
        &mut state,
        vec![
            pos(who, "C1.1-1", Niveau::Satisfaisant),
            pos(who, "C1.1-2", Niveau::Satisfaisant),
            pos(who, "C1.1-3", Niveau::Insuffisant),
            note(who, "C1.1", 37),
            pos(who, "C1.2-1", Niveau::Satisfaisant),
            member("M. Bernard", "enseignant"),
        ],
    );
    (r, state)
}

fn completed(r: &Referentiel, state: &mut SeanceState, who: &str) {
    let e = state.epreuve(r).unwrap().clone();
    let mut events = Vec::new();
    for (i, c) in r.competences_of(&e).enumerate() {
        for (j, k) in c.criteres.iter().enumerate() {
            let level = if (i + j) % 3 == 0 {
                Niveau::TresSatisfaisant
            } else {
                Niveau::Satisfaisant
            };
            events.push(pos(who, &k.id, level));
        }
        events.push(note(who, &c.id, 26 + i as u32));
    }
    events.push(Event::AppreciationSet {
        candidat: who.into(),
        text: "Projet mené avec rigueur ; la présentation orale est claire.\nLa veille \
               informationnelle reste à approfondir."
            .into(),
    });
    if state.members.is_empty() {
        events.push(member("M. Bernard", "enseignant"));
        events.push(member("Mme Petit", "professionnel"));
    }
    apply(r, state, events);
}

#[test]
fn empty_grid() {
    let (r, state) = open("E1", FormeKind::Ponctuel, "unique", 1);
    let mut s = screen(&r, &state);
    insta::assert_snapshot!("empty_80x24", draw(&mut s, &r, &state, 80, 24));
    insta::assert_snapshot!("empty_120x40", draw(&mut s, &r, &state, 120, 40));
}

#[test]
fn partly_filled_grid() {
    let (r, mut state) = partly_filled();
    let mut s = screen(&r, &state);
    for _ in 0..5 {
        press(&mut s, &r, &mut state, KeyCode::Down);
    }
    insta::assert_snapshot!("partly_80x24", draw(&mut s, &r, &state, 80, 24));
    insta::assert_snapshot!("partly_120x40", draw(&mut s, &r, &state, 120, 40));
    // Typing the note of C1.1 again on its row.
    press(&mut s, &r, &mut state, KeyCode::Char('1'));
    press(&mut s, &r, &mut state, KeyCode::Char('4'));
    insta::assert_snapshot!("partly_note_input_80x24", draw(&mut s, &r, &state, 80, 24));
}

#[test]
fn validated_grid() {
    let (r, mut state) = open("E1", FormeKind::Ponctuel, "unique", 1);
    let who = PEOPLE[0].2;
    completed(&r, &mut state, who);
    apply(
        &r,
        &mut state,
        vec![Event::GridValidated {
            candidat: who.into(),
        }],
    );
    let mut s = screen(&r, &state);
    insta::assert_snapshot!("validated_80x24", draw(&mut s, &r, &state, 80, 24));
    press(&mut s, &r, &mut state, KeyCode::End);
    insta::assert_snapshot!("validated_bottom_120x40", draw(&mut s, &r, &state, 120, 40));
    // A change now asks for the reason of the amendment.
    press(&mut s, &r, &mut state, KeyCode::Home);
    press(&mut s, &r, &mut state, KeyCode::Char('2'));
    assert!(s.captures_text());
    insta::assert_snapshot!("validated_reason_80x24", draw(&mut s, &r, &state, 80, 24));
}

#[test]
fn group_seance() {
    let (r, mut state) = open("E1", FormeKind::Ccf, "A", 3);
    let second = PEOPLE[1].2;
    apply(
        &r,
        &mut state,
        vec![
            pos(PEOPLE[0].2, "C1.1-1", Niveau::TresSatisfaisant),
            pos(second, "C1.1-1", Niveau::Insuffisant),
            pos(second, "C1.1-2", Niveau::Satisfaisant),
            member("M. Bernard", "enseignant"),
        ],
    );
    let mut s = screen(&r, &state);
    press(&mut s, &r, &mut state, KeyCode::Char('c'));
    insta::assert_snapshot!("group_second_80x24", draw(&mut s, &r, &state, 80, 24));
    insta::assert_snapshot!("group_second_120x40", draw(&mut s, &r, &state, 120, 40));
}

#[test]
fn e2_scrolls_and_shows_pfmp() {
    let (r, mut state) = open("E2", FormeKind::Ccf, "unique", 1);
    let who = PEOPLE[0].2;
    let pfmp = Event::PfmpRecorded {
        candidat: who.into(),
        weeks: 10,
        positionne: false,
        voie: None,
    };
    apply(
        &r,
        &mut state,
        vec![pos(who, "C2.3-3", Niveau::Satisfaisant), pfmp],
    );
    let mut s = screen(&r, &state);
    press(&mut s, &r, &mut state, KeyCode::PageDown);
    press(&mut s, &r, &mut state, KeyCode::PageDown);
    press(&mut s, &r, &mut state, KeyCode::End);
    press(&mut s, &r, &mut state, KeyCode::Up);
    press(&mut s, &r, &mut state, KeyCode::Up);
    press(&mut s, &r, &mut state, KeyCode::Up);
    press(&mut s, &r, &mut state, KeyCode::Up);
    insta::assert_snapshot!("e2_scrolled_80x24", draw(&mut s, &r, &state, 80, 24));
    insta::assert_snapshot!("e2_scrolled_120x40", draw(&mut s, &r, &state, 120, 40));
}

#[test]
fn e3_wraps_the_cursor_criterion_when_compact() {
    let (r, mut state) = open("E3", FormeKind::Ccf, "B", 1);
    let mut s = screen(&r, &state);
    press(&mut s, &r, &mut state, KeyCode::PageDown);
    press(&mut s, &r, &mut state, KeyCode::Char('4'));
    insta::assert_snapshot!("e3_long_criterion_80x24", draw(&mut s, &r, &state, 80, 24));
}

#[test]
fn panels() {
    let (r, mut state) = partly_filled();
    let mut s = screen(&r, &state);
    press(&mut s, &r, &mut state, KeyCode::Char('v'));
    insta::assert_snapshot!("missing_80x24", draw(&mut s, &r, &state, 80, 24));
    press(&mut s, &r, &mut state, KeyCode::Esc);
    press(&mut s, &r, &mut state, KeyCode::Char('e'));
    for c in "Bonne analyse des besoins.".chars() {
        press(&mut s, &r, &mut state, KeyCode::Char(c));
    }
    insta::assert_snapshot!("editor_80x24", draw(&mut s, &r, &state, 80, 24));
    press(&mut s, &r, &mut state, KeyCode::Esc);
    // The editor closes when it is drawn with the state that holds its text, as in the app.
    draw(&mut s, &r, &state, 80, 24);
    assert!(!s.captures_text());
    assert_eq!(
        state.grids[PEOPLE[0].2].appreciation,
        "Bonne analyse des besoins."
    );
    press(&mut s, &r, &mut state, KeyCode::Char('m'));
    insta::assert_snapshot!("commission_80x24", draw(&mut s, &r, &state, 80, 24));
    insta::assert_snapshot!("commission_120x40", draw(&mut s, &r, &state, 120, 40));
    press(&mut s, &r, &mut state, KeyCode::Char('a'));
    for c in "Mme Petit".chars() {
        press(&mut s, &r, &mut state, KeyCode::Char(c));
    }
    insta::assert_snapshot!("member_80x24", draw(&mut s, &r, &state, 80, 24));
    press(&mut s, &r, &mut state, KeyCode::Esc);
    press(&mut s, &r, &mut state, KeyCode::Char('l'));
    insta::assert_snapshot!("legend_120x40", draw(&mut s, &r, &state, 120, 40));
}

#[test]
fn tiny_areas_never_panic() {
    let (r, mut state) = partly_filled();
    let mut s = screen(&r, &state);
    insta::assert_snapshot!("too_small_30x8", draw(&mut s, &r, &state, 30, 8));
    press(&mut s, &r, &mut state, KeyCode::Char('v'));
    for (w, h) in [(1, 1), (2, 40), (40, 10), (41, 11), (200, 3), (60, 12)] {
        draw(&mut s, &r, &state, w, h);
    }
    press(&mut s, &r, &mut state, KeyCode::Esc);
    press(&mut s, &r, &mut state, KeyCode::Char('e'));
    for (w, h) in [(40, 10), (45, 12), (80, 11)] {
        draw(&mut s, &r, &state, w, h);
    }
    // The colour theme draws the same screens.
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let colour = Theme { color: true };
    term.draw(|f| s.render(f, f.area(), &r, &state, &colour))
        .unwrap();
    assert_eq!(
        keymap(&KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE), &s),
        Some(GridAction::Cancel)
    );
}

#[test]
fn absence_panel_and_dispense() {
    let (r, mut state) = open("E1", FormeKind::Ponctuel, "unique", 1);
    let mut s = screen(&r, &state);
    press(&mut s, &r, &mut state, KeyCode::Char('a'));
    insta::assert_snapshot!("absence_panel_80x24", draw(&mut s, &r, &state, 80, 24));
    press(&mut s, &r, &mut state, KeyCode::Char('d'));
    assert!(state.grids[PEOPLE[0].2].not_assessed.is_some());
    press(&mut s, &r, &mut state, KeyCode::End);
    insta::assert_snapshot!("dispensed_80x24", draw(&mut s, &r, &state, 80, 24));
    insta::assert_snapshot!("dispensed_120x40", draw(&mut s, &r, &state, 120, 40));
}

#[test]
fn not_observed_through_the_key() {
    let (r, mut state) = partly_filled();
    let mut s = screen(&r, &state);
    // `o` on C1.1-1 (positioned S): « non observé » across the four columns.
    press(&mut s, &r, &mut state, KeyCode::Char('o'));
    press(&mut s, &r, &mut state, KeyCode::Down);
    press(&mut s, &r, &mut state, KeyCode::Down);
    press(&mut s, &r, &mut state, KeyCode::Down);
    press(&mut s, &r, &mut state, KeyCode::Char('o'));
    let who = PEOPLE[0].2;
    assert_eq!(state.grids[who].non_observes.len(), 2);
    let screen80 = draw(&mut s, &r, &state, 80, 24);
    assert!(
        screen80.contains("5/15 critères positionnés (2 NO) · 1/3 notes · v : valider"),
        "{screen80}"
    );
    insta::assert_snapshot!("not_observed_80x24", screen80);
    insta::assert_snapshot!("not_observed_120x40", draw(&mut s, &r, &state, 120, 40));
}
