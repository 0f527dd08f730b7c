//! Text from the data (names, appréciations, commission members) made safe for where it goes.
//!
//! A candidate's name comes from a spreadsheet or a keyboard and may hold control characters:
//! an ESC sequence printed as is would clear the coordinator's screen or retitle the window, a
//! control character in a CSV, workbook or HTML file is at best noise. Two rules, one each way:
//! - [`visible`] for text printed to a terminal (plain review, stderr lists, `check`): every
//!   control character (C0 but newline and tab, DEL, C1) becomes a visible `�`, so nothing is
//!   silently hidden from the reader;
//! - [`strip`] for files (CSV, workbook, HTML): control characters are dropped, newlines and
//!   tabs kept where the format allows them (the caller quotes them).

use std::borrow::Cow;

/// What replaces a control character in terminal output.
pub const PLACEHOLDER: char = '\u{FFFD}';

/// A control character that must never reach a terminal or a file as is: C0 (except `\n` and
/// `\t`), DEL and C1 (which holds the 8-bit CSI, U+009B).
fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || matches!(c, '\u{80}'..='\u{9f}')
}

/// `s` with each unsafe control character replaced by [`PLACEHOLDER`] (borrowed when clean).
pub fn visible(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| if is_unsafe(c) { PLACEHOLDER } else { c })
            .collect(),
    )
}

/// `s` with every unsafe control character removed (borrowed when clean).
pub fn strip(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().filter(|&c| !is_unsafe(c)).collect())
}

/// `s` on one line, for a table cell or an item of a list printed one per line: every control
/// character, newlines and tabs included, becomes [`PLACEHOLDER`], so a name can neither break
/// the columns nor forge a line of its own (« OK … » in `verifier`).
pub fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { PLACEHOLDER } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_never_survive() {
        let evil = "Du\x1b]0;pwned\x07pont\x1b[2J\u{9b}31m\x7f";
        assert_eq!(
            visible(evil),
            "Du\u{fffd}]0;pwned\u{fffd}pont\u{fffd}[2J\u{fffd}31m\u{fffd}"
        );
        assert_eq!(strip(evil), "Du]0;pwnedpont[2J31m");
        for out in [visible(evil), strip(evil)] {
            assert!(!out.chars().any(is_unsafe), "{out:?}");
        }
    }

    #[test]
    fn clean_text_is_borrowed_and_keeps_newlines_tabs_and_accents() {
        let s = "Léa Écrivain\tn° 01\nligne 2";
        assert!(matches!(visible(s), Cow::Borrowed(_)));
        assert!(matches!(strip(s), Cow::Borrowed(_)));
        assert_eq!(strip(s), s);
    }

    #[test]
    fn one_line_keeps_no_line_break_nor_tab() {
        assert_eq!(one_line("A\nB\tC\x1b"), "A\u{fffd}B\u{fffd}C\u{fffd}");
    }

    #[test]
    fn carriage_return_is_unsafe() {
        // A bare CR rewrites the start of a terminal line: hidden text.
        assert_eq!(visible("abc\rX"), "abc\u{fffd}X");
    }
}
