//! The CSV of proposed notes for the rectorat: one row per candidate × épreuve.
//!
//! Two formats:
//! - `francais` (default), what a French spreadsheet opens without an import dialog: `;`
//!   separator, decimal comma, dates `jj/mm/aaaa`, UTF-8 with a BOM (so accents survive), CRLF;
//! - `standard`: `,` separator, decimal point, ISO dates, UTF-8 without BOM, CRLF (RFC 4180).
//!
//! Only validated grids with an intact log are exported by default; the others are reported so
//! the caller can list them and exit with [`EXIT_INCOMPLETE`]. `inclure_non_valides` exports
//! them too, marked in the `Validation` column. Training séances are never exported. Every cell
//! that a spreadsheet could run as a formula is neutralised.

use std::path::Path;

use super::atomic::{ExportError, write_atomic};
use crate::grading::Points;
use crate::referentiel::Referentiel;
use crate::review::{Entry, Report, Status, fmt};

/// Exit status of `sno-jury export` when some candidate × épreuve could not be exported
/// (grid not validated, broken log, or a log naming no candidate). The file is still written.
pub const EXIT_INCOMPLETE: u8 = 3;
/// Exit status when two séances grade the same candidate for the same situation: those
/// candidates × épreuves are left out until the centre decides (takes precedence over 3).
pub const EXIT_CONFLIT: u8 = 4;
/// Exit status when everything was exported but a log's torn last line was ignored, as
/// `check` says for the same log.
pub const EXIT_LIGNE_INCOMPLETE: u8 = 2;

/// The CSV dialect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    #[default]
    Francais,
    Standard,
}

impl Format {
    fn delimiter(self) -> u8 {
        match self {
            Format::Francais => b';',
            Format::Standard => b',',
        }
    }

    fn number(self, p: Points) -> String {
        match self {
            Format::Francais => p.fr(),
            Format::Standard => p.to_string(),
        }
    }
}

/// Column titles, in order.
pub const HEADER: [&str; 13] = [
    "Numéro d'inscription",
    "Nom",
    "Prénom",
    "Établissement",
    "Épreuve",
    "Unité",
    "Forme",
    "Date(s)",
    "Note /60",
    "Note /20",
    "Statut",
    "Commission",
    "Validation",
];

/// Statut of a graded row; absences and dispenses are worded by the référentiel
/// (`notation.json`, `absences`) through [`crate::session::Resultat`].
pub const STATUT_NOTE: &str = "note";

/// What the export did, for the caller to report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Data rows written (header excluded).
    pub rows: usize,
    /// Candidate × épreuve left out, each with why (empty with `inclure_non_valides`).
    pub left_out: Vec<String>,
    /// Exported although not validated (only with `inclure_non_valides`).
    pub marked: Vec<String>,
    /// Logs naming no candidate: nothing could be exported from them.
    pub unreadable: Vec<String>,
    /// Training entries skipped (never exported).
    pub training: usize,
    /// Candidate × épreuve left out because séances conflict (also in `left_out`).
    pub conflicts: usize,
    /// Logs whose torn last line was ignored (an action lost in a crash, or a cut copy).
    pub torn: Vec<String>,
}

impl Outcome {
    /// Everything that should have been exported was.
    pub fn complete(&self) -> bool {
        self.left_out.is_empty() && self.unreadable.is_empty()
    }

    /// The exit status of the export: 0, or the most serious of conflict (4), incomplete (3)
    /// and ignored torn line (2).
    pub fn exit_status(&self) -> u8 {
        if self.conflicts > 0 {
            EXIT_CONFLIT
        } else if !self.complete() {
            EXIT_INCOMPLETE
        } else if !self.torn.is_empty() {
            EXIT_LIGNE_INCOMPLETE
        } else {
            0
        }
    }
}

/// Prefixes a cell with an apostrophe when a spreadsheet would read it as a formula (OWASP
/// "CSV injection"): leading `=`, `+`, `-`, `@`, tab or carriage return.
pub fn neutralise(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// Why an entry is not exportable as validated, or `None` when it is.
pub fn not_valid_reason(report: &Report, e: &Entry) -> Option<String> {
    match e.status {
        Status::Validee | Status::Absent | Status::Dispense => None,
        Status::IntegriteRompue => Some("intégrité du journal rompue".into()),
        Status::Conflit => Some(format!(
            "conflit : {}",
            conflict_files(report, e).join(" ; ")
        )),
        Status::EnCours => Some("épreuve en cours".into()),
        Status::AValider => Some("grille non validée".into()),
    }
}

/// The files and commissions of an entry's conflicting séances.
fn conflict_files(report: &Report, e: &Entry) -> Vec<String> {
    e.conflicts
        .iter()
        .flat_map(|c| &c.seances)
        .map(|&i| {
            let s = &report.seances[i];
            let members = s
                .state
                .as_ref()
                .map_or(String::new(), |st| fmt::members(&st.members));
            format!("{} (commission {members})", s.path.display())
        })
        .collect()
}

fn who(e: &Entry) -> String {
    format!(
        "{} {} {} (n° {})",
        e.epreuve, e.candidat.nom, e.candidat.prenom, e.candidat.numero
    )
}

/// The rows of the CSV (header first), before neutralisation and encoding.
pub fn rows(
    r: &Referentiel,
    report: &Report,
    format: Format,
    inclure_non_valides: bool,
) -> (Vec<Vec<String>>, Outcome) {
    let mut out = Outcome {
        torn: report.torn_tails(),
        ..Outcome::default()
    };
    let mut rows = vec![HEADER.iter().map(|h| h.to_string()).collect()];
    for &i in &report.orphans {
        out.unreadable
            .push(report.seances[i].path.display().to_string());
    }
    for e in &report.entries {
        if e.training {
            out.training += 1;
            continue;
        }
        if e.status == Status::Conflit {
            out.conflicts += 1;
        }
        let validation = match not_valid_reason(report, e) {
            None => "validée".to_string(),
            Some(why) if inclure_non_valides => {
                out.marked.push(format!("{} : {why}", who(e)));
                format!("NON VALIDÉE : {why}")
            }
            Some(why) => {
                out.left_out.push(format!("{} : {why}", who(e)));
                continue;
            }
        };
        rows.push(row(r, report, e, format, validation));
        out.rows += 1;
    }
    (rows, out)
}

fn row(
    r: &Referentiel,
    report: &Report,
    e: &Entry,
    format: Format,
    validation: String,
) -> Vec<String> {
    let c = &e.candidat;
    let ep = r.epreuve(&e.epreuve);
    let dates: Vec<String> = e
        .dates(report)
        .into_iter()
        .map(|d| match format {
            Format::Francais => report.tz.date(d),
            Format::Standard => report.tz.date_iso(d),
        })
        .collect();
    let resultat = ep.map(|x| e.grid.resultat(r, x));
    let number = |p: Option<Points>| p.map_or(String::new(), |p| format.number(p));
    let sur60 = number(resultat.as_ref().and_then(|x| x.sur60()));
    let sur20 = number(resultat.as_ref().and_then(|x| x.sur20()));
    let statut = resultat
        .as_ref()
        .map_or(STATUT_NOTE, |x| x.statut())
        .to_string();
    vec![
        c.numero.clone(),
        c.nom.clone(),
        c.prenom.clone(),
        c.etablissement.clone(),
        e.epreuve.clone(),
        ep.map_or(String::new(), |x| x.unite.clone()),
        e.forme.label().to_string(),
        dates.join(", "),
        sur60,
        sur20,
        statut,
        fmt::members(&e.commission(report)),
        validation,
    ]
}

/// Encodes rows in the format: neutralised cells, BOM for `francais`, CRLF line ends.
pub fn encode(rows: &[Vec<String>], format: Format) -> std::io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    if format == Format::Francais {
        buf.extend_from_slice("\u{feff}".as_bytes());
    }
    let mut w = csv::WriterBuilder::new()
        .delimiter(format.delimiter())
        .terminator(csv::Terminator::CRLF)
        .from_writer(buf);
    for row in rows {
        w.write_record(row.iter().map(|c| neutralise(c)))?;
    }
    w.into_inner().map_err(|e| e.into_error())
}

/// Builds the CSV of `report` and writes it atomically to `out`.
pub fn export(
    r: &Referentiel,
    report: &Report,
    out: &Path,
    format: Format,
    inclure_non_valides: bool,
) -> Result<Outcome, ExportError> {
    let (rows, outcome) = rows(r, report, format, inclure_non_valides);
    let bytes = encode(&rows, format).map_err(|source| ExportError::Write {
        file: out.to_path_buf(),
        source,
    })?;
    write_atomic(out, &bytes)?;
    Ok(outcome)
}

/// What to print on stderr after an export, in French (empty when there is nothing to say).
pub fn stderr_report(o: &Outcome) -> String {
    let mut s = String::new();
    let lists = [
        (
            &o.left_out,
            "candidat × épreuve non exporté(s) (relancer avec --inclure-non-valides pour les \
             exporter marqués comme tels)",
        ),
        (
            &o.marked,
            "candidat × épreuve exporté(s) comme NON VALIDÉ(S)",
        ),
        (
            &o.unreadable,
            "journal(journaux) illisible(s), sans personne candidate identifiable",
        ),
    ];
    for l in &o.torn {
        s.push_str(&format!("{l}\n"));
    }
    for (items, what) in lists.into_iter().filter(|(items, _)| !items.is_empty()) {
        s.push_str(&format!("{} {what} :\n", items.len()));
        for l in items {
            s.push_str(&format!("  {l}\n"));
        }
    }
    if o.training > 0 {
        s.push_str(&format!(
            "{} candidat × épreuve en mode entraînement ignoré(s) (jamais exportés).\n",
            o.training
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        for c in ["+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(neutralise(c), format!("'{c}"));
        }
        assert_eq!(neutralise("Élodie"), "Élodie");
        assert_eq!(neutralise("12,5"), "12,5");
        assert_eq!(neutralise("a=b"), "a=b");
    }

    #[test]
    fn stderr_report_lists_each_kind_of_gap() {
        assert_eq!(stderr_report(&Outcome::default()), "");
        let o = Outcome {
            rows: 4,
            left_out: vec!["E2 A (n° 1) : grille non validée".into()],
            marked: vec![
                "E3 B (n° 2) : épreuve en cours".into(),
                "E3 C (n° 3) : x".into(),
            ],
            unreadable: vec!["s/x.jsonl".into()],
            training: 2,
            ..Outcome::default()
        };
        assert_eq!(
            stderr_report(&o),
            "1 candidat × épreuve non exporté(s) (relancer avec --inclure-non-valides pour les \
             exporter marqués comme tels) :\n  E2 A (n° 1) : grille non validée\n\
             2 candidat × épreuve exporté(s) comme NON VALIDÉ(S) :\n  E3 B (n° 2) : épreuve en \
             cours\n  E3 C (n° 3) : x\n\
             1 journal(journaux) illisible(s), sans personne candidate identifiable :\n  \
             s/x.jsonl\n\
             2 candidat × épreuve en mode entraînement ignoré(s) (jamais exportés).\n"
        );
    }

    #[test]
    fn french_encoding_has_bom_semicolons_and_crlf() {
        let rows = vec![vec!["a".to_string(), "b;c".to_string()]];
        let bytes = encode(&rows, Format::Francais).unwrap();
        assert_eq!(bytes, "\u{feff}a;\"b;c\"\r\n".as_bytes());
        let bytes = encode(&rows, Format::Standard).unwrap();
        assert_eq!(bytes, b"a,b;c\r\n");
    }
}
