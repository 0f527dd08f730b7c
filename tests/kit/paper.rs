//! Fixtures for the printed paper (bordereau, grids, the day's folder): the example séances
//! plus one E2 ponctuel day holding every case the bordereau must not print as a note — a
//! conflict between two rooms, a grid not validated, a tampered log — beside a note, an
//! unjustified absence and a dispense. All recorded through the engine with a fake clock.

use std::fs;
use std::path::Path;

use super::review::*;
use sno_jury::grading::Niveau;
use sno_jury::referentiel::{FormeKind, Referentiel};
use sno_jury::session::Event;

/// The day of 12 May 2025 in `dir`: 090 graded by two rooms (conflict), 091 noted, 092 not
/// validated, 093 absent without justification, 094 dispensée, 095 whose log was altered.
pub fn anomalies(dir: &Path, r: &Referentiel) {
    let (salle1, salle2) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    e2_ponctuel(
        salle1.path(),
        r,
        "2025-05-12-salle1",
        cand("090", "Durand", "Adam"),
        t(0),
        true,
    );
    let i = info(
        r,
        "2025-05-12-salle2",
        "E2",
        FormeKind::Ponctuel,
        "unique",
        vec![cand("090", "Durand", "Adam")],
    );
    Run::open(salle2.path(), r, i, t(600))
        .members(&[("Petit Anne", "enseignant"), ("Roy Marc", "enseignant")])
        .phase("A", 18 * 60, true)
        .phase("B", 15 * 60, false)
        .positions("090", Niveau::TresSatisfaisant, &[])
        .notes("090", &["18", "18", "18"])
        .appreciation("090", "Excellent.")
        .validate("090");
    for d in [salle1.path(), salle2.path()] {
        for f in fs::read_dir(d).unwrap() {
            let f = f.unwrap().path();
            fs::copy(&f, dir.join(f.file_name().unwrap())).unwrap();
        }
    }
    e2_ponctuel(
        dir,
        r,
        "2025-05-12-morel",
        cand("091", "Morel", "Zoé"),
        t(3600),
        true,
    );
    e2_ponctuel(
        dir,
        r,
        "2025-05-12-lefevre",
        cand("092", "Lefèvre", "Noé"),
        t(7200),
        false,
    );
    not_assessed(
        dir,
        r,
        "2025-05-12-bernard",
        cand("093", "Bernard", "Chloé"),
        t(10800),
        Event::CandidateAbsent {
            candidat: "093".into(),
            justified: false,
        },
    );
    not_assessed(
        dir,
        r,
        "2025-05-12-garnier",
        cand("094", "Garnier", "Éloïse"),
        t(11400),
        Event::CandidateExempted {
            candidat: "094".into(),
        },
    );
    e2_ponctuel(
        dir,
        r,
        "2025-05-12-fournier",
        cand("095", "Fournier", "Rose"),
        t(12000),
        true,
    );
    let path = dir.join("2025-05-12-fournier.jsonl");
    let text = fs::read_to_string(&path).unwrap();
    let altered = text.replacen("\"note\":12.5", "\"note\":19.5", 1);
    assert_ne!(altered, text, "the note was altered");
    fs::write(&path, altered).unwrap();
}

/// The example séances and the anomalies of [`anomalies`], in one folder.
pub fn journee_dir(r: &Referentiel) -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    journee_in(d.path(), r);
    d
}

/// [`journee_dir`]'s séances written into `dir`.
pub fn journee_in(dir: &Path, r: &Referentiel) {
    vosreves::generate(dir, r);
    anomalies(dir, r);
}

/// The printed text of an HTML document, for snapshots a reviewer can read: no CSS, one line
/// per paragraph or table row, cells separated by « | », each sheet announced.
pub fn text_view(html: &str) -> String {
    let body = html.split("</style>").nth(1).unwrap_or(html);
    let mut out = String::new();
    let mut tag: Option<String> = None;
    for c in body.chars() {
        match (&mut tag, c) {
            (None, '<') => tag = Some(String::new()),
            (Some(t), '>') => {
                let name = t.split([' ', '>']).next().unwrap_or("").to_string();
                match name.as_str() {
                    "section" => out.push_str("\n=== feuille ===\n"),
                    "/td" | "/th" => out.push_str(" | "),
                    "br" => out.push(' '),
                    "/p" | "/h1" | "/tr" | "/div" | "/li" | "/header" => out.push('\n'),
                    _ => {}
                }
                tag = None;
            }
            (Some(t), c) => t.push(c),
            (None, c) => out.push(c),
        }
    }
    let out = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    out.lines()
        .map(|l| l.trim().trim_end_matches('|').trim_end())
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}
