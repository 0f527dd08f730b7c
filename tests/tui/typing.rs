//! The app and time for what the jury types and what the clock does, driven with stamps as the
//! loop reads them: the appréciation's draft written when typing pauses (and no wake-up once
//! written), a paste inserted at once and capped, what the grid holds flushed when the app is
//! made to end, and durations that ignore a step of the system clock.

use std::collections::BTreeMap;
use std::time::Duration;

use crate::support::*;
use sno_jury::session::{self, ClockAnomalyKind, Event};
use sno_jury::tui::App;
use sno_jury::tui::app::{DRAFT_PAUSE, Screen};
use sno_jury::tui::grid::APPRECIATION_MAX;

/// The appréciation events in the séance's log, in order.
fn logged_appreciations(app: &App) -> Vec<String> {
    let path = app.live().expect("a séance is open").seance.path();
    session::read_log(path)
        .expect("log reads")
        .records
        .into_iter()
        .filter_map(|rec| match rec.event {
            Event::AppreciationSet { text, .. } => Some(text),
            _ => None,
        })
        .collect()
}

/// An E1 ponctuel opened at `stamp(0)`, phase A running, the grid shown with the appréciation
/// editor open.
fn editing(dir: &std::path::Path) -> App {
    let mut app = app_in(dir, None, t0());
    open_e1_ponctuel(&mut app, stamp(0));
    press(&mut app, " ", stamp(1));
    press(&mut app, "ge", stamp(2));
    assert!(matches!(app.screen(), Screen::Grid(_)));
    app
}

#[test]
fn the_draft_is_written_once_typing_pauses_and_then_nothing_wakes_for_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = editing(dir.path());
    // On the grid the loop wakes each second for the phase's line: undo the phase's start (u,
    // within 10 s) so that only the draft can wake it.
    press(&mut app, "\x1b\tu", stamp(3));
    assert!(app.state().unwrap().runs.is_empty());
    press(&mut app, "ge", stamp(4));
    assert_eq!(app.next_wake(stamp(4)), None, "idle editor: no wake-up");
    press(&mut app, "Exposé ", stamp(10));
    press(&mut app, "clair", stamp(11));
    let pause = DRAFT_PAUSE.num_seconds();
    // One deadline, from the first key not in the log; nothing written per key.
    assert_eq!(app.next_wake(stamp(11)), Some(at(10 + pause)));
    assert!(logged_appreciations(&app).is_empty());
    app.tick(stamp(10 + pause - 1));
    assert!(logged_appreciations(&app).is_empty(), "not due yet");
    app.tick(stamp(10 + pause));
    assert_eq!(logged_appreciations(&app), ["Exposé clair"]);
    assert!(
        matches!(app.screen(), Screen::Grid(_)),
        "the editor stays open"
    );
    assert_eq!(
        app.next_wake(stamp(10 + pause)),
        None,
        "written: no more wake-up"
    );
    // Typing without a pause is written every DRAFT_PAUSE all the same.
    for k in 0..=pause * 4 {
        press(&mut app, "!", stamp(20 + k));
        app.tick(stamp(20 + k));
    }
    // Each key typed more than DRAFT_PAUSE before the last moment is in the log.
    let drafts = logged_appreciations(&app);
    let last = drafts.last().map_or(0, |t| t.matches('!').count());
    let old_enough = usize::try_from(pause * 4 - pause + 1).unwrap();
    assert!(drafts.len() >= 3 && last >= old_enough, "{drafts:?}");
    // Typing on, then Échap (leaving the field) saves at once.
    press(&mut app, ".", stamp(40));
    press(&mut app, "\x1b", stamp(40));
    let drafts = logged_appreciations(&app);
    assert!(
        drafts.last().is_some_and(|t| t.ends_with("!.")),
        "{drafts:?}"
    );
    assert_eq!(app.next_wake(stamp(40)), None);
}

#[test]
fn no_draft_on_a_validated_grid() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), None, t0());
    open_e1_ponctuel(&mut app, stamp(0));
    press(&mut app, "g", stamp(1));
    grade_e1(&mut app, at(1));
    press(&mut app, "v", stamp(2));
    let validated = |app: &App| app.state().unwrap().grids["0123"].is_validated();
    assert!(validated(&app), "{:?}", app.message());
    press(&mut app, "e ajout", stamp(3));
    assert_eq!(
        app.next_wake(stamp(3)),
        None,
        "a change needs its reason first"
    );
    app.tick(stamp(60));
    assert_eq!(
        logged_appreciations(&app).len(),
        1,
        "only the one before validation"
    );
}

#[test]
fn a_paste_is_inserted_at_once_and_capped() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = editing(dir.path());
    // 5 KB with Windows line breaks and a control character.
    let paragraph = "Exposé structuré, réponses précises.\r\n".repeat(128) + "Fin\u{7}.";
    assert!(paragraph.len() > 5_000);
    assert!(app.paste(&paragraph, stamp(3)));
    assert_eq!(app.message(), None);
    app.tick(stamp(3 + DRAFT_PAUSE.num_seconds()));
    let expected = "Exposé structuré, réponses précises.\n".repeat(128) + "Fin.";
    assert_eq!(logged_appreciations(&app), std::slice::from_ref(&expected));

    // A megabyte: cut to what fits, said on the message line.
    let big = "x".repeat(1 << 20);
    assert!(app.paste(&big, stamp(10)));
    assert!(
        app.message()
            .is_some_and(|m| m.contains("10\u{202f}000 caractères")),
        "{:?}",
        app.message()
    );
    press(&mut app, "\x1b", stamp(11));
    let saved = &app.state().unwrap().grids["0123"].appreciation;
    assert_eq!(saved.chars().count(), APPRECIATION_MAX);
    assert!(saved.starts_with(&expected) && saved.ends_with("xxx"));
    // Typing more is refused, and said.
    press(&mut app, "e", stamp(12));
    press(&mut app, "y", stamp(12));
    assert!(app.message().is_some_and(|m| m.contains("limitée")));
    press(&mut app, "\x1b", stamp(13));
    let saved = &app.state().unwrap().grids["0123"].appreciation;
    assert_eq!(saved.chars().count(), APPRECIATION_MAX);
}

#[test]
fn a_paste_outside_a_field_never_acts_as_keys() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), None, t0());
    // « n » on the start screen would open the wizard.
    assert!(app.paste("n\n2\n", stamp(0)));
    assert!(matches!(app.screen(), Screen::Start(_)));
    assert!(app.message().is_some_and(|m| m.contains("collage")));
    // In a text field of the wizard, its first line is typed.
    press(&mut app, "n\n2\n", stamp(1));
    assert!(app.paste("0123\nignoré", stamp(2)));
    let screen = render(100, 30, |f| app.render(f));
    assert!(
        screen.contains("0123") && !screen.contains("ignoré"),
        "{screen}"
    );
}

#[test]
fn ending_the_app_records_what_is_being_typed() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = editing(dir.path());
    press(&mut app, "Réponses précises", stamp(5));
    app.interrupted(stamp(6));
    assert!(app.should_quit());
    assert_eq!(logged_appreciations(&app), ["Réponses précises"]);
}

#[test]
fn a_step_of_the_system_clock_changes_no_duration_and_no_wake_up() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), None, t0());
    open_e1_ponctuel(&mut app, stamp(0));
    press(&mut app, " ", stamp(10));
    // 100 s later the system clock is set an hour forward, the next second back again.
    let hour = 3_600_000;
    app.tick(stamp_ms(110_000 + hour, 110_000));
    assert!(
        app.message()
            .is_some_and(|m| m.contains("avancé de 3600 s"))
    );
    let elapsed = app.clock().unwrap().phases[0].elapsed;
    assert_eq!(elapsed, Duration::from_secs(100));
    let timeout = app.timeout(stamp_ms(110_300 + hour, 110_300)).unwrap();
    assert_eq!(
        timeout,
        Duration::from_millis(700),
        "the next displayed second"
    );
    app.tick(stamp_ms(111_000, 111_000));
    assert!(
        app.message()
            .is_some_and(|m| m.contains("reculé de 3600 s"))
    );
    // A pause during which the clock steps back 10 min: the pause lasts its real 60 s.
    press(&mut app, "p1\n", stamp(200));
    app.tick(stamp_ms(230_000 - 600_000, 230_000));
    press(&mut app, "p", stamp_ms(260_000 - 600_000, 260_000));
    let state = app.state().unwrap();
    let anomalies: Vec<_> = state.clock_anomalies.iter().map(|a| a.kind).collect();
    use ClockAnomalyKind::{Backwards, Jump};
    assert_eq!(anomalies, [Jump, Backwards, Backwards]);
    let pause = &state.pauses[0];
    let lasted = pause.end.unwrap() - pause.start;
    assert_eq!(lasted.num_milliseconds(), 60_000);
    // The log replays to the same durations.
    let log = session::read_log(app.live().unwrap().seance.path()).unwrap();
    let replayed = session::replay(&r(), &log.records, &BTreeMap::new()).unwrap();
    let now = replayed.time_of(stamp_ms(270_000 - 600_000, 270_000));
    let clock = sno_jury::timing::clock(&replayed, now);
    assert_eq!(clock.phases[0].elapsed, Duration::from_secs(270 - 10 - 60));
}
