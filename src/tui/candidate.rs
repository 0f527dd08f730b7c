//! The display turned towards the candidate: the phase and the countdown, nothing else.
//!
//! It takes only the séance's phases and the clock (never the grids), so no note, position,
//! level or appreciation can reach it by construction; the only way out is Échap and then a
//! confirmation, back to the timer, never straight to the grid. The app draws neither its
//! message line nor its footer over it (a message could name the candidate or a grid change),
//! and no key but Échap, `m` and Ctrl-C does anything here.

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::component::{Captures, Component, Cx, Outcome, Question};
use super::keys::{Binding, ESC, Fill, Key, help_only, plain};
use super::theme::Theme;
use super::timer::digits::{BigDigits, big_time};
use crate::referentiel::Phase;
use crate::timing::ClockView;

/// What the candidate display shows.
pub struct SafeView<'a> {
    pub phases: &'a [Phase],
    pub clock: &'a ClockView,
    /// Index of the next phase to start, when none runs.
    pub next: Option<usize>,
}

/// What the jury can do from the candidate display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CandidateAction {
    /// Échap: asks before going back to the jury's screen.
    Back,
    Mute,
    /// Any other key: nothing at all (it must not reach the app's own keys).
    Inert,
}

impl Fill for CandidateAction {}

impl CandidateAction {
    /// Every action, for the binding test (a new variant fails to compile in the match).
    pub fn all() -> Vec<CandidateAction> {
        let all = vec![
            CandidateAction::Back,
            CandidateAction::Mute,
            CandidateAction::Inert,
        ];
        for a in &all {
            match a {
                CandidateAction::Back | CandidateAction::Mute | CandidateAction::Inert => {}
            }
        }
        all
    }
}

pub const KEYS: &[Binding<CandidateAction>] = &[
    help_only(
        &[ESC],
        "Échap puis o",
        CandidateAction::Back,
        "revenir à l’écran du jury",
    ),
    help_only(
        &[plain('m')],
        "m",
        CandidateAction::Mute,
        "couper / rétablir le son",
    ),
    help_only(
        &[Key::Any],
        "autres",
        CandidateAction::Inert,
        "sans effet : rien ne quitte cet écran par erreur",
    ),
];

/// The candidate display's state: what its digits and status line showed.
#[derive(Debug, Default)]
pub struct CandidateScreen {
    digits: BigDigits,
    /// The status line's area and text when last drawn.
    status: Option<(Rect, &'static str, Style)>,
    /// The phase shown, to know when only the clock changed.
    phase: Option<(Option<usize>, Option<usize>)>,
}

impl CandidateScreen {
    pub fn new() -> CandidateScreen {
        CandidateScreen::default()
    }
}

impl Component for CandidateScreen {
    type Action = CandidateAction;

    fn title(&self) -> &'static str {
        "Écran candidat"
    }

    fn bindings(&self, _cx: &Cx) -> Vec<&'static [Binding<CandidateAction>]> {
        vec![KEYS]
    }

    fn captures(&self, _cx: &Cx) -> Captures {
        Captures::Text
    }

    fn update(&mut self, action: CandidateAction, _now: DateTime<Utc>, _cx: &Cx) -> Outcome {
        match action {
            CandidateAction::Back => Outcome::Ask(Question::LeaveSafe),
            CandidateAction::Mute => Outcome::ToggleSound,
            CandidateAction::Inert => Outcome::Nothing,
        }
    }

    fn view(&mut self, f: &mut Frame, area: Rect, cx: &Cx) {
        let (Some(state), Some(clock)) = (cx.state, cx.clock) else {
            return;
        };
        let v = SafeView {
            phases: &state.info.phases,
            clock,
            next: state.next_phase(),
        };
        let drawn = draw(f.buffer_mut(), area, &v, cx.theme(), &mut self.digits);
        self.status = Some(drawn);
        self.phase = Some((clock.current, v.next));
    }

    fn live(&mut self, buf: &mut Buffer, cx: &Cx) -> Option<Vec<Rect>> {
        let (state, clock) = (cx.state?, cx.clock?);
        let (rect, was, was_style) = self.status?;
        if self.phase != Some((clock.current, state.next_phase())) {
            return None;
        }
        let Some(t) = clock.current.and_then(|i| clock.phases.get(i)) else {
            return Some(Vec::new());
        };
        let (style, status) = look(clock, t, cx.theme());
        let mut painted = self.digits.redraw(buf, &big_time(t), style);
        let status_style = cx.theme().warning();
        if status != was || status_style != was_style {
            for pos in rect.positions() {
                buf[pos].reset();
            }
            status_line(buf, rect, status, cx.theme());
            self.status = Some((rect, status, status_style));
            painted.push(rect);
        }
        Some(painted)
    }
}

/// The countdown's style and the status word of the running phase.
fn look(clock: &ClockView, t: &crate::timing::PhaseTiming, theme: &Theme) -> (Style, &'static str) {
    if clock.paused {
        (theme.dim(), "EN PAUSE")
    } else if !t.overtime.is_zero() {
        // Not « Temps écoulé », read as « time's up »: the digits count the time past.
        (theme.urgency(t.urgency), "Temps prévu dépassé")
    } else {
        (theme.urgency(t.urgency), "")
    }
}

fn status_line(buf: &mut Buffer, area: Rect, text: &str, theme: &Theme) {
    Paragraph::new(Line::styled(text.to_string(), theme.warning()))
        .centered()
        .render(area, buf);
}

/// How the jury goes back from the candidate display (not shown by `affichage`).
const HINT: &str = "Échap : écran du jury";

/// Draws the candidate display without memory (tests, one-off frames).
pub fn render(f: &mut Frame, area: Rect, v: &SafeView, theme: &Theme) {
    draw(f.buffer_mut(), area, v, theme, &mut BigDigits::default());
}

/// Draws the display; returns where its status line is and what it says.
fn draw(
    buf: &mut Buffer,
    area: Rect,
    v: &SafeView,
    theme: &Theme,
    big: &mut BigDigits,
) -> (Rect, &'static str, Style) {
    draw_with(buf, area, v, theme, big, Some(HINT))
}

/// The display as the candidate sees it, shared with `sno-jury affichage` (which has no way
/// back to show: `hint` is `None`). From 14 rows the phase, digits and status are spaced out;
/// below, down to 10, they are packed one above the other.
pub(crate) fn draw_with(
    buf: &mut Buffer,
    area: Rect,
    v: &SafeView,
    theme: &Theme,
    big: &mut BigDigits,
    hint: Option<&str>,
) -> (Rect, &'static str, Style) {
    // Room for the doubled digits on a large terminal.
    let digits_h = if area.height >= 30 { 16 } else { 8 };
    let [title, digits, status, hint_area] = if area.height >= 14 {
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
        [title, digits, status, hint]
    } else {
        let [title, digits, status] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(1),
        ])
        .areas(area);
        [title, digits, status, Rect::default()]
    };
    let (mut name, time, style, status_text) = shown(v, theme);
    if title.height == 1 && name.chars().count() > usize::from(title.width) {
        // One row only: the name cut visibly, not at a word that reads as its end.
        let keep = usize::from(title.width).saturating_sub(1);
        name = name.chars().take(keep).collect::<String>() + "…";
    }
    Paragraph::new(Line::styled(name, theme.title()))
        .centered()
        .wrap(Wrap { trim: true })
        .render(title, buf);
    if !time.is_empty() {
        big.draw(buf, digits, &time, style);
    }
    status_line(buf, status, status_text, theme);
    if let Some(hint) = hint {
        Paragraph::new(Line::styled(hint.to_string(), theme.dim()))
            .right_aligned()
            .render(hint_area, buf);
    }
    (status, status_text, theme.warning())
}

/// What the display says: the phase's name, the time (big digits), their style, the status.
fn shown(v: &SafeView, theme: &Theme) -> (String, String, Style, &'static str) {
    let current = v
        .clock
        .current
        .and_then(|i| Some((v.phases.get(i)?, v.clock.phases.get(i)?)));
    match current {
        Some((p, t)) => {
            let (style, status) = look(v.clock, t, theme);
            (p.intitule.clone(), big_time(t), style, status)
        }
        // The clock's planned duration: a « temps majoré » included.
        None => match v
            .next
            .and_then(|i| Some((v.phases.get(i)?, v.clock.phases.get(i)?)))
        {
            Some((p, t)) => (
                format!("À venir : {}", p.intitule),
                super::fmt::countdown(t.planned),
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
    }
}

/// The display in one line, for a terminal too small for anything else:
/// `Exposé oral · 24:59 · EN PAUSE`.
pub(crate) fn one_line(v: &SafeView, theme: &Theme) -> (String, Style) {
    let (name, time, style, status) = shown(v, theme);
    let parts: Vec<&str> = [name.as_str(), time.as_str(), status]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect();
    (parts.join(" · "), style)
}
