//! The list of candidates imported with `--candidats FILE.csv`, so the jury picks a candidate
//! instead of typing their numéro d'inscription at the table.
//!
//! The file comes from a spreadsheet: semicolon-separated (French Excel/LibreOffice) or
//! comma-separated, detected from the header row; UTF-8 with or without a BOM. Columns are found
//! by their header name (accents, case and punctuation ignored), so their order does not matter:
//! the numéro d'inscription and the nom are required, prénom and établissement optional. A bad
//! line never stops the import: it is reported with its line number and skipped.

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::session::Candidat;

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

/// The candidates read from a file, and the lines that were skipped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Import {
    pub candidats: Vec<Candidat>,
    pub rejets: Vec<Rejet>,
}

/// Why a file cannot be imported at all.
#[derive(Debug, thiserror::Error)]
pub enum CandidatsError {
    #[error("{file} : {}", crate::oserr::describe(source, crate::oserr::Op::Read))]
    Io {
        file: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{file} : {message}")]
    Format { file: PathBuf, message: String },
}

/// Reads and parses a candidates file.
pub fn load(path: &Path) -> Result<Import, CandidatsError> {
    let bytes = std::fs::read(path).map_err(|source| CandidatsError::Io {
        file: path.to_path_buf(),
        source,
    })?;
    parse(&bytes).map_err(|message| CandidatsError::Format {
        file: path.to_path_buf(),
        message,
    })
}

/// Which column holds which field.
#[derive(Debug, Default)]
struct Columns {
    numero: Option<usize>,
    nom: Option<usize>,
    prenom: Option<usize>,
    etablissement: Option<usize>,
}

/// Parses the bytes of a candidates file; `Err` (in French) only when the header is unusable.
pub fn parse(bytes: &[u8]) -> Result<Import, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let header_line = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
    let delimiter = detect_delimiter(header_line);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut records = reader.byte_records();
    let header = match records.next() {
        None => return Err("fichier vide : une ligne d’en-tête est attendue".into()),
        Some(Ok(h)) => h,
        Some(Err(e)) => return Err(format!("en-tête illisible : {e}")),
    };
    let cols = columns(&header)?;
    let mut out = Import::default();
    let mut seen = HashSet::new();
    let mut last_error_at = None;
    let mut lines = LineCounter::new(bytes);
    for rec in records {
        let rec = match rec {
            Ok(rec) => rec,
            Err(e) => {
                let ligne = e.position().map_or(0, |p| lines.line_at(p.byte()));
                // The csv reader moves on after an error; stop if it ever stalls on one spot.
                if last_error_at == Some(ligne) {
                    break;
                }
                last_error_at = Some(ligne);
                out.rejets.push(Rejet {
                    ligne,
                    message: format!("illisible ({e})"),
                });
                continue;
            }
        };
        let ligne = rec.position().map_or(0, |p| lines.line_at(p.byte()));
        if rec.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
            continue;
        }
        match candidat(&rec, &cols) {
            Ok(c) if !seen.insert(c.numero.clone()) => out.rejets.push(Rejet {
                ligne,
                message: format!("numéro d’inscription en double : {}", c.numero),
            }),
            Ok(c) => out.candidats.push(c),
            Err(message) => out.rejets.push(Rejet { ligne, message }),
        }
    }
    Ok(out)
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

fn columns(header: &csv::ByteRecord) -> Result<Columns, String> {
    let mut cols = Columns::default();
    for (i, field) in header.iter().enumerate() {
        let name = normalize(&String::from_utf8_lossy(field));
        let slot = if name.starts_with("prenom") {
            &mut cols.prenom
        } else if name.starts_with("nom") {
            &mut cols.nom
        } else if name.starts_with("num")
            || name == "n"
            || name == "no"
            || name.contains("inscription")
        {
            &mut cols.numero
        } else if name.starts_with("etab") {
            &mut cols.etablissement
        } else {
            continue;
        };
        slot.get_or_insert(i);
    }
    let mut missing = Vec::new();
    if cols.numero.is_none() {
        missing.push("« numéro »");
    }
    if cols.nom.is_none() {
        missing.push("« nom »");
    }
    if missing.is_empty() {
        Ok(cols)
    } else {
        Err(format!(
            "ligne 1 : colonne {} introuvable dans l’en-tête (attendu : numéro ; nom ; prénom ; \
             établissement, séparés par des points-virgules ou des virgules)",
            missing.join(" et ")
        ))
    }
}

fn candidat(rec: &csv::ByteRecord, cols: &Columns) -> Result<Candidat, String> {
    let field = |col: Option<usize>, label: &str| -> Result<String, String> {
        let Some(bytes) = col.and_then(|i| rec.get(i)) else {
            return Ok(String::new());
        };
        std::str::from_utf8(bytes)
            .map(|s| s.trim().to_string())
            .map_err(|_| format!("{label} n’est pas en UTF-8 (enregistrez le fichier en UTF-8)"))
    };
    let c = Candidat {
        numero: field(cols.numero, "le numéro")?,
        nom: field(cols.nom, "le nom")?,
        prenom: field(cols.prenom, "le prénom")?,
        etablissement: field(cols.etablissement, "l’établissement")?,
    };
    if c.numero.is_empty() {
        return Err("numéro d’inscription vide".into());
    }
    if c.nom.is_empty() {
        return Err("nom vide".into());
    }
    Ok(c)
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

/// Indices of the candidates whose numéro, nom, prénom or établissement contains every word of
/// `query` (accents and case ignored); all of them for an empty query.
pub fn search(list: &[Candidat], query: &str) -> Vec<usize> {
    let words: Vec<String> = query
        .split_whitespace()
        .map(normalize)
        .filter(|w| !w.is_empty())
        .collect();
    list.iter()
        .enumerate()
        .filter(|(_, c)| {
            let hay = normalize(&format!(
                "{} {} {} {}",
                c.numero, c.nom, c.prenom, c.etablissement
            ));
            words.iter().all(|w| hay.contains(w.as_str()))
        })
        .map(|(i, _)| i)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn semicolons_with_bom_and_accented_header() {
        let csv = "\u{feff}N° d'inscription;Nom;Prénom;Établissement\n\
                   0123;Durand;Éloïse;Lycée Hugo\n\
                   0456;Martin;Paul;Lycée Sand\n";
        let out = parse(csv.as_bytes()).unwrap();
        assert_eq!(out.rejets, vec![]);
        assert_eq!(out.candidats.len(), 2);
        assert_eq!(out.candidats[0].numero, "0123");
        assert_eq!(out.candidats[0].prenom, "Éloïse");
        assert_eq!(out.candidats[1].etablissement, "Lycée Sand");
    }

    #[test]
    fn commas_any_column_order_and_quotes() {
        let csv = "nom,numero,etablissement,prenom\n\"Dupont, dit Max\",42,\"Lycée A\",Jean\n";
        let out = parse(csv.as_bytes()).unwrap();
        assert_eq!(out.rejets, vec![]);
        let c = &out.candidats[0];
        assert_eq!(
            (c.nom.as_str(), c.numero.as_str(), c.prenom.as_str()),
            ("Dupont, dit Max", "42", "Jean")
        );
        assert_eq!(c.etablissement, "Lycée A");
    }

    #[test]
    fn bad_lines_are_reported_with_their_number() {
        let mut bytes = b"numero;nom;prenom\n1;A;a\n;B;b\n3;;c\n1;D;d\n\n5;E;".to_vec();
        bytes.extend_from_slice(b"\n6;F\xff;f\n7;G;g\n");
        let out = parse(&bytes).unwrap();
        let numeros: Vec<&str> = out.candidats.iter().map(|c| c.numero.as_str()).collect();
        assert_eq!(numeros, ["1", "5", "7"]);
        let lines: Vec<u64> = out.rejets.iter().map(|r| r.ligne).collect();
        assert_eq!(lines, [3, 4, 5, 8]);
        assert_eq!(
            out.rejets[0].to_string(),
            "ligne 3 : numéro d’inscription vide"
        );
        assert!(out.rejets[2].message.contains("double"));
        assert!(out.rejets[3].message.contains("UTF-8"));
    }

    #[test]
    fn line_numbers_are_the_same_with_crlf_lf_or_cr_line_ends() {
        for end in ["\n", "\r\n", "\r"] {
            let text = ["numero;nom", "1;A", ";B", "3;\"C", "c\"", ";D", "1;E", ""].join(end);
            let out = parse(text.as_bytes()).unwrap();
            let lines: Vec<u64> = out.rejets.iter().map(|r| r.ligne).collect();
            // The quoted field of line 4 goes on to line 5.
            assert_eq!(lines, [3, 6, 7], "line ends {end:?}");
        }
        // After a BOM too.
        let out = parse(b"\xEF\xBB\xBFnumero;nom\r\n;A\r\n").unwrap();
        assert_eq!(out.rejets[0].ligne, 2);
    }

    #[test]
    fn header_without_required_columns_is_refused() {
        let err = parse(b"prenom;ville\nA;B\n").unwrap_err();
        assert!(err.contains("« numéro » et « nom »"), "{err}");
        assert!(parse(b"").unwrap_err().contains("vide"));
    }

    #[test]
    fn search_ignores_accents_and_case() {
        let out = parse("numero;nom;prenom\n1;Durand;Éloïse\n2;Martin;Paul\n".as_bytes()).unwrap();
        assert_eq!(search(&out.candidats, "eloi"), [0]);
        assert_eq!(search(&out.candidats, "MAR p"), [1]);
        assert_eq!(search(&out.candidats, ""), [0, 1]);
        assert!(search(&out.candidats, "zz").is_empty());
    }

    proptest! {
        #[test]
        fn never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let _ = parse(&bytes);
        }

        #[test]
        fn never_panics_on_csv_like_text(s in "[0-9a-zé;,\"\n\r ]{0,200}") {
            let _ = parse(format!("numero;nom\n{s}").as_bytes());
        }
    }
}
