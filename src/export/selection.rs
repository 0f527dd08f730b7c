//! Which candidates go on which bordereau, in which order: the day's paper as the commission
//! signs it.
//!
//! One bordereau per épreuve × forme × commission (its members' names, sorted) × date. A
//! candidate × épreuve belongs to the séance that decided it: the one in which the grid was
//! validated (an amendment made later does not move it to another day's paper), or its last
//! séance while it is not validated. Within a bordereau, the rows come in [`ordre`]; a
//! candidate × épreuve whose outcome does not stand (not validated, in conflict, a log not
//! trusted) goes to « À régulariser » with the reason, as the notes file words it. Training
//! séances never reach the paper.

use std::cmp::Ordering;

use chrono::NaiveDate;

use super::notes;
use crate::collate;
use crate::referentiel::FormeKind;
use crate::review::{Entry, Report};
use crate::session::Membre;

/// What to print: every field set must match (an empty filter keeps everything).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filtre {
    /// Épreuve id (`E1`), compared without regard to case.
    pub epreuve: Option<String>,
    /// The day of the deciding séance, in the report's time zone.
    pub date: Option<NaiveDate>,
    /// Each must be part of a member's name (without regard to case).
    pub membres: Vec<String>,
    /// When set, only these (numéro, épreuve) pairs: the rows a review screen shows. `Some` of
    /// an empty list keeps nothing.
    pub lignes: Option<Vec<(String, String)>>,
}

/// Why a date given by a user could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("date « {0} » illisible : attendu JJ/MM/AAAA (par exemple 05/06/2025)")]
pub struct DateError(pub String);

/// Reads `05/06/2025` (or the ISO `2025-06-05`).
pub fn parse_date(s: &str) -> Result<NaiveDate, DateError> {
    let s = s.trim();
    NaiveDate::parse_from_str(s, "%d/%m/%Y")
        .or_else(|_| NaiveDate::parse_from_str(s, "%Y-%m-%d"))
        .map_err(|_| DateError(s.to_string()))
}

/// One bordereau: the candidates one commission decided for one épreuve and form on one day.
#[derive(Debug, Clone)]
pub struct Groupe<'a> {
    pub epreuve: String,
    pub forme: FormeKind,
    /// `05/06/2025` (`None` when the log has no readable time).
    pub date: Option<String>,
    /// The members of the deciding séances, sorted by name.
    pub commission: Vec<Membre>,
    /// Outcomes that stand (note, absence, dispense), in [`ordre`].
    pub lignes: Vec<&'a Entry>,
    /// Outcomes that do not stand yet, in [`ordre`], each with the reason.
    pub a_regulariser: Vec<(&'a Entry, String)>,
}

impl<'a> Groupe<'a> {
    /// Every entry of the bordereau, rows first, then those to regularise.
    pub fn entries(&self) -> impl Iterator<Item = &'a Entry> + '_ {
        self.lignes
            .iter()
            .copied()
            .chain(self.a_regulariser.iter().map(|(e, _)| *e))
    }
}

/// The order of the rows of a bordereau (and of the grids printed with it): nom, then prénom in
/// French collation ([`collate`]), then numéro — the review's order.
pub fn ordre(a: &Entry, b: &Entry) -> Ordering {
    let (a, b) = (&a.candidat, &b.candidat);
    collate::compare(&a.nom, &b.nom)
        .then_with(|| collate::compare(&a.prenom, &b.prenom))
        .then_with(|| a.numero.cmp(&b.numero))
}

/// The séance that decided `e`: the last one opened before the validation, or the last one.
pub fn seance_decisive(report: &Report, e: &Entry) -> Option<usize> {
    let last = e.seances.last().copied();
    let Some(validated) = e.grid.validated_at else {
        return last;
    };
    e.seances
        .iter()
        .rev()
        .copied()
        .find(|&i| report.seances[i].opened_at.is_some_and(|t| t <= validated))
        .or(last)
}

/// What tells bordereaux apart, in their order: date (ISO, so it sorts), épreuve, forme, and
/// the commission members' names.
type Cle = (Option<String>, String, FormeKind, Vec<String>);

/// The bordereaux of `report` that `filtre` keeps, by date, épreuve, forme, then commission.
pub fn groupes<'a>(report: &'a Report, filtre: &Filtre) -> Vec<Groupe<'a>> {
    let mut keyed: Vec<(Cle, Groupe<'a>)> = Vec::new();
    for e in report.entries.iter().filter(|e| !e.training) {
        let Some(i) = seance_decisive(report, e) else {
            continue;
        };
        let s = &report.seances[i];
        let mut commission: Vec<Membre> = s.state.iter().flat_map(|x| x.members.clone()).collect();
        commission.sort_by(|a, b| collate::compare(&a.nom, &b.nom));
        let names: Vec<String> = commission.iter().map(|m| m.nom.clone()).collect();
        let iso = s.opened_at.map(|t| report.tz.date_iso(t));
        if !keeps(filtre, e, iso.as_deref(), &names) {
            continue;
        }
        let key = (iso, e.epreuve.clone(), e.forme, names);
        let at = match keyed.iter().position(|(k, _)| *k == key) {
            Some(at) => at,
            None => {
                keyed.push((
                    key,
                    Groupe {
                        epreuve: e.epreuve.clone(),
                        forme: e.forme,
                        date: s.opened_at.map(|t| report.tz.date(t)),
                        commission,
                        lignes: Vec::new(),
                        a_regulariser: Vec::new(),
                    },
                ));
                keyed.len() - 1
            }
        };
        let g = &mut keyed[at].1;
        match notes::not_valid_reason(report, e) {
            None => g.lignes.push(e),
            Some(why) => g.a_regulariser.push((e, why.text())),
        }
    }
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    keyed
        .into_iter()
        .map(|(_, mut g)| {
            g.lignes.sort_by(|a, b| ordre(a, b));
            g.a_regulariser.sort_by(|a, b| ordre(a.0, b.0));
            g
        })
        .collect()
}

fn keeps(f: &Filtre, e: &Entry, iso: Option<&str>, names: &[String]) -> bool {
    let epreuve = f
        .epreuve
        .as_ref()
        .is_none_or(|x| x.eq_ignore_ascii_case(&e.epreuve));
    let date = f
        .date
        .is_none_or(|d| iso == Some(d.format("%Y-%m-%d").to_string().as_str()));
    let membres = f.membres.iter().all(|m| {
        let m = m.to_lowercase();
        names.iter().any(|n| n.to_lowercase().contains(&m))
    });
    let ligne = f
        .lignes
        .as_deref()
        .is_none_or(|l| listed(l, &e.candidat.numero, &e.epreuve));
    epreuve && date && membres && ligne
}

/// Whether (numéro, épreuve) is in `lignes` (épreuve without regard to case).
fn listed(lignes: &[(String, String)], numero: &str, epreuve: &str) -> bool {
    lignes
        .iter()
        .any(|(n, ep)| n == numero && ep.eq_ignore_ascii_case(epreuve))
}

/// Every entry of `groupes`, in the bordereaux' order.
pub fn entries<'a>(groupes: &[Groupe<'a>]) -> Vec<&'a Entry> {
    groupes.iter().flat_map(Groupe::entries).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_the_french_way_or_iso() {
        let d = NaiveDate::from_ymd_opt(2025, 6, 5);
        assert_eq!(parse_date("05/06/2025").ok(), d);
        assert_eq!(parse_date(" 2025-06-05 ").ok(), d);
        let e = parse_date("5 juin").unwrap_err();
        assert!(e.to_string().contains("JJ/MM/AAAA"), "{e}");
        assert!(parse_date("31/02/2025").is_err());
    }

    #[test]
    fn a_list_of_rows_keeps_only_those_pairs() {
        let l = vec![("0601".to_string(), "E1".to_string())];
        assert!(listed(&l, "0601", "E1"));
        assert!(listed(&l, "0601", "e1"));
        assert!(!listed(&l, "0601", "E2"), "same candidate, other épreuve");
        assert!(!listed(&l, "0602", "E1"));
        assert!(!listed(&[], "0601", "E1"), "an empty list keeps nothing");
    }
}
