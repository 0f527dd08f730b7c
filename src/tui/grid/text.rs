//! Small text helpers of the grid screen: word wrapping and truncation by display columns.
//!
//! The grid lays out its own lines (rather than letting `Paragraph` wrap) because it must know
//! how many lines each row takes to keep the cursor row in view when scrolling.

use ratatui::text::Span;

/// Display width of a string in terminal columns.
pub(crate) fn width(s: &str) -> usize {
    Span::raw(s).width()
}

fn char_width(c: char) -> usize {
    let mut buf = [0u8; 4];
    width(c.encode_utf8(&mut buf))
}

/// Cuts `s` to at most `max` columns, ending with "…" when something was cut.
pub(crate) fn truncate(s: &str, max: usize) -> String {
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
pub(crate) fn wrap(s: &str, max: usize) -> Vec<String> {
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
pub(crate) fn wrap_paragraphs(s: &str, max: usize) -> Vec<String> {
    s.lines().flat_map(|l| wrap(l, max)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncates_with_an_ellipsis() {
        assert_eq!(
            truncate("Pertinence du recueil", 30),
            "Pertinence du recueil"
        );
        assert_eq!(truncate("Pertinence du recueil", 12), "Pertinence…");
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
