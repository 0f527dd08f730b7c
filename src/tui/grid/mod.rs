//! The grid screen: the *grille d'aide à l'évaluation* of the séance's épreuve, one grid per
//! candidate — positioning per criterion on TI / I / S / TS, the note /20 per competence with its
//! indicative proposal, live totals, the appréciation générale, the commission, absence, PFMP,
//! and validation (then amendments with a reason).
//!
//! A self-contained component: it never changes grading data. [`GridScreen::update`] returns the
//! events to record ([`GridOutcome::Record`]); the app appends them through the engine and
//! renders the new state. The struct only holds UI state: cursor, focus, edit buffers, the
//! candidate shown, a change waiting for its amendment reason.

use chrono::{DateTime, FixedOffset, Local, Utc};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui_textarea::TextArea;

use crate::referentiel::{Epreuve, Forme, Referentiel};
use crate::session::{Candidat, Event, GridState, SeanceState};
use crate::tui::theme::Theme;

mod body;
mod editor;
mod keymap;
mod panels;
mod text;
mod update;
mod view;

#[cfg(test)]
mod tests;

pub use keymap::{GridAction, keymap};

/// What the app must do after [`GridScreen::update`].
#[derive(Debug, Clone, PartialEq)]
pub enum GridOutcome {
    Nothing,
    Redraw,
    /// Append these events (in order) through the engine, then redraw with the new state.
    Record(Vec<Event>),
    /// Show this French message (a refused input, a hint).
    Message(String),
    /// Back to the previous screen.
    Leave,
}

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
    /// Time zone of displayed times; `None`: the machine's local time.
    offset: Option<FixedOffset>,
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
            offset: None,
        }
    }

    /// Shows times in this fixed offset instead of the machine's local time (for tests and
    /// reproducible snapshots).
    pub fn with_offset(mut self, offset: FixedOffset) -> Self {
        self.offset = Some(offset);
        self
    }

    pub fn update(
        &mut self,
        action: GridAction,
        r: &Referentiel,
        state: &SeanceState,
    ) -> GridOutcome {
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

    /// Index in `state.info.candidats` of the candidate shown.
    pub fn candidate_index(&self) -> usize {
        self.cand
    }

    pub fn help() -> &'static [(&'static str, &'static str)] {
        &[
            ("↑ ↓ (j k)", "critère ou ligne précédente / suivante"),
            ("PgPréc PgSuiv", "compétence précédente / suivante"),
            ("1 2 3 4", "positionner TI / I / S / TS"),
            ("← →", "baisser / monter d’un niveau"),
            ("0 Suppr ⌫", "effacer le positionnement"),
            ("p", "prendre la proposition indicative comme note /20"),
            (
                "n",
                "saisir la note /20 (12,5 ou 12.5 ; sur la ligne Note : taper)",
            ),
            (
                "Entrée",
                "agir sur la ligne : note, appréciation, membre, absence, PFMP",
            ),
            (
                "e",
                "rédiger l’appréciation générale (Échap ou Ctrl-S : enregistrer)",
            ),
            ("c / C", "personne candidate suivante / précédente (groupe)"),
            ("m", "ajouter un membre de la commission"),
            ("a", "signaler une absence (justifiée ou non)"),
            ("f", "PFMP : semaines et positionnement (E2 en CCF)"),
            ("v", "valider la grille (sinon : liste de ce qui manque)"),
            ("l", "légende des niveaux TI / I / S / TS"),
            ("Échap", "quitter la grille (dans un champ : annuler)"),
        ]
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

    fn local_time(&self, at: DateTime<Utc>, fmt: &str) -> String {
        match self.offset {
            Some(o) => at.with_timezone(&o).format(fmt).to_string(),
            None => at.with_timezone(&Local).format(fmt).to_string(),
        }
    }
}

/// The épreuve and form of the séance.
fn locate<'r>(r: &'r Referentiel, state: &SeanceState) -> Option<(&'r Epreuve, &'r Forme)> {
    Some((state.epreuve(r)?, state.forme(r)?))
}
