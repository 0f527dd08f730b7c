//! What carries between a candidate's séances of one épreuve, through the logs on disk: E1
//! CCF situations A and B feed one grid; training séances never exchange grids with real ones.

use crate::kit::engine::*;
use sno_jury::referentiel::FormeKind;
use sno_jury::session::{Seance, prior_grids, prior_grids_for};

/// E1 CCF: situation A (group) positions C1.1; situation B, days later, completes and
/// validates the same grid.
#[test]
fn prior_grids_merge_e1_ccf_situations_a_and_b() {
    let r = r();
    let dir = tempfile::tempdir().unwrap();
    let numeros = ["0101".to_string(), "0102".to_string()];
    let a_info = info(
        &r,
        "e1-a",
        "E1",
        FormeKind::Ccf,
        "A",
        candidats(&["0101", "0102"]),
    );
    let mut a = Seance::create(dir.path(), &r, a_info, t(0), &no_prior()).unwrap();
    let mut clock = 0;
    let mut events = positions(&r, "0101", &["C1.1"]);
    events.extend(positions(&r, "0102", &["C1.2"]));
    record_all(&mut a, &r, events, &mut clock);
    drop(a);

    let later = 3 * 24 * 3600;
    let prior = prior_grids(dir.path(), &r, "E1", &numeros[..1], Some("e1-b")).unwrap();
    assert_eq!(prior.keys().collect::<Vec<_>>(), ["0101"]);
    assert_eq!(prior["0101"].positions.len(), 5);
    let b_info = info(&r, "e1-b", "E1", FormeKind::Ccf, "B", candidats(&["0101"]));
    let mut b = Seance::create(dir.path(), &r, b_info.clone(), t(later), &prior).unwrap();
    let mut clock = later;
    let events = e1_ccf_b_completion(&r, "0101");
    record_all(&mut b, &r, events, &mut clock);
    let grid = b.state().grids["0101"].clone();
    assert!(grid.is_validated());
    assert_eq!(grid.positions.len(), 15);
    let b_path = b.path().to_path_buf();
    drop(b);

    // Without A's grid, B's validation is refused on replay: the prior grids matter.
    assert!(Seance::resume(&b_path, &r, &no_prior()).is_err());
    let (b, _) = Seance::resume(&b_path, &r, &prior).unwrap();
    assert_eq!(b.state().grids["0101"], grid);
    drop(b);

    // After B, both candidates' grids come out of the directory; 0101 as B left it.
    let all = prior_grids(dir.path(), &r, "E1", &numeros, None).unwrap();
    assert_eq!(all["0101"], grid);
    assert_eq!(all["0102"].positions.len(), 4);
    assert!(
        prior_grids(dir.path(), &r, "E3", &numeros, None)
            .unwrap()
            .is_empty()
    );

    // Resuming A sees only what came before A (nothing), not B's validated grid, so its own
    // positions replay without needing an amendment.
    let before_a = prior_grids(dir.path(), &r, "E1", &numeros, Some("e1-a")).unwrap();
    assert!(before_a.is_empty());
    let a_path = dir.path().join("e1-a.jsonl");
    assert!(Seance::resume(&a_path, &r, &before_a).is_ok());

    // A missing directory has no séances.
    assert!(
        prior_grids(&dir.path().join("nope"), &r, "E1", &numeros, None)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn training_seances_never_exchange_grids_with_real_ones() {
    let r = r();
    let dir = tempfile::tempdir().unwrap();
    let numeros = ["0101".to_string()];
    // A practice run of situation A for a real candidate…
    // (situation A is a group project: 2 to 4 candidates)
    let mut practice = info(
        &r,
        "e1-a-essai",
        "E1",
        FormeKind::Ccf,
        "A",
        candidats(&["0101", "0102"]),
    );
    practice.vitesse = Some(30);
    let mut a = Seance::create(dir.path(), &r, practice, t(0), &no_prior()).unwrap();
    let mut clock = 0;
    record_all(&mut a, &r, positions(&r, "0101", &["C1.1"]), &mut clock);
    drop(a);
    // …gives the real situation B nothing to start from,
    assert!(
        prior_grids(dir.path(), &r, "E1", &numeros, None)
            .unwrap()
            .is_empty()
    );
    let b_info = info(&r, "e1-b", "E1", FormeKind::Ccf, "B", candidats(&["0101"]));
    assert!(
        prior_grids_for(dir.path(), &r, &b_info, None)
            .unwrap()
            .is_empty()
    );
    let mut b = Seance::create(dir.path(), &r, b_info, t(3600), &no_prior()).unwrap();
    let mut clock = 3600;
    record_all(&mut b, &r, positions(&r, "0101", &["C1.2"]), &mut clock);
    drop(b);
    // and a later practice run starts empty too, whatever the real grid holds.
    let mut again = info(
        &r,
        "e1-b-essai",
        "E1",
        FormeKind::Ccf,
        "B",
        candidats(&["0101"]),
    );
    again.vitesse = Some(30);
    assert!(
        prior_grids_for(dir.path(), &r, &again, None)
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        prior_grids(dir.path(), &r, "E1", &numeros, None).unwrap()["0101"]
            .positions
            .len(),
        4
    );
}
