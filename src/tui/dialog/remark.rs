//! The free remark: one line typed over a séance screen (`r`, the same key on the timer and the
//! grid), recorded as the log's `remark` event on Entrée. The review shows it in the séance's
//! timeline and detail. Échap drops it; Ctrl-C records what was typed, then quits.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use crate::clean;
use crate::session::Event;
use crate::tui::chrome;
use crate::tui::keys::{Binding, ENTER, ESC, Fill, Key, foot, help_only};
use crate::tui::theme::Theme;

/// The longest remark, in characters: a line or two, and a bound on what a paste puts in the
/// log.
pub const REMARK_MAX: usize = 300;

/// Keys while the remark is typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RemarkAction {
    Submit,
    Cancel,
    /// A key for the text.
    Input(KeyEvent),
}

/// The key an `Input` binding stands for in a table (the real one fills it in).
const NO_KEY: KeyEvent = KeyEvent::new(KeyCode::Null, KeyModifiers::NONE);

impl Fill for RemarkAction {
    fn fill(self, key: &KeyEvent) -> Self {
        match self {
            RemarkAction::Input(_) => RemarkAction::Input(*key),
            a => a,
        }
    }
}

impl RemarkAction {
    /// Every action, for the binding test (a new variant fails to compile in the match).
    pub fn all() -> Vec<RemarkAction> {
        let all = vec![
            RemarkAction::Submit,
            RemarkAction::Cancel,
            RemarkAction::Input(NO_KEY),
        ];
        for a in &all {
            match a {
                RemarkAction::Submit | RemarkAction::Cancel | RemarkAction::Input(_) => {}
            }
        }
        all
    }
}

pub const KEYS: &[Binding<RemarkAction>] = &[
    foot(
        &[ENTER],
        "Entrée",
        RemarkAction::Submit,
        "consigner la remarque au journal",
        "consigner",
    ),
    foot(
        &[ESC],
        "Échap",
        RemarkAction::Cancel,
        "abandonner la remarque",
        "abandonner",
    ),
    help_only(
        &[Key::Text, Key::Plain(KeyCode::Backspace)],
        "lettres",
        RemarkAction::Input(NO_KEY),
        "saisir (Retour arrière : effacer)",
    ),
];

/// What a key does to the dialog.
#[derive(Debug, Clone, PartialEq)]
pub enum RemarkOutcome {
    Stay,
    Close,
    /// Record this event; the dialog closes once it is recorded.
    Record(Event),
}

/// The remark being typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RemarkDialog {
    pub text: String,
}

impl RemarkDialog {
    pub fn update(&mut self, action: RemarkAction) -> RemarkOutcome {
        match action {
            RemarkAction::Cancel => RemarkOutcome::Close,
            RemarkAction::Submit => match self.event() {
                Some(e) => RemarkOutcome::Record(e),
                None => RemarkOutcome::Close,
            },
            RemarkAction::Input(key) => {
                match key.code {
                    KeyCode::Backspace => {
                        self.text.pop();
                    }
                    KeyCode::Char(c) if self.text.chars().count() < REMARK_MAX => {
                        self.text.push(c);
                    }
                    _ => {}
                }
                RemarkOutcome::Stay
            }
        }
    }

    /// The remark as an event, `None` while nothing but blanks is typed.
    pub fn event(&self) -> Option<Event> {
        let text = clean::strip(self.text.trim()).into_owned();
        (!text.trim().is_empty()).then_some(Event::Remark { text })
    }

    /// Types `text` (a paste): its first line, control characters dropped, cut to what fits.
    pub fn paste(&mut self, text: &str) {
        let first = text.lines().next().unwrap_or_default();
        let room = REMARK_MAX.saturating_sub(self.text.chars().count());
        self.text
            .extend(first.chars().filter(|c| !c.is_control()).take(room));
    }

    /// The dialog over the lower part of `area`.
    pub fn render(&self, f: &mut Frame, area: Rect, theme: &Theme) {
        let width = area.width.min(76);
        let inner = usize::from(width.saturating_sub(4)).max(10);
        let shown = clean::visible(&self.text);
        let rows = (shown.chars().count() + 1).div_ceil(inner).max(1) as u16;
        let popup = area.centered(Constraint::Length(width), Constraint::Length(rows + 4));
        f.render_widget(Clear, popup);
        let lines = vec![
            Line::from(vec![
                Span::styled(shown.into_owned(), theme.key()),
                Span::styled("_", theme.key()),
            ]),
            Line::raw(""),
            chrome::hints(
                &[("Entrée", "consigner au journal"), ("Échap", "abandonner")],
                theme,
            ),
        ];
        let block = Block::bordered()
            .title(" Remarque libre (journal de la séance) ")
            .padding(ratatui::widgets::Padding::horizontal(1));
        f.render_widget(
            Paragraph::new(lines)
                .block(block)
                .wrap(Wrap { trim: false }),
            popup,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(d: &mut RemarkDialog, s: &str) {
        for c in s.chars() {
            d.update(RemarkAction::Input(KeyEvent::from(KeyCode::Char(c))));
        }
    }

    #[test]
    fn a_remark_is_typed_then_recorded_and_blanks_record_nothing() {
        let mut d = RemarkDialog::default();
        typed(&mut d, "  ");
        assert_eq!(d.update(RemarkAction::Submit), RemarkOutcome::Close);
        typed(&mut d, "Vidéoprojecteur HSx");
        d.update(RemarkAction::Input(KeyEvent::from(KeyCode::Backspace)));
        assert_eq!(
            d.update(RemarkAction::Submit),
            RemarkOutcome::Record(Event::Remark {
                text: "Vidéoprojecteur HS".into()
            })
        );
        assert_eq!(d.update(RemarkAction::Cancel), RemarkOutcome::Close);
    }

    #[test]
    fn a_paste_types_its_first_line_cut_to_the_limit() {
        let mut d = RemarkDialog::default();
        d.paste("un\u{7}e\nligne deux");
        assert_eq!(d.text, "une");
        d.paste(&"x".repeat(REMARK_MAX * 2));
        assert_eq!(d.text.chars().count(), REMARK_MAX);
    }
}
