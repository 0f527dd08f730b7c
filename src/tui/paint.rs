//! Writing to the terminal only what changed, cheaply enough for a countdown that redraws once
//! a second for hours.
//!
//! ratatui's `Terminal::draw` asks the terminal its size on every frame (crossterm opens
//! `/dev/tty` for an `ioctl` each time) and compares every cell, widths included. Here the size
//! comes from the resize events, a whole frame is compared cell by cell only after a key, and a
//! countdown second compares only the areas the screen repainted (`App::live`). The terminal
//! (a ratatui `Terminal`, any backend) is used for its frame and its backend, never `draw`.

use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;

use super::fmt;

/// What the terminal shows, cell by cell, and how to change it.
#[derive(Debug)]
pub struct Painter {
    shown: Buffer,
}

impl Painter {
    /// A painter for a terminal of `area` (blank).
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
    pub fn resize<B: Backend>(
        &mut self,
        terminal: &mut Terminal<B>,
        area: Rect,
    ) -> Result<(), B::Error> {
        terminal.resize(area)?;
        self.shown = Buffer::empty(area);
        Ok(())
    }

    /// Draws a whole frame with `render` and writes the cells that differ from the screen.
    pub fn full<B: Backend>(
        &mut self,
        terminal: &mut Terminal<B>,
        render: impl FnOnce(&mut ratatui::Frame),
    ) -> Result<(), B::Error> {
        terminal.current_buffer_mut().reset();
        render(&mut terminal.get_frame());
        let next = terminal.current_buffer_mut();
        let area = next.area.intersection(self.shown.area);
        let updates = changes(&mut self.shown, next, &[area]);
        write(terminal.backend_mut(), &updates)
    }

    /// Lets `repaint` change the frame as shown; writes the cells that changed in the areas it
    /// returns. False (nothing written) when it asks for a whole frame instead.
    pub fn live<B: Backend>(
        &mut self,
        terminal: &mut Terminal<B>,
        repaint: impl FnOnce(&mut Buffer) -> Option<Vec<Rect>>,
    ) -> Result<bool, B::Error> {
        // The terminal's buffer holds the same cells as `shown` (see `changes`).
        let work = terminal.current_buffer_mut();
        if work.area != self.shown.area {
            return Ok(false);
        }
        let Some(areas) = repaint(work) else {
            return Ok(false);
        };
        let updates = changes(&mut self.shown, work, &areas);
        write(terminal.backend_mut(), &updates)?;
        Ok(true)
    }
}

/// The cells of `next` that differ from `shown` within `areas`, copied into `shown` so that both
/// hold the screen as it will be. A wide character covers the cells after it: they are not
/// written (that would erase its second half).
fn changes(shown: &mut Buffer, next: &Buffer, areas: &[Rect]) -> Vec<(u16, u16, Cell)> {
    let mut out = Vec::new();
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
                    out.push((x, y, cell.clone()));
                    step = fmt::width(cell.symbol()).max(1) as u16;
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

/// The index in `buf.content` of the cell at (`x`, `y`), if inside.
fn index(buf: &Buffer, x: u16, y: u16) -> Option<usize> {
    let a = buf.area;
    (x >= a.x && y >= a.y && x < a.right() && y < a.bottom())
        .then(|| usize::from(y - a.y) * usize::from(a.width) + usize::from(x - a.x))
}

fn write<B: Backend>(backend: &mut B, updates: &[(u16, u16, Cell)]) -> Result<(), B::Error> {
    if updates.is_empty() {
        return Ok(());
    }
    backend.draw(updates.iter().map(|(x, y, c)| (*x, *y, c)))?;
    backend.flush()
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
        assert_eq!((only[0].0, only[0].2.symbol()), (4, "5"));
        assert!(changes(&mut shown, &next, &[area]).is_empty());
    }
}
