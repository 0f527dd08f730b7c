//! Which binding tables are in force (the open dialog's or the screen's, then the app's own:
//! Ctrl-C, `?`, `q`), and the keymap read from them.

use crossterm::event::{KeyCode, KeyEvent};

use super::{App, Overlay, Screen, cx};
use crate::session::Stamp;
use crate::tui::action::{self, Action, CTRL_C, HELP_AND_QUIT, QUESTION, REMARK, TOO_SMALL};
use crate::tui::chrome;
use crate::tui::component::{Captures, Component};
use crate::tui::dialog::{help, remark};
use crate::tui::keys::{self, Binding, Fill};

/// The most characters a paste types into a short field (a name, a numéro, a reason): more
/// than any of them holds.
pub const PASTE_FIELD_MAX: usize = 200;

/// The action of `key` in a screen's `tables`, wrapped for the app.
fn map<A: Fill>(
    tables: &[&'static [Binding<A>]],
    key: &KeyEvent,
    wrap: fn(A) -> Action,
) -> Option<Action> {
    keys::lookup(tables, key).map(wrap)
}

impl App {
    /// The screen's key capture (the pause dialog's while it is open).
    pub(super) fn captures(&self) -> Captures {
        let cx = cx!(self, self.clock.now);
        match &self.screen {
            Screen::Start(s) => s.captures(&cx),
            Screen::Wizard(w) => w.captures(&cx),
            Screen::Timer(t) => t.dialog_captures().unwrap_or_else(|| t.captures(&cx)),
            Screen::Candidate(c) => c.captures(&cx),
            Screen::Grid(g) => g.captures(&cx),
        }
    }

    /// The app's own tables in force besides the screen's.
    pub(super) fn global_tables(&self) -> Vec<&'static [Binding<Action>]> {
        if chrome::too_small(self.size.0, self.size.1) {
            // `q` asks like elsewhere: the question is then answered here too.
            return match &self.overlay {
                Some(Overlay::Ask(_)) => vec![QUESTION, CTRL_C],
                _ => vec![CTRL_C, TOO_SMALL],
            };
        }
        match &self.overlay {
            Some(Overlay::Ask(_)) => return vec![QUESTION, CTRL_C],
            Some(Overlay::Help(_)) => return vec![CTRL_C],
            Some(Overlay::Remark(_)) => return vec![action::CTRL_C_SHOWN],
            None => {}
        }
        match self.captures() {
            Captures::Nothing => {
                let mut tables = Vec::new();
                tables.extend(self.next_table());
                tables.push(HELP_AND_QUIT);
                if self.on_seance_screen() {
                    tables.push(REMARK);
                }
                tables.push(CTRL_C);
                tables
            }
            Captures::Text => vec![action::CTRL_C_SHOWN],
            Captures::Everything => vec![],
        }
    }

    /// The timer (no dialog or panel open) or the grid of an open séance: where `r` adds a
    /// remark.
    pub(super) fn on_seance_screen(&self) -> bool {
        self.live.is_some()
            && match &self.screen {
                Screen::Timer(t) => t.dialog_bindings().is_none() && t.majore.is_none(),
                Screen::Grid(_) => true,
                _ => false,
            }
    }

    /// What a key means now: the app's Ctrl-C first (unless the screen takes every key), then
    /// the open dialog's or the screen's tables, then `?` and `q`.
    pub fn keymap(&self, key: &KeyEvent) -> Option<Action> {
        let global = self.global_tables();
        if chrome::too_small(self.size.0, self.size.1) {
            return action::lookup(&global, key);
        }
        if let Some(a) = action::lookup(&[CTRL_C], key).filter(|_| !global.is_empty()) {
            return Some(a);
        }
        match &self.overlay {
            Some(Overlay::Help(_)) => return map(&[help::KEYS], key, Action::InHelp),
            Some(Overlay::Ask(_)) => return action::lookup(&[QUESTION], key),
            Some(Overlay::Remark(_)) => return map(&[remark::KEYS], key, Action::InRemark),
            None => {}
        }
        let cx = cx!(self, self.clock.now);
        let screen = match &self.screen {
            Screen::Start(s) => map(&s.bindings(&cx), key, Action::Start),
            Screen::Wizard(w) => map(&w.bindings(&cx), key, Action::Wizard),
            Screen::Timer(t) => match t.dialog_bindings() {
                Some(d) => map(&[d], key, Action::Pause),
                None => map(&t.bindings(&cx), key, Action::Timer),
            },
            Screen::Candidate(c) => map(&c.bindings(&cx), key, Action::Candidate),
            Screen::Grid(g) => map(&g.bindings(&cx), key, Action::Grid),
        };
        screen.or_else(|| action::lookup(&global, key))
    }

    /// Every binding in force now (the open dialog's or the screen's, then the app's), each key
    /// with the action it gives: what the footer and the help are read from, walked by the
    /// binding test.
    pub fn bindings(&self) -> Vec<keys::Bound<Action>> {
        let mut out = Vec::new();
        let too_small = chrome::too_small(self.size.0, self.size.1);
        if !too_small {
            let cx = cx!(self, self.clock.now);
            out = match (&self.overlay, &self.screen) {
                (Some(Overlay::Help(_)), _) => keys::bound(&[help::KEYS], Action::InHelp),
                (Some(Overlay::Ask(_)), _) => Vec::new(),
                (Some(Overlay::Remark(_)), _) => keys::bound(&[remark::KEYS], Action::InRemark),
                (None, Screen::Start(s)) => keys::bound(&s.bindings(&cx), Action::Start),
                (None, Screen::Wizard(w)) => keys::bound(&w.bindings(&cx), Action::Wizard),
                (None, Screen::Timer(t)) => match t.dialog_bindings() {
                    Some(d) => keys::bound(&[d], Action::Pause),
                    None => keys::bound(&t.bindings(&cx), Action::Timer),
                },
                (None, Screen::Candidate(c)) => keys::bound(&c.bindings(&cx), Action::Candidate),
                (None, Screen::Grid(g)) => keys::bound(&g.bindings(&cx), Action::Grid),
            };
        }
        out.extend(keys::bound(&self.global_tables(), |a| a));
        out
    }

    /// A key press: mapped in the current context, then applied. True when the screen changed.
    pub fn handle_key(&mut self, key: &KeyEvent, now: impl Into<Stamp>) -> bool {
        match self.keymap(key) {
            Some(action) => self.update(action, now),
            None => false,
        }
    }

    /// A paste (bracketed paste: the terminal sends it as one event, whatever its size). Into
    /// the appréciation it is inserted at once (see `GridScreen::paste`); into a short field its
    /// first line is typed, cut to [`PASTE_FIELD_MAX`] characters; elsewhere it is refused, so
    /// pasted letters never act as commands. True: the screen must be redrawn.
    pub fn paste(&mut self, text: &str, now: impl Into<Stamp>) -> bool {
        let now: Stamp = now.into();
        if let Screen::Grid(g) = &mut self.screen
            && g.editing()
        {
            self.clock.now = now;
            self.full = true;
            self.messages.message = None;
            if let Some(text) = g.paste(text) {
                self.warn(text);
            }
            self.arm_draft(now);
            self.refresh(now);
            return true;
        }
        if let Some(Overlay::Remark(d)) = &mut self.overlay {
            self.full = true;
            d.paste(text);
            return true;
        }
        if self.overlay.is_some() || self.captures() == Captures::Nothing {
            self.full = true;
            self.info("Le collage n’est possible que dans un champ de saisie.");
            return true;
        }
        let first = text.lines().next().unwrap_or_default();
        let mut changed = false;
        for c in first
            .chars()
            .filter(|c| !c.is_control())
            .take(PASTE_FIELD_MAX)
        {
            changed |= self.handle_key(&KeyEvent::from(KeyCode::Char(c)), now);
        }
        changed
    }
}
