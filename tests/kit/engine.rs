//! The engine's fixtures and the prelude of the engine, check and CLI tests (their clock `t` is
//! 10 June): séance infos, the events that fill a grid, recording them one second apart, and
//! reading a log's lines.

use std::collections::BTreeMap;
use std::path::Path;

use sno_jury::grading::{Niveau, Points};
use sno_jury::referentiel::{FormeKind, Referentiel};
use sno_jury::session::{Candidat, Event, GridState, Membre, PauseReason, Seance, SeanceInfo};

#[allow(unused_imports)] // a prelude: each binary uses a part of it
pub use super::{
    candidats::{cand, candidat, candidats},
    r,
    time::t,
};

/// A séance of `epreuve`/`forme`/`situation`, phases and alerts copied from the référentiel.
/// Built field by field, not with `SeanceInfo::plan` (which builds the same info): some tests
/// need an info that `plan` refuses (no candidate yet, filled in afterwards).
pub fn info(
    r: &Referentiel,
    id: &str,
    epreuve: &str,
    forme: FormeKind,
    situation: &str,
    candidats: Vec<Candidat>,
) -> SeanceInfo {
    let sit = r
        .epreuve(epreuve)
        .and_then(|e| e.forme(forme))
        .and_then(|f| f.situation(situation))
        .expect("situation in the référentiel");
    SeanceInfo {
        id: id.into(),
        epreuve: epreuve.into(),
        forme,
        situation: situation.into(),
        candidats,
        phases: sit.phases.as_slice().into(),
        alertes_par_defaut_minutes: r.epreuves.alertes_par_defaut_minutes.clone(),
        vitesse: None,
    }
}

pub fn e3_ponctuel(r: &Referentiel, id: &str, numero: &str) -> SeanceInfo {
    info(
        r,
        id,
        "E3",
        FormeKind::Ponctuel,
        "unique",
        candidats(&[numero]),
    )
}

pub fn member(nom: &str, qualite: &str) -> Event {
    Event::MemberAdded {
        membre: Membre {
            nom: nom.into(),
            qualite: qualite.into(),
        },
    }
}

/// Positions for the criteria of the competences `competences` (all set to S).
pub fn positions(r: &Referentiel, numero: &str, competences: &[&str]) -> Vec<Event> {
    competences
        .iter()
        .flat_map(|c| r.competence(c).expect("competence").criteres.iter())
        .map(|k| Event::CriterionPositioned {
            candidat: numero.into(),
            critere: k.id.clone(),
            niveau: Niveau::Satisfaisant,
        })
        .collect()
}

/// Notes (12,5 each) for the competences, and the appréciation générale.
pub fn notes_and_appreciation(numero: &str, competences: &[&str]) -> Vec<Event> {
    let mut out: Vec<Event> = competences
        .iter()
        .map(|c| Event::NoteSet {
            candidat: numero.into(),
            competence: (*c).into(),
            note: Points::from_halves(25),
        })
        .collect();
    out.push(Event::AppreciationSet {
        candidat: numero.into(),
        text: "Prestation solide, argumentation claire.".into(),
    });
    out
}

/// What situation B of an E1 CCF records after situation A positioned C1.1 for `numero`: the
/// commission, the criteria of C1.2 and C1.3, the notes, the appréciation, the validation.
pub fn e1_ccf_b_completion(r: &Referentiel, numero: &str) -> Vec<Event> {
    let mut events = vec![
        member("Durand", "enseignant"),
        member("Leroy", "professionnel"),
    ];
    events.extend(positions(r, numero, &["C1.2", "C1.3"]));
    events.extend(notes_and_appreciation(numero, &["C1.1", "C1.2", "C1.3"]));
    events.push(Event::GridValidated {
        candidat: numero.into(),
    });
    events
}

/// Records `events` one second apart from `*clock`, panicking on a refusal.
pub fn record_all(s: &mut Seance, r: &Referentiel, events: Vec<Event>, clock: &mut i64) {
    for e in events {
        *clock += 1;
        let kind = e.kind();
        s.record(r, e, t(*clock))
            .unwrap_or_else(|err| panic!("{kind} refused: {err}"));
    }
}

/// No grid carried over from an earlier séance.
pub fn no_prior() -> BTreeMap<String, GridState> {
    BTreeMap::new()
}

pub fn lines(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .expect("log readable")
        .lines()
        .map(String::from)
        .collect()
}

pub fn write_lines(path: &Path, lines: &[String]) {
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    std::fs::write(path, text).expect("log writable");
}

/// A finished E3 ponctuel séance with a pause, an early end and a validated grid.
pub fn full_e3(dir: &Path, r: &Referentiel, id: &str, numero: &str) -> Seance {
    let mut s = Seance::create(dir, r, e3_ponctuel(r, id, numero), t(0), &no_prior())
        .expect("séance created");
    let mut clock = 0;
    let mut events = vec![
        member("Durand", "enseignant"),
        member("Martin", "enseignant"),
        Event::PhaseStarted { phase: "A".into() },
        Event::Paused {
            reason: PauseReason::Incident,
            detail: "coupure réseau".into(),
        },
        Event::Resumed,
        Event::PhaseEndedEarly { phase: "A".into() },
        Event::PhaseStarted { phase: "B".into() },
        Event::Remark {
            text: "Bonne gestion du temps".into(),
        },
        Event::PhaseEnded { phase: "B".into() },
    ];
    let comps = ["C3.1", "C3.2", "C3.3"];
    events.extend(positions(r, numero, &comps));
    events.extend(notes_and_appreciation(numero, &comps));
    events.push(Event::GridValidated {
        candidat: numero.into(),
    });
    record_all(&mut s, r, events, &mut clock);
    s
}
