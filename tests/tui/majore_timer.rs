//! « Temps majoré » recorded from the timer after the opening (`t`): through `App::update` with
//! the fake clock, on a real sessions folder. Recording moves the running phase's planned end at
//! once (countdown, due end, thresholds); the domain's refusals (a phase already ended) are
//! shown in its words and write nothing; Échap writes nothing.

use crate::support::*;
use sno_jury::tui::App;
use sno_jury::tui::app::Screen;

/// E2 ponctuel, one candidate typed in, no aménagement: phase A lasts 20 min, B 15 min.
fn open_e2_ponctuel(app: &mut App) {
    press(app, "n22\n", t0());
    press(app, "0123\nDurand\nÉloïse\nLycée Hugo\n", t0());
    press(app, "Mme Lefèvre\nM. Nguyen→\n\n", t0());
    press(app, "\n", t0());
    let s = app.state().expect("the séance is open");
    assert!(s.amenagements.is_empty());
}

fn panel_open(app: &App) -> bool {
    matches!(app.screen(), Screen::Timer(t) if t.majore.is_some())
}

fn screen(app: &mut App) -> String {
    render(100, 30, |f| app.render(f))
}

#[test]
fn a_third_recorded_on_the_running_phase_moves_its_end() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), None, t0());
    open_e2_ponctuel(&mut app);
    press(&mut app, " ", at(1));
    let before = screen(&mut app);
    assert!(before.contains("temps restant sur 20:00"), "{before}");
    assert!(before.contains("fin prévue 14:35"), "{before}");
    let records = open_log_records(&app).len();

    // `t` opens the panel; `t` there: d’un tiers, on the phases not yet ended (A and B).
    press(&mut app, "tt", at(60));
    assert!(panel_open(&app));
    app.resize(80, 24);
    insta::assert_snapshot!("majore_panel_80x24", render(80, 24, |f| app.render(f)));
    app.resize(120, 40);
    insta::assert_snapshot!("majore_panel_120x40", render(120, 40, |f| app.render(f)));
    app.resize(100, 30);
    assert_eq!(open_log_records(&app).len(), records, "nothing yet");

    press(&mut app, "\n", at(62));
    assert!(!panel_open(&app), "closed once recorded");
    let s = app.state().unwrap();
    let a = &s.amenagements["0123"];
    assert_eq!(a.majoration.to_string(), "1/3");
    assert_eq!(a.phases, ["A", "B"]);
    let log = open_log_records(&app);
    assert_eq!(log.len(), records + 1);
    assert_eq!(log.last().unwrap().event.kind(), "amenagement_recorded");
    assert_eq!(&replayed(&app), app.state().unwrap());
    assert!(
        app.message()
            .is_some_and(|m| m.starts_with("Temps majoré consigné au journal")),
        "{:?}",
        app.message()
    );

    // On screen at once: 26:40 on the countdown and the list, the due end 11 min later.
    let after = screen(&mut app);
    assert!(
        after.contains("temps restant sur 26:40 · temps majoré d’un tiers"),
        "{after}"
    );
    assert!(after.contains("26:40+"), "{after}");
    assert!(after.contains("fin prévue 14:46"), "{after}");
    // The bells' thresholds moved too: no « 5 min » bell at 15:00, it rings at 21:40.
    app.tick(at(1 + 15 * 60 + 1));
    assert!(!app.take_bell(), "the normal time's threshold is gone");
    assert!(!screen(&mut app).contains("MOINS DE 5 MIN"));
    app.tick(at(1 + 21 * 60 + 41));
    assert!(app.take_bell(), "5 min before the majored end");
    // Past the 20 normal minutes, the phase is not over its time.
    let later = screen(&mut app);
    assert!(!later.contains("DÉPASSEMENT"), "{later}");
    assert!(later.contains("MOINS DE 5 MIN"), "{later}");
    app.tick(at(1 + 26 * 60 + 41));
    assert!(screen(&mut app).contains("DÉPASSEMENT"));
}

#[test]
fn a_phase_already_ended_is_refused_in_the_domain_s_words() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), None, t0());
    open_e2_ponctuel(&mut app);
    press(&mut app, " ", at(1));
    // Phase A ended early (confirmed), B not started.
    press(&mut app, "f", at(600));
    press(&mut app, "o", at(601));
    assert!(app.state().unwrap().runs[0].ended.is_some());
    let records = open_log_records(&app).len();

    press(&mut app, "tt", at(700));
    let panel = screen(&mut app);
    assert!(
        panel.contains("1 [ ] A · Exposé"),
        "by default, only B: {panel}"
    );
    assert!(panel.contains("terminée"), "{panel}");
    // A back in: refused by the domain, nothing written, the panel keeps the choice.
    press(&mut app, "1\n", at(702));
    let said = app.message().unwrap_or_default().to_string();
    assert!(
        said.contains(
            "la phase « A » est déjà terminée ; l’aménagement doit être enregistré avant sa fin"
        ),
        "{said}"
    );
    assert_eq!(open_log_records(&app).len(), records, "nothing written");
    assert!(app.state().unwrap().amenagements.is_empty());
    assert!(panel_open(&app), "kept open to correct");
    // Whole in the panel, where the message line of 80 columns cuts it.
    app.resize(80, 24);
    let small = render(80, 24, |f| app.render(f));
    assert!(
        small.contains("Non consigné : temps majoré : la phase « A » est"),
        "{small}"
    );
    assert!(small.contains("avant sa fin"), "{small}");
    app.resize(100, 30);
    // A out again: B only is recorded.
    press(&mut app, "1\n", at(704));
    assert!(!panel_open(&app));
    assert_eq!(app.state().unwrap().amenagements["0123"].phases, ["B"]);
    assert_eq!(open_log_records(&app).len(), records + 1);
    assert!(screen(&mut app).contains("Prochaine phase : B"));
    assert!(screen(&mut app).contains("temps majoré d’un tiers"));
}

#[test]
fn escape_writes_nothing_and_a_withdrawal_is_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), None, t0());
    open_e2_ponctuel(&mut app);
    press(&mut app, " ", at(1));
    let records = open_log_records(&app).len();
    press(&mut app, "tt2\x1b", at(30));
    assert!(!panel_open(&app));
    assert_eq!(open_log_records(&app).len(), records);
    assert!(app.state().unwrap().amenagements.is_empty());
    assert!(!screen(&mut app).contains("temps majoré"));

    // Entrée with nothing changed: nothing to record.
    press(&mut app, "t\n", at(40));
    assert!(!panel_open(&app));
    assert_eq!(open_log_records(&app).len(), records);

    // Recorded, then withdrawn (`t` past the smallest fraction: aucun): the log says `0`.
    press(&mut app, "tt\n", at(50));
    assert_eq!(open_log_records(&app).len(), records + 1);
    press(&mut app, "ttttt\n", at(60));
    assert!(app.state().unwrap().amenagements.is_empty());
    let log = open_log_records(&app);
    assert_eq!(log.len(), records + 2);
    assert!(
        app.message().is_some_and(|m| m.contains("retiré")),
        "{:?}",
        app.message()
    );
    assert!(screen(&mut app).contains("temps restant sur 20:00"));
}

#[test]
fn in_a_group_the_arrows_choose_the_candidate() {
    let dir = tempfile::tempdir().unwrap();
    // E1 in CCF, situation A: the group of three, the commission (as the binding test does).
    let mut app = app_with_group_of_three(dir.path());
    press(&mut app, " ", at(1));
    press(&mut app, "t↓t", at(30));
    let panel = screen(&mut app);
    assert!(
        panel.contains("▶ MARTIN Paul (1002) : temps majoré d’un tiers"),
        "{panel}"
    );
    assert!(panel.contains("DURAND Éloïse (1001) : aucun"), "{panel}");
    // The speaker keys are the panel's digits while it is open: 2 takes the entretien out.
    press(&mut app, "2\n", at(31));
    let s = app.state().unwrap();
    assert_eq!(s.amenagements.len(), 1);
    assert_eq!(s.amenagements["1002"].phases, ["expose"]);
    assert_eq!(s.speaker(), None, "no speaker was chosen by the digit");
    let timer = screen(&mut app);
    assert!(
        timer.contains("temps majoré d’un tiers pour MARTIN Paul"),
        "{timer}"
    );
}
