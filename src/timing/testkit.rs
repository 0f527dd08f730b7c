//! Test helpers: séances built through the real fold, on the embedded référentiel, with a fake
//! clock given as "HH:MM:SS[.fff]" on a fixed day.

use std::collections::BTreeMap;
use std::sync::OnceLock;
use std::time::Duration;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

use crate::referentiel::{FormeKind, Referentiel, load_embedded};
use crate::session::{Candidat, Event, PauseReason, SeanceInfo, SeanceState};

pub fn r() -> &'static Referentiel {
    static R: OnceLock<Referentiel> = OnceLock::new();
    R.get_or_init(|| load_embedded().expect("the embedded référentiel loads"))
}

/// A wall-clock instant on 10 June 2025 (UTC).
pub fn at(hms: &str) -> DateTime<Utc> {
    let day = NaiveDate::from_ymd_opt(2025, 6, 10).unwrap();
    let time = NaiveTime::parse_from_str(hms, "%H:%M:%S%.f").unwrap();
    day.and_time(time).and_utc()
}

pub fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

pub fn mins(m: u64) -> Duration {
    Duration::from_secs(m * 60)
}

pub fn candidat(n: usize) -> Candidat {
    Candidat {
        numero: format!("C{n}"),
        nom: format!("Nom{n}"),
        prenom: format!("Prénom{n}"),
        etablissement: "Lycée".into(),
    }
}

/// A séance of `epreuve`/`forme`/`situation` opened at 07:59:00 with the référentiel's phases.
pub fn seance(
    epreuve: &str,
    forme: FormeKind,
    situation: &str,
    candidats: usize,
    vitesse: Option<u32>,
) -> SeanceState {
    let r = r();
    let phases = r
        .epreuve(epreuve)
        .and_then(|e| e.forme(forme))
        .and_then(|f| f.situation(situation))
        .expect("situation in the référentiel")
        .phases
        .clone();
    let info = SeanceInfo {
        id: "test".into(),
        epreuve: epreuve.into(),
        forme,
        situation: situation.into(),
        candidats: (1..=candidats).map(candidat).collect(),
        phases: phases.into(),
        alertes_par_defaut_minutes: r.epreuves.alertes_par_defaut_minutes.clone(),
        vitesse,
    };
    SeanceState::open(r, info, at("07:59:00"), &BTreeMap::new()).expect("séance opens")
}

/// E3 ponctuel: phase A 120 min (alerts 30, 10, 5, 1), phase B 30 min maximum (alerts 5, 1).
pub fn e3() -> SeanceState {
    seance("E3", FormeKind::Ponctuel, "unique", 1, None)
}

/// E1 CCF situation A with `n` candidates: exposé 20 min, entretien 20 min.
pub fn e1_group(n: usize) -> SeanceState {
    seance("E1", FormeKind::Ccf, "A", n, None)
}

/// Applies `(time, event)` steps through the real fold.
pub fn play(state: &mut SeanceState, steps: &[(&str, Event)]) {
    for (t, e) in steps {
        state
            .apply(r(), e, at(t))
            .unwrap_or_else(|err| panic!("{t} {e:?}: {err}"));
    }
}

pub fn start(p: &str) -> Event {
    Event::PhaseStarted { phase: p.into() }
}

pub fn end(p: &str) -> Event {
    Event::PhaseEnded { phase: p.into() }
}

pub fn early(p: &str) -> Event {
    Event::PhaseEndedEarly { phase: p.into() }
}

pub fn pause() -> Event {
    Event::Paused {
        reason: PauseReason::Incident,
        detail: String::new(),
    }
}

pub fn resume() -> Event {
    Event::Resumed
}

pub fn speak(n: Option<usize>) -> Event {
    Event::SpeakerChanged {
        candidat: n.map(|n| format!("C{n}")),
    }
}
