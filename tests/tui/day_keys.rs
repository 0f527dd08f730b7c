//! The day's keys through `App::update` with a fake clock: the next passage in two keys (the
//! created log holds the plan's épreuve, form, situation, candidate and commission) and offered
//! once a grid is validated, the commission of the day, a candidate the lists do not name, and
//! an absence recorded from the day list (justified, not, refused where the candidate is not
//! present).

use crate::day::{app_day, logs, plan, screen};
use crate::support::*;
use sno_jury::session::{self, Event, NotAssessed};
use sno_jury::tui::app::Screen;
use sno_jury::tui::theme::Theme;
use sno_jury::tui::wizard::Step;
use sno_jury::tui::{App, Config};

#[test]
fn next_candidate_in_two_keys_then_offered_after_validation() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_day(dir.path(), None, at(720));
    press(&mut app, "s", at(720));
    let Screen::Wizard(w) = app.screen() else {
        panic!("the wizard: {:?}", app.message())
    };
    assert_eq!(w.wizard.step, Step::Recap, "{:?}", w.wizard.error);
    press(&mut app, "\n", at(721));
    assert!(
        matches!(app.screen(), Screen::Timer(_)),
        "{:?}",
        app.message()
    );
    let state = app.state().unwrap();
    let i = &state.info;
    assert_eq!(
        (i.epreuve.as_str(), i.forme.label(), i.situation.as_str()),
        ("E1", "ponctuel", "unique")
    );
    assert_eq!(i.candidats[0].numero, "0123");
    assert_eq!(i.candidats[0].nom, "Durand");
    let members: Vec<(&str, &str)> = state
        .members
        .iter()
        .map(|m| (m.nom.as_str(), m.qualite.as_str()))
        .collect();
    assert_eq!(
        members,
        [
            ("Mme Lefèvre", "enseignant"),
            ("M. Nguyen", "professionnel")
        ]
    );
    // The log on disk holds the same.
    assert_eq!(&logs(dir.path())[0], app.state().unwrap());

    // Started 12 min late: due to end at 14:52 instead of 14:40.
    press(&mut app, " ", at(721));
    press(&mut app, "\x1b", at(730));
    press(&mut app, "o", at(730));
    assert!(matches!(app.screen(), Screen::Start(_)));
    assert!(screen(&mut app, 100, 30).contains("+12 min sur le planning"));

    // Resumed (the cursor up from the next passage), timed to the end and graded: validating
    // offers the next passage.
    press(&mut app, "k\n", at(731));
    press(&mut app, "f", at(721 + 25 * 60));
    press(&mut app, " ", at(721 + 25 * 60));
    press(&mut app, "f", at(721 + 40 * 60));
    press(&mut app, "g", at(721 + 40 * 60));
    grade_e1(&mut app, at(721 + 41 * 60));
    press(&mut app, "v", at(721 + 42 * 60));
    if !app.state().unwrap().grids["0123"].is_validated() {
        // A confirmation asked before validating (an unusual state): yes.
        press(&mut app, "o", at(721 + 42 * 60));
    }
    assert!(app.state().unwrap().grids["0123"].is_validated());
    let said = app.message().unwrap_or_default().to_string();
    assert!(
        said.contains("s : passage suivant — 14:45 · E1 ponctuel unique · MARTIN Paul (0456)"),
        "{said}"
    );
    assert!(app.footer_keys().contains(&("s", "passage suivant")));
    press(&mut app, "s", at(721 + 43 * 60));
    let Screen::Wizard(w) = app.screen() else {
        panic!("the wizard")
    };
    assert_eq!(w.wizard.step, Step::Recap);
    press(&mut app, "\n", at(721 + 43 * 60));
    let state = app.state().unwrap();
    assert_eq!(state.info.candidats[0].numero, "0456");
    assert_eq!(state.members.len(), 2);
}

#[test]
fn a_passage_without_commission_in_the_plan_takes_the_days_last() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_day(dir.path(), None, t0());
    // The first two passages absent (their commission from the plan), then the third: the
    // plan names no commission, the day's last séance gives it.
    press(&mut app, "a1", t0());
    press(&mut app, "a2", at(60));
    press(&mut app, "s", at(120));
    let Screen::Wizard(w) = app.screen() else {
        panic!("the wizard: {:?}", app.message())
    };
    assert_eq!(w.wizard.step, Step::Recap);
    assert_eq!(w.wizard.chosen[0].nom, "Benali");
    assert_eq!(w.wizard.membres.len(), 2);
}

#[test]
fn absent_from_the_day_list_justified_or_not_and_refused_without_the_candidate() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_day(dir.path(), None, t0());
    // Échap: nothing recorded.
    press(&mut app, "a", t0());
    assert!(screen(&mut app, 100, 30).contains("Absence de DURAND Éloïse (0123) (14:00)"));
    press(&mut app, "\x1b", t0());
    assert!(session::list_logs(dir.path()).unwrap().is_empty());
    assert!(app.message().unwrap().contains("rien n’est enregistré"));

    press(&mut app, "a1", at(5));
    press(&mut app, "a2", at(10));
    let all = logs(dir.path());
    assert_eq!(all.len(), 2);
    let grid = |numero: &str| {
        all.iter()
            .find_map(|s| s.grids.get(numero))
            .unwrap_or_else(|| panic!("{numero}"))
            .clone()
    };
    assert_eq!(
        grid("0123").not_assessed,
        Some(NotAssessed::Absent { justified: true })
    );
    assert_eq!(
        grid("0456").not_assessed,
        Some(NotAssessed::Absent { justified: false })
    );
    assert!(grid("0123").is_validated() && grid("0456").is_validated());
    assert!(
        all.iter().all(|s| s.members.len() == 2),
        "the plan's commission"
    );
    // Recorded through the engine: the event is in the log.
    let absent = all
        .iter()
        .flat_map(|s| s.grids.values())
        .filter(|g| matches!(g.not_assessed, Some(NotAssessed::Absent { .. })))
        .count();
    assert_eq!(absent, 2);
    let s = screen(&mut app, 100, 30);
    assert!(s.contains("14:00  absent"), "{s}");
    assert!(s.contains("14:45  absent"), "{s}");
    assert!(s.contains("15:30  suivant"), "{s}");

    // E2 in CCF takes place without the candidate: refused, nothing written.
    press(&mut app, "jjj", at(20));
    press(&mut app, "a", at(20));
    assert!(
        app.message()
            .unwrap()
            .contains("sans la présence de la personne candidate"),
        "{:?}",
        app.message()
    );
    assert_eq!(session::list_logs(dir.path()).unwrap().len(), 2);
    let events = session::read_log(&session::list_logs(dir.path()).unwrap()[0])
        .unwrap()
        .records
        .iter()
        .filter(|r| matches!(r.event, Event::CandidateAbsent { .. }))
        .count();
    assert_eq!(events, 1);
}

#[test]
fn a_candidate_the_lists_do_not_name_is_typed_in_first() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = Config {
        dir: dir.path().to_path_buf(),
        import: Default::default(),
        vitesse: None,
        theme: Theme::plain(),
        tz: paris(),
        plan: plan(),
    };
    let mut app = App::new(r(), cfg, t0());
    app.resize(100, 30);
    assert!(
        screen(&mut app, 100, 30).contains("14:00  suivant   E1 ponctuel unique  B12  n° 0123")
    );
    press(&mut app, "a", t0());
    assert!(
        app.message()
            .unwrap()
            .starts_with("Nom inconnu pour le n° 0123")
    );
    assert!(
        session::list_logs(dir.path())
            .unwrap_or_default()
            .is_empty()
    );
    press(&mut app, "s", t0());
    let Screen::Wizard(w) = app.screen() else {
        panic!("the wizard")
    };
    assert_eq!(w.wizard.step, Step::Candidats);
    // The name, the first name, the school: the commission, as the plan gives it.
    press(&mut app, "Durand\nÉloïse\nLycée Hugo\n", t0());
    let Screen::Wizard(w) = app.screen() else {
        panic!("the wizard")
    };
    assert_eq!(w.wizard.step, Step::Membres, "{:?}", w.wizard.error);
    assert_eq!(w.wizard.membres.len(), 2);
    press(&mut app, "\n\n", t0());
    assert_eq!(app.state().unwrap().info.candidats[0].nom, "Durand");
    assert_eq!(app.state().unwrap().members.len(), 2);
}
