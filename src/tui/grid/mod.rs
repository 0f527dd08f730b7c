//! PLACEHOLDER of the grid screen's interface, only so the `tui` branch compiles before the grid
//! branch is merged; the grid branch's module replaces this file entirely.

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;

use crate::referentiel::Referentiel;
use crate::session::SeanceState;
use crate::tui::theme::Theme;

pub enum GridAction {}

pub fn keymap(_key: &KeyEvent, _screen: &GridScreen) -> Option<GridAction> {
    None
}

pub enum GridOutcome {
    Nothing,
    Redraw,
    Record(Vec<crate::session::Event>),
    Message(String),
    Leave,
}

pub struct GridScreen {}

impl GridScreen {
    pub fn new(_r: &Referentiel, _state: &SeanceState) -> Self {
        GridScreen {}
    }

    pub fn update(
        &mut self,
        action: GridAction,
        _r: &Referentiel,
        _state: &SeanceState,
    ) -> GridOutcome {
        match action {}
    }

    pub fn render(
        &mut self,
        _f: &mut Frame,
        _area: Rect,
        _r: &Referentiel,
        _state: &SeanceState,
        _theme: &Theme,
    ) {
    }

    pub fn captures_text(&self) -> bool {
        false
    }

    pub fn help() -> &'static [(&'static str, &'static str)] {
        &[]
    }
}
