//! The new-séance wizard, as state and an update function (its drawing is in `view`, the
//! candidate step in `candidate_step`).
//!
//! Steps: épreuve → forme → situation (all from the référentiel) → candidate(s) → commission
//! → recap. Candidates are picked from the imported list with a search (type to filter, Enter
//! to pick) or typed in; a group situation takes between the référentiel's `groupe.min` and
//! `groupe.max`. The commission is prefilled with the members of the latest séance of the same
//! épreuve and form, since a commission usually hears several candidates in a row.
//!
//! Nothing is written until the recap is confirmed: the wizard only returns a [`Choice`].

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::Rect;

use super::component::{Captures, Component, Cx, Go, Outcome};
use super::keys::Binding;
use super::start::StartScreen;
use crate::candidats;
use crate::referentiel::{Epreuve, Forme, FormeKind, Referentiel, Situation, Voie};
use crate::session::{Candidat, Membre};

// The wizard's code names its actions `Action`.
use WizardAction as Action;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Epreuve,
    Forme,
    Situation,
    Candidats,
    Membres,
    Recap,
}

/// The fields of a candidate typed in by hand.
pub const MANUAL_FIELDS: [&str; 4] = ["Numéro d’inscription", "Nom", "Prénom", "Établissement"];

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Manual {
    pub fields: [String; 4],
    pub focus: usize,
}

/// One line of the candidates step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// Go on with the candidates chosen so far.
    Continue,
    /// A chosen candidate (Enter removes it).
    Chosen(usize),
    /// A candidate of the imported list (Enter picks it).
    Imported(usize),
    /// Type a candidate in.
    Manual,
}

/// What the wizard settled on.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub epreuve: String,
    pub forme: FormeKind,
    pub situation: String,
    pub candidats: Vec<Candidat>,
    pub membres: Vec<Membre>,
    /// Numéro → voie de formation where known, recorded with the opening (see `voie`).
    pub voies: BTreeMap<String, Voie>,
    /// Numéro → « temps majoré » and the phases it covers (see `amenagement`).
    pub temps_majore: TempsMajore,
}

pub enum WizardOutcome {
    Stay,
    Cancel,
    Open(Choice),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Wizard {
    pub step: Step,
    pub epreuve: usize,
    pub forme: usize,
    pub situation: usize,
    pub search: String,
    pub cursor: usize,
    pub chosen: Vec<Candidat>,
    pub manual: Option<Manual>,
    pub membres: Vec<Membre>,
    pub membre_nom: String,
    pub qualite: usize,
    /// Numéro → voie de formation of the chosen candidates (see `voie`).
    pub voies: BTreeMap<String, Voie>,
    /// Why the last key was refused, in French.
    pub error: Option<String>,
    /// The recap's « temps majoré » (see `amenagement`).
    pub amenagement: Amenagements,
}

/// What the wizard reads besides its own state.
pub struct WizardCtx<'a> {
    pub r: &'a Referentiel,
    pub imported: &'a [Candidat],
    /// Voies the candidates list gives, by numéro.
    pub voies: &'a BTreeMap<String, Voie>,
    /// Members of the latest séance for an (épreuve, forme), to prefill the commission.
    pub last_members: &'a dyn Fn(&str, FormeKind) -> Vec<Membre>,
}

impl Default for Wizard {
    fn default() -> Self {
        Self::new()
    }
}

impl Wizard {
    pub fn new() -> Self {
        Wizard {
            step: Step::Epreuve,
            epreuve: 0,
            forme: 0,
            situation: 0,
            search: String::new(),
            cursor: 0,
            chosen: Vec::new(),
            manual: None,
            membres: Vec::new(),
            membre_nom: String::new(),
            qualite: 0,
            voies: BTreeMap::new(),
            error: None,
            amenagement: Amenagements::default(),
        }
    }

    pub fn epreuve<'r>(&self, r: &'r Referentiel) -> Option<&'r Epreuve> {
        r.epreuves.epreuves.get(self.epreuve)
    }

    pub fn forme<'r>(&self, r: &'r Referentiel) -> Option<&'r Forme> {
        self.epreuve(r)?.formes.get(self.forme)
    }

    pub fn situation<'r>(&self, r: &'r Referentiel) -> Option<&'r Situation> {
        self.forme(r)?.situations.get(self.situation)
    }

    /// How many candidates the situation takes: (min, max).
    pub fn group_size(&self, r: &Referentiel) -> (usize, usize) {
        self.situation(r)
            .and_then(|s| s.groupe.as_ref())
            .map_or((1, 1), |g| (g.min as usize, g.max as usize))
    }

    /// True while keys are text: the search, a typed-in candidate, a member's name.
    pub fn typing(&self, imported: &[Candidat]) -> bool {
        match self.step {
            Step::Candidats => self.manual.is_some() || !imported.is_empty(),
            Step::Membres => true,
            _ => false,
        }
    }

    /// The lines of the candidates step.
    pub fn rows(&self, r: &Referentiel, imported: &[Candidat]) -> Vec<Row> {
        let (min, _) = self.group_size(r);
        let mut rows = Vec::new();
        if self.chosen.len() >= min {
            rows.push(Row::Continue);
        }
        rows.extend((0..self.chosen.len()).map(Row::Chosen));
        rows.extend(
            candidats::search(imported, &self.search)
                .into_iter()
                .filter(|&i| !self.chosen.iter().any(|c| c.numero == imported[i].numero))
                .map(Row::Imported),
        );
        rows.push(Row::Manual);
        rows
    }

    fn list_len(&self, r: &Referentiel) -> usize {
        match self.step {
            Step::Epreuve => r.epreuves.epreuves.len(),
            Step::Forme => self.epreuve(r).map_or(0, |e| e.formes.len()),
            Step::Situation => self.forme(r).map_or(0, |f| f.situations.len()),
            _ => 0,
        }
    }

    pub fn update(&mut self, action: &Action, ctx: &WizardCtx) -> WizardOutcome {
        self.error = None;
        self.adopt_list_voies(ctx.voies);
        match self.step {
            Step::Epreuve | Step::Forme | Step::Situation => self.update_list(action, ctx),
            Step::Candidats => self.update_candidats(action, ctx),
            Step::Membres => self.update_membres(action, ctx),
            Step::Recap => match action {
                Action::Confirm => WizardOutcome::Open(self.choice(ctx.r)),
                Action::Back => self.go(Step::Membres),
                Action::Voie => self.cycle_voie(action),
                other => {
                    self.temps_majore_key(other, ctx.r);
                    WizardOutcome::Stay
                }
            },
        }
    }

    fn go(&mut self, step: Step) -> WizardOutcome {
        self.step = step;
        self.cursor = 0;
        WizardOutcome::Stay
    }

    fn cursor_mut(&mut self) -> &mut usize {
        match self.step {
            Step::Epreuve => &mut self.epreuve,
            Step::Forme => &mut self.forme,
            _ => &mut self.situation,
        }
    }

    fn update_list(&mut self, action: &Action, ctx: &WizardCtx) -> WizardOutcome {
        let len = self.list_len(ctx.r);
        match action {
            Action::Up => *self.cursor_mut() = self.cursor_mut().saturating_sub(1),
            Action::Down => {
                *self.cursor_mut() = (*self.cursor_mut() + 1).min(len.saturating_sub(1))
            }
            Action::Char(c @ '1'..='9') => {
                let i = *c as usize - '1' as usize;
                if i < len {
                    *self.cursor_mut() = i;
                    return self.forward(ctx);
                }
            }
            Action::Confirm => return self.forward(ctx),
            Action::Back => {
                return match self.step {
                    Step::Epreuve => WizardOutcome::Cancel,
                    Step::Forme => self.go(Step::Epreuve),
                    _ => self.go(Step::Forme),
                };
            }
            _ => {}
        }
        WizardOutcome::Stay
    }

    /// Leaves a list step for the next one.
    fn forward(&mut self, ctx: &WizardCtx) -> WizardOutcome {
        match self.step {
            Step::Epreuve => {
                self.forme = 0;
                self.situation = 0;
                self.go(Step::Forme)
            }
            Step::Forme => {
                self.situation = 0;
                self.go(Step::Situation)
            }
            _ => {
                let (_, max) = self.group_size(ctx.r);
                self.chosen.truncate(max);
                self.search.clear();
                self.go(Step::Candidats);
                if ctx.imported.is_empty() && self.chosen.is_empty() {
                    self.manual = Some(Manual::default());
                }
                WizardOutcome::Stay
            }
        }
    }

    fn choice(&self, r: &Referentiel) -> Choice {
        Choice {
            epreuve: self.epreuve(r).map(|e| e.id.clone()).unwrap_or_default(),
            forme: self.forme(r).map_or(FormeKind::Ponctuel, |f| f.forme),
            situation: self.situation(r).map(|s| s.id.clone()).unwrap_or_default(),
            candidats: self.chosen.clone(),
            membres: self.membres.clone(),
            voies: self.chosen_voies(),
            temps_majore: self.chosen_temps_majore(r),
        }
    }
}

mod amenagement;
mod candidate_step;
mod commission_step;
mod keys;
mod prefill;
mod view;
mod voie;

pub use amenagement::{
    Amenagements, NO_TIMED_PHASE, ONE_PHASE_AT_LEAST, TempsMajore, next_offered, toggle_covered,
};
pub use keys::*;
pub use prefill::Prefill;

#[cfg(test)]
mod tests;

/// The wizard as a screen: its state, and the start screen it came from (to go back to, and
/// whose séances prefill the commission).
pub struct WizardScreen {
    pub wizard: Wizard,
    pub home: StartScreen,
}

impl WizardScreen {
    pub fn new(home: StartScreen) -> WizardScreen {
        WizardScreen {
            wizard: Wizard::new(),
            home,
        }
    }
}

impl Component for WizardScreen {
    type Action = WizardAction;

    fn title(&self) -> &'static str {
        "Nouvelle séance"
    }

    fn bindings(&self, cx: &Cx) -> Vec<&'static [Binding<WizardAction>]> {
        let w = &self.wizard;
        vec![match w.step {
            Step::Epreuve | Step::Forme | Step::Situation => LIST_KEYS,
            Step::Candidats if w.typing(&cx.cfg.import.candidats) => CANDIDATE_KEYS,
            Step::Candidats => PICKED_KEYS,
            Step::Membres => MEMBER_KEYS,
            Step::Recap => RECAP_KEYS,
        }]
    }

    fn captures(&self, cx: &Cx) -> Captures {
        if self.wizard.typing(&cx.cfg.import.candidats) {
            Captures::Text
        } else {
            Captures::Nothing
        }
    }

    fn update(&mut self, action: WizardAction, _now: DateTime<Utc>, cx: &Cx) -> Outcome {
        let home = &self.home;
        let last_members = |e: &str, f: FormeKind| home.last_members(e, f);
        let ctx = WizardCtx {
            r: cx.r,
            imported: &cx.cfg.import.candidats,
            voies: &cx.cfg.import.voies,
            last_members: &last_members,
        };
        match self.wizard.update(&action, &ctx) {
            WizardOutcome::Stay => Outcome::Nothing,
            WizardOutcome::Cancel => Outcome::Go(Go::Home),
            WizardOutcome::Open(choice) => Outcome::Go(Go::Create(choice)),
        }
    }

    /// The list's temps majoré joins the chosen candidates as soon as they are chosen,
    /// whichever way (steps, or a passage of the day's plan that opens on the recap).
    fn settle(&mut self, cx: &Cx) {
        self.wizard
            .prefill_temps_majore(cx.r, &cx.cfg.import.temps_majore);
    }

    fn view(&mut self, f: &mut Frame, area: Rect, cx: &Cx) {
        let v = view::WizardView {
            wizard: &self.wizard,
            r: cx.r,
            imported: &cx.cfg.import.candidats,
            voies: &cx.cfg.import.voies,
            rejets: &cx.cfg.import.rejets,
        };
        view::render(f, area, &v, cx.theme());
    }
}
