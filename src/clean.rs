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

/// Whether `s` holds an unsafe control character, by bytes: C0 and DEL are single bytes, C1
/// (U+0080–U+009F) is `C2 80`–`C2 9F` in UTF-8, and no other character's encoding holds those
/// bytes. The same answer as `s.chars().any(is_unsafe)` without decoding: the plain review
/// passes tens of megabytes through it, so blocks of 16 bytes holding none of the bytes that
/// may begin one are skipped whole (the test has no branch per byte, so it compiles to a few
/// vector instructions); only a block holding one is looked at byte by byte.
fn any_unsafe(s: &str) -> bool {
    const BLOCK: usize = 16;
    let b = s.as_bytes();
    let suspect = |c: u8| (c < 0x20) | (c == 0x7f) | (c == 0xc2);
    let unsafe_at = |i: usize| {
        let c = b[i];
        (c < 0x20 && c != b'\n' && c != b'\t')
            || c == 0x7f
            || (c == 0xc2 && b.get(i + 1).is_some_and(|&n| (0x80..=0x9f).contains(&n)))
    };
    let blocks = b.chunks_exact(BLOCK);
    let tail = b.len() - blocks.remainder().len();
    for (k, block) in blocks.enumerate() {
        if block.iter().fold(false, |any, &c| any | suspect(c)) {
            let start = k * BLOCK;
            if (start..start + BLOCK).any(unsafe_at) {
                return true;
            }
        }
    }
    (tail..b.len()).any(unsafe_at)
}

/// `s` with each unsafe control character replaced by [`PLACEHOLDER`] (borrowed when clean).
pub fn visible(s: &str) -> Cow<'_, str> {
    if !any_unsafe(s) {
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
    if !any_unsafe(s) {
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
    fn the_byte_scan_agrees_with_the_character_rule() {
        let chars = (0..0x800u32).chain([0x2028, 0xfeff, 0xfffd, 0x1f600]);
        for c in chars.filter_map(char::from_u32) {
            let s = format!("a{c}b");
            assert_eq!(any_unsafe(&s), is_unsafe(c), "{c:?}");
        }
    }

    #[test]
    fn the_block_skip_sees_a_control_character_anywhere() {
        // Every offset across several 16-byte blocks, after ASCII and after accents (so a
        // C1's two bytes may straddle two blocks).
        for pad in ["x", "é"] {
            for at in 0..40 {
                for (c, unsafe_) in [
                    ('\x1b', true),
                    ('\u{9b}', true),
                    ('\n', false),
                    ('«', false),
                ] {
                    let s = format!("{}{c}{}", pad.repeat(at), pad.repeat(40 - at));
                    assert_eq!(any_unsafe(&s), unsafe_, "{s:?}");
                }
            }
        }
    }

    #[test]
    fn carriage_return_is_unsafe() {
        // A bare CR rewrites the start of a terminal line: hidden text.
        assert_eq!(visible("abc\rX"), "abc\u{fffd}X");
    }
}
