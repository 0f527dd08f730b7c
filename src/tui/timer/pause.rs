//! The pause dialog over the timer: the reason (1–4), an optional detail, and when the jury
//! asked for the pause. The pause starts when `p` was pressed, not when the reason is
//! confirmed: the event is recorded at that instant, so typing the detail never counts as
//! épreuve time. Only a step of the system clock can be logged while the dialog is open; the
//! pause is then placed at it on the séance's timeline, never before it.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

use crate::review::Tz;
use crate::session::{Event, PauseReason, Stamp};
use crate::tui::chrome;
use crate::tui::component::Captures;
use crate::tui::fmt;
use crate::tui::keys::{
    BACKSPACE, BACKTAB, Binding, DOWN, ENTER, ESC, Fill, Key, TAB, UP, folded, foot, help_only,
    plain,
};
use crate::tui::theme::Theme;

/// The dialog's state.
#[derive(Debug, Clone, PartialEq)]
pub struct PauseDialog {
    /// When `p` was pressed: the pause starts then.
    pub at: Stamp,
    /// Index in `PauseReason::ALL`.
    pub reason: usize,
    pub detail: String,
    /// The detail field has the focus.
    pub typing: bool,
}

/// What a key asks of the dialog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PauseAction {
    Up,
    Down,
    /// A digit picks a reason; in the detail field, any character is text.
    Char(char),
    Backspace,
    /// Between the reasons and the detail field.
    Switch,
    Confirm,
    Cancel,
}

impl Fill for PauseAction {
    fn fill(self, key: &KeyEvent) -> Self {
        match (self, key.code) {
            (PauseAction::Char(_), KeyCode::Char(c)) => PauseAction::Char(c),
            (a, _) => a,
        }
    }
}

impl PauseAction {
    /// Every action, for the binding test (a new variant fails to compile in the match).
    pub fn all() -> Vec<PauseAction> {
        use PauseAction as A;
        let all = vec![
            A::Up,
            A::Down,
            A::Char('1'),
            A::Backspace,
            A::Switch,
            A::Confirm,
            A::Cancel,
        ];
        for a in &all {
            match a {
                A::Up | A::Down | A::Char(_) | A::Backspace | A::Switch => {}
                A::Confirm | A::Cancel => {}
            }
        }
        all
    }
}

/// Choosing the reason.
pub const REASON_KEYS: &[Binding<PauseAction>] = &[
    foot(
        &[plain('1'), plain('2'), plain('3'), plain('4')],
        "1–4",
        PauseAction::Char('1'),
        "motif de la pause",
        "motif",
    ),
    help_only(
        &[UP, plain('k')],
        "↑ ↓",
        PauseAction::Up,
        "motif précédent / suivant",
    ),
    folded(&[DOWN, plain('j')], PauseAction::Down),
    foot(
        &[TAB, BACKTAB],
        "Tab",
        PauseAction::Switch,
        "précision facultative",
        "précision",
    ),
    foot(
        &[ENTER],
        "Entrée",
        PauseAction::Confirm,
        "mettre en pause",
        "valider",
    ),
    foot(
        &[ESC],
        "Échap",
        PauseAction::Cancel,
        "annuler (pas de pause)",
        "annuler",
    ),
];

/// Typing the detail.
pub const DETAIL_KEYS: &[Binding<PauseAction>] = &[
    foot(
        &[TAB, BACKTAB, UP, DOWN],
        "Tab",
        PauseAction::Switch,
        "revenir au motif",
        "motif",
    ),
    foot(
        &[ENTER],
        "Entrée",
        PauseAction::Confirm,
        "mettre en pause",
        "valider",
    ),
    foot(
        &[ESC],
        "Échap",
        PauseAction::Cancel,
        "annuler (pas de pause)",
        "annuler",
    ),
    help_only(
        &[Key::Text],
        "lettres",
        PauseAction::Char(' '),
        "saisir la précision",
    ),
    help_only(
        &[BACKSPACE],
        "Retour arrière",
        PauseAction::Backspace,
        "effacer",
    ),
];

/// What the dialog asks of the timer.
#[derive(Debug, Clone, PartialEq)]
pub enum PauseOutcome {
    Stay,
    Close,
    /// Record this pause, stamped when `p` was pressed (then the dialog closes).
    Record(Event, Stamp),
}

impl PauseDialog {
    pub fn new(at: Stamp) -> PauseDialog {
        PauseDialog {
            at,
            reason: 0,
            detail: String::new(),
            typing: false,
        }
    }

    pub fn bindings(&self) -> &'static [Binding<PauseAction>] {
        if self.typing {
            DETAIL_KEYS
        } else {
            REASON_KEYS
        }
    }

    pub fn captures(&self) -> Captures {
        if self.typing {
            Captures::Text
        } else {
            Captures::Nothing
        }
    }

    pub fn update(&mut self, action: PauseAction) -> PauseOutcome {
        let n = PauseReason::ALL.len();
        match action {
            PauseAction::Up if !self.typing => self.reason = self.reason.saturating_sub(1),
            PauseAction::Down if !self.typing => self.reason = (self.reason + 1).min(n - 1),
            PauseAction::Char(c @ '1'..='9') if !self.typing => {
                let i = c as usize - '1' as usize;
                if i < n {
                    self.reason = i;
                    self.typing = true;
                }
            }
            PauseAction::Char(c) if self.typing => self.detail.push(c),
            PauseAction::Backspace => {
                self.detail.pop();
            }
            PauseAction::Switch | PauseAction::Up | PauseAction::Down => self.typing = !self.typing,
            PauseAction::Char(_) => {}
            PauseAction::Cancel => return PauseOutcome::Close,
            PauseAction::Confirm => {
                let event = Event::Paused {
                    reason: PauseReason::ALL[self.reason.min(n - 1)],
                    detail: self.detail.trim().to_string(),
                };
                return PauseOutcome::Record(event, self.at);
            }
        }
        PauseOutcome::Stay
    }
}

/// The dialog, centred over `area`.
pub fn render(buf: &mut Buffer, area: Rect, d: &PauseDialog, tz: Tz, theme: &Theme) {
    let popup = area.centered(
        Constraint::Length(60.min(area.width)),
        Constraint::Length(11),
    );
    Clear.render(popup, buf);
    let block = Block::bordered().title(format!(" Pause à {} — motif ", fmt::hm(d.at.wall, tz)));
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
    Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: false })
        .render(popup, buf);
}
