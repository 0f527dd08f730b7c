//! Drawing the display: the candidate display's own drawing from 40×10 up, one line below,
//! and « En attente d’une séance » while no séance runs in the folder.

use chrono::{DateTime, Utc};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::clean;
use crate::follow::Followed;
use crate::timing;
use crate::tui::candidate::{SafeView, draw_with, one_line};
use crate::tui::theme::Theme;
use crate::tui::timer::digits::BigDigits;

/// Below this, the display is one line of text.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;

/// What no séance looks like.
pub const WAITING: &str = "En attente d’une séance";

/// Draws the display at `at` (the shown séance's timeline; `None` before the first read).
pub fn render(
    buf: &mut Buffer,
    area: Rect,
    followed: &Followed,
    at: Option<DateTime<Utc>>,
    theme: &Theme,
    digits: &mut BigDigits,
) {
    let shown = followed.current.as_ref().zip(at);
    let Some((current, at)) = shown else {
        let (text, style) = match &followed.problem {
            Some(p) => (clean::visible(p).into_owned(), theme.error()),
            None => (WAITING.to_string(), theme.dim()),
        };
        centred(buf, area, text, style);
        return;
    };
    let state = &current.state;
    let clock = timing::clock(state, at);
    let v = SafeView {
        phases: &state.info.phases,
        clock: &clock,
        next: state.next_phase(),
    };
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let (text, style) = one_line(&v, theme);
        centred(buf, area, text, style);
    } else {
        draw_with(buf, area, &v, theme, digits, None);
    }
}

/// `text` in the middle of `area`, wrapped.
fn centred(buf: &mut Buffer, area: Rect, text: String, style: Style) {
    let rows = u16::try_from(text.chars().count())
        .unwrap_or(u16::MAX)
        .div_ceil(area.width.max(1))
        .min(area.height);
    let [middle] = Layout::vertical([Constraint::Length(rows)])
        .flex(Flex::Center)
        .areas(area);
    Paragraph::new(Line::styled(text, style))
        .centered()
        .wrap(Wrap { trim: true })
        .render(middle, buf);
}
