//! The grid screen: the *grille d'aide à l'évaluation* of the séance's épreuve, one grid per
//! candidate — positioning per criterion on TI / I / S / TS, the note /20 per competence with its
//! indicative proposal, live totals, the appréciation générale, the commission, absence, PFMP,
//! and validation (then amendments with a reason).
//!
//! A component like every screen (`crate::tui::component`): it never changes grading data.
//! [`GridScreen::update`] returns the events to record ([`Outcome::Record`]); the app appends
//! them through the engine and renders the new state. The struct only holds UI state: cursor,
//! focus, edit buffers, the candidate shown, a change waiting for its amendment reason. Its keys
//! are the tables of `keys`; what each command does is `update` (the grid) and `editor` (fields
//! and prompts); the drawing is `view`, `body` and `panels`.

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Paragraph, Widget};
use ratatui_textarea::TextArea;

use crate::referentiel::{Epreuve, Forme, Referentiel};
use crate::review::Tz;
use crate::session::{Candidat, Event, GridState, SeanceState};
pub use crate::tui::component::Outcome;
use crate::tui::component::{Captures, Component, Cx};
use crate::tui::keys::Binding;
use crate::tui::theme::Theme;

mod body;
mod commission;
mod editor;
mod keys;
mod panels;
mod update;
mod view;

#[cfg(test)]
mod tests;

pub use editor::APPRECIATION_MAX;
pub use keys::{
    EDITOR_KEYS, FIELD_KEYS, GRID_KEYS, GROUP_KEYS, GridAction, LEVEL_KEYS, NOTE_ROW_CLEAR_KEYS,
    NOTE_ROW_KEYS, PFMP_KEYS, keymap,
};

/// One line the cursor can stand on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Row {
    Critere { comp: usize, crit: usize },
    Note { comp: usize },
    Appreciation,
    Commission,
    Absence,
    Pfmp,
}

/// Where the keys go.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Focus {
    Grid,
    /// The note /20 input of a competence.
    Note {
        comp: usize,
        buf: String,
    },
    /// The appreciation editor (`self.editor`); `closing`: saved on Échap, closes as soon as the
    /// state holds the text (so a refused save never loses it).
    Appreciation {
        closing: bool,
    },
    /// A change to a validated grid waits for its reason; Échap goes `back`, Entrée records the
    /// amendment and goes to `after`.
    Reason {
        change: Box<Event>,
        buf: String,
        back: Box<Focus>,
        after: Box<Focus>,
    },
    /// Adding a commission member: name typed, quality chosen with ↑/↓.
    Member {
        nom: String,
        qualite: usize,
    },
    /// The commission panel: `cursor` on a member.
    Commission {
        cursor: usize,
    },
    /// Changes to the commission of a séance with a validated grid wait for their reason.
    CommissionReason {
        changes: Vec<Event>,
        buf: String,
    },
    /// Absence (justified or not) or dispense.
    Absence,
    /// PFMP weeks and positionné.
    Pfmp {
        weeks: String,
        positionne: bool,
    },
    /// What stops validation.
    Missing(Vec<String>),
    /// The descriptions of the four levels.
    Legend,
}

/// The grid screen's UI state.
#[derive(Debug, Clone)]
pub struct GridScreen {
    /// Competence ids of the épreuve and their criterion ids, in grid order.
    comps: Vec<(String, Vec<String>)>,
    rows: Vec<Row>,
    cursor: usize,
    /// Index in `state.info.candidats` of the candidate shown.
    cand: usize,
    n_cands: usize,
    has_pfmp: bool,
    focus: Focus,
    editor: Option<TextArea<'static>>,
    /// First body line shown (kept by `render` so the cursor row stays visible).
    scroll: usize,
    /// Time zone of displayed times.
    tz: Tz,
    /// Where the running phase's line was drawn (above the grid), to repaint it alone.
    status_at: Option<Rect>,
}

impl GridScreen {
    pub fn new(r: &Referentiel, state: &SeanceState) -> Self {
        let forme = state.forme(r);
        let comps: Vec<(String, Vec<String>)> = state
            .epreuve(r)
            .map(|e| {
                r.competences_of(e)
                    .map(|c| {
                        let ids = c.criteres.iter().map(|k| k.id.clone()).collect();
                        (c.id.clone(), ids)
                    })
                    .collect()
            })
            .unwrap_or_default();
        let has_pfmp = forme.is_some_and(|f| f.pfmp.is_some());
        let mut rows = Vec::new();
        for (comp, (_, crits)) in comps.iter().enumerate() {
            rows.extend((0..crits.len()).map(|crit| Row::Critere { comp, crit }));
            rows.push(Row::Note { comp });
        }
        rows.extend([Row::Appreciation, Row::Commission, Row::Absence]);
        if has_pfmp {
            rows.push(Row::Pfmp);
        }
        GridScreen {
            comps,
            rows,
            cursor: 0,
            cand: 0,
            n_cands: state.info.candidats.len(),
            has_pfmp,
            focus: Focus::Grid,
            editor: None,
            scroll: 0,
            tz: Tz::Local,
            status_at: None,
        }
    }

    /// Shows times in this zone instead of the machine's (the app's zone; fixed ones for
    /// reproducible snapshots).
    pub fn with_tz(mut self, tz: Tz) -> Self {
        self.tz = tz;
        self
    }

    pub fn update(&mut self, action: GridAction, r: &Referentiel, state: &SeanceState) -> Outcome {
        self.sync(state);
        match self.focus {
            Focus::Grid => self.update_grid(action, r, state),
            _ => self.update_focused(action, r, state),
        }
    }

    pub fn render(
        &mut self,
        f: &mut Frame,
        area: Rect,
        r: &Referentiel,
        state: &SeanceState,
        theme: &Theme,
    ) {
        self.sync(state);
        view::render(self, f, area, r, state, theme);
    }

    /// True while a text field, a prompt or a panel has the focus: every key goes to the grid.
    pub fn captures_text(&self) -> bool {
        self.focus != Focus::Grid
    }

    /// Unsaved appreciation text, as events to record before the app quits (Ctrl-C, `q`, a
    /// signal): nothing typed may be lost. Closes the editor. On a validated grid the change
    /// becomes an amendment whose reason says that no reason was typed.
    pub fn flush(&mut self, state: &SeanceState) -> Vec<Event> {
        let (pending, typed_reason) = match &self.focus {
            Focus::Reason { change, buf, .. }
                if matches!(**change, Event::AppreciationSet { .. }) =>
            {
                (Some((**change).clone()), buf.trim().to_string())
            }
            Focus::Appreciation { .. } => (self.appreciation_event(state), String::new()),
            _ => (None, String::new()),
        };
        self.set_focus(Focus::Grid);
        let Some(change) = pending else {
            return Vec::new();
        };
        if !self.grid(state).is_some_and(GridState::is_validated) {
            return vec![change];
        }
        let reason = if typed_reason.is_empty() {
            "texte en cours de saisie enregistré à la sortie (motif non saisi)".to_string()
        } else {
            typed_reason
        };
        vec![Event::Amendment {
            reason,
            change: Box::new(change),
        }]
    }

    /// The appreciation editor has the focus (a paste goes into it).
    pub fn editing(&self) -> bool {
        self.editor.is_some() && matches!(self.focus, Focus::Appreciation { .. })
    }

    /// The appréciation being typed when it differs from the log and may be saved without a
    /// reason (the grid is not validated): what the app writes when typing pauses. The editor
    /// stays open.
    pub fn draft(&self, state: &SeanceState) -> Option<Event> {
        let typing = matches!(self.focus, Focus::Appreciation { .. });
        if !typing || self.grid(state).is_some_and(GridState::is_validated) {
            return None;
        }
        self.appreciation_event(state)
    }

    /// Index in `state.info.candidats` of the candidate shown.
    pub fn candidate_index(&self) -> usize {
        self.cand
    }

    // --- shared helpers ---

    pub(crate) fn current_row(&self) -> Option<Row> {
        self.rows.get(self.cursor).copied()
    }

    fn candidate<'s>(&self, state: &'s SeanceState) -> Option<&'s Candidat> {
        state.info.candidats.get(self.cand)
    }

    fn grid<'s>(&self, state: &'s SeanceState) -> Option<&'s GridState> {
        state.grids.get(&self.candidate(state)?.numero)
    }

    fn numero(&self, state: &SeanceState) -> String {
        self.candidate(state)
            .map(|c| c.numero.clone())
            .unwrap_or_default()
    }

    fn set_focus(&mut self, focus: Focus) {
        // The editor's buffer lives as long as the editor or a reason prompt about its text.
        if !matches!(focus, Focus::Appreciation { .. } | Focus::Reason { .. }) {
            self.editor = None;
        }
        self.focus = focus;
    }

    /// Closes the editor once its saved text has reached the state.
    fn sync(&mut self, state: &SeanceState) {
        if self.focus == (Focus::Appreciation { closing: true })
            && self.appreciation_event(state).is_none()
        {
            self.set_focus(Focus::Grid);
        }
    }

    /// The editor's text as an event when it differs from the state, else `None`.
    fn appreciation_event(&self, state: &SeanceState) -> Option<Event> {
        let text = self
            .editor
            .as_ref()?
            .lines()
            .join("\n")
            .trim_end()
            .to_string();
        let saved = self.grid(state).map_or("", |g| g.appreciation.as_str());
        (text != saved).then(|| Event::AppreciationSet {
            candidat: self.numero(state),
            text,
        })
    }
}

/// The épreuve and form of the séance.
fn locate<'r>(r: &'r Referentiel, state: &SeanceState) -> Option<(&'r Epreuve, &'r Forme)> {
    Some((state.epreuve(r)?, state.forme(r)?))
}

impl Component for GridScreen {
    type Action = GridAction;

    fn title(&self) -> &'static str {
        "Grille d’évaluation"
    }

    fn bindings(&self, _cx: &Cx) -> Vec<&'static [Binding<GridAction>]> {
        self.tables()
    }

    /// A field, a prompt or a panel takes every key, Ctrl-C included: the grid then saves and
    /// closes the field, so quitting never loses what was typed.
    fn captures(&self, _cx: &Cx) -> Captures {
        if self.captures_text() {
            Captures::Everything
        } else {
            Captures::Nothing
        }
    }

    fn update(&mut self, action: GridAction, _now: DateTime<Utc>, cx: &Cx) -> Outcome {
        match cx.state {
            Some(state) => GridScreen::update(self, action, cx.r, state),
            None => Outcome::Nothing,
        }
    }

    fn settle(&mut self, cx: &Cx) {
        if let Some(state) = cx.state {
            self.sync(state);
        }
    }

    /// The grid under one line with the running phase and its countdown, so the jury keeps an
    /// eye on the time while grading.
    fn view(&mut self, f: &mut Frame, area: Rect, cx: &Cx) {
        let Some(state) = cx.state else {
            return;
        };
        let status = view::status_line(cx);
        let [top, rest] = Layout::vertical([
            Constraint::Length(u16::from(status.is_some())),
            Constraint::Min(1),
        ])
        .areas(area);
        self.status_at = status.is_some().then_some(top);
        if let Some(line) = status {
            f.render_widget(Paragraph::new(line), top);
        }
        self.render(f, rest, cx.r, state, cx.theme());
    }

    /// A second of the running phase changes only its line above the grid.
    fn live(&mut self, buf: &mut Buffer, cx: &Cx) -> Option<Vec<Rect>> {
        match (self.status_at, view::status_line(cx)) {
            (Some(rect), Some(line)) => {
                for pos in rect.positions() {
                    buf[pos].reset();
                }
                Paragraph::new(line).render(rect, buf);
                Some(vec![rect])
            }
            (None, None) => Some(Vec::new()),
            // The line comes or goes: the grid moves, a whole frame.
            _ => None,
        }
    }
}
