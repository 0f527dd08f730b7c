//! Printing from the apps: `i` on the start screen writes the day's bordereaux and grids beside
//! the sessions folder and says where; `i` in the review writes those of the rows shown.

use crate::support::*;
use crossterm::event::KeyCode;
use sno_jury::tui::action::Action;
use sno_jury::tui::start::StartAction;

#[test]
fn i_on_the_start_screen_prints_the_day_beside_the_sessions() {
    let r = r();
    let root = tempfile::tempdir().unwrap();
    let sessions = root.path().join("sessions");
    std::fs::create_dir(&sessions).unwrap();
    graded_seance(&r, &sessions, "0123", "Durand", t0());
    // Another day's séance stays off today's paper.
    graded_seance(
        &r,
        &sessions,
        "0456",
        "Martin",
        t0() - chrono::TimeDelta::days(3),
    );
    let mut app = app_in(&sessions, None, t0());
    assert_eq!(app.seances().len(), 2);
    app.update(Action::Start(StartAction::Print), t0());
    let out = root.path().join("impression-2025-06-12");
    let msg = app.message().expect("a message").to_string();
    assert_eq!(
        msg,
        format!("1 bordereau, 1 grille écrits dans {}", out.display())
    );
    let grilles = std::fs::read_to_string(out.join("grilles.html")).unwrap();
    assert!(grilles.contains("0123"), "today's candidate printed");
    assert!(
        !grilles.contains("0456"),
        "another day's candidate left out"
    );
    let bordereau = std::fs::read_to_string(out.join("bordereau.html")).unwrap();
    assert!(bordereau.contains("0123") && bordereau.contains("DURAND"));
    // The key is the table's: `i` does the same.
    press(&mut app, "i", t0());
    assert_eq!(app.message(), Some(msg.as_str()));
}

#[test]
fn a_day_without_seance_writes_nothing_and_says_so() {
    let root = tempfile::tempdir().unwrap();
    let sessions = root.path().join("sessions");
    let mut app = app_in(&sessions, None, t0());
    press(&mut app, "i", t0());
    let msg = app.message().expect("a message");
    assert!(
        msg.starts_with("Rien à imprimer pour le 12/06/2025"),
        "{msg}"
    );
    assert!(!root.path().join("impression-2025-06-12").exists());
}

#[test]
fn a_folder_that_cannot_be_written_is_said_in_french() {
    let r = r();
    let root = tempfile::tempdir().unwrap();
    let sessions = root.path().join("sessions");
    std::fs::create_dir(&sessions).unwrap();
    graded_seance(&r, &sessions, "0123", "Durand", t0());
    // A file where the folder should go.
    std::fs::write(root.path().join("impression-2025-06-12"), "").unwrap();
    let mut app = app_in(&sessions, None, t0());
    app.handle_key(&key(KeyCode::Char('i')), t0());
    let msg = app.message().expect("a message");
    assert!(msg.starts_with("Impression impossible : "), "{msg}");
    assert!(msg.contains("impression-2025-06-12"), "{msg}");
}

#[test]
fn i_in_the_review_prints_the_rows_shown() {
    use sno_jury::tui::review::{self, ReviewState, keys};
    let r = r();
    let root = tempfile::tempdir().unwrap();
    let sessions = root.path().join("sessions");
    std::fs::create_dir(&sessions).unwrap();
    graded_seance(&r, &sessions, "0123", "Durand", t0());
    graded_seance(&r, &sessions, "0456", "Martin", t0());
    let rep = sno_jury::review::load(&r, &sessions, paris()).unwrap();
    let mut st = ReviewState::new(&r, &rep);
    let jour = chrono::NaiveDate::from_ymd_opt(2025, 6, 13).unwrap();
    let press = |st: &mut ReviewState, code: KeyCode| {
        let a = keys::action(st, key(code)).expect("mapped key");
        review::apply(&r, &rep, st, a, jour);
    };
    // Only Martin shown.
    press(&mut st, KeyCode::Char('/'));
    for c in "martin".chars() {
        press(&mut st, KeyCode::Char(c));
    }
    press(&mut st, KeyCode::Enter);
    assert_eq!(st.visible().len(), 1);
    press(&mut st, KeyCode::Char('i'));
    let out = root.path().join("impression-2025-06-13");
    assert_eq!(
        st.message.as_deref(),
        Some(format!("1 bordereau, 1 grille écrits dans {}", out.display()).as_str())
    );
    let grilles = std::fs::read_to_string(out.join("grilles.html")).unwrap();
    assert!(grilles.contains("0456") && !grilles.contains("0123"));
    // The message is drawn, then gone at the next key.
    let screen = render(120, 40, |f| {
        sno_jury::tui::review::view::render(
            f,
            &r,
            &rep,
            &st,
            &sno_jury::tui::theme::Theme::plain(),
        );
    });
    assert!(screen.contains("1 bordereau, 1 grille écrits"), "{screen}");
    press(&mut st, KeyCode::Down);
    assert_eq!(st.message, None);
    // No row shown: nothing written.
    press(&mut st, KeyCode::Char('/'));
    for c in "zzz".chars() {
        press(&mut st, KeyCode::Char(c));
    }
    press(&mut st, KeyCode::Enter);
    press(&mut st, KeyCode::Char('i'));
    assert!(
        st.message
            .as_deref()
            .unwrap()
            .starts_with("Rien à imprimer"),
        "{:?}",
        st.message
    );
}

/// Issue 13: a log left by a crash while an older version created a séance is listed as such
/// and removed from the start screen after a confirmation; a real séance never is.
#[test]
fn x_removes_only_a_seance_interrupted_at_its_creation_after_a_yes() {
    let r = r();
    let root = tempfile::tempdir().unwrap();
    let sessions = root.path().join("sessions");
    std::fs::create_dir(&sessions).unwrap();
    graded_seance(&r, &sessions, "0123", "Durand", t0());
    let empty = sessions.join("zz-interrompue.jsonl");
    std::fs::write(&empty, b"").unwrap();
    let mut app = app_in(&sessions, None, t0());
    assert_eq!(app.seances().len(), 2);
    let at = app
        .seances()
        .iter()
        .position(|s| s.path == empty)
        .expect("listed");
    assert!(
        matches!(&app.seances()[at].overview, Err(e) if e.starts_with("séance interrompue à la création")),
        "{:?}",
        app.seances()[at].overview
    );
    // On the real séance: refused, nothing asked, nothing removed.
    let real = app.seances()[1 - at].path.clone();
    if at == 0 {
        press(&mut app, "j", t0());
    }
    press(&mut app, "x", t0());
    assert!(
        app.message()
            .is_some_and(|m| m.starts_with("Seule une séance interrompue"))
    );
    assert!(real.exists());
    // On the interrupted one: a question; « n » keeps it, « o » removes it.
    press(&mut app, if at == 0 { "k" } else { "j" }, t0());
    press(&mut app, "xn", t0());
    assert!(empty.exists(), "no without a yes");
    press(&mut app, "xo", t0());
    assert!(!empty.exists(), "removed after the yes");
    assert!(real.exists());
    assert_eq!(app.seances().len(), 1);
    assert!(
        app.message().is_some_and(|m| m.starts_with("Supprimé :")),
        "{:?}",
        app.message()
    );
}
