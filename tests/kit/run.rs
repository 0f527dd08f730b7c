//! The engine driver: a séance recorded through the real engine with its own fake clock, so
//! the fixtures' logs and hash chains are real; and the séances built with it that several
//! themes share.

use std::path::Path;

use chrono::{DateTime, Duration, Utc};
use sno_jury::grading::{Niveau, Points};
use sno_jury::referentiel::{FormeKind, Referentiel};
use sno_jury::session::{Candidat, Event, PauseReason, Seance, SeanceInfo, prior_grids_for};

use super::engine::{info, member};

/// A séance being recorded through the engine, with its own fake clock.
pub struct Run<'a> {
    pub r: &'a Referentiel,
    pub seance: Seance,
    pub now: DateTime<Utc>,
}

impl<'a> Run<'a> {
    /// Opens the séance at `at` with the grids its candidates carry from earlier séances.
    pub fn open(dir: &Path, r: &'a Referentiel, info: SeanceInfo, at: DateTime<Utc>) -> Self {
        let prior = prior_grids_for(dir, r, &info, None).expect("prior grids");
        let seance = Seance::create(dir, r, info, at, &prior).expect("séance created");
        Run { r, seance, now: at }
    }

    /// Opens a séance whose candidates have no earlier séance (skips reading the directory,
    /// which the scale test cannot afford 5,000 times).
    pub fn open_first(dir: &Path, r: &'a Referentiel, info: SeanceInfo, at: DateTime<Utc>) -> Self {
        let seance = Seance::create(dir, r, info, at, &Default::default()).expect("séance created");
        Run { r, seance, now: at }
    }

    pub fn wait(&mut self, secs: i64) -> &mut Self {
        self.now += Duration::seconds(secs);
        self
    }

    /// Records `e` now; the engine must accept it.
    pub fn ev(&mut self, e: Event) -> &mut Self {
        let kind = e.kind();
        if let Err(err) = self.seance.record(self.r, e, self.now) {
            panic!("{kind} refused: {err}");
        }
        self
    }

    /// Runs phase `id` for `secs` seconds (ended early or not).
    pub fn phase(&mut self, id: &str, secs: i64, early: bool) -> &mut Self {
        self.ev(Event::PhaseStarted { phase: id.into() });
        self.wait(secs);
        let phase = id.into();
        self.ev(if early {
            Event::PhaseEndedEarly { phase }
        } else {
            Event::PhaseEnded { phase }
        })
    }

    pub fn members(&mut self, list: &[(&str, &str)]) -> &mut Self {
        for (nom, q) in list {
            self.ev(member(nom, q));
        }
        self
    }

    /// Positions every criterion of the épreuve at `niveau` for `numero`, except `skip`.
    pub fn positions(&mut self, numero: &str, niveau: Niveau, skip: &[&str]) -> &mut Self {
        let ep = self.r.epreuve(&self.seance.state().info.epreuve).unwrap();
        let ids: Vec<String> = self
            .r
            .competences_of(ep)
            .flat_map(|c| &c.criteres)
            .map(|k| k.id.clone())
            .filter(|id| !skip.contains(&id.as_str()))
            .collect();
        for critere in ids {
            self.ev(Event::CriterionPositioned {
                candidat: numero.into(),
                critere,
                niveau,
            });
        }
        self
    }

    /// Sets the note of each competence of the épreuve, in order.
    pub fn notes(&mut self, numero: &str, notes: &[&str]) -> &mut Self {
        let ep = self.r.epreuve(&self.seance.state().info.epreuve).unwrap();
        let comps = ep.competences.clone();
        for (c, n) in comps.iter().zip(notes) {
            self.ev(Event::NoteSet {
                candidat: numero.into(),
                competence: c.clone(),
                note: n.parse::<Points>().unwrap(),
            });
        }
        self
    }

    pub fn appreciation(&mut self, numero: &str, text: &str) -> &mut Self {
        self.ev(Event::AppreciationSet {
            candidat: numero.into(),
            text: text.into(),
        })
    }

    /// A complete grid for `numero`: every criterion S, notes 12,5 / 13 / 12, an appréciation.
    pub fn grade(&mut self, numero: &str) -> &mut Self {
        self.positions(numero, Niveau::Satisfaisant, &[])
            .notes(numero, &["12.5", "13", "12"])
            .appreciation(
                numero,
                "Exposé clair et structuré ; bonne maîtrise des outils.",
            )
    }

    pub fn validate(&mut self, numero: &str) -> &mut Self {
        self.ev(Event::GridValidated {
            candidat: numero.into(),
        })
    }

    pub fn pause(&mut self, secs: i64, reason: PauseReason, detail: &str) -> &mut Self {
        self.ev(Event::Paused {
            reason,
            detail: detail.into(),
        });
        self.wait(secs);
        self.ev(Event::Resumed)
    }
}

pub const DEUX_ENSEIGNANTS: &[(&str, &str)] = &[
    ("Mme Claire Fontaine", "enseignant"),
    ("M. Karim Belkacem", "enseignant"),
];

pub const ENSEIGNANT_ET_PRO: &[(&str, &str)] = &[
    ("Mme Claire Fontaine", "enseignant"),
    ("M. Paul Lemoine", "professionnel"),
];

/// A clean E2 ponctuel séance: phases within their times, full grid (all S, 12,5 / 13 / 12),
/// appréciation, two enseignants, validated when `validate`. Returns the time it ended.
pub fn e2_ponctuel(
    dir: &Path,
    r: &Referentiel,
    id: &str,
    c: Candidat,
    at: DateTime<Utc>,
    validate: bool,
) -> DateTime<Utc> {
    let i = info(r, id, "E2", FormeKind::Ponctuel, "unique", vec![c]);
    e2_ponctuel_run(Run::open(dir, r, i, at), validate)
}

/// [`e2_ponctuel`] on a séance already opened.
pub fn e2_ponctuel_run(mut run: Run, validate: bool) -> DateTime<Utc> {
    let numero = run.seance.state().info.candidats[0].numero.clone();
    run.members(DEUX_ENSEIGNANTS)
        .phase("A", 18 * 60, true)
        .phase("B", 15 * 60, false)
        .grade(&numero);
    if validate {
        run.validate(&numero);
    }
    run.now
}

/// An E2 ponctuel séance opened at `at` where the commission records only `status` (an
/// absence or a dispense of the candidate) and validates.
pub fn not_assessed(
    dir: &Path,
    r: &Referentiel,
    id: &str,
    c: Candidat,
    at: DateTime<Utc>,
    status: Event,
) {
    let numero = c.numero.clone();
    let i = info(r, id, "E2", FormeKind::Ponctuel, "unique", vec![c]);
    Run::open(dir, r, i, at)
        .members(DEUX_ENSEIGNANTS)
        .ev(status)
        .validate(&numero);
}
