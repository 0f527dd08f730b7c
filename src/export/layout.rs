//! Pagination of the printed documents, decided before the browser lays them out.
//!
//! A printed grid must say « page N / M » and repeat who it is about on every sheet, and
//! browsers cannot be trusted to do either for one grid among many in a document: page margin
//! boxes with custom text are missing from some browsers, a `position: fixed` header repeats the
//! same text over every grid, and page counters run across the whole document. So the documents
//! are cut into A4 sheets here: each block's height is estimated from the text it holds
//! (Arial / Liberation Sans metrics, rounded up so an estimate errs on the tall side), and blocks
//! are packed greedily into sheets of known height. Tables split between rows, their head
//! repeated; long text splits between lines. The print CSS ([`super::print`]) uses the same
//! sizes (mm and pt), and a test prints real documents with Chromium to check the sheet count.

use std::ops::Range;

use maud::{Markup, html};

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

/// A block that is never split across sheets.
#[derive(Debug, Clone)]
pub struct Block {
    /// Estimated height in mm, margins included.
    pub height: f32,
    pub html: Markup,
}

/// A table that may split between rows; its title and head are repeated on the next sheet.
#[derive(Debug, Clone)]
pub struct Rows {
    /// Shown above the table (« (suite) » added on a continuation), with its height.
    pub title: Option<(String, f32)>,
    /// CSS class of the table.
    pub class: &'static str,
    /// `<colgroup>` (fixed column widths).
    pub cols: Markup,
    /// The head row(s) and their height.
    pub head: Markup,
    pub head_height: f32,
    /// Each body row with its height.
    pub rows: Vec<(f32, Markup)>,
}

/// A boxed text (titled) that may split between lines.
#[derive(Debug, Clone)]
pub struct Text {
    pub title: String,
    pub text: String,
    pub font: Font,
    /// Width of the text inside the box, in mm.
    pub width: f32,
    /// Height of the box without its text (title, padding, borders, margins), in mm.
    pub chrome: f32,
    /// Minimum height of the text area (room to write by hand), in mm.
    pub min_text: f32,
}

/// What a document is made of, in reading order.
#[derive(Debug, Clone)]
pub enum Item {
    Block(Block),
    Rows(Rows),
    Text(Text),
}

/// Packs `items` into sheets whose content area is `capacity` mm high: the markup of each sheet.
/// An item that cannot fit even an empty sheet is placed alone on its own (never dropped).
pub fn paginate(items: Vec<Item>, capacity: f32) -> Vec<Vec<Markup>> {
    let mut p = Packer {
        capacity,
        sheets: vec![Vec::new()],
        used: 0.0,
    };
    for item in items {
        match item {
            Item::Block(b) => p.block(b.height, b.html),
            Item::Rows(t) => p.rows(t),
            Item::Text(t) => p.text(t),
        }
    }
    p.sheets
}

struct Packer {
    capacity: f32,
    sheets: Vec<Vec<Markup>>,
    used: f32,
}

impl Packer {
    fn room(&self) -> f32 {
        self.capacity - self.used
    }

    fn empty(&self) -> bool {
        self.sheets.last().is_none_or(Vec::is_empty)
    }

    fn new_sheet(&mut self) {
        self.sheets.push(Vec::new());
        self.used = 0.0;
    }

    fn push(&mut self, height: f32, html: Markup) {
        self.used += height;
        if let Some(s) = self.sheets.last_mut() {
            s.push(html);
        }
    }

    fn block(&mut self, height: f32, html: Markup) {
        if height > self.room() && !self.empty() {
            self.new_sheet();
        }
        self.push(height, html);
    }

    fn rows(&mut self, t: Rows) {
        let title_h = t.title.as_ref().map_or(0.0, |(_, h)| *h);
        let chrome = title_h + t.head_height + TABLE_MARGIN;
        let mut pending: Vec<Markup> = Vec::new();
        let mut pending_h = chrome;
        let mut suite = false;
        // Never leave a title and head alone at the foot of a sheet.
        let first = t.rows.first().map_or(0.0, |(h, _)| *h);
        if chrome + first > self.room() && !self.empty() {
            self.new_sheet();
        }
        for (h, row) in t.rows.iter().cloned() {
            if pending_h + h > self.room() && !pending.is_empty() {
                let html = render_rows(&t, &pending, suite);
                self.push(pending_h, html);
                self.new_sheet();
                pending.clear();
                pending_h = chrome;
                suite = true;
            }
            pending.push(row);
            pending_h += h;
        }
        let html = render_rows(&t, &pending, suite);
        self.push(pending_h, html);
    }

    fn text(&mut self, t: Text) {
        let line = t.font.line();
        let lines = wrap(&t.text, t.width, t.font);
        let min_lines = (t.min_text / line).ceil() as usize;
        let mut first = 0;
        let mut suite = false;
        loop {
            let left = lines.len() - first;
            let wanted = if suite {
                left.max(1)
            } else {
                left.max(min_lines)
            };
            let fit = ((self.room() - t.chrome) / line).floor().max(0.0) as usize;
            if fit >= wanted {
                self.text_piece(&t, &lines, first..lines.len(), suite, wanted);
                return;
            }
            // On a sheet already begun, a piece of one line is not worth it: next sheet.
            if fit < 2 && !self.empty() {
                self.new_sheet();
                continue;
            }
            // At least one line per sheet, even on a fresh sheet too short for it.
            let take = fit.max(1).min(left);
            if take == left {
                // The text fits, only the room to write by hand is cut down.
                self.text_piece(&t, &lines, first..lines.len(), suite, fit.max(left));
                return;
            }
            self.text_piece(&t, &lines, first..first + take, suite, take);
            self.new_sheet();
            first += take;
            suite = true;
        }
    }

    fn text_piece(
        &mut self,
        t: &Text,
        lines: &[Range<usize>],
        part: Range<usize>,
        suite: bool,
        shown: usize,
    ) {
        let html = render_text(t, lines, part, suite, shown);
        self.push(t.chrome + shown as f32 * t.font.line(), html);
    }
}

/// Vertical margin around every table and box (1.5 mm above and below, see the CSS).
pub const TABLE_MARGIN: f32 = 3.0;

fn render_rows(t: &Rows, rows: &[Markup], suite: bool) -> Markup {
    html! {
        @if let Some((title, _)) = &t.title {
            p.titre-bloc { (title) @if suite { " (suite)" } }
        }
        table class=(t.class) {
            (t.cols)
            thead { (t.head) }
            tbody { @for r in rows { (r) } }
        }
    }
}

fn render_text(
    t: &Text,
    lines: &[Range<usize>],
    part: Range<usize>,
    suite: bool,
    shown: usize,
) -> Markup {
    let text = match (
        lines.get(part.start),
        part.end.checked_sub(1).and_then(|i| lines.get(i)),
    ) {
        (Some(a), Some(b)) => t.text.get(a.start..b.end).unwrap_or(""),
        _ => "",
    };
    // The box keeps the room it was given, so what follows is where the estimate put it.
    let min = shown as f32 * t.font.line();
    html! {
        div.boite-texte {
            p.titre-bloc { (t.title) @if suite { " (suite)" } }
            p.texte style=(format!("min-height: {min:.1}mm")) { (text.trim_end_matches('\n')) }
        }
    }
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

    fn block(h: f32, tag: &str) -> Item {
        Item::Block(Block {
            height: h,
            html: html! { (tag) },
        })
    }

    fn text_of(sheets: &[Vec<Markup>]) -> Vec<String> {
        sheets
            .iter()
            .map(|s| s.iter().map(|m| m.0.clone()).collect())
            .collect()
    }

    #[test]
    fn blocks_go_to_the_next_sheet_when_they_do_not_fit() {
        let sheets = paginate(
            vec![block(60.0, "a"), block(50.0, "b"), block(10.0, "c")],
            100.0,
        );
        assert_eq!(text_of(&sheets), ["a", "bc"]);
        // A block taller than a sheet still prints, alone.
        let sheets = paginate(
            vec![block(10.0, "a"), block(150.0, "b"), block(10.0, "c")],
            100.0,
        );
        assert_eq!(text_of(&sheets), ["a", "b", "c"]);
    }

    #[test]
    fn tables_split_between_rows_and_repeat_their_head() {
        let rows = (0..10)
            .map(|i| (10.0, html! { tr { td { (i) } } }))
            .collect();
        let t = Rows {
            title: Some(("Liste".into(), 5.0)),
            class: "liste",
            cols: html! {},
            head: html! { tr { th { "n" } } },
            head_height: 5.0,
            rows,
        };
        let sheets = paginate(vec![block(40.0, "x"), Item::Rows(t)], 100.0);
        let text = text_of(&sheets);
        assert_eq!(text.len(), 2, "{text:?}");
        assert!(text[0].contains("<td>0</td>") && text[0].contains("<td>3</td>"));
        assert!(!text[0].contains("<td>4</td>"), "{}", text[0]);
        assert!(text[1].contains("Liste (suite)") && text[1].contains("<th>n</th>"));
        assert!(text[1].contains("<td>9</td>"));
    }

    #[test]
    fn long_text_splits_between_lines_without_losing_any() {
        let words: Vec<String> = (0..400).map(|i| format!("mot{i}")).collect();
        let body = words.join(" ");
        let t = Text {
            title: "Appréciation générale :".into(),
            text: body.clone(),
            font: F,
            width: 180.0,
            chrome: 10.0,
            min_text: 20.0,
        };
        let sheets = paginate(vec![block(80.0, "x"), Item::Text(t)], 100.0);
        assert!(sheets.len() >= 2);
        let all = text_of(&sheets).concat();
        assert!(all.contains("Appréciation générale : (suite)"));
        for w in &words {
            assert!(
                all.contains(&format!("{w} ")) || all.contains(&format!("{w}<")),
                "{w}"
            );
        }
    }
}
