//! Property: whatever the jury does, the state a resumed séance replays from disk is the state
//! the live engine held, and replaying the same log twice gives the same state.

use crate::kit::engine::*;
use proptest::prelude::*;
use sno_jury::grading::{Niveau, Points};
use sno_jury::referentiel::{FormeKind, Referentiel};
use sno_jury::session::{
    ClockAnomalyKind, EngineError, Event, Membre, PauseReason, Seance, SeanceState, Stamp,
    read_log, replay,
};

const NUMEROS: [&str; 3] = ["1", "2", "3"];

/// A jury action drawn from the whole event vocabulary; many are refused by the state they
/// meet (phase out of order, note above 20, validation of an incomplete grid …), which is part
/// of the property: refusals must leave no trace.
fn event(r: &Referentiel, s: &SeanceState, op: u8, a: u8, b: u8) -> Event {
    let who = NUMEROS[a as usize % 3].to_string();
    let criteres: Vec<String> = ["C1.1", "C1.2", "C1.3"]
        .iter()
        .flat_map(|c| {
            r.competence(c)
                .unwrap()
                .criteres
                .iter()
                .map(|k| k.id.clone())
        })
        .collect();
    let critere = criteres[b as usize % criteres.len()].clone();
    let competence = ["C1.1", "C1.2", "C1.3"][b as usize % 3].to_string();
    let phase = |s: &SeanceState| {
        s.running()
            .map(|p| p.phase.clone())
            .or_else(|| s.next_phase().map(|i| s.info.phases[i].id.clone()))
            .unwrap_or_else(|| "expose".into())
    };
    let note = Points::from_halves(u32::from(a) * u32::from(b) % 45);
    match op % 17 {
        0 => Event::PhaseStarted { phase: phase(s) },
        1 => Event::PhaseEnded { phase: phase(s) },
        2 => Event::PhaseEndedEarly { phase: phase(s) },
        3 => Event::Paused {
            reason: PauseReason::ALL[b as usize % 4],
            detail: "x".repeat(a as usize % 3),
        },
        4 => Event::Resumed,
        5 => Event::SpeakerChanged {
            candidat: (b % 4 != 3).then(|| NUMEROS[b as usize % 3].to_string()),
        },
        6 => Event::CriterionPositioned {
            candidat: who,
            critere,
            niveau: Niveau::ALL[(a ^ b) as usize % 4],
        },
        7 => Event::CriterionCleared {
            candidat: who,
            critere,
        },
        8 => Event::NoteSet {
            candidat: who,
            competence,
            note,
        },
        9 => Event::Remark {
            text: " é\"\\\n".repeat(b as usize % 3),
        },
        10 => Event::AppreciationSet {
            candidat: who,
            text: format!("appréciation {b}"),
        },
        11 => Event::MemberAdded {
            membre: Membre {
                nom: format!("M{b}"),
                qualite: ["enseignant", "professionnel", "inconnue"][b as usize % 3].into(),
            },
        },
        12 if b.is_multiple_of(3) => Event::CandidateExempted { candidat: who },
        12 => Event::CandidateAbsent {
            candidat: who,
            justified: b.is_multiple_of(2),
        },
        13 => Event::GridValidated {
            candidat: if b.is_multiple_of(2) { "1".into() } else { who },
        },
        // Mostly about candidate 1, whose grid is the likeliest to be validated.
        14 => Event::Amendment {
            reason: "motif".repeat(usize::from(!b.is_multiple_of(5))),
            change: Box::new(Event::NoteSet {
                candidat: if b.is_multiple_of(3) { who } else { "1".into() },
                competence,
                note,
            }),
        },
        15 => Event::ClockAnomaly {
            kind: ClockAnomalyKind::Backwards,
            delta_ms: -i64::from(b),
        },
        _ => Event::PfmpRecorded {
            candidat: who,
            weeks: u32::from(b),
            positionne: a.is_multiple_of(2),
            voie: None,
        },
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn replay_from_disk_equals_the_live_fold(
        group in 2usize..=3,
        setup in 0u8..4,
        actions in prop::collection::vec(
            (any::<u8>(), any::<u8>(), any::<u8>(), 0i64..4000),
            0..60,
        ),
    ) {
        let r = r();
        let dir = tempfile::tempdir().unwrap();
        let info = info(&r, "p", "E1", FormeKind::Ccf, "A", candidats(&NUMEROS[..group]));
        let mut s = Seance::create(dir.path(), &r, info, t(0), &no_prior()).unwrap();
        let mut clock = 0;
        let mut accepted = 1;
        // Half the séances start with a full commission, half with candidate 1 absent, so that
        // validations and amendments are reached, not only refused.
        let mut opening = Vec::new();
        if setup & 1 == 1 {
            opening.push(member("Durand", "enseignant"));
            opening.push(member("Leroy", "professionnel"));
        }
        if setup & 2 == 2 {
            opening.push(Event::CandidateAbsent { candidat: "1".into(), justified: true });
        }
        accepted += opening.len();
        record_all(&mut s, &r, opening, &mut clock);
        for (op, a, b, gap) in actions {
            clock += gap;
            let e = event(&r, s.state(), op, a, b);
            let before = s.state().clone();
            // The fold itself, not only the engine's copy, must leave a refused event unapplied.
            let mut probe = before.clone();
            let refused = probe.apply(&r, &e, t(clock)).is_err();
            if refused {
                prop_assert_eq!(&probe, &before);
            } else {
                // The engine also places the record on the séance's timeline (its wall time,
                // as the stamp has no monotonic reading).
                probe.timeline.push(Stamp::wall(t(clock)));
            }
            match s.record(&r, e, t(clock)) {
                Ok(_) => {
                    prop_assert!(!refused);
                    prop_assert_eq!(s.state(), &probe);
                    accepted += 1;
                }
                Err(EngineError::Refused(_)) => {
                    prop_assert!(refused);
                    prop_assert_eq!(s.state(), &before);
                }
                Err(other) => prop_assert!(false, "{}", other),
            }
        }
        let live = s.state().clone();
        let path = s.path().to_path_buf();
        drop(s);
        let log = read_log(&path).unwrap();
        prop_assert_eq!(log.records.len(), accepted);
        prop_assert_eq!(log.warning, None);
        let (back, warning) = Seance::resume(&path, &r, &no_prior()).unwrap();
        prop_assert_eq!(warning, None);
        prop_assert_eq!(back.state(), &live);
        let once = replay(&r, &log.records, &no_prior()).unwrap();
        let twice = replay(&r, &log.records, &no_prior()).unwrap();
        prop_assert_eq!(&once, &twice);
        prop_assert_eq!(&once, &live);
    }
}
