//! Reading a table a spreadsheet saved as CSV, as the jury or the centre's office writes it:
//! semicolon-separated (French Excel/LibreOffice) or comma-separated, detected from the header
//! row; UTF-8 with or without a BOM; columns found by their header name (accents, case and
//! punctuation ignored, see [`normalize`]); line ends CRLF, LF or CR. A bad line never stops
//! the import: it is reported with its line number as an editor shows it, and skipped. The
//! candidates list and the plan of the day (convocations) both read through here.

use std::fmt;
use std::path::{Path, PathBuf};

/// A line that was not imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejet {
    /// 1-based line number in the file.
    pub ligne: u64,
    pub message: String,
}

impl fmt::Display for Rejet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ligne {} : {}", self.ligne, self.message)
    }
}

/// Why a table file cannot be read at all (a bad line is a [`Rejet`], not this).
#[derive(Debug, thiserror::Error)]
pub enum FichierError {
    #[error("{file} : {}", crate::oserr::describe(source, crate::oserr::Op::Read))]
    Io {
        file: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{file} : {message}")]
    Format { file: PathBuf, message: String },
}

/// Reads the file at `path` and parses it with `parse` (which says in French why the header is
/// unusable), naming the file in either error.
pub fn charger<T>(
    path: &Path,
    parse: impl FnOnce(&[u8]) -> Result<T, String>,
) -> Result<T, FichierError> {
    let bytes = std::fs::read(path).map_err(|source| FichierError::Io {
        file: path.to_path_buf(),
        source,
    })?;
    parse(&bytes).map_err(|message| FichierError::Format {
        file: path.to_path_buf(),
        message,
    })
}

/// One data row: its line number and its fields.
pub struct Ligne {
    pub ligne: u64,
    pub champs: csv::ByteRecord,
}

impl Ligne {
    /// The trimmed text of column `col` (empty when the row is short or the column absent);
    /// `Err` names `label` when the bytes are not UTF-8.
    pub fn champ(&self, col: Option<usize>, label: &str) -> Result<String, String> {
        let Some(bytes) = col.and_then(|i| self.champs.get(i)) else {
            return Ok(String::new());
        };
        std::str::from_utf8(bytes)
            .map(|s| s.trim().to_string())
            .map_err(|_| format!("{label} n’est pas en UTF-8 (enregistrez le fichier en UTF-8)"))
    }
}

/// The header (normalized names) and every non-blank data row, or the rows' read errors.
pub struct Table {
    pub entetes: Vec<String>,
    pub lignes: Vec<Ligne>,
    pub rejets: Vec<Rejet>,
}

impl Table {
    /// The first column whose normalized header name satisfies `is`.
    pub fn colonne(&self, is: impl Fn(&str) -> bool) -> Option<usize> {
        self.entetes.iter().position(|h| is(h))
    }
}

/// Reads `bytes`; `Err` (in French) only when there is no usable header.
pub fn lire(bytes: &[u8]) -> Result<Table, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let header_line = bytes
        .split(|&b| b == b'\n' || b == b'\r')
        .next()
        .unwrap_or_default();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(detect_delimiter(header_line))
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut records = reader.byte_records();
    let header = match records.next() {
        None => return Err("fichier vide : une ligne d’en-tête est attendue".into()),
        Some(Ok(h)) => h,
        Some(Err(e)) => return Err(format!("en-tête illisible : {e}")),
    };
    let entetes = header
        .iter()
        .map(|f| normalize(&String::from_utf8_lossy(f)))
        .collect();
    let mut table = Table {
        entetes,
        lignes: Vec::new(),
        rejets: Vec::new(),
    };
    let mut lines = LineCounter::new(bytes);
    let mut last_error_at = None;
    for rec in records {
        let champs = match rec {
            Ok(rec) => rec,
            Err(e) => {
                let ligne = e.position().map_or(0, |p| lines.line_at(p.byte()));
                // The csv reader moves on after an error; stop if it ever stalls on one spot.
                if last_error_at == Some(ligne) {
                    break;
                }
                last_error_at = Some(ligne);
                table.rejets.push(Rejet {
                    ligne,
                    message: format!("illisible ({e})"),
                });
                continue;
            }
        };
        let ligne = champs.position().map_or(0, |p| lines.line_at(p.byte()));
        if champs.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
            continue;
        }
        table.lignes.push(Ligne { ligne, champs });
    }
    Ok(table)
}

/// Line numbers as a text editor shows them, from byte offsets: the csv reader's own count is
/// one too low after CRLF line ends. A line ends with `\r\n`, `\n` or a lone `\r` (as the
/// reader's terminators do). Offsets are asked in increasing order (records come in file
/// order), so the count goes on from the last one: linear in the file's size.
struct LineCounter<'b> {
    bytes: &'b [u8],
    at: usize,
    line: u64,
}

impl<'b> LineCounter<'b> {
    fn new(bytes: &'b [u8]) -> Self {
        LineCounter {
            bytes,
            at: 0,
            line: 1,
        }
    }

    /// The 1-based line of the record the reader says starts at byte `byte`. After a CRLF the
    /// reader's offset points at the `\n` (it ended the line at the `\r`): line ends there are
    /// skipped, a record never starts with one.
    fn line_at(&mut self, byte: u64) -> u64 {
        let mut to = usize::try_from(byte)
            .unwrap_or(usize::MAX)
            .min(self.bytes.len());
        while matches!(self.bytes.get(to), Some(b'\r' | b'\n')) {
            to += 1;
        }
        if to < self.at {
            // Not expected from the reader; start over rather than count wrong.
            (self.at, self.line) = (0, 1);
        }
        for i in self.at..to {
            let lone_cr = self.bytes[i] == b'\r' && self.bytes.get(i + 1) != Some(&b'\n');
            if self.bytes[i] == b'\n' || lone_cr {
                self.line += 1;
            }
        }
        self.at = to;
        self.line
    }
}

/// `;` when the header has at least as many semicolons as commas (the French spreadsheet
/// default), else `,`.
fn detect_delimiter(header: &[u8]) -> u8 {
    let count = |d: u8| header.iter().filter(|&&b| b == d).count();
    let (semi, comma) = (count(b';'), count(b','));
    if semi > 0 && semi >= comma {
        b';'
    } else {
        b','
    }
}

/// Lower case, without accents, letters and digits only: how headers and searches compare.
pub fn normalize(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'â' | 'ä' | 'á' | 'ã' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' | 'í' | 'ì' => 'i',
            'ô' | 'ö' | 'ó' | 'ò' | 'õ' => 'o',
            'ù' | 'û' | 'ü' | 'ú' => 'u',
            'ç' => 'c',
            'ÿ' => 'y',
            'ñ' => 'n',
            'œ' => 'o',
            'æ' => 'a',
            c => c,
        })
        .filter(|c| c.is_alphanumeric())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_numbers_are_the_same_with_crlf_lf_or_cr_line_ends() {
        for end in ["\n", "\r\n", "\r"] {
            let text = ["a;b", "1;x", "", "2;\"y", "y\"", "3;z", ""].join(end);
            let t = lire(text.as_bytes()).unwrap();
            let lines: Vec<u64> = t.lignes.iter().map(|l| l.ligne).collect();
            // The blank line 3 is skipped; the quoted field of line 4 goes on to line 5.
            assert_eq!(lines, [2, 4, 6], "line ends {end:?}");
        }
        let t = lire(b"\xEF\xBB\xBFa;b\r\n1;2\r\n").unwrap();
        assert_eq!(
            (t.entetes.clone(), t.lignes[0].ligne),
            (vec!["a".into(), "b".into()], 2)
        );
    }

    #[test]
    fn headers_compare_without_accents_case_or_punctuation() {
        let t = lire("N° d'inscription,Épreuve,Heure\n1,E1,8:00\n".as_bytes()).unwrap();
        assert_eq!(t.entetes, ["ndinscription", "epreuve", "heure"]);
        assert_eq!(t.colonne(|h| h.starts_with("epreuve")), Some(1));
        assert_eq!(
            lire(b"").err().unwrap(),
            "fichier vide : une ligne d’en-tête est attendue"
        );
    }
}
