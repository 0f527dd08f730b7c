//! `revue --suivre` driven without a terminal: logs written through the engine while the review
//! follows the folder; the table and the « en direct » board follow, a new anomaly is
//! highlighted and then fades; the screen at 120×40.

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sno_jury::convocations::Passage;
use sno_jury::follow::Mode;
use sno_jury::referentiel::FormeKind;
use sno_jury::review::AnomalyKind;
use sno_jury::session::{Event, RunId, Seance, Stamp};
use sno_jury::tui::review::board::HIGHLIGHT;
use sno_jury::tui::review::live::Following;
use sno_jury::tui::theme::Theme;

use crate::support::*;

/// The coordinator's process: another run than the juries'.
fn coord(secs: i64) -> Stamp {
    Stamp::new(
        at(secs),
        RunId(0xc00),
        7 + u64::try_from(secs).unwrap() * 1000,
    )
}

fn e1(dir: &std::path::Path, numero: &str, nom: &str, opened: i64) -> Seance {
    let r = r();
    let i = info(
        &r,
        "E1",
        FormeKind::Ponctuel,
        "unique",
        vec![cand(numero, nom, "Éloïse")],
    );
    let mut s = Seance::create(dir, &r, i, stamp(opened), &Default::default()).unwrap();
    for (secs, e) in members() {
        s.record(&r, e, stamp(opened + secs)).unwrap();
    }
    s
}

/// The plan: Durand at 14:00 in B12 (Paris time; t0 is 14:00 in Paris), Martin at 14:45 in
/// B14.
fn plan() -> Vec<Passage> {
    let day = NaiveDate::from_ymd_opt(2025, 6, 12).unwrap();
    [("0123", 14, 0, "B12"), ("0456", 14, 45, "B14")]
        .into_iter()
        .enumerate()
        .map(|(i, (n, h, m, salle))| Passage {
            ligne: i as u64 + 2,
            debut: day.and_hms_opt(h, m, 0).unwrap(),
            epreuve: "E1".into(),
            forme: FormeKind::Ponctuel,
            situation: "unique".into(),
            numeros: vec![n.into()],
            salle: salle.into(),
            commission: Vec::new(),
        })
        .collect()
}

fn screen(f: &Following, now: Stamp, w: u16, h: u16) -> String {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|fr| {
        f.render(fr, &r(), now, Mode::Notify, &Theme::plain());
    })
    .unwrap();
    // The temporary folder's name, the same width each run.
    let dir = f.report.folders();
    let fixed = format!("{:<1$}", "séances", dir.chars().count());
    term.backend().to_string().replace(&dir, &fixed)
}

#[test]
fn the_live_board_follows_the_juries() {
    let r = r();
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    let mut durand = e1(dir, "0123", "Durand", 0);
    durand.record(&r, started("A"), stamp(300)).unwrap();
    let mut f = Following::start(&r, vec![dir.to_path_buf()], plan(), paris(), coord(310)).unwrap();
    assert_eq!(f.report.entries.len(), 1);
    let rows = f.rows(coord(400));
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].salle, "B12");
    assert_eq!(rows[0].commission, "Mme Lefèvre, M. Nguyen");
    assert_eq!(rows[0].phase, "Phase A");
    assert_eq!(rows[0].temps, "01:40 / 25:00");
    assert_eq!(rows[0].planning, "+5 min");
    assert_eq!(
        f.timeout(coord(400)),
        Some(std::time::Duration::from_secs(1))
    );

    // Another jury opens its séance and pauses its exposé: a new entry, a new row, a new
    // anomaly; only the logs that changed are read.
    let reads = f.live.reads;
    let mut martin = e1(dir, "0456", "Martin", 2700);
    martin.record(&r, started("A"), stamp(2710)).unwrap();
    martin.record(&r, paused(), stamp(2800)).unwrap();
    assert!(f.files(&r, coord(2805)));
    assert_eq!(f.live.reads, reads + 1, "Martin's log alone");
    assert_eq!(f.report.entries.len(), 2);
    let rows = f.rows(coord(2810));
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1].phase, "Phase A · en pause");
    let fresh = f.board.highlighted(coord(2810));
    assert_eq!(fresh.len(), 1, "{fresh:?}");
    assert!(fresh[0].explication.contains("pause à"), "{fresh:?}");

    let shown = screen(&f, coord(2810), 120, 40);
    assert!(shown.contains("Nouvelle anomalie"), "{shown}");
    insta::assert_snapshot!("suivre_board_120x40", shown);

    // A candidate sorted before the selected row appears: the selection stays on Durand.
    let selected = |f: &Following| f.state.current(&f.report).map(|e| e.candidat.nom.clone());
    assert_eq!(selected(&f).as_deref(), Some("Durand"));
    let _abel = e1(dir, "0789", "Abel", 2820);
    assert!(f.files(&r, coord(2830)));
    assert_eq!(f.report.entries.len(), 3);
    assert_eq!(f.state.selected, 1);
    assert_eq!(selected(&f).as_deref(), Some("Durand"));

    // Durand's phase A ends 17 min over: new. Phase B runs over as well: a second of its kind,
    // new too; the épreuve's overrun, said again with other figures, is not new.
    let kinds = |f: &Following, from: usize| -> Vec<AnomalyKind> {
        f.board.fresh[from..].iter().map(|(_, a)| a.kind).collect()
    };
    let n = f.board.fresh.len();
    durand
        .record(&r, Event::PhaseEnded { phase: "A".into() }, stamp(2840))
        .unwrap();
    assert!(f.files(&r, coord(2841)));
    assert_eq!(
        kinds(&f, n),
        [
            AnomalyKind::DepassementPhase,
            AnomalyKind::DepassementEpreuve
        ]
    );
    let n = f.board.fresh.len();
    durand.record(&r, started("B"), stamp(2850)).unwrap();
    durand
        .record(
            &r,
            Event::PhaseEnded { phase: "B".into() },
            stamp(2850 + 20 * 60),
        )
        .unwrap();
    assert!(f.files(&r, coord(4100)));
    let fresh = kinds(&f, n);
    assert!(fresh.contains(&AnomalyKind::DepassementPhase), "{fresh:?}");
    assert!(
        !fresh.contains(&AnomalyKind::DepassementEpreuve),
        "{fresh:?}"
    );
    let overrun: Vec<&str> = f
        .report
        .seances
        .iter()
        .flat_map(|s| &s.anomalies)
        .chain(f.report.entries.iter().flat_map(|e| &e.anomalies))
        .filter(|a| a.kind == AnomalyKind::DepassementEpreuve)
        .map(|a| a.explication.as_str())
        .collect();
    assert!(
        overrun.iter().any(|t| t.contains("1:02:20")),
        "the épreuve's overrun is said with its new figures: {overrun:?}"
    );

    // The highlight ends; the anomaly stays in the table.
    let later = coord(4100 + HIGHLIGHT.as_secs() as i64);
    assert!(f.board.highlighted(later).is_empty());
    assert!(!screen(&f, later, 120, 40).contains("Nouvelle anomalie"));
    assert!(!f.files(&r, later), "nothing changed");
}
