//! The key card (`sno-jury aide --imprimer`) printed for real: the binary writes the page,
//! headless Chromium prints it to PDF, poppler reads it back. It must be one A4 page holding
//! every screen's title and the keys that matter most. Skipped, saying so, without Chromium or
//! poppler (`.ci/run` installs them).

use crate::impression_pdf::{page_texts, pages, print_pdf, which};
use crate::kit::cli::sno;

#[test]
fn the_key_card_prints_on_one_a4_page() {
    let Some(chromium) = which(&[
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ]) else {
        eprintln!("skipped: Chromium is not installed (.ci/run installs it with apt-get)");
        return;
    };
    if which(&["pdfinfo"]).is_none() || which(&["pdftotext"]).is_none() {
        eprintln!(
            "skipped: poppler-utils (pdfinfo, pdftotext) is not installed (.ci/run installs it)"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("touches.html");
    sno()
        .current_dir(dir.path())
        .args(["aide", "--imprimer", "--out"])
        .arg(&html)
        .assert()
        .success();
    let pdf = print_pdf(&chromium, &html);
    assert_eq!(pages(&pdf), 1, "the key card fits one A4 page");
    let text = page_texts(&pdf).join("\n");
    for title in [
        "Accueil",
        "Nouvelle séance",
        "Minutage",
        "Pause",
        "Écran candidat",
        "Grille d’évaluation",
        "Partout",
    ] {
        assert!(
            text.contains(title),
            "{title} missing from the PDF:\n{text}"
        );
    }
    for line in ["annuler un début ou une fin de phase", "jamais Entrée"] {
        assert!(text.contains(line), "{line} missing from the PDF:\n{text}");
    }
}
