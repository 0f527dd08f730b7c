//! How every screen writes times, durations, phases and candidates, and fits text in columns:
//! one place, so the screens agree and a change of wording is made once.
//!
//! Durations are `timing::fmt_mmss` (time spent, rounded down) and `timing::fmt_overtime`;
//! [`countdown`] only adds the rounding up of time left. Times of day go through the one
//! time-zone type, [`Tz`] (shared with the review). Text is measured in terminal columns:
//! [`width`], [`truncate`] (the one truncator) and [`wrap`] (the one word-wrapper).

use std::time::Duration;

use chrono::{DateTime, Utc};
use ratatui::text::Span;

use crate::referentiel::Phase;
use crate::review::Tz;
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
pub fn hm(ts: DateTime<Utc>, tz: Tz) -> String {
    tz.format(ts, "%H:%M")
}

/// Local date and time, `12/06 14:05`.
pub fn day_hm(ts: DateTime<Utc>, tz: Tz) -> String {
    tz.format(ts, "%d/%m %H:%M")
}

/// `le 12/06/2025 à 14:05`.
pub fn le_a(ts: DateTime<Utc>, tz: Tz) -> String {
    tz.format(ts, "le %d/%m/%Y à %H:%M")
}

/// `Phase A`, or the start of the intitulé when the phase has no letter: a phase in a sentence
/// or a status line.
pub fn phase_name(p: &Phase) -> String {
    match p.lettre() {
        Some(l) => format!("Phase {l}"),
        None => truncate(&p.intitule, 40),
    }
}

/// `phase A`, or the start of the intitulé when the phase has no letter (E1 and E3 in CCF): a
/// phase inside a French phrase (« phase A en cours », « Exposé du groupe projet… en cours »).
pub fn phase_in_sentence(p: &Phase) -> String {
    match p.lettre() {
        Some(l) => format!("phase {l}"),
        None => truncate(&p.intitule, 30),
    }
}

/// The phase of id `id` in `phases` as [`phase_in_sentence`] names it: screens never show a
/// phase's data id (`expose`), only the name the timer shows. The id itself only for a phase
/// the séance does not plan (a log that does not replay).
pub fn phase_id_in_sentence(phases: &[Phase], id: &str) -> String {
    phases
        .iter()
        .find(|p| p.id == id)
        .map_or_else(|| format!("phase {id}"), phase_in_sentence)
}

/// `A · Exposé oral…`, or the bare intitulé: a phase in a list.
pub fn phase_label(p: &Phase) -> String {
    match p.lettre() {
        Some(l) => format!("{l} · {}", p.intitule),
        None => p.intitule.clone(),
    }
}

/// `Phase A · Exposé oral…`, or the bare intitulé: the phase as a title.
pub fn phase_title(p: &Phase) -> String {
    match p.lettre() {
        Some(_) => format!("Phase {}", phase_label(p)),
        None => p.intitule.clone(),
    }
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

/// Display width of a string in terminal columns.
pub fn width(s: &str) -> usize {
    Span::raw(s).width()
}

fn char_width(c: char) -> usize {
    let mut buf = [0u8; 4];
    width(c.encode_utf8(&mut buf))
}

/// Cuts `s` to at most `max` columns, ending with "…" when something was cut.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = char_width(c);
        if used + w + 1 > max {
            break;
        }
        out.push(c);
        used += w;
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('…');
    out
}

/// Word-wraps `s` into lines of at most `max` columns; a word longer than a line is split.
/// Always returns at least one line (possibly empty), never loops on a zero width.
pub fn wrap(s: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in s.split_whitespace() {
        let w = width(word);
        if used > 0 && used + 1 + w > max {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        if used > 0 {
            line.push(' ');
            used += 1;
        }
        if w <= max {
            line.push_str(word);
            used += w;
            continue;
        }
        // A word wider than the line: split it at the column limit.
        for c in word.chars() {
            let cw = char_width(c);
            if used + cw > max && used > 0 {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            line.push(c);
            used += cw;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Wraps a multi-line text paragraph by paragraph, keeping its line breaks.
pub fn wrap_paragraphs(s: &str, max: usize) -> Vec<String> {
    s.lines().flat_map(|l| wrap(l, max)).collect()
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

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
    fn times_of_day_in_the_zone_given() {
        let ts = Utc.with_ymd_and_hms(2025, 6, 11, 23, 30, 0).unwrap();
        let paris = Tz::Fixed(chrono::FixedOffset::east_opt(7200).unwrap());
        assert_eq!(hm(ts, paris), "01:30");
        assert_eq!(day_hm(ts, paris), "12/06 01:30");
        assert_eq!(le_a(ts, Tz::Utc), "le 11/06/2025 à 23:30");
    }

    #[test]
    fn truncates_with_an_ellipsis() {
        assert_eq!(
            truncate("Pertinence du recueil", 30),
            "Pertinence du recueil"
        );
        assert_eq!(truncate("Pertinence du recueil", 12), "Pertinence…");
        assert_eq!(truncate("Entretien", 5), "Entr…");
        assert_eq!(truncate("abc", 0), "");
        assert_eq!(truncate("abcdef", 1), "…");
    }

    #[test]
    fn wraps_at_words_and_splits_long_words() {
        assert_eq!(
            wrap("Respect de la procédure d’actualisation", 16),
            ["Respect de la", "procédure", "d’actualisation"]
        );
        assert_eq!(wrap("abcdefgh", 3), ["abc", "def", "gh"]);
        assert_eq!(wrap("", 10), [""]);
        assert_eq!(wrap("a b", 0), ["a", "b"]);
        assert_eq!(
            wrap_paragraphs("un\n\ndeux trois", 5),
            ["un", "", "deux", "trois"]
        );
    }
}
