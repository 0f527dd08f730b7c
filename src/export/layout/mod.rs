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
//!
//! [`metrics`] estimates the room text takes; this module packs blocks into sheets.

mod metrics;

use std::ops::Range;

use maud::{Markup, html};

pub use metrics::{Font, LINE_HEIGHT, PT, SHEET, WIDTH, wrap};

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
