//! Drawing the timer: the running phase and a big countdown readable from a metre away, the list
//! of phases (planned, actual, progress), the wall clock and the time the épreuve is due to
//! end, and for a group séance each member's speaking time and share.
//!
//! It never shows a note, a position or anything of the grid, so it may stay on screen in front
//! of the candidate; the countdown's colour follows the urgency (calm, warning, alert) and the
//! overtime counts up as `+mm:ss`.
//!
//! A whole frame is [`draw`]n after a key; each second after that, `live::repaint` redraws only
//! the parts whose figures changed. The phase list and the speaking times are in `phases`.

use chrono::{DateTime, Utc};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, LineGauge, Paragraph, Widget};

use super::digits::{BigDigits, big_time};
use super::live::{Areas, Painted, shown, wall};
use super::pause::{self, PauseDialog};
use super::phases::{phase_row, phase_row_areas, speaker_list};
use crate::review::Tz;
use crate::session::SeanceState;
use crate::timing::{ClockView, PhaseTiming, fmt_mmss};
use crate::tui::fmt;
use crate::tui::theme::Theme;

/// What the timer shows.
pub struct TimerView<'a> {
    pub state: &'a SeanceState,
    pub clock: &'a ClockView,
    pub now: DateTime<Utc>,
    pub tz: Tz,
    pub muted: bool,
    pub pause: Option<&'a PauseDialog>,
}

/// Draws the timer in `area` (of a blank frame), without memory: tests and one-off frames.
pub fn render(f: &mut ratatui::Frame, area: Rect, v: &TimerView, theme: &Theme) {
    draw(f.buffer_mut(), area, v, theme, &mut Painted::default());
}

/// Draws the whole timer into `buf` (blank in `area`), remembering where each part went.
pub fn draw(buf: &mut Buffer, area: Rect, v: &TimerView, theme: &Theme, p: &mut Painted) {
    let s = v.state;
    let group = v.clock.speakers.len();
    let speakers_h = if group > 0 { group as u16 + 1 } else { 0 };
    let phase_rows: u16 = s
        .info
        .phases
        .iter()
        .map(|p| 1 + p.parties.len() as u16)
        .sum();
    let [head, title, status, digits, gauge, list, speakers] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(2),
        Constraint::Length(1),
        Constraint::Length(phase_rows + 2),
        Constraint::Length(speakers_h),
    ])
    .areas(area);
    let block = Block::new().borders(Borders::TOP).title(" Phases ");
    let inner = block.inner(list);
    block.render(list, buf);
    let areas = Areas {
        head,
        status,
        gauge,
        rows: phase_row_areas(v, inner),
        speakers,
    };
    header(buf, head, v, theme, wall(p, v));
    let current = v
        .clock
        .current
        .and_then(|i| v.clock.phases.get(i).map(|t| (i, t)));
    match current {
        Some((i, t)) => {
            let intitule = s
                .info
                .phases
                .get(i)
                .map(fmt::phase_title)
                .unwrap_or_default();
            Line::styled(intitule, theme.title()).render(title, buf);
            status_line(buf, status, v, t, theme);
            p.digits
                .draw(buf, digits, &big_time(t), digits_style(v, t, theme));
            progress(t, percent_label(t), theme).render(gauge, buf);
        }
        None => idle(buf, [title, status, digits], v, theme, &mut p.digits),
    }
    for (rect, row) in &areas.rows {
        phase_row(buf, *rect, *row, v, theme);
    }
    if group > 0 {
        speaker_list(buf, speakers, v, theme);
    }
    if let Some(d) = v.pause {
        pause::render(buf, area, d, v.tz, theme);
    }
    p.shown = shown(v, &areas);
    p.areas = Some(areas);
}

pub(super) fn digits_style(v: &TimerView, t: &PhaseTiming, theme: &Theme) -> Style {
    if v.clock.paused {
        theme.dim()
    } else {
        theme.urgency(t.urgency)
    }
}

pub(super) fn percent_label(t: &PhaseTiming) -> String {
    format!("{:>3} %", (ratio(t) * 100.0).round() as u32)
}

pub(super) fn status_line(
    buf: &mut Buffer,
    area: Rect,
    v: &TimerView,
    t: &PhaseTiming,
    theme: &Theme,
) {
    let (text, style) = if v.clock.paused {
        let pause = v.state.pauses.last();
        let why = pause.map_or("", |p| p.reason.label());
        let since = pause.map(|p| fmt::hm(p.start, v.tz)).unwrap_or_default();
        (
            format!("EN PAUSE depuis {since} — {why} · p : reprendre"),
            theme.warning(),
        )
    } else if !t.overtime.is_zero() {
        // In words: the colour alone does not say it, and the digits count the time past.
        (
            format!(
                "DÉPASSEMENT du temps prévu ({}) : les chiffres comptent le temps en plus",
                fmt_mmss(t.planned)
            ),
            theme.urgency(t.urgency),
        )
    } else if let Some(m) = t.crossed.iter().copied().filter(|&m| m > 0).min() {
        // A warning threshold is crossed: said in words, not by a colour alone.
        let s = if m > 1 { "s" } else { "" };
        (
            format!(
                "MOINS DE {m} MIN restante{s} · temps restant sur {}",
                fmt_mmss(t.planned)
            ),
            theme.urgency(t.urgency),
        )
    } else {
        (
            format!("temps restant sur {}", fmt_mmss(t.planned)),
            theme.dim(),
        )
    };
    let mut spans = vec![Span::styled(text, style)];
    if v.clock.paused {
        Line::from(spans).render(area, buf);
        return;
    }
    // Said where the countdown is: the jury applies the decision, the candidate sees it.
    let phase = v.clock.current.and_then(|i| v.state.info.phases.get(i));
    if let Some(m) = phase.and_then(|p| crate::review::fmt::majoration(v.state, p)) {
        spans.push(Span::styled(format!(" · {m}"), theme.warning()));
    }
    // The part's name and own countdown are on its line in the list below.
    if let Some((k, _)) = t.current_part() {
        let n = t.parts.len();
        spans.push(Span::styled(
            format!(" · partie {}/{n}", k + 1),
            theme.text(),
        ));
        if k + 1 < n {
            spans.push(Span::styled(" (", theme.dim()));
            spans.push(Span::styled("n", theme.key()));
            spans.push(Span::styled(" : suivante)", theme.dim()));
        }
    }
    Line::from(spans).render(area, buf);
}

pub(super) fn ratio(t: &PhaseTiming) -> f64 {
    if t.planned.is_zero() {
        return 1.0;
    }
    (t.elapsed.as_secs_f64() / t.planned.as_secs_f64()).clamp(0.0, 1.0)
}

/// The phase's progress bar, coloured by its urgency.
pub(super) fn progress<'a>(t: &PhaseTiming, label: String, theme: &Theme) -> LineGauge<'a> {
    LineGauge::default()
        .ratio(ratio(t))
        .label(label)
        .filled_symbol("█")
        .unfilled_symbol("░")
        .filled_style(theme.urgency(t.urgency))
        .unfilled_style(theme.dim())
}

/// Before the first phase, between phases, and once all are done.
pub(super) fn idle(
    buf: &mut Buffer,
    [title, status, digits]: [Rect; 3],
    v: &TimerView,
    theme: &Theme,
    big: &mut BigDigits,
) {
    let s = v.state;
    if let Some(next) = s.next_phase().and_then(|i| s.info.phases.get(i)) {
        Line::styled(
            format!("Prochaine phase : {}", fmt::phase_label(next)),
            theme.title(),
        )
        .render(title, buf);
        let mut spans = vec![
            Span::styled("Espace", theme.key()),
            Span::raw(" : démarrer la phase"),
        ];
        if let Some(m) = crate::review::fmt::majoration(s, next) {
            spans.push(Span::styled(format!(" · {m}"), theme.warning()));
        }
        Line::from(spans).render(status, buf);
        let planned = crate::timing::duree_effective(s, next);
        big.draw(buf, digits, &fmt::countdown(planned), theme.dim());
    } else {
        let text = if s.info.phases.is_empty() {
            "Pas de minutage : la commission évalue sans la personne candidate."
        } else {
            "Épreuve terminée."
        };
        Line::styled(text, theme.title()).render(title, buf);
        Line::from(vec![
            Span::raw(format!(
                "Durée totale {} · ",
                fmt_mmss(v.clock.total_elapsed)
            )),
            Span::styled("g", theme.key()),
            Span::raw(" : grille d’évaluation"),
        ])
        .render(status, buf);
        if !s.info.phases.is_empty() {
            big.draw(buf, digits, "FIN", theme.dim());
        }
    }
}

pub(super) fn header(buf: &mut Buffer, area: Rect, v: &TimerView, theme: &Theme, wall: &str) {
    let s = v.state;
    let left = format!(
        "{} {} · situation {} — {}",
        s.info.epreuve,
        s.info.forme.label(),
        s.info.situation,
        fmt::candidats(&s.info.candidats)
    );
    let mut right = Vec::new();
    if v.muted {
        right.push(Span::styled("son coupé · ", theme.warning()));
    }
    if !s.is_finished() && !s.info.phases.is_empty() {
        right.push(Span::styled(wall.to_string(), theme.title()));
    }
    if let Some(end) = v.clock.due_end {
        right.push(Span::styled(" · fin prévue ", theme.dim()));
        right.push(Span::styled(fmt::hm(end, v.tz), theme.title()));
    }
    let right_w: usize = right.iter().map(|s| fmt::width(&s.content)).sum();
    let [l, r] = Layout::horizontal([Constraint::Min(10), Constraint::Length(right_w as u16)])
        .spacing(2)
        .areas(area);
    Paragraph::new(fmt::truncate(&left, l.width as usize))
        .style(theme.text())
        .render(l, buf);
    Line::from(right).render(r, buf);
}
