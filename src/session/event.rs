//! The events of a séance and the record that wraps each one in the log.
//!
//! One JSON object per line:
//! `{"seq":3,"ts":"…","mono":{"run":"…","ms":…},"prev":"<sha256 hex>","event":{"type":…}}`.
//! `prev` is the SHA-256 of the previous line's bytes (without its newline); the first record
//! chains to [`GENESIS`]. Changing, removing or reordering any line breaks the chain. `mono`
//! (see [`super::stamp`]) is absent from older logs, which still read.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::event_de::event_enum;
use super::stamp::{Mono, Stamp};
use crate::grading::{Niveau, Points};
use crate::referentiel::{FormeKind, Fraction, Phase, Voie};

/// The `prev` of the first record: 64 zeros.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One line of a séance log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// 1 for the first record, then +1 for each line.
    pub seq: u64,
    /// Wall-clock time of the action, UTC, as the system clock read it (never adjusted).
    #[serde(deserialize_with = "super::event_de::deserialize_ts")]
    pub ts: DateTime<Utc>,
    /// The monotonic clock at the action, with the run that read it: durations within a run
    /// come from it (see `timing::Timeline`). Absent from older logs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mono: Option<Mono>,
    /// SHA-256 (hex) of the previous line's bytes.
    pub prev: String,
    pub event: Event,
}

impl Record {
    /// When the action happened, as the caller read the clocks.
    pub fn stamp(&self) -> Stamp {
        Stamp {
            wall: self.ts,
            mono: self.mono,
        }
    }
}

/// A candidate as the convocation names them.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Candidat {
    /// Numéro d'inscription: the key of the candidate across séances.
    pub numero: String,
    pub nom: String,
    pub prenom: String,
    pub etablissement: String,
}

/// A member of the commission d'évaluation.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Membre {
    pub nom: String,
    /// A quality id of the référentiel ("enseignant", "professionnel").
    pub qualite: String,
}

/// What a séance is, fixed when it is opened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeanceInfo {
    /// Unique id, also the log's file name (without `.jsonl`).
    pub id: String,
    pub epreuve: String,
    pub forme: FormeKind,
    pub situation: String,
    /// One candidate, or 2–4 when the situation is a group presentation.
    pub candidats: Vec<Candidat>,
    /// The planned phases, copied from the référentiel when the séance was opened, so a later
    /// change of the référentiel never changes what a past séance was timed against. Shared:
    /// the review keeps one copy of each distinct plan for all its séances.
    pub phases: std::sync::Arc<[Phase]>,
    /// Warnings before the end of a phase when the phase sets none (from the référentiel).
    pub alertes_par_defaut_minutes: Vec<u32>,
    /// Training mode: the clock runs this many times faster. Never exported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vitesse: Option<u32>,
}

impl SeanceInfo {
    /// Clock speed factor: 1 for a real séance.
    pub fn speed(&self) -> u32 {
        self.vitesse.unwrap_or(1).max(1)
    }

    pub fn is_training(&self) -> bool {
        self.speed() > 1
    }
}

/// Why the épreuve was paused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PauseReason {
    /// Technical or material incident.
    Incident,
    /// The candidate is unwell or needs a break.
    Candidat,
    /// The commission must confer or is interrupted.
    Commission,
    Autre,
}

impl PauseReason {
    pub const ALL: [PauseReason; 4] = [
        PauseReason::Incident,
        PauseReason::Candidat,
        PauseReason::Commission,
        PauseReason::Autre,
    ];

    pub fn label(self) -> &'static str {
        match self {
            PauseReason::Incident => "Incident technique ou matériel",
            PauseReason::Candidat => "Personne candidate (malaise, besoin)",
            PauseReason::Commission => "Commission (concertation, interruption)",
            PauseReason::Autre => "Autre",
        }
    }
}

/// What kind of jump of the system clock was seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClockAnomalyKind {
    /// The wall clock was set back (it lost 2 s or more against the monotonic clock, or it is
    /// behind the log's last time after a restart).
    Backwards,
    /// The wall clock was set forward (it gained 2 s or more against the monotonic clock), or a
    /// sleep that the monotonic clock did not count.
    Jump,
}

event_enum! {
    /// Every jury action. Grid events name the candidate by numéro d'inscription.
    #[derive(Debug, Clone, PartialEq)]
    pub enum Event {
        /// The opening (boxed: by far the largest event, it would make every record of the
        /// log as large as itself, and a review moves hundreds of thousands of records).
        SeanceOpened = "seance_opened" {
            seance: Box<SeanceInfo>,
        },
        /// The next phase starts (phases run in the référentiel's order).
        PhaseStarted = "phase_started" {
            phase: String,
        },
        /// The running phase ends before its planned duration (an exposé may be shorter).
        PhaseEndedEarly = "phase_ended_early" {
            phase: String,
        },
        /// The running phase ends at or after its planned duration.
        PhaseEnded = "phase_ended" {
            phase: String,
        },
        /// The `phase_started` of record `seq` is undone, within [`super::UNDO_WINDOW`] of it: the
        /// phase is back to not started (a key pressed by mistake). The log keeps both records.
        PhaseStartUndone = "phase_start_undone" {
            seq: u64,
        },
        /// The `phase_ended` / `phase_ended_early` of record `seq` is undone, within
        /// [`super::UNDO_WINDOW`] of it: the phase runs on as if it had not ended.
        PhaseEndUndone = "phase_end_undone" {
            seq: u64,
        },
        Paused = "paused" {
            reason: PauseReason,
            #[serde(default, skip_serializing_if = "String::is_empty")]
            detail: String,
        },
        Resumed = "resumed",
        /// Group séance: who speaks now (`None`: the commission, or nobody).
        SpeakerChanged = "speaker_changed" {
            candidat: Option<String>,
        },
        CriterionPositioned = "criterion_positioned" {
            candidat: String,
            critere: String,
            niveau: Niveau,
        },
        CriterionCleared = "criterion_cleared" {
            candidat: String,
            critere: String,
        },
        NoteSet = "note_set" {
            candidat: String,
            competence: String,
            note: Points,
        },
        Remark = "remark" {
            text: String,
        },
        AppreciationSet = "appreciation_set" {
            candidat: String,
            text: String,
        },
        MemberAdded = "member_added" {
            membre: Membre,
        },
        CandidateAbsent = "candidate_absent" {
            candidat: String,
            justified: bool,
        },
        /// The candidate recorded absent is there after all: the absence is withdrawn (before
        /// validation; after it, inside an amendment).
        AbsenceWithdrawn = "absence_withdrawn" {
            candidat: String,
        },
        /// The candidate is dispensé (exempted) from the épreuve, e.g. holds the unit from an
        /// earlier diploma: no grid to fill, no note.
        CandidateExempted = "candidate_exempted" {
            candidat: String,
        },
        PfmpRecorded = "pfmp_recorded" {
            candidat: String,
            weeks: u32,
            /// Positionné by decision of the recteur: 8 weeks suffice instead of 12 for the voie
            /// scolaire.
            positionne: bool,
            /// The candidate's voie, which sets the weeks required (absent in older logs).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            voie: Option<Voie>,
        },
        /// The criterion could not be observed: an explicit positioning that completes the grid
        /// but counts in no indicative note.
        CriterionNotObserved = "criterion_not_observed" {
            candidat: String,
            critere: String,
        },
        /// A member entered by mistake (or with the wrong qualité) leaves the commission; before
        /// validation, or by amendment after it.
        MemberRemoved = "member_removed" {
            membre: Membre,
        },
        /// The candidate's voie de formation (from the candidates list or asked by the wizard,
        /// recorded with the opening): the PFMP weeks E2 requires follow it when a PFMP is recorded
        /// without a voie of its own.
        VoieRecorded = "voie_recorded" {
            candidat: String,
            voie: Voie,
        },
        /// The running phase moves on to its part `partie` (0-based; the first part starts with the
        /// phase): E1 ponctuel, from the project to the dossier numérique.
        PartStarted = "part_started" {
            phase: String,
            partie: u32,
        },
        /// An aménagement d’épreuve « temps majoré » for a candidate with a disability: the time of
        /// each phase of `phases` is increased by `majoration` (at most a third, `notation.json`
        /// `temps_majore`); a majoration of `0` withdraws one recorded by mistake. In a group séance
        /// it extends that member's share of the phases (see `timing::duree_effective`).
        AmenagementRecorded = "amenagement_recorded" {
            candidat: String,
            majoration: Fraction,
            phases: Vec<String>,
            /// The decision as notified (reference, date), if the jury types it.
            #[serde(default, skip_serializing_if = "String::is_empty")]
            decision: String,
        },
        GridValidated = "grid_validated" {
            candidat: String,
        },
        /// A change to a validated grid: `change` is a grid event, `reason` is mandatory.
        Amendment = "amendment" {
            reason: String,
            change: Box<Event>,
        },
        ClockAnomaly = "clock_anomaly" {
            kind: ClockAnomalyKind,
            /// How far the wall clock moved against the monotonic clock, in milliseconds.
            delta_ms: i64,
        },
    }
}

impl Event {
    /// The candidate a grid event is about; `None` for timing and séance events.
    pub fn grid_candidat(&self) -> Option<&str> {
        match self {
            Event::CriterionPositioned { candidat, .. }
            | Event::CriterionCleared { candidat, .. }
            | Event::CriterionNotObserved { candidat, .. }
            | Event::NoteSet { candidat, .. }
            | Event::AppreciationSet { candidat, .. }
            | Event::CandidateAbsent { candidat, .. }
            | Event::AbsenceWithdrawn { candidat }
            | Event::CandidateExempted { candidat }
            | Event::PfmpRecorded { candidat, .. }
            | Event::VoieRecorded { candidat, .. }
            | Event::GridValidated { candidat } => Some(candidat),
            Event::Amendment { change, .. } => change.grid_candidat(),
            _ => None,
        }
    }
}
