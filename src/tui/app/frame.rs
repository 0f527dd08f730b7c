//! The frame around the screen: the training banner on top, the screen itself, the message
//! line, the footer (read from the binding tables in force), then the open dialog and the
//! flash. Also the once-a-second repaint, which leaves all that alone and lets the screen
//! redraw only what its clock changed.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Rect};

use super::{App, Overlay, Screen, cx};
use crate::tui::action::QUESTION;
use crate::tui::chrome;
use crate::tui::component::Component;
use crate::tui::dialog::{help, question, remark};
use crate::tui::keys;

impl App {
    /// The areas of the frame: banner, screen, message line, footer.
    fn areas(&self, area: Rect) -> [Rect; 4] {
        let [banner, body, msg, footer] = Layout::vertical([
            Constraint::Length(u16::from(self.training().is_some())),
            Constraint::Min(1),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        [
            banner,
            body.inner(Margin::new(1, 0)),
            msg.inner(Margin::new(1, 0)),
            footer.inner(Margin::new(1, 0)),
        ]
    }

    /// Draws a whole frame.
    pub fn render(&mut self, f: &mut Frame) {
        self.full = false;
        let area = f.area();
        let theme = self.cfg.theme;
        if chrome::too_small(area.width, area.height) {
            match &self.overlay {
                // `q` asked: the question, since nothing else fits.
                Some(Overlay::Ask(q)) => question::render(f, area, &self.question_text(*q), &theme),
                _ => chrome::render_too_small(f, area, &theme),
            }
            return;
        }
        let [banner, body, msg, footer] = self.areas(area);
        if let Some(v) = self.training() {
            chrome::banner(f, banner, v, &theme);
        }
        {
            let cx = cx!(self, self.clock.now);
            match &mut self.screen {
                Screen::Start(s) => s.view(f, body, &cx),
                Screen::Wizard(w) => w.view(f, body, &cx),
                Screen::Timer(t) => t.view(f, body, &cx),
                Screen::Candidate(c) => c.view(f, body, &cx),
                Screen::Grid(g) => g.view(f, body, &cx),
            }
        }
        if matches!(self.screen, Screen::Candidate(_)) {
            // Towards the candidate: nothing but the phase and the countdown (and its question).
            if let Some(Overlay::Ask(q)) = &self.overlay {
                question::render(f, body, &self.question_text(*q), &theme);
            }
            if self.flashing() {
                f.buffer_mut().set_style(area, theme.flash());
            }
            return;
        }
        if let Some((text, error)) = &self.messages.message {
            chrome::message(f, msg, text, *error, &theme);
        } else if let Some(text) = &self.messages.write_error {
            chrome::message(f, msg, text, true, &theme);
        }
        chrome::footer(f, footer, &self.footer_keys(), &theme);
        match &mut self.overlay {
            Some(Overlay::Help(h)) => h.render(f, body, &theme),
            Some(Overlay::Ask(q)) => {
                let q = *q;
                question::render(f, body, &self.question_text(q), &theme);
            }
            Some(Overlay::Remark(d)) => d.render(f, body, &theme),
            None => {}
        }
        if self.flashing() {
            f.buffer_mut().set_style(area, theme.flash());
        }
    }

    /// Repaints into `buf` (the last frame drawn, as the terminal shows it) only what the clock
    /// changed since: the areas repainted, or `None` when a whole frame must be drawn (a key,
    /// a message, a dialog, the flash, a screen without such parts).
    pub fn repaint(&mut self, buf: &mut Buffer) -> Option<Vec<Rect>> {
        if self.full || self.overlay.is_some() || self.flashing() {
            return None;
        }
        if buf.area.width != self.size.0 || buf.area.height != self.size.1 {
            return None;
        }
        let cx = cx!(self, self.clock.now);
        match &mut self.screen {
            Screen::Timer(t) => t.live(buf, &cx),
            Screen::Candidate(c) => c.live(buf, &cx),
            Screen::Grid(g) => g.live(buf, &cx),
            _ => None,
        }
    }

    /// The keys the footer shows now: the screen's (or the dialog's), then the app's.
    pub fn footer_keys(&self) -> Vec<(&'static str, &'static str)> {
        match &self.overlay {
            Some(Overlay::Help(_)) => return keys::footer(&[help::KEYS]),
            Some(Overlay::Ask(_)) => return keys::footer(&[QUESTION]),
            Some(Overlay::Remark(_)) => return keys::footer(&[remark::KEYS]),
            None => {}
        }
        let cx = cx!(self, self.clock.now);
        let mut out = match &self.screen {
            Screen::Start(s) => keys::footer(&s.bindings(&cx)),
            Screen::Wizard(w) => keys::footer(&w.bindings(&cx)),
            Screen::Timer(t) => match t.dialog_bindings() {
                Some(d) => keys::footer(&[d]),
                None => keys::footer(&t.bindings(&cx)),
            },
            Screen::Candidate(_) => Vec::new(),
            Screen::Grid(g) => keys::footer(&g.bindings(&cx)),
        };
        out.extend(keys::footer(&self.global_tables()));
        out
    }
}
