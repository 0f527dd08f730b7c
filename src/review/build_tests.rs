//! Tests of the review build: the grouping and the fold on records built in memory (the fold
//! does not check the chain; the store tests and the end-to-end review tests cover it).

use std::path::PathBuf;

use chrono::{DateTime, Duration, TimeZone, Utc};

use super::*;
use crate::grading::Niveau;
use crate::referentiel::{FormeKind, load_embedded};
use crate::review::Status;
use crate::session::{Candidat, GENESIS, Membre, SeanceInfo};

fn t(secs: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 6, 2, 7, 0, 0).unwrap() + Duration::seconds(secs)
}

fn cand(n: &str) -> Candidat {
    Candidat {
        numero: n.into(),
        nom: format!("Nom{n}"),
        prenom: "Alex".into(),
        etablissement: "Lycée".into(),
    }
}

fn log(info: SeanceInfo, at: i64, events: Vec<(i64, Event)>) -> LoadedLog {
    let path = PathBuf::from(format!("{}.jsonl", info.id));
    let mut all = vec![(
        at,
        Event::SeanceOpened {
            seance: Box::new(info),
        },
    )];
    all.extend(events.into_iter().map(|(s, e)| (at + s, e)));
    let records = all
        .into_iter()
        .enumerate()
        .map(|(i, (s, event))| Record {
            seq: i as u64 + 1,
            ts: t(s),
            mono: None,
            prev: GENESIS.into(),
            event,
        })
        .collect();
    LoadedLog::intact(path, records)
}

fn member(nom: &str, q: &str) -> Event {
    Event::MemberAdded {
        membre: Membre {
            nom: nom.into(),
            qualite: q.into(),
        },
    }
}

fn pos(n: &str, critere: &str) -> Event {
    Event::CriterionPositioned {
        candidat: n.into(),
        critere: critere.into(),
        niveau: Niveau::Satisfaisant,
    }
}

fn plan(r: &Referentiel, id: &str, sit: &str, c: Vec<Candidat>) -> SeanceInfo {
    SeanceInfo::plan(r, id, "E1", FormeKind::Ccf, sit, c, None).unwrap()
}

#[test]
fn situations_fold_in_seance_order_whatever_the_file_order() {
    let r = load_embedded().unwrap();
    let a = log(
        plan(&r, "zz-a", "A", vec![cand("1"), cand("2")]),
        0,
        vec![(10, pos("1", "C1.3-1"))],
    );
    let b = log(
        plan(&r, "aa-b", "B", vec![cand("1")]),
        3600,
        vec![(10, pos("1", "C1.1-1"))],
    );
    // Files sort "aa-b" first; the opening times put A first.
    let rep = build(&r, Path::new("."), vec![b, a], Tz::Utc);
    let ids: Vec<&str> = rep.seances.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["zz-a", "aa-b"]);
    let e1 = rep
        .entries
        .iter()
        .find(|e| e.candidat.numero == "1")
        .unwrap();
    assert_eq!(e1.seances, [0, 1]);
    assert_eq!(
        e1.grid.positions.keys().map(|k| &**k).collect::<Vec<_>>(),
        ["C1.1-1", "C1.3-1"]
    );
    assert_eq!(e1.situations(&rep), ["A", "B"]);
    let e2 = rep
        .entries
        .iter()
        .find(|e| e.candidat.numero == "2")
        .unwrap();
    assert_eq!(e2.status, Status::EnCours, "situation B not yet evaluated");
}

#[test]
fn a_refused_record_stops_the_replay_there_and_is_reported() {
    let r = load_embedded().unwrap();
    let l = log(
        plan(&r, "x", "B", vec![cand("1")]),
        0,
        vec![
            (1, member("A", "enseignant")),
            (2, pos("1", "C9.9-1")),
            (3, member("B", "enseignant")),
        ],
    );
    let rep = build(&r, Path::new("."), vec![l], Tz::Utc);
    let s = &rep.seances[0];
    assert!(s.replay_error.as_deref().unwrap().contains("C9.9-1"));
    assert_eq!(s.state.as_ref().unwrap().members.len(), 1);
    assert!(
        rep.entries[0]
            .anomalies
            .iter()
            .any(|a| a.kind == AnomalyKind::JournalIllisible)
    );
}

#[test]
fn training_seances_form_their_own_entry() {
    let r = load_embedded().unwrap();
    let mut i = plan(&r, "t", "B", vec![cand("1")]);
    i.vitesse = Some(5);
    let training = log(i, 0, vec![]);
    let real = log(plan(&r, "r", "B", vec![cand("1")]), 60, vec![]);
    let rep = build(&r, Path::new("."), vec![training, real], Tz::Utc);
    assert_eq!(rep.entries.len(), 2);
    assert_eq!(
        rep.entries.iter().map(|e| e.training).collect::<Vec<_>>(),
        [false, true]
    );
    assert!(
        !rep.entries[0]
            .anomalies
            .iter()
            .any(|a| a.kind == AnomalyKind::SeancesEnDouble),
        "a training run is not a second séance"
    );
}

#[test]
fn a_log_without_opening_is_an_orphan() {
    let r = load_embedded().unwrap();
    let mut l = log(plan(&r, "x", "B", vec![cand("1")]), 0, vec![]);
    l.records[0].event = Event::Resumed;
    let empty = LoadedLog::intact(PathBuf::from("vide.jsonl"), vec![]);
    let rep = build(&r, Path::new("."), vec![l, empty], Tz::Utc);
    assert_eq!(rep.orphans.len(), 2);
    assert!(rep.entries.is_empty());
    assert_eq!(rep.seances[1].id, "vide");
}

/// What the report keeps per séance is a summary: each grid once (in its entry, not also in
/// the séance's state), the opening once (in the state, not also beside it), criterion ids
/// shared between grids. Dropping any of these brings back kilobytes per séance at 10,000.
#[test]
fn the_report_keeps_each_grid_and_opening_once_and_shares_criterion_ids() {
    let r = load_embedded().unwrap();
    let a = log(
        plan(&r, "a", "A", vec![cand("1"), cand("2")]),
        0,
        vec![(10, pos("1", "C1.3-1")), (20, pos("2", "C1.3-1"))],
    );
    let b = log(
        plan(&r, "b", "B", vec![cand("1")]),
        3600,
        vec![(10, pos("1", "C1.1-1"))],
    );
    let broken = LoadedLog::intact(PathBuf::from("seul.jsonl"), Vec::new());
    let rep = build(&r, Path::new("."), vec![a, b, broken], Tz::Utc);
    for s in &rep.seances {
        match &s.state {
            Some(st) => {
                assert!(st.grids.is_empty(), "{}: grids left in the state", s.id);
                assert!(s.opening.is_none(), "{}: opening held twice", s.id);
                assert_eq!(s.info(), Some(&st.info));
            }
            None => assert!(s.info().is_none()),
        }
    }
    let grid = |n: &str| {
        &rep.entries
            .iter()
            .find(|e| e.candidat.numero == n)
            .unwrap()
            .grid
    };
    // Candidate 1's grid is the fold of both séances, moved from the last one.
    assert_eq!(grid("1").positions.len(), 2);
    assert_eq!(grid("1").situations.len(), 2);
    let key = |n: &str| {
        grid(n)
            .positions
            .keys()
            .find(|k| &***k == "C1.3-1")
            .unwrap()
    };
    assert!(std::sync::Arc::ptr_eq(key("1"), key("2")));
}

#[test]
fn the_detail_shows_phase_starts_and_ends_undone_and_the_remarks() {
    let r = load_embedded().unwrap();
    let i = SeanceInfo::plan(
        &r,
        "u",
        "E1",
        FormeKind::Ponctuel,
        "unique",
        vec![cand("1")],
        None,
    )
    .unwrap();
    let start = |p: &str| Event::PhaseStarted { phase: p.into() };
    let events = vec![
        (10, start("A")),
        (14, Event::PhaseStartUndone { seq: 2 }),
        (60, start("A")),
        (600, Event::PhaseEndedEarly { phase: "A".into() }),
        (605, Event::PhaseEndUndone { seq: 5 }),
        (
            700,
            Event::Remark {
                text: "Entrée pressée deux fois à l’ouverture.".into(),
            },
        ),
    ];
    let rep = build(&r, Path::new("."), vec![log(i, 0, events)], Tz::Utc);
    let text: Vec<String> = crate::review::detail::lines(&r, &rep, &rep.entries[0])
        .into_iter()
        .map(|l| l.text)
        .collect();
    let has = |s: &str| text.iter().any(|l| l.contains(s));
    assert!(
        has("Annulé à 07:00:14 : début de Phase A") && has("enregistré à 07:00:10 (n° 2)"),
        "{text:#?}"
    );
    assert!(has("Annulé à 07:10:05 : fin de Phase A"), "{text:#?}");
    assert!(
        has("Remarque 07:11:40 : Entrée pressée deux fois"),
        "{text:#?}"
    );
    // The phase whose end was undone runs on: unfinished, not « terminée en avance ».
    assert!(has("inachevée"), "{text:#?}");
}
