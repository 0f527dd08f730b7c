//! The commission corrected through the engine: before validation by `member_removed` then
//! `member_added`; after it, by amendment with a reason only, on every validated grid.

use super::tmp;
use crate::kit::review::*;
use sno_jury::referentiel::FormeKind;
use sno_jury::session::{Event, Membre};

fn m(nom: &str, qualite: &str) -> Membre {
    Membre {
        nom: nom.into(),
        qualite: qualite.into(),
    }
}

fn e1_ponctuel_validated(run: &mut Run) {
    run.members(&[("Mme Roy", "enseignant"), ("M. Petit", "professionnel")])
        .grade("300")
        .validate("300");
}

#[test]
fn a_wrong_qualite_is_corrected_before_validation_then_it_validates() {
    let (r, d) = (r(), tmp());
    // E2 ponctuel: « deux personnes enseignantes ou formatrices », no replacement.
    let i = info(
        &r,
        "c1",
        "E2",
        FormeKind::Ponctuel,
        "unique",
        vec![cand("300", "A", "B")],
    );
    let mut run = Run::open(d.path(), &r, i, t(0));
    run.members(&[("Mme Roy", "enseignant"), ("M. Petit", "professionnel")])
        .grade("300");
    let why = run
        .seance
        .record(
            &r,
            Event::GridValidated {
                candidat: "300".into(),
            },
            run.now,
        )
        .expect_err("no professionnel");
    assert!(why.to_string().contains("manque"), "{why}");
    run.ev(Event::MemberRemoved {
        membre: m("M. Petit", "professionnel"),
    })
    .ev(Event::MemberAdded {
        membre: m("M. Petit", "enseignant"),
    })
    .validate("300");
    assert_eq!(run.seance.state().members[1], m("M. Petit", "enseignant"));
}

#[test]
fn after_validation_adding_or_correcting_a_member_needs_an_amendment() {
    let (r, d) = (r(), tmp());
    let i = info(
        &r,
        "c2",
        "E1",
        FormeKind::Ponctuel,
        "unique",
        vec![cand("300", "A", "B")],
    );
    let mut run = Run::open(d.path(), &r, i, t(0));
    e1_ponctuel_validated(&mut run);
    let now = run.now;
    // A plain addition would change a validated grid's commission silently: refused.
    let err = run
        .seance
        .record(
            &r,
            Event::MemberAdded {
                membre: m("Mme Blanc", "enseignant"),
            },
            now,
        )
        .expect_err("validated");
    assert!(err.to_string().contains("amendement"), "{err}");
    // An amendment with no reason is refused; with one, the correction goes through and is
    // kept on the validated grid.
    let bare = Event::Amendment {
        reason: " ".into(),
        change: Box::new(Event::MemberAdded {
            membre: m("M. Petit", "enseignant"),
        }),
    };
    assert!(run.seance.record(&r, bare, now).is_err());
    for change in [
        Event::MemberRemoved {
            membre: m("M. Petit", "professionnel"),
        },
        Event::MemberAdded {
            membre: m("M. Petit", "enseignant"),
        },
    ] {
        run.ev(Event::Amendment {
            reason: "qualité mal saisie".into(),
            change: Box::new(change),
        });
    }
    let state = run.seance.state();
    assert_eq!(state.members[1], m("M. Petit", "enseignant"));
    assert_eq!(state.grids["300"].amendments.len(), 2);
}

#[test]
fn a_commission_amendment_before_any_validation_is_refused() {
    let (r, d) = (r(), tmp());
    let i = info(
        &r,
        "c3",
        "E1",
        FormeKind::Ponctuel,
        "unique",
        vec![cand("300", "A", "B")],
    );
    let mut run = Run::open(d.path(), &r, i, t(0));
    run.members(&[("Mme Roy", "enseignant")]);
    let now = run.now;
    let early = Event::Amendment {
        reason: "erreur".into(),
        change: Box::new(Event::MemberAdded {
            membre: m("M. Petit", "professionnel"),
        }),
    };
    let err = run
        .seance
        .record(&r, early, now)
        .expect_err("nothing validated");
    assert!(err.to_string().contains("pas validée"), "{err}");
    // Its lawful neighbour: the plain event.
    run.ev(Event::MemberAdded {
        membre: m("M. Petit", "professionnel"),
    });
}
