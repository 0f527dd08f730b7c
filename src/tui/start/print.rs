//! Printing from the apps: the day's bordereaux and grids written with one key into the folder
//! beside the sessions ([`imprimer::dossier`]), and the one French line that says what was
//! written and where (the start screen and the review word it alike).

use std::path::Path;

use chrono::NaiveDate;

use crate::export::Filtre;
use crate::export::imprimer::{self, Journee};
use crate::referentiel::Referentiel;
use crate::review::{self, Report, Tz};

/// Writes the bordereaux and grids of `jour` from the sessions folder `dir` (read anew, so a
/// grid validated a minute ago is on the paper) and says what was written.
pub fn journee(r: &Referentiel, dir: &Path, tz: Tz, jour: NaiveDate) -> String {
    let out = imprimer::dossier(dir, jour);
    if !dir.exists() {
        return nothing(jour, &out);
    }
    let report = match review::load(r, dir, tz) {
        Ok(rep) => rep,
        Err(e) => return failed(e),
    };
    let filtre = Filtre {
        date: Some(jour),
        ..Filtre::default()
    };
    match imprimer::journee(r, &report, &out, &filtre) {
        Ok(j) if j.fichiers.is_empty() => nothing(jour, &out),
        Ok(j) => written(&j, &out),
        Err(e) => failed(e),
    }
}

/// Writes what `filtre` keeps of `report` into the folder of `jour` beside the first folder
/// read, and says what was written.
pub fn rows(r: &Referentiel, report: &Report, filtre: &Filtre, jour: NaiveDate) -> String {
    let Some(dir) = report.dirs.first() else {
        return "Impression impossible : aucun dossier de séances lu.".into();
    };
    let out = imprimer::dossier(dir, jour);
    match imprimer::journee(r, report, &out, filtre) {
        Ok(j) if j.fichiers.is_empty() => format!(
            "Rien à imprimer : aucune ligne affichée hors entraînement ({} non créé).",
            out.display()
        ),
        Ok(j) => written(&j, &out),
        Err(e) => failed(e),
    }
}

fn failed(e: impl std::fmt::Display) -> String {
    let e = e.to_string();
    format!("Impression impossible : {}.", e.trim_end_matches('.'))
}

fn nothing(jour: NaiveDate, out: &Path) -> String {
    format!(
        "Rien à imprimer pour le {} : aucune séance de ce jour ({} non créé).",
        jour.format("%d/%m/%Y"),
        out.display()
    )
}

/// « 3 bordereaux, 12 grilles écrits dans … ; 1 à régulariser ».
pub fn written(j: &Journee, out: &Path) -> String {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n > 1 { many } else { one });
    let mut s = format!(
        "{}, {} écrits dans {}",
        plural(j.bordereaux, "bordereau", "bordereaux"),
        plural(j.grilles, "grille", "grilles"),
        out.display()
    );
    if j.a_regulariser > 0 {
        s.push_str(&format!(" ; {} à régulariser", j.a_regulariser));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_says_counts_folder_and_what_to_regularise() {
        let j = Journee {
            fichiers: Vec::new(),
            bordereaux: 3,
            grilles: 12,
            a_regulariser: 1,
        };
        let out = Path::new("/x/impression-2025-06-05");
        assert_eq!(
            written(&j, out),
            "3 bordereaux, 12 grilles écrits dans /x/impression-2025-06-05 ; 1 à régulariser"
        );
        let one = Journee {
            bordereaux: 1,
            grilles: 1,
            a_regulariser: 0,
            ..j
        };
        assert_eq!(
            written(&one, out),
            "1 bordereau, 1 grille écrits dans /x/impression-2025-06-05"
        );
    }
}
