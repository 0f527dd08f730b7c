//! The fold's handling of groups, PFMP and replay from records.

use std::collections::BTreeMap;

use super::*;

#[test]
fn groups_and_pfmp_follow_the_referentiel() {
    let r = load_embedded().unwrap();
    let candidats: Vec<Candidat> = ["1", "2", "3", "4", "5"].iter().map(|n| cand(n)).collect();
    let too_many = SeanceInfo::plan(&r, "g", "E1", FormeKind::Ccf, "A", candidats.clone(), None);
    assert!(matches!(too_many, Err(EventError::BadCandidates(_))));
    let two_alone = SeanceInfo::plan(
        &r,
        "g",
        "E1",
        FormeKind::Ccf,
        "B",
        candidats[..2].to_vec(),
        None,
    );
    assert!(two_alone.is_err());
    let dup = vec![cand("1"), cand("1")];
    assert!(SeanceInfo::plan(&r, "g", "E1", FormeKind::Ccf, "A", dup, None).is_err());
    assert!(SeanceInfo::plan(&r, "g", "E9", FormeKind::Ccf, "A", vec![cand("1")], None).is_err());

    let mut g = open(&r, "E1", FormeKind::Ccf, "A", &["1", "2", "3"]);
    ev(
        &mut g,
        &r,
        Event::SpeakerChanged {
            candidat: Some("2".into()),
        },
        1,
    )
    .unwrap();
    assert_eq!(g.speaker(), Some("2"));
    assert!(
        ev(
            &mut g,
            &r,
            Event::SpeakerChanged {
                candidat: Some("9".into())
            },
            2
        )
        .is_err()
    );

    let mut e2 = open(&r, "E2", FormeKind::Ccf, "unique", &["7"]);
    assert!(e2.info.phases.is_empty());
    ev(
        &mut e2,
        &r,
        Event::PfmpRecorded {
            candidat: "7".into(),
            weeks: 8,
            positionne: true,
            voie: None,
        },
        1,
    )
    .unwrap();
    assert_eq!(
        e2.grids["7"].pfmp,
        Some(Pfmp {
            weeks: 8,
            positionne: true,
            voie: None,
            required: Some(8),
        })
    );
}

#[test]
fn replay_is_the_fold_and_seeds_prior_grids() {
    let r = load_embedded().unwrap();
    let info =
        SeanceInfo::plan(&r, "b", "E1", FormeKind::Ccf, "B", vec![cand("001")], None).unwrap();
    let mut prior = BTreeMap::new();
    let mut seed = GridState::default();
    seed.positions.insert("C1.3-1".into(), Niveau::Insuffisant);
    prior.insert("001".to_string(), seed);
    let events = [
        Event::SeanceOpened {
            seance: Box::new(info),
        },
        Event::PhaseStarted {
            phase: "expose".into(),
        },
        Event::CriterionPositioned {
            candidat: "001".into(),
            critere: "C1.1-1".into(),
            niveau: Niveau::Satisfaisant,
        },
    ];
    let records: Vec<Record> = events
        .into_iter()
        .enumerate()
        .map(|(i, event)| Record {
            seq: i as u64 + 1,
            ts: t(i as i64),
            mono: None,
            prev: GENESIS.into(),
            event,
        })
        .collect();
    let s = replay(&r, &records, &prior).unwrap();
    assert_eq!(s.grids["001"].positions.len(), 2);
    assert_eq!(s.last_seq, 3);
    assert_eq!(s.last_ts, t(2));
    assert!(replay(&r, &records[1..], &prior).is_err());
    let bad = Record {
        seq: 4,
        ts: t(4),
        mono: None,
        prev: GENESIS.into(),
        event: Event::PhaseStarted { phase: "zz".into() },
    };
    let err = replay(&r, &[records.clone(), vec![bad]].concat(), &prior).unwrap_err();
    assert_eq!(err.seq, 4);
}
