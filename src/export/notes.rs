//! The proposed notes for the rectorat: one row per candidate × épreuve, as a workbook
//! ([`super::xlsx`], what a coordinator should send) or a CSV ([`super::notes_csv`]).
//!
//! Both are written from one typed row model, [`NoteRow`], through one list of columns
//! ([`header`] and [`NoteRow::cells`]), so the workbook and the CSV can never disagree.
//!
//! Only validated grids with an intact log are exported by default; the others are reported in
//! [`Outcome::left_out`] (the workbook's « Non exportés » sheet and the stderr list) so the
//! caller can exit with [`EXIT_INCOMPLETE`]. `inclure_non_valides` exports them too, marked in
//! the `Validation` column. Training séances are never exported, only listed.

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};

use super::atomic::{ExportError, write_atomic};
pub use super::format::{Format, FormatMismatch};
pub use super::outcome::{
    EXIT_CONFLIT, EXIT_INCOMPLETE, EXIT_LIGNE_INCOMPLETE, LeftOut, Outcome, Reason, stderr_report,
};
use super::{notes_csv, xlsx};
use crate::clean;
use crate::grading::Points;
use crate::referentiel::{FormeKind, Referentiel};
use crate::review::{Entry, Report, Status, fmt};
use crate::session::Resultat;

/// Statut of a graded row; absences and dispenses are worded by the référentiel
/// (`notation.json`, `absences`) through [`crate::session::Resultat`].
pub const STATUT_NOTE: &str = "note";

/// Validation cell of an exported grid that counts.
pub const VALIDEE: &str = "validée";

/// One candidate × épreuve as exported. Text is already free of control characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteRow {
    pub numero: String,
    pub nom: String,
    pub prenom: String,
    pub etablissement: String,
    pub epreuve: String,
    pub unite: String,
    pub forme: FormeKind,
    /// Days of the séances, in order, without repeats (local days of the report's zone).
    pub dates: Vec<NaiveDate>,
    pub sur60: Option<Points>,
    pub sur20: Option<Points>,
    /// The notes /20 of the épreuve's competences, in the grid's order (none when absent or
    /// dispensé: the grid was not filled).
    pub competences: Vec<Option<Points>>,
    pub statut: String,
    pub commission: String,
    /// `validée`, or `NON VALIDÉE : why` with `inclure_non_valides`.
    pub validation: String,
}

/// One cell of a row, typed so each output writes it its own way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell<'a> {
    Text(&'a str),
    /// A note, empty when there is none (which is not a zero).
    Number(Option<Points>),
    /// The first séance's day.
    Date(Option<NaiveDate>),
    /// Every séance's day, as a text list.
    Dates(&'a [NaiveDate]),
}

/// How many competence columns: the most any épreuve of the référentiel has.
pub fn competence_columns(r: &Referentiel) -> usize {
    r.epreuves
        .epreuves
        .iter()
        .map(|e| e.competences.len())
        .max()
        .unwrap_or(0)
}

/// Column titles, in order. « Compétence k /20 » is the épreuve's k-th competence in the
/// grid's order (for E2: C2.1, C2.2, C2.3), so one column holds comparable notes on every row.
pub fn header(r: &Referentiel) -> Vec<String> {
    let mut h: Vec<String> = [
        "Numéro d'inscription",
        "Nom",
        "Prénom",
        "Établissement",
        "Épreuve",
        "Unité",
        "Forme",
        "Date",
        "Date(s)",
        "Note /60",
        "Note /20",
    ]
    .map(String::from)
    .to_vec();
    h.extend((1..=competence_columns(r)).map(|k| format!("Compétence {k} /20")));
    h.extend(["Statut", "Commission", "Validation"].map(String::from));
    h
}

impl NoteRow {
    /// The row's cells, in [`header`]'s order, with `columns` competence cells.
    pub fn cells(&self, columns: usize) -> Vec<Cell<'_>> {
        let mut c = vec![
            Cell::Text(&self.numero),
            Cell::Text(&self.nom),
            Cell::Text(&self.prenom),
            Cell::Text(&self.etablissement),
            Cell::Text(&self.epreuve),
            Cell::Text(&self.unite),
            Cell::Text(self.forme.label()),
            Cell::Date(self.dates.first().copied()),
            Cell::Dates(&self.dates),
            Cell::Number(self.sur60),
            Cell::Number(self.sur20),
        ];
        c.extend((0..columns).map(|k| Cell::Number(self.competences.get(k).copied().flatten())));
        c.extend([
            Cell::Text(&self.statut),
            Cell::Text(&self.commission),
            Cell::Text(&self.validation),
        ]);
        c
    }
}

/// Why an entry is not exportable as validated, or `None` when it is. A `match` on the review's
/// status, so a new status has to say here whether it is exported.
pub fn not_valid_reason(report: &Report, e: &Entry) -> Option<Reason> {
    match e.status {
        Status::Validee | Status::Absent | Status::Dispense => None,
        Status::IntegriteRompue => Some(Reason::NotValid("intégrité du journal rompue")),
        Status::Conflit => Some(Reason::Conflit(conflict_files(report, e))),
        Status::EnCours => Some(Reason::NotValid("épreuve en cours")),
        Status::AValider => Some(Reason::NotValid("grille non validée")),
    }
}

/// The files and commissions of an entry's conflicting séances.
fn conflict_files(report: &Report, e: &Entry) -> Vec<String> {
    e.conflicts
        .iter()
        .flat_map(|c| &c.seances)
        .map(|&i| clean::strip(&report.seances[i].file_and_commission()).into_owned())
        .collect()
}

/// The rows to export and what was left out, in the report's order.
pub fn table(
    r: &Referentiel,
    report: &Report,
    inclure_non_valides: bool,
) -> (Vec<NoteRow>, Outcome) {
    let (chosen, out) = choose(report, inclure_non_valides);
    let rows = chosen
        .into_iter()
        .map(|(e, validation)| row(r, report, e, validation))
        .collect();
    (rows, out)
}

/// The entries to export, each with its validation cell, and what was left out: [`table`]
/// without making the rows, so the CSV can make each row as it writes it (10,000 rows are
/// 110,000 small strings held for nothing otherwise).
fn choose(report: &Report, inclure_non_valides: bool) -> (Vec<(&Entry, String)>, Outcome) {
    let mut out = Outcome {
        torn: report.torn_tails(),
        non_examines: report
            .non_examines
            .iter()
            .map(|n| clean::strip(&n.line()).into_owned())
            .collect(),
        ..Outcome::default()
    };
    let mut rows = Vec::new();
    for &i in &report.orphans {
        let path = report.seances[i].path.display().to_string();
        out.unreadable.push(clean::strip(&path).into_owned());
    }
    for e in &report.entries {
        if e.training {
            out.left_out.push(LeftOut::new(e, Reason::Training));
            continue;
        }
        let validation = match not_valid_reason(report, e) {
            None => VALIDEE.to_string(),
            Some(why) if inclure_non_valides => {
                let cell = format!("NON VALIDÉE : {}", why.text());
                out.marked.push(LeftOut::new(e, why));
                cell
            }
            Some(why) => {
                out.left_out.push(LeftOut::new(e, why));
                continue;
            }
        };
        rows.push((e, validation));
    }
    out.rows = rows.len();
    (rows, out)
}

fn row(r: &Referentiel, report: &Report, e: &Entry, validation: String) -> NoteRow {
    let c = &e.candidat;
    let ep = r.epreuve(&e.epreuve);
    let mut dates: Vec<NaiveDate> = Vec::new();
    for d in e.dates(report).into_iter().map(|ts| report.tz.day(ts)) {
        if !dates.contains(&d) {
            dates.push(d);
        }
    }
    let resultat = ep.map(|x| e.grid.resultat(r, x));
    // The competence notes only where the grid was filled: an absence or a dispense has none,
    // even if some were typed before the absence was recorded.
    let competences = match (&resultat, ep) {
        (Some(Resultat::Note { .. } | Resultat::Incomplet), Some(ep)) => ep
            .competences
            .iter()
            .map(|k| e.grid.notes.get(k).copied())
            .collect(),
        _ => Vec::new(),
    };
    let text = |s: &str| clean::strip(s).into_owned();
    NoteRow {
        numero: text(&c.numero),
        nom: text(&c.nom),
        prenom: text(&c.prenom),
        etablissement: text(&c.etablissement),
        epreuve: text(&e.epreuve),
        unite: ep.map_or(String::new(), |x| text(&x.unite)),
        forme: e.forme,
        dates,
        sur60: resultat.as_ref().and_then(Resultat::sur60),
        sur20: resultat.as_ref().and_then(Resultat::sur20),
        competences,
        statut: text(resultat.as_ref().map_or(STATUT_NOTE, |x| x.statut())),
        commission: text(&fmt::members(&e.commission(report))),
        validation,
    }
}

/// Builds the notes of `report` in `format` and writes them atomically to `out`. `now` dates
/// the workbook (its document properties); the CSV has no such field.
pub fn export(
    r: &Referentiel,
    report: &Report,
    out: &Path,
    format: Format,
    inclure_non_valides: bool,
    now: DateTime<Utc>,
) -> Result<Outcome, ExportError> {
    let (bytes, outcome) = match format {
        Format::Xlsx => {
            let (rows, outcome) = table(r, report, inclure_non_valides);
            let view = crate::review::harmonisation::harmonisation(r, report);
            let book = xlsx::workbook(r, &rows, &outcome, &view, now).map_err(|e| {
                std::io::Error::other(format!("le classeur n’a pas pu être construit : {e}"))
            });
            (book, outcome)
        }
        Format::Francais | Format::Standard => {
            let (chosen, outcome) = choose(report, inclure_non_valides);
            let bytes = notes_csv::encode_each_row(r, &chosen, format, |(e, validation)| {
                row(r, report, e, validation.clone())
            });
            (bytes, outcome)
        }
    };
    let bytes = bytes.map_err(|source| ExportError::Write {
        file: out.to_path_buf(),
        source,
    })?;
    write_atomic(out, &bytes)?;
    Ok(outcome)
}

#[cfg(test)]
#[path = "notes_tests.rs"]
mod tests;
