//! The texts' rules as the jury meets them in the app, driven by keys with a fake clock on a
//! real sessions folder: the voie from the candidates list (recorded with the opening, used by
//! the PFMP), the form-by-status warning, the commission corrected from the grid, « non
//! observé », and the first ↓ of the qualité choice.

use crate::support::*;
use sno_jury::candidats;
use sno_jury::referentiel::Voie;
use sno_jury::session::{Event, Membre};
use sno_jury::tui::App;
use sno_jury::tui::app::Screen;

fn log_events(app: &App) -> Vec<Event> {
    assert_eq!(
        &replayed(app),
        app.state().unwrap(),
        "the log is what the screen shows"
    );
    open_log_records(app).into_iter().map(|r| r.event).collect()
}

fn screen(app: &mut App, w: u16, h: u16) -> String {
    render(w, h, |f| app.render(f))
}

fn import(csv: &str) -> candidats::Import {
    candidats::parse(csv.as_bytes()).expect("imports")
}

#[test]
fn the_voie_of_the_list_is_recorded_with_the_opening_and_carried_by_the_pfmp() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with(
        dir.path(),
        import("numero;nom;voie\n0123;Durand;apprentie\n"),
    );
    // E2, CCF, situation unique; the candidate picked from the list; two teachers.
    press(&mut app, "n2\n1", t0());
    press(&mut app, "dur\n", t0());
    press(&mut app, "Mme A\nMme B\n\n", t0());
    assert!(screen(&mut app, 100, 30).contains("Voie de Durand : apprentissage"));
    press(&mut app, "\n", at(1));
    assert!(
        matches!(app.screen(), Screen::Grid(_)),
        "{:?}",
        app.message()
    );
    let voie = Event::VoieRecorded {
        candidat: "0123".into(),
        voie: Voie::Apprentissage,
    };
    assert!(log_events(&app).contains(&voie));
    // The PFMP: no weeks are required of an apprentice, and the event says why.
    press(&mut app, "f0\n", at(2));
    let pfmp = app.state().unwrap().grids["0123"].pfmp.expect("recorded");
    assert_eq!(
        (pfmp.voie, pfmp.required),
        (Some(Voie::Apprentissage), None)
    );
    assert!(log_events(&app).iter().any(|e| matches!(
        e,
        Event::PfmpRecorded {
            voie: Some(Voie::Apprentissage),
            ..
        }
    )));
}

#[test]
fn the_recap_warns_of_a_form_annexe_iv_does_not_give_for_the_voie() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with(
        dir.path(),
        import("numero;nom;prenom;statut\n0123;Durand;Éloïse;expérience professionnelle\n"),
    );
    // E3, CCF, situation A.
    press(&mut app, "n31A", t0());
    press(&mut app, "1", t0());
    press(&mut app, "dur\n", t0());
    press(&mut app, "Mme A\nMme B\n\n", t0());
    for (w, h) in [(80, 24), (120, 40)] {
        app.resize(w, h);
        let s = screen(&mut app, w, h);
        assert!(
            s.contains("Annexe IV : la forme CCF est prévue pour"),
            "{s}"
        );
        insta::assert_snapshot!(format!("recap_voie_warning_{w}x{h}"), s);
    }
    // A warning, not a refusal: the séance opens.
    press(&mut app, "\n", at(1));
    assert!(app.state().is_some(), "{:?}", app.message());
}

#[test]
fn e2_ccf_asks_the_voie_at_the_recap_when_the_list_has_none() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), None, t0());
    press(&mut app, "n2\n1", t0());
    press(&mut app, "0123\nDurand\n\n\n", t0());
    press(&mut app, "Mme A\nMme B\n\n", t0());
    assert!(screen(&mut app, 100, 30).contains("v pour la choisir"));
    // v: scolaire, then apprentissage.
    press(&mut app, "vv", t0());
    assert!(screen(&mut app, 100, 30).contains("Voie de Durand : apprentissage"));
    press(&mut app, "\n", at(1));
    assert_eq!(
        app.state().unwrap().grids["0123"].voie,
        Some(Voie::Apprentissage)
    );
}

#[test]
fn the_first_down_in_the_qualite_choice_moves_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), None, t0());
    press(&mut app, "n\n2\n", t0());
    press(&mut app, "0123\nDurand\nÉloïse\nLycée Hugo\n", t0());
    let qualite = |app: &App| match app.screen() {
        Screen::Wizard(w) => w.wizard.qualite,
        _ => panic!("in the wizard"),
    };
    assert_eq!(qualite(&app), 0);
    press(&mut app, "↓", t0());
    assert_eq!(qualite(&app), 1, "the first ↓ moves");
    assert!(screen(&mut app, 100, 30).contains("Professionnel du secteur du numérique"));
    press(&mut app, "↓", t0());
    assert_eq!(qualite(&app), 0);
    // In the grid's commission panel too: the first ↓ moves off the quality offered.
    press(&mut app, "Mme Lefèvre\n\n\n", t0());
    press(&mut app, "g", at(1));
    assert!(matches!(app.screen(), Screen::Grid(_)));
    press(&mut app, "ma", at(1));
    let before = screen(&mut app, 100, 30);
    assert!(before.contains("● Professionnel"), "{before}");
    press(&mut app, "↓", at(1));
    let after = screen(&mut app, 100, 30);
    assert!(after.contains("○ Professionnel"), "{after}");
}

#[test]
fn the_commission_is_corrected_from_the_grid_and_logged() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), None, t0());
    open_e1_ponctuel(&mut app, t0());
    press(&mut app, "g", at(1));
    // The commission panel: on M. Nguyen (professionnel), « corriger la qualité ».
    press(&mut app, "mjc", at(2));
    let nguyen = |q: &str| Membre {
        nom: "M. Nguyen".into(),
        qualite: q.into(),
    };
    assert_eq!(app.state().unwrap().members[1], nguyen("enseignant"));
    let events = log_events(&app);
    let n = events.len();
    assert_eq!(
        events[n - 2..],
        [
            Event::MemberRemoved {
                membre: nguyen("professionnel")
            },
            Event::MemberAdded {
                membre: nguyen("enseignant")
            },
        ]
    );
    // « retirer »: he leaves the commission.
    press(&mut app, "r", at(3));
    assert_eq!(app.state().unwrap().members.len(), 1);
    assert!(screen(&mut app, 100, 30).contains("manque"));
    press(&mut app, "\x1b", at(3));
    log_events(&app);
}

#[test]
fn non_observe_through_the_app() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), None, t0());
    open_e1_ponctuel(&mut app, t0());
    press(&mut app, "g", at(1));
    press(&mut app, "o", at(2));
    let grid = &app.state().unwrap().grids["0123"];
    assert!(grid.non_observes.contains("C1.1-1"));
    assert!(screen(&mut app, 100, 30).contains("non observé"));
    assert!(log_events(&app).contains(&Event::CriterionNotObserved {
        candidat: "0123".into(),
        critere: "C1.1-1".into(),
    }));
    press(&mut app, "o", at(3));
    assert!(app.state().unwrap().grids["0123"].non_observes.is_empty());
}

#[test]
fn after_validation_the_commission_is_amended_with_the_reason_typed_in_the_panel() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), None, t0());
    open_e1_ponctuel(&mut app, t0());
    press(&mut app, "g", at(1));
    grade_e1(&mut app, at(2));
    press(&mut app, "v", at(3));
    assert!(
        app.state().unwrap().grids["0123"].is_validated(),
        "{:?}",
        app.message()
    );
    press(&mut app, "mjc", at(4));
    assert!(screen(&mut app, 100, 30).contains("Amendement de la commission"));
    // No reason: refused, nothing written.
    press(&mut app, "\n", at(5));
    assert!(app.message().unwrap().contains("motif est obligatoire"));
    press(&mut app, "professionnel saisi par erreur\n", at(6));
    let events = log_events(&app);
    let amendments: Vec<&Event> = events
        .iter()
        .filter(|e| matches!(e, Event::Amendment { reason, .. } if reason == "professionnel saisi par erreur"))
        .collect();
    assert_eq!(amendments.len(), 2, "removal then addition");
    let grid = &app.state().unwrap().grids["0123"];
    assert_eq!(grid.amendments.len(), 2);
    assert_eq!(app.state().unwrap().members[1].qualite, "enseignant");
}
