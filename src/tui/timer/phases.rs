//! The lists under the countdown: the phases (planned, time spent, progress, state) with the
//! parts of the running one, and a group's speaking times.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::view::{TimerView, progress};
use crate::timing::{
    PartStatus, PartTiming, PhaseStatus, PhaseTiming, Urgency, fmt_mmss, fmt_overtime,
    temps_de_parole,
};
use crate::tui::fmt;
use crate::tui::theme::Theme;

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Row {
    Phase(usize),
    /// Part `k` of phase `i`.
    Part {
        i: usize,
        k: usize,
    },
}

/// The columns of a phase line: marker, label, planned, actual, progress, state.
pub(super) fn columns(row: Rect) -> [Rect; 6] {
    Layout::horizontal([
        Constraint::Length(2),
        Constraint::Min(10),
        Constraint::Length(7),
        Constraint::Length(8),
        Constraint::Length(12),
        Constraint::Length(10),
    ])
    .spacing(1)
    .areas(row)
}

/// The rows of the phase list: each phase, then each of its parts.
pub(super) fn phase_row_areas(v: &TimerView, inner: Rect) -> Vec<(Rect, Row)> {
    let mut rows = Vec::new();
    let mut y = inner.y;
    for (i, p) in v.state.info.phases.iter().enumerate() {
        if v.clock.phases.get(i).is_none() {
            continue;
        }
        if y >= inner.bottom() {
            break;
        }
        rows.push((Rect::new(inner.x, y, inner.width, 1), Row::Phase(i)));
        y += 1;
        for k in 0..p.parties.len() {
            if y >= inner.bottom() {
                break;
            }
            let rect = Rect::new(inner.x + 4, y, inner.width.saturating_sub(4), 1);
            rows.push((rect, Row::Part { i, k }));
            y += 1;
        }
    }
    rows
}

/// Whether the running phase is in its part `k` (the jury marks the switch, `n`).
pub(super) fn in_part(v: &TimerView, i: usize, k: usize) -> bool {
    v.clock.current == Some(i)
        && v.clock
            .phases
            .get(i)
            .and_then(|t| t.parts.get(k))
            .is_some_and(|p| p.status == PartStatus::Current)
}

pub(super) fn phase_row(buf: &mut Buffer, row: Rect, which: Row, v: &TimerView, theme: &Theme) {
    let (i, k) = match which {
        Row::Phase(i) => (i, None),
        Row::Part { i, k } => (i, Some(k)),
    };
    let (Some(p), Some(t)) = (v.state.info.phases.get(i), v.clock.phases.get(i)) else {
        return;
    };
    if let Some(k) = k {
        if let Some(part) = t.parts.get(k) {
            part_row(buf, row, k, part, theme);
        }
        return;
    }
    let [mark, label, planned, actual, gauge, state] = columns(row);
    let current = v.clock.current == Some(i);
    let label_style = if current { theme.title() } else { theme.text() };
    Span::styled(if current { "▶" } else { " " }, theme.key()).render(mark, buf);
    Span::styled(
        fmt::truncate(&fmt::phase_label(p), label.width as usize),
        label_style,
    )
    .render(label, buf);
    // A « temps majoré » is marked where the adjusted duration shows.
    let planned_text = if t.majoree() {
        format!("{}+", fmt_mmss(t.planned))
    } else {
        fmt_mmss(t.planned)
    };
    Paragraph::new(planned_text)
        .style(if t.majoree() {
            theme.warning()
        } else {
            theme.dim()
        })
        .right_aligned()
        .render(planned, buf);
    actual_cell(buf, actual, t);
    gauge_cell(buf, gauge, t, theme);
    let (text, style) = status_text(t, theme);
    Span::styled(text, style).render(state, buf);
}

/// A part under its phase: its maximum, the time spent in it, its own countdown while it runs
/// (or its overrun), and where it stands.
fn part_row(buf: &mut Buffer, row: Rect, k: usize, part: &PartTiming, theme: &Theme) {
    let [mark, label, planned, actual, count, state] = columns(row);
    let on = part.status == PartStatus::Current;
    Span::styled(if on { "▸" } else { "·" }, theme.key()).render(mark, buf);
    Span::styled(
        fmt::truncate(
            &format!("{}. {}", k + 1, part.intitule),
            label.width as usize,
        ),
        if on { theme.text() } else { theme.dim() },
    )
    .render(label, buf);
    Paragraph::new(fmt_mmss(part.planned))
        .style(theme.dim())
        .right_aligned()
        .render(planned, buf);
    part_cells(buf, [actual, count, state], part, theme);
}

/// The cells of a part's line that change with the clock: time spent, countdown, state.
pub(super) fn part_cells(
    buf: &mut Buffer,
    [actual, count, state]: [Rect; 3],
    part: &PartTiming,
    theme: &Theme,
) {
    let on = part.status == PartStatus::Current;
    let over = !part.overtime.is_zero();
    let urgency = if over {
        Urgency::Overtime
    } else {
        Urgency::Calm
    };
    if matches!(part.status, PartStatus::Current | PartStatus::Done) {
        Paragraph::new(fmt_mmss(part.elapsed))
            .right_aligned()
            .render(actual, buf);
    }
    if on {
        let text = if over {
            fmt_overtime(part.overtime)
        } else {
            format!("reste {}", fmt_mmss(part.remaining))
        };
        Span::styled(text, theme.urgency(urgency)).render(count, buf);
    }
    let (text, style) = match part.status {
        PartStatus::NotStarted => ("à venir".to_string(), theme.dim()),
        PartStatus::Current => ("en cours".to_string(), theme.urgency(urgency)),
        PartStatus::Done if over => (fmt_overtime(part.overtime), theme.warning()),
        PartStatus::Done => ("terminée".to_string(), theme.dim()),
        PartStatus::Unmeasured => ("inconnue".to_string(), theme.dim()),
    };
    Span::styled(text, style).render(state, buf);
}

/// Time spent in a phase, right-aligned (a dash before it starts). Written straight into the
/// buffer: it changes every second.
pub(super) fn actual_cell(buf: &mut Buffer, area: Rect, t: &PhaseTiming) {
    let started = !matches!(t.status, PhaseStatus::NotStarted);
    let text = if started {
        fmt_mmss(t.elapsed)
    } else {
        "—".into()
    };
    let w = (fmt::width(&text) as u16).min(area.width);
    buf.set_stringn(
        area.right() - w,
        area.y,
        &text,
        usize::from(w),
        Style::new(),
    );
}

/// A phase's progress bar in the list, once it has started.
pub(super) fn gauge_cell(buf: &mut Buffer, area: Rect, t: &PhaseTiming, theme: &Theme) {
    if !matches!(t.status, PhaseStatus::NotStarted) {
        progress(t, String::new(), theme).render(area, buf);
    }
}

pub(super) fn status_text(t: &PhaseTiming, theme: &Theme) -> (String, Style) {
    let over = !t.overtime.is_zero();
    match t.status {
        PhaseStatus::NotStarted => ("à venir".into(), theme.dim()),
        PhaseStatus::Paused => ("en pause".into(), theme.warning()),
        _ if over => (fmt_overtime(t.overtime), theme.urgency(t.urgency)),
        PhaseStatus::Running => ("en cours".into(), theme.urgency(t.urgency)),
        PhaseStatus::Done { early: true } => ("écourtée".into(), theme.dim()),
        PhaseStatus::Done { early: false } => ("terminée".into(), theme.dim()),
    }
}

pub(super) fn speaker_list(buf: &mut Buffer, area: Rect, v: &TimerView, theme: &Theme) {
    let mut lines = vec![Line::from(vec![
        Span::styled("Temps de parole", theme.title()),
        Span::styled("  (1–4 : qui parle · 0 : personne)", theme.dim()),
    ])];
    let speaking = v.state.speaker();
    let current = v.clock.current.and_then(|i| v.state.info.phases.get(i));
    for (i, sp) in v.clock.speakers.iter().enumerate() {
        let who = v
            .state
            .info
            .candidats
            .iter()
            .find(|c| c.numero == sp.numero)
            .map_or(sp.numero.clone(), fmt::candidat);
        let now = speaking == Some(sp.numero.as_str());
        let share = format!("{},{} %", sp.share_permille / 10, sp.share_permille % 10);
        // A member's « temps majoré » extends their own share of the running phase.
        let majore = current
            .and_then(|p| temps_de_parole(v.state, p, &sp.numero))
            .filter(|(normal, adjusted)| adjusted != normal)
            .map_or(String::new(), |(_, adjusted)| {
                format!("  temps majoré : {}", fmt_mmss(adjusted))
            });
        let style = if now { theme.selected() } else { theme.text() };
        lines.push(Line::from(vec![
            Span::styled(format!("{} ", i + 1), theme.key()),
            Span::styled(
                format!(
                    "{:<32} {:>7} {:>7}",
                    fmt::truncate(&who, 32),
                    fmt_mmss(sp.elapsed),
                    share
                ),
                style,
            ),
            Span::styled(if now { "  ◀ parle" } else { "" }, theme.key()),
            Span::styled(majore, theme.warning()),
        ]));
    }
    Paragraph::new(lines).render(area, buf);
}
