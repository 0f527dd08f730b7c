//! How times of day and candidates are written on screen, in one place so every screen agrees.
//! Durations are written by `timing::fmt_mmss` (time spent, rounded down) and
//! `timing::fmt_overtime`; [`countdown`] only adds the rounding up of time left.

use std::time::Duration;

use chrono::{DateTime, FixedOffset, Utc};

use crate::session::Candidat;
use crate::timing::fmt_mmss;

/// Time left, rounded up: a phase of 25 min shows 25:00 at its start and 00:01 in its last
/// second, never 00:00 while time is left.
pub fn countdown(d: Duration) -> String {
    fmt_mmss(Duration::from_secs(
        d.as_secs() + u64::from(d.subsec_nanos() > 0),
    ))
}

/// Local time of day, `14:05`.
pub fn hm(ts: DateTime<Utc>, tz: FixedOffset) -> String {
    ts.with_timezone(&tz).format("%H:%M").to_string()
}

/// Local date and time, `12/06 14:05`.
pub fn day_hm(ts: DateTime<Utc>, tz: FixedOffset) -> String {
    ts.with_timezone(&tz).format("%d/%m %H:%M").to_string()
}

/// `DURAND Éloïse (0123)`.
pub fn candidat(c: &Candidat) -> String {
    let mut s = c.nom.to_uppercase();
    if !c.prenom.is_empty() {
        s.push(' ');
        s.push_str(&c.prenom);
    }
    format!("{s} ({})", c.numero)
}

/// Candidates of a séance on one line.
pub fn candidats(list: &[Candidat]) -> String {
    list.iter().map(candidat).collect::<Vec<_>>().join(", ")
}

/// Cuts `s` to at most `width` characters, with an ellipsis when cut.
pub fn fit(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        return s.to_string();
    }
    let mut out: String = s.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countdown_rounds_up() {
        assert_eq!(countdown(Duration::from_millis(1_500_000)), "25:00");
        assert_eq!(countdown(Duration::from_millis(1_499_001)), "25:00");
        assert_eq!(countdown(Duration::from_millis(1_498_999)), "24:59");
        assert_eq!(countdown(Duration::from_millis(1)), "00:01");
        assert_eq!(countdown(Duration::ZERO), "00:00");
        assert_eq!(countdown(Duration::from_secs(7200)), "2:00:00");
    }

    #[test]
    fn fit_cuts_with_an_ellipsis() {
        assert_eq!(fit("Entretien", 20), "Entretien");
        assert_eq!(fit("Entretien", 5), "Entr…");
    }
}
