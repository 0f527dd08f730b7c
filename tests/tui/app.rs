//! The app driven through `App::update` / `handle_key` with a fake clock, on a real sessions
//! directory: every change is in the log before the screen shows it, and the log replays to the
//! state the app shows.

use std::time::Duration;

use crate::support::*;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use sno_jury::session::{ClockAnomalyKind, PauseReason};
use sno_jury::tui::action::Action;
use sno_jury::tui::app::{Overlay, Question, Screen};
use sno_jury::tui::theme::Theme;
use sno_jury::tui::timer::pause::PauseAction;
use sno_jury::tui::wizard::WizardAction;
use sno_jury::tui::{App, Config};

#[test]
fn a_new_seance_is_logged_with_its_commission_and_opens_the_timer() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), None, t0());
    open_e1_ponctuel(&mut app, t0());
    assert!(matches!(app.screen(), Screen::Timer(_)));
    let state = app.state().unwrap();
    assert_eq!(state.info.id, "2025-06-12-E1-ponctuel-unique-0123");
    assert_eq!(state.members.len(), 2);
    assert_eq!(state.info.candidats[0].prenom, "Éloïse");
    assert_eq!(&replayed(&app), app.state().unwrap());
}

#[test]
fn timing_keys_record_before_showing() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), None, t0());
    open_e1_ponctuel(&mut app, t0());
    press(&mut app, " ", at(10));
    assert_eq!(app.state().unwrap().runs.len(), 1);
    // Pause asked at 5:00, reason 2, detail typed, confirmed 20 s later: the pause starts at 5:00.
    press(&mut app, "p", at(310));
    press(&mut app, "2malaise", at(320));
    app.update(Action::Pause(PauseAction::Confirm), at(330));
    let pause = app.state().unwrap().pauses[0].clone();
    assert_eq!(pause.start, at(310));
    assert_eq!(pause.reason, PauseReason::Candidat);
    assert_eq!(pause.detail, "malaise");
    press(&mut app, "p", at(400));
    assert!(!app.state().unwrap().is_paused());
    // Phase A (a maximum) with time left: asked too, then ended early.
    press(&mut app, "f", at(900));
    assert!(matches!(
        app.overlay(),
        Some(Overlay::Ask(Question::EndEarly { maximum: true }))
    ));
    press(&mut app, "o", at(901));
    assert!(app.state().unwrap().runs[0].early);
    press(&mut app, " ", at(910));
    // Phase B is not a maximum: ending it with time left asks first.
    press(&mut app, "f", at(1000));
    assert!(matches!(
        app.overlay(),
        Some(Overlay::Ask(Question::EndEarly { maximum: false }))
    ));
    press(&mut app, "n", at(1001));
    assert!(app.state().unwrap().running().is_some());
    press(&mut app, "f", at(910 + 16 * 60));
    assert!(app.state().unwrap().is_finished());
    assert!(!app.state().unwrap().runs[1].early, "ended after its time");
    assert_eq!(&replayed(&app), app.state().unwrap());
}

#[test]
fn thresholds_ring_and_flash_unless_muted() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), None, t0());
    open_e1_ponctuel(&mut app, t0());
    press(&mut app, " ", at(0));
    assert!(!app.tick(at(0)) || !app.take_bell());
    // 25 min phase: its first part (the project) reaches its 15-minute maximum first.
    app.tick(at(14 * 60 + 59));
    assert!(!app.take_bell());
    app.tick(at(15 * 60));
    assert!(app.take_bell(), "the part's maximum rings like a threshold");
    assert!(app.flashing());
    press(&mut app, "n", at(15 * 60 + 5));
    assert_eq!(
        app.state().unwrap().runs[0].parts.len(),
        1,
        "switch recorded"
    );
    // First warning 5 min before the end.
    app.tick(at(19 * 60 + 59));
    assert!(!app.take_bell());
    app.tick(at(20 * 60));
    assert!(app.take_bell(), "5 min before the end");
    assert!(app.flashing());
    let half = chrono::TimeDelta::milliseconds(500);
    app.tick(at(20 * 60) + half);
    assert!(app.flashing(), "the flash lasts about a second");
    app.tick(at(20 * 60 + 2));
    assert!(!app.flashing());
    press(&mut app, "m", at(20 * 60 + 3));
    app.tick(at(24 * 60));
    assert!(!app.take_bell(), "muted");
    assert!(app.flashing(), "muted still flashes");
    // The loop applies a key without a tick on top: the key alone ends a flash that is over.
    press(&mut app, "m", at(24 * 60 + 2));
    assert!(
        !app.flashing(),
        "a key ends the flash once its time is over"
    );
}

#[test]
fn wakes_once_per_displayed_second_only_while_running() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), None, t0());
    // The start screen looks at the folder every 2 s (another window may finish a séance).
    assert_eq!(
        app.next_wake(t0()),
        Some(at(2)),
        "start screen: the folder's next look"
    );
    assert!(!app.tick(at(2)), "nothing changed: nothing drawn");
    open_e1_ponctuel(&mut app, t0());
    let wake = app.next_wake(at(1)).expect("the wall clock's next minute");
    assert_eq!(wake, at(60));
    press(&mut app, " ", at(2));
    let now = at(2) + chrono::TimeDelta::milliseconds(300);
    assert_eq!(app.next_wake(now), Some(at(3)));
    // Redraw only when the displayed second changes.
    app.tick(at(3));
    assert!(!app.tick(at(3) + chrono::TimeDelta::milliseconds(500)));
    assert!(app.tick(at(4)));
}

#[test]
fn a_new_wall_clock_minute_adds_no_wake_up_while_counting_down() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), None, t0());
    open_e1_ponctuel(&mut app, t0());
    let ms = chrono::TimeDelta::milliseconds;
    press(&mut app, " ", at(2) + ms(486));
    // The countdown ticks at hh:mm:ss.486; the minute shows at the tick after it.
    assert_eq!(app.next_wake(at(59) + ms(700)), Some(at(60) + ms(486)));
}

#[test]
fn a_clock_jump_while_running_is_logged() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), None, t0());
    open_e1_ponctuel(&mut app, t0());
    press(&mut app, " ", stamp(0));
    app.tick(stamp(1));
    // The system clock set an hour forward between two wake-ups a second apart.
    app.tick(stamp_ms(3_602_000, 2_000));
    let anomalies = &app.state().unwrap().clock_anomalies;
    assert_eq!(anomalies.len(), 1);
    assert_eq!(anomalies[0].kind, ClockAnomalyKind::Jump);
    assert_eq!(anomalies[0].delta_ms, 3_600_000);
    assert!(app.message().unwrap().contains("horloge"));
}

#[test]
fn quitting_and_restarting_resumes_at_the_real_elapsed_time() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut app = app_in(dir.path(), Some(10), t0());
        open_e1_ponctuel(&mut app, t0());
        press(&mut app, " ", at(5));
        press(&mut app, "q", at(6));
        assert!(matches!(app.overlay(), Some(Overlay::Ask(Question::Quit))));
        press(&mut app, "o", at(7));
        assert!(app.should_quit());
    }
    let mut app = app_in(dir.path(), None, at(65));
    assert_eq!(app.seances().len(), 1);
    assert!(!app.seances()[0].finished());
    press(&mut app, "\n", at(65));
    assert!(matches!(app.screen(), Screen::Timer(_)));
    assert_eq!(app.training(), Some(10), "the séance's own speed");
    let clock = app.clock().unwrap();
    // 60 s of wall time at ×10.
    assert_eq!(clock.phases[0].elapsed, Duration::from_secs(600));
}

#[test]
fn group_speaker_keys() {
    let dir = tempfile::tempdir().unwrap();
    let import = sno_jury::candidats::parse(
        "numero;nom;prenom\n1001;Durand;Éloïse\n1002;Martin;Paul\n1003;Benali;Sofia\n".as_bytes(),
    )
    .unwrap();
    let cfg = Config {
        dir: dir.path().to_path_buf(),
        import,
        vitesse: None,
        theme: Theme::plain(),
        tz: paris(),
        plan: Vec::new(),
    };
    let mut app = App::new(r(), cfg, t0());
    app.resize(100, 30);
    // E1 CCF situation A: pick all three (each Enter picks the first remaining match).
    press(&mut app, "n\n11", t0());
    press(&mut app, "dur\nmar\nben\n", t0());
    press(&mut app, "↓↓↓↓", t0());
    // Back to the top: "continue" is the first row.
    for _ in 0..4 {
        app.update(Action::Wizard(WizardAction::Up), t0());
    }
    press(&mut app, "\n", t0());
    press(&mut app, "Mme A\nMme B\n\n\n", t0());
    assert!(
        matches!(app.screen(), Screen::Timer(_)),
        "{:?}",
        app.message()
    );
    assert_eq!(app.state().unwrap().info.candidats.len(), 3);
    press(&mut app, " ", at(0));
    press(&mut app, "2", at(10));
    assert_eq!(app.state().unwrap().speaker(), Some("1002"));
    press(&mut app, "2", at(20));
    assert_eq!(
        app.state().unwrap().speaker(),
        None,
        "the same key again: nobody"
    );
    press(&mut app, "3", at(30));
    assert_eq!(app.state().unwrap().speaker(), Some("1003"));
    let clock = app.clock().unwrap();
    assert_eq!(clock.speakers.len(), 3);
}

#[test]
fn e2_ccf_has_no_timer_and_opens_the_grid() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), None, t0());
    press(&mut app, "n2\n1", t0());
    press(&mut app, "0123\nDurand\n\n\n", t0());
    press(&mut app, "Mme A\nMme B\n\n\n", t0());
    assert!(
        matches!(app.screen(), Screen::Grid(_)),
        "{:?}",
        app.message()
    );
    press(&mut app, "⇥", t0());
    assert!(matches!(app.screen(), Screen::Grid(_)));
    assert!(app.message().unwrap().contains("Pas de minutage"));
}

#[test]
fn candidate_display_needs_esc_then_yes() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), None, t0());
    open_e1_ponctuel(&mut app, t0());
    press(&mut app, "c", at(1));
    assert!(matches!(app.screen(), Screen::Candidate(_)));
    press(&mut app, "gq?⇥ f", at(2));
    assert!(
        matches!(app.screen(), Screen::Candidate(_)),
        "no key leaves it"
    );
    assert!(app.state().unwrap().runs.is_empty(), "no key acts from it");
    press(&mut app, "\x1b", at(3));
    press(&mut app, "n", at(3));
    assert!(matches!(app.screen(), Screen::Candidate(_)));
    press(&mut app, "\x1bo", at(4));
    assert!(matches!(app.screen(), Screen::Timer(_)));
}

#[test]
fn ctrl_c_quits_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), None, t0());
    open_e1_ponctuel(&mut app, t0());
    press(&mut app, " ", at(1));
    app.handle_key(
        &KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL),
        at(2),
    );
    assert!(app.should_quit());
}

#[test]
fn a_whole_e1_ponctuel_through_the_app() {
    let dir = tempfile::tempdir().unwrap();
    let r = r();
    let mut app = app_in(dir.path(), None, t0());
    open_e1_ponctuel(&mut app, t0());
    // Phase A (25 min maximum) ended early at 21:40; phase B (15 min) run to its end.
    press(&mut app, " ", at(10));
    press(&mut app, "fo", at(10 + 21 * 60 + 40));
    press(&mut app, " ", at(22 * 60 + 30));
    press(&mut app, "f", at(22 * 60 + 30 + 15 * 60));
    assert!(app.state().unwrap().is_finished());
    assert!(app.message().unwrap().contains("Épreuve terminée"));
    // The grid: every criterion at S (3) or TS (4), a note per competence (proposal taken,
    // typed, proposal taken), the appreciation, validation.
    let t = at(40 * 60);
    press(&mut app, "g", t);
    assert!(matches!(app.screen(), Screen::Grid(_)));
    grade_e1(&mut app, t);
    let e = r.epreuve("E1").unwrap();
    press(&mut app, "v", at(41 * 60));
    app.resize(120, 40);
    let screen = render(120, 40, |f| app.render(f));
    assert!(app.message().is_none(), "{:?}", app.message());
    let state = app.state().unwrap().clone();
    let grid = &state.grids["0123"];
    assert!(grid.is_validated(), "not validated:\n{screen}");
    let n_criteres: usize = r.competences_of(e).map(|c| c.criteres.len()).sum();
    assert_eq!(grid.positions.len(), n_criteres);
    assert_eq!(grid.notes["C1.2"].fr(), "14,5");
    assert_eq!(grid.appreciation, "Exposé clair ; réponses précises.");
    assert!(state.runs[0].early && !state.runs[1].early);
    // The log replays to the very state the app shows.
    assert_eq!(replayed(&app), state);
    // After validation a change needs a reason and becomes an amendment.
    app.handle_key(&key(KeyCode::Home), at(42 * 60));
    press(&mut app, "1", at(42 * 60));
    assert!(
        app.state().unwrap().grids["0123"].amendments.is_empty(),
        "asks first"
    );
    press(&mut app, "erreur de saisie\n", at(42 * 60 + 10));
    let grid = &app.state().unwrap().grids["0123"];
    assert_eq!(grid.amendments.len(), 1, "{:?}", app.message());
    assert_eq!(grid.amendments[0].reason, "erreur de saisie");
    assert_eq!(replayed(&app), *app.state().unwrap());
}
