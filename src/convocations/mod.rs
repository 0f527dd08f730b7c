//! The plan of the day: one line per passage of a candidate (or a project group) before a
//! commission, as the centre's office writes it in a spreadsheet (`--convocations FILE.csv`, or
//! `convocations.csv` in the sessions folder).
//!
//! Columns, found by their header name (order free, accents and case ignored; see
//! [`crate::tableur`]): date (`jj/mm/aaaa` or `aaaa-mm-jj`), heure (`8:30`, `08h30`, `8h`),
//! épreuve (`E1`…), forme (`CCF`, `ponctuel`), situation (`A`, `B`; empty for a form with a
//! single situation), numéro(s) d'inscription (a group on one line, separated by `+`, `/`, `,`
//! or spaces), and optionally salle and commission (members separated by `/` or `+`, each
//! `Nom (qualité)` or just `Nom`). A line that names an épreuve, form or situation the
//! référentiel does not know, or a date or time that cannot be read, is rejected with its line
//! number; the others are kept.

use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use crate::referentiel::{FormeKind, Referentiel};
use crate::tableur::{self, Ligne, Rejet};

/// A member of the commission as the plan names them (the qualité may be left out).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MembrePrevu {
    pub nom: String,
    pub qualite: Option<String>,
}

/// One planned passage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    /// Line of the file, to name it in messages.
    pub ligne: u64,
    pub debut: NaiveDateTime,
    pub epreuve: String,
    pub forme: FormeKind,
    pub situation: String,
    /// One numéro, or 2–4 for a project group.
    pub numeros: Vec<String>,
    pub salle: String,
    pub commission: Vec<MembrePrevu>,
}

/// The plan read from a file, in time order, and the lines that were skipped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Convocations {
    pub passages: Vec<Passage>,
    pub rejets: Vec<Rejet>,
}

/// Why a plan cannot be read at all.
pub type ConvocationsError = tableur::FichierError;

/// Reads and parses a plan of the day.
pub fn load(r: &Referentiel, path: &Path) -> Result<Convocations, ConvocationsError> {
    tableur::charger(path, |bytes| parse(r, bytes))
}

struct Columns {
    date: usize,
    heure: usize,
    epreuve: usize,
    forme: usize,
    situation: Option<usize>,
    numeros: usize,
    salle: Option<usize>,
    commission: Option<usize>,
}

/// Parses a plan; `Err` (in French) only when the header lacks a required column.
pub fn parse(r: &Referentiel, bytes: &[u8]) -> Result<Convocations, String> {
    let table = tableur::lire(bytes)?;
    let cols = columns(&table)?;
    let mut out = Convocations {
        passages: Vec::new(),
        rejets: table.rejets.clone(),
    };
    for l in &table.lignes {
        match passage(r, l, &cols) {
            Ok(p) => out.passages.push(p),
            Err(message) => out.rejets.push(Rejet {
                ligne: l.ligne,
                message,
            }),
        }
    }
    out.rejets.sort_by_key(|r| r.ligne);
    out.passages.sort_by_key(|p| (p.debut, p.ligne));
    Ok(out)
}

fn columns(t: &tableur::Table) -> Result<Columns, String> {
    let find = |names: &[&str]| t.colonne(|h| names.iter().any(|n| h.starts_with(n)));
    let required = [
        ("date", find(&["date", "jour"])),
        ("heure", find(&["heure", "horaire"])),
        ("épreuve", find(&["epreuve"])),
        ("forme", find(&["forme", "mode"])),
        ("numéro(s)", t.colonne(crate::candidats::is_numero)),
    ];
    let missing: Vec<String> = required
        .iter()
        .filter(|(_, c)| c.is_none())
        .map(|(n, _)| format!("« {n} »"))
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "ligne 1 : colonne {} introuvable dans l’en-tête (attendu : date ; heure ; épreuve ; \
             forme ; situation ; numéro(s), puis salle et commission si besoin)",
            missing.join(", ")
        ));
    }
    let [date, heure, epreuve, forme, numeros] = required.map(|(_, c)| c.unwrap_or_default());
    Ok(Columns {
        date,
        heure,
        epreuve,
        forme,
        situation: find(&["situation"]),
        numeros,
        salle: find(&["salle"]),
        commission: find(&["commission", "jury", "membres"]),
    })
}

fn passage(r: &Referentiel, l: &Ligne, c: &Columns) -> Result<Passage, String> {
    let text = |col: Option<usize>, label: &str| l.champ(col, label);
    let date = text(Some(c.date), "la date")?;
    let date = NaiveDate::parse_from_str(&date, "%d/%m/%Y")
        .or_else(|_| NaiveDate::parse_from_str(&date, "%Y-%m-%d"))
        .map_err(|_| format!("date illisible : « {date} » (attendu : jj/mm/aaaa)"))?;
    let heure = text(Some(c.heure), "l’heure")?;
    let heure = parse_heure(&heure)
        .ok_or_else(|| format!("heure illisible : « {heure} » (attendu : 8:30 ou 8h30)"))?;
    let epreuve = text(Some(c.epreuve), "l’épreuve")?.to_uppercase();
    let ep = r
        .epreuve(&epreuve)
        .ok_or_else(|| format!("épreuve inconnue : « {epreuve} »"))?;
    let forme_txt = text(Some(c.forme), "la forme")?;
    let forme = match tableur::normalize(&forme_txt).as_str() {
        "ccf" | "controleencoursdeformation" => FormeKind::Ccf,
        "ponctuel" | "ponctuelle" | "final" | "finale" => FormeKind::Ponctuel,
        _ => {
            return Err(format!(
                "forme inconnue : « {forme_txt} » (CCF ou ponctuel)"
            ));
        }
    };
    let f = ep
        .forme(forme)
        .ok_or_else(|| format!("{epreuve} n’a pas de forme {}", forme.label()))?;
    let mut situation = text(c.situation, "la situation")?.to_uppercase();
    if situation.is_empty() && f.situations.len() == 1 {
        situation = f.situations[0].id.clone();
    }
    let sit = f
        .situations
        .iter()
        .find(|s| s.id.eq_ignore_ascii_case(&situation))
        .ok_or_else(|| {
            let known: Vec<&str> = f.situations.iter().map(|s| s.id.as_str()).collect();
            format!(
                "situation « {situation} » inconnue pour {epreuve} {} (attendu : {})",
                forme.label(),
                known.join(" ou ")
            )
        })?;
    let numeros: Vec<String> = text(Some(c.numeros), "le numéro")?
        .split(|ch: char| ch == '+' || ch == '/' || ch == ',' || ch.is_whitespace())
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect();
    let (min, max) = sit.groupe.as_ref().map_or((1, 1), |g| (g.min, g.max));
    if numeros.is_empty() || numeros.len() > max as usize || numeros.len() < min as usize {
        return Err(format!(
            "{} numéro(s) pour une situation qui en prévoit {min} à {max}",
            numeros.len()
        ));
    }
    let commission = text(c.commission, "la commission")?
        .split(['/', '+'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(membre)
        .collect();
    Ok(Passage {
        ligne: l.ligne,
        debut: date.and_time(heure),
        epreuve,
        forme,
        situation: sit.id.clone(),
        numeros,
        salle: text(c.salle, "la salle")?,
        commission,
    })
}

/// `8:30`, `08:30`, `8h30`, `8h`, `08 h 30`.
fn parse_heure(s: &str) -> Option<NaiveTime> {
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let s = s.to_lowercase().replace('h', ":");
    let (h, m) = s.split_once(':').unwrap_or((&s, ""));
    let m = if m.is_empty() { "0" } else { m };
    NaiveTime::from_hms_opt(h.parse().ok()?, m.parse().ok()?, 0)
}

/// `Mme Durand (enseignant)` → nom and qualité; `M. Roy` → no qualité.
fn membre(s: &str) -> MembrePrevu {
    match s.rsplit_once('(') {
        Some((nom, q)) if q.ends_with(')') => MembrePrevu {
            nom: nom.trim().to_string(),
            qualite: Some(q.trim_end_matches(')').trim().to_lowercase()),
        },
        _ => MembrePrevu {
            nom: s.to_string(),
            qualite: None,
        },
    }
}

mod journee;
pub use journee::{
    Etat, Journee, LignePlan, correspond, correspond_mode, decalage_court, journee, journee_mode,
};

#[cfg(test)]
mod tests;
