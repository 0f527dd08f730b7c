//! The wizard's commission step: the members of the commission d'évaluation, each a name and
//! a qualité of the référentiel, pre-filled from the last séance of the same épreuve and forme.

use super::{Action, Step, Wizard, WizardCtx, WizardOutcome};
use crate::session::Membre;

impl Wizard {
    pub(super) fn enter_membres(&mut self, ctx: &WizardCtx) -> WizardOutcome {
        if self.membres.is_empty()
            && let (Some(e), Some(f)) = (self.epreuve(ctx.r), self.forme(ctx.r))
        {
            self.membres = (ctx.last_members)(&e.id, f.forme);
        }
        self.go(Step::Membres)
    }

    pub(super) fn update_membres(&mut self, action: &Action, ctx: &WizardCtx) -> WizardOutcome {
        let n = ctx.r.epreuves.qualites.len().max(1);
        match action {
            Action::Char(c) => self.membre_nom.push(*c),
            Action::Backspace if self.membre_nom.pop().is_none() => {
                self.membres.pop();
            }
            Action::Right | Action::NextField | Action::Down => {
                self.qualite = (self.qualite + 1) % n
            }
            Action::Left | Action::PrevField | Action::Up => {
                self.qualite = (self.qualite + n - 1) % n
            }
            Action::Confirm if self.membre_nom.trim().is_empty() => return self.go(Step::Recap),
            Action::Confirm => {
                if let Some(q) = ctx.r.epreuves.qualites.get(self.qualite) {
                    self.membres.push(Membre {
                        nom: self.membre_nom.trim().to_string(),
                        qualite: q.id.clone(),
                    });
                    self.membre_nom.clear();
                }
            }
            Action::Back => {
                self.membre_nom.clear();
                return self.go(Step::Candidats);
            }
            _ => {}
        }
        WizardOutcome::Stay
    }
}
