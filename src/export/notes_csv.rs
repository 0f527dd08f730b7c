//! The notes as CSV, in the `francais` or `standard` dialect (see [`Format`]).
//!
//! Every field is quoted, numbers included. A double-click in LibreOffice Calc (7.4, French)
//! opens a CSV with tab, comma *and* semicolon ticked as separators: an unquoted « 12,5 » or
//! « Lycée X, Bordeaux » would then be cut in two and shift the columns. Quoted, the columns
//! stay, Calc still reads « 12,5 » as a number (its « quoted field as text » option is off by
//! default), and Excel's `;` import is unchanged. The numéro's leading zeros do not survive
//! either spreadsheet's guess of a number: only the workbook keeps them.

use rayon::prelude::*;

use super::format::Format;
use super::formula::neutralise;
use super::notes::{Cell, NoteRow, competence_columns, header};
use crate::referentiel::Referentiel;

/// A cell as CSV text, before the formula guard.
pub fn text(cell: &Cell<'_>, format: Format) -> String {
    match cell {
        Cell::Text(s) => s.to_string(),
        Cell::Number(p) => p.map_or(String::new(), |p| format.number(p)),
        Cell::Date(d) => d.map_or(String::new(), |d| format.date(d)),
        Cell::Dates(ds) => ds
            .iter()
            .map(|&d| format.date(d))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// The CSV's records as text, header first, before the formula guard and encoding.
pub fn records(r: &Referentiel, rows: &[NoteRow], format: Format) -> Vec<Vec<String>> {
    let columns = competence_columns(r);
    let mut out = vec![header(r)];
    out.extend(
        rows.iter()
            .map(|row| row.cells(columns).iter().map(|c| text(c, format)).collect()),
    );
    out
}

/// Encodes `records` in the dialect: every field quoted and guarded, BOM for `francais`, CRLF.
pub fn encode_records(records: &[Vec<String>], format: Format) -> std::io::Result<Vec<u8>> {
    encode_each(records, format)
}

/// [`encode_records`] over records made one at a time.
fn encode_each<R: AsRef<[String]>>(
    records: impl IntoIterator<Item = R>,
    format: Format,
) -> std::io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    if matches!(format, Format::Francais | Format::Xlsx) {
        buf.extend_from_slice("\u{feff}".as_bytes());
    }
    write_records(buf, records, format)
}

/// Appends `records` to `buf`: every field quoted and guarded, the dialect's delimiter, CRLF.
fn write_records<R: AsRef<[String]>>(
    buf: Vec<u8>,
    records: impl IntoIterator<Item = R>,
    format: Format,
) -> std::io::Result<Vec<u8>> {
    let delimiter = match format {
        Format::Francais | Format::Xlsx => b';',
        Format::Standard => b',',
    };
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .quote_style(csv::QuoteStyle::Always)
        .terminator(csv::Terminator::CRLF)
        .from_writer(buf);
    for record in records {
        w.write_record(record.as_ref().iter().map(|c| neutralise(c)))?;
    }
    w.into_inner().map_err(|e| e.into_error())
}

/// The whole CSV of `rows`: the same bytes as [`encode_records`] of [`records`].
pub fn encode(r: &Referentiel, rows: &[NoteRow], format: Format) -> std::io::Result<Vec<u8>> {
    encode_each_row(r, rows, format, NoteRow::clone)
}

/// Rows per piece of the CSV made on one core by [`encode_each_row`].
const CHUNK: usize = 256;

/// [`encode`] of rows each made from an item by `make` as it is written, rather than all
/// held at once (10,000 rows are 170,000 cells). Pieces of [`CHUNK`] rows are made and
/// encoded across cores, then joined in order: a record's bytes never depend on the records
/// before it, so the file is the same as written in one go.
pub fn encode_each_row<T: Sync>(
    r: &Referentiel,
    items: &[T],
    format: Format,
    make: impl Fn(&T) -> NoteRow + Sync,
) -> std::io::Result<Vec<u8>> {
    let columns = competence_columns(r);
    let pieces: Vec<std::io::Result<Vec<u8>>> = items
        .par_chunks(CHUNK)
        .map(|chunk| {
            let body = chunk.iter().map(|item| -> Vec<String> {
                make(item)
                    .cells(columns)
                    .iter()
                    .map(|c| text(c, format))
                    .collect()
            });
            write_records(Vec::new(), body, format)
        })
        .collect();
    let mut buf = encode_each(std::iter::once(header(r)), format)?;
    for piece in pieces {
        buf.extend_from_slice(&piece?);
    }
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grading::Points;
    use chrono::NaiveDate;

    #[test]
    fn every_field_is_quoted_in_both_dialects() {
        let records = vec![vec!["a".to_string(), "b;c".to_string(), "12,5".to_string()]];
        let bytes = encode_records(&records, Format::Francais).unwrap();
        assert_eq!(bytes, "\u{feff}\"a\";\"b;c\";\"12,5\"\r\n".as_bytes());
        let bytes = encode_records(&records, Format::Standard).unwrap();
        assert_eq!(bytes, b"\"a\",\"b;c\",\"12,5\"\r\n");
    }

    #[test]
    fn quotes_inside_a_field_are_doubled_and_formulas_guarded() {
        let records = vec![vec!["=\"x\"".to_string(), " \t=1+1".to_string()]];
        let bytes = encode_records(&records, Format::Standard).unwrap();
        assert_eq!(bytes, b"\"'=\"\"x\"\"\",\"' \t=1+1\"\r\n");
    }

    #[test]
    fn cells_are_worded_per_dialect() {
        let d = |m, j| NaiveDate::from_ymd_opt(2025, m, j).unwrap();
        let days = [d(6, 2), d(6, 5)];
        let half = Cell::Number(Some(Points::from_halves(101)));
        assert_eq!(text(&half, Format::Francais), "50,5");
        assert_eq!(text(&half, Format::Standard), "50.5");
        assert_eq!(text(&Cell::Number(None), Format::Francais), "");
        assert_eq!(
            text(&Cell::Dates(&days), Format::Francais),
            "02/06/2025, 05/06/2025"
        );
        assert_eq!(
            text(&Cell::Dates(&days), Format::Standard),
            "2025-06-02, 2025-06-05"
        );
        assert_eq!(text(&Cell::Date(Some(d(6, 2))), Format::Xlsx), "02/06/2025");
        assert_eq!(text(&Cell::Date(None), Format::Standard), "");
    }
}
