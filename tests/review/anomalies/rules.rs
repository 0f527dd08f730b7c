//! The texts' rules where they bind (issue « enforced where they bind and only there »): each
//! violation caught — a refusal or a named anomaly — and its lawful neighbour let through.
//! Séances recorded through the engine with a fake clock.

use super::{kinds_of as k, tmp};
use crate::kit::review::*;
use sno_jury::grading::Niveau;
use sno_jury::referentiel::{FormeKind, Voie};
use sno_jury::review::{AnomalyKind as K, Status};
use sno_jury::session::{Event, Membre, PauseReason, Seance, SeanceInfo, prior_grids_for};

/// Records `e` and returns the French refusal, if any.
fn refused(run: &mut Run, e: Event) -> Option<String> {
    let now = run.now;
    run.seance
        .record(run.r, e, now)
        .err()
        .map(|e| e.to_string())
}

fn validate(numero: &str) -> Event {
    Event::GridValidated {
        candidat: numero.into(),
    }
}

#[test]
fn a_ccf_grid_needs_both_situations_held() {
    let (r, d) = (r(), tmp());
    // E3 CCF: situation A (the commission, without the candidate) then B.
    let c = cand("200", "Lambert", "Eva");
    let b = info(&r, "e3-b", "E3", FormeKind::Ccf, "B", vec![c.clone()]);
    let mut run = Run::open(d.path(), &r, b, t(0));
    run.members(DEUX_ENSEIGNANTS).grade("200");
    let why = refused(&mut run, validate("200")).expect("situation A never held");
    assert!(why.contains("situation A non tenue"), "{why}");
    drop(run);
    // The lawful neighbour: A held (another day), then B validates.
    let (r2, d2) = (r.clone(), tmp());
    let a = info(&r2, "e3-a", "E3", FormeKind::Ccf, "A", vec![c.clone()]);
    Run::open(d2.path(), &r2, a, t(0))
        .members(DEUX_ENSEIGNANTS)
        .positions("200", Niveau::Satisfaisant, &[]);
    let b = info(&r2, "e3-b", "E3", FormeKind::Ccf, "B", vec![c]);
    let mut run = Run::open(d2.path(), &r2, b, t(86_400));
    run.members(DEUX_ENSEIGNANTS).grade("200").validate("200");
}

#[test]
fn a_project_group_has_two_to_four_members() {
    let (r, d) = (r(), tmp());
    let group = |n: usize| -> Vec<_> {
        (0..n)
            .map(|i| cand(&format!("{i}"), &format!("Nom{i}"), "P"))
            .collect()
    };
    for n in [1, 5] {
        let err = SeanceInfo::plan(&r, "g", "E1", FormeKind::Ccf, "A", group(n), None)
            .err()
            .unwrap_or_else(|| panic!("a group of {n} is refused at opening"))
            .to_string();
        assert!(err.contains("2 à 4"), "{err}");
    }
    let two = info(&r, "g2", "E1", FormeKind::Ccf, "A", group(2));
    assert!(Seance::create(d.path(), &r, two, t(0), &Default::default()).is_ok());
}

#[test]
fn the_commission_has_its_exact_size_and_no_duplicate() {
    let (r, d) = (r(), tmp());
    let i = info(
        &r,
        "e2",
        "E2",
        FormeKind::Ponctuel,
        "unique",
        vec![cand("210", "A", "B")],
    );
    let mut run = Run::open(d.path(), &r, i, t(0));
    // The wizard pre-filled the last commission and the names were typed again.
    run.members(DEUX_ENSEIGNANTS)
        .members(DEUX_ENSEIGNANTS)
        .phase("A", 600, true);
    run.phase("B", 900, false).grade("210");
    let why = refused(&mut run, validate("210")).expect("four members for two");
    assert!(why.contains("4 membres pour 2 exactement"), "{why}");
    assert!(why.contains("inscrit(e) deux fois"), "{why}");
    // Members entered by mistake are removed before validation: then it validates.
    for (nom, q) in DEUX_ENSEIGNANTS {
        run.ev(Event::MemberRemoved {
            membre: Membre {
                nom: nom.to_string(),
                qualite: q.to_string(),
            },
        });
    }
    run.validate("210");
    // After validation, removing a member is an amendment with its reason.
    let m = Membre {
        nom: DEUX_ENSEIGNANTS[0].0.into(),
        qualite: "enseignant".into(),
    };
    let why = refused(&mut run, Event::MemberRemoved { membre: m.clone() }).unwrap();
    assert!(why.contains("amendement"), "{why}");
    run.ev(Event::Amendment {
        reason: "membre absent, saisi par erreur".into(),
        change: Box::new(Event::MemberRemoved { membre: m }),
    });
    assert_eq!(run.seance.state().members.len(), 1);
    assert_eq!(run.seance.state().grids["210"].amendments.len(), 1);
}

#[test]
fn e2_ccf_allows_more_members_au_minimum() {
    let (r, d) = (r(), tmp());
    let i = info(
        &r,
        "e2c",
        "E2",
        FormeKind::Ccf,
        "unique",
        vec![cand("220", "A", "B")],
    );
    let mut run = Run::open(d.path(), &r, i, t(0));
    run.members(DEUX_ENSEIGNANTS)
        .members(&[("Mme Jeanne Roy", "enseignant")])
        .ev(Event::PfmpRecorded {
            candidat: "220".into(),
            weeks: 12,
            positionne: false,
            voie: Some(Voie::Scolaire),
        })
        .grade("220")
        .validate("220");
}

#[test]
fn no_absence_where_the_candidate_is_not_present() {
    let (r, d) = (r(), tmp());
    let absent = |n: &str| Event::CandidateAbsent {
        candidat: n.into(),
        justified: false,
    };
    let i = info(
        &r,
        "e2c",
        "E2",
        FormeKind::Ccf,
        "unique",
        vec![cand("230", "A", "B")],
    );
    let mut run = Run::open(d.path(), &r, i, t(0));
    let why = refused(&mut run, absent("230")).expect("E2 CCF is held without the candidate");
    assert!(why.contains("sans la présence"), "{why}");
    let i = info(
        &r,
        "e3b",
        "E3",
        FormeKind::Ccf,
        "B",
        vec![cand("231", "A", "B")],
    );
    Run::open(d.path(), &r, i, t(0)).ev(absent("231"));
}

#[test]
fn pfmp_weeks_follow_the_candidates_voie() {
    let (r, d) = (r(), tmp());
    let cases = [
        // (numéro, weeks, positionné, voie, not obtained?)
        ("240", 8, true, Some(Voie::Scolaire), false),
        ("241", 8, true, Some(Voie::FormationContinue), true),
        ("242", 0, false, Some(Voie::Apprentissage), false),
        ("243", 11, false, Some(Voie::Scolaire), true),
    ];
    for (i, (n, weeks, positionne, voie, _)) in cases.iter().enumerate() {
        let s = info(
            &r,
            &format!("p{n}"),
            "E2",
            FormeKind::Ccf,
            "unique",
            vec![cand(n, "P", "Q")],
        );
        Run::open(d.path(), &r, s, t(600 * i as i64))
            .members(DEUX_ENSEIGNANTS)
            .ev(Event::PfmpRecorded {
                candidat: n.to_string(),
                weeks: *weeks,
                positionne: *positionne,
                voie: *voie,
            })
            .grade(n)
            .validate(n);
    }
    let rep = review(&r, d.path());
    for (n, weeks, _, _, short) in cases {
        let e = entry(&rep, n, "E2");
        let res = e.resultat(&r).unwrap();
        assert_eq!(res.sur20().is_none(), short, "{n}: {res:?}");
        assert_eq!(k(e).contains(&K::PfmpInsuffisante), short, "{n}");
        if short {
            assert!(
                res.statut()
                    .starts_with(&format!("épreuve non obtenue (PFMP : {weeks} /"))
            );
        }
    }
}

#[test]
fn fixed_phases_are_held_to_their_duration_within_the_tolerance() {
    let (r, d) = (r(), tmp());
    // E2 ponctuel: exposé 20 min max, entretien 15 min (fixed). Tolerance 1 min (data).
    for (n, entretien) in [("250", 15 * 60 + 40), ("251", 16 * 60 + 30)] {
        let i = info(
            &r,
            &format!("e{n}"),
            "E2",
            FormeKind::Ponctuel,
            "unique",
            vec![cand(n, "T", "U")],
        );
        Run::open(d.path(), &r, i, t(0))
            .members(DEUX_ENSEIGNANTS)
            .phase("A", 19 * 60, true)
            .phase("B", entretien, false)
            .grade(n)
            .validate(n);
    }
    let rep = review(&r, d.path());
    assert_eq!(
        k(entry(&rep, "250", "E2")),
        vec![],
        "40 s over: within the tolerance"
    );
    let e = entry(&rep, "251", "E2");
    assert_eq!(k(e), vec![K::DepassementPhase]);
    assert!(
        e.anomalies[0].explication.contains("durée prévue"),
        "{:?}",
        e.anomalies
    );
}

#[test]
fn the_candidate_disposes_of_the_e3_production_time() {
    let (r, d) = (r(), tmp());
    let i = info(
        &r,
        "e3",
        "E3",
        FormeKind::Ponctuel,
        "unique",
        vec![cand("260", "V", "W")],
    );
    Run::open(d.path(), &r, i, t(0))
        .members(DEUX_ENSEIGNANTS)
        .phase("A", 95 * 60, true)
        .phase("B", 25 * 60, true)
        .grade("260")
        .validate("260");
    let rep = review(&r, d.path());
    assert_eq!(
        k(entry(&rep, "260", "E3")),
        vec![],
        "finishing sooner is their right"
    );
}

#[test]
fn a_pause_during_the_expose_is_flagged_not_during_the_entretien() {
    let (r, d) = (r(), tmp());
    let i = info(
        &r,
        "e2",
        "E2",
        FormeKind::Ponctuel,
        "unique",
        vec![cand("270", "X", "Y")],
    );
    Run::open(d.path(), &r, i, t(0))
        .members(DEUX_ENSEIGNANTS)
        .ev(Event::PhaseStarted { phase: "A".into() })
        .wait(300)
        .pause(60, PauseReason::Incident, "alarme incendie")
        .wait(600)
        .ev(Event::PhaseEndedEarly { phase: "A".into() })
        .ev(Event::PhaseStarted { phase: "B".into() })
        .wait(300)
        .pause(60, PauseReason::Candidat, "")
        .wait(600)
        .ev(Event::PhaseEnded { phase: "B".into() })
        .grade("270")
        .validate("270");
    let rep = review(&r, d.path());
    let e = entry(&rep, "270", "E2");
    assert_eq!(k(e), vec![K::PauseExpose]);
    assert!(e.anomalies[0].explication.contains("nécessité majeure"));
}

#[test]
fn non_observe_completes_the_grid_and_counts_in_no_note() {
    let (r, d) = (r(), tmp());
    let i = info(
        &r,
        "e2",
        "E2",
        FormeKind::Ponctuel,
        "unique",
        vec![cand("280", "Z", "A")],
    );
    let mut run = Run::open(d.path(), &r, i, t(0));
    run.members(DEUX_ENSEIGNANTS)
        .positions("280", Niveau::TresSatisfaisant, &["C2.1-1"])
        .ev(Event::CriterionNotObserved {
            candidat: "280".into(),
            critere: "C2.1-1".into(),
        })
        .notes("280", &["18", "18", "18"])
        .appreciation("280", "Très bien.")
        .validate("280");
    let g = &run.seance.state().grids["280"];
    assert!(g.non_observes.contains("C2.1-1"));
    // Only the TS positions count: the proposal is TS's band centre.
    assert_eq!(g.proposition(&r, "C2.1").unwrap().to_string(), "17.5");
    drop(run);
    let rep = review(&r, d.path());
    assert_eq!(entry(&rep, "280", "E2").status, Status::Validee);
    assert_eq!(k(entry(&rep, "280", "E2")), vec![]);
    // The review counts it: in the detail, and apart from the shares of the harmonisation.
    let detail: Vec<String> = sno_jury::review::detail::lines(&r, &rep, entry(&rep, "280", "E2"))
        .into_iter()
        .map(|l| l.text)
        .collect();
    assert!(
        detail.iter().any(|l| l.starts_with("    NO C2.1-1 ")),
        "{detail:#?}"
    );
    assert!(
        detail
            .iter()
            .any(|l| l.contains("Critères non observés : 1 (C2.1-1)")),
        "{detail:#?}"
    );
    let view = sno_jury::review::harmonisation::harmonisation(&r, &rep);
    let p = &view[0].commissions[0].profils[0];
    assert_eq!((p.competence.as_str(), p.non_observes), ("C2.1", 1));
    assert_eq!(p.parts(), [0, 0, 0, 100], "non observé in no share");
    assert!(sno_jury::review::harmonisation::text(&view).contains("non observé : 1"));
}

#[test]
fn prior_grids_still_seed_situation_b() {
    // The lawful two-situation path through the engine's prior grids.
    let (r, d) = (r(), tmp());
    let c = cand("290", "B", "C");
    let a = info(&r, "a", "E3", FormeKind::Ccf, "A", vec![c.clone()]);
    Run::open(d.path(), &r, a, t(0)).members(DEUX_ENSEIGNANTS);
    let b = info(&r, "b", "E3", FormeKind::Ccf, "B", vec![c]);
    let prior = prior_grids_for(d.path(), &r, &b, None).unwrap();
    assert!(prior["290"].situations.contains("A"));
}
