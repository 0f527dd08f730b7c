//! A group séance (E1 CCF situation A, three candidates) on a fake clock: speaker switches, a
//! commission turn, a turn given between the two phases and a pause. Each candidate's speaking
//! time and share are checked exactly, through the real fold.

use std::collections::BTreeMap;

use crate::kit::r;
use crate::kit::time::hms as at;
use sno_jury::referentiel::{FormeKind, Referentiel};
use sno_jury::session::{Candidat, Event, PauseReason, SeanceInfo, SeanceState};
use sno_jury::timing::{ClockView, PhaseStatus, clock, fmt_mmss, next_change};

fn open(r: &Referentiel) -> SeanceState {
    let forme = r.epreuve("E1").unwrap().forme(FormeKind::Ccf).unwrap();
    let situation = forme.situation("A").unwrap();
    assert!(situation.groupe.as_ref().unwrap().temps_de_parole_reparti);
    let candidat = |numero: &str, nom: &str| Candidat {
        numero: numero.into(),
        nom: nom.into(),
        prenom: "X".into(),
        etablissement: "Lycée Jean Moulin".into(),
    };
    let info = SeanceInfo {
        id: "2025-03-18-e1-ccf-a-groupe-2".into(),
        epreuve: "E1".into(),
        forme: FormeKind::Ccf,
        situation: "A".into(),
        candidats: vec![
            candidat("101", "Bernard"),
            candidat("102", "Petit"),
            candidat("103", "Robert"),
        ],
        phases: situation.phases.as_slice().into(),
        alertes_par_defaut_minutes: r.epreuves.alertes_par_defaut_minutes.clone(),
        vitesse: None,
    };
    SeanceState::open(r, info, at("13:55:00"), &BTreeMap::new()).unwrap()
}

fn speak(n: Option<&str>) -> Event {
    Event::SpeakerChanged {
        candidat: n.map(String::from),
    }
}

/// Each candidate as the screen shows them: "101 09:00 429‰".
fn speakers(v: &ClockView) -> Vec<String> {
    v.speakers
        .iter()
        .map(|t| format!("{} {} {}‰", t.numero, fmt_mmss(t.elapsed), t.share_permille))
        .collect()
}

#[test]
fn group_speaking_times_and_shares() {
    let r = r();
    let mut s = open(&r);
    let script = [
        (
            "14:00:00",
            Event::PhaseStarted {
                phase: "expose".into(),
            },
        ),
        ("14:00:00", speak(Some("101"))),
        ("14:05:00", speak(Some("102"))),
        (
            "14:08:00",
            Event::Paused {
                reason: PauseReason::Commission,
                detail: String::new(),
            },
        ),
        ("14:10:00", Event::Resumed),
        ("14:12:00", speak(Some("103"))),
        // The commission speaks: nobody's time.
        ("14:18:00", speak(None)),
        (
            "14:19:00",
            Event::PhaseEndedEarly {
                phase: "expose".into(),
            },
        ),
        // Given between the phases: counts only once the entretien starts.
        ("14:19:30", speak(Some("103"))),
        (
            "14:20:00",
            Event::PhaseStarted {
                phase: "entretien".into(),
            },
        ),
        ("14:21:00", speak(Some("101"))),
    ];
    for (t, e) in &script {
        s.apply(&r, e, at(t)).unwrap();
    }

    let v = clock(&s, at("14:25:00"));
    // 101: 14:00–14:05 and 14:21–14:25; 102: 14:05–14:12 minus the 2-minute pause;
    // 103: 14:12–14:18 and 14:20–14:21. Total 21 min = 1260 s.
    assert_eq!(
        speakers(&v),
        ["101 09:00 429‰", "102 05:00 238‰", "103 07:00 333‰"]
    );
    assert_eq!(v.phases[0].status, PhaseStatus::Done { early: true });
    assert_eq!(fmt_mmss(v.phases[0].elapsed), "17:00");
    assert_eq!(fmt_mmss(v.phases[1].elapsed), "05:00");
    assert_eq!(fmt_mmss(v.total_elapsed), "22:00");

    // Paused: nobody's time moves, and nothing ticks.
    let pause = Event::Paused {
        reason: PauseReason::Candidat,
        detail: String::new(),
    };
    s.apply(&r, &pause, at("14:25:00")).unwrap();
    let v = clock(&s, at("14:27:00"));
    assert_eq!(
        speakers(&v),
        ["101 09:00 429‰", "102 05:00 238‰", "103 07:00 333‰"]
    );
    assert_eq!(next_change(&s, at("14:27:00")), None);
    s.apply(&r, &Event::Resumed, at("14:28:00")).unwrap();

    // A switch at a fraction of a second: 102's seconds tick 0.3 s after the phase's.
    s.apply(&r, &speak(Some("102")), at("14:28:40.300"))
        .unwrap();
    let v = clock(&s, at("14:28:41"));
    // 101: 9:00 + 40.3 s; 102: 5:00 + 0.7 s. Total 1300 s.
    assert_eq!(
        speakers(&v),
        ["101 09:40 446‰", "102 05:00 231‰", "103 07:00 323‰"]
    );
    assert_eq!(fmt_mmss(v.phases[1].elapsed), "05:41");
    assert_eq!(next_change(&s, at("14:28:41")), Some(at("14:28:41.300")));
    assert_eq!(
        speakers(&clock(&s, at("14:28:41.300")))[1],
        "102 05:01 231‰"
    );
    assert_eq!(next_change(&s, at("14:28:41.300")), Some(at("14:28:42")));

    // The entretien ends early; the figures stay.
    let end = Event::PhaseEndedEarly {
        phase: "entretien".into(),
    };
    s.apply(&r, &end, at("14:42:30")).unwrap();
    for t in ["14:42:30", "15:00:00"] {
        let v = clock(&s, at(t));
        // 102: 5:00 + 14:28:40.3–14:42:30 (13:49.7) = 18:49. Total 2129 s: shares add to 999.
        assert_eq!(
            speakers(&v),
            ["101 09:40 272‰", "102 18:49 530‰", "103 07:00 197‰"]
        );
        assert_eq!(fmt_mmss(v.phases[1].elapsed), "19:30");
        assert_eq!(fmt_mmss(v.total_elapsed), "36:30");
        assert_eq!(v.due_end, None);
    }
}
