//! The day on the start screen: today's passages of the plan (`--convocations`) with where each
//! stands, the next one, the offset on the planning (all from `convocations::journee`), and
//! what the wizard is prefilled with for a passage — its candidates named from the imported
//! list or an earlier séance, the commission of the day from the plan or the day's last séance.
//!
//! Computed from the séances read by the start screen and the time passed in: nothing here
//! reads the clock or the disk.

use std::collections::HashSet;
use std::path::PathBuf;

use chrono::{DateTime, Utc};

use super::SeanceSummary;
use crate::convocations::{self, Etat, MembrePrevu, Passage};
use crate::referentiel::Referentiel;
use crate::review::Tz;
use crate::session::{Candidat, Membre, SeanceState};
use crate::tui::wizard::{Choice, Prefill};

/// Today's part of the plan and where it stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Day {
    /// Today's passages, in time order.
    pub passages: Vec<Passage>,
    pub etats: Vec<Etat>,
    /// The log of each passage's séance, once opened.
    pub seances: Vec<Option<PathBuf>>,
    pub prochain: Option<usize>,
    /// `+12 min sur le planning`, when it can be measured.
    pub decalage: Option<String>,
    /// Logs of séances that are passages of today's plan (not listed again below it).
    pub in_plan: HashSet<PathBuf>,
    /// Passages of the plan on other days (the file may hold the whole week).
    pub other_days: usize,
    /// The day is followed with the training séances (`--vitesse`).
    pub training: bool,
}

impl Day {
    /// The day at `now`; `None` without a plan. `states` and `paths` go together (one log
    /// each).
    pub fn of(
        plan: &[Passage],
        states: &[SeanceState],
        paths: &[PathBuf],
        tz: Tz,
        now: DateTime<Utc>,
        training: bool,
    ) -> Option<Day> {
        if plan.is_empty() {
            return None;
        }
        let today = tz.day(now);
        let passages: Vec<Passage> = plan
            .iter()
            .filter(|p| p.debut.date() == today)
            .cloned()
            .collect();
        let j = convocations::journee_mode(&passages, states, tz, now, training);
        let in_plan = states
            .iter()
            .zip(paths)
            .filter(|(s, _)| {
                passages
                    .iter()
                    .any(|p| convocations::correspond_mode(p, s, tz, training))
            })
            .map(|(_, p)| p.clone())
            .collect();
        Some(Day {
            etats: j.lignes.iter().map(|l| l.etat).collect(),
            seances: j
                .lignes
                .iter()
                .map(|l| l.seance.and_then(|i| paths.get(i).cloned()))
                .collect(),
            prochain: j.prochain,
            decalage: j.decalage_text(),
            in_plan,
            other_days: plan.len() - passages.len(),
            training,
            passages,
        })
    }

    /// The passage to act on: the one under the cursor while it is still to come, else the
    /// next one.
    pub fn target(&self, cursor: Option<usize>) -> Option<usize> {
        cursor
            .filter(|&i| self.etats.get(i) == Some(&Etat::AVenir))
            .or(self.prochain)
    }
}

/// A candidate of a passage: from the imported list, else the latest séance that named them,
/// else the numéro alone (the wizard then asks for the name).
fn candidat(numero: &str, imported: &[Candidat], seances: &[SeanceSummary]) -> Candidat {
    if let Some(c) = imported.iter().find(|c| c.numero == numero) {
        return c.clone();
    }
    seances
        .iter()
        .filter_map(|s| s.overview.as_ref().ok())
        .filter_map(|o| {
            let c = o.candidats.iter().find(|c| c.numero == numero)?;
            Some((o.opened_at, c))
        })
        .max_by_key(|(t, _)| *t)
        .map(|(_, c)| c.clone())
        .unwrap_or_else(|| Candidat {
            numero: numero.to_string(),
            nom: String::new(),
            prenom: String::new(),
            etablissement: String::new(),
        })
}

/// The qualité a plan's member holds: as the plan writes it (an id of the référentiel, or its
/// first letters: `ens`, `pro`), else as the latest séance recorded that name.
fn qualite(m: &MembrePrevu, r: &Referentiel, seances: &[SeanceSummary]) -> Option<String> {
    let ids = &r.epreuves.qualites;
    if let Some(q) = &m.qualite {
        let q = crate::tableur::normalize(q);
        let found = ids.iter().find(|x| {
            let id = crate::tableur::normalize(&x.id);
            q.len() >= 3 && (id.starts_with(&q) || q.starts_with(&id))
        });
        if let Some(x) = found {
            return Some(x.id.clone());
        }
    }
    seances
        .iter()
        .filter_map(|s| s.overview.as_ref().ok())
        .filter_map(|o| {
            let found = o.members.iter().find(|x| x.nom == m.nom)?;
            Some((o.opened_at, found))
        })
        .max_by_key(|(t, _)| *t)
        .map(|(_, x)| x.qualite.clone())
}

/// The commission of the day for `p`: the plan's members when it names them (with the
/// first whose qualité is unknown, for the wizard to ask), else the members of the day's latest
/// séance, preferring one of the same épreuve and form.
fn commission(
    p: &Passage,
    r: &Referentiel,
    seances: &[SeanceSummary],
    tz: Tz,
) -> (Vec<Membre>, Option<String>) {
    if !p.commission.is_empty() {
        let mut known = Vec::new();
        let mut unknown = None;
        for m in &p.commission {
            match qualite(m, r, seances) {
                Some(q) => known.push(Membre {
                    nom: m.nom.clone(),
                    qualite: q,
                }),
                None => {
                    unknown.get_or_insert_with(|| m.nom.clone());
                }
            }
        }
        return (known, unknown);
    }
    let today = p.debut.date();
    let of_day = seances
        .iter()
        .filter_map(|s| s.overview.as_ref().ok())
        .filter(|o| !o.members.is_empty() && tz.day(o.opened_at) == today);
    let best = of_day.max_by_key(|o| (o.epreuve == p.epreuve && o.forme == p.forme, o.opened_at));
    (best.map(|o| o.members.clone()).unwrap_or_default(), None)
}

/// What the wizard opens with for passage `p`.
pub fn prefill(
    p: &Passage,
    r: &Referentiel,
    imported: &[Candidat],
    seances: &[SeanceSummary],
    tz: Tz,
) -> Prefill {
    let (membres, unnamed_member) = commission(p, r, seances, tz);
    Prefill {
        choice: Choice {
            epreuve: p.epreuve.clone(),
            forme: p.forme,
            situation: p.situation.clone(),
            candidats: p
                .numeros
                .iter()
                .map(|n| candidat(n, imported, seances))
                .collect(),
            membres,
            // The candidates list's voies join in the wizard (`Wizard::adopt_list_voies`), and
            // so does its temps majoré (`Wizard::prefill_temps_majore`).
            voies: Default::default(),
            temps_majore: Default::default(),
        },
        unnamed_member,
    }
}

/// The candidates of a passage on one line: `DURAND Éloïse (0123)`, or the numéro alone.
pub fn names(p: &Passage, imported: &[Candidat], seances: &[SeanceSummary]) -> String {
    p.numeros
        .iter()
        .map(|n| {
            let c = candidat(n, imported, seances);
            if c.nom.is_empty() {
                format!("n° {n}")
            } else {
                crate::tui::fmt::candidat(&c)
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `14:30 · E1 ponctuel A · DURAND Éloïse (0123)`: a passage named in a message.
pub fn describe(p: &Passage, imported: &[Candidat], seances: &[SeanceSummary]) -> String {
    format!(
        "{} · {} {} {} · {}",
        p.debut.format("%H:%M"),
        p.epreuve,
        p.forme.label(),
        p.situation,
        names(p, imported, seances)
    )
}
