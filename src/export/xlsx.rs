//! The notes as a workbook (.xlsx), what a coordinator should send to the rectorat.
//!
//! Sheet « Notes »: the same columns as the CSV ([`header`]), with a bold frozen header, an
//! autofilter and fitted widths. The numéro is a text cell (its leading zeros stay), notes are
//! numbers shown with one decimal (`0.0`: the decimal comma in a French Excel or Calc), the
//! « Date » column is a date cell (`jj/mm/aaaa`) and « Date(s) » the text list of every séance's
//! day. Sheet « Non exportés »: every candidate × épreuve left out and why, training included,
//! then the logs naming no candidate. Sheet « Harmonisation »: per épreuve, every commission's
//! statistics beside the épreuve's (see [`crate::review::harmonisation`]), for the commission
//! d'harmonisation.
//!
//! No cell is ever a formula: text goes through `write_string` only, and text that a
//! spreadsheet would take for a formula ([`formula::risky`]) also gets the quote prefix so
//! editing it keeps it text.

use chrono::{DateTime, Utc};
use rust_xlsxwriter::{
    DocProperties, Format as Style, FormatAlign, Workbook, Worksheet, XlsxError,
};

use super::format::Format;
use super::formula;
use super::notes::{Cell, NoteRow, Outcome, competence_columns, header};
use crate::referentiel::Referentiel;
use crate::review::harmonisation::{self, BARRES, Stats};

/// Sheet names, as the coordinator reads them in the tabs.
pub const SHEET_NOTES: &str = "Notes";
pub const SHEET_LEFT_OUT: &str = "Non exportés";
pub const SHEET_HARMONISATION: &str = "Harmonisation";

/// Columns of « Non exportés ».
pub const LEFT_OUT_HEADER: [&str; 6] = [
    "Numéro d'inscription",
    "Nom",
    "Prénom",
    "Épreuve",
    "Forme",
    "Motif",
];

/// Widest a fitted column gets, in pixels: the commission and the motif can be long, and a
/// screen-wide column would hide the others.
const MAX_WIDTH_PX: u32 = 480;

/// Width of the « Date » column, in characters.
const DATE_WIDTH: f64 = 11.5;

struct Styles {
    header: Style,
    guarded: Style,
    number: Style,
    date: Style,
}

impl Styles {
    fn new() -> Self {
        Styles {
            header: Style::new().set_bold().set_align(FormatAlign::Center),
            guarded: Style::new().set_quote_prefix(),
            number: Style::new().set_num_format("0.0"),
            date: Style::new().set_num_format("dd/mm/yyyy"),
        }
    }
}

/// The whole workbook of `rows` and `outcome`, dated `now` in its document properties (the
/// library would otherwise read the clock).
pub fn workbook(
    r: &Referentiel,
    rows: &[NoteRow],
    outcome: &Outcome,
    harmonisation: &[harmonisation::Epreuve],
    now: DateTime<Utc>,
) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new()
            .set_title("Notes proposées — MC Services numériques aux organisations")
            .set_creation_datetime(&now),
    );
    let st = Styles::new();
    notes_sheet(wb.add_worksheet(), r, rows, &st)?;
    left_out_sheet(wb.add_worksheet(), outcome, &st)?;
    harmonisation_sheet(wb.add_worksheet(), harmonisation, &st)?;
    wb.save_to_buffer()
}

fn text(ws: &mut Worksheet, row: u32, col: u16, s: &str, st: &Styles) -> Result<(), XlsxError> {
    // An empty string is no cell at all: a blank note stays blank, not "".
    if s.is_empty() {
        return Ok(());
    }
    if formula::risky(s) {
        ws.write_string_with_format(row, col, s, &st.guarded)?;
    } else {
        ws.write_string(row, col, s)?;
    }
    Ok(())
}

/// Bold header on row 0, frozen, with an autofilter over `rows` data rows; printed landscape,
/// one page wide.
fn header_row(
    ws: &mut Worksheet,
    titles: &[String],
    rows: usize,
    st: &Styles,
) -> Result<(), XlsxError> {
    for (col, t) in (0u16..).zip(titles) {
        ws.write_string_with_format(0, col, t, &st.header)?;
    }
    ws.set_freeze_panes(1, 0)?;
    let last_row = u32::try_from(rows).unwrap_or(u32::MAX);
    let last_col = u16::try_from(titles.len().saturating_sub(1)).unwrap_or(u16::MAX);
    ws.autofilter(0, 0, last_row, last_col)?;
    // Printed, the sheet fits the width of landscape pages, header repeated on each.
    ws.set_landscape().set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(0, 0)?;
    Ok(())
}

/// Row index of the `i`-th data row (under the header); too many rows is the library's
/// row-limit error, not a wrap.
fn data_row(i: usize) -> Result<u32, XlsxError> {
    u32::try_from(i + 1).map_err(|_| XlsxError::RowColumnLimitError)
}

fn notes_sheet(
    ws: &mut Worksheet,
    r: &Referentiel,
    rows: &[NoteRow],
    st: &Styles,
) -> Result<(), XlsxError> {
    ws.set_name(SHEET_NOTES)?;
    let titles = header(r);
    header_row(ws, &titles, rows.len(), st)?;
    let columns = competence_columns(r);
    for (i, row) in rows.iter().enumerate() {
        let y = data_row(i)?;
        for (x, cell) in (0u16..).zip(row.cells(columns)) {
            match cell {
                Cell::Text(s) => text(ws, y, x, s, st)?,
                Cell::Number(Some(p)) => {
                    ws.write_number_with_format(y, x, f64::from(p.halves()) / 2.0, &st.number)?;
                }
                Cell::Date(Some(d)) => {
                    ws.write_date_with_format(y, x, d, &st.date)?;
                }
                Cell::Dates(ds) => {
                    let list: Vec<String> = ds.iter().map(|&d| Format::Xlsx.date(d)).collect();
                    text(ws, y, x, &list.join(", "), st)?;
                }
                Cell::Number(None) | Cell::Date(None) => {}
            }
        }
    }
    ws.set_autofit_max_width(MAX_WIDTH_PX).autofit();
    // Autofit measures a date by its serial number and leaves `jj/mm/aaaa` touching the next
    // column: give it room for ten digits and slashes.
    if let Some(x) = titles.iter().position(|t| t == "Date") {
        ws.set_column_width(u16::try_from(x).unwrap_or(u16::MAX), DATE_WIDTH)?;
    }
    Ok(())
}

fn left_out_sheet(ws: &mut Worksheet, o: &Outcome, st: &Styles) -> Result<(), XlsxError> {
    ws.set_name(SHEET_LEFT_OUT)?;
    let titles = LEFT_OUT_HEADER.map(String::from);
    let rows = o.left_out.len() + o.unreadable.len() + o.non_examines.len();
    header_row(ws, &titles, rows, st)?;
    for (i, l) in o.left_out.iter().enumerate() {
        let y = data_row(i)?;
        let cells = [
            l.numero.as_str(),
            &l.nom,
            &l.prenom,
            &l.epreuve,
            l.forme.label(),
            &l.reason.text(),
        ];
        for (x, s) in (0u16..).zip(cells) {
            text(ws, y, x, s, st)?;
        }
    }
    for (i, path) in o.unreadable.iter().enumerate() {
        let y = data_row(o.left_out.len() + i)?;
        let motif = format!("journal illisible, sans personne candidate identifiable : {path}");
        text(ws, y, 5, &motif, st)?;
    }
    let before = o.left_out.len() + o.unreadable.len();
    for (i, line) in o.non_examines.iter().enumerate() {
        text(ws, data_row(before + i)?, 5, line, st)?;
    }
    ws.set_autofit_max_width(MAX_WIDTH_PX).autofit();
    Ok(())
}

/// One row per épreuve (« ensemble ») and per commission: effectif, mean, median, σ, range,
/// the two-point histogram, the TI / I / S / TS shares of each competence, and why a commission
/// is to be examined.
fn harmonisation_sheet(
    ws: &mut Worksheet,
    view: &[harmonisation::Epreuve],
    st: &Styles,
) -> Result<(), XlsxError> {
    ws.set_name(SHEET_HARMONISATION)?;
    let profils = view
        .iter()
        .flat_map(|e| &e.commissions)
        .map(|c| c.profils.len())
        .max()
        .unwrap_or(0);
    let mut titles: Vec<String> = [
        "Épreuve",
        "Commission",
        "Effectif",
        "Moyenne /20",
        "Médiane",
        "Écart type",
        "Min",
        "Max",
    ]
    .map(String::from)
    .to_vec();
    titles.extend((0..BARRES).map(|i| format!("{}–{}", 2 * i, 2 * i + 2)));
    titles.extend((1..=profils).map(|k| format!("Compétence {k} : TI / I / S / TS %")));
    titles.push("À examiner".into());
    let rows: usize = view.iter().map(|e| 1 + e.commissions.len()).sum();
    header_row(ws, &titles, rows, st)?;
    let stats = |ws: &mut Worksheet, y: u32, s: &Stats| -> Result<(), XlsxError> {
        ws.write_number(y, 2, s.n as f64)?;
        for (x, v) in [(3, s.moyenne), (4, s.mediane), (5, s.ecart_type)] {
            ws.write_number_with_format(y, x, (v * 100.0).round() / 100.0, &st.number)?;
        }
        for (x, p) in [(6, s.min), (7, s.max)] {
            ws.write_number_with_format(y, x, f64::from(p.halves()) / 2.0, &st.number)?;
        }
        for (i, n) in (8u16..).zip(s.histogramme) {
            ws.write_number(y, i, f64::from(n))?;
        }
        Ok(())
    };
    let mut i = 0;
    for e in view {
        let y = data_row(i)?;
        text(ws, y, 0, &e.epreuve, st)?;
        text(ws, y, 1, "ensemble des commissions", st)?;
        stats(ws, y, &e.ensemble)?;
        i += 1;
        for c in &e.commissions {
            let y = data_row(i)?;
            text(ws, y, 0, &e.epreuve, st)?;
            text(ws, y, 1, &crate::clean::strip(&c.membres.join(", ")), st)?;
            stats(ws, y, &c.stats)?;
            let first = 8 + BARRES as u16;
            for (x, p) in (first..).zip(&c.profils) {
                let [ti, ni, s, ts] = p.parts();
                text(ws, y, x, &format!("{ti} / {ni} / {s} / {ts}"), st)?;
            }
            let last = first + u16::try_from(profils).unwrap_or(0);
            text(ws, y, last, c.a_examiner.as_deref().unwrap_or(""), st)?;
            i += 1;
        }
    }
    ws.set_autofit_max_width(MAX_WIDTH_PX).autofit();
    Ok(())
}
