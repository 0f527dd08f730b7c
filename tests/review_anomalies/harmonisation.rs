//! The harmonisation view on crafted commissions: one more lenient than the others by 3 points
//! over 6 candidates is pointed out; one 1 point off is not; one exactly 2 points off is not
//! (the threshold is « more than »); statistics exact against a hand computation; the plain
//! text through the real binary.

use assert_cmd::Command;

use super::review_support::*;
use super::tmp;
use sno_jury::grading::Niveau;
use sno_jury::referentiel::FormeKind;
use sno_jury::review::harmonisation::harmonisation;

/// Six candidates per commission, every competence noted `note` (so the note /20 is `note`).
fn commission(
    dir: &std::path::Path,
    r: &sno_jury::referentiel::Referentiel,
    k: usize,
    names: [&str; 2],
    note: &str,
) {
    for i in 0..6 {
        let n = format!("3{k}{i}");
        let s = info(
            r,
            &format!("h{n}"),
            "E2",
            FormeKind::Ponctuel,
            "unique",
            vec![cand(&n, "Nom", &n)],
        );
        Run::open_first(dir, r, s, t((k * 10 + i) as i64 * 3600))
            .members(&[(names[0], "enseignant"), (names[1], "enseignant")])
            .phase("A", 19 * 60, true)
            .phase("B", 15 * 60, false)
            .positions(&n, Niveau::Satisfaisant, &[])
            .notes(&n, &[note, note, note])
            .appreciation(&n, "Correct.")
            .validate(&n);
    }
}

#[test]
fn a_lenient_commission_is_pointed_out_never_judged() {
    let (r, d) = (r(), tmp());
    commission(d.path(), &r, 0, ["Mme A", "M. B"], "10");
    commission(d.path(), &r, 1, ["Mme C", "M. D"], "15");
    commission(d.path(), &r, 2, ["Mme E", "M. F"], "11");
    let rep = review(&r, d.path());
    let view = harmonisation(&r, &rep);
    assert_eq!(view.len(), 1);
    let e = &view[0];
    // (6 × 10 + 6 × 15 + 6 × 11) / 18 = 12.
    assert_eq!(e.ensemble.n, 18);
    assert!((e.ensemble.moyenne - 12.0).abs() < 1e-9);
    let by = |name: &str| {
        e.commissions
            .iter()
            .find(|c| c.membres.iter().any(|m| m == name))
            .unwrap()
    };
    let lenient = by("Mme C");
    assert!((lenient.stats.moyenne - 15.0).abs() < 1e-9);
    assert_eq!(lenient.stats.ecart_type, 0.0);
    let why = lenient
        .a_examiner
        .as_deref()
        .expect("+3 over 6: pointed out");
    assert!(
        why.contains("+3,0") && why.contains("à examiner en commission d’harmonisation"),
        "{why}"
    );
    assert!(
        by("Mme E").a_examiner.is_none(),
        "1 point off: not pointed out"
    );
    assert!(
        by("Mme A").a_examiner.is_none(),
        "exactly 2 points off: not more than the threshold"
    );
    // Every criterion was positioned S: 100 % S in every competence's profile.
    assert!(lenient.profils.iter().all(|p| p.parts() == [0, 0, 100, 0]));

    let out = Command::cargo_bin("sno-jury")
        .unwrap()
        .env("TZ", "UTC")
        .args(["revue", "--harmonisation", "--plain", "--sessions"])
        .arg(d.path())
        .assert()
        .success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(
        text.contains("E2 — 18 personne(s) candidate(s) : moyenne 12,0"),
        "{text}"
    );
    assert_eq!(
        text.matches("à examiner en commission d’harmonisation")
            .count(),
        1,
        "{text}"
    );
}
