//! Drawing the timer: the running phase and a big countdown readable from a metre away, the list
//! of phases (planned, actual, progress), the wall clock and the time the épreuve is due to
//! end, and for a group séance each member's speaking time and share.
//!
//! It never shows a note, a position or anything of the grid, so it may stay on screen in front
//! of the candidate; the countdown's colour follows the urgency (calm, warning, alert) and the
//! overtime counts up as `+mm:ss`.
//!
//! A whole frame is [`draw`]n after a key; each second after that, [`repaint`] redraws only the
//! parts whose figures changed (a glyph of the countdown, the progress bar, the running phase's
//! row, the wall clock at a new minute), compared as numbers, not as formatted text.

use std::time::Duration;

use chrono::{DateTime, Utc};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, LineGauge, Paragraph, Widget};

use super::digits::{BigDigits, big_time};
use super::pause::{self, PauseDialog};
use crate::review::Tz;
use crate::session::SeanceState;
use crate::timing::{ClockView, PhaseStatus, PhaseTiming, Urgency, fmt_mmss, fmt_overtime};
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

/// Where the last whole frame put each part, and the figures each part showed.
#[derive(Debug, Default)]
pub struct Painted {
    digits: BigDigits,
    areas: Option<Areas>,
    shown: Shown,
    /// The wall clock's minute and its text: formatted once a minute, not once a second.
    wall: Option<(i64, String)>,
}

#[derive(Debug, Clone)]
struct Areas {
    head: Rect,
    status: Rect,
    gauge: Rect,
    /// One line per phase, then per part of it.
    rows: Vec<(Rect, Row)>,
    speakers: Rect,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Row {
    Phase(usize),
    /// Part `k` of phase `i`, starting `from` minutes into it.
    Part {
        i: usize,
        k: usize,
        from: u32,
    },
}

/// The figures of every live part, at display precision.
#[derive(Debug, Clone, Default, PartialEq)]
struct Shown {
    head: (i64, Option<i64>, bool),
    status: Option<(usize, bool, bool, Urgency)>,
    /// Percent, cells filled, urgency.
    gauge: Option<(u32, u16, Urgency)>,
    rows: Vec<RowShown>,
    speakers: Vec<(u64, u32, bool)>,
}

/// A line of the phase list: the running marker, then its three live columns (time spent,
/// progress, state), or for a part whether the phase is in it.
#[derive(Debug, Clone, Copy, PartialEq)]
struct RowShown {
    current: bool,
    actual: Option<u64>,
    filled: u16,
    state: (PhaseStatus, Urgency, u64),
    in_part: bool,
}

/// Cells a `LineGauge` fills in `width` columns after a label of `label` columns: its own
/// arithmetic, so the bar is repainted exactly when it changes.
fn filled(width: u16, label: u16, t: &PhaseTiming) -> u16 {
    let start = label + 1;
    (f64::from(width.saturating_sub(start)) * ratio(t)).floor() as u16
}

/// The columns of a phase line: marker, label, planned, actual, progress, state.
fn columns(row: Rect) -> [Rect; 6] {
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

/// Draws the timer in `area` (of a blank frame), without memory: tests and one-off frames.
pub fn render(f: &mut ratatui::Frame, area: Rect, v: &TimerView, theme: &Theme) {
    draw(f.buffer_mut(), area, v, theme, &mut Painted::default());
}

fn minute(t: DateTime<Utc>) -> i64 {
    t.timestamp().div_euclid(60)
}

fn shown(v: &TimerView, areas: &Areas) -> Shown {
    let c = v.clock;
    let current = c.current.and_then(|i| c.phases.get(i).map(|t| (i, t)));
    Shown {
        head: (minute(v.now), c.due_end.map(minute), v.muted),
        status: current.map(|(i, t)| (i, c.paused, !t.overtime.is_zero(), t.urgency)),
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
                    Row::Part { i, from, k } => shown.in_part = in_part(v, i, k, from),
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
fn wall<'p>(p: &'p mut Painted, v: &TimerView) -> &'p str {
    let m = minute(v.now);
    if p.wall.as_ref().is_none_or(|(k, _)| *k != m) {
        p.wall = Some((m, fmt::hm(v.now, v.tz)));
    }
    p.wall.as_ref().map_or("", |(_, s)| s.as_str())
}

fn digits_style(v: &TimerView, t: &PhaseTiming, theme: &Theme) -> Style {
    if v.clock.paused {
        theme.dim()
    } else {
        theme.urgency(t.urgency)
    }
}

fn percent_label(t: &PhaseTiming) -> String {
    format!("{:>3} %", (ratio(t) * 100.0).round() as u32)
}

fn status_line(buf: &mut Buffer, area: Rect, v: &TimerView, t: &PhaseTiming, theme: &Theme) {
    let (text, style) = if v.clock.paused {
        let pause = v.state.pauses.last();
        let why = pause.map_or("", |p| p.reason.label());
        let since = pause.map(|p| fmt::hm(p.start, v.tz)).unwrap_or_default();
        (
            format!("EN PAUSE depuis {since} — {why} · p : reprendre"),
            theme.warning(),
        )
    } else if !t.overtime.is_zero() {
        (
            "DÉPASSEMENT du temps prévu".to_string(),
            theme.urgency(t.urgency),
        )
    } else {
        (
            format!("temps restant sur {}", fmt_mmss(t.planned)),
            theme.dim(),
        )
    };
    Span::styled(text, style).render(area, buf);
}

fn ratio(t: &PhaseTiming) -> f64 {
    if t.planned.is_zero() {
        return 1.0;
    }
    (t.elapsed.as_secs_f64() / t.planned.as_secs_f64()).clamp(0.0, 1.0)
}

/// The phase's progress bar, coloured by its urgency.
fn progress<'a>(t: &PhaseTiming, label: String, theme: &Theme) -> LineGauge<'a> {
    LineGauge::default()
        .ratio(ratio(t))
        .label(label)
        .filled_symbol("█")
        .unfilled_symbol("░")
        .filled_style(theme.urgency(t.urgency))
        .unfilled_style(theme.dim())
}

/// Before the first phase, between phases, and once all are done.
fn idle(
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
        Line::from(vec![
            Span::styled("Espace", theme.key()),
            Span::raw(" : démarrer la phase"),
        ])
        .render(status, buf);
        let planned = Duration::from_secs(u64::from(next.duree_minutes) * 60);
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

fn header(buf: &mut Buffer, area: Rect, v: &TimerView, theme: &Theme, wall: &str) {
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

/// The rows of the phase list: each phase, then each of its parts.
fn phase_row_areas(v: &TimerView, inner: Rect) -> Vec<(Rect, Row)> {
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
        let mut from = 0u32;
        for (k, part) in p.parties.iter().enumerate() {
            if y >= inner.bottom() {
                break;
            }
            let rect = Rect::new(inner.x + 4, y, inner.width.saturating_sub(4), 1);
            rows.push((rect, Row::Part { i, k, from }));
            from += part.duree_minutes;
            y += 1;
        }
    }
    rows
}

/// Whether the running phase is in its part `k`, which starts `from` minutes into it.
fn in_part(v: &TimerView, i: usize, k: usize, from: u32) -> bool {
    let (Some(p), Some(t)) = (v.state.info.phases.get(i), v.clock.phases.get(i)) else {
        return false;
    };
    let len = p.parties.get(k).map_or(0, |part| part.duree_minutes);
    v.clock.current == Some(i)
        && t.elapsed.as_secs() >= u64::from(from) * 60
        && t.elapsed.as_secs() < u64::from(from + len) * 60
}

fn phase_row(buf: &mut Buffer, row: Rect, which: Row, v: &TimerView, theme: &Theme) {
    let (i, k, from) = match which {
        Row::Phase(i) => (i, None, 0),
        Row::Part { i, k, from } => (i, Some(k), from),
    };
    let (Some(p), Some(t)) = (v.state.info.phases.get(i), v.clock.phases.get(i)) else {
        return;
    };
    if let Some(k) = k {
        let Some(part) = p.parties.get(k) else {
            return;
        };
        let on = in_part(v, i, k, from);
        let text = format!(
            "{} {from:02}:00–{:02}:00  {}",
            if on { "▸" } else { "·" },
            from + part.duree_minutes,
            part.intitule,
        );
        let style = if on { theme.text() } else { theme.dim() };
        Span::styled(fmt::truncate(&text, row.width as usize), style).render(row, buf);
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
    Paragraph::new(fmt_mmss(t.planned))
        .style(theme.dim())
        .right_aligned()
        .render(planned, buf);
    actual_cell(buf, actual, t);
    gauge_cell(buf, gauge, t, theme);
    let (text, style) = status_text(t, theme);
    Span::styled(text, style).render(state, buf);
}

/// Time spent in a phase, right-aligned (a dash before it starts). Written straight into the
/// buffer: it changes every second.
fn actual_cell(buf: &mut Buffer, area: Rect, t: &PhaseTiming) {
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
fn gauge_cell(buf: &mut Buffer, area: Rect, t: &PhaseTiming, theme: &Theme) {
    if !matches!(t.status, PhaseStatus::NotStarted) {
        progress(t, String::new(), theme).render(area, buf);
    }
}

fn status_text(t: &PhaseTiming, theme: &Theme) -> (String, Style) {
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

fn speaker_list(buf: &mut Buffer, area: Rect, v: &TimerView, theme: &Theme) {
    let mut lines = vec![Line::from(vec![
        Span::styled("Temps de parole", theme.title()),
        Span::styled("  (1–4 : qui parle · 0 : personne)", theme.dim()),
    ])];
    let speaking = v.state.speaker();
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
        ]));
    }
    Paragraph::new(lines).render(area, buf);
}
