//! The grid screen's commands while the grid itself has the focus: moving, positioning,
//! notes, opening fields and prompts, switching candidate, validating.
//!
//! Every change goes through [`GridScreen::change`], which turns it into an amendment prompt
//! when the grid is already validated.

use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use super::{Focus, GridAction, GridScreen, Row, locate};
use crate::grading::Niveau;
use crate::referentiel::Referentiel;
use crate::session::{Event, GridState, SeanceState};
use crate::tui::component::{Go, Outcome, Question, Unusual};
use crate::tui::fmt;

impl GridScreen {
    pub(super) fn update_grid(
        &mut self,
        action: GridAction,
        r: &Referentiel,
        state: &SeanceState,
    ) -> Outcome {
        use GridAction as A;
        match action {
            A::Up => self.move_to(self.cursor.saturating_sub(1)),
            A::Down => self.move_to(self.cursor + 1),
            A::First => self.move_to(0),
            A::Last => self.move_to(self.rows.len().saturating_sub(1)),
            A::NextSection => self.move_to(self.next_section()),
            A::PrevSection => self.move_to(self.prev_section()),
            A::Position(n) => self.position(Some(n), state),
            A::Clear => self.position(None, state),
            A::NotObserved => self.not_observed(state),
            A::Raise | A::Lower => {
                let current = self.current_position(state);
                let next = match (action, current) {
                    (A::Raise, None) => Some(Niveau::TresInsuffisant),
                    (A::Raise, Some(n)) => Niveau::ALL.get(n as usize + 1).copied().or(Some(n)),
                    (_, None) => return Outcome::Nothing,
                    (_, Some(n)) => Some(Niveau::ALL[(n as usize).saturating_sub(1)]),
                };
                self.position(next, state)
            }
            A::AcceptProposal => self.accept_proposal(r, state),
            A::EditNote => self.open_note(None),
            A::StartNote(c) => self.open_note(Some(c)),
            A::Activate => match self.current_row() {
                Some(Row::Note { .. }) => self.open_note(None),
                Some(Row::Appreciation) => self.open_editor(state),
                Some(Row::Commission) => self.open(Focus::Commission { cursor: 0 }),
                Some(Row::Absence) => self.open(Focus::Absence),
                Some(Row::Pfmp) => self.open_pfmp(state),
                Some(Row::Critere { .. }) | None => Outcome::Nothing,
            },
            A::EditAppreciation => self.open_editor(state),
            A::NextCandidate | A::PrevCandidate if self.n_cands > 1 => {
                let step = if action == A::NextCandidate {
                    1
                } else {
                    self.n_cands - 1
                };
                self.cand = (self.cand + step) % self.n_cands;
                Outcome::Nothing
            }
            A::NextCandidate | A::PrevCandidate => Outcome::Nothing,
            A::Commission => self.open(Focus::Commission { cursor: 0 }),
            A::Absence => self.open(Focus::Absence),
            A::Pfmp if self.has_pfmp => self.open_pfmp(state),
            A::Pfmp => Outcome::Nothing,
            A::Validate => self.validate(r, state),
            A::Legend => self.open(Focus::Legend),
            A::Leave | A::Timer if !state.info.phases.is_empty() => Outcome::Go(Go::Timer),
            A::Leave => Outcome::Go(Go::Home),
            A::Timer => Outcome::Say("Pas de minutage pour cette situation.".into()),
            A::AddMember | A::RemoveMember | A::Requalify => Outcome::Nothing,
            A::Input(_) | A::Submit | A::Cancel | A::Save => Outcome::Nothing,
        }
    }

    /// Records `event`, or asks for an amendment reason first when the grid is validated.
    /// `back`: the focus to return to if the reason is cancelled; `after`: once recorded.
    pub(super) fn change(
        &mut self,
        event: Event,
        back: Focus,
        after: Focus,
        state: &SeanceState,
    ) -> Outcome {
        if self.grid(state).is_some_and(GridState::is_validated) {
            self.focus = Focus::Reason {
                change: Box::new(event),
                buf: String::new(),
                back: Box::new(back),
                after: Box::new(after),
            };
            Outcome::Nothing
        } else {
            self.set_focus(after);
            Outcome::Record(vec![event])
        }
    }

    pub(super) fn open(&mut self, focus: Focus) -> Outcome {
        self.set_focus(focus);
        Outcome::Nothing
    }

    fn move_to(&mut self, row: usize) -> Outcome {
        let row = row.min(self.rows.len().saturating_sub(1));
        if row == self.cursor {
            return Outcome::Nothing;
        }
        self.cursor = row;
        Outcome::Nothing
    }

    /// Competence rows share their competence's section; every other row is its own.
    fn section(&self, row: usize) -> usize {
        match self.rows.get(row) {
            Some(Row::Critere { comp, .. } | Row::Note { comp }) => *comp,
            _ => self.comps.len() + row,
        }
    }

    fn next_section(&self) -> usize {
        let here = self.section(self.cursor);
        (self.cursor..self.rows.len())
            .find(|&i| self.section(i) != here)
            .unwrap_or(self.cursor)
    }

    fn prev_section(&self) -> usize {
        let start = |i: usize| {
            let s = self.section(i);
            (0..=i)
                .rev()
                .take_while(|&j| self.section(j) == s)
                .last()
                .unwrap_or(i)
        };
        let here = start(self.cursor);
        if here < self.cursor {
            here
        } else {
            start(here.saturating_sub(1))
        }
    }

    fn current_critere(&self) -> Option<&str> {
        match self.current_row()? {
            Row::Critere { comp, crit } => Some(self.comps.get(comp)?.1.get(crit)?.as_str()),
            _ => None,
        }
    }

    fn current_comp(&self) -> Option<usize> {
        match self.current_row()? {
            Row::Critere { comp, .. } | Row::Note { comp } => Some(comp),
            _ => None,
        }
    }

    fn current_position(&self, state: &SeanceState) -> Option<Niveau> {
        let critere = self.current_critere()?;
        self.grid(state)?.positions.get(critere).copied()
    }

    fn position(&mut self, niveau: Option<Niveau>, state: &SeanceState) -> Outcome {
        let Some(critere) = self.current_critere().map(str::to_string) else {
            return Outcome::Say("Placez le curseur sur un critère pour le positionner.".into());
        };
        let not_observed = self
            .grid(state)
            .is_some_and(|g| g.non_observes.contains(critere.as_str()));
        if self.current_position(state) == niveau && !(niveau.is_none() && not_observed) {
            return Outcome::Nothing;
        }
        if niveau.is_some() && self.grid(state).is_some_and(GridState::is_absent) {
            let who = self.candidate(state).map(fmt::candidat).unwrap_or_default();
            return Outcome::Say(format!(
                "{who} est signalée absente : pas de positionnement (a puis r : retirer \
                 l’absence)."
            ));
        }
        let candidat = self.numero(state);
        let event = match niveau {
            Some(niveau) => Event::CriterionPositioned {
                candidat,
                critere,
                niveau,
            },
            None => Event::CriterionCleared { candidat, critere },
        };
        self.change(event, Focus::Grid, Focus::Grid, state)
    }

    /// « Non observé » on the criterion under the cursor; on one already so, cleared.
    fn not_observed(&mut self, state: &SeanceState) -> Outcome {
        let Some(critere) = self.current_critere().map(str::to_string) else {
            return Outcome::Say("Placez le curseur sur un critère non observé.".into());
        };
        let candidat = self.numero(state);
        let already = self
            .grid(state)
            .is_some_and(|g| g.non_observes.contains(critere.as_str()));
        let event = if already {
            Event::CriterionCleared { candidat, critere }
        } else {
            Event::CriterionNotObserved { candidat, critere }
        };
        self.change(event, Focus::Grid, Focus::Grid, state)
    }

    fn accept_proposal(&mut self, r: &Referentiel, state: &SeanceState) -> Outcome {
        let Some((competence, _)) = self.current_comp().and_then(|c| self.comps.get(c)) else {
            return Outcome::Say(
                "Placez le curseur dans une compétence pour prendre sa proposition.".into(),
            );
        };
        let competence = competence.clone();
        let Some(grid) = self.grid(state) else {
            return Outcome::Nothing;
        };
        let Some(note) = grid.proposition(r, &competence) else {
            return Outcome::Say(format!(
                "Pas de proposition pour {competence} : positionnez d’abord ses critères."
            ));
        };
        if grid.notes.get(&competence) == Some(&note) {
            return Outcome::Nothing;
        }
        let candidat = self.numero(state);
        let event = Event::NoteSet {
            candidat,
            competence,
            note,
        };
        self.change(event, Focus::Grid, Focus::Grid, state)
    }

    fn open_note(&mut self, first: Option<char>) -> Outcome {
        let Some(comp) = self.current_comp() else {
            return Outcome::Say(
                "Placez le curseur dans une compétence pour saisir sa note.".into(),
            );
        };
        // Land on the note row so the input shows where it belongs.
        if let Some(i) = self.rows.iter().position(|r| *r == Row::Note { comp }) {
            self.cursor = i;
        }
        // What is typed always replaces the note (shown beside the field, kept by Entrée on an
        // empty field): appending to it turned 6 then 14 into 614.
        let buf = first.map(String::from).unwrap_or_default();
        self.open(Focus::Note { comp, buf })
    }

    fn open_editor(&mut self, state: &SeanceState) -> Outcome {
        let text = self.grid(state).map_or("", |g| g.appreciation.as_str());
        let mut editor = TextArea::new(text.lines().map(str::to_string).collect());
        editor.set_wrap_mode(WrapMode::WordOrGlyph);
        editor.set_placeholder_text("Rédigez ici l’appréciation générale…");
        editor.move_cursor(CursorMove::Bottom);
        editor.move_cursor(CursorMove::End);
        if let Some(i) = self.rows.iter().position(|r| *r == Row::Appreciation) {
            self.cursor = i;
        }
        self.editor = Some(editor);
        self.focus = Focus::Appreciation { closing: false };
        Outcome::Nothing
    }

    pub(super) fn open_member(&mut self, r: &Referentiel, state: &SeanceState) -> Outcome {
        // Offer first the quality the commission still lacks.
        let qualite = locate(r, state)
            .and_then(|(_, forme)| {
                forme.commission.roles.iter().find_map(|role| {
                    let held = state
                        .members
                        .iter()
                        .filter(|m| m.qualite == role.qualite)
                        .count();
                    let needed = forme
                        .commission
                        .roles
                        .iter()
                        .filter(|x| x.qualite == role.qualite)
                        .count();
                    (held < needed).then_some(&role.qualite)
                })
            })
            .and_then(|q| r.epreuves.qualites.iter().position(|d| &d.id == q))
            .unwrap_or(0);
        self.open(Focus::Member {
            nom: String::new(),
            qualite,
        })
    }

    fn open_pfmp(&mut self, state: &SeanceState) -> Outcome {
        let pfmp = self.grid(state).and_then(|g| g.pfmp);
        self.open(Focus::Pfmp {
            weeks: pfmp.map(|p| p.weeks.to_string()).unwrap_or_default(),
            positionne: pfmp.is_some_and(|p| p.positionne),
        })
    }

    fn validate(&mut self, r: &Referentiel, state: &SeanceState) -> Outcome {
        let (Some((epreuve, forme)), Some(grid)) = (locate(r, state), self.grid(state)) else {
            return Outcome::Nothing;
        };
        if let Some(at) = grid.validated_at {
            let when = fmt::le_a(at, self.tz);
            return Outcome::Say(format!("Grille déjà validée {when}."));
        }
        let missing = grid.missing(r, epreuve, forme, &state.members);
        if !missing.is_empty() {
            return self.open(Focus::Missing(missing));
        }
        // What the jury may have overlooked: asked, with the reasons, before the record.
        let why = Unusual {
            running: state.running().is_some(),
            incoherent: grid.not_assessed.is_none()
                && epreuve
                    .competences
                    .iter()
                    .any(|c| grid.incoherence(r, c).is_some()),
            not_observed: if grid.not_assessed.is_none() {
                grid.non_observes.len()
            } else {
                0
            },
        };
        if why.any() {
            Outcome::Ask(Question::Validate(why))
        } else {
            self.validate_confirmed(state)
        }
    }

    /// Validates the grid on display (after the jury confirmed, when it was unusual).
    pub fn validate_confirmed(&self, state: &SeanceState) -> Outcome {
        Outcome::Record(vec![Event::GridValidated {
            candidat: self.numero(state),
        }])
    }
}
