//! The grading rules of the *grille d'aide à l'évaluation*: positioning levels, the indicative
//! proposal from the positions, the coherence check, and the totals /60 and /20.
//!
//! Every note is a [`Points`] (whole half-points), so the rule "note /20 = total /60 ÷ 3, rounded
//! up to the half point" is integer arithmetic and exact.

mod points;

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

pub use points::{Points, PointsError};

use crate::referentiel::BaremeIndicatif;

/// A positioning level of the grid, lowest first.
///
/// The four codes are the model of the official grid itself (every grid has these four
/// columns), so they are a type; their labels and descriptions come from `niveaux.json`, and
/// loading checks that the data lists exactly these codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Niveau {
    #[serde(rename = "TI")]
    TresInsuffisant,
    #[serde(rename = "I")]
    Insuffisant,
    #[serde(rename = "S")]
    Satisfaisant,
    #[serde(rename = "TS")]
    TresSatisfaisant,
}

impl Niveau {
    pub const ALL: [Niveau; 4] = [
        Niveau::TresInsuffisant,
        Niveau::Insuffisant,
        Niveau::Satisfaisant,
        Niveau::TresSatisfaisant,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Niveau::TresInsuffisant => "TI",
            Niveau::Insuffisant => "I",
            Niveau::Satisfaisant => "S",
            Niveau::TresSatisfaisant => "TS",
        }
    }
}

impl fmt::Display for Niveau {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Niveau {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Niveau::ALL
            .into_iter()
            .find(|n| n.code().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| format!("niveau inconnu « {s} » (TI, I, S ou TS)"))
    }
}

/// The /20 band of each level, from the indicative table of `notation.json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bareme {
    bands: [(Points, Points); 4],
}

impl Bareme {
    /// Builds the table; `None` when a level has no band (loading refuses such data first).
    pub fn from_data(data: &BaremeIndicatif) -> Option<Bareme> {
        let mut bands = [(Points::ZERO, Points::ZERO); 4];
        for (i, n) in Niveau::ALL.into_iter().enumerate() {
            let b = data.bandes.iter().find(|b| b.niveau == n.code())?;
            bands[i] = (b.min, b.max);
        }
        Some(Bareme { bands })
    }

    pub fn band(&self, n: Niveau) -> (Points, Points) {
        self.bands[n as usize]
    }

    /// Indicative proposal: mean of the band centres of the positioned criteria, rounded to the
    /// nearest half point (halves up). `None` when nothing is positioned.
    pub fn proposition(&self, positions: &[Niveau]) -> Option<Points> {
        let n = u32::try_from(positions.len()).ok().filter(|&n| n > 0)?;
        // Centre in halves is (min + max) / 2, so the mean in halves is sum(min + max) / 2n.
        let sum: u32 = positions
            .iter()
            .map(|&p| {
                let (lo, hi) = self.band(p);
                lo.halves() + hi.halves()
            })
            .sum();
        Some(Points((sum + n) / (2 * n)))
    }

    /// The span of the /20 scale covered by the positions: lowest band's min to highest's max.
    pub fn span(&self, positions: &[Niveau]) -> Option<(Points, Points)> {
        let lo = positions.iter().min()?;
        let hi = positions.iter().max()?;
        Some((self.band(*lo).0, self.band(*hi).1))
    }

    /// The coherence warning: the note falls outside the span of its positions.
    pub fn incoherence(&self, note: Points, positions: &[Niveau]) -> Option<Incoherence> {
        let (min, max) = self.span(positions)?;
        (note < min || note > max).then_some(Incoherence { note, min, max })
    }
}

/// A competence note outside the band spanned by its criterion positions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Incoherence {
    pub note: Points,
    pub min: Points,
    pub max: Points,
}

impl fmt::Display for Incoherence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "note {} hors de la plage {}–{} des positionnements",
            self.note.fr(),
            self.min.fr(),
            self.max.fr()
        )
    }
}

/// Note globale: the sum of the competence notes.
pub fn total(notes: impl IntoIterator<Item = Points>) -> Points {
    Points(notes.into_iter().map(Points::halves).sum())
}

/// Note /20 from the note globale /60: one third, rounded **up** to the half point.
pub fn note_sur_20(total_sur_60: Points) -> Points {
    Points(total_sur_60.halves().div_ceil(3))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::referentiel::Bande;
    use Niveau::*;
    use proptest::prelude::*;

    fn bareme() -> Bareme {
        let band = |n: &str, lo, hi| Bande {
            niveau: n.into(),
            min: Points::from_whole(lo),
            max: Points::from_whole(hi),
        };
        let data = BaremeIndicatif {
            explication: String::new(),
            bandes: vec![
                band("TI", 0, 5),
                band("I", 5, 10),
                band("S", 10, 15),
                band("TS", 15, 20),
            ],
        };
        Bareme::from_data(&data).unwrap()
    }

    fn p(s: &str) -> Points {
        s.parse().unwrap()
    }

    #[test]
    fn rounding_table_of_the_grid() {
        for (total, expected) in [
            ("37", "12.5"),
            ("36", "12"),
            ("37.5", "12.5"),
            ("1", "0.5"),
            ("0", "0"),
            ("60", "20"),
            ("59.5", "20"),
            ("38", "13"),
            ("0.5", "0.5"),
            ("45", "15"),
        ] {
            assert_eq!(note_sur_20(p(total)), p(expected), "{total}/60");
        }
    }

    #[test]
    fn total_sums_exactly() {
        assert_eq!(total([p("12.5"), p("13"), p("11.5")]), p("37"));
        assert_eq!(total([]), Points::ZERO);
    }

    #[test]
    fn proposal_is_mean_of_band_centres() {
        let b = bareme();
        assert_eq!(b.proposition(&[]), None);
        assert_eq!(b.proposition(&[Satisfaisant]), Some(p("12.5")));
        // (12.5 + 17.5) / 2 = 15
        assert_eq!(
            b.proposition(&[Satisfaisant, TresSatisfaisant]),
            Some(p("15"))
        );
        // (2.5 + 7.5 + 12.5) / 3 = 7.5
        assert_eq!(
            b.proposition(&[TresInsuffisant, Insuffisant, Satisfaisant]),
            Some(p("7.5"))
        );
        // (12.5 * 2 + 17.5) / 3 = 14.1666 → 14
        assert_eq!(
            b.proposition(&[Satisfaisant, Satisfaisant, TresSatisfaisant]),
            Some(p("14"))
        );
        // (12.5 + 17.5 * 2) / 3 = 15.8333 → 16
        assert_eq!(
            b.proposition(&[Satisfaisant, TresSatisfaisant, TresSatisfaisant]),
            Some(p("16"))
        );
        // (7.5 * 3 + 12.5) / 4 = 8.75 → 9 (halves up)
        assert_eq!(
            b.proposition(&[Insuffisant, Insuffisant, Insuffisant, Satisfaisant]),
            Some(p("9"))
        );
    }

    #[test]
    fn coherence_flags_notes_outside_the_span() {
        let b = bareme();
        assert_eq!(b.incoherence(p("12"), &[]), None);
        assert_eq!(b.incoherence(p("12"), &[Satisfaisant, Insuffisant]), None);
        assert_eq!(b.incoherence(p("5"), &[Satisfaisant, Insuffisant]), None);
        let w = b
            .incoherence(p("18"), &[Satisfaisant, Insuffisant])
            .unwrap();
        assert_eq!((w.min, w.max), (p("5"), p("15")));
        assert_eq!(
            w.to_string(),
            "note 18 hors de la plage 5–15 des positionnements"
        );
    }

    #[test]
    fn niveau_codes_round_trip() {
        for n in Niveau::ALL {
            assert_eq!(n.code().parse::<Niveau>(), Ok(n));
            let j = serde_json::to_string(&n).unwrap();
            assert_eq!(j, format!("\"{}\"", n.code()));
        }
        assert!("F".parse::<Niveau>().is_err());
    }

    proptest! {
        #[test]
        fn rounding_is_the_next_half_point(halves in 0u32..=120) {
            let r = note_sur_20(Points(halves));
            // r is a whole number of half points by construction; check the bounds exactly:
            // total/3 <= r  <=>  halves <= 3 r ;  r < total/3 + 0.5  <=>  3 r < halves + 3.
            prop_assert!(halves <= 3 * r.halves());
            prop_assert!(3 * r.halves() < halves + 3);
            prop_assert!(r <= Points::from_whole(20));
        }

        #[test]
        fn proposal_stays_within_the_span(levels in proptest::collection::vec(0usize..4, 1..8)) {
            let b = bareme();
            let pos: Vec<Niveau> = levels.into_iter().map(|i| Niveau::ALL[i]).collect();
            let prop = b.proposition(&pos).unwrap();
            prop_assert_eq!(b.incoherence(prop, &pos), None);
        }
    }
}
