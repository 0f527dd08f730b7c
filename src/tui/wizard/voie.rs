//! The candidate's voie de formation in the wizard: taken from the candidates list when it has
//! the column, else chosen at the recap (`v`) — asked where the form's PFMP rule depends on it
//! (E2 in CCF) — and recorded with the opening (`voie_recorded`). The recap warns when the form
//! chosen is not one annexe IV gives for that voie (table of forms by status, l. 1677–1707:
//! `forme.voies`): a warning, never a refusal, since the table also depends on whether the
//! establishment may hold a CCF, which the app cannot know.

use std::collections::BTreeMap;

use super::{Action, Choice, Wizard, WizardOutcome};
use crate::referentiel::{Forme, Referentiel, Voie};
use crate::session::Event;

impl Wizard {
    /// The chosen candidates' voies the candidates list gives, for those without one yet
    /// (picked from the list, typed in with a numéro it knows, or filled from the day's plan).
    pub(super) fn adopt_list_voies(&mut self, list: &BTreeMap<String, Voie>) {
        for c in &self.chosen {
            if let Some(v) = list.get(&c.numero) {
                self.voies.entry(c.numero.clone()).or_insert(*v);
            }
        }
    }

    /// The voies of the chosen candidates (a candidate removed on the way leaves no voie).
    pub(super) fn chosen_voies(&self) -> BTreeMap<String, Voie> {
        self.voies
            .iter()
            .filter(|(n, _)| self.chosen.iter().any(|c| &c.numero == *n))
            .map(|(n, v)| (n.clone(), *v))
            .collect()
    }

    /// `v` at the recap: the next voie of the candidate (a group's voies come from the list).
    pub(super) fn cycle_voie(&mut self, action: &Action) -> WizardOutcome {
        if *action != Action::Voie {
            return WizardOutcome::Stay;
        }
        let [c] = self.chosen.as_slice() else {
            self.error = Some(
                "Groupe : la voie de chaque personne candidate vient de la liste des candidats."
                    .into(),
            );
            return WizardOutcome::Stay;
        };
        let numero = c.numero.clone();
        let next = match self.voies.get(&numero) {
            None => Some(Voie::ALL[0]),
            Some(v) => Voie::ALL
                .iter()
                .position(|x| x == v)
                .and_then(|i| Voie::ALL.get(i + 1))
                .copied(),
        };
        match next {
            Some(v) => self.voies.insert(numero, v),
            None => self.voies.remove(&numero),
        };
        WizardOutcome::Stay
    }

    /// What the recap says about the voies: each candidate's, the question where the form's
    /// PFMP depends on it, the warning where annexe IV gives another form for that voie.
    pub fn voie_notes(
        &self,
        r: &Referentiel,
        list: &BTreeMap<String, Voie>,
    ) -> Vec<(String, bool)> {
        let Some(forme) = self.forme(r) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for c in &self.chosen {
            match self.voies.get(&c.numero).or_else(|| list.get(&c.numero)) {
                Some(v) => {
                    out.push((format!("Voie de {} : {}", c.nom, v.label()), false));
                    if let Some(w) = form_warning(forme, *v) {
                        out.push((w, true));
                    }
                }
                None if forme.pfmp.is_some() => out.push((
                    format!(
                        "Voie de {} non renseignée : v pour la choisir (elle fixe les semaines de \
                         PFMP exigées)",
                        c.nom
                    ),
                    true,
                )),
                None => {}
            }
        }
        out
    }
}

impl Choice {
    /// The voies of the chosen candidates, as the opening records them.
    pub fn voie_events(&self) -> Vec<Event> {
        self.voies
            .iter()
            .map(|(numero, voie)| Event::VoieRecorded {
                candidat: numero.clone(),
                voie: *voie,
            })
            .collect()
    }
}

/// The warning when annexe IV does not give `forme` for `voie`.
pub fn form_warning(forme: &Forme, voie: Voie) -> Option<String> {
    (!forme.voies.contains(&voie)).then(|| {
        let others: Vec<&str> = forme.voies.iter().map(|v| v.label()).collect();
        format!(
            "⚠ Annexe IV : la forme {} est prévue pour {} ; pas pour la voie « {} » (à \
             vérifier : statut ou forme)",
            forme.forme.label(),
            others.join(", "),
            voie.label()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::super::WizardCtx;
    use super::*;
    use crate::referentiel::load_embedded;
    use crate::session::{Candidat, Membre};

    fn cand(n: &str, nom: &str) -> Candidat {
        Candidat {
            numero: n.into(),
            nom: nom.into(),
            prenom: "P".into(),
            etablissement: "L".into(),
        }
    }

    fn no_members(_: &str, _: crate::referentiel::FormeKind) -> Vec<Membre> {
        Vec::new()
    }

    /// Épreuve `e` (1-based), forme `f`, the first situation, candidate "1" picked from the
    /// list, an empty commission: at the recap.
    fn at_recap(ctx: &WizardCtx, e: char, f: char) -> Wizard {
        let mut w = Wizard::new();
        let mut keys = vec![Action::Char(e), Action::Char(f), Action::Char('1')];
        keys.extend("Durand".chars().map(Action::Char));
        keys.extend([Action::Confirm, Action::Confirm]);
        for a in &keys {
            w.update(a, ctx);
        }
        assert_eq!(w.step, super::super::Step::Recap, "{:?}", w.error);
        w
    }

    #[test]
    fn the_voie_comes_from_the_list_and_is_recorded_with_the_opening() {
        let r = load_embedded().unwrap();
        let imported = vec![cand("1", "Durand")];
        let voies = BTreeMap::from([("1".to_string(), Voie::Apprentissage)]);
        let ctx = WizardCtx {
            r: &r,
            imported: &imported,
            voies: &voies,
            last_members: &no_members,
        };
        // E2 CCF: the PFMP depends on the voie.
        let mut w = at_recap(&ctx, '2', '1');
        let notes = w.voie_notes(&r, ctx.voies);
        assert_eq!(
            notes,
            vec![("Voie de Durand : apprentissage".into(), false)]
        );
        let WizardOutcome::Open(c) = w.update(&Action::Confirm, &ctx) else {
            panic!("opens")
        };
        assert_eq!(
            c.voie_events(),
            vec![Event::VoieRecorded {
                candidat: "1".into(),
                voie: Voie::Apprentissage
            }]
        );
    }

    #[test]
    fn e2_ccf_asks_the_voie_when_the_list_has_none_and_v_cycles_it() {
        let r = load_embedded().unwrap();
        let imported = vec![cand("1", "Durand")];
        let ctx = WizardCtx {
            r: &r,
            imported: &imported,
            voies: &BTreeMap::new(),
            last_members: &no_members,
        };
        let mut w = at_recap(&ctx, '2', '1');
        let notes = w.voie_notes(&r, ctx.voies);
        assert!(
            notes[0].0.contains("non renseignée : v pour la choisir"),
            "{notes:?}"
        );
        assert!(notes[0].1, "a warning");
        w.update(&Action::Voie, &ctx);
        assert_eq!(w.voies["1"], Voie::Scolaire);
        w.update(&Action::Voie, &ctx);
        assert_eq!(w.voies["1"], Voie::Apprentissage);
        for _ in 0..3 {
            w.update(&Action::Voie, &ctx);
        }
        assert!(w.voies.is_empty(), "after the last voie: none again");
        // E2 ponctuel has no PFMP: nothing asked.
        let w = at_recap(&ctx, '2', '2');
        assert!(w.voie_notes(&r, ctx.voies).is_empty());
    }

    #[test]
    fn a_form_annexe_iv_does_not_give_for_the_voie_is_a_warning_not_a_refusal() {
        let r = load_embedded().unwrap();
        let imported = vec![cand("1", "Durand")];
        let voies = BTreeMap::from([("1".to_string(), Voie::ExperienceProfessionnelle)]);
        let ctx = WizardCtx {
            r: &r,
            imported: &imported,
            voies: &voies,
            last_members: &no_members,
        };
        // E3 CCF (situation A): not for a candidate with professional experience.
        let mut w = at_recap(&ctx, '3', '1');
        let notes = w.voie_notes(&r, ctx.voies);
        let warning = &notes[1];
        assert!(warning.1);
        assert!(
            warning
                .0
                .contains("la forme CCF est prévue pour voie scolaire, apprentissage")
                && warning
                    .0
                    .contains("pas pour la voie « expérience professionnelle »"),
            "{warning:?}"
        );
        assert!(matches!(
            w.update(&Action::Confirm, &ctx),
            WizardOutcome::Open(_)
        ));
        // The lawful neighbour: E3 ponctuel is open to every voie.
        let w = at_recap(&ctx, '3', '2');
        assert_eq!(
            w.voie_notes(&r, ctx.voies).len(),
            1,
            "the voie alone, no warning"
        );
    }
}
