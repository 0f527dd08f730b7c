//! The day's paper printed for real: headless Chromium prints the bordereaux and the grids to
//! PDF (A4), poppler reads it back. The PDF must have exactly the sheets the layout planned —
//! so « page N / M » is true — and every page must name its grid's candidate (numéro) and say
//! its page number, long names and long texts included; the content is never shrunk to fit.
//!
//! Needs `chromium` (or `chromium-browser`, `google-chrome`) and poppler's `pdfinfo` /
//! `pdftotext`; `.ci/run` installs them when missing. Without them the test says it is skipped.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::kit::paper::*;
use crate::kit::review::*;
use sno_jury::export::Filtre;
use sno_jury::export::imprimer;
use sno_jury::referentiel::{FormeKind, Referentiel};
use sno_jury::session::Event;

pub(crate) fn which(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    names.iter().find_map(|n| {
        std::env::split_paths(&path)
            .map(|d| d.join(n))
            .find(|p| p.is_file())
    })
}

/// Runs `cmd`, killed after two minutes: a hung browser fails the test, it never hangs it.
/// Its output is read while it runs, so a large one never blocks it on a full pipe.
fn run(mut cmd: Command) -> Output {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let drain = |r: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            if let Some(mut r) = r {
                let _ = r.read_to_end(&mut buf);
            }
            buf
        })
    };
    let out = drain(
        child
            .stdout
            .take()
            .map(|r| Box::new(r) as Box<dyn Read + Send>),
    );
    let err = drain(
        child
            .stderr
            .take()
            .map(|r| Box::new(r) as Box<dyn Read + Send>),
    );
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("{cmd:?} still running after 120 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    Output {
        status,
        stdout: out.join().unwrap_or_default(),
        stderr: err.join().unwrap_or_default(),
    }
}

pub(crate) fn print_pdf(chromium: &Path, html: &Path) -> PathBuf {
    let pdf = html.with_extension("pdf");
    let profile = tempfile::tempdir().unwrap();
    let mut c = Command::new(chromium);
    c.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        // The browser's own header and footer (date, URL) would hide whether ours are there.
        "--no-pdf-header-footer",
    ])
    .arg(format!("--user-data-dir={}", profile.path().display()))
    .arg(format!("--print-to-pdf={}", pdf.display()))
    .arg(html);
    let out = run(c);
    assert!(
        pdf.is_file(),
        "no PDF from Chromium: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    pdf
}

pub(crate) fn pages(pdf: &Path) -> usize {
    let mut c = Command::new("pdfinfo");
    c.arg(pdf);
    let info = String::from_utf8(run(c).stdout).unwrap();
    let size = info
        .lines()
        .find(|l| l.starts_with("Page size:"))
        .unwrap_or("");
    assert!(size.contains("(A4)"), "A4: {info}");
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("{info}"))
}

/// The text of every page (pdftotext ends each page with a form feed).
pub(crate) fn page_texts(pdf: &Path) -> Vec<String> {
    let mut c = Command::new("pdftotext");
    c.arg(pdf).arg("-");
    let text = String::from_utf8(run(c).stdout).unwrap();
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// The right edge (in pt) of the rightmost word of every page.
fn right_edges(pdf: &Path) -> Vec<f32> {
    let mut c = Command::new("pdftotext");
    c.arg("-bbox").arg(pdf).arg("-");
    let xml = String::from_utf8(run(c).stdout).unwrap();
    xml.split("<page ")
        .skip(1)
        .map(|page| {
            page.split("xMax=\"")
                .skip(1)
                .filter_map(|s| s.split('"').next()?.parse::<f32>().ok())
                .fold(0.0, f32::max)
        })
        .collect()
}

/// What each planned sheet of a document must show: its running header's numéro (grids) and
/// its « page N / M ».
fn planned(html: &str) -> Vec<(Option<String>, String)> {
    html.split("<section class=\"feuille\">")
        .skip(1)
        .map(|s| {
            let numero = s
                .split("<div class=\"corps\">")
                .next()
                .and_then(|h| h.split("— n° ").nth(1))
                .map(|n| n.split('<').next().unwrap_or("").to_string());
            let page = s
                .split("<div class=\"page\">")
                .nth(1)
                .and_then(|p| p.split('<').next())
                .unwrap_or("")
                .to_string();
            (numero, page)
        })
        .collect()
}

/// What stresses the layout: a name far wider than a column, an appréciation of several pages,
/// eight amendments with long reasons, five members, and seventy candidates on one bordereau.
fn stress(dir: &Path, r: &Referentiel) {
    let nom = "Wolfeschlegelsteinhausenbergerdorff".repeat(3);
    let c = cand("500", &nom, "Anne-Marie-Louise-Charlotte-Éléonore");
    let i = info(
        r,
        "2025-05-20-long",
        "E2",
        // The form whose commission has no maximum size: five members sign.
        FormeKind::Ccf,
        "unique",
        vec![c],
    );
    let text = "Exposé très complet sur la migration de la messagerie de l’agence ; \
                les choix techniques sont justifiés et les risques identifiés.\n"
        .repeat(60);
    let mut run = Run::open(dir, r, i, t(8 * 86400));
    run.members(&[
        (
            "Mme Marie-Christine de La Rochefoucauld-Montmorency",
            "enseignant",
        ),
        ("M. Jean-Baptiste Poquelin", "enseignant"),
        ("Mme Claire Fontaine", "enseignant"),
        ("M. Paul Lemoine", "professionnel"),
        ("M. Karim Belkacem", "enseignant"),
    ])
    .ev(Event::PfmpRecorded {
        candidat: "500".into(),
        weeks: 12,
        positionne: false,
        voie: None,
    })
    .grade("500")
    .appreciation("500", &text)
    .validate("500");
    for k in 0..8 {
        run.wait(60).ev(Event::Amendment {
            reason: format!(
                "Relecture {k} de la grille papier avec la commission au complet : la note \
                 saisie ne correspondait pas à celle arrêtée ensemble, corrigée ici."
            ),
            change: Box::new(Event::NoteSet {
                candidat: "500".into(),
                competence: "C2.1".into(),
                note: format!("{}", 10 + k).parse().unwrap(),
            }),
        });
    }
    for n in 0..70 {
        let c = cand(&format!("6{n:02}"), &format!("Candidat{n:02}"), "Sam");
        let at = t(9 * 86400 + n * 600);
        let i = info(
            r,
            &format!("2025-05-21-c{n:02}"),
            "E2",
            FormeKind::Ponctuel,
            "unique",
            vec![c],
        );
        e2_ponctuel_run(Run::open_first(dir, r, i, at), n % 7 != 3);
    }
}

#[test]
fn the_printed_pdf_has_the_planned_sheets_each_naming_its_candidate() {
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
    let r = r();
    let d = journee_dir(&r);
    stress(d.path(), &r);
    let rep = review(&r, d.path());
    let out = tempfile::tempdir().unwrap();
    let done = imprimer::journee(&r, &rep, out.path(), &Filtre::default()).unwrap();
    assert_eq!(done.fichiers.len(), 2);
    for file in &done.fichiers {
        let html = std::fs::read_to_string(file).unwrap();
        let plan = planned(&html);
        let pdf = print_pdf(&chromium, file);
        assert_eq!(
            pages(&pdf),
            plan.len(),
            "{}: one PDF page per planned sheet",
            file.display()
        );
        let grids = file.ends_with(imprimer::GRILLES);
        let (texts, edges) = (page_texts(&pdf), right_edges(&pdf));
        assert_eq!((texts.len(), edges.len()), (plan.len(), plan.len()));
        for (i, (numero, page)) in plan.iter().enumerate() {
            let text = &texts[i];
            assert!(
                text.contains(page.as_str()),
                "page {}: « {page} » missing:\n{text}",
                i + 1
            );
            if grids {
                let numero = numero.as_deref().expect("a grid's sheet names its numéro");
                assert!(
                    text.contains(&format!("n° {numero}")),
                    "page {}:\n{text}",
                    i + 1
                );
            } else {
                assert!(
                    text.contains("BORDEREAU DE NOTATION"),
                    "page {}:\n{text}",
                    i + 1
                );
            }
            // Text ends at the right margin (595 − 34 pt): not before (the browser shrank the
            // page to fit something too wide), not beyond (a long word ran out of its column).
            let edge = edges[i];
            assert!(
                (540.0..=563.0).contains(&edge),
                "page {}: text ends at {edge} pt, not at the right margin (561 pt)",
                i + 1
            );
        }
        if grids {
            // The long grid really spans several sheets, each with its numéro.
            let long = plan
                .iter()
                .filter(|(n, _)| n.as_deref() == Some("500"))
                .count();
            assert!(long >= 4, "{long} sheets for the long grid");
        } else {
            assert!(
                html.contains("Notes proposées : (suite)"),
                "seventy candidates: the table continues on a second sheet, its head repeated"
            );
        }
    }
}
