//! The printable grid: snapshot of the HTML for a validated and amended E1 grid; every sheet
//! standing alone (running header, « page N / M », fingerprints); outcomes worded by the domain;
//! escaping of every user string; the official model's slips corrected; the `grille` selection.

use std::path::PathBuf;

use crate::kit::review::*;
use sno_jury::export::grille;
use sno_jury::referentiel::FormeKind;
use sno_jury::session::{Candidat, Event};

/// The sheets of a document, each as its HTML.
fn sheets(html: &str) -> Vec<&str> {
    html.split("<section class=\"feuille\">").skip(1).collect()
}

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
    assert!(html.contains("situations A et B"), "{html}");
    insta::assert_snapshot!("grille_e1_martin", html);
}

#[test]
fn every_sheet_names_the_candidate_and_counts_its_pages() {
    let r = r();
    let d = tempfile::tempdir().unwrap();
    vosreves::generate(d.path(), &r);
    let rep = review(&r, d.path());
    let html = grille::html(&r, &rep, &grille::select(&rep, "2025-06-05-E1-B-martin"));
    let sheets = sheets(&html);
    assert!(sheets.len() >= 2, "an E1 grid does not fit one A4 sheet");
    let a = rep.seance("2025-06-02-E1-A-groupe1").unwrap();
    let b = rep.seance("2025-06-05-E1-B-martin").unwrap();
    for (i, s) in sheets.iter().enumerate() {
        let head = s.split("<div class=\"corps\">").next().unwrap();
        for part in [
            "MARTIN Léa — n° 02512345601",
            "Épreuve E1 — CCF, situations A et B — 02/06/2025 et 05/06/2025",
        ] {
            assert!(head.contains(part), "sheet {}: {head}", i + 1);
        }
        let foot = s.split("<div class=\"pied\">").nth(1).unwrap();
        assert!(
            foot.contains(&format!("page {} / {}", i + 1, sheets.len())),
            "{foot}"
        );
        for log in [a, b] {
            let p = log.empreinte.as_deref().unwrap();
            assert!(foot.contains(&format!("{} {p}", log.id)), "{foot}");
        }
        assert!(foot.contains("sno-jury verifier"), "{foot}");
    }
    let last = sheets.last().unwrap();
    // After the notes: the amendment with its date and reason, then the place and date of the
    // signature, above the signatures.
    let notes = last.find("Note sur 20").unwrap();
    let amended = last.find("Amendements après validation").unwrap();
    let fait = last.find("Fait à ").unwrap();
    let sign = last.find("Signature").unwrap();
    assert!(notes < amended && amended < fait && fait < sign, "{last}");
    assert!(last.contains("<td>05/06/2025 08:04</td><td>note de C1.2 : 12/20</td>"));
    assert!(last.contains("Erreur de saisie relevée à la relecture de la grille papier"));
    assert!(html.contains("Grille validée le 05/06/2025 07:49, amendée 1 fois depuis"));
}

#[test]
fn an_absence_gives_its_status_never_absent_sur_20() {
    let r = r();
    let d = tempfile::tempdir().unwrap();
    vosreves::generate(d.path(), &r);
    let rep = review(&r, d.path());
    let html = grille::html(&r, &rep, &grille::select(&rep, "2025-06-16-E3-petit"));
    assert!(!html.contains("absent /"), "{html}");
    assert!(
        html.contains("situation unique"),
        "not « situation(s) unique »"
    );
    assert!(!html.contains("situation(s)"));
    let statut = "Absent justifié — à convoquer à une situation / épreuve de remplacement";
    assert!(html.contains(&format!("{statut} — pas de note")), "banner");
    assert_eq!(
        html.matches(&format!("<td>{statut}</td>")).count(),
        2,
        "/60 and /20"
    );
    assert!(
        !html.contains("<td>0 /"),
        "a justified absence is not a zero"
    );

    // Without a justification the rule gives 0, and the statut says why.
    let d = tempfile::tempdir().unwrap();
    let i = info(
        &r,
        "abs",
        "E2",
        FormeKind::Ponctuel,
        "unique",
        vec![cand("070", "Roy", "Lou")],
    );
    Run::open(d.path(), &r, i, t(0))
        .members(DEUX_ENSEIGNANTS)
        .ev(Event::CandidateAbsent {
            candidat: "070".into(),
            justified: false,
        })
        .validate("070");
    let rep = review(&r, d.path());
    let html = grille::html(&r, &rep, &grille::select(&rep, "070"));
    assert!(html.contains("<td>0 /60</td>") && html.contains("<td>0 /20</td>"));
    assert!(html.contains("Absent non justifié — note 0 /20"), "banner");
}

#[test]
fn a_long_name_wraps_and_a_long_appreciation_continues_on_the_next_sheet() {
    let r = r();
    let d = tempfile::tempdir().unwrap();
    let nom = "Wolfeschlegelsteinhausenbergerdorff".repeat(3);
    let c = cand("080", &nom, "Anne-Marie-Louise-Charlotte");
    let i = info(&r, "long", "E2", FormeKind::Ponctuel, "unique", vec![c]);
    let appreciation = "Exposé très complet sur la migration de la messagerie. ".repeat(120);
    Run::open(d.path(), &r, i, t(0))
        .members(DEUX_ENSEIGNANTS)
        .phase("A", 18 * 60, true)
        .phase("B", 15 * 60, false)
        .grade("080")
        .appreciation("080", &appreciation)
        .validate("080");
    let rep = review(&r, d.path());
    let html = grille::html(&r, &rep, &grille::select(&rep, "080"));
    // Tables of fixed layout and words that break anywhere: the page never widens.
    assert!(html.contains("table-layout: fixed") && html.contains("overflow-wrap: anywhere"));
    let sheets = sheets(&html);
    assert!(sheets.len() >= 3, "{} sheets", sheets.len());
    assert!(html.contains("Appréciation générale : (suite)"));
    let printed: String = html
        .split("<p class=\"texte\"")
        .skip(1)
        .map(|p| p.split_once('>').unwrap().1.split("</p>").next().unwrap())
        .collect();
    assert_eq!(
        printed,
        appreciation.trim(),
        "every word printed once, in order"
    );
    for s in &sheets {
        assert!(s.contains(&nom.to_uppercase()), "the name on every sheet");
    }
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
    assert_eq!(html.matches("page 1 / ").count(), 2, "two grids");
}

#[test]
fn user_strings_are_escaped() {
    let r = r();
    let d = tempfile::tempdir().unwrap();
    let evil = Candidat {
        numero: "666".into(),
        nom: "<script>alert(1)</script>".into(),
        prenom: "Zoé & \"Lou\"\u{1b}[2J".into(),
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
    assert!(!html.contains('\u{1b}'), "control characters dropped");
    assert!(
        html.contains("&lt;SCRIPT&gt;ALERT(1)&lt;/SCRIPT&gt;"),
        "nom in capitals, escaped"
    );
    assert!(html.contains("Zoé &amp; &quot;Lou&quot;[2J"));
    assert!(html.contains("<td>Mme O'Hara</td>"));
    assert!(html.contains("&lt;/p&gt;&lt;h1&gt;faux&lt;/h1&gt;"));
}

#[test]
fn a_criterion_not_observed_is_printed_as_such_under_the_annexe_iv_sentence() {
    let r = r();
    let d = tempfile::tempdir().unwrap();
    let i = info(
        &r,
        "no",
        "E2",
        FormeKind::Ponctuel,
        "unique",
        vec![cand("071", "Roy", "Lou")],
    );
    Run::open(d.path(), &r, i, t(0))
        .members(DEUX_ENSEIGNANTS)
        .grade("071")
        .ev(Event::CriterionNotObserved {
            candidat: "071".into(),
            critere: "C2.1-1".into(),
        })
        .validate("071");
    let rep = review(&r, d.path());
    let html = grille::html(&r, &rep, &grille::select(&rep, "071"));
    assert!(
        html.contains(
            "La proposition de note ne doit pas être communiquée à la personne candidate."
        ),
        "annexe IV, every form"
    );
    assert_eq!(
        html.matches(r#"<td class="pos non-observe" colspan="4">non observé</td>"#)
            .count(),
        1,
        "one criterion, across the four levels"
    );
    // Its neighbours keep their X.
    assert!(html.contains(r#"<td class="pos">X</td>"#));
}

#[test]
fn a_temps_majore_is_printed_with_its_durations() {
    let r = r();
    let d = tempfile::tempdir().unwrap();
    let i = info(
        &r,
        "e2m",
        "E2",
        FormeKind::Ponctuel,
        "unique",
        vec![cand("080", "Morel", "Zoé")],
    );
    Run::open(d.path(), &r, i, t(0))
        .members(DEUX_ENSEIGNANTS)
        .ev(Event::AmenagementRecorded {
            candidat: "080".into(),
            majoration: "1/3".parse().unwrap(),
            phases: vec!["A".into(), "B".into()],
            decision: "Notification du 3 mars 2025".into(),
        })
        .phase("A", 25 * 60, true)
        .phase("B", 20 * 60, false)
        .grade("080")
        .validate("080");
    let rep = review(&r, d.path());
    let html = grille::html(&r, &rep, &grille::select(&rep, "080"));
    assert!(
        html.contains("Aménagement d’épreuve : temps majoré"),
        "{html}"
    );
    assert!(
        html.contains(
            "Situation unique, Phase A (Exposé oral de la personne candidate, 20 min maximum) \
             — durée : 20 min (temps majoré d’un tiers : 26 min 40 s)"
        ),
        "{html}"
    );
    assert!(html.contains("durée : 15 min (temps majoré d’un tiers : 20 min)"));
    assert!(html.contains("Décision : Notification du 3 mars 2025"));
    // The phases ran within their adjusted durations: nothing to flag.
    assert_eq!(kinds(entry(&rep, "080", "E2")), vec![]);
    // Without an aménagement, no such block.
    let d = tempfile::tempdir().unwrap();
    e2_ponctuel(d.path(), &r, "e2", cand("081", "Roy", "Lou"), t(0), true);
    let rep = review(&r, d.path());
    let html = grille::html(&r, &rep, &grille::select(&rep, "081"));
    assert!(!html.contains("temps majoré"));
}
