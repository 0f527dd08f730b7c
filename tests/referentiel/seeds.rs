//! The embedded référentiel against the official texts in `../shared/seeds/`.

use crate::kit::r;
use sno_jury::referentiel::{FormeKind, Referentiel};

/// (phase id, minutes, maximum) of a situation.
fn phases(r: &Referentiel, e: &str, f: FormeKind, s: &str) -> Vec<(String, u32, bool)> {
    let sit = r
        .epreuve(e)
        .unwrap()
        .forme(f)
        .unwrap()
        .situation(s)
        .unwrap();
    sit.phases
        .iter()
        .map(|p| (p.id.clone(), p.duree_minutes, p.maximum))
        .collect()
}

fn minutes(v: &[(String, u32, bool)]) -> Vec<u32> {
    v.iter().map(|p| p.1).collect()
}

#[test]
fn criteria_per_competence() {
    let r = r();
    let counts: Vec<(String, usize)> = r
        .diplome
        .blocs
        .iter()
        .flat_map(|b| &b.competences)
        .map(|c| (c.id.clone(), c.criteres.len()))
        .collect();
    let expected = [
        ("C1.1", 5),
        ("C1.2", 4),
        ("C1.3", 6),
        ("C2.1", 4),
        ("C2.2", 7),
        ("C2.3", 3),
        ("C3.1", 5),
        ("C3.2", 2),
        ("C3.3", 2),
    ];
    let expected: Vec<(String, usize)> =
        expected.iter().map(|(c, n)| (c.to_string(), *n)).collect();
    assert_eq!(counts, expected);
    assert_eq!(counts.iter().map(|c| c.1).sum::<usize>(), 38);
}

#[test]
fn competence_c1_3_is_collaborer_en_mode_projet() {
    let r = r();
    assert_eq!(
        r.competence("C1.3").unwrap().intitule,
        "Collaborer en mode projet"
    );
    let codes: Vec<&str> = r.niveaux.niveaux.iter().map(|n| n.code.as_str()).collect();
    assert_eq!(codes, ["TI", "I", "S", "TS"]);
}

#[test]
fn every_epreuve_has_unit_coefficient_and_competences() {
    let r = r();
    for (e, u, comps) in [
        ("E1", "U1", ["C1.1", "C1.2", "C1.3"]),
        ("E2", "U2", ["C2.1", "C2.2", "C2.3"]),
        ("E3", "U3", ["C3.1", "C3.2", "C3.3"]),
    ] {
        let ep = r.epreuve(e).unwrap();
        assert_eq!(ep.unite, u);
        assert_eq!(ep.coefficient, 6, "{e}");
        assert_eq!(ep.competences, comps);
        let formes: Vec<FormeKind> = ep.formes.iter().map(|f| f.forme).collect();
        assert_eq!(formes, [FormeKind::Ccf, FormeKind::Ponctuel], "{e}");
    }
}

#[test]
fn e1_timings() {
    let r = r();
    let a = phases(&r, "E1", FormeKind::Ccf, "A");
    assert_eq!(minutes(&a), [20, 20]);
    assert!(a[0].2, "the exposé is a maximum");
    let sit = r
        .epreuve("E1")
        .unwrap()
        .forme(FormeKind::Ccf)
        .unwrap()
        .situation("A")
        .unwrap();
    let g = sit
        .groupe
        .as_ref()
        .expect("E1 CCF A is a group presentation");
    assert_eq!((g.min, g.max, g.temps_de_parole_reparti), (2, 4, true));
    assert_eq!(sit.phases[1].duree_minimum_minutes, Some(15));

    assert_eq!(minutes(&phases(&r, "E1", FormeKind::Ccf, "B")), [10, 10]);

    let forme = r.epreuve("E1").unwrap().forme(FormeKind::Ponctuel).unwrap();
    assert_eq!(forme.situations.len(), 1);
    let sit = &forme.situations[0];
    let p = phases(&r, "E1", FormeKind::Ponctuel, &sit.id);
    assert_eq!(minutes(&p), [25, 15]);
    let parts: Vec<u32> = sit.phases[0]
        .parties
        .iter()
        .map(|x| x.duree_minutes)
        .collect();
    assert_eq!(parts, [15, 10]);
    assert_eq!(forme.duree_reglementaire_minutes, Some(40));
}

#[test]
fn e2_timings_and_pfmp() {
    let r = r();
    let ccf = r.epreuve("E2").unwrap().forme(FormeKind::Ccf).unwrap();
    assert!(
        ccf.situations
            .iter()
            .all(|s| !s.candidat_present && s.phases.is_empty())
    );
    let pfmp = ccf.pfmp.as_ref().expect("E2 requires PFMP weeks");
    assert_eq!((pfmp.semaines, pfmp.semaines_positionne), (12, 8));
    let ponctuel = r.epreuve("E2").unwrap().forme(FormeKind::Ponctuel).unwrap();
    let sit = &ponctuel.situations[0].id;
    assert_eq!(
        minutes(&phases(&r, "E2", FormeKind::Ponctuel, sit)),
        [20, 15]
    );
    assert_eq!(ponctuel.duree_reglementaire_minutes, Some(35));
}

#[test]
fn e3_timings() {
    let r = r();
    let ccf = r.epreuve("E3").unwrap().forme(FormeKind::Ccf).unwrap();
    let a = ccf.situation("A").unwrap();
    assert!(
        !a.candidat_present && a.phases.is_empty(),
        "E3 CCF A is held without the candidate"
    );
    let b = phases(&r, "E3", FormeKind::Ccf, "B");
    assert_eq!(minutes(&b), [120, 20]);
    assert!(b[1].2, "the entretien is 20 min maximum");
    let ponctuel = r.epreuve("E3").unwrap().forme(FormeKind::Ponctuel).unwrap();
    let sit = &ponctuel.situations[0].id;
    let p = phases(&r, "E3", FormeKind::Ponctuel, sit);
    assert_eq!(minutes(&p), [120, 30]);
    assert!(p[1].2);
    assert_eq!(ponctuel.duree_reglementaire_minutes, Some(150));
}

#[test]
fn commissions_have_two_members_at_least() {
    let r = r();
    for e in &r.epreuves.epreuves {
        for f in &e.formes {
            assert!(f.commission.membres_minimum >= 2, "{} {:?}", e.id, f.forme);
            assert!(!f.commission.roles.is_empty());
        }
    }
}
