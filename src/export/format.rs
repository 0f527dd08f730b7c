//! The output format of `sno-jury export`: a workbook or one of two CSV dialects, asked for
//! with `--format` or named by the file's extension, and how each words a note or a date.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::grading::Points;

/// What is written: a workbook or one of the two CSV dialects.
///
/// - `francais`: what a French spreadsheet opens without an import dialog: `;` separator,
///   decimal comma, dates `jj/mm/aaaa`, UTF-8 with a BOM (so accents survive), CRLF;
/// - `standard`: `,` separator, decimal point, ISO dates, UTF-8 without BOM, CRLF (RFC 4180);
/// - `xlsx`: a workbook; its text cells (the « Date(s) » list) are worded as in `francais`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    #[default]
    Francais,
    Standard,
    Xlsx,
}

/// `--format` contradicts the file's extension (a CSV named `.xlsx` or the reverse).
#[derive(Debug, thiserror::Error)]
#[error(
    "{file} : l’extension ne correspond pas au format « {format} ». Utilisez --format xlsx pour \
     un fichier .xlsx, --format francais ou standard pour un fichier .csv (ou retirez --format)."
)]
pub struct FormatMismatch {
    pub file: PathBuf,
    pub format: &'static str,
}

impl Format {
    /// The format asked for, else the one the extension names (`.xlsx`: a workbook, anything
    /// else: the French CSV). An explicit format that contradicts a `.xlsx` or `.csv` extension
    /// is refused rather than writing a file that no spreadsheet would open by double-click.
    pub fn for_output(explicit: Option<Format>, out: &Path) -> Result<Format, FormatMismatch> {
        let ext = out.extension().map(|e| e.to_string_lossy().to_lowercase());
        let by_ext = match ext.as_deref() {
            Some("xlsx") => Some(Format::Xlsx),
            Some("csv") => Some(Format::Francais),
            _ => None,
        };
        match (explicit, by_ext) {
            (None, found) => Ok(found.unwrap_or_default()),
            (Some(f), None) => Ok(f),
            (Some(f), Some(e)) if (f == Format::Xlsx) == (e == Format::Xlsx) => Ok(f),
            (Some(f), Some(_)) => Err(FormatMismatch {
                file: out.to_path_buf(),
                format: f.name(),
            }),
        }
    }

    /// The value of `--format`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Francais => "francais",
            Format::Standard => "standard",
            Format::Xlsx => "xlsx",
        }
    }

    /// A note as text: `12,5` (French and workbook), `12.5` (standard).
    pub fn number(self, p: Points) -> String {
        match self {
            Format::Francais | Format::Xlsx => p.fr(),
            Format::Standard => p.to_string(),
        }
    }

    /// A date as text: `02/06/2025`, or `2025-06-02` in the standard format.
    pub fn date(self, d: NaiveDate) -> String {
        match self {
            Format::Francais | Format::Xlsx => d.format("%d/%m/%Y").to_string(),
            Format::Standard => d.format("%Y-%m-%d").to_string(),
        }
    }
}
