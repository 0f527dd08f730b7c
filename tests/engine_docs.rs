//! The log format documented for coordinators is the one the engine writes: the example
//! séances of the documentation are regenerated here through `Seance` and compared byte for
//! byte, and together they show every event type.

mod engine_support;

use std::collections::BTreeSet;
use std::path::Path;

use chrono::{DateTime, TimeZone, Utc};
use engine_support::*;
use sno_jury::grading::{Niveau, Points};
use sno_jury::referentiel::{FormeKind, Referentiel};
use sno_jury::session::{
    Candidat, ClockAnomalyKind, Event, PauseReason, Seance, SeanceInfo, Verdict, check_dir,
};

fn at(h: u32, m: u32, s: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 6, 10, h, m, s).unwrap()
}

fn person(numero: &str, nom: &str, prenom: &str) -> Candidat {
    Candidat {
        numero: numero.into(),
        nom: nom.into(),
        prenom: prenom.into(),
        etablissement: "Lycée Jean Moulin, Lyon".into(),
    }
}

fn example_info(
    r: &Referentiel,
    id: &str,
    e: &str,
    f: FormeKind,
    s: &str,
    c: Vec<Candidat>,
) -> SeanceInfo {
    let mut i = info(r, id, e, f, s, &[]);
    i.candidats = c;
    i
}

/// Example 1: an E1 CCF situation A group séance, with 17 of the 19 event types.
fn example_e1(dir: &Path, r: &Referentiel) -> String {
    let i = example_info(
        r,
        "2025-06-10-E1-A-g3",
        "E1",
        FormeKind::Ccf,
        "A",
        vec![
            person("0421", "Martin", "Léa"),
            person("0422", "Durand", "Hugo"),
        ],
    );
    let mut s = Seance::create(dir, r, i, at(8, 0, 0), &no_prior()).unwrap();
    let events = [
        (at(8, 0, 40), member("Bernard", "enseignant")),
        (at(8, 1, 5), member("Petit", "professionnel")),
        (
            at(8, 2, 0),
            Event::PhaseStarted {
                phase: "expose".into(),
            },
        ),
        (
            at(8, 2, 1),
            Event::SpeakerChanged {
                candidat: Some("0421".into()),
            },
        ),
        (
            at(8, 9, 30),
            Event::Paused {
                reason: PauseReason::Incident,
                detail: "vidéoprojecteur".into(),
            },
        ),
        (at(8, 12, 10), Event::Resumed),
        (
            at(8, 19, 0),
            Event::PhaseEndedEarly {
                phase: "expose".into(),
            },
        ),
        (
            at(8, 19, 30),
            Event::PhaseStarted {
                phase: "entretien".into(),
            },
        ),
        (
            at(8, 25, 0),
            Event::CriterionPositioned {
                candidat: "0421".into(),
                critere: "C1.1-2".into(),
                niveau: Niveau::Satisfaisant,
            },
        ),
        (
            at(8, 25, 20),
            Event::CriterionCleared {
                candidat: "0421".into(),
                critere: "C1.1-2".into(),
            },
        ),
        (
            at(8, 31, 0),
            Event::ClockAnomaly {
                kind: ClockAnomalyKind::Jump,
                delta_ms: 3600,
            },
        ),
        (
            at(8, 39, 45),
            Event::PhaseEnded {
                phase: "entretien".into(),
            },
        ),
        (
            at(8, 42, 0),
            Event::NoteSet {
                candidat: "0421".into(),
                competence: "C1.1".into(),
                note: Points::from_halves(29),
            },
        ),
        (
            at(8, 44, 0),
            Event::AppreciationSet {
                candidat: "0421".into(),
                text: "Exposé clair ; contribution au projet bien argumentée.".into(),
            },
        ),
        (
            at(8, 45, 0),
            Event::Remark {
                text: "Hugo Durand absent, convocation vérifiée.".into(),
            },
        ),
        (
            at(8, 45, 30),
            Event::CandidateAbsent {
                candidat: "0422".into(),
                justified: false,
            },
        ),
        (
            at(8, 46, 0),
            Event::GridValidated {
                candidat: "0422".into(),
            },
        ),
        (
            at(9, 30, 0),
            Event::Amendment {
                reason: "Certificat médical remis au secrétariat à 9 h 20.".into(),
                change: Box::new(Event::CandidateAbsent {
                    candidat: "0422".into(),
                    justified: true,
                }),
            },
        ),
    ];
    for (ts, e) in events {
        s.record(r, e, ts).unwrap();
    }
    std::fs::read_to_string(s.path()).unwrap()
}

/// Example 2: an E2 CCF séance (sur dossier), for the PFMP weeks.
fn example_e2(dir: &Path, r: &Referentiel) -> String {
    let i = example_info(
        r,
        "2025-06-10-E2-0433",
        "E2",
        FormeKind::Ccf,
        "unique",
        vec![person("0433", "Leroy", "Inès")],
    );
    let mut s = Seance::create(dir, r, i, at(14, 0, 0), &no_prior()).unwrap();
    let pfmp = Event::PfmpRecorded {
        candidat: "0433".into(),
        weeks: 12,
        positionne: false,
    };
    s.record(r, pfmp, at(14, 2, 0)).unwrap();
    std::fs::read_to_string(s.path()).unwrap()
}

/// Example 3: an E3 CCF situation A séance (dossier, without the candidate) for a candidate
/// dispensé: the commission records the dispense, then validates.
fn example_e3(dir: &Path, r: &Referentiel) -> String {
    let i = example_info(
        r,
        "2025-06-10-E3-A-0440",
        "E3",
        FormeKind::Ccf,
        "A",
        vec![person("0440", "Roux", "Camille")],
    );
    let mut s = Seance::create(dir, r, i, at(15, 0, 0), &no_prior()).unwrap();
    let events = [
        (at(15, 0, 20), member("Bernard", "enseignant")),
        (at(15, 0, 45), member("Garnier", "enseignant")),
        (
            at(15, 1, 30),
            Event::CandidateExempted {
                candidat: "0440".into(),
            },
        ),
        (
            at(15, 2, 0),
            Event::GridValidated {
                candidat: "0440".into(),
            },
        ),
    ];
    for (ts, e) in events {
        s.record(r, e, ts).unwrap();
    }
    std::fs::read_to_string(s.path()).unwrap()
}

/// The documentation of the log format, in the README.
fn doc_text() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("README.md")).unwrap();
    assert!(
        text.contains("<!-- exemple-journal:e1 -->"),
        "the log format is documented"
    );
    text
}

/// The ```jsonl block after `marker` in the documentation.
fn documented(marker: &str) -> String {
    {
        let text = doc_text();
        let Some(at) = text.find(marker) else {
            panic!("no documentation holds {marker}")
        };
        let rest = &text[at..];
        let start = rest
            .find("```jsonl\n")
            .expect("a jsonl block after the marker")
            + 9;
        let end = rest[start..].find("```").expect("closed block");
        rest[start..start + end].to_string()
    }
}

#[test]
fn documented_examples_are_what_the_engine_writes() {
    let r = r();
    let dir = tempfile::tempdir().unwrap();
    let e1 = example_e1(dir.path(), &r);
    let e2 = example_e2(dir.path(), &r);
    let e3 = example_e3(dir.path(), &r);
    assert!(
        documented("<!-- exemple-journal:e1 -->") == e1,
        "the E1 example of the documentation is stale; the engine writes:\n{e1}"
    );
    assert!(
        documented("<!-- exemple-journal:e2 -->") == e2,
        "the E2 example of the documentation is stale; the engine writes:\n{e2}"
    );
    assert!(
        documented("<!-- exemple-journal:e3 -->") == e3,
        "the E3 example of the documentation is stale; the engine writes:\n{e3}"
    );
    let kinds: BTreeSet<String> = e1
        .lines()
        .chain(e2.lines())
        .chain(e3.lines())
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["event"]["type"].to_string())
        .collect();
    assert_eq!(
        kinds.len(),
        19,
        "every event type has an example: {kinds:?}"
    );
    let report = check_dir(dir.path(), &r, chrono::Utc::now());
    assert!(
        report.iter().all(|l| l.verdict == Verdict::Ok),
        "{report:?}"
    );
    // The `check` output shown in the documentation carries these logs' real empreintes.
    let text = doc_text();
    for line in &report {
        let shown = line.to_string();
        let name = line.file.file_name().unwrap().to_string_lossy();
        let tip = &line.tip.as_ref().unwrap()[..16];
        assert!(
            text.contains(&format!("{name} (")) && text.contains(tip),
            "doc lacks {shown}"
        );
    }
}
