//! The French CSV opened by a real LibreOffice Calc the way a double-click opens it: separators
//! tab, comma *and* semicolon ticked, `"` as text delimiter, UTF-8, French (1036) as the import
//! language. Every row must keep the header's columns (« Lycée X, Bordeaux » and
//! « 02/06/2025, 05/06/2025 » hold commas) and every note cell must be a number (« 50,5 » read
//! as 50.5), with no formula anywhere.
//!
//! Needs `soffice` (Debian: `libreoffice-calc-nogui`, installed by `.ci/run`). Without it the
//! test says so on stderr and does nothing, except under CI, where a missing `soffice` is a
//! broken install step and fails.

mod export_support;
mod review_support;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use calamine::{Data, Reader, Xlsx, open_workbook};
use export_support::*;
use review_support::*;
use sno_jury::export::{Format, notes};

/// The filter options of a double-click on a .csv in LibreOffice 7.4, French: separators tab
/// (9), comma (44) and semicolon (59); text delimiter `"` (34); UTF-8 (76); from line 1; no
/// column types; language fr-FR (1036).
const DOUBLE_CLICK: &str = "CSV:9/44/59,34,76,1,,1036";

/// Longest a conversion may take before the test gives up (a first start builds a profile).
const DEADLINE: Duration = Duration::from_secs(180);

/// Written straight to stderr, so `cargo test` shows it even when the test passes.
fn say(msg: &str) {
    let _ = writeln!(std::io::stderr(), "export_libreoffice: {msg}");
}

fn soffice_present() -> bool {
    Command::new("soffice")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// `fr_FR.UTF-8` when the system has it (`locale -a` writes it `fr_FR.utf8`).
fn french_locale() -> Option<&'static str> {
    let out = Command::new("locale").arg("-a").output().ok()?;
    let list = String::from_utf8_lossy(&out.stdout).to_lowercase();
    list.lines()
        .any(|l| l == "fr_fr.utf8" || l == "fr_fr.utf-8")
        .then_some("fr_FR.UTF-8")
}

/// A `file://` URL for LibreOffice's `-env:UserInstallation`.
fn file_url(path: &Path) -> String {
    let s = path
        .to_string_lossy()
        .replace('\\', "/")
        .replace(' ', "%20");
    if s.starts_with('/') {
        format!("file://{s}")
    } else {
        format!("file:///{s}")
    }
}

/// Converts `csv` to `<outdir>/<stem>.xlsx` with Calc, a private profile in `work` so runs
/// never share a lock with each other or with a desktop session.
fn convert(csv: &Path, work: &Path) -> PathBuf {
    let outdir = work.join("converti");
    let mut cmd = Command::new("soffice");
    cmd.arg(format!(
        "-env:UserInstallation={}",
        file_url(&work.join("profil"))
    ))
    .args(["--headless", "--norestore", "--nolockcheck"])
    .arg(format!("--infilter={DOUBLE_CLICK}"))
    .args(["--convert-to", "xlsx", "--outdir"])
    .arg(&outdir)
    .arg(csv)
    .stdin(Stdio::null())
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    match french_locale() {
        Some(l) => {
            cmd.env("LANG", l).env("LC_ALL", l);
        }
        None => say("pas de locale fr_FR.UTF-8 : la langue d’import 1036 du filtre suffit"),
    }
    let started = Instant::now();
    let mut child = cmd.spawn().expect("soffice starts");
    loop {
        if let Some(status) = child.try_wait().expect("soffice waits") {
            let out = child.wait_with_output().expect("soffice output");
            assert!(
                status.success(),
                "soffice failed: {status}\n{}\n{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            break;
        }
        if started.elapsed() > DEADLINE {
            let _ = child.kill();
            panic!("soffice still converting after {DEADLINE:?}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    say(&format!(
        "conversion par LibreOffice : {:.1} s",
        started.elapsed().as_secs_f64()
    ));
    let stem = csv.file_stem().expect("a file name");
    outdir.join(stem).with_extension("xlsx")
}

fn is_number(d: &Data) -> bool {
    matches!(d, Data::Float(_) | Data::Int(_))
}

#[test]
fn a_double_click_in_calc_keeps_the_columns_and_reads_notes_as_numbers() {
    if !soffice_present() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have soffice: .ci/run installs libreoffice-calc-nogui"
        );
        say("ignoré : soffice absent (installer libreoffice-calc-nogui pour le lancer)");
        return;
    }
    let (r, d) = (r(), tempfile::tempdir().unwrap());
    let seances = d.path().join("seances");
    std::fs::create_dir(&seances).unwrap();
    fixture(&seances, &r);
    let rep = review(&r, &seances);
    let csv = d.path().join("notes.csv");
    let o = notes::export(&r, &rep, &csv, Format::Francais, false, t(0)).unwrap();

    let xlsx = convert(&csv, d.path());
    let mut wb: Xlsx<_> = open_workbook(&xlsx).expect("Calc wrote a workbook");
    let range = wb.worksheet_range_at(0).expect("one sheet").unwrap();
    let rows: Vec<Vec<Data>> = range.rows().map(<[Data]>::to_vec).collect();
    let header = notes::header(&r);
    let dump = || format!("{rows:#?}");

    assert_eq!(
        range.width(),
        header.len(),
        "a column too many:\n{}",
        dump()
    );
    assert_eq!(rows.len(), o.rows + 1, "{}", dump());
    let titles: Vec<String> = rows[0].iter().map(ToString::to_string).collect();
    assert_eq!(titles, header, "header kept, BOM dropped");
    let validation = header.len() - 1;
    for row in &rows[1..] {
        // A column lost on the way would leave the last one empty.
        assert_eq!(row[validation], Data::String("validée".into()), "{row:?}");
    }
    let notes: Vec<usize> = (0..header.len())
        .filter(|&c| header[c].ends_with("/20") || header[c].ends_with("/60"))
        .collect();
    assert_eq!(notes.len(), 5, "/60, /20 and three competences");
    for &c in &notes {
        for row in &rows[1..] {
            assert!(
                is_number(&row[c]) || row[c] == Data::Empty,
                "{} is not a number: {:?}",
                header[c],
                row[c]
            );
        }
        assert!(
            rows[1..].iter().any(|row| is_number(&row[c])),
            "{}",
            header[c]
        );
    }
    let col = |t: &str| header.iter().position(|h| h == t).unwrap();
    let e1 = rows
        .iter()
        .find(|row| row[col("Nom")] == Data::String("Lefèvre".into()))
        .unwrap_or_else(|| panic!("no E1 row:\n{}", dump()));
    assert_eq!(e1[col("Note /60")], Data::Float(50.5), "« 50,5 » is 50.5");
    assert_eq!(e1[col("Compétence 3 /20")], Data::Float(16.5));
    assert_eq!(e1[col("Établissement")], Data::String(ETAB_VIRGULE.into()));
    assert_eq!(e1[col("Date(s)")], Data::String(DEUX_DATES.into()));

    let formulas = wb.worksheet_formula(&wb.sheet_names()[0]).unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "no formula: {:?}",
        formulas.used_cells().collect::<Vec<_>>()
    );
}
