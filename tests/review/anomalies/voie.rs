//! The voie recorded with the opening (`voie_recorded`): the PFMP rule follows it when the PFMP
//! is recorded without a voie of its own, before or after it.

use super::{kinds_of as k, tmp};
use crate::kit::review::*;
use sno_jury::referentiel::{FormeKind, Voie};
use sno_jury::review::AnomalyKind as K;
use sno_jury::session::Event;

#[test]
fn the_voie_recorded_at_the_opening_sets_the_pfmp_weeks() {
    let (r, d) = (r(), tmp());
    let cases = [
        // (numéro, voie, weeks, positionné, voie recorded after the PFMP?, not obtained?)
        ("250", Voie::Apprentissage, 0, false, false, false),
        ("251", Voie::Scolaire, 8, true, false, false),
        ("252", Voie::FormationContinue, 8, true, false, true),
        (
            "253",
            Voie::ExperienceProfessionnelle,
            2,
            false,
            true,
            false,
        ),
    ];
    for (i, (n, voie, weeks, positionne, after, _)) in cases.iter().enumerate() {
        let s = info(
            &r,
            &format!("v{n}"),
            "E2",
            FormeKind::Ccf,
            "unique",
            vec![cand(n, "V", "W")],
        );
        let mut run = Run::open(d.path(), &r, s, t(600 * i as i64));
        let voie = Event::VoieRecorded {
            candidat: n.to_string(),
            voie: *voie,
        };
        let pfmp = Event::PfmpRecorded {
            candidat: n.to_string(),
            weeks: *weeks,
            positionne: *positionne,
            voie: None,
        };
        run.members(DEUX_ENSEIGNANTS);
        if *after {
            run.ev(pfmp).ev(voie);
        } else {
            run.ev(voie).ev(pfmp);
        }
        run.grade(n).validate(n);
    }
    let rep = review(&r, d.path());
    for (n, _, _, _, _, short) in cases {
        let e = entry(&rep, n, "E2");
        assert_eq!(e.resultat(&r).unwrap().sur20().is_none(), short, "{n}");
        assert_eq!(k(e).contains(&K::PfmpInsuffisante), short, "{n}");
    }
}

#[test]
fn a_voie_changes_after_validation_only_by_amendment() {
    let (r, d) = (r(), tmp());
    let s = info(
        &r,
        "v260",
        "E2",
        FormeKind::Ccf,
        "unique",
        vec![cand("260", "V", "W")],
    );
    let mut run = Run::open(d.path(), &r, s, t(0));
    run.members(DEUX_ENSEIGNANTS)
        .ev(Event::PfmpRecorded {
            candidat: "260".into(),
            weeks: 12,
            positionne: false,
            voie: None,
        })
        .grade("260")
        .validate("260");
    let voie = Event::VoieRecorded {
        candidat: "260".into(),
        voie: Voie::Apprentissage,
    };
    let now = run.now;
    let err = run
        .seance
        .record(&r, voie.clone(), now)
        .expect_err("validated");
    assert!(err.to_string().contains("amendement"), "{err}");
    run.ev(Event::Amendment {
        reason: "voie mal renseignée".into(),
        change: Box::new(voie),
    });
    assert_eq!(
        run.seance.state().grids["260"].voie,
        Some(Voie::Apprentissage)
    );
}
