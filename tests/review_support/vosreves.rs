//! The example séances of `sessions/exemples/`: fictitious candidates of a MC SNO class whose
//! PFMP take place at VosRêves, the travel agency of the pedagogical guide's running example.
//! Recorded through the engine with a fixed fake clock, so the output is the same every time.

use std::path::Path;

use chrono::{DateTime, Duration, TimeZone, Utc};
use sno_jury::grading::{Niveau, Points};
use sno_jury::referentiel::{FormeKind, Referentiel};
use sno_jury::session::{Candidat, Event, PauseReason};

use super::{Run, info};

const ETAB: &str = "Lycée des métiers du numérique Jean Jaurès, Bordeaux";

fn c(numero: &str, nom: &str, prenom: &str) -> Candidat {
    Candidat {
        numero: numero.into(),
        nom: nom.into(),
        prenom: prenom.into(),
        etablissement: ETAB.into(),
    }
}

fn lea() -> Candidat {
    c("02512345601", "Martin", "Léa")
}
fn hugo() -> Candidat {
    c("02512345602", "Petit", "Hugo")
}
fn ines() -> Candidat {
    c("02512345603", "Roux", "Inès")
}
fn yanis() -> Candidat {
    c("02512345604", "Faure", "Yanis")
}

/// 2 June 2025 at `h:m` UTC (two hours behind Paris in summer).
fn at(day: u32, h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 6, day, h, m, 0).unwrap()
}

const PROF: (&str, &str) = ("Mme Claire Fontaine", "enseignant");
const PROF2: (&str, &str) = ("M. Karim Belkacem", "enseignant");
const PRO: (&str, &str) = ("M. Julien Sencer", "professionnel");

fn speak(run: &mut Run, who: &Candidat, secs: i64) {
    run.ev(Event::SpeakerChanged {
        candidat: Some(who.numero.clone()),
    });
    run.wait(secs);
}

fn note(run: &mut Run, who: &Candidat, competence: &str, n: &str) {
    run.ev(Event::NoteSet {
        candidat: who.numero.clone(),
        competence: competence.into(),
        note: n.parse::<Points>().unwrap(),
    });
}

fn position(run: &mut Run, who: &Candidat, competence: &str, levels: &[Niveau]) {
    for (i, niveau) in levels.iter().enumerate() {
        run.ev(Event::CriterionPositioned {
            candidat: who.numero.clone(),
            critere: format!("{competence}-{}", i + 1),
            niveau: *niveau,
        });
    }
}

use Niveau::{Insuffisant as I, Satisfaisant as S, TresSatisfaisant as TS};

/// Writes the example séances into `dir` (which must hold no log of the same ids).
pub fn generate(dir: &Path, r: &Referentiel) {
    e1_situation_a(dir, r);
    e1_situation_b_lea(dir, r);
    e1_situation_b_hugo(dir, r);
    e2_ponctuel_yanis(dir, r);
    e2_ccf_lea(dir, r);
    e3_ponctuel_hugo(dir, r);
    entrainement(dir, r);
}

/// E1 CCF A: the group presents the new "séjours professionnels" offer published on the
/// VosRêves site; the exposé runs 1:30 over its 20 minutes.
fn e1_situation_a(dir: &Path, r: &Referentiel) {
    let group = vec![lea(), hugo(), ines()];
    let i = info(
        r,
        "2025-06-02-E1-A-groupe1",
        "E1",
        FormeKind::Ccf,
        "A",
        group,
    );
    let mut run = Run::open(dir, r, i, at(2, 7, 0));
    run.members(&[PROF, PRO]);
    run.ev(Event::PhaseStarted {
        phase: "expose".into(),
    });
    speak(&mut run, &lea(), 7 * 60);
    speak(&mut run, &hugo(), 8 * 60 + 30);
    speak(&mut run, &ines(), 6 * 60);
    run.ev(Event::PhaseEnded {
        phase: "expose".into(),
    });
    run.ev(Event::PhaseStarted {
        phase: "entretien".into(),
    });
    speak(&mut run, &ines(), 5 * 60);
    speak(&mut run, &lea(), 6 * 60);
    speak(&mut run, &hugo(), 7 * 60);
    run.ev(Event::SpeakerChanged { candidat: None });
    run.ev(Event::PhaseEndedEarly {
        phase: "entretien".into(),
    });
    run.ev(Event::Remark {
        text: "Démonstration de la page « Séjours professionnels » du site VosRêves.".into(),
    });
    for who in [lea(), hugo(), ines()] {
        position(&mut run, &who, "C1.3", &[S, S, TS, S, S, S]);
    }
}

/// E1 CCF B for Léa, validated, then amended with a reason.
fn e1_situation_b_lea(dir: &Path, r: &Referentiel) {
    let who = lea();
    let i = info(
        r,
        "2025-06-05-E1-B-martin",
        "E1",
        FormeKind::Ccf,
        "B",
        vec![who.clone()],
    );
    let mut run = Run::open(dir, r, i, at(5, 7, 30));
    run.members(&[PROF, PRO])
        .phase("expose", 9 * 60 + 40, true)
        .phase("entretien", 10 * 60, false);
    position(&mut run, &who, "C1.1", &[S, TS, S, S, S]);
    position(&mut run, &who, "C1.2", &[S, S, I, S]);
    note(&mut run, &who, "C1.1", "14");
    note(&mut run, &who, "C1.2", "11.5");
    note(&mut run, &who, "C1.3", "13");
    run.appreciation(
        &who.numero,
        "Contribution solide au projet de l’offre « séjours professionnels » ; veille sur \
         l’e-réputation à approfondir.",
    )
    .validate(&who.numero);
    run.wait(15 * 60).ev(Event::Amendment {
        reason: "Erreur de saisie relevée à la relecture de la grille papier".into(),
        change: Box::new(Event::NoteSet {
            candidat: who.numero.clone(),
            competence: "C1.2".into(),
            note: "12".parse().unwrap(),
        }),
    });
}

/// E1 CCF B for Hugo, with a pause, validated.
fn e1_situation_b_hugo(dir: &Path, r: &Referentiel) {
    let who = hugo();
    let i = info(
        r,
        "2025-06-05-E1-B-petit",
        "E1",
        FormeKind::Ccf,
        "B",
        vec![who.clone()],
    );
    let mut run = Run::open(dir, r, i, at(5, 8, 15));
    run.members(&[PROF, PRO])
        .ev(Event::PhaseStarted {
            phase: "expose".into(),
        })
        .wait(4 * 60)
        .pause(3 * 60, PauseReason::Incident, "vidéoprojecteur débranché")
        .wait(6 * 60)
        .ev(Event::PhaseEnded {
            phase: "expose".into(),
        })
        .phase("entretien", 10 * 60, false);
    position(&mut run, &who, "C1.1", &[TS, TS, S, TS, S]);
    position(&mut run, &who, "C1.2", &[S, TS, S, S]);
    note(&mut run, &who, "C1.1", "16.5");
    note(&mut run, &who, "C1.2", "14");
    note(&mut run, &who, "C1.3", "13.5");
    run.appreciation(
        &who.numero,
        "Très bonne maîtrise de l’outil de gestion de contenu ; présentation claire malgré \
         l’incident technique.",
    )
    .validate(&who.numero);
}

/// E2 ponctuel for Yanis: the entretien is stopped after 11 minutes.
fn e2_ponctuel_yanis(dir: &Path, r: &Referentiel) {
    let who = yanis();
    let i = info(
        r,
        "2025-06-10-E2-faure",
        "E2",
        FormeKind::Ponctuel,
        "unique",
        vec![who.clone()],
    );
    let mut run = Run::open(dir, r, i, at(10, 12, 0));
    run.members(&[PROF, PROF2])
        .phase("A", 19 * 60 + 45, true)
        .phase("B", 11 * 60, true)
        .positions(&who.numero, Niveau::Satisfaisant, &[])
        .notes(&who.numero, &["12", "11", "13"])
        .appreciation(
            &who.numero,
            "Bonne présentation de la migration de la messagerie de l’agence de Lyon.",
        )
        .validate(&who.numero);
}

/// E2 CCF on the dossier for Léa (no candidate present, no phases), PFMP recorded.
fn e2_ccf_lea(dir: &Path, r: &Referentiel) {
    let who = lea();
    let i = info(
        r,
        "2025-06-12-E2-CCF-martin",
        "E2",
        FormeKind::Ccf,
        "unique",
        vec![who.clone()],
    );
    let mut run = Run::open(dir, r, i, at(12, 13, 0));
    run.members(&[PROF, PROF2])
        .ev(Event::PfmpRecorded {
            candidat: who.numero.clone(),
            weeks: 12,
            positionne: false,
            voie: None,
        })
        .positions(&who.numero, Niveau::TresSatisfaisant, &["C2.2-5"])
        .ev(Event::CriterionPositioned {
            candidat: who.numero.clone(),
            critere: "C2.2-5".into(),
            niveau: Niveau::Satisfaisant,
        })
        .notes(&who.numero, &["17", "16", "17.5"])
        .appreciation(
            &who.numero,
            "Traces variées et bien documentées (intranet, outils collaboratifs des agences).",
        )
        .validate(&who.numero);
}

/// E3 ponctuel: Hugo is absent, with a justification.
fn e3_ponctuel_hugo(dir: &Path, r: &Referentiel) {
    let who = hugo();
    let i = info(
        r,
        "2025-06-16-E3-petit",
        "E3",
        FormeKind::Ponctuel,
        "unique",
        vec![who.clone()],
    );
    let mut run = Run::open(dir, r, i, at(16, 7, 0));
    run.members(&[PROF, PROF2])
        .ev(Event::CandidateAbsent {
            candidat: who.numero.clone(),
            justified: true,
        })
        .validate(&who.numero);
}

/// A training run at ten times the speed: listed, never exported.
fn entrainement(dir: &Path, r: &Referentiel) {
    let who = c("00000000000", "Essai", "Démonstration");
    let mut i = info(
        r,
        "2025-05-28-entrainement",
        "E2",
        FormeKind::Ponctuel,
        "unique",
        vec![who],
    );
    i.vitesse = Some(10);
    let mut run = Run::open(dir, r, i, at(1, 9, 0) - Duration::days(4));
    run.members(&[PROF, PROF2])
        .phase("A", 2 * 60, false)
        .phase("B", 90, false);
}
