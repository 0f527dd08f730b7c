//! What frames every screen: the training banner, the message line, the footer with the keys of
//! the screen, a dialog's key hints, and the too-small notice.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::theme::Theme;

/// The smallest terminal the screens are drawn for.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

pub fn too_small(width: u16, height: u16) -> bool {
    width < MIN_WIDTH || height < MIN_HEIGHT
}

pub fn render_too_small(f: &mut Frame, area: Rect, theme: &Theme) {
    let text = vec![
        Line::styled(
            format!(
                "Terminal trop petit : {MIN_WIDTH}×{MIN_HEIGHT} minimum, actuellement {}×{}",
                area.width, area.height
            ),
            theme.error(),
        ),
        Line::raw(""),
        Line::raw("Agrandissez la fenêtre ou réduisez la taille du texte."),
        Line::raw("Rien n’est perdu : tout est déjà enregistré. q : quitter"),
    ];
    let h = 4.min(area.height);
    let [_, mid, _] = ratatui::layout::Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(h),
        Constraint::Fill(1),
    ])
    .areas(area);
    f.render_widget(
        Paragraph::new(text).centered().wrap(Wrap { trim: true }),
        mid,
    );
}

pub fn banner(f: &mut Frame, area: Rect, vitesse: u32, theme: &Theme) {
    let text = format!("MODE ENTRAÎNEMENT ×{vitesse} — temps accéléré, séance jamais exportée");
    f.render_widget(
        Paragraph::new(text).style(theme.training()).centered(),
        area,
    );
}

/// `key description · key description …`, as much as fits.
pub fn footer(f: &mut Frame, area: Rect, keys: &[(&str, &str)], theme: &Theme) {
    let mut spans = Vec::new();
    let mut used = 0usize;
    let width = area.width as usize;
    for (k, d) in keys {
        let len = k.chars().count() + d.chars().count() + 4;
        if used + len > width {
            break;
        }
        if !spans.is_empty() {
            spans.push(Span::styled(" · ", theme.dim()));
        }
        spans.push(Span::styled(k.to_string(), theme.key()));
        spans.push(Span::raw(format!(" {d}")));
        used += len;
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// `Entrée : valider   Échap : annuler`: the keys of a dialog, on its last line.
pub fn hints(keys: &[(&'static str, &'static str)], theme: &Theme) -> Line<'static> {
    let mut spans = Vec::new();
    for (i, (k, d)) in keys.iter().enumerate() {
        let sep = if i + 1 < keys.len() { "   " } else { "" };
        spans.push(Span::styled(*k, theme.key()));
        spans.push(Span::raw(format!(" : {d}{sep}")));
    }
    Line::from(spans)
}

pub fn message(f: &mut Frame, area: Rect, text: &str, error: bool, theme: &Theme) {
    let style = if error { theme.error() } else { theme.ok() };
    let text = super::fmt::truncate(text, area.width as usize);
    f.render_widget(Paragraph::new(Span::styled(text, style)), area);
}
