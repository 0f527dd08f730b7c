//! The log-level anomalies: a tampered, unreadable or torn log, a clock anomaly, a training
//! séance; and the statuses en cours / à valider / absent.

use std::fs;

use super::{e2_timed, only, tmp};
use crate::kit::review::*;
use sno_jury::referentiel::FormeKind;
use sno_jury::review::{AnomalyKind as K, Integrity, Status};
use sno_jury::session::{ClockAnomalyKind, Event};

#[test]
fn a_tampered_log_is_listed_with_a_broken_chain() {
    let (r, d) = (r(), tmp());
    e2_ponctuel(
        d.path(),
        &r,
        "trafique",
        cand("100", "Fournier", "Rose"),
        t(0),
        true,
    );
    let path = d.path().join("trafique.jsonl");
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains("Exposé clair"));
    fs::write(&path, text.replace("Exposé clair", "Exposé brillant")).unwrap();
    let rep = review(&r, d.path());
    let e = entry(&rep, "100", "E2");
    assert_eq!(kinds(e), vec![K::ChaineRompue]);
    assert!(only(e).contains("trafique.jsonl"), "{}", only(e));
    assert!(matches!(rep.seances[0].integrity, Integrity::Broken { .. }));
    assert!(rep.seances[0].integrity.describe().starts_with("rompue — "));
    // Shown for what it claims, never trusted.
    assert_eq!(
        e.grid.appreciation.split(" ;").next(),
        Some("Exposé brillant et structuré")
    );
    assert!(!e.intact(&rep));
}

#[test]
fn an_unreadable_log_is_listed_not_skipped() {
    let (r, d) = (r(), tmp());
    e2_ponctuel(
        d.path(),
        &r,
        "bon",
        cand("110", "Girard", "Tom"),
        t(0),
        true,
    );
    fs::write(d.path().join("abime.jsonl"), "ceci n’est pas du JSON\n").unwrap();
    let rep = review(&r, d.path());
    assert_eq!(rep.seances.len(), 2);
    assert_eq!(rep.orphans.len(), 1);
    let orphan = &rep.seances[rep.orphans[0]];
    assert_eq!(orphan.id, "abime");
    assert!(!orphan.integrity.is_intact());
    assert!(
        orphan
            .anomalies
            .iter()
            .any(|a| a.kind == K::ChaineRompue || a.kind == K::JournalIllisible)
    );
    assert_eq!(kinds(entry(&rep, "110", "E2")), vec![]);
    let text = sno_jury::review::text::report(&r, &rep);
    assert!(text.contains("abime.jsonl"), "{text}");
}

#[test]
fn a_clock_anomaly() {
    let (r, d) = (r(), tmp());
    let c = cand("120", "Bonnet", "Jade");
    let mut run = Run::open(
        d.path(),
        &r,
        info(&r, "h", "E2", FormeKind::Ponctuel, "unique", vec![c]),
        t(0),
    );
    run.members(DEUX_ENSEIGNANTS)
        .ev(Event::PhaseStarted { phase: "A".into() })
        .wait(600)
        .ev(Event::ClockAnomaly {
            kind: ClockAnomalyKind::Backwards,
            delta_ms: -3_240,
        })
        .wait(480)
        .ev(Event::PhaseEndedEarly { phase: "A".into() })
        .phase("B", 15 * 60, false)
        .grade("120")
        .validate("120");
    let rep = review(&r, d.path());
    let e = entry(&rep, "120", "E2");
    assert_eq!(kinds(e), vec![K::AnomalieHorloge]);
    assert_eq!(
        only(e),
        "À 07:10:00, l’horloge de l’ordinateur est revenue en arrière de 3,2 s : les durées \
         mesurées autour de cet instant sont à vérifier."
    );
}

#[test]
fn a_training_seance() {
    let (r, d) = (r(), tmp());
    let c = cand("130", "Mercier", "Axel");
    let mut i = info(
        &r,
        "entrainement",
        "E2",
        FormeKind::Ponctuel,
        "unique",
        vec![c],
    );
    i.vitesse = Some(10);
    let mut run = Run::open(d.path(), &r, i, t(0));
    // ×10: 108 s of wall time are 18 min of épreuve.
    e2_timed(&mut run, 108, 90, false);
    run.grade("130").validate("130");
    let rep = review(&r, d.path());
    assert_eq!(rep.entries.len(), 1);
    let e = &rep.entries[0];
    assert!(e.training);
    assert_eq!(kinds(e), vec![K::ModeEntrainement]);
    assert_eq!(e.status, Status::Validee);
}

#[test]
fn statuses_en_cours_a_valider_absent() {
    let (r, d) = (r(), tmp());
    // En cours: phase B still running.
    let c = cand("140", "Andre", "Lou");
    let mut run = Run::open(
        d.path(),
        &r,
        info(&r, "cours", "E2", FormeKind::Ponctuel, "unique", vec![c]),
        t(0),
    );
    run.members(DEUX_ENSEIGNANTS)
        .phase("A", 18 * 60, true)
        .ev(Event::PhaseStarted { phase: "B".into() })
        .wait(120);
    // À valider: complete, not validated.
    e2_ponctuel(
        d.path(),
        &r,
        "avalider",
        cand("141", "Lambert", "Nina"),
        t(7200),
        false,
    );
    // Absent (justified), validated without any phase.
    let c = cand("142", "Faure", "Yanis");
    let mut run = Run::open(
        d.path(),
        &r,
        info(&r, "absent", "E2", FormeKind::Ponctuel, "unique", vec![c]),
        t(9000),
    );
    run.members(DEUX_ENSEIGNANTS)
        .ev(Event::CandidateAbsent {
            candidat: "142".into(),
            justified: true,
        })
        .validate("142");
    let rep = review(&r, d.path());
    let st = |n| entry(&rep, n, "E2").status;
    assert_eq!(st("140"), Status::EnCours);
    assert_eq!(st("141"), Status::AValider);
    assert_eq!(st("142"), Status::Absent);
    for n in ["140", "141", "142"] {
        assert_eq!(kinds(entry(&rep, n, "E2")), vec![], "{n}");
    }
}

#[test]
fn a_torn_last_line_is_a_warning_not_a_broken_chain() {
    let (r, d) = (r(), tmp());
    e2_ponctuel(
        d.path(),
        &r,
        "coupe",
        cand("150", "Perrin", "Alix"),
        t(0),
        true,
    );
    let path = d.path().join("coupe.jsonl");
    let mut bytes = fs::read(&path).unwrap();
    // A crash in the middle of writing the next record.
    bytes.extend_from_slice(b"{\"seq\":99,\"ts\":\"2025-05-");
    fs::write(&path, bytes).unwrap();
    let rep = review(&r, d.path());
    let s = &rep.seances[0];
    match &s.integrity {
        Integrity::Intact { warning: Some(w) } => assert!(!w.is_empty()),
        other => panic!("expected an intact log with a warning, got {other:?}"),
    }
    assert!(
        s.integrity
            .describe()
            .starts_with("intacte (chaîne de hachage vérifiée) ; ")
    );
    let e = entry(&rep, "150", "E2");
    assert_eq!(kinds(e), vec![]);
    assert_eq!(e.status, Status::Validee);
}
