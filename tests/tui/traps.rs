//! No one-key trap writes the official record, through `App::update` with a fake clock: a
//! double Entrée at the opening starts no phase, `f` with time left and `v` in an unusual state
//! ask first (the question says why), a phase start or end is undone within 10 s and not after
//! (both records in the log), a typed note replaces the note, an absence is withdrawn and an
//! absent candidate gets neither a position nor the floor, a remark reaches the log, messages
//! clear, `q` asks on the « trop petit » screen; and the help of each context at 80×24.

use std::collections::BTreeMap;

use chrono::{DateTime, TimeDelta, Utc};
use sno_jury::candidats::Import;
use sno_jury::grading::Points;
use sno_jury::session::{self, Event, Record};
use sno_jury::tui::App;
use sno_jury::tui::action::Action;
use sno_jury::tui::app::{Overlay, Question, Screen};
use sno_jury::tui::grid::GridAction;

use crate::support::*;

/// The séance's log as written.
fn log(app: &App) -> Vec<Record> {
    let path = app.live().expect("a séance is open").seance.path();
    session::read_log(path).expect("log reads").records
}

fn kinds(app: &App) -> Vec<&'static str> {
    log(app).iter().map(|r| r.event.kind()).collect()
}

/// The question on screen, in French.
fn asked(app: &App) -> String {
    match app.overlay() {
        Some(Overlay::Ask(q)) => app.question_text(*q),
        _ => panic!("no question on screen (message: {:?})", app.message()),
    }
}

fn ms(t: i64) -> TimeDelta {
    TimeDelta::milliseconds(t)
}

#[test]
fn a_double_enter_at_the_opening_starts_no_phase() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), None, t0());
    open_e1_ponctuel(&mut app, t0());
    assert!(matches!(app.screen(), Screen::Timer(_)));
    // The second Entrée of a double press, 0.2 s after the opening.
    press(&mut app, "\n", t0() + ms(200));
    press(&mut app, "\n\n", at(2));
    assert!(
        app.state().unwrap().runs.is_empty(),
        "Entrée started a phase"
    );
    assert!(!kinds(&app).contains(&"phase_started"));
    // Only Espace, the key the footer shows, starts it.
    assert_eq!(app.footer_keys()[0], ("Espace", "démarrer"));
    press(&mut app, " ", at(3));
    assert_eq!(app.state().unwrap().runs.len(), 1);
}

#[test]
fn ending_a_phase_with_time_left_asks_even_a_maximum() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), None, t0());
    open_e1_ponctuel(&mut app, t0());
    press(&mut app, " ", at(10));
    press(&mut app, "f", at(70));
    assert!(matches!(
        app.overlay(),
        Some(Overlay::Ask(Question::EndEarly { maximum: true }))
    ));
    let q = asked(&app);
    assert!(q.contains("Il reste 24:00"), "{q}");
    // No: nothing recorded, the phase runs on.
    press(&mut app, "n", at(71));
    assert!(app.state().unwrap().running().is_some());
    assert!(!kinds(&app).contains(&"phase_ended_early"));
    // Yes: ended early, said, and undoable.
    press(&mut app, "fo", at(80));
    assert!(app.state().unwrap().runs[0].early);
    assert!(
        app.message().unwrap().contains("u : annuler"),
        "{:?}",
        app.message()
    );
}

#[test]
fn validating_while_a_phase_runs_or_with_a_warning_asks_why() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), None, t0());
    open_e1_ponctuel(&mut app, t0());
    press(&mut app, " ", at(5));
    press(&mut app, "g", at(6));
    grade_e1(&mut app, at(7));
    // A note far from its positionings: the coherence warning is on screen.
    app.update(Action::Grid(GridAction::First), at(8));
    press(&mut app, "jjjjjn2\n", at(8));
    let state = app.state().unwrap();
    assert_eq!(state.grids["0123"].notes["C1.1"], Points::from_whole(2));
    press(&mut app, "v", at(9));
    let q = asked(&app);
    assert!(q.contains("une phase est encore en cours"), "{q}");
    assert!(q.contains("ne concorde pas"), "{q}");
    press(&mut app, "n", at(10));
    assert!(!app.state().unwrap().grids["0123"].is_validated());
    // A criterion « non observé » is a reason too.
    app.update(Action::Grid(GridAction::First), at(10));
    press(&mut app, "o", at(10));
    press(&mut app, "v", at(10));
    assert!(asked(&app).contains("un critère est « non observé »"));
    press(&mut app, "n", at(10));
    // Confirmed: validated.
    press(&mut app, "vo", at(11));
    assert!(app.state().unwrap().grids["0123"].is_validated());
    assert_eq!(kinds(&app).last(), Some(&"grid_validated"));
}

#[test]
fn a_note_typed_replaces_the_note() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), None, t0());
    open_e1_ponctuel(&mut app, t0());
    press(&mut app, "g", at(1));
    // The first competence's note row, then n and the digits, twice each way.
    press(&mut app, "jjjjj", at(2));
    let note = |app: &App| {
        app.state().unwrap().grids["0123"]
            .notes
            .get("C1.1")
            .copied()
    };
    for (typed, want) in [("1", 1), ("2", 2), ("6", 6), ("14", 14)] {
        press(&mut app, &format!("n{typed}\n"), at(3));
        assert_eq!(note(&app), Some(Points::from_whole(want)), "typed {typed}");
    }
    // A digit on the row starts fresh too; Entrée on an empty field keeps the note.
    press(&mut app, "9\n", at(4));
    assert_eq!(note(&app), Some(Points::from_whole(9)));
    press(&mut app, "n\n", at(5));
    assert_eq!(note(&app), Some(Points::from_whole(9)));
}

#[test]
fn an_absence_is_withdrawn_and_an_absent_candidate_is_not_positioned() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), None, t0());
    open_e1_ponctuel(&mut app, t0());
    press(&mut app, "g", at(1));
    press(&mut app, "an", at(2));
    assert!(app.state().unwrap().grids["0123"].is_absent());
    press(&mut app, "3", at(3));
    assert!(
        app.message().is_some_and(|m| m.contains("absente")),
        "{:?}",
        app.message()
    );
    assert!(app.state().unwrap().grids["0123"].positions.is_empty());
    // Withdrawn from the absence panel: the candidate is there after all.
    press(&mut app, "ar", at(4));
    assert_eq!(app.state().unwrap().grids["0123"].not_assessed, None);
    press(&mut app, "3", at(5));
    assert_eq!(app.state().unwrap().grids["0123"].positions.len(), 1);
    let k = kinds(&app);
    assert!(k.ends_with(&[
        "candidate_absent",
        "absence_withdrawn",
        "criterion_positioned"
    ]));
}

#[test]
fn an_absent_member_of_a_group_is_not_given_the_floor() {
    let dir = tempfile::tempdir().unwrap();
    let import = sno_jury::candidats::parse(
        "numero;nom;prenom\n1001;Durand;Éloïse\n1002;Martin;Paul\n".as_bytes(),
    )
    .unwrap();
    let mut g = app_with(dir.path(), import);
    press(&mut g, "n\n11", t0());
    press(&mut g, "dur\nmar\n", t0());
    press(&mut g, "↓↓↓↓", t0());
    for _ in 0..4 {
        g.update(
            Action::Wizard(sno_jury::tui::wizard::WizardAction::Up),
            t0(),
        );
    }
    press(&mut g, "\n", t0());
    press(&mut g, "Mme A\nMme B\n\n\n", t0());
    assert_eq!(g.state().unwrap().info.candidats.len(), 2);
    press(&mut g, " ", at(1));
    // The second member recorded absent from the grid, then given the floor: refused.
    press(&mut g, "gcan\t", at(2));
    assert!(g.state().unwrap().grids["1002"].is_absent());
    press(&mut g, "2", at(3));
    assert!(
        g.message().is_some_and(|m| m.contains("absente")),
        "{:?}",
        g.message()
    );
    assert_eq!(g.state().unwrap().speaker(), None);
    press(&mut g, "1", at(4));
    assert_eq!(g.state().unwrap().speaker(), Some("1001"));
}

#[test]
fn a_phase_start_is_undone_within_ten_seconds_and_refused_after() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), None, t0());
    open_e1_ponctuel(&mut app, t0());
    let footer_has_u = |app: &App| app.footer_keys().iter().any(|(k, _)| *k == "u");
    press(&mut app, " ", at(10));
    assert!(footer_has_u(&app), "the undo key shows while it can act");
    press(&mut app, "u", at(15));
    // Back to before the start; the log keeps both records.
    assert!(app.state().unwrap().runs.is_empty());
    assert!(!footer_has_u(&app));
    let records = log(&app);
    let started = records.iter().find(|r| r.event.kind() == "phase_started");
    let seq = started.expect("the start is kept").seq;
    assert_eq!(
        records.last().map(|r| &r.event),
        Some(&Event::PhaseStartUndone { seq })
    );
    assert!(app.message().unwrap().contains("Début de phase A annulé"));
    // The log replays to what the app shows.
    let replayed = session::replay(&r(), &records, &BTreeMap::new()).unwrap();
    assert_eq!(&replayed, app.state().unwrap());
    // Started again; 11 s later the key only says why it does nothing.
    press(&mut app, " ", at(20));
    app.tick(at(30) + ms(1));
    assert!(!footer_has_u(&app), "the window closed with a wake-up");
    press(&mut app, "u", at(31));
    assert!(app.state().unwrap().running().is_some());
    assert!(
        app.message().unwrap().contains("Rien à annuler"),
        "{:?}",
        app.message()
    );
    // An end undone: the phase runs on.
    press(&mut app, "fo", at(100));
    assert!(app.state().unwrap().running().is_none());
    press(&mut app, "u", at(105));
    assert!(app.state().unwrap().running().is_some());
    assert_eq!(kinds(&app).last(), Some(&"phase_end_undone"));
}

#[test]
fn a_message_clears_after_a_few_seconds_with_a_wake_up_of_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), None, t0());
    open_e1_ponctuel(&mut app, t0());
    // The grid, no phase running: nothing else wakes the loop.
    press(&mut app, "g", at(1));
    press(&mut app, "p", at(2));
    assert!(
        app.message()
            .is_some_and(|m| m.contains("Pas de proposition"))
    );
    assert_eq!(app.next_wake(at(2)), Some(at(7)));
    app.tick(at(6));
    assert!(app.message().is_some(), "still there after 4 s");
    assert!(app.tick(at(7)), "cleared: redrawn");
    assert_eq!(app.message(), None);
    assert_eq!(app.next_wake(at(7)), None);
}

#[test]
fn a_remark_reaches_the_log_from_the_timer_and_the_grid() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), None, t0());
    open_e1_ponctuel(&mut app, t0());
    press(&mut app, "rVidéoprojecteur en panne\n", at(5));
    assert!(app.overlay().is_none());
    assert_eq!(
        log(&app).last().map(|r| &r.event),
        Some(&Event::Remark {
            text: "Vidéoprojecteur en panne".into()
        })
    );
    assert!(app.message().unwrap().contains("Remarque consignée"));
    // The same key on the grid; Échap drops it.
    press(&mut app, "grabandonnée\x1b", at(6));
    assert_eq!(app.state().unwrap().remarks.len(), 1);
    press(&mut app, "rRetard de 10 min\n", at(7));
    let remarks: Vec<&str> = app
        .state()
        .unwrap()
        .remarks
        .iter()
        .map(|(_, t)| t.as_str())
        .collect();
    assert_eq!(remarks, ["Vidéoprojecteur en panne", "Retard de 10 min"]);
}

#[test]
fn q_on_the_too_small_screen_asks_while_a_phase_runs() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), None, t0());
    open_e1_ponctuel(&mut app, t0());
    press(&mut app, " ", at(1));
    app.resize(60, 20);
    press(&mut app, "q", at(2));
    assert!(!app.should_quit());
    let screen = render(60, 20, |f| app.render(f));
    assert!(screen.contains("Quitter sno-jury"), "{screen}");
    press(&mut app, "n", at(3));
    assert!(!app.should_quit());
    press(&mut app, "qo", at(4));
    assert!(app.should_quit());
}

#[test]
fn a_training_situation_b_says_why_its_grid_is_empty() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), Some(10), t0());
    // E1, CCF, situation B: a candidate typed in, the commission.
    press(&mut app, "n\n12", t0());
    press(&mut app, "0123\nDurand\nÉloïse\nLycée Hugo\n", t0());
    press(&mut app, "Mme A\nMme B\n\n\n", t0());
    let state = app.state().expect("séance opened");
    assert_eq!(state.info.situation, "B");
    assert!(
        app.message()
            .is_some_and(|m| m.contains("ne reprennent jamais")),
        "{:?}",
        app.message()
    );
}

/// The help of the context, at 80×24.
fn help_80x24(app: &mut App, name: &str, now: DateTime<Utc>) {
    press(app, "?", now);
    let screen = render(80, 24, |f| app.render(f));
    insta::assert_snapshot!(format!("help_80x24_{name}"), screen);
    press(app, "\x1b", now);
}

#[test]
fn the_help_of_each_context_puts_its_keys_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with(dir.path(), Import::default());
    app.resize(80, 24);
    help_80x24(&mut app, "start", t0());
    press(&mut app, "n", t0());
    help_80x24(&mut app, "wizard", t0());
    press(&mut app, "\x1b", t0());
    open_e1_ponctuel(&mut app, t0());
    app.resize(80, 24);
    help_80x24(&mut app, "timer_before", t0());
    press(&mut app, " ", at(1));
    help_80x24(&mut app, "timer_running", at(2));
    press(&mut app, "g", at(3));
    help_80x24(&mut app, "grid", at(3));
}
