//! A fraction of the time normally allowed (« temps majoré d’un tiers »), and the rule that bounds
//! it (`notation.json`, `temps_majore`).
//!
//! A [`Fraction`] is written `"1/3"` in the data and in the logs: a person reading a log sees the
//! decision as the notification words it, and no float ever stands for a third.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// `num / den`, `den > 0`, kept as written (`2/6` is not reduced: the log says what was typed;
/// comparisons are exact cross-multiplications).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Fraction {
    pub num: u32,
    pub den: u32,
}

/// Why a text is not a fraction.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("« {0} » n’est pas une fraction de la forme 1/3 (dénominateur non nul)")]
pub struct FractionError(pub String);

impl Fraction {
    pub const TIERS: Fraction = Fraction { num: 1, den: 3 };
    pub const ZERO: Fraction = Fraction { num: 0, den: 1 };

    pub fn is_zero(self) -> bool {
        self.num == 0
    }

    /// `self <= other`, exactly.
    pub fn at_most(self, other: Fraction) -> bool {
        u64::from(self.num) * u64::from(other.den) <= u64::from(other.num) * u64::from(self.den)
    }

    /// `x * self`, rounded up: a majoration is never cut short by a rounding.
    pub fn of_ceil(self, x: u64) -> u64 {
        let n = u128::from(x) * u128::from(self.num);
        let d = u128::from(self.den.max(1));
        u64::try_from(n.div_ceil(d)).unwrap_or(u64::MAX)
    }

    /// How French says it after « temps majoré » : `d’un tiers`, `d’un quart`, `de 2/9`.
    pub fn en_mots(self) -> String {
        let g = gcd(self.num, self.den).max(1);
        let (n, d) = (self.num / g, self.den / g);
        let ordinal = match d {
            2 => "de moitié",
            3 => "d’un tiers",
            4 => "d’un quart",
            5 => "d’un cinquième",
            6 => "d’un sixième",
            8 => "d’un huitième",
            10 => "d’un dixième",
            _ => "",
        };
        if n == 1 && !ordinal.is_empty() {
            ordinal.to_string()
        } else {
            format!("de {n}/{d}")
        }
    }
}

fn gcd(a: u32, b: u32) -> u32 {
    if b == 0 { a } else { gcd(b, a % b) }
}

impl fmt::Display for Fraction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.num, self.den)
    }
}

impl FromStr for Fraction {
    type Err = FractionError;

    /// `1/3`, ` 1 / 4 `; a whole number `0` is « none ».
    fn from_str(s: &str) -> Result<Fraction, FractionError> {
        let bad = || FractionError(s.to_string());
        let (n, d) = match s.split_once('/') {
            Some((n, d)) => (n.trim(), d.trim()),
            None if s.trim() == "0" => return Ok(Fraction::ZERO),
            None => return Err(bad()),
        };
        let num = n.parse::<u32>().map_err(|_| bad())?;
        let den = d.parse::<u32>().map_err(|_| bad())?;
        if den == 0 {
            return Err(bad());
        }
        Ok(Fraction { num, den })
    }
}

impl TryFrom<String> for Fraction {
    type Error = FractionError;

    fn try_from(s: String) -> Result<Fraction, FractionError> {
        s.parse()
    }
}

impl From<Fraction> for String {
    fn from(f: Fraction) -> String {
        f.to_string()
    }
}

/// `notation.json`, `temps_majore`: the aménagement d’épreuve « temps majoré » and its bound.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegleTempsMajore {
    /// The words of the text that set the bound, quoted (« qui ne peut excéder le tiers du
    /// temps normalement prévu »).
    pub texte: String,
    /// Where the text comes from (Code de l’éducation, art. D351-28).
    pub source: String,
    /// The largest majoration a decision may grant: `1/3`.
    pub maximum: Fraction,
    /// What the jury gets when it asks for a majoration without saying which: `1/3`.
    pub par_defaut: Fraction,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_writes_and_compares_exactly() {
        let f: Fraction = " 1 / 4".parse().unwrap();
        assert_eq!(f, Fraction { num: 1, den: 4 });
        assert_eq!(f.to_string(), "1/4");
        assert!(f.at_most(Fraction::TIERS));
        assert!(Fraction { num: 2, den: 6 }.at_most(Fraction::TIERS));
        assert!(!Fraction { num: 1, den: 2 }.at_most(Fraction::TIERS));
        assert!(!Fraction { num: 34, den: 100 }.at_most(Fraction::TIERS));
        assert_eq!("0".parse::<Fraction>().unwrap(), Fraction::ZERO);
        for bad in ["1/0", "un tiers", "", "1/", "-1/3", "1.5/3"] {
            assert!(bad.parse::<Fraction>().is_err(), "{bad}");
        }
        let json = serde_json::to_string(&Fraction::TIERS).unwrap();
        assert_eq!(json, "\"1/3\"");
        assert!(serde_json::from_str::<Fraction>("\"1/0\"").is_err());
    }

    #[test]
    fn rounds_up_and_says_it_in_french() {
        assert_eq!(Fraction::TIERS.of_ceil(1200), 400);
        assert_eq!(Fraction::TIERS.of_ceil(1000), 334);
        assert_eq!(Fraction::TIERS.en_mots(), "d’un tiers");
        assert_eq!(Fraction { num: 2, den: 8 }.en_mots(), "d’un quart");
        assert_eq!(Fraction { num: 2, den: 9 }.en_mots(), "de 2/9");
    }
}
