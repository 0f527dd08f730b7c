//! The exam day through `App::update` with a fake clock, on a real sessions folder and a plan
//! of the day: the day list and its offset, training séances hidden (and followed in training
//! mode), the folder read again when another window writes, phases named as the timer names
//! them, and the screens at 80×24 and 120×40; the fixtures the day's other tests share. The
//! day's keys are in `day_keys`, the real binary through a short day in `day_e2e`.

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::*;
use sno_jury::convocations::{self, Passage};
use sno_jury::session::{self, SeanceState};
use sno_jury::tui::theme::Theme;
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

pub fn screen(app: &mut App, w: u16, h: u16) -> String {
    app.resize(w, h);
    render(w, h, |f| app.render(f))
}

/// Every log of the folder, replayed alone (no earlier séances in these tests).
pub fn logs(dir: &Path) -> Vec<SeanceState> {
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
