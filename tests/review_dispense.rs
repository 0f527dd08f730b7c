//! A candidate dispensé (exempted from an épreuve) through the whole review: status, note,
//! detail, text report, the review screen, the printable grid; and the export's statut. The
//! séances are recorded through the engine with a fake clock.

mod review_support;

use std::path::Path;

use ratatui::{Terminal, backend::TestBackend};
use review_support::*;
use sno_jury::export::grille;
use sno_jury::export::notes::{self, Format};
use sno_jury::export::notes_csv;
use sno_jury::referentiel::{FormeKind, Referentiel};
use sno_jury::review::{Report, Status, detail, text};
use sno_jury::session::{Event, NotAssessed};
use sno_jury::tui::review::{ReviewState, draw};
use sno_jury::tui::theme::Theme;

fn exempted(numero: &str) -> Event {
    Event::CandidateExempted {
        candidat: numero.into(),
    }
}

/// 160: E2 ponctuel, dispensé and validated, no phase run. 161: dispensé, not validated.
/// 162: absent non justifié, then amended to a dispense after validation. 163: graded normally.
fn fixture(dir: &Path, r: &Referentiel) -> Report {
    let open = |id: &str, numero: &str, nom: &str, at: i64| {
        let c = cand(numero, nom, "Sam");
        let i = info(r, id, "E2", FormeKind::Ponctuel, "unique", vec![c]);
        Run::open(dir, r, i, t(at))
    };
    open("d160", "160", "Aubert", 0)
        .members(DEUX_ENSEIGNANTS)
        .ev(exempted("160"))
        .validate("160");
    open("d161", "161", "Blanc", 600)
        .members(DEUX_ENSEIGNANTS)
        .ev(exempted("161"));
    open("d162", "162", "Colin", 1200)
        .members(DEUX_ENSEIGNANTS)
        .ev(Event::CandidateAbsent {
            candidat: "162".into(),
            justified: false,
        })
        .validate("162")
        .wait(3600)
        .ev(Event::Amendment {
            reason: "Unité U2 acquise avec le BTS SIO (attestation reçue).".into(),
            change: Box::new(exempted("162")),
        });
    e2_ponctuel(dir, r, "d163", cand("163", "Dumas", "Sam"), t(9000), true);
    review(r, dir)
}

#[test]
fn a_dispense_has_its_own_status_and_no_note() {
    let (r, d) = (r(), tempfile::tempdir().unwrap());
    let rep = fixture(d.path(), &r);
    let st = |n| entry(&rep, n, "E2").status;
    assert_eq!(st("160"), Status::Dispense);
    assert_eq!(
        st("161"),
        Status::AValider,
        "no phase is awaited from a dispensé"
    );
    assert_eq!(st("162"), Status::Dispense);
    assert_eq!(st("163"), Status::Validee);
    assert_eq!(Status::Dispense.label(), "dispensé");
    for n in ["160", "162"] {
        let e = entry(&rep, n, "E2");
        assert_eq!(e.grid.not_assessed, Some(NotAssessed::Exempted));
        assert_eq!(kinds(e), vec![], "nothing was to be evaluated: {n}");
        assert_eq!(detail::note_text(&r, e), "dispensé");
        assert_eq!(e.totals(&r), None);
    }
    // The amendment says what changed and why.
    let lines: Vec<String> = detail::lines(&r, &rep, entry(&rep, "162", "E2"))
        .into_iter()
        .map(|l| l.text)
        .collect();
    let all = lines.join("\n");
    assert!(
        all.contains("statut : dispensé — note /20 : dispensé"),
        "{all}"
    );
    assert!(all.contains("  Dispensé\n"), "{all}");
    assert!(all.contains("dispense de l’épreuve"), "{all}");
    assert!(all.contains("Unité U2 acquise avec le BTS SIO"), "{all}");
    assert_eq!(
        detail::describe_change(&exempted("1")),
        "dispense de l’épreuve"
    );
}

#[test]
fn the_text_report_and_the_review_screen_count_dispenses() {
    let (r, d) = (r(), tempfile::tempdir().unwrap());
    let rep = fixture(d.path(), &r);
    assert!(
        text::summary(&rep).contains("1 validée, 0 absent, 2 dispensé"),
        "{}",
        text::summary(&rep)
    );
    let row = text::row(&r, &rep, entry(&rep, "160", "E2"));
    assert_eq!((row[6].as_str(), row[7].as_str()), ("dispensé", "dispensé"));
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut st = ReviewState::new(&r, &rep);
    draw(&mut term, &r, &rep, &mut st, &Theme::plain()).unwrap();
    let screen = format!("{}", term.backend());
    assert!(screen.contains("absent 0 · dispensé 2 · "), "{screen}");
    assert!(screen.contains("disp."), "short note cell: {screen}");
}

#[test]
fn the_summary_leaves_out_dispenses_when_there_are_none() {
    let (r, d) = (r(), tempfile::tempdir().unwrap());
    e2_ponctuel(d.path(), &r, "n", cand("170", "Noel", "Ana"), t(0), true);
    let rep = review(&r, d.path());
    let summary = text::summary(&rep);
    assert!(summary.contains("0 absent ;"), "{summary}");
    assert!(!summary.contains("dispensé"), "{summary}");
}

#[test]
fn the_export_writes_dispense_with_empty_notes() {
    let (r, d) = (r(), tempfile::tempdir().unwrap());
    let rep = fixture(d.path(), &r);
    let (table, o) = notes::table(&r, &rep, false);
    let rows = notes_csv::records(&r, &table, Format::Francais);
    let cells = |n: &str| {
        rows.iter()
            .find(|row| row[0] == n)
            .unwrap_or_else(|| panic!("no row {n}"))
            .clone()
    };
    for n in ["160", "162"] {
        let row = cells(n);
        // Note /60, /20 and the three competences empty, then statut, commission, validation.
        assert_eq!(
            row[9..17],
            ["", "", "", "", "", "dispensé", &row[15], "validée"]
        );
    }
    assert_eq!(cells("163")[14], "note");
    assert_eq!(
        o.left_out.iter().map(|l| l.line()).collect::<Vec<_>>(),
        ["E2 Blanc Sam (n° 161) : grille non validée"]
    );
}

#[test]
fn the_printable_grid_says_dispensé_not_zero() {
    let (r, d) = (r(), tempfile::tempdir().unwrap());
    let rep = fixture(d.path(), &r);
    let html = grille::html(&r, &rep, &grille::select(&rep, "160"));
    assert!(html.contains("dispensée de l’épreuve"), "banner");
    assert!(html.contains("<td>dispensé /60</td>"), "note globale");
    assert!(html.contains("<td>dispensé /20</td>"), "note sur 20");
    assert!(!html.contains("<td>0 /"), "a dispense is not a zero");
}
