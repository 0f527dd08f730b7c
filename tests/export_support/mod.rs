//! The séances behind the export tests (CSV, workbook, LibreOffice), recorded through the engine
//! like the review's fixtures, and what every export of them must hold.
#![allow(dead_code)] // each test crate uses its own subset

use std::path::Path;

use chrono::{DateTime, TimeZone, Utc};
use sno_jury::grading::Niveau;
use sno_jury::referentiel::{FormeKind, Referentiel};
use sno_jury::session::{Candidat, Event};

use crate::review_support::*;

pub const BOM: &[u8] = "\u{feff}".as_bytes();
pub const COMMISSION: &str = "Mme Claire Fontaine (enseignant), M. Karim Belkacem (enseignant)";

/// The E1 CCF candidate: a numéro with a leading zero, a comma in the établissement, two
/// situations on two days, and a note globale with a half point.
pub const NUMERO_ZERO: &str = "02512345607";
pub const ETAB_VIRGULE: &str = "Lycée X, Bordeaux";
pub const DEUX_DATES: &str = "02/06/2025, 05/06/2025";

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

fn june(day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 6, day, 8, 0, 0).unwrap()
}

/// E3 CCF: situation A (the commission, without the candidate) on 2 June, situation B on
/// 5 June, notes 17 / 17 / 16,5 (50,5 /60).
fn e3_two_days(dir: &Path, r: &Referentiel) {
    let c = Candidat {
        numero: NUMERO_ZERO.into(),
        nom: "Lefèvre".into(),
        prenom: "Chloé".into(),
        etablissement: ETAB_VIRGULE.into(),
    };
    let a = info(r, "s207a", "E3", FormeKind::Ccf, "A", vec![c.clone()]);
    let mut run = Run::open(dir, r, a, june(2));
    run.members(DEUX_ENSEIGNANTS);
    let b = info(r, "s207b", "E3", FormeKind::Ccf, "B", vec![c]);
    let mut run = Run::open(dir, r, b, june(5));
    run.members(DEUX_ENSEIGNANTS)
        .phase("preparation", 110 * 60, true)
        .phase("entretien", 20 * 60, true)
        .positions(NUMERO_ZERO, Niveau::TresSatisfaisant, &[])
        .notes(NUMERO_ZERO, &["17", "17", "16.5"])
        .appreciation(NUMERO_ZERO, "Très bonne maîtrise.")
        .validate(NUMERO_ZERO);
}

/// Validated: 207 (E3, two days), 200 (Martin), 201 and 208 (formula names), 202 (absent
/// justifié: no note), 203 (absent non justifié: 0), 206 (dispensé); not validated: 204;
/// training: 205.
pub fn fixture(dir: &Path, r: &Referentiel) {
    e3_two_days(dir, r);
    e2_ponctuel(dir, r, "s200", cand("200", "Martin", "Léa"), t(0), true);
    let evil = Candidat {
        numero: "201".into(),
        nom: "=HYPERLINK(\"http://exemple.invalid\",\"clic\")".into(),
        prenom: "+Éloïse".into(),
        etablissement: "@Lycée Hélène-Boucher".into(),
    };
    e2_ponctuel(dir, r, "s201", evil, t(3600), true);
    let hidden = Candidat {
        numero: "208".into(),
        nom: "=1+1".into(),
        prenom: " \t=1+1".into(),
        etablissement: "＝1+1".into(),
    };
    e2_ponctuel(dir, r, "s208", hidden, t(5400), true);
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

/// Records of a CSV, read with the csv crate.
pub fn parse(bytes: &[u8], delimiter: u8) -> Vec<Vec<String>> {
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .from_reader(bytes);
    rdr.records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect()
}
