//! The `?` help over the current screen: that screen's keys first, then the keys that work
//! everywhere. Its lines are read from the same binding tables as the keymap and the footer,
//! so the help cannot list a key that does nothing, nor miss one.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::tui::fmt;
use crate::tui::keys::{Binding, DOWN, ENTER, ESC, Fill, UP, folded, foot, plain};
use crate::tui::theme::Theme;

/// Keys while the help is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpAction {
    Up,
    Down,
    Close,
}

impl Fill for HelpAction {}

impl HelpAction {
    /// Every action, for the binding test (a new variant fails to compile in the match).
    pub fn all() -> Vec<HelpAction> {
        let all = vec![HelpAction::Up, HelpAction::Down, HelpAction::Close];
        for a in &all {
            match a {
                HelpAction::Up | HelpAction::Down | HelpAction::Close => {}
            }
        }
        all
    }
}

pub const KEYS: &[Binding<HelpAction>] = &[
    foot(
        &[UP, plain('k')],
        "↑ ↓",
        HelpAction::Up,
        "défiler",
        "défiler",
    ),
    folded(&[DOWN, plain('j')], HelpAction::Down),
    foot(
        &[ESC, plain('?'), plain('q'), ENTER],
        "Échap",
        HelpAction::Close,
        "fermer l’aide",
        "fermer",
    ),
];

/// A part of the help: a title and its (keys, description) lines.
pub type Section = (&'static str, Vec<(&'static str, &'static str)>);

/// The open help: what it lists and how far it is scrolled.
#[derive(Debug, Clone, PartialEq)]
pub struct Help {
    pub title: &'static str,
    pub sections: Vec<Section>,
    pub scroll: usize,
}

impl Help {
    pub fn new(title: &'static str, sections: Vec<Section>) -> Help {
        Help {
            title,
            sections,
            scroll: 0,
        }
    }

    /// True when the help closes.
    pub fn update(&mut self, action: HelpAction) -> bool {
        match action {
            HelpAction::Up => self.scroll = self.scroll.saturating_sub(1),
            HelpAction::Down => self.scroll += 1,
            HelpAction::Close => return true,
        }
        false
    }

    /// The lines of the help, descriptions wrapped to `width` columns.
    pub fn lines(&self, theme: &Theme, width: usize) -> Vec<Line<'static>> {
        const KEY_W: usize = 18;
        let mut out = Vec::new();
        for (title, keys) in &self.sections {
            if keys.is_empty() {
                continue;
            }
            if !out.is_empty() {
                out.push(Line::raw(""));
            }
            out.push(Line::styled(*title, theme.title()));
            for (k, d) in keys {
                for (i, part) in fmt::wrap(d, width.saturating_sub(KEY_W).max(10))
                    .into_iter()
                    .enumerate()
                {
                    let key = if i == 0 { *k } else { "" };
                    out.push(Line::from(vec![
                        Span::styled(format!("  {key:<16}"), theme.key()),
                        Span::raw(part),
                    ]));
                }
            }
        }
        out
    }

    /// Draws the help over `area`, its scroll clamped to what there is to see.
    pub fn render(&mut self, f: &mut Frame, area: Rect, theme: &Theme) {
        let popup = area.centered(Constraint::Length(area.width.min(100)), Constraint::Fill(1));
        let lines = self.lines(theme, popup.width.saturating_sub(2) as usize);
        let visible = popup.height.saturating_sub(2) as usize;
        self.scroll = self.scroll.min(lines.len().saturating_sub(visible));
        f.render_widget(Clear, popup);
        let block = Block::bordered()
            .title(format!(" Aide — {} ", self.title))
            .title_bottom(" ↑ ↓ : défiler · Échap : fermer ");
        f.render_widget(
            Paragraph::new(lines)
                .block(block)
                .scroll((self.scroll as u16, 0)),
            popup,
        );
    }
}
