//! The CSV export parsed back with the csv crate in both formats, every cell compared: every
//! field quoted, formulas neutralised (leading blanks and fullwidth signs included), accents
//! intact, BOM only in the French format, competence notes, absences and dispenses with their
//! statut (justified: no note; unjustified: 0), unvalidated grids left out unless asked for,
//! training séances never exported.

mod export_support;
mod review_support;

use std::fs;

use chrono::TimeZone;
use export_support::*;
use review_support::*;
use sno_jury::export::Format;
use sno_jury::export::notes::{self, Reason};
use sno_jury::export::notes_csv;

fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc.with_ymd_and_hms(2025, 7, 1, 12, 0, 0).unwrap()
}

fn expected(format: Format, with_unvalidated: bool) -> Vec<Vec<String>> {
    let fr = format == Format::Francais;
    let n = |fr_text: &str| {
        if fr {
            fr_text.to_string()
        } else {
            fr_text.replace(',', ".")
        }
    };
    let date = if fr { "12/05/2025" } else { "2025-05-12" };
    let etab = "Lycée Gustave Eiffel, Bordeaux";
    let mut rows = vec![notes::header(&r())];
    let (s60, s20, c1, c2, c3) = (n("37,5"), n("12,5"), n("12,5"), n("13"), n("12"));
    let row = |ident: [&str; 4], dates: [&str; 2], cells: [&str; 8]| -> Vec<String> {
        let (notes, tail) = cells.split_at(5);
        ident
            .iter()
            .chain(&["E2", "U2", "ponctuel"])
            .chain(&dates)
            .chain(notes)
            .chain(tail)
            .map(|c| c.to_string())
            .collect()
    };
    let graded = |ident: [&str; 4], validation: &str| {
        let notes = [&s60, &s20, &c1, &c2, &c3].map(String::as_str);
        let [a, b, c, d, e] = notes;
        row(
            ident,
            [date, date],
            [a, b, c, d, e, "note", COMMISSION, validation],
        )
    };
    let not_graded = |ident: [&str; 4], note: &str, statut: &str| {
        row(
            ident,
            [date, date],
            [note, note, "", "", "", statut, COMMISSION, "validée"],
        )
    };
    let (d1, dd) = if fr {
        ("02/06/2025", DEUX_DATES.to_string())
    } else {
        ("2025-06-02", "2025-06-02, 2025-06-05".to_string())
    };
    rows.push(graded(["208", "'=1+1", "' \t=1+1", "'＝1+1"], "validée"));
    rows.push(graded(
        [
            "201",
            "'=HYPERLINK(\"http://exemple.invalid\",\"clic\")",
            "'+Éloïse",
            "'@Lycée Hélène-Boucher",
        ],
        "validée",
    ));
    rows.push(not_graded(
        ["202", "Bernard", "Hugo", etab],
        "",
        "absent justifié — à convoquer à une situation / épreuve de remplacement",
    ));
    rows.push(not_graded(
        ["203", "Caron", "Lina", etab],
        "0",
        "absent non justifié",
    ));
    if with_unvalidated {
        rows.push(graded(
            ["204", "Dupuis", "Marc", etab],
            "NON VALIDÉE : grille non validée",
        ));
    }
    // A dispense is not a zero: every note cell stays empty.
    rows.push(not_graded(["206", "Girard", "Noé", etab], "", "dispensé"));
    rows.push(graded(["200", "Martin", "Léa", etab], "validée"));
    // E3 over two days: the first day as « Date », both in « Date(s) »; 50,5 /60 gives 17 /20
    // (rounded up to the half point).
    rows.push(
        [
            NUMERO_ZERO,
            "Lefèvre",
            "Chloé",
            ETAB_VIRGULE,
            "E3",
            "U3",
            "CCF",
            d1,
            &dd,
            &n("50,5"),
            "17",
            "17",
            "17",
            &n("16,5"),
            "note",
            COMMISSION,
            "validée",
        ]
        .map(String::from)
        .to_vec(),
    );
    rows
}

fn assert_crlf_only(bytes: &[u8]) {
    for (i, b) in bytes.iter().enumerate() {
        if *b == b'\n' {
            assert_eq!(bytes[i - 1], b'\r', "bare LF at byte {i}");
        }
    }
    assert!(bytes.ends_with(b"\r\n"));
}

/// Every field is quoted: the file is byte for byte what the csv crate writes with every field
/// quoted from the records it parses back.
fn assert_all_quoted(bytes: &[u8], delimiter: u8) {
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .quote_style(csv::QuoteStyle::Always)
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for record in parse(bytes, delimiter) {
        w.write_record(&record).unwrap();
    }
    assert_eq!(
        String::from_utf8(w.into_inner().unwrap()).unwrap(),
        String::from_utf8_lossy(bytes)
    );
}

#[test]
fn french_format_round_trips_every_cell() {
    let (r, d) = (r(), tempfile::tempdir().unwrap());
    fixture(d.path(), &r);
    let rep = review(&r, d.path());
    let out = d.path().join("export").with_extension("csv");
    let o = notes::export(&r, &rep, &out, Format::Francais, false, now()).unwrap();
    let bytes = fs::read(&out).unwrap();
    assert!(bytes.starts_with(BOM), "French format starts with a BOM");
    assert_crlf_only(&bytes);
    assert_eq!(
        parse(&bytes[BOM.len()..], b';'),
        expected(Format::Francais, false)
    );
    assert_eq!(o.rows, 7);
    assert_eq!(o.training(), 1);
    let lines: Vec<String> = o.not_valid().map(|l| l.line()).collect();
    assert_eq!(lines, ["E2 Dupuis Marc (n° 204) : grille non validée"]);
    assert!(!o.complete());
    assert_all_quoted(&bytes[BOM.len()..], b';');
    let text = String::from_utf8(bytes).unwrap();
    assert!(
        text.contains(";\"37,5\";\"12,5\";\"12,5\";\"13\";\"12\";"),
        "decimal comma, quoted numbers"
    );
    assert!(!text.contains("Essai"), "training never exported");
}

#[test]
fn standard_format_round_trips_every_cell() {
    let (r, d) = (r(), tempfile::tempdir().unwrap());
    fixture(d.path(), &r);
    let rep = review(&r, d.path());
    let out = d.path().join("notes.csv");
    notes::export(&r, &rep, &out, Format::Standard, false, now()).unwrap();
    let bytes = fs::read(&out).unwrap();
    assert!(!bytes.starts_with(BOM), "no BOM in the standard format");
    assert_crlf_only(&bytes);
    assert_eq!(parse(&bytes, b','), expected(Format::Standard, false));
    assert_all_quoted(&bytes, b',');
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.contains(",\"37.5\",\"12.5\","));
}

#[test]
fn unvalidated_grids_are_exported_marked_when_asked() {
    let (r, d) = (r(), tempfile::tempdir().unwrap());
    fixture(d.path(), &r);
    let rep = review(&r, d.path());
    let out = d.path().join("notes.csv");
    let o = notes::export(&r, &rep, &out, Format::Francais, true, now()).unwrap();
    let bytes = fs::read(&out).unwrap();
    assert_eq!(
        parse(&bytes[BOM.len()..], b';'),
        expected(Format::Francais, true)
    );
    assert_eq!(o.not_valid().count(), 0);
    assert_eq!(o.marked.len(), 1);
    assert_eq!(o.left_out.len(), 1, "training is still left out");
    assert_eq!(o.left_out[0].reason, Reason::Training);
    assert_eq!(o.left_out[0].numero, "205");
    assert!(o.complete());
}

#[test]
fn a_broken_log_is_never_exported_as_validated() {
    let (r, d) = (r(), tempfile::tempdir().unwrap());
    e2_ponctuel(d.path(), &r, "ok", cand("300", "Roy", "Ana"), t(0), true);
    e2_ponctuel(
        d.path(),
        &r,
        "ko",
        cand("301", "Vidal", "Eli"),
        t(3600),
        true,
    );
    let path = d.path().join("ko.jsonl");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, text.replace("\"note\":13", "\"note\":20")).unwrap();
    let rep = review(&r, d.path());
    let (rows, o) = notes::table(&r, &rep, false);
    assert_eq!(rows.len(), 1, "the intact log only");
    assert_eq!(rows[0].numero, "300");
    let records = notes_csv::records(&r, &rows, Format::Francais);
    assert_eq!(records.len(), 2, "header + the intact log");
    assert_eq!(
        o.left_out.iter().map(|l| l.line()).collect::<Vec<_>>(),
        ["E2 Vidal Eli (n° 301) : intégrité du journal rompue"]
    );
}
