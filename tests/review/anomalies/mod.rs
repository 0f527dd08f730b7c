//! Each anomaly of the review, produced alone by séances recorded through the engine with a fake
//! clock; the review must find exactly it, with its explanation.

/// The log-level anomalies (integrity, clock, training) and the statuses, kept apart so each
/// file stays short; they share this file's helpers.
mod integrity;

/// Conflicts between séances, trust in logs, and the exit statuses that follow.
mod conflicts;

/// The texts' rules: refusals and anomalies, each with its lawful neighbour.
mod rules;

/// The commission corrected: before validation, then by amendment.
mod commission;

/// The voie recorded with the opening, and the PFMP rule that follows it.
mod voie;

/// The harmonisation view across commissions.
mod harmonisation;

/// Parts of a phase and « temps majoré ».
mod temps;

/// The anomaly kinds of an entry (for the submodules).
fn kinds_of(e: &Entry) -> Vec<K> {
    kinds(e)
}

use crate::kit::review::*;
use sno_jury::grading::Niveau;
use sno_jury::referentiel::FormeKind;
use sno_jury::review::{AnomalyKind as K, Entry, Status};
use sno_jury::session::{Event, PauseReason};

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
         durée réelle 23:10 pour 20:00 (maximum), dépassement de 3:10."
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
    // The production ran 2:05 of its 2 h too: every timed phase is held to its duration.
    assert_eq!(kinds(e), vec![K::DepassementPhase, K::DepassementEpreuve]);
    assert_eq!(
        e.anomalies[1].explication,
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
    let mut refused = Vec::new();
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
                voie: None,
            });
        }
        run.grade(numero);
        // « L’obtention de l’épreuve est conditionnée à la réalisation de la durée
        // réglementaire »: no validation without the weeks recorded.
        match run.seance.record(
            &r,
            Event::GridValidated {
                candidat: numero.to_string(),
            },
            run.now,
        ) {
            Ok(_) => {}
            Err(e) => refused.push((numero.to_string(), e.to_string())),
        }
    }
    assert_eq!(refused.len(), 1, "{refused:?}");
    assert_eq!(refused[0].0, "080");
    assert!(
        refused[0].1.contains("PFMP : durée non renseignée"),
        "{refused:?}"
    );
    let rep = review(&r, d.path());
    assert_eq!(entry(&rep, "080", "E2").status, Status::AValider);
    let k = |n| kinds(entry(&rep, n, "E2"));
    assert_eq!(k("080"), vec![K::PfmpInsuffisante]);
    assert_eq!(k("081"), vec![K::PfmpInsuffisante]);
    assert_eq!(k("082"), vec![]);
    assert_eq!(k("083"), vec![K::PfmpInsuffisante]);
    assert_eq!(k("084"), vec![]);
    assert_eq!(
        only(entry(&rep, "083", "E2")),
        "PFMP de 7 semaine(s) pour 8 exigées (personne candidate positionnée) : épreuve non \
         obtenue (« L’obtention de l’épreuve est conditionnée à la réalisation de la durée \
         réglementaire »)."
    );
    // Short: the épreuve is not obtained, whatever the grid's note.
    let r081 = entry(&rep, "081", "E2").resultat(&r).unwrap();
    assert_eq!(
        r081.statut(),
        "épreuve non obtenue (PFMP : 10 / 12 semaines)"
    );
    assert_eq!(r081.sur20(), None);
    assert!(
        entry(&rep, "084", "E2")
            .resultat(&r)
            .unwrap()
            .sur20()
            .is_some()
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
        "2 séances pour la même situation (E2 ponctuel, situation unique) : premiere, \
         seconde ; une seule a évalué la grille (l’autre a été abandonnée ou reprise)."
    );
    assert_eq!(
        e.status,
        sno_jury::review::Status::Validee,
        "not a conflict"
    );
}
