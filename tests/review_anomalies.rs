//! Each anomaly of the review, produced alone by séances recorded through the engine with a fake
//! clock; the review must find exactly it, with its explanation.

mod review_support;

use std::fs;

use review_support::*;
use sno_jury::grading::Niveau;
use sno_jury::referentiel::FormeKind;
use sno_jury::review::{AnomalyKind as K, Entry, Integrity, Status};
use sno_jury::session::{ClockAnomalyKind, Event, PauseReason};

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn only(e: &Entry) -> &str {
    assert_eq!(e.anomalies.len(), 1, "{:#?}", e.anomalies);
    &e.anomalies[0].explication
}

/// E2 ponctuel with the given phase times (seconds; A ends early when under 20 min).
fn e2_timed(run: &mut Run, a: i64, b: i64, b_early: bool) {
    run.members(DEUX_ENSEIGNANTS)
        .phase("A", a, a < 20 * 60)
        .phase("B", b, b_early);
}

#[test]
fn a_clean_seance_has_no_anomaly() {
    let (r, d) = (r(), tmp());
    e2_ponctuel(d.path(), &r, "s1", cand("001", "Martin", "Léa"), t(0), true);
    let rep = review(&r, d.path());
    assert_eq!(rep.entries.len(), 1);
    let e = entry(&rep, "001", "E2");
    assert_eq!(kinds(e), vec![]);
    assert_eq!(e.status, Status::Validee);
    assert_eq!(e.totals(&r).map(|t| t.1.fr()), Some("12,5".into()));
    assert!(rep.seances[0].integrity.is_intact());
    assert!(rep.orphans.is_empty());
}

#[test]
fn phase_over_its_maximum_says_by_how_much() {
    let (r, d) = (r(), tmp());
    // E1 CCF: situation A in a group (exposé 20 min max), then B for each candidate.
    let group = vec![cand("010", "Petit", "Hugo"), cand("011", "Roux", "Inès")];
    let a = info(&r, "e1-a", "E1", FormeKind::Ccf, "A", group.clone());
    let mut run = Run::open(d.path(), &r, a, t(0));
    run.members(ENSEIGNANT_ET_PRO)
        .phase("expose", 23 * 60 + 10, false)
        .phase("entretien", 16 * 60, true);
    let after_a = review(&r, d.path());
    for n in ["010", "011"] {
        let e = entry(&after_a, n, "E1");
        assert_eq!(kinds(e), vec![K::DepassementPhase]);
        assert_eq!(e.status, Status::EnCours, "situation B is still to come");
    }
    for (i, c) in group.into_iter().enumerate() {
        let numero = c.numero.clone();
        let b = info(
            &r,
            &format!("e1-b-{numero}"),
            "E1",
            FormeKind::Ccf,
            "B",
            vec![c],
        );
        let mut run = Run::open(d.path(), &r, b, t(3600 * (i as i64 + 1)));
        run.members(ENSEIGNANT_ET_PRO)
            .phase("expose", 9 * 60, true)
            .phase("entretien", 10 * 60, false)
            .grade(&numero)
            .validate(&numero);
    }
    let rep = review(&r, d.path());
    let e = entry(&rep, "010", "E1");
    assert_eq!(e.status, Status::Validee);
    assert_eq!(e.seances.len(), 2);
    assert_eq!(e.anomalies[0].seance, "e1-a");
    assert_eq!(
        only(e),
        "Exposé du groupe projet, avec des temps de parole répartis (20 min maximum) : \
         durée réelle 23:10, dépassement de 3:10."
    );
    assert_eq!(kinds(entry(&rep, "011", "E1")), vec![K::DepassementPhase]);
}

#[test]
fn epreuve_over_its_regulated_duration_pauses_excluded() {
    let (r, d) = (r(), tmp());
    // E3 ponctuel: production 2 h (not a maximum) + entretien 30 min max; 150 min regulated.
    let c = cand("020", "Garcia", "Noah");
    let i = info(&r, "e3", "E3", FormeKind::Ponctuel, "unique", vec![c]);
    let mut run = Run::open(d.path(), &r, i, t(0));
    run.members(DEUX_ENSEIGNANTS)
        .ev(Event::PhaseStarted { phase: "A".into() })
        .wait(60 * 60)
        .pause(5 * 60, PauseReason::Incident, "coupure réseau")
        .wait(65 * 60)
        .ev(Event::PhaseEnded { phase: "A".into() })
        .phase("B", 30 * 60, false)
        .grade("020")
        .validate("020");
    let rep = review(&r, d.path());
    let e = entry(&rep, "020", "E3");
    assert_eq!(kinds(e), vec![K::DepassementEpreuve]);
    assert_eq!(
        only(e),
        "Durée totale de l’épreuve (situation unique) : 2:35:00 pour 2 h 30 réglementaires, \
         dépassement de 5:00 (pauses non comprises)."
    );
}

#[test]
fn an_entretien_cut_short() {
    let (r, d) = (r(), tmp());
    let c = cand("030", "Lefèvre", "Chloé");
    let i = info(&r, "court", "E2", FormeKind::Ponctuel, "unique", vec![c]);
    let mut run = Run::open(d.path(), &r, i, t(0));
    e2_timed(&mut run, 19 * 60, 11 * 60 + 20, true);
    run.grade("030").validate("030");
    let rep = review(&r, d.path());
    let e = entry(&rep, "030", "E2");
    assert_eq!(kinds(e), vec![K::PhaseEcourtee]);
    assert_eq!(
        only(e),
        "Phase B (Entretien avec la personne candidate, 15 min) arrêtée avant son terme : \
         durée réelle 11:20 sur 15:00 prévues."
    );
}

#[test]
fn a_phase_under_its_minimum() {
    let (r, d) = (r(), tmp());
    // E1 CCF A: the entretien lasts 15 to 20 minutes; 12 is too short even though it is a maximum.
    let g = vec![cand("031", "Blanc", "Léo"), cand("032", "Noir", "Zoé")];
    let mut run = Run::open(
        d.path(),
        &r,
        info(&r, "min", "E1", FormeKind::Ccf, "A", g),
        t(0),
    );
    run.members(ENSEIGNANT_ET_PRO)
        .phase("expose", 20 * 60, false)
        .phase("entretien", 12 * 60, true);
    let rep = review(&r, d.path());
    let e = entry(&rep, "031", "E1");
    assert_eq!(kinds(e), vec![K::PhaseEcourtee]);
    assert!(
        only(e).ends_with("durée réelle 12:00, en deçà du minimum de 15:00."),
        "{}",
        only(e)
    );
}

#[test]
fn criteria_not_positioned() {
    let (r, d) = (r(), tmp());
    let c = cand("040", "Moreau", "Jules");
    let mut run = Run::open(
        d.path(),
        &r,
        info(&r, "p", "E2", FormeKind::Ponctuel, "unique", vec![c]),
        t(0),
    );
    e2_timed(&mut run, 18 * 60, 15 * 60, false);
    run.positions("040", Niveau::Satisfaisant, &["C2.2-3", "C2.3-1"])
        .notes("040", &["12", "12", "12"])
        .appreciation("040", "Bien.");
    let rep = review(&r, d.path());
    let e = entry(&rep, "040", "E2");
    assert_eq!(e.status, Status::AValider);
    assert_eq!(kinds(e), vec![K::CriteresNonPositionnes]);
    assert_eq!(
        only(e),
        "2 critère(s) d’évaluation sans positionnement TI / I / S / TS : C2.2-3, C2.3-1."
    );
}

#[test]
fn no_appreciation() {
    let (r, d) = (r(), tmp());
    let c = cand("050", "Simon", "Emma");
    let mut run = Run::open(
        d.path(),
        &r,
        info(&r, "p", "E2", FormeKind::Ponctuel, "unique", vec![c]),
        t(0),
    );
    e2_timed(&mut run, 18 * 60, 15 * 60, false);
    run.positions("050", Niveau::Satisfaisant, &[])
        .notes("050", &["12", "12", "12"]);
    let rep = review(&r, d.path());
    let e = entry(&rep, "050", "E2");
    assert_eq!(e.status, Status::AValider);
    assert_eq!(kinds(e), vec![K::AppreciationManquante]);
}

#[test]
fn commission_not_matching_the_referentiel() {
    let (r, d) = (r(), tmp());
    let c = cand("060", "Laurent", "Manon");
    let mut run = Run::open(
        d.path(),
        &r,
        info(&r, "p", "E2", FormeKind::Ponctuel, "unique", vec![c]),
        t(0),
    );
    // E2 ponctuel wants two enseignants; a professional cannot replace one.
    run.members(ENSEIGNANT_ET_PRO)
        .phase("A", 18 * 60, true)
        .phase("B", 15 * 60, false)
        .grade("060");
    let rep = review(&r, d.path());
    let e = entry(&rep, "060", "E2");
    assert_eq!(e.status, Status::AValider, "the engine refuses to validate");
    assert_eq!(kinds(e), vec![K::CommissionNonConforme]);
    let text = only(e);
    assert!(text.starts_with("Commission d’évaluation non conforme au référentiel (membres : Mme Claire Fontaine (enseignant), M. Paul Lemoine (professionnel)) : commission : manque Personne enseignante ou formatrice"), "{text}");
}

#[test]
fn note_outside_the_band_of_its_positions() {
    let (r, d) = (r(), tmp());
    let c = cand("070", "Michel", "Lina");
    let mut run = Run::open(
        d.path(),
        &r,
        info(&r, "p", "E2", FormeKind::Ponctuel, "unique", vec![c]),
        t(0),
    );
    e2_timed(&mut run, 18 * 60, 15 * 60, false);
    run.positions("070", Niveau::Satisfaisant, &[])
        .notes("070", &["18", "13", "12"])
        .appreciation("070", "Très bon exposé.")
        .validate("070");
    let rep = review(&r, d.path());
    let e = entry(&rep, "070", "E2");
    assert_eq!(e.status, Status::Validee);
    assert_eq!(kinds(e), vec![K::NoteIncoherente]);
    assert!(
        only(e).starts_with("C2.1 : note 18/20 hors de la plage 10–15"),
        "{}",
        only(e)
    );
}

#[test]
fn pfmp_weeks_checked_against_the_requirement() {
    let (r, d) = (r(), tmp());
    let cases = [
        ("080", None),
        ("081", Some((10, false))),
        ("082", Some((8, true))),
        ("083", Some((7, true))),
        ("084", Some((12, false))),
    ];
    for (k, (numero, pfmp)) in cases.iter().enumerate() {
        let c = cand(numero, "Dossier", "Sam");
        let i = info(
            &r,
            &format!("e2-{numero}"),
            "E2",
            FormeKind::Ccf,
            "unique",
            vec![c],
        );
        let mut run = Run::open(d.path(), &r, i, t(600 * k as i64));
        run.members(DEUX_ENSEIGNANTS);
        if let Some((weeks, positionne)) = pfmp {
            run.ev(Event::PfmpRecorded {
                candidat: numero.to_string(),
                weeks: *weeks,
                positionne: *positionne,
            });
        }
        run.grade(numero).validate(numero);
    }
    let rep = review(&r, d.path());
    let k = |n| kinds(entry(&rep, n, "E2"));
    assert_eq!(k("080"), vec![K::PfmpInsuffisante]);
    assert_eq!(k("081"), vec![K::PfmpInsuffisante]);
    assert_eq!(k("082"), vec![]);
    assert_eq!(k("083"), vec![K::PfmpInsuffisante]);
    assert_eq!(k("084"), vec![]);
    assert_eq!(
        only(entry(&rep, "083", "E2")),
        "PFMP de 7 semaine(s) pour 8 exigées (personne candidate positionnée)."
    );
    assert!(only(entry(&rep, "080", "E2")).starts_with("Durée des PFMP non renseignée"));
}

#[test]
fn two_seances_for_the_same_situation() {
    let (r, d) = (r(), tmp());
    let end = e2_ponctuel(
        d.path(),
        &r,
        "premiere",
        cand("090", "Durand", "Adam"),
        t(0),
        true,
    );
    let c = cand("090", "Durand", "Adam");
    let i = info(&r, "seconde", "E2", FormeKind::Ponctuel, "unique", vec![c]);
    let mut run = Run::open(d.path(), &r, i, end + chrono::Duration::hours(1));
    e2_timed(&mut run, 18 * 60, 15 * 60, false);
    let rep = review(&r, d.path());
    assert_eq!(rep.entries.len(), 1);
    let e = entry(&rep, "090", "E2");
    assert_eq!(e.seances.len(), 2);
    assert_eq!(kinds(e), vec![K::SeancesEnDouble]);
    assert_eq!(
        only(e),
        "2 séances évaluent cette personne candidate pour la même situation (E2 ponctuel, \
         situation unique) : premiere, seconde ; une seule doit compter."
    );
}

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
