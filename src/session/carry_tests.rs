//! The cross-séance fold on records built in memory: carrying, training, conflicts, amendments.

use chrono::{DateTime, Duration, TimeZone, Utc};

use super::*;
use crate::grading::Niveau;
use crate::referentiel::{FormeKind, Referentiel, load_embedded};
use crate::session::{Candidat, GENESIS, Record, replay};

fn t(secs: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 6, 2, 7, 0, 0).unwrap() + Duration::seconds(secs)
}

fn info(r: &Referentiel, id: &str, sit: &str) -> SeanceInfo {
    let c = Candidat {
        numero: "1".into(),
        nom: "Martin".into(),
        prenom: "Léa".into(),
        etablissement: "Lycée".into(),
    };
    // E3 CCF: two situations for one candidate (A without them, B with them).
    SeanceInfo::plan(r, id, "E3", FormeKind::Ccf, sit, vec![c], None).unwrap()
}

fn records(info: &SeanceInfo, events: Vec<Event>) -> Vec<Record> {
    std::iter::once(Event::SeanceOpened {
        seance: Box::new(info.clone()),
    })
    .chain(events)
    .enumerate()
    .map(|(i, event)| Record {
        seq: i as u64 + 1,
        ts: t(i as i64),
        mono: None,
        prev: GENESIS.into(),
        event,
    })
    .collect()
}

fn pos(critere: &str, niveau: Niveau) -> Event {
    Event::CriterionPositioned {
        candidat: "1".into(),
        critere: critere.into(),
        niveau,
    }
}

/// Folds `seances` in order as the engine, `check` and the review do.
fn fold(
    r: &Referentiel,
    seances: &[(SeanceInfo, Vec<Record>)],
) -> (Carry, Vec<Vec<Conflict>>, Vec<BTreeMap<String, GridState>>) {
    let mut carry = Carry::new();
    let mut conflicts = Vec::new();
    let mut priors = Vec::new();
    for (i, recs) in seances {
        let (prior, found) = carry.prior(i, recs);
        let st = replay(r, recs, &prior).expect("each log replays on its own");
        carry.push(i, recs, &st.grids);
        conflicts.push(found);
        priors.push(prior);
    }
    (carry, conflicts, priors)
}

#[test]
fn situation_b_starts_from_the_grid_a_left() {
    let r = load_embedded().unwrap();
    let a = info(&r, "a", "A");
    let b = info(&r, "b", "B");
    let ra = records(&a, vec![pos("C3.1-1", Niveau::Satisfaisant)]);
    let rb = records(&b, vec![pos("C3.2-1", Niveau::Insuffisant)]);
    let (carry, conflicts, priors) = fold(&r, &[(a, ra), (b, rb)]);
    assert!(conflicts.iter().all(Vec::is_empty));
    assert_eq!(priors[1]["1"].positions.len(), 1, "B seeded with A's grid");
    assert_eq!(carry.latest("E3", "1").unwrap().positions.len(), 2);
}

#[test]
fn two_rooms_grading_the_same_situation_conflict_and_each_replays_alone() {
    let r = load_embedded().unwrap();
    let a1 = info(&r, "salle1", "A");
    let a2 = info(&r, "salle2", "A");
    let r1 = records(&a1, vec![pos("C3.1-1", Niveau::Satisfaisant)]);
    // The second room positioned the same criterion differently, from an empty grid.
    let r2 = records(&a2, vec![pos("C3.1-1", Niveau::TresInsuffisant)]);
    let (_, conflicts, priors) = fold(&r, &[(a1, r1), (a2, r2)]);
    assert!(conflicts[0].is_empty());
    assert_eq!(
        conflicts[1],
        vec![Conflict {
            numero: "1".into(),
            epreuve: "E3".into(),
            situation: "A".into(),
            earlier: vec!["salle1".into()],
        }]
    );
    assert!(
        !priors[1].contains_key("1"),
        "seeded as its jury saw it: before A was graded"
    );
}

#[test]
fn an_abandoned_seance_or_an_amending_one_is_no_conflict() {
    let r = load_embedded().unwrap();
    let a1 = info(&r, "abandon", "A");
    let a2 = info(&r, "vraie", "A");
    let r1 = records(&a1, vec![]);
    let r2 = records(&a2, vec![pos("C3.1-1", Niveau::Satisfaisant)]);
    let (_, conflicts, _) = fold(&r, &[(a1, r1), (a2, r2)]);
    assert!(
        conflicts.iter().all(Vec::is_empty),
        "the first graded nothing"
    );

    let a3 = info(&r, "amende", "A");
    let amend = Event::Amendment {
        reason: "erreur de saisie".into(),
        change: Box::new(pos("C3.1-1", Niveau::TresSatisfaisant)),
    };
    let r3 = records(&a3, vec![amend]);
    let mut carry = Carry::new();
    let a2 = info(&r, "vraie", "A");
    let r2 = records(&a2, vec![pos("C3.1-1", Niveau::Satisfaisant)]);
    carry.push(&a2, &r2, &replay(&r, &r2, &BTreeMap::new()).unwrap().grids);
    let (prior, found) = carry.prior(&a3, &r3);
    assert!(
        found.is_empty(),
        "amendments only: an amendment, not a rival"
    );
    assert_eq!(prior["1"].positions["C3.1-1"], Niveau::Satisfaisant);
}

#[test]
fn training_seances_neither_receive_nor_pass_on_grids() {
    let r = load_embedded().unwrap();
    let a = info(&r, "a", "A");
    let ra = records(&a, vec![pos("C3.1-1", Niveau::Satisfaisant)]);
    let mut training = info(&r, "t", "A");
    training.vitesse = Some(10);
    let rt = records(&training, vec![pos("C3.1-2", Niveau::Satisfaisant)]);
    let mut carry = Carry::new();
    carry.push(&a, &ra, &replay(&r, &ra, &BTreeMap::new()).unwrap().grids);
    let (prior, found) = carry.prior(&training, &rt);
    assert!(prior.is_empty() && found.is_empty());
    carry.push(
        &training,
        &rt,
        &replay(&r, &rt, &BTreeMap::new()).unwrap().grids,
    );
    assert_eq!(carry.latest("E3", "1").unwrap().positions.len(), 1);
}
