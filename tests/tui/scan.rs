//! The start screen's list read in one pass through the cross-séance fold: a séance that only
//! amends an earlier grid is listed as it resumes, a training séance never takes a real grid,
//! and a broken log is still listed with its reason.

use crate::support::*;
use sno_jury::grading::Points;
use sno_jury::referentiel::FormeKind;
use sno_jury::session::{self, Event, Seance, SeanceInfo};
use sno_jury::tui::start::{Progress, scan};

#[test]
fn every_seance_is_listed_as_the_fold_gives_it() {
    let r = r();
    let dir = tempfile::tempdir().unwrap();
    let day = chrono::TimeDelta::days(1);
    graded_seance(&r, dir.path(), "0123", "Durand", t0() - day * 3);
    // Two days later, a séance that only amends the validated grid: it cannot replay alone.
    let mut amending = info(
        &r,
        "E1",
        FormeKind::Ponctuel,
        "unique",
        vec![cand("0123", "Durand", "Éloïse")],
    );
    amending.id = "2025-06-11-E1-amendement".into();
    let prior = session::prior_grids_for(dir.path(), &r, &amending, None).unwrap();
    let mut s = Seance::create(dir.path(), &r, amending, t0() - day, &prior).unwrap();
    let comp = r.competences_of(r.epreuve("E1").unwrap()).next().unwrap();
    s.record(
        &r,
        Event::Amendment {
            reason: "erreur de saisie".into(),
            change: Box::new(Event::NoteSet {
                candidat: "0123".into(),
                competence: comp.id.clone(),
                note: Points::from_halves(30),
            }),
        },
        t0() - day,
    )
    .expect("amendment recorded");
    drop(s);
    // A training run of the same candidate, today: it starts from an empty grid.
    let training = SeanceInfo::plan(
        &r,
        "2025-06-12-E1-entrainement",
        "E1",
        FormeKind::Ponctuel,
        "unique",
        vec![cand("0123", "Durand", "Éloïse")],
        Some(10),
    )
    .unwrap();
    drop(Seance::create(dir.path(), &r, training, t0(), &Default::default()).unwrap());
    std::fs::write(dir.path().join("zz-casse.jsonl"), "pas du json\n").unwrap();

    let list = scan(dir.path(), &r).expect("the folder reads");
    let by_id = |id: &str| {
        list.iter()
            .find(|s| s.id == id)
            .unwrap_or_else(|| panic!("{id} listed: {list:?}"))
    };
    let amended = by_id("2025-06-11-E1-amendement")
        .overview
        .as_ref()
        .expect("the amending séance replays through the fold");
    assert_eq!(amended.validated, (1, 1), "the validated grid carried in");
    let train = by_id("2025-06-12-E1-entrainement")
        .overview
        .as_ref()
        .unwrap();
    assert_eq!(
        train.validated,
        (0, 1),
        "training never takes the real grid"
    );
    assert_eq!(train.progress, Progress::NotStarted);
    let broken = by_id("zz-casse").overview.as_ref().unwrap_err();
    assert!(broken.contains("zz-casse.jsonl"), "{broken}");
    assert_eq!(list.len(), 4);
}
