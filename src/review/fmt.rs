//! French formatting shared by the review, its text report, the TUI, the CSV and the HTML grid:
//! durations as `mm:ss`, phase labels, and timestamps shown in local time.
//!
//! Logs store UTC; coordinators read local times. The zone is a value ([`Tz`]) rather than a
//! read of the environment deep inside, so tests and snapshots render the same everywhere.
//!
//! The hot pieces (clocks, dates, phase labels) are written by hand by `push_*` functions that
//! append to a `String`: the plain review writes tens of thousands of them, and `format!` or
//! chrono's pattern interpreter cost ten times as much as the digits. Each `String`-returning
//! function is its `push_*` into a new string, so there is one wording.

use std::time::Duration;

use chrono::{DateTime, Datelike, FixedOffset, Local, NaiveDateTime, Timelike, Utc};

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
        let mut s = String::with_capacity(10);
        self.push_date(&mut s, ts);
        s
    }

    /// Appends `14/05/2025` to `out`.
    pub fn push_date(self, out: &mut String, ts: DateTime<Utc>) {
        push_date(out, self.local(ts));
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
        let mut s = String::with_capacity(8);
        self.push_time(&mut s, ts);
        s
    }

    /// Appends `09:05:00` to `out`.
    pub fn push_time(self, out: &mut String, ts: DateTime<Utc>) {
        let t = self.local(ts);
        push_02(out, t.hour());
        out.push(':');
        push_02(out, t.minute());
        out.push(':');
        push_02(out, t.second());
    }

    /// `14/05/2025 09:05`.
    pub fn datetime(self, ts: DateTime<Utc>) -> String {
        let mut s = String::with_capacity(16);
        self.push_datetime(&mut s, ts);
        s
    }

    /// Appends `14/05/2025 09:05` to `out`.
    pub fn push_datetime(self, out: &mut String, ts: DateTime<Utc>) {
        let t = self.local(ts);
        push_date(out, t);
        out.push(' ');
        push_02(out, t.hour());
        out.push(':');
        push_02(out, t.minute());
    }
}

/// `14/05/2025`, as chrono's `%d/%m/%Y` writes it: a year outside 0–9999 (which chrono writes
/// with a sign) is left to chrono.
fn push_date(out: &mut String, t: NaiveDateTime) {
    let Ok(year) = u32::try_from(t.year()) else {
        out.push_str(&t.format("%d/%m/%Y").to_string());
        return;
    };
    if year > 9999 {
        out.push_str(&t.format("%d/%m/%Y").to_string());
        return;
    }
    push_02(out, t.day());
    out.push('/');
    push_02(out, t.month());
    out.push('/');
    push_02(out, year / 100);
    push_02(out, year % 100);
}

/// Appends `n` in decimal.
pub fn push_num(out: &mut String, n: u64) {
    let mut buf = [0u8; 20];
    for &d in decimal(&mut buf, n) {
        out.push(char::from(d));
    }
}

/// The ASCII digits of `n`, written at the end of `buf`: what `push_num` and the terminal
/// painter's cursor moves both write, without `format!`.
pub fn decimal(buf: &mut [u8; 20], mut n: u64) -> &[u8] {
    let mut i = buf.len();
    loop {
        i -= 1;
        // A digit: `n % 10` is below 10.
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    &buf[i..]
}

/// Appends `n` on at least two digits (`05`), as `{:02}` does.
fn push_02(out: &mut String, n: u32) {
    if n < 10 {
        out.push('0');
    }
    push_num(out, u64::from(n));
}

/// `3:10`, `23:10`, `2:00:00` (seconds are truncated: a log stores whole actions, not ticks).
pub fn clock(d: Duration) -> String {
    let mut s = String::with_capacity(8);
    push_clock(&mut s, d);
    s
}

/// Appends [`clock`]`(d)` to `out`.
pub fn push_clock(out: &mut String, d: Duration) {
    let s = d.as_secs();
    if s >= 3600 {
        push_num(out, s / 3600);
        out.push(':');
        // Below 60: the casts cannot truncate.
        push_02(out, (s / 60 % 60) as u32);
    } else {
        push_num(out, s / 60);
    }
    out.push(':');
    push_02(out, (s % 60) as u32);
}

/// `20 min`, `2 h`, `1 h 30`.
pub fn minutes(m: u32) -> String {
    let mut s = String::with_capacity(8);
    push_minutes(&mut s, m);
    s
}

/// Appends [`minutes`]`(m)` to `out`.
pub fn push_minutes(out: &mut String, m: u32) {
    let (h, m) = (m / 60, m % 60);
    if h == 0 {
        push_num(out, u64::from(m));
        out.push_str(" min");
    } else {
        push_num(out, u64::from(h));
        out.push_str(" h");
        if m != 0 {
            out.push(' ');
            push_02(out, m);
        }
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
    let mut s = String::with_capacity(16);
    push_phase_duree(&mut s, p);
    s
}

/// Appends [`phase_duree`]`(p)` to `out`.
pub fn push_phase_duree(out: &mut String, p: &Phase) {
    if let Some(min) = p.duree_minimum_minutes {
        push_num(out, u64::from(min));
        out.push_str(" à ");
    }
    push_minutes(out, p.duree_minutes);
    if p.maximum && p.duree_minimum_minutes.is_none() {
        out.push_str(" maximum");
    }
}

/// `Phase A (Exposé oral de la personne candidate, 20 min maximum)`; phases named by a word
/// (`expose`, `entretien`) are shown by their title alone.
pub fn phase_label(p: &Phase) -> String {
    let mut s = String::with_capacity(p.intitule.len() + 32);
    push_phase_label(&mut s, p);
    s
}

/// Appends [`phase_label`]`(p)` to `out`.
pub fn push_phase_label(out: &mut String, p: &Phase) {
    if let Some(l) = p.lettre() {
        out.push_str("Phase ");
        out.push_str(l);
        out.push_str(" (");
        out.push_str(&p.intitule);
        out.push_str(", ");
    } else {
        out.push_str(&p.intitule);
        out.push_str(" (");
    }
    push_phase_duree(out, p);
    out.push(')');
}

/// `Martin (enseignant), Roux (professionnel)`: the commission as every view writes it.
pub fn members(members: &[Membre]) -> String {
    let mut s = String::new();
    push_members(&mut s, members);
    s
}

/// Appends [`members`]`(members)` to `out`.
pub fn push_members(out: &mut String, members: &[Membre]) {
    for (i, m) in members.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&m.nom);
        out.push_str(" (");
        out.push_str(&m.qualite);
        out.push(')');
    }
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
#[path = "fmt_tests.rs"]
mod tests;
