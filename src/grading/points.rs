//! Exact notes: a count of half-points, so 12.5 is `Points(25)`. Never a float.
//!
//! The official grid notes each competence /20 with half points and rounds the final note up to
//! the half point; floats would make 37.5/3 land on either side of a boundary.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A note held as a whole number of half-points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Points(pub u32);

impl Points {
    pub const ZERO: Points = Points(0);

    pub fn from_halves(halves: u32) -> Self {
        Points(halves)
    }

    pub fn from_whole(points: u32) -> Self {
        Points(points * 2)
    }

    pub fn halves(self) -> u32 {
        self.0
    }

    /// French display: "12,5" or "12".
    pub fn fr(self) -> String {
        let mut s = String::with_capacity(4);
        self.push_fr(&mut s);
        s
    }

    /// Appends [`Self::fr`] to `out` without a string of its own nor a replace: the plain
    /// review writes tens of thousands.
    pub fn push_fr(self, out: &mut String) {
        use fmt::Write;
        // Writing to a String cannot fail.
        let _ = write!(out, "{}", self.0 / 2);
        if !self.0.is_multiple_of(2) {
            out.push_str(",5");
        }
    }

    /// The value as a float, for serialisation to JSON only.
    fn as_f64(self) -> f64 {
        f64::from(self.0) / 2.0
    }
}

impl fmt::Display for Points {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_multiple_of(2) {
            write!(f, "{}", self.0 / 2)
        } else {
            write!(f, "{}.5", self.0 / 2)
        }
    }
}

/// Why a text or number is not a note.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PointsError {
    #[error("« {0} » n’est pas une note (nombre attendu, par pas de 0,5)")]
    NotANumber(String),
    #[error("« {0} » n’est pas un multiple de 0,5")]
    NotHalf(String),
    #[error("« {0} » est négatif")]
    Negative(String),
}

impl FromStr for Points {
    type Err = PointsError;

    /// Accepts "12", "12.5", "12,5", " 12,50 ".
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().replace(',', ".");
        if t.starts_with('-') {
            return Err(PointsError::Negative(s.trim().to_string()));
        }
        let (int, frac) = match t.split_once('.') {
            Some((i, f)) => (i, f.trim_end_matches('0')),
            None => (t.as_str(), ""),
        };
        let digits = |x: &str| !x.is_empty() && x.bytes().all(|b| b.is_ascii_digit());
        if !digits(int) || !(frac.is_empty() || digits(frac)) || int.len() > 6 {
            return Err(PointsError::NotANumber(s.trim().to_string()));
        }
        let whole: u32 = int
            .parse()
            .map_err(|_| PointsError::NotANumber(s.trim().to_string()))?;
        let half = match frac {
            "" => 0,
            "5" => 1,
            _ => return Err(PointsError::NotHalf(s.trim().to_string())),
        };
        Ok(Points(whole * 2 + half))
    }
}

impl Serialize for Points {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0.is_multiple_of(2) {
            s.serialize_u32(self.0 / 2)
        } else {
            s.serialize_f64(self.as_f64())
        }
    }
}

impl<'de> Deserialize<'de> for Points {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = f64::deserialize(d)?;
        let halves = v * 2.0;
        if !v.is_finite() || v < 0.0 || halves.fract() != 0.0 || halves > f64::from(u32::MAX) {
            return Err(serde::de::Error::custom(format!(
                "{v} n’est pas une note positive par pas de 0,5"
            )));
        }
        // Exact: `halves` is a non-negative whole number within u32 range.
        Ok(Points(halves as u32))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_french_and_english_decimals() {
        assert_eq!("12,5".parse::<Points>(), Ok(Points(25)));
        assert_eq!("12.5".parse::<Points>(), Ok(Points(25)));
        assert_eq!(" 7 ".parse::<Points>(), Ok(Points(14)));
        assert_eq!("7,50".parse::<Points>(), Ok(Points(15)));
        assert_eq!("0".parse::<Points>(), Ok(Points(0)));
        assert!(matches!(
            "12,3".parse::<Points>(),
            Err(PointsError::NotHalf(_))
        ));
        assert!(matches!(
            "-1".parse::<Points>(),
            Err(PointsError::Negative(_))
        ));
        assert!(matches!(
            "abc".parse::<Points>(),
            Err(PointsError::NotANumber(_))
        ));
        assert!(matches!(
            "".parse::<Points>(),
            Err(PointsError::NotANumber(_))
        ));
        assert!(matches!(
            "1e3".parse::<Points>(),
            Err(PointsError::NotANumber(_))
        ));
    }

    #[test]
    fn displays_in_both_locales() {
        assert_eq!(Points(25).to_string(), "12.5");
        assert_eq!(Points(25).fr(), "12,5");
        assert_eq!(Points(24).fr(), "12");
        assert_eq!(Points(1).fr(), "0,5");
        assert_eq!(Points(0).fr(), "0");
        assert_eq!(Points(40).fr(), "20");
    }

    #[test]
    fn json_round_trip() {
        for p in [Points(0), Points(1), Points(25), Points(40)] {
            let j = serde_json::to_string(&p).unwrap();
            assert_eq!(serde_json::from_str::<Points>(&j).unwrap(), p);
        }
        assert_eq!(serde_json::to_string(&Points(24)).unwrap(), "12");
        assert!(serde_json::from_str::<Points>("12.3").is_err());
        assert!(serde_json::from_str::<Points>("-2").is_err());
    }
}
