//! The CSV export parsed back with the csv crate in both formats, every cell compared: formulas
//! neutralised, accents intact, BOM only in the French format, absences and dispenses with their
//! statut, unvalidated grids left out unless asked for, training séances never exported.

mod review_support;

use std::fs;
use std::path::Path;

use review_support::*;
use sno_jury::export::Format;
use sno_jury::export::notes::{self, HEADER};
use sno_jury::referentiel::{FormeKind, Referentiel};
use sno_jury::session::{Candidat, Event};

const BOM: &[u8] = "\u{feff}".as_bytes();
const COMMISSION: &str = "Mme Claire Fontaine (enseignant), M. Karim Belkacem (enseignant)";

/// A séance where the commission records only `status` (an absence or a dispense of the
/// candidate) and validates.
fn not_assessed(dir: &Path, r: &Referentiel, id: &str, c: Candidat, at: i64, status: Event) {
    let numero = c.numero.clone();
    let i = info(r, id, "E2", FormeKind::Ponctuel, "unique", vec![c]);
    let mut run = Run::open(dir, r, i, t(at));
    run.members(DEUX_ENSEIGNANTS).ev(status).validate(&numero);
}

fn absent(dir: &Path, r: &Referentiel, id: &str, c: Candidat, at: i64, justified: bool) {
    let candidat = c.numero.clone();
    let status = Event::CandidateAbsent {
        candidat,
        justified,
    };
    not_assessed(dir, r, id, c, at, status);
}

/// Validated: 200 (Martin), 201 (formula names), 202 (absent justifié: no note), 203 (absent non
/// justifié), 206 (dispensé); not validated: 204; training: 205.
fn fixture(dir: &Path, r: &Referentiel) {
    e2_ponctuel(dir, r, "s200", cand("200", "Martin", "Léa"), t(0), true);
    let evil = Candidat {
        numero: "201".into(),
        nom: "=HYPERLINK(\"http://exemple.invalid\",\"clic\")".into(),
        prenom: "+Éloïse".into(),
        etablissement: "@Lycée Hélène-Boucher".into(),
    };
    e2_ponctuel(dir, r, "s201", evil, t(3600), true);
    absent(dir, r, "s202", cand("202", "Bernard", "Hugo"), 7200, true);
    absent(dir, r, "s203", cand("203", "Caron", "Lina"), 7800, false);
    let candidat = "206".to_string();
    let dispense = Event::CandidateExempted { candidat };
    not_assessed(dir, r, "s206", cand("206", "Girard", "Noé"), 8400, dispense);
    e2_ponctuel(
        dir,
        r,
        "s204",
        cand("204", "Dupuis", "Marc"),
        t(9000),
        false,
    );
    let c = cand("205", "Essai", "Zoé");
    let mut i = info(r, "s205", "E2", FormeKind::Ponctuel, "unique", vec![c]);
    i.vitesse = Some(20);
    let mut run = Run::open(dir, r, i, t(12000));
    run.members(DEUX_ENSEIGNANTS).grade("205").validate("205");
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
    let mut rows = vec![HEADER.iter().map(|h| h.to_string()).collect::<Vec<_>>()];
    let row = |cells: [&str; 13]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
    let (s60, s20) = (n("37,5"), n("12,5"));
    rows.push(row([
        "201",
        "'=HYPERLINK(\"http://exemple.invalid\",\"clic\")",
        "'+Éloïse",
        "'@Lycée Hélène-Boucher",
        "E2",
        "U2",
        "ponctuel",
        date,
        &s60,
        &s20,
        "note",
        COMMISSION,
        "validée",
    ]));
    rows.push(row([
        "202",
        "Bernard",
        "Hugo",
        etab,
        "E2",
        "U2",
        "ponctuel",
        date,
        "",
        "",
        "absent justifié — à convoquer à une situation / épreuve de remplacement",
        COMMISSION,
        "validée",
    ]));
    rows.push(row([
        "203",
        "Caron",
        "Lina",
        etab,
        "E2",
        "U2",
        "ponctuel",
        date,
        "0",
        "0",
        "absent non justifié",
        COMMISSION,
        "validée",
    ]));
    if with_unvalidated {
        rows.push(row([
            "204",
            "Dupuis",
            "Marc",
            etab,
            "E2",
            "U2",
            "ponctuel",
            date,
            &s60,
            &s20,
            "note",
            COMMISSION,
            "NON VALIDÉE : grille non validée",
        ]));
    }
    // A dispense is not a zero: both note cells stay empty.
    rows.push(row([
        "206",
        "Girard",
        "Noé",
        etab,
        "E2",
        "U2",
        "ponctuel",
        date,
        "",
        "",
        "dispensé",
        COMMISSION,
        "validée",
    ]));
    rows.push(row([
        "200", "Martin", "Léa", etab, "E2", "U2", "ponctuel", date, &s60, &s20, "note", COMMISSION,
        "validée",
    ]));
    rows
}

fn parse(bytes: &[u8], delimiter: u8) -> Vec<Vec<String>> {
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .from_reader(bytes);
    rdr.records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect()
}

fn assert_crlf_only(bytes: &[u8]) {
    for (i, b) in bytes.iter().enumerate() {
        if *b == b'\n' {
            assert_eq!(bytes[i - 1], b'\r', "bare LF at byte {i}");
        }
    }
    assert!(bytes.ends_with(b"\r\n"));
}

#[test]
fn french_format_round_trips_every_cell() {
    let (r, d) = (r(), tempfile::tempdir().unwrap());
    fixture(d.path(), &r);
    let rep = review(&r, d.path());
    let out = d.path().join("export").with_extension("csv");
    let o = notes::export(&r, &rep, &out, Format::Francais, false).unwrap();
    let bytes = fs::read(&out).unwrap();
    assert!(bytes.starts_with(BOM), "French format starts with a BOM");
    assert_crlf_only(&bytes);
    assert_eq!(
        parse(&bytes[BOM.len()..], b';'),
        expected(Format::Francais, false)
    );
    assert_eq!(o.rows, 5);
    assert_eq!(o.training, 1);
    assert_eq!(
        o.left_out,
        vec!["E2 Dupuis Marc (n° 204) : grille non validée"]
    );
    assert!(!o.complete());
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.contains(";37,5;12,5;"), "decimal comma");
    assert!(!text.contains("Essai"), "training never exported");
}

#[test]
fn standard_format_round_trips_every_cell() {
    let (r, d) = (r(), tempfile::tempdir().unwrap());
    fixture(d.path(), &r);
    let rep = review(&r, d.path());
    let out = d.path().join("notes.csv");
    notes::export(&r, &rep, &out, Format::Standard, false).unwrap();
    let bytes = fs::read(&out).unwrap();
    assert!(!bytes.starts_with(BOM), "no BOM in the standard format");
    assert_crlf_only(&bytes);
    assert_eq!(parse(&bytes, b','), expected(Format::Standard, false));
    assert!(String::from_utf8(bytes).unwrap().contains(",37.5,12.5,"));
}

#[test]
fn unvalidated_grids_are_exported_marked_when_asked() {
    let (r, d) = (r(), tempfile::tempdir().unwrap());
    fixture(d.path(), &r);
    let rep = review(&r, d.path());
    let out = d.path().join("notes.csv");
    let o = notes::export(&r, &rep, &out, Format::Francais, true).unwrap();
    let bytes = fs::read(&out).unwrap();
    assert_eq!(
        parse(&bytes[BOM.len()..], b';'),
        expected(Format::Francais, true)
    );
    assert!(o.left_out.is_empty());
    assert_eq!(o.marked.len(), 1);
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
    let (rows, o) = notes::rows(&r, &rep, Format::Francais, false);
    assert_eq!(rows.len(), 2, "header + the intact log only");
    assert_eq!(rows[1][0], "300");
    assert_eq!(
        o.left_out,
        vec!["E2 Vidal Eli (n° 301) : intégrité du journal rompue"]
    );
}
