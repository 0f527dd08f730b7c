//! Clock figures as the French UI shows them: "07:05", "1:05:00", "+02:13".

use std::time::Duration;

/// A duration truncated to the whole second: "MM:SS" under an hour ("07:05"), "H:MM:SS" from an
/// hour on ("1:05:00"). Clock durations are already whole seconds (see [`super::clock`]).
pub fn fmt_mmss(d: Duration) -> String {
    let s = d.as_secs();
    let (h, m, s) = (s / 3600, s / 60 % 60, s % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m:02}:{s:02}")
    }
}

/// Time past the planned duration, signed so it cannot be mistaken for a countdown: "+02:13".
pub fn fmt_overtime(d: Duration) -> String {
    format!("+{}", fmt_mmss(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(n: u64) -> Duration {
        Duration::from_secs(n)
    }

    #[test]
    fn minutes_and_seconds_under_an_hour() {
        assert_eq!(fmt_mmss(s(0)), "00:00");
        assert_eq!(fmt_mmss(s(425)), "07:05");
        assert_eq!(fmt_mmss(s(3599)), "59:59");
        assert_eq!(fmt_mmss(Duration::from_millis(59_999)), "00:59");
    }

    #[test]
    fn hours_from_one_hour_on() {
        assert_eq!(fmt_mmss(s(3600)), "1:00:00");
        assert_eq!(fmt_mmss(s(3900)), "1:05:00");
        assert_eq!(fmt_mmss(s(7199)), "1:59:59");
        assert_eq!(fmt_mmss(s(36_000 + 61)), "10:01:01");
    }

    #[test]
    fn overtime_has_a_plus_sign() {
        assert_eq!(fmt_overtime(s(133)), "+02:13");
        assert_eq!(fmt_overtime(s(0)), "+00:00");
        assert_eq!(fmt_overtime(s(3725)), "+1:02:05");
    }
}
