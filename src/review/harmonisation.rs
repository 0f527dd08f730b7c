//! Comparing commissions for the *commission d'harmonisation*: per épreuve and per commission
//! (identified by its members), the number of candidates, mean, median, standard deviation,
//! range and histogram of the notes /20, and the share of TI / I / S / TS per competence.
//!
//! A commission whose mean differs from the épreuve's by more than a threshold, over enough
//! candidates (both data: `notation.json`, `harmonisation`), is pointed out — never judged: the
//! words say « à examiner en commission d'harmonisation ». Only validated, graded grids of real
//! séances count (absences, dispenses, conflicts and broken logs are not marks of a jury).

use std::collections::BTreeMap;

use super::{Entry, Report, Status};
use crate::grading::{Niveau, Points};
use crate::referentiel::Referentiel;

/// Number of histogram bars: two points of the /20 scale each (0–2, 2–4, …, 18–20).
pub const BARRES: usize = 10;

/// Statistics of a set of notes /20.
#[derive(Debug, Clone, PartialEq)]
pub struct Stats {
    pub n: usize,
    pub moyenne: f64,
    pub mediane: f64,
    /// Population standard deviation (the commission's own candidates are the whole set).
    pub ecart_type: f64,
    pub min: Points,
    pub max: Points,
    /// Candidates per two-point bar; 20 falls in the last bar.
    pub histogramme: [u32; BARRES],
}

impl Stats {
    /// `None` for no notes.
    pub fn of(notes: &[Points]) -> Option<Stats> {
        let n = notes.len();
        if n == 0 {
            return None;
        }
        let mut halves: Vec<u32> = notes.iter().map(|p| p.halves()).collect();
        halves.sort_unstable();
        let value = |h: u32| f64::from(h) / 2.0;
        let moyenne = halves.iter().map(|&h| value(h)).sum::<f64>() / n as f64;
        let mediane = match n % 2 {
            1 => value(halves[n / 2]),
            _ => (value(halves[n / 2 - 1]) + value(halves[n / 2])) / 2.0,
        };
        let variance = halves
            .iter()
            .map(|&h| (value(h) - moyenne).powi(2))
            .sum::<f64>()
            / n as f64;
        let mut histogramme = [0; BARRES];
        for &h in &halves {
            // Two points = four halves per bar.
            histogramme[((h / 4) as usize).min(BARRES - 1)] += 1;
        }
        Some(Stats {
            n,
            moyenne,
            mediane,
            ecart_type: variance.sqrt(),
            min: Points::from_halves(halves[0]),
            max: Points::from_halves(halves[n - 1]),
            histogramme,
        })
    }
}

/// Positions of one competence across a commission's grids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profil {
    pub competence: String,
    /// Counts of TI, I, S, TS, in that order.
    pub niveaux: [u32; 4],
    /// Criteria positioned « non observé »: in no share, counted apart (a commission that
    /// observes little is worth a look too).
    pub non_observes: u32,
}

impl Profil {
    /// `, non observé : 2` when some criteria were not observed, else nothing.
    pub fn non_observes_fr(&self) -> String {
        match self.non_observes {
            0 => String::new(),
            n => format!(", non observé : {n}"),
        }
    }
}

impl Profil {
    /// Share of each level in per cent (rounded), or zeros when nothing was positioned.
    pub fn parts(&self) -> [u32; 4] {
        let total: u32 = self.niveaux.iter().sum();
        self.niveaux
            .map(|c| (c * 100 + total / 2).checked_div(total).unwrap_or(0))
    }
}

/// One commission of one épreuve.
#[derive(Debug, Clone, PartialEq)]
pub struct Commission {
    /// The members' names, sorted: the commission's identity.
    pub membres: Vec<String>,
    pub stats: Stats,
    pub profils: Vec<Profil>,
    /// Why it is pointed out, in French, when it is.
    pub a_examiner: Option<String>,
}

/// One épreuve: every commission and all of them together.
#[derive(Debug, Clone, PartialEq)]
pub struct Epreuve {
    pub epreuve: String,
    pub ensemble: Stats,
    pub commissions: Vec<Commission>,
}

/// The harmonisation view of a report.
pub fn harmonisation(r: &Referentiel, report: &Report) -> Vec<Epreuve> {
    let mut by: BTreeMap<String, BTreeMap<Vec<String>, Vec<&Entry>>> = BTreeMap::new();
    for e in &report.entries {
        if e.training || e.status != Status::Validee || e.totals(r).is_none() {
            continue;
        }
        let mut membres: Vec<String> = e
            .commission(report)
            .iter()
            .map(|m| m.nom.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        membres.sort();
        membres.dedup();
        by.entry(e.epreuve.clone())
            .or_default()
            .entry(membres)
            .or_default()
            .push(e);
    }
    let seuils = &r.notation.harmonisation;
    let ecart = f64::from(seuils.ecart_moyenne_points.halves()) / 2.0;
    by.into_iter()
        .filter_map(|(epreuve, commissions)| {
            let note = |e: &&Entry| e.totals(r).map(|(_, n)| n);
            let all: Vec<Points> = commissions.values().flatten().filter_map(note).collect();
            let ensemble = Stats::of(&all)?;
            let competences = r
                .epreuve(&epreuve)
                .map(|x| x.competences.clone())
                .unwrap_or_default();
            let commissions = commissions
                .into_iter()
                .filter_map(|(membres, entries)| {
                    let notes: Vec<Points> = entries.iter().filter_map(note).collect();
                    let stats = Stats::of(&notes)?;
                    let diff = stats.moyenne - ensemble.moyenne;
                    let a_examiner = (diff.abs() > ecart
                        && stats.n >= seuils.candidats_minimum as usize)
                        .then(|| {
                            format!(
                                "moyenne {} contre {} pour l’épreuve ({} point(s)) sur {} \
                                 personnes candidates : à examiner en commission \
                                 d’harmonisation",
                                fr(stats.moyenne),
                                fr(ensemble.moyenne),
                                signed(diff),
                                stats.n
                            )
                        });
                    let profils = competences.iter().map(|c| profil(r, c, &entries)).collect();
                    Some(Commission {
                        membres,
                        stats,
                        profils,
                        a_examiner,
                    })
                })
                .collect();
            Some(Epreuve {
                epreuve,
                ensemble,
                commissions,
            })
        })
        .collect()
}

fn profil(r: &Referentiel, competence: &str, entries: &[&Entry]) -> Profil {
    let mut niveaux = [0; 4];
    let mut non_observes = 0;
    let criteres = r
        .competence(competence)
        .map_or(&[][..], |c| &c.criteres[..]);
    for e in entries {
        for n in e.grid.positions_of(r, competence) {
            let i = Niveau::ALL.iter().position(|x| *x == n).unwrap_or(0);
            niveaux[i] += 1;
        }
        let no = criteres
            .iter()
            .filter(|k| e.grid.non_observes.contains(k.id.as_str()))
            .count();
        non_observes += u32::try_from(no).unwrap_or(u32::MAX);
    }
    Profil {
        competence: competence.to_string(),
        niveaux,
        non_observes,
    }
}

/// `12,3`: one decimal, French comma.
pub fn fr(x: f64) -> String {
    format!("{x:.1}").replace('.', ",")
}

/// `+3,1` or `−2,0`.
fn signed(x: f64) -> String {
    if x < 0.0 {
        format!("−{}", fr(-x))
    } else {
        format!("+{}", fr(x))
    }
}

/// `moyenne 12,0, médiane 12,5, écart type 1,2, 10–15`.
pub fn resume(s: &Stats) -> String {
    format!(
        "moyenne {}, médiane {}, écart type {}, {}–{}",
        fr(s.moyenne),
        fr(s.mediane),
        fr(s.ecart_type),
        s.min.fr(),
        s.max.fr()
    )
}

/// The view as plain text (`revue --harmonisation --plain`).
pub fn text(view: &[Epreuve]) -> String {
    let mut out = String::new();
    for e in view {
        out.push_str(&format!(
            "{} — {} personne(s) candidate(s) : {}\n",
            e.epreuve,
            e.ensemble.n,
            resume(&e.ensemble)
        ));
        for c in &e.commissions {
            let s = &c.stats;
            out.push_str(&format!(
                "  Commission {} : {} ; {}\n",
                c.membres.join(", "),
                s.n,
                resume(s)
            ));
            let bars: Vec<String> = s
                .histogramme
                .iter()
                .enumerate()
                .map(|(i, n)| format!("{}–{} : {n}", 2 * i, 2 * i + 2))
                .collect();
            out.push_str(&format!("    notes /20 : {}\n", bars.join(" · ")));
            for p in &c.profils {
                let [ti, i, s, ts] = p.parts();
                out.push_str(&format!(
                    "    {} : TI {ti} %, I {i} %, S {s} %, TS {ts} %{}\n",
                    p.competence,
                    p.non_observes_fr()
                ));
            }
            if let Some(why) = &c.a_examiner {
                out.push_str(&format!("    ⚠ {why}\n"));
            }
        }
    }
    if view.is_empty() {
        out.push_str("Aucune grille validée et notée : rien à comparer.\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pts(v: &[f64]) -> Vec<Points> {
        v.iter()
            .map(|x| Points::from_halves((x * 2.0) as u32))
            .collect()
    }

    #[test]
    fn statistics_match_a_hand_computation() {
        // 10, 12, 12,5, 15, 20: mean 69,5 / 5 = 13,9; median 12,5;
        // deviations −3,9 −1,9 −1,4 1,1 6,1 → squares 15,21 3,61 1,96 1,21 37,21 = 59,2;
        // variance 11,84; σ ≈ 3,4409.
        let s = Stats::of(&pts(&[12.5, 10.0, 20.0, 12.0, 15.0])).unwrap();
        assert_eq!(s.n, 5);
        assert!((s.moyenne - 13.9).abs() < 1e-9);
        assert!((s.mediane - 12.5).abs() < 1e-9);
        assert!((s.ecart_type - 11.84f64.sqrt()).abs() < 1e-9);
        assert_eq!((s.min.fr(), s.max.fr()), ("10".into(), "20".into()));
        // 10 and 12 → bar 5 (10–12) and 6 (12–14), 12,5 → 6, 15 → 7, 20 → the last bar.
        assert_eq!(s.histogramme, [0, 0, 0, 0, 0, 1, 2, 1, 0, 1]);
        let even = Stats::of(&pts(&[8.0, 11.0])).unwrap();
        assert!((even.mediane - 9.5).abs() < 1e-9);
        assert_eq!(Stats::of(&[]), None);
    }

    #[test]
    fn shares_round_and_survive_no_positions() {
        let p = Profil {
            competence: "C1.1".into(),
            niveaux: [1, 1, 1, 0],
            non_observes: 2,
        };
        assert_eq!(p.parts(), [33, 33, 33, 0], "non observé is in no share");
        assert_eq!(p.non_observes_fr(), ", non observé : 2");
        let none = Profil {
            competence: "C1.1".into(),
            niveaux: [0; 4],
            non_observes: 0,
        };
        assert_eq!(none.parts(), [0; 4]);
    }

    #[test]
    fn signed_differences_read_in_french() {
        assert_eq!(signed(3.06), "+3,1");
        assert_eq!(signed(-2.0), "−2,0");
    }
}
