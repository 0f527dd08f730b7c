//! How the review table sorts: the columns it can be sorted by and what an entry sorts by
//! under each (French collation for names, the domain's note, no note below every note).

use chrono::{DateTime, Utc};

use crate::grading::Points;
use crate::referentiel::{FormeKind, Referentiel};
use crate::review::{Entry, Report, Status};

/// The columns the table can be sorted by, in display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    Candidat,
    Numero,
    Epreuve,
    Forme,
    Situations,
    Date,
    Statut,
    Note,
    Anomalies,
}

impl SortKey {
    pub const ALL: [SortKey; 9] = [
        SortKey::Candidat,
        SortKey::Numero,
        SortKey::Epreuve,
        SortKey::Forme,
        SortKey::Situations,
        SortKey::Date,
        SortKey::Statut,
        SortKey::Note,
        SortKey::Anomalies,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    pub(super) fn next(self) -> SortKey {
        SortKey::ALL[(self.index() + 1) % SortKey::ALL.len()]
    }
}

/// What an entry sorts by under one key. Within a sort every value has the same variant.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum SortValue {
    Name(Vec<u8>, Vec<u8>),
    Text(String),
    Forme(FormeKind),
    Situations(Vec<String>),
    Date(Option<DateTime<Utc>>),
    Status(Status),
    Note(Option<Points>),
    Count(usize),
}

pub(super) fn sort_value(r: &Referentiel, report: &Report, key: SortKey, e: &Entry) -> SortValue {
    match key {
        // French collation keys: Écrivain between Dupont and Faure, as in the report.
        SortKey::Candidat => SortValue::Name(
            crate::collate::key(&e.candidat.nom),
            crate::collate::key(&e.candidat.prenom),
        ),
        SortKey::Numero => SortValue::Text(e.candidat.numero.clone()),
        SortKey::Epreuve => SortValue::Text(e.epreuve.clone()),
        SortKey::Forme => SortValue::Forme(e.forme),
        SortKey::Situations => SortValue::Situations(e.situations(report)),
        SortKey::Date => SortValue::Date(e.dates(report).first().copied()),
        SortKey::Statut => SortValue::Status(e.status),
        // By the note the domain gives (an unjustified absence has 0); no note (justified
        // absence, dispense, incomplete grid) sorts below every note.
        SortKey::Note => SortValue::Note(
            r.epreuve(&e.epreuve)
                .and_then(|ep| e.grid.resultat(r, ep).sur20()),
        ),
        SortKey::Anomalies => SortValue::Count(e.anomalies.len()),
    }
}
