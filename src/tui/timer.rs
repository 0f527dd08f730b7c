//! The timer screen: the running phase and a big countdown readable from a metre away, the list
//! of phases (planned, actual, progress), the wall clock and the time the épreuve is due to
//! end, and for a group séance each member's speaking time and share.
//!
//! It never shows a note, a position or anything of the grid, so it may stay on screen in front
//! of the candidate; the countdown's colour follows the urgency (calm, warning, alert) and the
//! overtime counts up as `+mm:ss`.

use chrono::{DateTime, FixedOffset, Utc};
use ratatui::Frame;

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, LineGauge, Paragraph, Wrap};

use super::chrome;
use super::digits::{big, big_time};
use super::fmt;
use super::theme::Theme;
use crate::referentiel::Phase;
use crate::session::{PauseReason, SeanceState};
use crate::timing::{ClockView, PhaseStatus, PhaseTiming, fmt_mmss, fmt_overtime};

/// The pause dialog: the reason, an optional detail, and when the jury asked for the pause
/// (the pause starts then, not when the dialog is confirmed).
#[derive(Debug, Clone, PartialEq)]
pub struct PauseDialog {
    pub at: DateTime<Utc>,
    pub reason: usize,
    pub detail: String,
    /// The detail field has the focus.
    pub typing: bool,
}

pub struct TimerView<'a> {
    pub state: &'a SeanceState,
    pub clock: &'a ClockView,
    pub now: DateTime<Utc>,
    pub tz: FixedOffset,
    pub muted: bool,
    pub pause: Option<&'a PauseDialog>,
}

fn phase_label(p: &Phase) -> String {
    match p.lettre() {
        Some(l) => format!("{l} · {}", p.intitule),
        None => p.intitule.clone(),
    }
}

/// `Phase A · Exposé oral…`, or the bare intitulé when the phase has a long id.
fn phase_title(p: &Phase) -> String {
    match p.lettre() {
        Some(_) => format!("Phase {}", phase_label(p)),
        None => p.intitule.clone(),
    }
}

pub fn render(f: &mut Frame, area: Rect, v: &TimerView, theme: &Theme) {
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
    header(f, head, v, theme);

    let current = v
        .clock
        .current
        .and_then(|i| v.clock.phases.get(i).map(|t| (i, t)));
    match current {
        Some((i, t)) => {
            let intitule = s.info.phases.get(i).map(phase_title).unwrap_or_default();
            f.render_widget(Paragraph::new(Line::styled(intitule, theme.title())), title);
            let (status_text, style) = if v.clock.paused {
                let pause = s.pauses.last();
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
            f.render_widget(Paragraph::new(Span::styled(status_text, style)), status);
            let style = if v.clock.paused {
                theme.dim()
            } else {
                theme.urgency(t.urgency)
            };
            big(f, digits, &big_time(t), style);
            let ratio = ratio(t);
            let label = format!("{:>3} %", (ratio * 100.0).round() as u32);
            f.render_widget(progress(t, label, theme), gauge);
        }
        None => idle(f, [title, status, digits], v, theme),
    }
    phases(f, list, v, theme);
    if group > 0 {
        speaker_list(f, speakers, v, theme);
    }
    if let Some(d) = v.pause {
        pause_dialog(f, area, d, v.tz, theme);
    }
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
fn idle(f: &mut Frame, [title, status, digits]: [Rect; 3], v: &TimerView, theme: &Theme) {
    let s = v.state;
    if let Some(next) = s.next_phase().and_then(|i| s.info.phases.get(i)) {
        f.render_widget(
            Paragraph::new(Line::styled(
                format!("Prochaine phase : {}", phase_label(next)),
                theme.title(),
            )),
            title,
        );
        f.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled("Espace", theme.key()),
                Span::raw(" : démarrer la phase"),
            ])),
            status,
        );
        let planned = std::time::Duration::from_secs(u64::from(next.duree_minutes) * 60);
        big(f, digits, &fmt::countdown(planned), theme.dim());
    } else {
        let text = if s.info.phases.is_empty() {
            "Pas de minutage : la commission évalue sans la personne candidate."
        } else {
            "Épreuve terminée."
        };
        f.render_widget(Paragraph::new(Line::styled(text, theme.title())), title);
        f.render_widget(
            Paragraph::new(Line::from(vec![
                Span::raw(format!(
                    "Durée totale {} · ",
                    fmt_mmss(v.clock.total_elapsed)
                )),
                Span::styled("g", theme.key()),
                Span::raw(" : grille d’évaluation"),
            ])),
            status,
        );
        if !s.info.phases.is_empty() {
            big(f, digits, "FIN", theme.dim());
        }
    }
}

fn header(f: &mut Frame, area: Rect, v: &TimerView, theme: &Theme) {
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
        right.push(Span::styled(fmt::hm(v.now, v.tz), theme.title()));
    }
    if let Some(end) = v.clock.due_end {
        right.push(Span::styled(" · fin prévue ", theme.dim()));
        right.push(Span::styled(fmt::hm(end, v.tz), theme.title()));
    }
    let right_w: usize = right.iter().map(|s| s.content.chars().count()).sum();
    let [l, r] = Layout::horizontal([Constraint::Min(10), Constraint::Length(right_w as u16)])
        .spacing(2)
        .areas(area);
    f.render_widget(
        Paragraph::new(fmt::fit(&left, l.width as usize)).style(theme.text()),
        l,
    );
    f.render_widget(Paragraph::new(Line::from(right)), r);
}

fn phases(f: &mut Frame, area: Rect, v: &TimerView, theme: &Theme) {
    let block = Block::new().borders(Borders::TOP).title(" Phases ");
    let inner = block.inner(area);
    f.render_widget(block, area);
    let mut y = inner.y;
    for (i, p) in v.state.info.phases.iter().enumerate() {
        let Some(t) = v.clock.phases.get(i) else {
            continue;
        };
        if y >= inner.bottom() {
            break;
        }
        let row = Rect::new(inner.x, y, inner.width, 1);
        let [mark, label, planned, actual, gauge, state] = Layout::horizontal([
            Constraint::Length(2),
            Constraint::Min(10),
            Constraint::Length(7),
            Constraint::Length(8),
            Constraint::Length(12),
            Constraint::Length(10),
        ])
        .spacing(1)
        .areas(row);
        let current = v.clock.current == Some(i);
        let label_style = if current { theme.title() } else { theme.text() };
        f.render_widget(
            Span::styled(if current { "▶" } else { " " }, theme.key()),
            mark,
        );
        f.render_widget(
            Span::styled(fmt::fit(&phase_label(p), label.width as usize), label_style),
            label,
        );
        f.render_widget(
            Paragraph::new(fmt_mmss(t.planned))
                .style(theme.dim())
                .right_aligned(),
            planned,
        );
        let started = !matches!(t.status, PhaseStatus::NotStarted);
        let actual_text = if started {
            fmt_mmss(t.elapsed)
        } else {
            "—".into()
        };
        f.render_widget(Paragraph::new(actual_text).right_aligned(), actual);
        if started {
            f.render_widget(progress(t, String::new(), theme), gauge);
        }
        let (text, style) = status_text(t, theme);
        f.render_widget(Span::styled(text, style), state);
        y += 1;
        let mut from = 0u32;
        for part in &p.parties {
            if y >= inner.bottom() {
                break;
            }
            let in_part = current
                && t.elapsed.as_secs() >= u64::from(from) * 60
                && t.elapsed.as_secs() < u64::from(from + part.duree_minutes) * 60;
            let text = format!(
                "{} {from:02}:00–{:02}:00  {}",
                if in_part { "▸" } else { "·" },
                from + part.duree_minutes,
                part.intitule,
            );
            let style = if in_part { theme.text() } else { theme.dim() };
            let r = Rect::new(inner.x + 4, y, inner.width.saturating_sub(4), 1);
            f.render_widget(Span::styled(fmt::fit(&text, r.width as usize), style), r);
            from += part.duree_minutes;
            y += 1;
        }
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

fn speaker_list(f: &mut Frame, area: Rect, v: &TimerView, theme: &Theme) {
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
                    fmt::fit(&who, 32),
                    fmt_mmss(sp.elapsed),
                    share
                ),
                style,
            ),
            Span::styled(if now { "  ◀ parle" } else { "" }, theme.key()),
        ]));
    }
    f.render_widget(Paragraph::new(lines), area);
}

fn pause_dialog(f: &mut Frame, area: Rect, d: &PauseDialog, tz: FixedOffset, theme: &Theme) {
    let popup = area.centered(
        Constraint::Length(60.min(area.width)),
        Constraint::Length(11),
    );
    f.render_widget(Clear, popup);
    let block = Block::bordered().title(format!(" Pause à {} — motif ", fmt::hm(d.at, tz)));
    let mut lines = Vec::new();
    for (i, r) in PauseReason::ALL.iter().enumerate() {
        let selected = i == d.reason;
        lines.push(Line::from(vec![
            Span::styled(if selected { "▶ " } else { "  " }, theme.key()),
            Span::styled(format!("{} ", i + 1), theme.key()),
            Span::styled(
                r.label(),
                if selected {
                    theme.selected()
                } else {
                    theme.text()
                },
            ),
        ]));
    }
    lines.push(Line::raw(""));
    let caret = if d.typing { "▏" } else { "" };
    lines.push(Line::from(vec![
        Span::styled(
            "Précision (Tab) : ",
            if d.typing { theme.key() } else { theme.dim() },
        ),
        Span::raw(format!("{}{caret}", d.detail)),
    ]));
    lines.push(Line::raw(""));
    lines.push(chrome::hints(
        &[("Entrée", "mettre en pause"), ("Échap", "annuler")],
        theme,
    ));
    f.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        popup,
    );
}
