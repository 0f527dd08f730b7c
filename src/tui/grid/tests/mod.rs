//! Unit tests of the grid screen's update, driven through the real fold: every recorded event
//! is applied with `SeanceState::apply`, as the app does through the engine. This module holds
//! the fixtures; `grid` tests the grid's own commands, `fields` the fields, prompts and panels,
//! `keys` the keymap by focus.

mod commission;
mod fields;
mod grid;
mod keys;

use std::collections::BTreeMap;

use chrono::{DateTime, TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{GridAction as A, GridScreen, Outcome};
use crate::grading::{Niveau, Points};
use crate::referentiel::{FormeKind, Referentiel, load_embedded};
use crate::session::{Candidat, Event, Membre, SeanceInfo, SeanceState};

pub(crate) fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

pub(super) fn ts() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 6, 12, 8, 30, 0).unwrap()
}

pub(super) fn open(
    epreuve: &str,
    forme: FormeKind,
    situation: &str,
    n: usize,
) -> (Referentiel, SeanceState) {
    let r = load_embedded().unwrap();
    let sit = r
        .epreuve(epreuve)
        .unwrap()
        .forme(forme)
        .unwrap()
        .situation(situation)
        .unwrap();
    let candidats = (1..=n)
        .map(|i| Candidat {
            numero: format!("0{i}"),
            nom: format!("Nom{i}"),
            prenom: format!("Prénom{i}"),
            etablissement: "Lycée Test".into(),
        })
        .collect();
    let info = SeanceInfo {
        id: "test".into(),
        epreuve: epreuve.into(),
        forme,
        situation: situation.into(),
        candidats,
        phases: sit.phases.as_slice().into(),
        alertes_par_defaut_minutes: r.epreuves.alertes_par_defaut_minutes.clone(),
        vitesse: None,
    };
    let state = SeanceState::open(&r, info, ts(), &BTreeMap::new()).unwrap();
    (r, state)
}

pub(crate) fn e1_ponctuel() -> (Referentiel, SeanceState) {
    open("E1", FormeKind::Ponctuel, "unique", 1)
}

pub(crate) fn e1_group() -> (Referentiel, SeanceState) {
    open("E1", FormeKind::Ccf, "A", 3)
}

/// One step of the app loop: update, then record what the grid asks for through the fold.
pub(super) fn run(s: &mut GridScreen, r: &Referentiel, state: &mut SeanceState, a: A) -> Outcome {
    let out = s.update(a, r, state);
    if let Outcome::Record(events) = &out {
        for e in events {
            state.apply(r, e, ts()).unwrap();
        }
    }
    out
}

pub(super) fn type_text(s: &mut GridScreen, r: &Referentiel, state: &mut SeanceState, text: &str) {
    for c in text.chars() {
        run(s, r, state, A::Input(key(c)));
    }
}

/// Everything a validation needs for candidate "01", written straight into the state.
pub(super) fn complete(r: &Referentiel, state: &mut SeanceState) {
    let e = state.epreuve(r).unwrap().clone();
    let mut events = Vec::new();
    for c in r.competences_of(&e) {
        for k in &c.criteres {
            events.push(Event::CriterionPositioned {
                candidat: "01".into(),
                critere: k.id.clone(),
                niveau: Niveau::Satisfaisant,
            });
        }
        events.push(Event::NoteSet {
            candidat: "01".into(),
            competence: c.id.clone(),
            note: Points::from_whole(13),
        });
    }
    events.push(Event::AppreciationSet {
        candidat: "01".into(),
        text: "Bien.".into(),
    });
    for (nom, qualite) in [("Martin", "enseignant"), ("Bernard", "professionnel")] {
        let membre = Membre {
            nom: nom.into(),
            qualite: qualite.into(),
        };
        events.push(Event::MemberAdded { membre });
    }
    for ev in events {
        state.apply(r, &ev, ts()).unwrap();
    }
}
