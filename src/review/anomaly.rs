//! What does not follow the règlement, found from the logs and the référentiel, each with a plain
//! French explanation a coordinator can act on.
//!
//! Séance-level checks (timing, commission, integrity, clock, training) look at one log; grid
//! checks look at the combined grid of a candidate for an épreuve.

use std::time::Duration;

use serde::Serialize;

use super::fmt;
use crate::referentiel::{Epreuve, Forme, Referentiel};
use crate::session::{ClockAnomalyKind, GridState, SeanceState, commission_gaps};
use crate::timing::{ClockView, PartStatus, PhaseStatus};

/// The kinds of anomaly, in the order the review lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum AnomalyKind {
    /// The log was changed after the fact: a line does not chain to the one before.
    ChaineRompue,
    /// The log cannot be read or replayed.
    JournalIllisible,
    /// Two séances grade the same candidate for the same situation: nothing is exported until
    /// the centre decides which counts.
    Conflit,
    /// Training mode: the clock ran faster; never exported.
    ModeEntrainement,
    /// A phase whose duration is a maximum ran longer.
    DepassementPhase,
    /// A part of a phase (E1 ponctuel: the project, the dossier) ran over its maximum.
    DepassementPartie,
    /// The épreuve as a whole ran longer than its regulated duration.
    DepassementEpreuve,
    /// A phase that should run its full time (or a minimum) was stopped short.
    PhaseEcourtee,
    /// A pause during an exposé where the candidate is not to be interrupted.
    PauseExpose,
    /// The wall clock jumped or went backwards during the séance.
    AnomalieHorloge,
    /// The members present do not make the commission the référentiel requires.
    CommissionNonConforme,
    CriteresNonPositionnes,
    AppreciationManquante,
    /// A competence note outside the band its positions span.
    NoteIncoherente,
    /// E2: PFMP weeks missing or below the requirement.
    PfmpInsuffisante,
    /// Two séances for the same candidate and situation, only one of which graded: a séance
    /// abandoned or timed twice (not a conflict, nothing is left out).
    SeancesEnDouble,
}

impl AnomalyKind {
    /// Short French label for tables and filters.
    pub fn label(self) -> &'static str {
        match self {
            AnomalyKind::ChaineRompue => "chaîne de hachage rompue",
            AnomalyKind::JournalIllisible => "journal illisible",
            AnomalyKind::Conflit => "conflit entre séances",
            AnomalyKind::ModeEntrainement => "mode entraînement",
            AnomalyKind::DepassementPhase => "dépassement de phase",
            AnomalyKind::DepassementPartie => "dépassement d’une partie",
            AnomalyKind::DepassementEpreuve => "dépassement de la durée de l’épreuve",
            AnomalyKind::PhaseEcourtee => "phase écourtée",
            AnomalyKind::PauseExpose => "pause pendant l’exposé",
            AnomalyKind::AnomalieHorloge => "anomalie d’horloge",
            AnomalyKind::CommissionNonConforme => "commission non conforme",
            AnomalyKind::CriteresNonPositionnes => "critères non positionnés",
            AnomalyKind::AppreciationManquante => "appréciation générale absente",
            AnomalyKind::NoteIncoherente => "note hors de la plage des positionnements",
            AnomalyKind::PfmpInsuffisante => "PFMP insuffisante ou non renseignée",
            AnomalyKind::SeancesEnDouble => "séances en double",
        }
    }
}

/// One anomaly: what, in which séance, and why it matters, in French.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Anomaly {
    pub kind: AnomalyKind,
    /// The séance where it was seen (for a grid anomaly: the last séance of the épreuve).
    pub seance: String,
    pub explication: String,
}

impl Anomaly {
    pub fn new(kind: AnomalyKind, seance: &str, explication: String) -> Self {
        Anomaly {
            kind,
            seance: seance.to_string(),
            explication,
        }
    }
}

/// Timing, commission, clock and training checks of one replayed séance.
pub fn seance_anomalies(
    state: &SeanceState,
    tz: fmt::Tz,
    forme: Option<&Forme>,
    view: &ClockView,
    tolerance: Duration,
) -> Vec<Anomaly> {
    let id = state.info.id.as_str();
    let mut out = Vec::new();
    if state.info.is_training() {
        out.push(Anomaly::new(
            AnomalyKind::ModeEntrainement,
            id,
            format!(
                "Séance en mode entraînement (horloge accélérée ×{}) : sans valeur d’examen, \
                 jamais exportée.",
                state.info.speed()
            ),
        ));
    }
    out.extend(phase_anomalies(state, view, tolerance));
    out.extend(pause_anomalies(state, tz));
    if let Some(a) = total_anomaly(state, forme, view, tolerance) {
        out.push(a);
    }
    for c in &state.clock_anomalies {
        let what = match c.kind {
            ClockAnomalyKind::Backwards => "l’horloge de l’ordinateur est revenue en arrière de",
            ClockAnomalyKind::Jump => "l’horloge de l’ordinateur a sauté de",
        };
        out.push(Anomaly::new(
            AnomalyKind::AnomalieHorloge,
            id,
            format!(
                "À {}, {what} {} : les durées mesurées autour de cet instant sont \
                 à vérifier.",
                tz.time(c.at),
                fmt::seconds_ms(c.delta_ms)
            ),
        ));
    }
    if let Some(f) = forme {
        let gaps = commission_gaps(&f.commission, &state.members);
        if !gaps.is_empty() {
            out.push(Anomaly::new(
                AnomalyKind::CommissionNonConforme,
                id,
                format!(
                    "Commission d’évaluation non conforme au référentiel ({}) : {}.",
                    describe_members(state),
                    gaps.join(" ; ")
                ),
            ));
        }
    }
    out
}

fn describe_members(state: &SeanceState) -> String {
    if state.members.is_empty() {
        return "aucun membre enregistré".into();
    }
    format!("membres : {}", fmt::members(&state.members))
}

/// Phases against their durations: any timed phase over its duration beyond the tolerance
/// (maxima and fixed phases alike), a phase under its minimum, a fixed phase ended short beyond
/// the tolerance — except one the candidate « dispose de », whose end is theirs to choose.
fn phase_anomalies(state: &SeanceState, view: &ClockView, tolerance: Duration) -> Vec<Anomaly> {
    let id = state.info.id.as_str();
    let mut out = Vec::new();
    for (p, t) in state.info.phases.iter().zip(&view.phases) {
        let done = matches!(t.status, PhaseStatus::Done { .. });
        let (label, real) = (fmt::phase_label(p), fmt::clock(t.elapsed));
        let mut flag = |kind, text| out.push(Anomaly::new(kind, id, text));
        // Measured against the adjusted duration: a « temps majoré » is the candidate's time.
        let majore = fmt::majoration(state, p).map_or(String::new(), |m| format!(", {m}"));
        if t.elapsed > t.planned + tolerance {
            let over = fmt::clock(t.elapsed - t.planned);
            let what = if p.maximum {
                "maximum"
            } else {
                "durée prévue"
            };
            flag(
                AnomalyKind::DepassementPhase,
                format!(
                    "{label} : durée réelle {real} pour {} ({what}{majore}), dépassement de {over}.",
                    fmt::clock(t.planned)
                ),
            );
        }
        // Only a part whose end the jury marked is judged (an unmarked switch is said in the
        // detail, never guessed at).
        for part in &t.parts {
            if part.status == PartStatus::Done && part.elapsed > part.planned + tolerance {
                flag(
                    AnomalyKind::DepassementPartie,
                    format!(
                        "{label}, partie « {} » : dépassement de {} (maximum {}{majore}), durée \
                         réelle {}.",
                        part.intitule,
                        fmt::clock(part.elapsed - part.planned),
                        fmt::duree(part.planned),
                        fmt::clock(part.elapsed)
                    ),
                );
            }
        }
        let minimum = p
            .duree_minimum_minutes
            .map(|m| Duration::from_secs(u64::from(m) * 60));
        if let Some(min) = minimum.filter(|min| done && t.elapsed < *min) {
            let min = fmt::clock(min);
            flag(
                AnomalyKind::PhaseEcourtee,
                format!("{label} : durée réelle {real}, en deçà du minimum de {min}."),
            );
        } else if !p.maximum && !p.dispose_de && done && t.elapsed + tolerance < t.planned {
            let planned = fmt::clock(t.planned);
            flag(
                AnomalyKind::PhaseEcourtee,
                format!(
                    "{label} arrêtée avant son terme : durée réelle {real} sur {planned} \
                     prévues{majore}."
                ),
            );
        }
    }
    out
}

/// A pause during a phase where the candidate is not to be interrupted.
fn pause_anomalies(state: &SeanceState, tz: fmt::Tz) -> Vec<Anomaly> {
    let mut out = Vec::new();
    for p in &state.pauses {
        let during = state
            .runs
            .iter()
            .find(|r| r.started <= p.start && r.ended.is_none_or(|end| p.start < end));
        let Some(phase) = during.and_then(|r| state.info.phases.iter().find(|x| x.id == r.phase))
        else {
            continue;
        };
        if phase.sans_interruption {
            out.push(Anomaly::new(
                AnomalyKind::PauseExpose,
                &state.info.id,
                format!(
                    "{} : pause à {} ({}) ; « sauf cas de nécessité majeure, la personne \
                     candidate n’est pas interrompue durant son exposé ».",
                    fmt::phase_label(phase),
                    tz.time(p.start),
                    p.reason.label()
                ),
            ));
        }
    }
    out
}

fn total_anomaly(
    state: &SeanceState,
    forme: Option<&Forme>,
    view: &ClockView,
    tolerance: Duration,
) -> Option<Anomaly> {
    if state.info.phases.is_empty() {
        return None;
    }
    let (minutes, source) = match forme.and_then(|f| f.duree_reglementaire_minutes) {
        Some(m) => (m, "réglementaires"),
        None => (
            state.info.phases.iter().map(|p| p.duree_minutes).sum(),
            "prévues (somme des phases de la situation)",
        ),
    };
    // A « temps majoré » extends the épreuve by what it adds to its phases.
    let extra: Duration = view.phases.iter().map(|t| t.planned - t.normal).sum();
    let regulated = Duration::from_secs(u64::from(minutes) * 60) + extra;
    let (minutes, source) = if extra.is_zero() {
        (fmt::minutes(minutes), source.to_string())
    } else {
        (
            fmt::duree(regulated),
            format!("{source}, temps majoré compris"),
        )
    };
    (view.total_elapsed > regulated + tolerance).then(|| {
        Anomaly::new(
            AnomalyKind::DepassementEpreuve,
            &state.info.id,
            format!(
                "Durée totale de l’épreuve (situation {}) : {} pour {} {source}, \
                 dépassement de {} (pauses non comprises).",
                state.info.situation,
                fmt::clock(view.total_elapsed),
                minutes,
                fmt::clock(view.total_elapsed - regulated)
            ),
        )
    })
}

/// Checks of the combined grid of one candidate for one épreuve, once its séances are over.
/// `seance`: the last séance of the épreuve, where the grid stands.
pub fn grid_anomalies(
    r: &Referentiel,
    e: &Epreuve,
    forme: Option<&Forme>,
    grid: &GridState,
    seance: &str,
) -> Vec<Anomaly> {
    let mut out = Vec::new();
    // Absent or dispensé: nothing was evaluated, so nothing can be missing.
    if grid.not_assessed.is_some() {
        return out;
    }
    let unset: Vec<String> = r
        .competences_of(e)
        .flat_map(|c| &c.criteres)
        .filter(|k| {
            !grid.positions.contains_key(k.id.as_str())
                && !grid.non_observes.contains(k.id.as_str())
        })
        .map(|k| k.id.clone())
        .collect();
    if !unset.is_empty() {
        out.push(Anomaly::new(
            AnomalyKind::CriteresNonPositionnes,
            seance,
            format!(
                "{} critère(s) d’évaluation sans positionnement TI / I / S / TS : {}.",
                unset.len(),
                unset.join(", ")
            ),
        ));
    }
    if grid.appreciation.trim().is_empty() {
        out.push(Anomaly::new(
            AnomalyKind::AppreciationManquante,
            seance,
            "Aucune appréciation générale n’a été rédigée : elle est communicable à la personne \
             candidate et doit figurer sur la grille."
                .into(),
        ));
    }
    for c in &e.competences {
        if let Some(inc) = grid.incoherence(r, c) {
            out.push(Anomaly::new(
                AnomalyKind::NoteIncoherente,
                seance,
                format!(
                    "{c} : note {}/20 hors de la plage {}–{} que couvrent ses positionnements \
                     (barème indicatif) ; la commission doit pouvoir la justifier.",
                    inc.note.fr(),
                    inc.min.fr(),
                    inc.max.fr()
                ),
            ));
        }
    }
    if let Some(cond) = forme.and_then(|f| f.pfmp.as_ref()) {
        let text = match grid.pfmp {
            None => Some(format!(
                "Durée des PFMP non renseignée : l’épreuve exige {} semaines (ou {} pour une \
                 personne candidate positionnée).",
                cond.semaines, cond.semaines_positionne
            )),
            Some(p) => p.short().map(|need| {
                let mut why = Vec::new();
                if p.positionne {
                    why.push("personne candidate positionnée");
                }
                if let Some(v) = p.voie {
                    why.push(v.label());
                }
                let who = match why.is_empty() {
                    true => String::new(),
                    false => format!(" ({})", why.join(", ")),
                };
                format!(
                    "PFMP de {} semaine(s) pour {need} exigées{who} : épreuve non obtenue \
                     (« L’obtention de l’épreuve est conditionnée à la réalisation de la durée \
                     réglementaire »).",
                    p.weeks
                )
            }),
        };
        if let Some(text) = text {
            out.push(Anomaly::new(AnomalyKind::PfmpInsuffisante, seance, text));
        }
    }
    out
}
