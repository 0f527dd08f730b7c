//! The display turned towards the candidate: the phase and the countdown, nothing else.
//!
//! It takes only the séance's phases and the clock (never the grids), so no note, position,
//! level or appreciation can reach it by construction; the only way out is Esc and then a
//! confirmation, back to the timer, never straight to the grid. The app draws neither its
//! message line nor its footer over it (a message could name the candidate or a grid change).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::digits::{big, big_time};
use super::theme::Theme;
use crate::referentiel::Phase;
use crate::timing::ClockView;

pub struct SafeView<'a> {
    pub phases: &'a [Phase],
    pub clock: &'a ClockView,
    /// Index of the next phase to start, when none runs.
    pub next: Option<usize>,
}

pub fn render(f: &mut Frame, area: Rect, v: &SafeView, theme: &Theme) {
    // Room for the doubled digits on a large terminal.
    let digits_h = if area.height >= 30 { 16 } else { 8 };
    let [_, title, _, digits, status, _, hint] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(2),
        Constraint::Length(1),
        Constraint::Length(digits_h),
        Constraint::Length(2),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let current = v
        .clock
        .current
        .and_then(|i| Some((v.phases.get(i)?, v.clock.phases.get(i)?)));
    let (name, time, style, status_text) = match current {
        Some((p, t)) => {
            let (style, status) = if v.clock.paused {
                (theme.dim(), "EN PAUSE")
            } else if !t.overtime.is_zero() {
                (theme.urgency(t.urgency), "Temps écoulé")
            } else {
                (theme.urgency(t.urgency), "")
            };
            (p.intitule.clone(), big_time(t), style, status)
        }
        None => match v.next.and_then(|i| v.phases.get(i)) {
            Some(p) => (
                format!("À venir : {}", p.intitule),
                super::fmt::countdown(std::time::Duration::from_secs(
                    u64::from(p.duree_minutes) * 60,
                )),
                theme.dim(),
                "",
            ),
            None => (
                "Épreuve terminée".to_string(),
                String::new(),
                theme.dim(),
                "",
            ),
        },
    };
    f.render_widget(
        Paragraph::new(Line::styled(name, theme.title()))
            .centered()
            .wrap(Wrap { trim: true }),
        title,
    );
    if !time.is_empty() {
        big(f, digits, &time, style);
    }
    f.render_widget(
        Paragraph::new(Line::styled(status_text, theme.warning())).centered(),
        status,
    );
    f.render_widget(
        Paragraph::new(Line::styled("Échap : écran du jury", theme.dim())).right_aligned(),
        hint,
    );
}
