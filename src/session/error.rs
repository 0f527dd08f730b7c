//! Why the engine refuses an event: one French message per rule of the fold.

/// Why the engine refuses an event.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EventError {
    #[error("la séance doit commencer par son ouverture")]
    NotOpened,
    #[error("la séance est déjà ouverte")]
    AlreadyOpened,
    #[error("épreuve, forme ou situation inconnue : {0}")]
    UnknownSituation(String),
    #[error("{0}")]
    BadCandidates(String),
    #[error("personne candidate inconnue dans cette séance : {0}")]
    UnknownCandidate(String),
    #[error("critère inconnu pour cette épreuve : {0}")]
    UnknownCritere(String),
    #[error("compétence inconnue pour cette épreuve : {0}")]
    UnknownCompetence(String),
    #[error("note {note} hors de 0–{max}")]
    NoteOutOfRange { note: String, max: u32 },
    #[error("phase « {got} » hors de l’ordre prévu (attendu : {expected})")]
    PhaseOutOfOrder { got: String, expected: String },
    #[error("aucune phase en cours")]
    NoRunningPhase,
    #[error("déjà en pause")]
    AlreadyPaused,
    #[error("pas en pause")]
    NotPaused,
    #[error("qualité inconnue : {0}")]
    UnknownQualite(String),
    #[error("{0} est vide")]
    Empty(&'static str),
    #[error("la grille de {0} est validée : toute modification passe par un amendement motivé")]
    NeedsAmendment(String),
    #[error("la grille de {0} n’est pas validée : un amendement n’a pas lieu d’être")]
    NotValidated(String),
    #[error("un amendement porte sur une modification de grille, pas sur « {0} »")]
    BadAmendment(String),
    #[error("pas de condition de PFMP pour cette épreuve")]
    NoPfmp,
    #[error("grille incomplète : {}", .0.join(" ; "))]
    Incomplete(Vec<String>),
    #[error("{0} ne fait pas partie de la commission")]
    UnknownMember(String),
    #[error(
        "la situation {0} se déroule sans la présence de la personne candidate : pas d’absence \
         à y constater"
    )]
    AbsenceImpossible(String),
    #[error(
        "la personne candidate {0} est signalée absente : ni parole ni positionnement (retirez d’abord l’absence)"
    )]
    CandidateIsAbsent(String),
    #[error("la personne candidate {0} n’est pas signalée absente : pas d’absence à retirer")]
    NotAbsent(String),
    #[error("rien à annuler à l’enregistrement n° {seq} : {why}")]
    NothingToUndo { seq: u64, why: &'static str },
    #[error(
        "trop tard pour annuler l’enregistrement n° {seq} : {secs} s écoulées (au plus {max} s)"
    )]
    UndoTooLate { seq: u64, secs: i64, max: u64 },
    #[error("la phase « {phase} » n’a pas de partie n° {partie} après la partie en cours")]
    BadPart { phase: String, partie: u32 },
    #[error(
        "temps majoré de {majoration} refusé : la majoration du temps imparti « {texte} » ({source_})"
    )]
    MajorationTropForte {
        majoration: String,
        texte: String,
        source_: String,
    },
    #[error("temps majoré : la phase « {0} » n’est pas une phase minutée de cette séance")]
    MajorationPhase(String),
    #[error(
        "temps majoré : la phase « {0} » est déjà terminée ; l’aménagement doit être enregistré \
         avant sa fin"
    )]
    MajorationTardive(String),
}
