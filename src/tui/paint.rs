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
    /// Write adjacent cells of one style as one run of text (see [`runs`]).
    runs: bool,
}

impl Painter {
    /// A painter for a terminal of `area` (blank), writing cell by cell.
    pub fn new(area: Rect) -> Painter {
        Painter {
            shown: Buffer::empty(area),
            runs: false,
        }
    }

    /// Writes runs of adjacent cells of one style as one cell holding their text: for a backend
    /// that prints a cell's symbol (crossterm), the same output with fewer moves, style changes
    /// and prints. Not for a backend that stores cells (ratatui's `TestBackend`).
    pub fn printing_runs(mut self) -> Painter {
        self.runs = true;
        self
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
        write(terminal.backend_mut(), &updates, self.runs)
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
        write(terminal.backend_mut(), &updates, self.runs)?;
        Ok(true)
    }
}

/// The cells of `next` that differ from `shown` within `areas`, copied into `shown` so that both
/// hold the screen as it will be. A wide character covers the cells after it: they are not
/// written (that would erase its second half).
fn changes(shown: &mut Buffer, next: &Buffer, areas: &[Rect]) -> Vec<(u16, u16, Cell)> {
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
                    out.push((x, y, cell.clone()));
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

/// Writes `updates`; with `runs`, each run of adjacent cells of one style as one cell holding
/// the run's text: the backend then moves the cursor and sets the style once per run, and
/// prints the run in one go instead of cell by cell.
fn write<B: Backend>(
    backend: &mut B,
    updates: &[(u16, u16, Cell)],
    runs: bool,
) -> Result<(), B::Error> {
    if updates.is_empty() {
        return Ok(());
    }
    if runs {
        let merged = self::runs(updates);
        backend.draw(merged.iter().map(|(x, y, c)| (*x, *y, c)))?;
    } else {
        backend.draw(updates.iter().map(|(x, y, c)| (*x, *y, c)))?;
    }
    backend.flush()
}

fn same_style(a: &Cell, b: &Cell) -> bool {
    a.fg == b.fg
        && a.bg == b.bg
        && a.underline_color == b.underline_color
        && a.modifier == b.modifier
}

/// Adjacent cells of one style merged (a wide character ends a run: the cell after it is not
/// written, so the next one is not adjacent).
fn runs(updates: &[(u16, u16, Cell)]) -> Vec<(u16, u16, Cell)> {
    let mut out: Vec<(u16, u16, Cell)> = Vec::with_capacity(updates.len());
    let mut text = String::new();
    let mut end = (u16::MAX, u16::MAX);
    for (x, y, cell) in updates {
        let joins = out
            .last()
            .is_some_and(|(_, _, run)| (*x, *y) == end && same_style(run, cell));
        if joins {
            text.push_str(cell.symbol());
        } else {
            if let Some((_, _, run)) = out.last_mut() {
                run.set_symbol(&text);
            }
            text.clear();
            text.push_str(cell.symbol());
            out.push((*x, *y, cell.clone()));
        }
        end = (x.saturating_add(cell_width(cell.symbol())), *y);
    }
    if let Some((_, _, run)) = out.last_mut() {
        run.set_symbol(&text);
    }
    out
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
    fn runs_print_what_cell_by_cell_prints() {
        use ratatui::backend::CrosstermBackend;
        let area = Rect::new(0, 0, 12, 3);
        let mut next = Buffer::empty(area);
        Paragraph::new("ab漢c  é")
            .style(Style::new().fg(Color::Red))
            .render(Rect::new(0, 0, 12, 1), &mut next);
        Paragraph::new("xy").render(Rect::new(10, 0, 2, 1), &mut next);
        Paragraph::new("██  ██").render(Rect::new(3, 2, 6, 1), &mut next);
        let updates = changes(&mut Buffer::empty(area), &next, &[area]);
        let bytes = |cells: &[(u16, u16, Cell)]| {
            let mut out = Vec::new();
            CrosstermBackend::new(&mut out)
                .draw(cells.iter().map(|(x, y, c)| (*x, *y, c)))
                .unwrap();
            String::from_utf8(out).unwrap()
        };
        let merged = runs(&updates);
        assert!(merged.len() < updates.len() / 2, "{merged:?}");
        // The same text at the same places, with fewer moves and style changes.
        let plain = |s: String| {
            let mut t = vt_text(&s);
            t.retain(|c| c != '\u{1b}');
            t
        };
        assert_eq!(plain(bytes(&merged)), plain(bytes(&updates)));
    }

    /// The text a terminal shows for `ansi` on a 12×3 screen (cursor moves honoured, styles
    /// ignored): enough to compare two ways of writing the same cells.
    fn vt_text(ansi: &str) -> String {
        let mut screen = vec![vec![' '; 12]; 3];
        let (mut x, mut y) = (0usize, 0usize);
        let mut chars = ansi.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\u{1b}' {
                let mut seq = String::new();
                for d in chars.by_ref() {
                    seq.push(d);
                    if d.is_ascii_alphabetic() {
                        break;
                    }
                }
                if let Some(pos) = seq.strip_prefix('[').and_then(|s| s.strip_suffix('H')) {
                    let mut it = pos.split(';').map(|n| n.parse::<usize>().unwrap_or(1));
                    y = it.next().unwrap_or(1) - 1;
                    x = it.next().unwrap_or(1) - 1;
                }
                continue;
            }
            if y < 3 && x < 12 {
                screen[y][x] = c;
            }
            x += fmt::width(&c.to_string()).max(1);
        }
        screen
            .into_iter()
            .map(|r| r.into_iter().collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
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
