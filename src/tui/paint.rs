//! Writing to the terminal only what changed, cheaply enough for a countdown that redraws once
//! a second for hours.
//!
//! ratatui's `Terminal::draw` asks the terminal its size on every frame (crossterm opens
//! `/dev/tty` for an `ioctl` each time) and compares every cell, widths included. Here the size
//! comes from the resize events, a whole frame is compared cell by cell only after a key, and a
//! countdown second compares only the areas the screen repainted (`App::repaint`). The
//! terminal (a ratatui `Terminal`) is used for its frame and its size, never `draw`; the
//! changed cells go to a [`Sink`]: for crossterm, the very bytes its backend would write, made
//! without its per-cell formatting machinery (the escape sequences are few: cursor moves).

use std::io::{self, Write};

use crossterm::queue;
use crossterm::style::{
    Attribute, Color as CColor, Colors, SetAttribute, SetBackgroundColor, SetColors,
    SetForegroundColor, SetUnderlineColor,
};
use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend, IntoCrossterm, TestBackend};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};

use super::fmt;

/// Where the changed cells go.
pub trait Sink {
    /// Writes `updates` (position and cell, in screen order) and flushes.
    fn put(&mut self, updates: &[(u16, u16, &Cell)]) -> io::Result<()>;
}

impl<W: Write> Sink for CrosstermBackend<W> {
    fn put(&mut self, updates: &[(u16, u16, &Cell)]) -> io::Result<()> {
        let mut out = Vec::with_capacity(1024);
        ansi(&mut out, updates)?;
        self.write_all(&out)?;
        Write::flush(self)
    }
}

/// Tests: the cells are stored as drawn.
impl Sink for TestBackend {
    fn put(&mut self, updates: &[(u16, u16, &Cell)]) -> io::Result<()> {
        match self.draw(updates.iter().map(|(x, y, c)| (*x, *y, *c))) {
            Ok(()) => Ok(()),
            Err(never) => match never {},
        }
    }
}

/// The bytes `CrosstermBackend::draw` writes for `updates`: a cursor move unless the cell
/// follows the previous one, the style changes (through crossterm, they are rare), the symbol;
/// then the style reset. Only the moves and the symbols are written here by hand.
fn ansi(out: &mut Vec<u8>, updates: &[(u16, u16, &Cell)]) -> io::Result<()> {
    let (mut fg, mut bg, mut underline) = (Color::Reset, Color::Reset, Color::Reset);
    let mut modifier = Modifier::empty();
    let mut last: Option<(u16, u16)> = None;
    for (x, y, cell) in updates {
        if !matches!(last, Some((lx, ly)) if *x == lx.wrapping_add(1) && *y == ly) {
            out.extend_from_slice(b"\x1b[");
            decimal(out, u32::from(*y) + 1);
            out.push(b';');
            decimal(out, u32::from(*x) + 1);
            out.push(b'H');
        }
        last = Some((*x, *y));
        if cell.modifier != modifier {
            modifier_diff(out, modifier, cell.modifier)?;
            modifier = cell.modifier;
        }
        if cell.fg != fg || cell.bg != bg {
            let colors = Colors::new(cell.fg.into_crossterm(), cell.bg.into_crossterm());
            queue!(out, SetColors(colors))?;
            (fg, bg) = (cell.fg, cell.bg);
        }
        if cell.underline_color != underline {
            queue!(
                out,
                SetUnderlineColor(cell.underline_color.into_crossterm())
            )?;
            underline = cell.underline_color;
        }
        out.extend_from_slice(cell.symbol().as_bytes());
    }
    queue!(
        out,
        SetForegroundColor(CColor::Reset),
        SetBackgroundColor(CColor::Reset),
        SetUnderlineColor(CColor::Reset),
        SetAttribute(Attribute::Reset),
    )
}

fn decimal(out: &mut Vec<u8>, n: u32) {
    let mut buf = [0u8; 20];
    out.extend_from_slice(crate::review::fmt::decimal(&mut buf, u64::from(n)));
}

/// The attribute changes from `from` to `to`, in the order ratatui's crossterm backend writes
/// them (its `ModifierDiff`).
fn modifier_diff(out: &mut Vec<u8>, from: Modifier, to: Modifier) -> io::Result<()> {
    let removed = from - to;
    if removed.contains(Modifier::REVERSED) {
        queue!(out, SetAttribute(Attribute::NoReverse))?;
    }
    let reset_intensity = removed.contains(Modifier::BOLD) || removed.contains(Modifier::DIM);
    if reset_intensity {
        // Bold and dim end together: the one that stays is set again.
        queue!(out, SetAttribute(Attribute::NormalIntensity))?;
        if to.contains(Modifier::DIM) {
            queue!(out, SetAttribute(Attribute::Dim))?;
        }
        if to.contains(Modifier::BOLD) {
            queue!(out, SetAttribute(Attribute::Bold))?;
        }
    }
    for (m, a) in [
        (Modifier::ITALIC, Attribute::NoItalic),
        (Modifier::UNDERLINED, Attribute::NoUnderline),
        (Modifier::CROSSED_OUT, Attribute::NotCrossedOut),
        (Modifier::HIDDEN, Attribute::NoHidden),
    ] {
        if removed.contains(m) {
            queue!(out, SetAttribute(a))?;
        }
    }
    if removed.contains(Modifier::SLOW_BLINK) || removed.contains(Modifier::RAPID_BLINK) {
        queue!(out, SetAttribute(Attribute::NoBlink))?;
    }
    let added = to - from;
    for (m, a, after_reset) in [
        (Modifier::REVERSED, Attribute::Reverse, true),
        (Modifier::BOLD, Attribute::Bold, false),
        (Modifier::ITALIC, Attribute::Italic, true),
        (Modifier::UNDERLINED, Attribute::Underlined, true),
        (Modifier::DIM, Attribute::Dim, false),
        (Modifier::CROSSED_OUT, Attribute::CrossedOut, true),
        (Modifier::HIDDEN, Attribute::Hidden, true),
        (Modifier::SLOW_BLINK, Attribute::SlowBlink, true),
        (Modifier::RAPID_BLINK, Attribute::RapidBlink, true),
    ] {
        if added.contains(m) && (after_reset || !reset_intensity) {
            queue!(out, SetAttribute(a))?;
        }
    }
    Ok(())
}

/// What the terminal shows, cell by cell, and how to change it.
#[derive(Debug)]
pub struct Painter {
    shown: Buffer,
}

impl Painter {
    /// A painter for a terminal of `area` (blank), writing cell by cell.
    pub fn new(area: Rect) -> Painter {
        Painter {
            shown: Buffer::empty(area),
        }
    }

    pub fn area(&self) -> Rect {
        self.shown.area
    }

    /// The terminal was resized to `area` (from its resize event): it is cleared, and the next
    /// frame is written whole.
    pub fn resize<B: Backend<Error = E>, E: Into<io::Error>>(
        &mut self,
        terminal: &mut Terminal<B>,
        area: Rect,
    ) -> io::Result<()> {
        terminal.resize(area).map_err(Into::into)?;
        self.shown = Buffer::empty(area);
        Ok(())
    }

    /// Draws a whole frame with `render` and writes the cells that differ from the screen.
    pub fn full<B: Backend + Sink>(
        &mut self,
        terminal: &mut Terminal<B>,
        render: impl FnOnce(&mut ratatui::Frame),
    ) -> io::Result<()> {
        terminal.current_buffer_mut().reset();
        render(&mut terminal.get_frame());
        let next = terminal.current_buffer_mut();
        let area = next.area.intersection(self.shown.area);
        let updates = changes(&mut self.shown, next, &[area]);
        write(terminal.backend_mut(), &self.shown, &updates)
    }

    /// Lets `repaint` change the frame as shown; writes the cells that changed in the areas it
    /// returns. False (nothing written) when it asks for a whole frame instead.
    pub fn live<B: Backend + Sink>(
        &mut self,
        terminal: &mut Terminal<B>,
        repaint: impl FnOnce(&mut Buffer) -> Option<Vec<Rect>>,
    ) -> io::Result<bool> {
        // The terminal's buffer holds the same cells as `shown` (see `changes`).
        let work = terminal.current_buffer_mut();
        if work.area != self.shown.area {
            return Ok(false);
        }
        let Some(areas) = repaint(work) else {
            return Ok(false);
        };
        let updates = changes(&mut self.shown, work, &areas);
        write(terminal.backend_mut(), &self.shown, &updates)?;
        Ok(true)
    }
}

/// The cells of `next` that differ from `shown` within `areas`, copied into `shown` so that both
/// hold the screen as it will be: their positions and indexes in `shown`. A wide character
/// covers the cells after it: they are not written (that would erase its second half).
fn changes(shown: &mut Buffer, next: &Buffer, areas: &[Rect]) -> Vec<(u16, u16, usize)> {
    let mut out = Vec::with_capacity(256);
    for area in areas {
        let area = area.intersection(shown.area).intersection(next.area);
        for y in area.top()..area.bottom() {
            let mut x = area.left();
            while x < area.right() {
                let (Some(i), Some(j)) = (index(shown, x, y), index(next, x, y)) else {
                    break;
                };
                let cell = &next.content[j];
                let mut step = 1;
                if shown.content[i] != *cell {
                    shown.content[i] = cell.clone();
                    out.push((x, y, i));
                    step = cell_width(cell.symbol());
                    for k in 1..step {
                        if let (Some(i), Some(j)) = (index(shown, x + k, y), index(next, x + k, y))
                        {
                            shown.content[i] = next.content[j].clone();
                        }
                    }
                }
                x = x.saturating_add(step);
            }
        }
    }
    out
}

/// Columns a cell's symbol takes (at least one). Most cells hold ASCII or a box-drawing or
/// block character (`─`, `█`), all one column: those skip the general Unicode lookup.
fn cell_width(symbol: &str) -> u16 {
    let mut chars = symbol.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if (' '..='~').contains(&c) || ('\u{2500}'..='\u{259F}').contains(&c) => 1,
        _ => fmt::width(symbol).max(1) as u16,
    }
}

/// The index in `buf.content` of the cell at (`x`, `y`), if inside.
fn index(buf: &Buffer, x: u16, y: u16) -> Option<usize> {
    let a = buf.area;
    (x >= a.x && y >= a.y && x < a.right() && y < a.bottom())
        .then(|| usize::from(y - a.y) * usize::from(a.width) + usize::from(x - a.x))
}

/// Writes the cells of `shown` at `updates`.
fn write<S: Sink>(sink: &mut S, shown: &Buffer, updates: &[(u16, u16, usize)]) -> io::Result<()> {
    if updates.is_empty() {
        return Ok(());
    }
    let cells: Vec<(u16, u16, &Cell)> = updates
        .iter()
        .map(|&(x, y, i)| (x, y, &shown.content[i]))
        .collect();
    sink.put(&cells)
}

#[cfg(test)]
mod tests {
    use ratatui::backend::TestBackend;
    use ratatui::style::{Color, Style};
    use ratatui::widgets::{Paragraph, Widget};

    use super::*;

    fn text_at(buf: &mut Buffer, area: Rect, text: &str, color: Color) {
        for pos in area.positions() {
            buf[pos].reset();
        }
        Paragraph::new(text)
            .style(Style::new().fg(color))
            .render(area, buf);
    }

    #[test]
    fn whole_frames_and_repaints_leave_the_screen_as_a_fresh_frame() {
        let area = Rect::new(0, 0, 20, 4);
        let mut t = Terminal::new(TestBackend::new(20, 4)).unwrap();
        let mut p = Painter::new(area);
        let clock = Rect::new(5, 1, 5, 1);
        p.full(&mut t, |f| {
            f.render_widget(Paragraph::new("Phase A · 漢字"), area);
            text_at(f.buffer_mut(), clock, "24:59", Color::Green);
        })
        .unwrap();
        for (text, color) in [("24:58", Color::Green), ("24:57", Color::Red)] {
            let wrote = p
                .live(&mut t, |buf| {
                    text_at(buf, clock, text, color);
                    Some(vec![clock])
                })
                .unwrap();
            assert!(wrote);
        }
        let mut fresh = Buffer::empty(area);
        Paragraph::new("Phase A · 漢字").render(area, &mut fresh);
        text_at(&mut fresh, clock, "24:57", Color::Red);
        t.backend().assert_buffer(&fresh);
        // A key: a whole frame again, on top of what the repaints left.
        p.full(&mut t, |f| {
            f.render_widget(Paragraph::new("Grille"), area);
        })
        .unwrap();
        let mut fresh = Buffer::empty(area);
        Paragraph::new("Grille").render(area, &mut fresh);
        t.backend().assert_buffer(&fresh);
    }

    #[test]
    fn the_bytes_are_those_of_the_crossterm_backend() {
        use ratatui::style::Modifier as M;
        let area = Rect::new(0, 0, 12, 3);
        let mut next = Buffer::empty(area);
        let styles = [
            Style::new().fg(Color::Red).add_modifier(M::BOLD),
            Style::new()
                .fg(Color::Indexed(208))
                .add_modifier(M::DIM | M::REVERSED),
            Style::new()
                .bg(Color::Rgb(10, 20, 30))
                .add_modifier(M::UNDERLINED | M::ITALIC),
            Style::new()
                .underline_color(Color::Blue)
                .add_modifier(M::CROSSED_OUT),
            Style::new().add_modifier(M::SLOW_BLINK | M::HIDDEN),
            Style::new(),
        ];
        for (i, style) in styles.iter().enumerate() {
            let i = i as u16;
            Paragraph::new("ab漢é")
                .style(*style)
                .render(Rect::new(i * 2, i % 3, 5, 1), &mut next);
        }
        let mut shown = Buffer::empty(area);
        let at = changes(&mut shown, &next, &[area]);
        assert!(at.len() > 15);
        let updates: Vec<(u16, u16, &Cell)> = at
            .iter()
            .map(|&(x, y, i)| (x, y, &shown.content[i]))
            .collect();
        let mut by_crossterm = Vec::new();
        CrosstermBackend::new(&mut by_crossterm)
            .draw(updates.iter().map(|(x, y, c)| (*x, *y, *c)))
            .unwrap();
        let mut here = Vec::new();
        ansi(&mut here, &updates).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&here),
            String::from_utf8_lossy(&by_crossterm)
        );
        let mut one = Vec::new();
        decimal(&mut one, 0);
        decimal(&mut one, 1234567890);
        assert_eq!(one, b"01234567890");
    }

    #[test]
    fn a_repaint_writes_only_what_changed() {
        let area = Rect::new(0, 0, 10, 2);
        let mut shown = Buffer::empty(area);
        let mut next = Buffer::empty(area);
        Paragraph::new("12:34").render(area, &mut next);
        assert_eq!(changes(&mut shown, &next, &[area]).len(), 5);
        assert_eq!(shown, next);
        Paragraph::new("12:35").render(area, &mut next);
        let only = changes(&mut shown, &next, &[area]);
        assert_eq!(only.len(), 1);
        assert_eq!((only[0].0, shown.content[only[0].2].symbol()), (4, "5"));
        assert!(changes(&mut shown, &next, &[area]).is_empty());
    }
}
