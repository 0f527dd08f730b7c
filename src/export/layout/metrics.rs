//! How much room text takes on paper: Arial / Liberation Sans character widths (the same
//! metrics, and close to Helvetica's), the line height of the print CSS, and where a browser
//! would break a text into lines. Estimates err on the wide side, never the narrow one.

use std::ops::Range;

/// Millimetres per typographic point.
pub const PT: f32 = 25.4 / 72.0;
/// The CSS `line-height` of every text (unitless, so it scales with the font size).
pub const LINE_HEIGHT: f32 = 1.15;
/// Width of the printable area of an A4 sheet (210 mm less 12 mm margins each side).
pub const WIDTH: f32 = 186.0;
/// Height given to one sheet: the printable 277 mm (297 less 10 mm margins top and bottom) less
/// a little, so rounding in the browser never pushes a sheet onto a second page.
pub const SHEET: f32 = 274.0;
/// Safety factor on every text width estimate (browsers, fonts and hinting differ).
const SAFETY: f32 = 1.02;

/// Widths in em of `a`..`z`, then `A`..`Z`, in Arial (regular, then bold): the metrics of
/// Liberation Sans too, and close to Helvetica's.
const LOWER: [f32; 26] = [
    0.556, 0.556, 0.5, 0.556, 0.556, 0.278, 0.556, 0.556, 0.222, 0.222, 0.5, 0.222, 0.833, 0.556,
    0.556, 0.556, 0.556, 0.333, 0.5, 0.278, 0.556, 0.5, 0.722, 0.5, 0.5, 0.5,
];
const LOWER_BOLD: [f32; 26] = [
    0.556, 0.611, 0.556, 0.611, 0.556, 0.333, 0.611, 0.611, 0.278, 0.278, 0.556, 0.278, 0.889,
    0.611, 0.611, 0.611, 0.611, 0.389, 0.556, 0.333, 0.611, 0.556, 0.778, 0.556, 0.556, 0.5,
];
const UPPER: [f32; 26] = [
    0.667, 0.667, 0.722, 0.722, 0.667, 0.611, 0.778, 0.722, 0.278, 0.5, 0.667, 0.556, 0.833, 0.722,
    0.778, 0.667, 0.778, 0.722, 0.667, 0.611, 0.722, 0.667, 0.944, 0.667, 0.667, 0.611,
];
const UPPER_BOLD: [f32; 26] = [
    0.722, 0.722, 0.722, 0.722, 0.667, 0.611, 0.778, 0.722, 0.278, 0.556, 0.722, 0.611, 0.833,
    0.722, 0.778, 0.667, 0.778, 0.722, 0.667, 0.611, 0.722, 0.667, 0.944, 0.667, 0.667, 0.611,
];

/// The unaccented letter of a French accented one, which has its width.
fn base(c: char) -> char {
    match c {
        'à' | 'â' | 'ä' | 'á' | 'ã' | 'å' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'î' | 'ï' | 'í' | 'ì' => 'i',
        'ô' | 'ö' | 'ó' | 'ò' | 'õ' => 'o',
        'ù' | 'û' | 'ü' | 'ú' => 'u',
        'ç' => 'c',
        'ñ' => 'n',
        'ÿ' => 'y',
        'À' | 'Â' | 'Ä' | 'Á' | 'Ã' | 'Å' => 'A',
        'É' | 'È' | 'Ê' | 'Ë' => 'E',
        'Î' | 'Ï' | 'Í' | 'Ì' => 'I',
        'Ô' | 'Ö' | 'Ó' | 'Ò' | 'Õ' => 'O',
        'Ù' | 'Û' | 'Ü' | 'Ú' => 'U',
        'Ç' => 'C',
        'Ñ' => 'N',
        'Ÿ' => 'Y',
        c => c,
    }
}

/// Width of a character in em.
fn em(c: char, bold: bool) -> f32 {
    let c = base(c);
    let pick = |table: [f32; 26], bold_table: [f32; 26], i: u32| {
        let t = if bold { bold_table } else { table };
        t[i as usize]
    };
    match c {
        'a'..='z' => pick(LOWER, LOWER_BOLD, c as u32 - 'a' as u32),
        'A'..='Z' => pick(UPPER, UPPER_BOLD, c as u32 - 'A' as u32),
        '0'..='9' | '«' | '»' | '–' | '_' | '$' | '#' | '?' => 0.556,
        ' ' | '\u{a0}' | '\u{202f}' | '.' | ',' | '/' | '\\' => 0.278,
        ':' | ';' | '!' | '’' | '‘' | '\'' | '|' => {
            if bold {
                0.333
            } else {
                0.278
            }
        }
        '(' | ')' | '[' | ']' | '-' | '"' | '“' | '”' | '°' => 0.4,
        '&' | '+' | '=' | '<' | '>' | '~' => 0.722,
        'œ' | 'æ' => 0.944,
        'Œ' | 'Æ' | '—' | '…' | '%' | '@' | '½' => 1.0,
        c if c.is_uppercase() => 0.778,
        c if c.is_alphabetic() => 0.611,
        // Symbols and scripts we know nothing about: as wide as a wide capital, to be safe.
        _ => 0.833,
    }
}

/// The font of a piece of text: its size in points and whether it is bold.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Font {
    pub size: f32,
    pub bold: bool,
}

impl Font {
    pub const fn regular(size: f32) -> Self {
        Font { size, bold: false }
    }

    pub const fn bold(size: f32) -> Self {
        Font { size, bold: true }
    }

    /// Height of one line, in mm.
    pub fn line(self) -> f32 {
        self.size * PT * LINE_HEIGHT
    }

    fn width(self, c: char) -> f32 {
        em(c, self.bold) * self.size * PT * SAFETY
    }

    /// Height of `text` wrapped in a column `width` mm wide (at least one line).
    pub fn height(self, text: &str, width: f32) -> f32 {
        wrap(text, width, self).len().max(1) as f32 * self.line()
    }
}

/// Where a browser would break `text` into lines in a column `width` mm wide: the byte range of
/// each line. Breaks at spaces (greedy, as browsers do); a word wider than the column breaks
/// anywhere (the CSS says `overflow-wrap: anywhere`); newlines are kept (`white-space:
/// pre-wrap`). An empty text has no line.
pub fn wrap(text: &str, width: f32, font: Font) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut start = 0;
    for para in text.split('\n') {
        wrap_paragraph(para, start, width, font, &mut lines);
        start += para.len() + 1;
    }
    if text.is_empty() {
        lines.clear();
    }
    lines
}

fn wrap_paragraph(para: &str, offset: usize, width: f32, font: Font, out: &mut Vec<Range<usize>>) {
    let mut line_start = 0;
    let mut used = 0.0;
    // The last place the line may break (just after a space), and the width up to it.
    let mut last_space: Option<(usize, f32)> = None;
    for (i, c) in para.char_indices() {
        let w = font.width(c);
        if c == ' ' {
            used += w;
            last_space = Some((i + 1, used));
            continue;
        }
        if used + w > width && used > 0.0 {
            match last_space {
                Some((brk, upto)) if brk > line_start => {
                    out.push(offset + line_start..offset + brk);
                    line_start = brk;
                    used -= upto;
                }
                _ => {
                    out.push(offset + line_start..offset + i);
                    line_start = i;
                    used = 0.0;
                }
            }
            last_space = None;
        }
        used += w;
    }
    out.push(offset + line_start..offset + para.len());
}

#[cfg(test)]
mod tests {
    use super::*;

    const F: Font = Font::regular(9.5);

    #[test]
    fn short_text_is_one_line_and_empty_text_none() {
        assert_eq!(wrap("Exposé clair", 100.0, F), vec![0..13]);
        assert!(wrap("", 100.0, F).is_empty());
    }

    #[test]
    fn lines_break_after_spaces_and_keep_every_byte() {
        let text = "Contribution solide au projet de l’offre « séjours professionnels » ; veille";
        let lines = wrap(text, 40.0, F);
        assert!(lines.len() >= 3, "{lines:?}");
        // Contiguous ranges covering the whole text, each break just after a space.
        assert_eq!(lines[0].start, 0);
        assert_eq!(lines.last().map(|l| l.end), Some(text.len()));
        for w in lines.windows(2) {
            assert_eq!(w[0].end, w[1].start);
            assert!(text[..w[0].end].ends_with(' '), "{:?}", &text[w[0].clone()]);
        }
    }

    #[test]
    fn a_word_wider_than_the_column_breaks_anywhere() {
        let long = "A".repeat(200);
        let lines = wrap(&long, 30.0, F);
        assert!(lines.len() > 5, "{lines:?}");
        assert!(lines.iter().all(|l| !l.is_empty()));
    }

    #[test]
    fn newlines_are_hard_breaks() {
        assert_eq!(wrap("a\nb\n\nc", 100.0, F).len(), 4);
    }

    #[test]
    fn bold_and_capitals_take_more_room() {
        let t = "Participer à la gestion des outils bureautiques";
        assert!(Font::bold(9.5).height(t, 40.0) >= F.height(t, 40.0));
        assert!(F.height(&t.to_uppercase(), 40.0) > F.height(t, 40.0));
    }
}
