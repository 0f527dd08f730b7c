//! How the « aménagement : temps majoré » panel ([`super::majore`]) is drawn over the timer:
//! each candidate with their majoration, the phases with their durations before and after it
//! and whether they run or ended, the domain's refusal whole, and the panel's keys.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Padding, Paragraph, Widget};

use super::majore::{MajorePanel, ended};
use crate::session::SeanceState;
use crate::timing::{duree_majoree, duree_normale};
use crate::tui::theme::Theme;
use crate::tui::{chrome, fmt};

/// The panel's width: up to 90 columns, a margin of 4 each side on a narrower terminal.
fn width(area: Rect) -> u16 {
    area.width.saturating_sub(8).clamp(area.width.min(40), 90)
}

/// The panel, centred over `area`.
pub fn render(buf: &mut Buffer, area: Rect, d: &MajorePanel, state: &SeanceState, theme: &Theme) {
    let group = state.info.candidats.len() > 1;
    let here = d.here();
    let mut lines = Vec::new();
    for (i, (c, (f, _))) in state.info.candidats.iter().zip(&d.choices).enumerate() {
        let what = f.map_or_else(
            || "aucun".to_string(),
            |f| format!("temps majoré {}", f.en_mots()),
        );
        let mark = if i == here && group { "▶ " } else { "  " };
        let style = if f.is_some() {
            theme.warning()
        } else {
            theme.dim()
        };
        lines.push(Line::from(vec![
            Span::styled(mark, theme.key()),
            Span::styled(format!("{} : ", fmt::candidat(c)), theme.text()),
            Span::styled(what, style),
        ]));
    }
    lines.push(Line::raw(""));
    let phases_of = if group {
        " (de la personne choisie)"
    } else {
        ""
    };
    lines.push(Line::styled(
        format!("Phases concernées{phases_of} :"),
        theme.dim(),
    ));
    let (f, covered) = d.choices.get(here).cloned().unwrap_or_default();
    // Inside the borders and the padding.
    let inner_w = width(area).saturating_sub(4) as usize;
    for (k, p) in state.info.phases.iter().enumerate() {
        let on = covered.contains(&p.id);
        let state_word = if ended(state, &p.id) {
            " · terminée"
        } else if state.running().is_some_and(|r| r.phase == p.id) {
            " · en cours"
        } else {
            ""
        };
        // In a group the majoration is of the member's speaking time, not the phase's.
        let duree = match f.filter(|_| on && !group) {
            Some(f) => {
                let normal = duree_normale(p);
                format!(
                    " · {} → {}",
                    crate::review::fmt::duree(normal),
                    crate::review::fmt::duree(duree_majoree(normal, f))
                )
            }
            None => String::new(),
        };
        let tail = format!("{duree}{state_word}");
        let room = inner_w.saturating_sub(8 + fmt::width(&tail));
        lines.push(Line::from(vec![
            Span::styled(format!("  {} ", k + 1), theme.key()),
            Span::styled(if on { "[x] " } else { "[ ] " }, theme.text()),
            Span::styled(fmt::truncate(&fmt::phase_label(p), room), theme.text()),
            Span::styled(tail, theme.dim()),
        ]));
    }
    lines.push(Line::raw(""));
    if let Some(why) = &d.refusal {
        for l in fmt::wrap(&format!("Non consigné : {why}"), inner_w) {
            lines.push(Line::styled(l, theme.error()));
        }
        lines.push(Line::raw(""));
    }
    let mut keys = vec![("t", "majoration"), ("1–9", "phases")];
    if group {
        keys.push(("↑ ↓", "personne"));
    }
    lines.push(chrome::hints(&keys, theme));
    lines.push(chrome::hints(
        &[("Entrée", "consigner"), ("Échap", "annuler")],
        theme,
    ));
    let popup = area.centered(
        Constraint::Length(width(area)),
        Constraint::Length((lines.len() as u16 + 2).min(area.height)),
    );
    Clear.render(popup, buf);
    Paragraph::new(lines)
        .block(
            Block::bordered()
                .title(" Aménagement : temps majoré ")
                .padding(Padding::horizontal(1)),
        )
        .render(popup, buf);
}
