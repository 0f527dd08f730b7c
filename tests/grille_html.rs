//! The printable grid: snapshot of the HTML for a validated and amended E1 grid, escaping of
//! every user string, the official model's slips corrected, and the `grille` selection rules.

mod review_support;

use std::path::PathBuf;

use review_support::*;
use sno_jury::export::grille;
use sno_jury::referentiel::FormeKind;
use sno_jury::session::Candidat;

#[test]
fn e1_grid_snapshot() {
    let r = r();
    let d = tempfile::tempdir().unwrap();
    vosreves::generate(d.path(), &r);
    let mut rep = review(&r, d.path());
    rep.dirs = vec![PathBuf::from("sessions/exemples")];
    let entries = grille::select(&rep, "2025-06-05-E1-B-martin");
    assert_eq!(entries.len(), 1);
    let html = grille::html(&r, &rep, &entries);
    assert!(html.contains("Compétence C1.3 – Collaborer en mode projet"));
    assert!(!html.contains("sécurité du système d’information de l’organisation</th>"));
    assert!(
        !html.contains(">F<") && !html.contains(">TF<"),
        "levels are TI / I / S / TS"
    );
    assert!(html.contains("@page { size: A4"));
    assert!(html.contains("non communicable à la personne candidate"));
    // 14 + 12 (amended from 11,5) + 13 = 39 /60, so 13 /20.
    assert!(html.contains("<td>39 /60</td>"), "note globale");
    assert!(html.contains("<td>13 /20</td>"), "note sur 20");
    insta::assert_snapshot!("grille_e1_martin", html);
}

#[test]
fn a_candidate_number_selects_every_epreuve_and_a_group_seance_every_member() {
    let r = r();
    let d = tempfile::tempdir().unwrap();
    vosreves::generate(d.path(), &r);
    let rep = review(&r, d.path());
    let by_numero = grille::select(&rep, "02512345601");
    let ep: Vec<&str> = by_numero.iter().map(|e| e.epreuve.as_str()).collect();
    assert_eq!(ep, ["E1", "E2"]);
    assert_eq!(grille::select(&rep, "2025-06-02-E1-A-groupe1").len(), 3);
    assert!(grille::select(&rep, "inconnu").is_empty());
    let html = grille::html(&r, &rep, &by_numero);
    assert_eq!(html.matches("<section class=\"page\">").count(), 2);
}

#[test]
fn user_strings_are_escaped() {
    let r = r();
    let d = tempfile::tempdir().unwrap();
    let evil = Candidat {
        numero: "666".into(),
        nom: "<script>alert(1)</script>".into(),
        prenom: "Zoé & \"Lou\"".into(),
        etablissement: "Lycée <b>".into(),
    };
    let i = info(&r, "x", "E2", FormeKind::Ponctuel, "unique", vec![evil]);
    let mut run = Run::open(d.path(), &r, i, t(0));
    run.members(&[
        ("M. <img src=x>", "enseignant"),
        ("Mme O'Hara", "enseignant"),
    ])
    .phase("A", 60, true)
    .phase("B", 15 * 60, false)
    .grade("666")
    .appreciation("666", "</p><h1>faux</h1>")
    .validate("666");
    let rep = review(&r, d.path());
    let html = grille::html(&r, &rep, &grille::select(&rep, "666"));
    assert!(!html.contains("<script>"));
    assert!(!html.contains("<img"));
    assert!(!html.contains("<h1>faux"));
    assert!(
        html.contains("&lt;SCRIPT&gt;ALERT(1)&lt;/SCRIPT&gt;"),
        "nom in capitals, escaped"
    );
    assert!(html.contains("Zoé &amp; &quot;Lou&quot;"));
    assert!(html.contains("Mme O&#39;Hara"));
    assert!(html.contains("&lt;/p&gt;&lt;h1&gt;faux&lt;/h1&gt;"));
}
