//! The timer's once-a-second repaint: where the last whole frame put each live part, the
//! figures each part showed (as numbers: seconds, cells filled, the minute), and [`repaint`],
//! which redraws in the last frame only the parts whose figures changed — a glyph of the
//! countdown, the running phase's time spent, a progress bar when a cell fills, the wall clock
//! at a new minute.

use chrono::{DateTime, Utc};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Span;
use ratatui::widgets::Widget;

use super::digits::{BigDigits, big_time};
use super::phases::{
    Row, actual_cell, columns, gauge_cell, in_part, part_cells, phase_row, speaker_list,
    status_text,
};
use super::view::{TimerView, digits_style, header, percent_label, progress, ratio, status_line};
use crate::timing::{PhaseStatus, PhaseTiming, Urgency};
use crate::tui::fmt;
use crate::tui::theme::Theme;

/// Where the last whole frame put each part, and the figures each part showed.
#[derive(Debug, Default)]
pub struct Painted {
    pub(super) digits: BigDigits,
    pub(super) areas: Option<Areas>,
    pub(super) shown: Shown,
    /// The wall clock's minute and its text: formatted once a minute, not once a second.
    pub(super) wall: Option<(i64, String)>,
}

#[derive(Debug, Clone)]
pub(super) struct Areas {
    pub(super) head: Rect,
    pub(super) status: Rect,
    pub(super) gauge: Rect,
    /// One line per phase, then per part of it.
    pub(super) rows: Vec<(Rect, Row)>,
    pub(super) speakers: Rect,
}

/// The figures of every live part, at display precision.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Shown {
    pub(super) head: (i64, Option<i64>, bool),
    /// Phase, paused, overtime, urgency, thresholds crossed (the words of the status line).
    pub(super) status: Option<(usize, bool, bool, Urgency, u8)>,
    /// Percent, cells filled, urgency.
    pub(super) gauge: Option<(u32, u16, Urgency)>,
    pub(super) rows: Vec<RowShown>,
    pub(super) speakers: Vec<(u64, u32, bool)>,
}

/// A line of the phase list: the running marker, then its three live columns (time spent,
/// progress, state), or for a part whether the phase is in it, its time spent and overrun.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct RowShown {
    pub(super) current: bool,
    pub(super) actual: Option<u64>,
    pub(super) filled: u16,
    pub(super) state: (PhaseStatus, Urgency, u64),
    pub(super) in_part: bool,
}

/// Cells a `LineGauge` fills in `width` columns after a label of `label` columns: its own
/// arithmetic, so the bar is repainted exactly when it changes.
pub(super) fn filled(width: u16, label: u16, t: &PhaseTiming) -> u16 {
    let start = label + 1;
    (f64::from(width.saturating_sub(start)) * ratio(t)).floor() as u16
}

pub(super) fn minute(t: DateTime<Utc>) -> i64 {
    t.timestamp().div_euclid(60)
}

pub(super) fn shown(v: &TimerView, areas: &Areas) -> Shown {
    let c = v.clock;
    let current = c.current.and_then(|i| c.phases.get(i).map(|t| (i, t)));
    Shown {
        head: (minute(v.now), c.due_end.map(minute), v.muted),
        status: current.map(|(i, t)| {
            let over = !t.overtime.is_zero();
            let crossed = u8::try_from(t.crossed.len()).unwrap_or(u8::MAX);
            (i, c.paused, over, t.urgency, crossed)
        }),
        gauge: current.map(|(_, t)| {
            let percent = (ratio(t) * 100.0).round() as u32;
            let label = fmt::width(&percent_label(t)) as u16;
            (percent, filled(areas.gauge.width, label, t), t.urgency)
        }),
        rows: areas
            .rows
            .iter()
            .map(|(_, row)| {
                let mut shown = RowShown {
                    current: false,
                    actual: None,
                    filled: 0,
                    state: (PhaseStatus::NotStarted, Urgency::Calm, 0),
                    in_part: false,
                };
                match *row {
                    Row::Phase(i) => {
                        shown.current = c.current == Some(i);
                        if let Some(t) = c.phases.get(i) {
                            let started = !matches!(t.status, PhaseStatus::NotStarted);
                            shown.actual = started.then_some(t.elapsed.as_secs());
                            shown.filled = filled(12, 0, t);
                            shown.state = (t.status, t.urgency, t.overtime.as_secs());
                        }
                    }
                    Row::Part { i, k } => {
                        shown.in_part = in_part(v, i, k);
                        if let Some(part) = c.phases.get(i).and_then(|t| t.parts.get(k)) {
                            shown.actual = Some(part.elapsed.as_secs());
                            shown.state.2 = part.overtime.as_secs();
                        }
                    }
                }
                shown
            })
            .collect(),
        speakers: c
            .speakers
            .iter()
            .map(|s| {
                let speaking = v.state.speaker() == Some(s.numero.as_str());
                (s.elapsed.as_secs(), s.share_permille, speaking)
            })
            .collect(),
    }
}

/// Repaints in `buf` (the last frame as drawn) what the clock changed since; the areas
/// repainted, or `None` when a whole frame is needed (nothing drawn yet, a dialog over it).
pub fn repaint(
    buf: &mut Buffer,
    v: &TimerView,
    theme: &Theme,
    p: &mut Painted,
) -> Option<Vec<Rect>> {
    if v.pause.is_some() {
        return None;
    }
    let areas = p.areas.clone()?;
    let now = shown(v, &areas);
    let was = std::mem::replace(&mut p.shown, now.clone());
    if now.rows.len() != was.rows.len() || now.speakers.len() != was.speakers.len() {
        return None;
    }
    let mut painted = Vec::new();
    let mut clear = |buf: &mut Buffer, rect: Rect| {
        buf.set_style(rect, Style::reset());
        for pos in rect.positions() {
            buf[pos].reset();
        }
        painted.push(rect);
    };
    if now.head != was.head {
        clear(buf, areas.head);
        header(buf, areas.head, v, theme, wall(p, v));
    }
    let current = v
        .clock
        .current
        .and_then(|i| v.clock.phases.get(i).map(|t| (i, t)));
    if let Some((_, t)) = current {
        if now.status != was.status {
            clear(buf, areas.status);
            status_line(buf, areas.status, v, t, theme);
        }
        if now.gauge != was.gauge {
            clear(buf, areas.gauge);
            progress(t, percent_label(t), theme).render(areas.gauge, buf);
        }
    } else if now.status != was.status {
        return None;
    }
    for (k, (rect, row)) in areas.rows.iter().enumerate() {
        let (n, w) = (now.rows[k], was.rows[k]);
        if n == w {
            continue;
        }
        match *row {
            // Only the columns that changed (the running second: « actual »).
            Row::Phase(i) if n.current == w.current => {
                let (Some(t), [_, _, _, actual, gauge, state]) =
                    (v.clock.phases.get(i), columns(*rect))
                else {
                    continue;
                };
                if n.actual != w.actual {
                    clear(buf, actual);
                    actual_cell(buf, actual, t);
                }
                if n.filled != w.filled
                    || n.state.1 != w.state.1
                    || n.actual.is_some() != w.actual.is_some()
                {
                    clear(buf, gauge);
                    gauge_cell(buf, gauge, t, theme);
                }
                if n.state != w.state {
                    clear(buf, state);
                    let (text, style) = status_text(t, theme);
                    Span::styled(text, style).render(state, buf);
                }
            }
            // The running part: only its clock cells (time spent, countdown, state).
            Row::Part { i, k } if n.in_part == w.in_part => {
                let Some(part) = v.clock.phases.get(i).and_then(|t| t.parts.get(k)) else {
                    continue;
                };
                let [_, _, _, actual, count, state] = columns(*rect);
                for cell in [actual, count, state] {
                    clear(buf, cell);
                }
                part_cells(buf, [actual, count, state], part, theme);
            }
            _ => {
                clear(buf, *rect);
                phase_row(buf, *rect, *row, v, theme);
            }
        }
    }
    if now.speakers != was.speakers {
        clear(buf, areas.speakers);
        speaker_list(buf, areas.speakers, v, theme);
    }
    if let Some((_, t)) = current {
        let glyphs = p
            .digits
            .redraw(buf, &big_time(t), digits_style(v, t, theme));
        painted.extend(glyphs);
    }
    Some(painted)
}

/// The wall clock's text, formatted at a new minute only.
pub(super) fn wall<'p>(p: &'p mut Painted, v: &TimerView) -> &'p str {
    let m = minute(v.now);
    if p.wall.as_ref().is_none_or(|(k, _)| *k != m) {
        p.wall = Some((m, fmt::hm(v.now, v.tz)));
    }
    p.wall.as_ref().map_or("", |(_, s)| s.as_str())
}
