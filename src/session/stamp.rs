//! When an action happened: the wall-clock time, and a reading of a monotonic clock that keeps
//! counting through a laptop's sleep together with the identifier of the run (the process) that
//! read it. Within one run, the difference of two monotonic readings is the real time between
//! two actions whatever the system clock did meanwhile (an NTP step, a jury member setting the
//! time); across runs only the wall clock relates them.
//!
//! These are plain values: the core never reads a clock. `timing::monotonic::now` reads both
//! clocks for the app; tests build stamps by hand.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Identifies one run of sno-jury (one process): monotonic readings compare only within a run.
/// Written in the log as 16 hexadecimal digits.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RunId(pub u64);

impl fmt::Display for RunId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

impl fmt::Debug for RunId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RunId({self})")
    }
}

impl Serialize for RunId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for RunId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        let ok = text.len() == 16 && text.bytes().all(|b| b.is_ascii_hexdigit());
        ok.then(|| u64::from_str_radix(&text, 16).ok())
            .flatten()
            .map(RunId)
            .ok_or_else(|| {
                serde::de::Error::custom(format!(
                    "identifiant d’exécution invalide « {text} » (16 chiffres hexadécimaux attendus)"
                ))
            })
    }
}

/// A reading of the monotonic clock: milliseconds from an origin fixed for the whole run (the
/// boot of the machine on Linux and macOS), and the run that read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mono {
    pub run: RunId,
    pub ms: u64,
}

/// The time of an action as the caller read it: the wall clock, and the monotonic clock when
/// the caller has one (older logs, and callers that pass a wall time alone, have none).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub wall: DateTime<Utc>,
    pub mono: Option<Mono>,
}

impl Stamp {
    /// A stamp with both clocks.
    pub fn new(wall: DateTime<Utc>, run: RunId, ms: u64) -> Stamp {
        Stamp {
            wall,
            mono: Some(Mono { run, ms }),
        }
    }

    /// A stamp with the wall clock alone: durations around it come from wall time.
    pub fn wall(wall: DateTime<Utc>) -> Stamp {
        Stamp { wall, mono: None }
    }

    /// The monotonic milliseconds between `earlier` and `self` when both were read by the same
    /// run (negative if the readings are out of order); `None` otherwise.
    pub fn mono_since(&self, earlier: &Stamp) -> Option<i128> {
        match (self.mono, earlier.mono) {
            (Some(a), Some(b)) if a.run == b.run => Some(i128::from(a.ms) - i128::from(b.ms)),
            _ => None,
        }
    }
}

impl From<DateTime<Utc>> for Stamp {
    fn from(wall: DateTime<Utc>) -> Stamp {
        Stamp::wall(wall)
    }
}

impl From<&Stamp> for Stamp {
    fn from(s: &Stamp) -> Stamp {
        *s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_id_is_sixteen_hex_digits_both_ways() {
        let m = Mono {
            run: RunId(0x00ab_cdef_0123_4567),
            ms: 42,
        };
        let text = serde_json::to_string(&m).unwrap();
        assert_eq!(text, r#"{"run":"00abcdef01234567","ms":42}"#);
        assert_eq!(serde_json::from_str::<Mono>(&text).unwrap(), m);
        for bad in [
            r#""abc""#,
            r#""00abcdef0123456z""#,
            "12",
            r#""+0abcdef01234567""#,
        ] {
            let json = format!(r#"{{"run":{bad},"ms":1}}"#);
            assert!(serde_json::from_str::<Mono>(&json).is_err(), "{json}");
        }
    }

    #[test]
    fn mono_difference_only_within_a_run() {
        let t = DateTime::<Utc>::UNIX_EPOCH;
        let a = Stamp::new(t, RunId(1), 1_000);
        let b = Stamp::new(t, RunId(1), 4_500);
        assert_eq!(b.mono_since(&a), Some(3_500));
        assert_eq!(a.mono_since(&b), Some(-3_500));
        assert_eq!(Stamp::new(t, RunId(2), 9).mono_since(&a), None);
        assert_eq!(Stamp::wall(t).mono_since(&a), None);
    }
}
