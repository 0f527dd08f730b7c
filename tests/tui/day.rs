//! The exam day through `App::update` with a fake clock, on a real sessions folder and a plan
//! of the day: the day list and its offset, the next passage in two keys (the created log holds
//! the plan's épreuve, form, situation, candidate and commission), an absence recorded from the
//! day list (justified, not, refused where the candidate is not present), training séances
//! hidden, the folder read again when another window writes, and the screens at 80×24 and
//! 120×40.

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::*;
use sno_jury::convocations::{self, Passage};
use sno_jury::session::{self, Event, NotAssessed, SeanceState};
use sno_jury::tui::app::Screen;
use sno_jury::tui::theme::Theme;
use sno_jury::tui::wizard::Step;
use sno_jury::tui::{App, Config};

/// 12 June 2025 in Paris: t0 is 14:00 there.
const PLAN: &str = "date;heure;épreuve;forme;situation;numéro;salle;commission\n\
    12/06/2025;14:00;E1;ponctuel;;0123;B12;Mme Lefèvre (enseignant) / M. Nguyen (professionnel)\n\
    12/06/2025;14:45;E1;ponctuel;;0456;B12;Mme Lefèvre (enseignant) / M. Nguyen (professionnel)\n\
    12/06/2025;15:30;E1;ponctuel;;0789;B12;\n\
    12/06/2025;16:10;E2;CCF;;0123;B14;\n\
    13/06/2025;08:00;E1;ponctuel;;0999;B12;\n";

pub fn plan() -> Vec<Passage> {
    let c = convocations::parse(&r(), PLAN.as_bytes()).expect("plan");
    assert!(c.rejets.is_empty(), "{:?}", c.rejets);
    c.passages
}

fn import() -> sno_jury::candidats::Import {
    sno_jury::candidats::parse(
        "numero;nom;prenom\n0123;Durand;Éloïse\n0456;Martin;Paul\n0789;Benali;Sofia\n".as_bytes(),
    )
    .unwrap()
}

/// The app on `dir` with the plan and the candidates, at `now`.
pub fn app_day(dir: &Path, vitesse: Option<u32>, now: chrono::DateTime<chrono::Utc>) -> App {
    let cfg = Config {
        dir: dir.to_path_buf(),
        import: import(),
        vitesse,
        theme: Theme::plain(),
        tz: paris(),
        plan: plan(),
    };
    let mut app = App::new(r(), cfg, now);
    app.resize(100, 30);
    app
}

fn screen(app: &mut App, w: u16, h: u16) -> String {
    app.resize(w, h);
    render(w, h, |f| app.render(f))
}

/// Every log of the folder, replayed alone (no earlier séances in these tests).
fn logs(dir: &Path) -> Vec<SeanceState> {
    let mut out = Vec::new();
    for path in session::list_logs(dir).unwrap() {
        let log = session::read_log(&path).unwrap();
        out.push(session::replay(&r(), &log.records, &BTreeMap::new()).unwrap());
    }
    out
}

#[test]
fn the_day_lists_todays_passages_and_a_late_start() {
    let dir = tempfile::tempdir().unwrap();
    // 14:10 in Paris and nothing started: ten minutes behind.
    let mut app = app_day(dir.path(), None, at(600));
    let s = screen(&mut app, 100, 30);
    assert!(s.contains("+10 min sur le planning"), "{s}");
    assert!(
        s.contains("14:00  suivant   E1 ponctuel unique  B12  DURAND Éloïse (0123)"),
        "{s}"
    );
    assert!(s.contains("14:45  à venir"), "{s}");
    assert!(s.contains("16:10  à venir   E2 CCF unique"), "{s}");
    assert!(!s.contains("0999"), "another day's passage: {s}");
    // On time before the first passage.
    let mut early = app_day(dir.path(), None, at(-300));
    assert!(!screen(&mut early, 100, 30).contains("sur le planning"));
}

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
fn training_seances_can_be_hidden() {
    let dir = tempfile::tempdir().unwrap();
    // A training séance opened outside the plan, then the app for the real day.
    let mut t = app_in(dir.path(), Some(10), t0());
    open_e1_ponctuel(&mut t, t0());
    drop(t);
    let mut app = app_day(dir.path(), None, at(60));
    let s = screen(&mut app, 100, 30);
    assert!(s.contains("Hors planning"), "{s}");
    assert!(s.contains("entraînement ×10"), "{s}");
    assert!(
        s.contains("14:00  suivant"),
        "a training séance is not the real day: {s}"
    );
    press(&mut app, "e", at(61));
    let s = screen(&mut app, 100, 30);
    assert!(!s.contains("entraînement ×10"), "{s}");
    assert!(
        s.contains("Séances d’entraînement masquées (e : les montrer)"),
        "{s}"
    );
    press(&mut app, "e", at(62));
    assert!(screen(&mut app, 100, 30).contains("entraînement ×10"));
}

#[test]
fn the_day_in_training_mode_follows_the_training_seances() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_day(dir.path(), Some(60), t0());
    press(&mut app, "s\n", t0());
    press(&mut app, "\x1b", at(1));
    let s = screen(&mut app, 100, 30);
    assert!(s.contains("Convocations du jour (entraînement)"), "{s}");
    assert!(s.contains("14:00  en cours"), "{s}");
}

#[test]
fn the_start_screen_reads_the_folder_again_when_another_window_writes() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_day(dir.path(), None, t0());
    press(&mut app, "j", t0());
    assert!(app.message().is_none());
    // Another window records the first passage absent.
    let mut other = app_day(dir.path(), None, t0());
    press(&mut other, "a1", at(1));
    assert!(
        other
            .message()
            .unwrap()
            .contains("Absence justifiée enregistrée")
    );
    // Messages clear after a few seconds.
    assert!(other.tick(at(7)));
    assert!(other.message().is_none());
    drop(other);
    assert!(screen(&mut app, 100, 30).contains("14:00  suivant"));
    assert_eq!(app.next_wake(at(1)), Some(at(3)));
    assert!(app.tick(at(3)));
    let s = screen(&mut app, 100, 30);
    assert!(s.contains("14:00  absent"), "{s}");
    // The selection is kept: still on the second passage.
    assert!(s.contains("▶ 14:45"), "{s}");
}

/// The screen with the temporary folder's name masked (its width kept, so the lines stay
/// aligned whatever the system's temporary folder).
fn masked(s: &str, dir: &Path) -> String {
    let path = dir.display().to_string();
    s.lines()
        .map(|l| {
            if !l.contains(&path) {
                return l.to_string();
            }
            let width = l.chars().count();
            let mut m = l.replacen(&path, "DOSSIER", 1);
            m.pop();
            while m.chars().count() < width - 1 {
                m.push(' ');
            }
            m.push('"');
            m
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn day_screens() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_day(dir.path(), None, t0());
    press(&mut app, "a1", t0());
    press(&mut app, "s\n", at(300));
    press(&mut app, " ", at(420));
    press(&mut app, "\x1b", at(900));
    press(&mut app, "o", at(900));
    let mut t = app_in(dir.path(), Some(10), at(901));
    press(&mut t, "n\n2\n", at(901));
    press(&mut t, "0999\nRoy\nLéa\nLycée Hugo\n", at(901));
    press(&mut t, "Mme A\nMme B\n\n\n", at(901));
    drop(t);
    let mut app = app_day(dir.path(), None, at(960));
    for (w, h) in [(80, 24), (120, 40)] {
        let s = masked(&screen(&mut app, w, h), dir.path());
        insta::assert_snapshot!(format!("day_{w}x{h}"), s);
    }
    press(&mut app, "a", at(961));
    let s = masked(&screen(&mut app, 80, 24), dir.path());
    insta::assert_snapshot!("day_absence_80x24", s);
}

#[test]
fn the_start_screen_names_a_phase_as_the_timer_does() {
    use sno_jury::referentiel::FormeKind;
    use sno_jury::tui::start::{Overview, Progress};
    let r = r();
    let ccf = info(
        &r,
        "E1",
        FormeKind::Ccf,
        "A",
        vec![
            cand("0123", "Durand", "Éloïse"),
            cand("0456", "Martin", "Paul"),
        ],
    );
    let s = state(&r, ccf, &[(10, started("expose"))]);
    let Progress::Running { phase } = Overview::of(&s).progress else {
        panic!("running")
    };
    assert!(phase.starts_with("Exposé"), "{phase}");
    let ponctuel = e1_ponctuel(&r, &[(10, started("A"))]);
    assert_eq!(
        Overview::of(&ponctuel).progress,
        Progress::Running {
            phase: "phase A".into()
        }
    );
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
