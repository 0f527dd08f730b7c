//! The bordereau de notation and every grid at once: snapshots for the example séances plus a
//! day holding a conflict, a grid not validated, a tampered log, an unjustified absence and a
//! dispense; the fingerprints `check` prints; filters; the day's folder.

use std::fs;
use std::path::Path;

use crate::kit::paper::*;
use crate::kit::review::*;
use sno_jury::export::imprimer::{self, Journee};
use sno_jury::export::selection::{self, Filtre, parse_date};
use sno_jury::export::{bordereau, grille};
use sno_jury::review::Report;

/// The review of `dir`, its temporary path written as `sessions` so snapshots do not move.
fn report(dir: &Path) -> Report {
    review(&r(), dir)
}

fn stable(text: &str, dir: &Path) -> String {
    text.replace(&dir.display().to_string(), "sessions")
}

fn bordereau_of(rep: &Report, filtre: &Filtre) -> String {
    bordereau::html(&r(), rep, &selection::groupes(rep, filtre))
}

/// The part of a bordereau's text between `from` and the next `to`.
fn between<'a>(text: &'a str, from: &str, to: &str) -> &'a str {
    let start = text
        .find(from)
        .unwrap_or_else(|| panic!("no {from} in\n{text}"));
    let rest = &text[start..];
    &rest[..rest.find(to).unwrap_or(rest.len())]
}

#[test]
fn bordereau_snapshot() {
    let d = journee_dir(&r());
    let rep = report(d.path());
    let html = bordereau_of(&rep, &Filtre::default());
    insta::assert_snapshot!("bordereau_journee", stable(&text_view(&html), d.path()));
    // The markup of one small bordereau, the absent of the E3 day.
    let f = Filtre {
        date: Some(parse_date("16/06/2025").unwrap()),
        ..Filtre::default()
    };
    insta::assert_snapshot!("bordereau_e3_absent", bordereau_of(&rep, &f));
}

#[test]
fn grille_tous_snapshot_follows_the_bordereau_order() {
    let d = journee_dir(&r());
    let rep = report(d.path());
    let groupes = selection::groupes(&rep, &Filtre::default());
    let entries = selection::entries(&groupes);
    let order: Vec<String> = entries
        .iter()
        .map(|e| format!("{} {}", e.epreuve, e.candidat.numero))
        .collect();
    assert_eq!(
        order,
        [
            // 12/05 E2: the commission Belkacem–Fontaine, rows then « À régulariser ».
            "E2 093",
            "E2 094",
            "E2 091",
            "E2 095",
            "E2 092",
            // The other room's séance, where the conflict was validated last.
            "E2 090",
            "E1 02512345603",
            "E1 02512345601",
            "E1 02512345602",
            "E2 02512345604",
            "E2 02512345601",
            "E3 02512345602",
        ]
    );
    let html = grille::html(&r(), &rep, &entries);
    assert_eq!(
        html.matches("page 1 / ").count(),
        entries.len(),
        "each grid starts a sheet"
    );
    insta::assert_snapshot!("grille_tous", stable(&text_view(&html), d.path()));
}

#[test]
fn what_does_not_stand_is_listed_apart_with_its_reason_never_with_a_note() {
    let d = journee_dir(&r());
    let rep = report(d.path());
    let text = stable(
        &text_view(&bordereau_of(&rep, &Filtre::default())),
        d.path(),
    );
    let day = between(&text, "Épreuve E2 — ponctuel — 12/05/2025", "Fait à");
    let notes = between(day, "Notes proposées", "Personnes candidates");
    let apart = between(day, "À régulariser", "Fait à");
    for n in ["091", "093", "094"] {
        assert!(notes.contains(n) && !apart.contains(n), "{day}");
    }
    for (n, why) in [
        ("092", "Grille non validée"),
        ("095", "Intégrité du journal rompue"),
    ] {
        assert!(!notes.contains(n), "{n} never with a note:\n{notes}");
        let row = apart.lines().find(|l| l.starts_with(n)).unwrap();
        assert!(row.contains(why), "{row}");
    }
    assert!(notes.contains("0 — absent non justifié"), "{notes}");
    assert!(notes.contains("| dispensé |"), "{notes}");
    assert!(day.contains(
        "Personnes candidates : 5 — notes attribuées : 2 — absentes : 1 — dispensées : 1 — \
         à régulariser : 2"
    ));
    // The conflict is on the other room's bordereau, both logs named.
    let other = between(&text, "Commission : Petit Anne, Roy Marc", "Fait à");
    let row = other.lines().find(|l| l.starts_with("090")).unwrap();
    assert!(
        row.contains("Conflit : 2 séances évaluent la même situation"),
        "{row}"
    );
    assert!(row.contains("sessions/2025-05-12-salle1.jsonl"), "{row}");
    assert!(row.contains("sessions/2025-05-12-salle2.jsonl"), "{row}");
    assert!(!between(other, "Notes proposées", "Personnes").contains("090"));
}

/// The 16 characters of each `OK` line of `check`, with the file they belong to.
fn check_prints(dir: &Path) -> Vec<(String, String)> {
    sno_jury::session::check_dir(dir, &r(), chrono::Utc::now())
        .into_iter()
        .filter_map(|l| {
            let tip = l.tip.as_ref()?;
            Some((l.file.display().to_string(), tip[..16].to_string()))
        })
        .collect()
}

#[test]
fn every_fingerprint_check_prints_is_on_the_bordereau_and_follows_the_log() {
    let d = tempfile::tempdir().unwrap();
    vosreves::generate(d.path(), &r());
    let rep = report(d.path());
    let html = bordereau_of(&rep, &Filtre::default());
    let prints = check_prints(d.path());
    assert_eq!(prints.len(), 7, "{prints:?}");
    for (file, p) in &prints {
        // A training run is never an exam: it has no bordereau.
        if file.contains("entrainement") {
            assert!(!html.contains(p.as_str()));
            continue;
        }
        assert!(html.contains(p.as_str()), "{file} {p} missing");
    }

    // One character of the last line of Léa's B log (the amendment's reason): the chain still
    // verifies, only the fingerprint tells.
    let path = d.path().join("2025-06-05-E1-B-martin.jsonl");
    let text = fs::read_to_string(&path).unwrap();
    let before = rep
        .seance("2025-06-05-E1-B-martin")
        .unwrap()
        .empreinte
        .clone()
        .unwrap();
    fs::write(
        &path,
        text.replacen("Erreur de saisie", "Erreur de saisiE", 1),
    )
    .unwrap();
    let rep = report(d.path());
    let after = rep
        .seance("2025-06-05-E1-B-martin")
        .unwrap()
        .empreinte
        .clone()
        .unwrap();
    assert_ne!(before, after);
    let (_, checked) = check_prints(d.path())
        .into_iter()
        .find(|(f, _)| f.ends_with("2025-06-05-E1-B-martin.jsonl"))
        .unwrap();
    assert_eq!(checked, after, "check prints the new fingerprint");
    let changed = text_view(&bordereau_of(&rep, &Filtre::default()));
    assert!(!changed.contains(&before));
    let row = changed
        .lines()
        .find(|l| l.starts_with("02512345601 | MARTIN"))
        .unwrap();
    assert!(row.contains(&format!("B {after}")), "{row}");
}

#[test]
fn filters_keep_an_epreuve_a_day_or_a_commission() {
    let d = journee_dir(&r());
    let rep = report(d.path());
    let keys = |f: Filtre| -> Vec<String> {
        selection::groupes(&rep, &f)
            .iter()
            .map(|g| format!("{} {}", g.epreuve, g.date.as_deref().unwrap_or("?")))
            .collect()
    };
    assert_eq!(
        keys(Filtre {
            epreuve: Some("e1".into()),
            ..Filtre::default()
        }),
        ["E1 02/06/2025", "E1 05/06/2025"]
    );
    assert_eq!(
        keys(Filtre {
            date: Some(parse_date("05/06/2025").unwrap()),
            ..Filtre::default()
        }),
        ["E1 05/06/2025"]
    );
    assert_eq!(
        keys(Filtre {
            membres: vec!["belkacem".into(), "Fontaine".into()],
            ..Filtre::default()
        }),
        [
            "E2 12/05/2025",
            "E2 10/06/2025",
            "E2 12/06/2025",
            "E3 16/06/2025"
        ]
    );
    assert!(
        keys(Filtre {
            membres: vec!["Sencer".into(), "Belkacem".into()],
            ..Filtre::default()
        })
        .is_empty()
    );
}

#[test]
fn the_days_paper_goes_into_one_private_folder_beside_the_sessions() {
    let base = tempfile::tempdir().unwrap();
    let sessions = base.path().join("sessions");
    fs::create_dir(&sessions).unwrap();
    journee_in(&sessions, &r());
    let rep = report(&sessions);
    let jour = parse_date("05/06/2025").unwrap();
    let out = imprimer::dossier(&sessions, jour);
    assert_eq!(out, base.path().join("impression-2025-06-05"));
    let f = Filtre {
        date: Some(jour),
        ..Filtre::default()
    };
    let done = imprimer::journee(&r(), &rep, &out, &f).unwrap();
    assert_eq!(
        done,
        Journee {
            fichiers: vec![out.join("bordereau.html"), out.join("grilles.html")],
            bordereaux: 1,
            grilles: 2,
            a_regulariser: 0,
        }
    );
    let grids = fs::read_to_string(out.join("grilles.html")).unwrap();
    assert!(grids.contains("MARTIN Léa") && grids.contains("PETIT Hugo"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&out), 0o700);
        for f in &done.fichiers {
            assert_eq!(mode(f), 0o600, "{}", f.display());
        }
    }

    // Never into the sessions folder, as every export.
    let inside = sessions.join("impression");
    let e = imprimer::journee(&r(), &rep, &inside, &f).unwrap_err();
    assert!(e.to_string().contains("dossier des séances"), "{e}");
    assert!(!inside.exists());

    // Nothing that day: nothing written.
    let jour = parse_date("01/01/2030").unwrap();
    let empty = imprimer::dossier(&sessions, jour);
    let f = Filtre {
        date: Some(jour),
        ..Filtre::default()
    };
    assert_eq!(
        imprimer::journee(&r(), &rep, &empty, &f).unwrap(),
        Journee::default()
    );
    assert!(!empty.exists());
}
