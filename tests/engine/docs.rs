//! The log format documented for coordinators is the one the engine writes: the example
//! séances of the documentation are regenerated here through `Seance` and compared byte for
//! byte, and together they show every event type. They are stamped as the app stamps them: the
//! wall clock and the monotonic clock of one run of the app (a laptop booted at 07:45:12.345),
//! whose wall clock an NTP correction sets 3.6 s forward at 08:31.

use std::collections::BTreeSet;
use std::path::Path;

use crate::kit::engine::*;
use chrono::{DateTime, TimeZone, Utc};
use sno_jury::grading::{Niveau, Points};
use sno_jury::referentiel::{FormeKind, Referentiel};
use sno_jury::session::{
    Candidat, Event, Membre, PauseReason, RunId, Seance, SeanceInfo, Stamp, Verdict, check_dir,
};

/// The app's run: one process for the three séances of the day.
const RUN: RunId = RunId(0x3f9c_2a71_d4e8_b605);

/// The real time, as the monotonic clock counts it since the boot at 07:45:12.345.
fn real(h: u32, m: u32, s: u32) -> (DateTime<Utc>, u64) {
    let t = Utc.with_ymd_and_hms(2025, 6, 10, h, m, s).unwrap();
    let boot =
        Utc.with_ymd_and_hms(2025, 6, 10, 7, 45, 12).unwrap() + chrono::Duration::milliseconds(345);
    (t, (t - boot).num_milliseconds() as u64)
}

/// The stamp at real time h:m:s; from 08:31 on, the wall clock is 3.6 s ahead.
fn at(h: u32, m: u32, s: u32) -> Stamp {
    let (t, ms) = real(h, m, s);
    let ahead = if (h, m) >= (8, 31) { 3600 } else { 0 };
    Stamp::new(t + chrono::Duration::milliseconds(ahead), RUN, ms)
}

fn commission(members: &[(&str, &str)]) -> Vec<Membre> {
    members
        .iter()
        .map(|(nom, qualite)| Membre {
            nom: (*nom).into(),
            qualite: (*qualite).into(),
        })
        .collect()
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
    info(r, id, e, f, s, c)
}

/// Example 1: an E1 CCF situation A group séance, with 17 of the 19 event types; the
/// commission is recorded with the opening, as the wizard does.
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
    let membres = commission(&[("Bernard", "enseignant"), ("Petit", "professionnel")]);
    let mut s =
        Seance::create_with_commission(dir, r, i, &membres, at(8, 0, 0), &no_prior()).unwrap();
    let events = [
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
        if ts.wall >= real(8, 31, 0).0 && s.state().clock_anomalies.is_empty() {
            // The app looks at the clocks at each wake-up: it sees the step at 08:31:00.
            s.observe(r, at(8, 31, 0)).unwrap();
        }
        s.record(r, e, ts).unwrap();
    }
    std::fs::read_to_string(s.path()).unwrap()
}

/// Example 2: an E2 CCF séance (examen des traces), for the PFMP weeks.
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
        voie: None,
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
    let membres = commission(&[("Bernard", "enseignant"), ("Garnier", "enseignant")]);
    let mut s =
        Seance::create_with_commission(dir, r, i, &membres, at(15, 0, 0), &no_prior()).unwrap();
    let events = [
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

/// Example 4: an E1 ponctuel for a candidate with a « temps majoré » d’un tiers, recorded with
/// the opening; the jury marks the switch from the project to the dossier numérique.
fn example_e1_ponctuel(dir: &Path, r: &Referentiel) -> String {
    let i = example_info(
        r,
        "2025-06-10-E1-0450",
        "E1",
        FormeKind::Ponctuel,
        "unique",
        vec![person("0450", "Fabre", "Nina")],
    );
    let mut opening: Vec<Event> =
        commission(&[("Bernard", "enseignant"), ("Petit", "professionnel")])
            .into_iter()
            .map(|membre| Event::MemberAdded { membre })
            .collect();
    opening.push(Event::AmenagementRecorded {
        candidat: "0450".into(),
        majoration: "1/3".parse().unwrap(),
        phases: vec!["A".into(), "B".into()],
        decision: "Notification du rectorat du 3 mars 2025".into(),
    });
    let mut s = Seance::create_opening(dir, r, i, opening, at(16, 0, 0), &no_prior()).unwrap();
    let events = [
        (at(16, 1, 0), Event::PhaseStarted { phase: "A".into() }),
        (
            at(16, 19, 10),
            Event::PartStarted {
                phase: "A".into(),
                partie: 1,
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

/// With `SNO_UPDATE_README=1`, writes the examples the engine writes into the README's blocks
/// (after a deliberate change of the format), for the test to compare as usual.
fn update_readme(blocks: &[(&str, &str)]) {
    if std::env::var_os("SNO_UPDATE_README").is_none() {
        return;
    }
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let mut text = doc_text();
    for (marker, new) in blocks {
        let at = text.find(marker).expect("marker") + marker.len();
        let start = at + text[at..].find("```jsonl\n").expect("block") + 9;
        let end = start + text[start..].find("```").expect("closed block");
        text.replace_range(start..end, new);
    }
    std::fs::write(path, text).unwrap();
}

#[test]
fn documented_examples_are_what_the_engine_writes() {
    let r = r();
    let dir = tempfile::tempdir().unwrap();
    let e1 = example_e1(dir.path(), &r);
    let e2 = example_e2(dir.path(), &r);
    let e3 = example_e3(dir.path(), &r);
    let e1p = example_e1_ponctuel(dir.path(), &r);
    update_readme(&[
        ("<!-- exemple-journal:e1 -->", &e1),
        ("<!-- exemple-journal:e2 -->", &e2),
        ("<!-- exemple-journal:e3 -->", &e3),
        ("<!-- exemple-journal:e1p -->", &e1p),
    ]);
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
    assert!(
        documented("<!-- exemple-journal:e1p -->") == e1p,
        "the E1 ponctuel example of the documentation is stale; the engine writes:\n{e1p}"
    );
    let kinds: BTreeSet<String> = e1
        .lines()
        .chain(e2.lines())
        .chain(e3.lines())
        .chain(e1p.lines())
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["event"]["type"].to_string())
        .collect();
    assert_eq!(
        kinds.len(),
        21,
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
