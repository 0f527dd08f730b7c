//! The big countdown digits (tui-big-text), sized to the room: 16 rows on a large terminal,
//! then 8, 4, or plain text; shared by the timer and the candidate display.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::Style;
use ratatui::widgets::{Paragraph, Widget};
use tui_big_text::{BigText, PixelSize};

use super::fmt;
use crate::timing::{PhaseTiming, fmt_overtime};

/// What the big digits say: the time left, or the overtime counted up.
pub fn big_time(t: &PhaseTiming) -> String {
    if t.overtime.is_zero() {
        fmt::countdown(t.remaining)
    } else {
        fmt_overtime(t.overtime)
    }
}

/// The big digits, as large as the area allows (16 rows, 8, 4, else plain text).
pub fn big(f: &mut Frame, area: Rect, text: &str, style: Style) {
    let width = text.chars().count() as u16 * 8;
    if area.height >= 16 && area.width >= width * 2 {
        return big_doubled(f, area, text, style);
    }
    let size = if area.height >= 8 && area.width >= width {
        Some(PixelSize::Full)
    } else if area.height >= 4 && area.width >= width {
        Some(PixelSize::HalfHeight)
    } else if area.height >= 2 && area.width >= width / 2 {
        Some(PixelSize::Quadrant)
    } else {
        None
    };
    match size {
        Some(size) => {
            let rows = match size {
                PixelSize::Full => 8,
                _ => 4,
            };
            let [area] = Layout::vertical([Constraint::Length(rows)])
                .flex(Flex::Center)
                .areas(area);
            let big = BigText::builder()
                .pixel_size(size)
                .style(style)
                .lines(vec![text.to_string().into()])
                .centered()
                .build();
            f.render_widget(big, area);
        }
        None => f.render_widget(
            Paragraph::new(text.to_string()).style(style).centered(),
            area,
        ),
    }
}

/// The 8-row digits drawn twice as high and wide (each pixel 2×2 cells): on a large terminal
/// the countdown stays readable from across the room.
fn big_doubled(f: &mut Frame, area: Rect, text: &str, style: Style) {
    let w = text.chars().count() as u16 * 8;
    let mut small = Buffer::empty(Rect::new(0, 0, w, 8));
    BigText::builder()
        .pixel_size(PixelSize::Full)
        .lines(vec![text.to_string().into()])
        .build()
        .render(small.area, &mut small);
    let x0 = area.x + (area.width - 2 * w) / 2;
    let y0 = area.y + (area.height - 16) / 2;
    let buf = f.buffer_mut();
    for y in 0..8 {
        for x in 0..w {
            let lit = small[(x, y)].symbol() != " ";
            for (dx, dy) in [(0, 0), (1, 0), (0, 1), (1, 1)] {
                let cell = &mut buf[(x0 + 2 * x + dx, y0 + 2 * y + dy)];
                cell.set_symbol(if lit { "█" } else { " " });
                cell.set_style(style);
            }
        }
    }
}
