//! The day as the jury's start screen and the centre's live view show it: each planned passage
//! with where it stands (from the séances recorded so far), the next one, and how far the day
//! runs behind or ahead of the plan.
//!
//! The offset is measured, not guessed, the way a show's rundown shows it: for the passage in
//! progress, the time it is now due to end (its remaining phases as planned from now) against
//! the time the plan had it end; once it is over, its real end against its planned end; before
//! anything started, how late the first passage is. Pure: the séances and `now` are passed in.

use chrono::{DateTime, Utc};

use super::Passage;
use crate::review::Tz;
use crate::session::{NotAssessed, SeanceState};
use crate::timing;

/// Where a planned passage stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Etat {
    AVenir,
    EnCours,
    /// Every phase is over, a grid is still to validate.
    AValider,
    Termine,
    /// Every candidate of the passage recorded absent (and validated).
    Absent,
}

impl Etat {
    pub fn label(self) -> &'static str {
        match self {
            Etat::AVenir => "à venir",
            Etat::EnCours => "en cours",
            Etat::AValider => "à valider",
            Etat::Termine => "terminé",
            Etat::Absent => "absent",
        }
    }
}

/// One passage of the plan and what happened to it.
#[derive(Debug, Clone, PartialEq)]
pub struct LignePlan<'p> {
    pub passage: &'p Passage,
    pub etat: Etat,
    /// Index of the matching séance in the slice given to [`journee`], the latest when several.
    pub seance: Option<usize>,
}

/// The day.
#[derive(Debug, Clone, PartialEq)]
pub struct Journee<'p> {
    pub lignes: Vec<LignePlan<'p>>,
    /// The first passage still to come.
    pub prochain: Option<usize>,
    /// Minutes behind (positive) or ahead (negative) of the plan, when it can be measured.
    pub decalage_minutes: Option<i64>,
}

impl Journee<'_> {
    /// `+12 min sur le planning`, `−5 min sur le planning`, `à l’heure`.
    pub fn decalage_text(&self) -> Option<String> {
        self.decalage_minutes
            .map(|m| format!("{} sur le planning", decalage_court(m)))
    }
}

/// An offset in minutes as the day and the live board word it: « à l’heure », « +12 min »,
/// « −5 min ».
pub fn decalage_court(m: i64) -> String {
    match m {
        0 => "à l’heure".to_string(),
        m if m > 0 => format!("+{m} min"),
        m => format!("−{} min", -m),
    }
}

/// Whether `s` is the séance of passage `p`: same épreuve, form and situation, the same
/// candidates, opened on the planned day (local time `tz`); a real séance, never a training one.
pub fn correspond(p: &Passage, s: &SeanceState, tz: Tz) -> bool {
    correspond_mode(p, s, tz, false)
}

/// The same, `training` saying which séances count: a jury rehearsing the day with
/// `--vitesse` follows the plan with its training séances, which never count for the real day.
pub fn correspond_mode(p: &Passage, s: &SeanceState, tz: Tz, training: bool) -> bool {
    let i = &s.info;
    let mut a: Vec<&str> = i.candidats.iter().map(|c| c.numero.as_str()).collect();
    let mut b: Vec<&str> = p.numeros.iter().map(String::as_str).collect();
    a.sort_unstable();
    b.sort_unstable();
    i.is_training() == training
        && i.epreuve == p.epreuve
        && i.forme == p.forme
        && i.situation == p.situation
        && a == b
        && tz.day(s.opened_at) == p.debut.date()
}

fn etat(s: &SeanceState) -> Etat {
    let grids: Vec<_> = s.grids.values().collect();
    if !grids.is_empty() && grids.iter().all(|g| g.is_validated()) {
        let absent = |g: &&crate::session::GridState| {
            matches!(g.not_assessed, Some(NotAssessed::Absent { .. }))
        };
        return if grids.iter().all(absent) {
            Etat::Absent
        } else {
            Etat::Termine
        };
    }
    if s.is_finished() || grids.iter().any(|g| g.not_assessed.is_some()) {
        Etat::AValider
    } else {
        Etat::EnCours
    }
}

/// The planned duration of a passage: the sum of its situation's timed phases, as the séance
/// runs them (a « temps majoré » is time granted, not lateness).
fn duree_prevue(s: &SeanceState) -> chrono::Duration {
    let total: std::time::Duration = s
        .info
        .phases
        .iter()
        .map(|p| crate::timing::duree_effective(s, p))
        .sum();
    chrono::Duration::from_std(total).unwrap_or(chrono::Duration::MAX)
}

/// The day of `plan` given the séances recorded so far, at `now`, in local time `tz`.
pub fn journee<'p>(
    plan: &'p [Passage],
    seances: &[SeanceState],
    tz: Tz,
    now: DateTime<Utc>,
) -> Journee<'p> {
    journee_mode(plan, seances, tz, now, false)
}

/// The day as [`journee`] gives it, followed with the training séances when `training` (see
/// [`correspond_mode`]).
pub fn journee_mode<'p>(
    plan: &'p [Passage],
    seances: &[SeanceState],
    tz: Tz,
    now: DateTime<Utc>,
    training: bool,
) -> Journee<'p> {
    let lignes: Vec<LignePlan> = plan
        .iter()
        .map(|p| {
            let seance = seances
                .iter()
                .enumerate()
                .filter(|(_, s)| correspond_mode(p, s, tz, training))
                .max_by_key(|(_, s)| s.opened_at)
                .map(|(i, _)| i);
            LignePlan {
                passage: p,
                etat: seance.map_or(Etat::AVenir, |i| etat(&seances[i])),
                seance,
            }
        })
        .collect();
    let prochain = lignes.iter().position(|l| l.etat == Etat::AVenir);
    let started = lignes.iter().rev().find_map(|l| {
        let s = &seances[l.seance?];
        (!s.runs.is_empty()).then_some((l.passage, s))
    });
    let decalage = match started {
        Some((p, s)) => {
            let planned_end = p.debut + duree_prevue(s);
            let end = match (s.running(), s.runs.last().and_then(|r| r.ended)) {
                (Some(_), _) => timing::clock(s, now).due_end.map(|t| tz.local(t)),
                (None, Some(ended)) => Some(tz.local(ended)),
                (None, None) => None,
            };
            end.map(|e| e - planned_end)
        }
        // Nothing started yet: how late the first passage is, if it is.
        None => plan
            .first()
            .map(|p| tz.local(now) - p.debut)
            .filter(|late| *late > chrono::Duration::zero()),
    };
    Journee {
        lignes,
        prochain,
        decalage_minutes: decalage.map(|d| (d.num_seconds() as f64 / 60.0).round() as i64),
    }
}
