//! What can stop a command, each in French words for the person at the keyboard; the library's
//! own errors (which name file, line and value) follow a few words that say what was being done.

use std::io;

use sno_jury::candidats::CandidatsError;
use sno_jury::export::ExportError;
use sno_jury::oserr::{self, Op};
use sno_jury::referentiel::LoadError;
use sno_jury::session::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("référentiel illisible : {0}")]
    Referentiel(#[from] LoadError),
    #[error("lecture des séances impossible : {0}")]
    Seances(#[from] StoreError),
    #[error("liste des personnes candidates illisible : {0}")]
    Candidats(CandidatsError),
    #[error("{0}")]
    Export(#[from] ExportError),
    #[error("planning illisible : {0}")]
    Convocations(sno_jury::convocations::ConvocationsError),
    #[error("{0}")]
    Format(#[from] sno_jury::export::format::FormatMismatch),
    #[error("aucune séance ni personne candidate « {cible} » dans {dir}")]
    NoTarget { cible: String, dir: String },
    #[error("rien à imprimer dans {dir} avec ces filtres (épreuve, date, commission)")]
    NothingToPrint { dir: String },
    #[error("terminal inutilisable : {}", oserr::describe(.0, Op::Write))]
    Terminal(io::Error),
    #[error("écriture sur la sortie standard impossible : {}", oserr::describe(.0, Op::Write))]
    Stdout(io::Error),
    #[error("référentiel : conversion en JSON impossible : {0}")]
    Json(#[from] serde_json::Error),
    /// The reader closed the pipe (`| head`): not an error, the command just stops.
    #[error("sortie fermée")]
    Pipe,
}
