//! `sno-jury aide`: the keys as text on stdout; `--imprimer` writes the one-page HTML card
//! (to `touches-sno-jury.html` by default, or `--out`); `--out` alone is refused in French.

use crate::kit::cli::sno;

#[test]
fn aide_prints_the_keys_and_writes_the_card() {
    let dir = tempfile::tempdir().unwrap();
    let out = sno().current_dir(dir.path()).arg("aide").assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.contains("Minutage\n  Espace"), "{text}");
    assert!(text.contains("u                annuler un début ou une fin de phase"));
    // The card, at its default name, then where --out says.
    sno()
        .current_dir(dir.path())
        .args(["aide", "--imprimer"])
        .assert()
        .success();
    let html = std::fs::read_to_string(dir.path().join("touches-sno-jury.html")).unwrap();
    assert!(html.contains("<h2>Grille d’évaluation</h2>"));
    let chosen = dir.path().join("carte.html");
    sno()
        .current_dir(dir.path())
        .args(["aide", "--imprimer", "--out"])
        .arg(&chosen)
        .assert()
        .success()
        .stderr(predicates::str::contains("une page A4"));
    assert_eq!(std::fs::read_to_string(&chosen).unwrap(), html);
    // --out without --imprimer: a French error, nothing written.
    sno()
        .current_dir(dir.path())
        .args(["aide", "--out", "x.html"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("--imprimer"));
    assert!(!dir.path().join("x.html").exists());
}
