//! The workbook read back with calamine: the numéro as text with its zeros, notes as numbers,
//! dates as dates, formula-like names as text and no formula anywhere, the « Non exportés »
//! sheet's rows, and every cell of « Notes » saying what the French CSV says.

mod export_support;
mod review_support;

use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};
use chrono::{NaiveDate, TimeZone, Utc};
use export_support::*;
use review_support::*;
use sno_jury::export::notes::{self, LeftOut};
use sno_jury::export::xlsx::{LEFT_OUT_HEADER, SHEET_HARMONISATION, SHEET_LEFT_OUT, SHEET_NOTES};
use sno_jury::export::{Format, notes_csv};
use sno_jury::grading::Points;

fn sheet(path: &Path, name: &str) -> Vec<Vec<Data>> {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    let range = wb.worksheet_range(name).unwrap();
    assert_eq!(range.start(), Some((0, 0)), "{name} starts at A1");
    range.rows().map(<[Data]>::to_vec).collect()
}

fn text(s: &str) -> Data {
    Data::String(s.into())
}

/// A workbook cell as the French CSV words it.
fn as_csv_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) => Points::from_halves((f * 2.0).round() as u32).fr(),
        Data::DateTime(dt) => {
            let day = dt.as_datetime().expect("a date").date();
            day.format("%d/%m/%Y").to_string()
        }
        other => panic!("unexpected cell {other:?}"),
    }
}

/// The fixture exported as a workbook, with the report's rows for comparison.
fn exported(dir: &Path) -> (std::path::PathBuf, notes::Outcome) {
    let r = r();
    fixture(dir, &r);
    let rep = review(&r, dir);
    let out = dir.join("notes.xlsx");
    let now = Utc.with_ymd_and_hms(2025, 7, 1, 12, 0, 0).unwrap();
    let o = notes::export(&r, &rep, &out, Format::Xlsx, false, now).unwrap();
    (out, o)
}

#[test]
fn notes_are_typed_cells() {
    let d = tempfile::tempdir().unwrap();
    let (out, o) = exported(d.path());
    let wb: Xlsx<_> = open_workbook(&out).unwrap();
    assert_eq!(
        wb.sheet_names(),
        [SHEET_NOTES, SHEET_LEFT_OUT, SHEET_HARMONISATION]
    );
    // Harmonisation: per épreuve the whole, then each commission, numbers as numbers.
    let h = sheet(&out, SHEET_HARMONISATION);
    assert_eq!(h[0][0], text("Épreuve"));
    let e2 = h
        .iter()
        .find(|row| row[0] == text("E2") && row[1] == text("ensemble des commissions"))
        .expect("E2 as a whole");
    assert!(matches!(e2[2], Data::Float(n) if n >= 1.0), "{e2:?}");
    assert!(matches!(e2[3], Data::Float(_)), "mean is a number: {e2:?}");
    let rows = sheet(&out, SHEET_NOTES);
    let header = notes::header(&r());
    assert_eq!(rows[0], header.iter().map(|h| text(h)).collect::<Vec<_>>());
    assert_eq!(rows.len(), o.rows + 1);
    let col = |title: &str| header.iter().position(|h| h == title).unwrap();
    let row = |numero: &str| {
        rows.iter()
            .find(|r| r[0] == text(numero))
            .unwrap_or_else(|| panic!("no row {numero}"))
    };

    let e1 = row(NUMERO_ZERO);
    assert_eq!(
        e1[col("Numéro d'inscription")],
        text("02512345607"),
        "zeros kept"
    );
    assert_eq!(e1[col("Établissement")], text(ETAB_VIRGULE));
    let Data::DateTime(day) = &e1[col("Date")] else {
        panic!("Date is a date cell: {:?}", e1[col("Date")]);
    };
    let first = NaiveDate::from_ymd_opt(2025, 6, 2).unwrap();
    assert_eq!(day.as_datetime().unwrap().date(), first);
    assert_eq!(e1[col("Date(s)")], text(DEUX_DATES));
    let notes: Vec<&Data> = (9..14).map(|c| &e1[c]).collect();
    let floats = [50.5, 17.0, 17.0, 17.0, 16.5].map(Data::Float);
    assert_eq!(
        notes,
        floats.iter().collect::<Vec<_>>(),
        "/60, /20, C3.1–C3.3"
    );
    assert_eq!(e1[col("Statut")], text("note"));

    let hidden = row("208");
    assert_eq!(hidden[1..4], [text("=1+1"), text(" \t=1+1"), text("＝1+1")]);
    let absent = row("202");
    assert_eq!(
        absent[9..14],
        [
            Data::Empty,
            Data::Empty,
            Data::Empty,
            Data::Empty,
            Data::Empty
        ]
    );
    assert!(
        absent[col("Statut")]
            .to_string()
            .starts_with("absent justifié")
    );
    let zero = row("203");
    assert_eq!(zero[9..11], [Data::Float(0.0), Data::Float(0.0)]);
    assert!(rows.iter().all(|r| r.len() == header.len()));
}

#[test]
fn no_cell_is_a_formula() {
    let d = tempfile::tempdir().unwrap();
    let (out, _) = exported(d.path());
    let mut wb: Xlsx<_> = open_workbook(&out).unwrap();
    for name in [SHEET_NOTES, SHEET_LEFT_OUT] {
        let formulas = wb.worksheet_formula(name).unwrap();
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "{name}: {:?}",
            formulas.used_cells().collect::<Vec<_>>()
        );
    }
}

#[test]
fn the_left_out_sheet_lists_unvalidated_and_training() {
    let d = tempfile::tempdir().unwrap();
    let (out, o) = exported(d.path());
    let rows = sheet(&out, SHEET_LEFT_OUT);
    assert_eq!(rows[0], LEFT_OUT_HEADER.map(text));
    let expected = |l: &LeftOut| {
        [
            &l.numero,
            &l.nom,
            &l.prenom,
            &l.epreuve,
            l.forme.label(),
            &l.reason.text(),
        ]
        .map(text)
    };
    assert_eq!(
        rows[1..],
        [
            [
                "204",
                "Dupuis",
                "Marc",
                "E2",
                "ponctuel",
                "grille non validée"
            ]
            .map(text),
            [
                "205",
                "Essai",
                "Zoé",
                "E2",
                "ponctuel",
                "séance d’entraînement, jamais exportée"
            ]
            .map(text),
        ]
    );
    // The sheet and the stderr list come from the same outcome.
    assert_eq!(
        rows[1..],
        o.left_out.iter().map(expected).collect::<Vec<_>>()
    );
}

#[test]
fn an_unreadable_log_is_listed_with_its_file() {
    let (r, d) = (r(), tempfile::tempdir().unwrap());
    e2_ponctuel(d.path(), &r, "ok", cand("300", "Roy", "Ana"), t(0), true);
    std::fs::write(d.path().join("illisible.jsonl"), "pas du JSON\n").unwrap();
    let rep = review(&r, d.path());
    let out = d.path().join("notes.xlsx");
    let o = notes::export(&r, &rep, &out, Format::Xlsx, false, t(0)).unwrap();
    assert!(!o.complete());
    let rows = sheet(&out, SHEET_LEFT_OUT);
    assert_eq!(rows.len(), 2, "{rows:?}");
    let motif = rows[1][5].to_string();
    assert!(
        motif.starts_with("journal illisible") && motif.contains("illisible.jsonl"),
        "{motif}"
    );
    assert_eq!(rows[1][0], Data::Empty);
}

#[test]
fn the_workbook_and_the_csv_never_disagree() {
    let d = tempfile::tempdir().unwrap();
    let (out, _) = exported(d.path());
    let r = r();
    let rep = review(&r, d.path());
    let (table, _) = notes::table(&r, &rep, false);
    let csv = notes_csv::records(&r, &table, Format::Francais);
    let wb: Vec<Vec<String>> = sheet(&out, SHEET_NOTES)
        .iter()
        .map(|row| row.iter().map(as_csv_text).collect())
        .collect();
    assert_eq!(wb.len(), csv.len());
    for (w, c) in wb.iter().zip(&csv) {
        assert_eq!(w, c);
    }
}
