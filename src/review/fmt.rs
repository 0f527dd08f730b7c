//! French formatting shared by the review, its text report, the TUI, the CSV and the HTML grid:
//! durations as `mm:ss`, phase labels, and timestamps shown in local time.
//!
//! Logs store UTC; coordinators read local times. The zone is a value ([`Tz`]) rather than a
//! read of the environment deep inside, so tests and snapshots render the same everywhere.

use std::time::Duration;

use chrono::{DateTime, FixedOffset, Local, Utc};

use crate::referentiel::Phase;
use crate::session::{Membre, SeanceState};

/// The time zone timestamps are displayed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tz {
    /// The machine's zone (the normal case for coordinators).
    #[default]
    Local,
    /// UTC: reproducible output for tests and scripts.
    Utc,
    /// A fixed offset (the jury app's snapshots are drawn in Paris summer time).
    Fixed(FixedOffset),
}

impl Tz {
    /// `ts` in this zone, written with a chrono `pattern` that names no zone (no `%z`, `%Z`:
    /// the local date and time are formatted, which spares chrono writing out the offset as a
    /// string at every call, a fifth of the cost of the plain review's dates).
    pub fn format(self, ts: DateTime<Utc>, pattern: &str) -> String {
        debug_assert!(
            !["%z", "%Z", "%:z", "%#z", "%+"]
                .iter()
                .any(|z| pattern.contains(z)),
            "{pattern}"
        );
        self.local(ts).format(pattern).to_string()
    }

    /// The local date and time of `ts` in this zone.
    pub fn local(self, ts: DateTime<Utc>) -> chrono::NaiveDateTime {
        match self {
            Tz::Local => ts.with_timezone(&Local).naive_local(),
            Tz::Utc => ts.naive_utc(),
            Tz::Fixed(offset) => ts.with_timezone(&offset).naive_local(),
        }
    }

    /// The local day of `ts` in this zone.
    pub fn day(self, ts: DateTime<Utc>) -> chrono::NaiveDate {
        self.local(ts).date()
    }

    /// `14/05/2025`.
    pub fn date(self, ts: DateTime<Utc>) -> String {
        self.format(ts, "%d/%m/%Y")
    }

    /// `14/05/25`, for narrow columns.
    pub fn date_short(self, ts: DateTime<Utc>) -> String {
        self.format(ts, "%d/%m/%y")
    }

    /// `2025-05-14`.
    pub fn date_iso(self, ts: DateTime<Utc>) -> String {
        self.format(ts, "%Y-%m-%d")
    }

    /// `09:05:00`.
    pub fn time(self, ts: DateTime<Utc>) -> String {
        self.format(ts, "%H:%M:%S")
    }

    /// `14/05/2025 09:05`.
    pub fn datetime(self, ts: DateTime<Utc>) -> String {
        self.format(ts, "%d/%m/%Y %H:%M")
    }
}

/// `3:10`, `23:10`, `2:00:00` (seconds are truncated: a log stores whole actions, not ticks).
pub fn clock(d: Duration) -> String {
    let s = d.as_secs();
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}

/// `20 min`, `2 h`, `1 h 30`.
pub fn minutes(m: u32) -> String {
    match (m / 60, m % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m:02}"),
    }
}

/// `20 min`, `26 min 40 s`, `1 h 06 min 40 s`: a duration that may not be whole minutes (a
/// « temps majoré »), as a printed document says it.
pub fn duree(d: Duration) -> String {
    let s = d.as_secs();
    let (h, m, sec) = (s / 3600, s / 60 % 60, s % 60);
    match (h, sec) {
        (0, 0) => format!("{m} min"),
        (0, _) => format!("{m} min {sec:02} s"),
        (_, 0) => format!("{h} h {m:02} min"),
        _ => format!("{h} h {m:02} min {sec:02} s"),
    }
}

/// `temps majoré d’un tiers` for the candidate of the séance whose aménagement covers `phase`;
/// in a group, each member's: `temps majoré d’un tiers pour DURAND Léa`. `None` without one.
pub fn majoration(state: &SeanceState, phase: &Phase) -> Option<String> {
    let group = state.info.candidats.len() > 1;
    let each: Vec<String> = state
        .info
        .candidats
        .iter()
        .filter_map(|c| {
            let f = state.majoration(&c.numero, &phase.id)?;
            Some(if group {
                format!(
                    "temps majoré {} pour {} {}",
                    f.en_mots(),
                    c.nom.to_uppercase(),
                    c.prenom
                )
            } else {
                format!("temps majoré {}", f.en_mots())
            })
        })
        .collect();
    (!each.is_empty()).then(|| each.join(", "))
}

/// How long a phase may last, as the text says it: `20 min maximum`, `15 à 20 min`, `15 min`.
pub fn phase_duree(p: &Phase) -> String {
    match (p.maximum, p.duree_minimum_minutes) {
        (_, Some(min)) => format!("{} à {}", min, minutes(p.duree_minutes)),
        (true, None) => format!("{} maximum", minutes(p.duree_minutes)),
        (false, None) => minutes(p.duree_minutes),
    }
}

/// `Phase A (Exposé oral de la personne candidate, 20 min maximum)`; phases named by a word
/// (`expose`, `entretien`) are shown by their title alone.
pub fn phase_label(p: &Phase) -> String {
    match p.lettre() {
        Some(l) => format!("Phase {l} ({}, {})", p.intitule, phase_duree(p)),
        None => format!("{} ({})", p.intitule, phase_duree(p)),
    }
}

/// `Martin (enseignant), Roux (professionnel)`: the commission as every view writes it.
pub fn members(members: &[Membre]) -> String {
    let names: Vec<String> = members
        .iter()
        .map(|m| format!("{} ({})", m.nom, m.qualite))
        .collect();
    names.join(", ")
}

/// `3,2 s` for a clock jump given in milliseconds.
pub fn seconds_ms(ms: i64) -> String {
    let tenths = (ms.unsigned_abs() + 50) / 100;
    format!("{},{} s", tenths / 10, tenths % 10)
}

/// `25,0 %` from a per mille share.
pub fn permille(p: u32) -> String {
    format!("{},{} %", p / 10, p % 10)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn durations_read_like_a_stopwatch() {
        assert_eq!(clock(Duration::from_secs(190)), "3:10");
        assert_eq!(clock(Duration::from_secs(23 * 60 + 10)), "23:10");
        assert_eq!(clock(Duration::from_millis(59_999)), "0:59");
        assert_eq!(clock(Duration::from_secs(7200)), "2:00:00");
        assert_eq!(minutes(150), "2 h 30");
        assert_eq!(minutes(20), "20 min");
        assert_eq!(minutes(120), "2 h");
    }

    #[test]
    fn small_numbers_in_french() {
        assert_eq!(seconds_ms(-3_240), "3,2 s");
        assert_eq!(seconds_ms(5_000), "5,0 s");
        assert_eq!(permille(333), "33,3 %");
    }

    #[test]
    fn utc_display_is_stable() {
        let ts = Utc.with_ymd_and_hms(2025, 5, 14, 9, 5, 0).unwrap();
        assert_eq!(Tz::Utc.date(ts), "14/05/2025");
        assert_eq!(Tz::Utc.date_iso(ts), "2025-05-14");
        assert_eq!(Tz::Utc.datetime(ts), "14/05/2025 09:05");
        assert_eq!(Tz::Utc.time(ts), "09:05:00");
    }
}
