//! The big countdown digits (tui-big-text's 8×8 font), sized to the room: 16 rows on a large
//! terminal (each pixel 2×2 cells), then 8, 4, or plain text; shared by the timer and the
//! candidate display.
//!
//! Drawn once a second for hours, so they are cheap: each glyph is rendered by tui-big-text once
//! and kept, and [`BigDigits::redraw`] repaints only the glyphs that changed since the last draw
//! (usually one: `24:59` → `24:58`), in place.

use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::Style;
use ratatui::widgets::{Paragraph, Widget};
use tui_big_text::{BigText, PixelSize};

use crate::timing::{PhaseTiming, fmt_overtime};
use crate::tui::fmt;

/// What the big digits say: the time left, or the overtime counted up.
pub fn big_time(t: &PhaseTiming) -> String {
    if t.overtime.is_zero() {
        fmt::countdown(t.remaining)
    } else {
        fmt_overtime(t.overtime)
    }
}

/// How large the digits are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Size {
    /// 8×8 glyphs, each pixel 2×2 cells.
    Doubled,
    Glyphs(PixelSize),
    Plain,
}

impl Size {
    /// The largest size for `chars` characters in `area` (16 rows, 8, 4, else plain text).
    fn fitting(area: Rect, chars: usize) -> Size {
        let width = u16::try_from(chars * 8).unwrap_or(u16::MAX);
        if area.height >= 16 && area.width >= width.saturating_mul(2) {
            Size::Doubled
        } else if area.height >= 8 && area.width >= width {
            Size::Glyphs(PixelSize::Full)
        } else if area.height >= 4 && area.width >= width {
            Size::Glyphs(PixelSize::HalfHeight)
        } else if area.height >= 2 && area.width >= width / 2 {
            Size::Glyphs(PixelSize::Quadrant)
        } else {
            Size::Plain
        }
    }

    /// Cells of one glyph: (columns, rows).
    fn glyph(self) -> (u16, u16) {
        match self {
            Size::Doubled => (16, 16),
            Size::Glyphs(PixelSize::Full) => (8, 8),
            Size::Glyphs(PixelSize::Quadrant) => (4, 4),
            Size::Glyphs(_) => (8, 4),
            Size::Plain => (1, 1),
        }
    }
}

/// What was drawn last, to repaint only what changed.
#[derive(Debug, Clone, PartialEq)]
struct Drawn {
    area: Rect,
    text: Vec<char>,
    style: Style,
    size: Size,
}

/// The big digits and their cache of rendered glyphs.
#[derive(Debug, Clone, Default)]
pub struct BigDigits {
    /// One glyph as tui-big-text renders it at a pixel size: its cells' symbols, row by row.
    glyphs: Vec<(char, PixelSize, Vec<char>)>,
    drawn: Option<Drawn>,
}

impl BigDigits {
    /// Draws `text` as large as `area` allows (the area is blank: a frame being drawn).
    pub fn draw(&mut self, buf: &mut Buffer, area: Rect, text: &str, style: Style) {
        let text: Vec<char> = text.chars().collect();
        let size = Size::fitting(area, text.len());
        self.paint(buf, area, &text, style, size, None, true, None);
        self.drawn = Some(Drawn {
            area,
            text,
            style,
            size,
        });
    }

    /// Repaints `text` where the last [`draw`](Self::draw) put the digits, touching only the
    /// glyphs that differ; returns the areas painted (none when nothing changed).
    pub fn redraw(&mut self, buf: &mut Buffer, text: &str, style: Style) -> Vec<Rect> {
        let Some(last) = self.drawn.take() else {
            return Vec::new();
        };
        let text: Vec<char> = text.chars().collect();
        let size = Size::fitting(last.area, text.len());
        let same_place = size == last.size && text.len() == last.text.len();
        let painted = if same_place && size != Size::Plain {
            // Same place: the glyphs that changed, or all of them in a new colour (from blank
            // cells then, so no modifier of the old style stays).
            let restyle = style != last.style;
            let changed: Vec<usize> = (0..text.len())
                .filter(|&i| text[i] != last.text[i] || restyle)
                .collect();
            self.paint(
                buf,
                last.area,
                &text,
                style,
                size,
                Some(&changed),
                restyle,
                Some(&last.text),
            )
        } else if same_place && text == last.text && style == last.style {
            Vec::new()
        } else {
            // Another size or length: the whole area again, from blank.
            for cell in buf_cells(buf, last.area) {
                cell.reset();
            }
            self.paint(buf, last.area, &text, style, size, None, true, None);
            vec![last.area]
        };
        self.drawn = Some(Drawn {
            area: last.area,
            text,
            style,
            size,
        });
        painted
    }

    /// Paints every glyph of `text` (or only those at `only`); returns the glyph areas painted.
    /// `styled`: the whole glyph is painted (from blank, or in a new colour); otherwise, with
    /// `before`, only the cells whose pixel differs from the glyph before (a new second).
    #[allow(clippy::too_many_arguments)]
    fn paint(
        &mut self,
        buf: &mut Buffer,
        area: Rect,
        text: &[char],
        style: Style,
        size: Size,
        only: Option<&[usize]>,
        styled: bool,
        before: Option<&[char]>,
    ) -> Vec<Rect> {
        let n = u16::try_from(text.len()).unwrap_or(u16::MAX);
        let (cw, rows) = size.glyph();
        let band = match size {
            Size::Doubled => Rect::new(
                area.x + (area.width - 2 * 8 * n) / 2,
                area.y + (area.height - 16) / 2,
                2 * 8 * n,
                16,
            ),
            Size::Glyphs(_) => {
                let [band] = Layout::vertical([Constraint::Length(rows)])
                    .flex(Flex::Center)
                    .areas(area);
                // tui-big-text's centring of the line in its band.
                let line = cw.saturating_mul(n);
                let x = band.x + (band.width / 2).saturating_sub(line / 2);
                Rect::new(x, band.y, line.min(band.right() - x), band.height)
            }
            Size::Plain => {
                let s: String = text.iter().collect();
                Paragraph::new(s).style(style).centered().render(area, buf);
                return vec![area];
            }
        };
        let mut painted = Vec::new();
        let pixel = match size {
            Size::Glyphs(p) => p,
            _ => PixelSize::Full,
        };
        let scale = if size == Size::Doubled { 2 } else { 1 };
        let glyph_w = usize::from(cw / scale);
        let width = usize::from(buf.area.width);
        for (i, &c) in text.iter().enumerate() {
            if only.is_some_and(|o| !o.contains(&i)) {
                continue;
            }
            let x = band.x + cw * u16::try_from(i).unwrap_or(u16::MAX);
            let rect = Rect::new(x, band.y, cw, band.height)
                .intersection(band)
                .intersection(buf.area);
            if rect.is_empty() {
                continue;
            }
            let new = self.glyph(c, pixel);
            // In the same colour, only the cells whose pixel differs from the glyph before.
            let old = before
                .filter(|_| !styled)
                .and_then(|b| b.get(i))
                .map(|&o| self.glyph(o, pixel));
            let (glyph, was) = (&self.glyphs[new].2, old.map(|o| &self.glyphs[o].2));
            // The cell of each symbol, styled once: a clone is cheaper than setting both.
            let mut made: Vec<(char, Cell)> = Vec::new();
            for y in rect.top()..rect.bottom() {
                let gy = usize::from((y - rect.y) / scale);
                let row = usize::from(y - buf.area.y) * width;
                // The changed cells of this row: (first, last) column.
                let mut span: Option<(u16, u16)> = None;
                for x in rect.left()..rect.right() {
                    let g = gy * glyph_w + usize::from((x - rect.x) / scale);
                    let symbol = glyph.get(g).copied().unwrap_or(' ');
                    if was.is_some_and(|w| w.get(g).copied().unwrap_or(' ') == symbol) {
                        continue;
                    }
                    let symbol = match (size, symbol) {
                        (Size::Doubled, ' ') => ' ',
                        (Size::Doubled, _) => '█',
                        (_, s) => s,
                    };
                    let cell = &mut buf.content[row + usize::from(x - buf.area.x)];
                    match made.iter().find(|(c, _)| *c == symbol) {
                        Some((_, made)) => cell.clone_from(made),
                        None => {
                            let mut fresh = Cell::default();
                            fresh.set_char(symbol).set_style(style);
                            cell.clone_from(&fresh);
                            made.push((symbol, fresh));
                        }
                    }
                    span = Some(span.map_or((x, x), |(l, _)| (l, x)));
                }
                // Repainted over the last second: each row's span of changed cells.
                if let (Some(_), Some((l, r))) = (was, span) {
                    painted.push(Rect::new(l, y, r - l + 1, 1));
                }
            }
            // Drawn from blank (or in a new colour): the whole glyph.
            if was.is_none() {
                painted.push(rect);
            }
        }
        painted
    }

    /// The index in the cache of `c` at `pixel`, rendered by tui-big-text the first time.
    fn glyph(&mut self, c: char, pixel: PixelSize) -> usize {
        match self
            .glyphs
            .iter()
            .position(|(k, p, _)| *k == c && *p == pixel)
        {
            Some(i) => i,
            None => {
                let (w, h) = Size::Glyphs(pixel).glyph();
                let area = Rect::new(0, 0, w, h);
                let mut scratch = Buffer::empty(area);
                BigText::builder()
                    .pixel_size(pixel)
                    .lines(vec![c.to_string().into()])
                    .build()
                    .render(area, &mut scratch);
                let cells = scratch
                    .content
                    .iter()
                    .map(|cell| cell.symbol().chars().next().unwrap_or(' '))
                    .collect();
                self.glyphs.push((c, pixel, cells));
                self.glyphs.len() - 1
            }
        }
    }
}

fn buf_cells(buf: &mut Buffer, area: Rect) -> impl Iterator<Item = &mut ratatui::buffer::Cell> {
    let area = area.intersection(buf.area);
    let width = usize::from(buf.area.width);
    let (x0, y0) = (
        usize::from(area.x - buf.area.x),
        usize::from(area.y - buf.area.y),
    );
    let (w, h) = (usize::from(area.width), usize::from(area.height));
    buf.content
        .chunks_mut(width)
        .skip(y0)
        .take(h)
        .flat_map(move |row| row[x0..x0 + w].iter_mut())
}

#[cfg(test)]
mod tests {
    use ratatui::style::{Color, Modifier};

    use super::*;

    /// tui-big-text drawing the whole text, as the digits were drawn before the cache.
    fn reference(area: Rect, text: &str, style: Style) -> Buffer {
        let mut buf = Buffer::empty(area);
        let size = Size::fitting(area, text.chars().count());
        match size {
            Size::Glyphs(pixel) => {
                let (_, rows) = size.glyph();
                let [band] = Layout::vertical([Constraint::Length(rows)])
                    .flex(Flex::Center)
                    .areas(area);
                BigText::builder()
                    .pixel_size(pixel)
                    .style(style)
                    .lines(vec![text.to_string().into()])
                    .centered()
                    .build()
                    .render(band, &mut buf);
            }
            _ => {
                let mut d = BigDigits::default();
                d.draw(&mut buf, area, text, style);
            }
        }
        buf
    }

    #[test]
    fn cached_glyphs_draw_what_tui_big_text_draws() {
        let style = Style::new().fg(Color::Green).add_modifier(Modifier::BOLD);
        for (w, h) in [(98, 12), (60, 6), (30, 3), (12, 1)] {
            let area = Rect::new(1, 2, w, h);
            let mut buf = Buffer::empty(area);
            BigDigits::default().draw(&mut buf, area, "24:59", style);
            assert_eq!(buf, reference(area, "24:59", style), "{w}×{h}");
        }
    }

    #[test]
    fn a_new_second_repaints_only_the_glyphs_that_changed() {
        let style = Style::new().fg(Color::Green);
        for (w, h) in [(98, 20), (98, 12), (60, 6)] {
            let area = Rect::new(0, 1, w, h);
            let mut digits = BigDigits::default();
            let mut buf = Buffer::empty(area);
            digits.draw(&mut buf, area, "24:59", style);
            let painted = digits.redraw(&mut buf, "24:58", style);
            let union = painted.iter().fold(painted[0], |a, r| a.union(*r));
            assert!(union.width <= 16, "{w}×{h}: one glyph, {painted:?}");
            let mut fresh = Buffer::empty(area);
            BigDigits::default().draw(&mut fresh, area, "24:58", style);
            assert_eq!(buf, fresh, "{w}×{h}");
            assert!(digits.redraw(&mut buf, "24:58", style).is_empty());
            // A new colour repaints everything; a longer text the whole area.
            let alert = Style::new().fg(Color::Red);
            assert_eq!(digits.redraw(&mut buf, "24:58", alert).len(), 5);
            assert_eq!(digits.redraw(&mut buf, "+00:01", alert), vec![area]);
            let mut fresh = Buffer::empty(area);
            BigDigits::default().draw(&mut fresh, area, "+00:01", alert);
            assert_eq!(buf, fresh, "{w}×{h}");
        }
    }
}
