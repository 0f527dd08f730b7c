//! The wizard's candidate step: search and pick from the imported list, or type a candidate in
//! (numéro, nom, prénom, établissement), until the situation's group is complete.

use super::*;

impl Wizard {
    pub(super) fn update_candidats(&mut self, action: &Action, ctx: &WizardCtx) -> WizardOutcome {
        if self.manual.is_some() {
            return self.update_manual(action, ctx);
        }
        let rows = self.rows(ctx.r, ctx.imported);
        self.cursor = self.cursor.min(rows.len().saturating_sub(1));
        match action {
            Action::Up => self.cursor = self.cursor.saturating_sub(1),
            Action::Down => self.cursor = (self.cursor + 1).min(rows.len().saturating_sub(1)),
            Action::Char(c) if !ctx.imported.is_empty() => {
                self.search.push(*c);
                self.cursor_to_first_match(ctx);
            }
            Action::Backspace => {
                self.search.pop();
                self.cursor_to_first_match(ctx);
            }
            Action::Back => return self.go(Step::Situation),
            Action::Confirm => match rows.get(self.cursor) {
                Some(Row::Continue) => return self.enter_membres(ctx),
                Some(Row::Chosen(i)) => {
                    self.chosen.remove(*i);
                }
                Some(Row::Imported(i)) => return self.pick(ctx.imported[*i].clone(), ctx),
                Some(Row::Manual) => self.manual = Some(Manual::default()),
                None => {}
            },
            _ => {}
        }
        WizardOutcome::Stay
    }

    pub(super) fn cursor_to_first_match(&mut self, ctx: &WizardCtx) {
        let rows = self.rows(ctx.r, ctx.imported);
        self.cursor = rows
            .iter()
            .position(|r| matches!(r, Row::Imported(_)))
            .unwrap_or(0);
    }

    /// Adds a candidate; a single-candidate situation goes straight on to the commission.
    fn pick(&mut self, c: Candidat, ctx: &WizardCtx) -> WizardOutcome {
        let (_, max) = self.group_size(ctx.r);
        if self.chosen.iter().any(|k| k.numero == c.numero) {
            self.error = Some(format!("{} est déjà choisi(e)", c.numero));
            return WizardOutcome::Stay;
        }
        if max == 1 {
            self.chosen = vec![c];
            return self.enter_membres(ctx);
        }
        if self.chosen.len() >= max {
            self.error = Some(format!(
                "{max} personnes candidates au plus pour cette situation"
            ));
            return WizardOutcome::Stay;
        }
        self.chosen.push(c);
        self.search.clear();
        // Once the group may go on, the cursor waits on « Continuer »; before that, on the next
        // candidate to pick — never on a chosen row, where Entrée would remove who was just added.
        let (min, _) = self.group_size(ctx.r);
        if self.chosen.len() >= min {
            self.cursor = 0;
        } else {
            self.cursor_to_first_match(ctx);
        }
        WizardOutcome::Stay
    }

    fn update_manual(&mut self, action: &Action, ctx: &WizardCtx) -> WizardOutcome {
        let Some(m) = self.manual.as_mut() else {
            return WizardOutcome::Stay;
        };
        let last = MANUAL_FIELDS.len() - 1;
        match action {
            Action::Char(c) => m.fields[m.focus].push(*c),
            Action::Backspace => {
                m.fields[m.focus].pop();
            }
            Action::NextField | Action::Down => m.focus = (m.focus + 1).min(last),
            Action::PrevField | Action::Up => m.focus = m.focus.saturating_sub(1),
            Action::Confirm if m.focus < last => m.focus += 1,
            Action::Confirm => {
                let [numero, nom, prenom, etablissement] =
                    m.fields.clone().map(|f| f.trim().to_string());
                if numero.is_empty() || nom.is_empty() {
                    self.error = Some("numéro d’inscription et nom sont obligatoires".into());
                    m.focus = usize::from(!numero.is_empty());
                    return WizardOutcome::Stay;
                }
                let c = Candidat {
                    numero,
                    nom,
                    prenom,
                    etablissement,
                };
                let before = self.chosen.len();
                let out = self.pick(c, ctx);
                if self.chosen.len() > before || self.step != Step::Candidats {
                    self.manual = None;
                }
                return out;
            }
            Action::Back => {
                self.manual = None;
                if ctx.imported.is_empty() && self.chosen.is_empty() {
                    return self.go(Step::Situation);
                }
            }
            _ => {}
        }
        WizardOutcome::Stay
    }
}
