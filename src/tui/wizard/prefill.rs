//! The wizard opened for a passage of the day's plan: every step filled in from the plan, on the
//! last step (one Entrée creates and starts the séance) when nothing is missing, else on the
//! first step that needs the jury: a candidate the lists do not name, the commission. Échap
//! walks back through the steps as usual.

use super::{Choice, Manual, Step, Wizard, WizardScreen};
use crate::referentiel::Referentiel;
use crate::tui::start::StartScreen;

/// What a passage of the plan fills the wizard with.
#[derive(Debug, Clone, PartialEq)]
pub struct Prefill {
    pub choice: Choice,
    /// A member the plan names without a qualité the app can tell: typed in for the jury, who
    /// picks the qualité.
    pub unnamed_member: Option<String>,
}

impl Wizard {
    /// The wizard filled in from `p`. The épreuve, form and situation come from a plan read
    /// against the same référentiel; one it does not know leaves the wizard at its first step.
    pub fn prefilled(r: &Referentiel, p: &Prefill) -> Wizard {
        let c = &p.choice;
        let mut w = Wizard::new();
        let Some((ei, e)) = r
            .epreuves
            .epreuves
            .iter()
            .enumerate()
            .find(|(_, e)| e.id == c.epreuve)
        else {
            return w;
        };
        let Some(fi) = e.formes.iter().position(|f| f.forme == c.forme) else {
            return w;
        };
        let Some(si) = e.formes[fi]
            .situations
            .iter()
            .position(|s| s.id == c.situation)
        else {
            return w;
        };
        (w.epreuve, w.forme, w.situation) = (ei, fi, si);
        w.chosen = c
            .candidats
            .iter()
            .filter(|k| !k.nom.is_empty())
            .cloned()
            .collect();
        w.membres = c.membres.clone();
        w.voies = c.voies.clone();
        w.amenagement.temps_majore = c.temps_majore.clone();
        let unnamed = c.candidats.iter().find(|k| k.nom.is_empty());
        w.step = if let Some(k) = unnamed {
            // The numéro is known: the jury types the name.
            let mut m = Manual::default();
            m.fields[0] = k.numero.clone();
            m.focus = 1;
            w.manual = Some(m);
            w.error = Some(format!(
                "n° {} : nom absent de la liste des personnes candidates, à saisir",
                k.numero
            ));
            Step::Candidats
        } else if let Some(nom) = &p.unnamed_member {
            w.membre_nom = nom.clone();
            w.error = Some(format!("{nom} : choisissez sa qualité (→), puis Entrée"));
            Step::Membres
        } else if w.membres.is_empty() {
            Step::Membres
        } else {
            Step::Recap
        };
        w
    }
}

impl WizardScreen {
    /// The wizard for a passage of the plan, over the start screen it came from.
    pub fn prefilled(home: StartScreen, r: &Referentiel, p: &Prefill) -> WizardScreen {
        WizardScreen {
            wizard: Wizard::prefilled(r, p),
            home,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::referentiel::{FormeKind, load_embedded};
    use crate::session::{Candidat, Membre};

    fn cand(numero: &str, nom: &str) -> Candidat {
        Candidat {
            numero: numero.into(),
            nom: nom.into(),
            prenom: String::new(),
            etablissement: String::new(),
        }
    }

    fn prefill(candidats: Vec<Candidat>, membres: usize, unnamed: Option<&str>) -> Prefill {
        let m = |nom: &str, q: &str| Membre {
            nom: nom.into(),
            qualite: q.into(),
        };
        let all = [m("Mme A", "enseignant"), m("M. B", "professionnel")];
        Prefill {
            choice: Choice {
                epreuve: "E1".into(),
                forme: FormeKind::Ccf,
                situation: "B".into(),
                candidats,
                membres: all[..membres].to_vec(),
                voies: Default::default(),
                temps_majore: Default::default(),
            },
            unnamed_member: unnamed.map(String::from),
        }
    }

    #[test]
    fn everything_known_opens_on_the_recap_with_the_plans_choice() {
        let r = load_embedded().unwrap();
        let p = prefill(vec![cand("1", "Durand"), cand("2", "Roy")], 2, None);
        let w = Wizard::prefilled(&r, &p);
        assert_eq!(w.step, Step::Recap);
        assert_eq!(w.choice(&r), p.choice);
    }

    #[test]
    fn what_is_missing_opens_its_step() {
        let r = load_embedded().unwrap();
        // A candidate the lists do not name: typed in, the numéro already there.
        let w = Wizard::prefilled(
            &r,
            &prefill(vec![cand("1", "Durand"), cand("2", "")], 2, None),
        );
        assert_eq!(w.step, Step::Candidats);
        assert_eq!(w.chosen.len(), 1);
        let m = w.manual.as_ref().unwrap();
        assert_eq!((m.fields[0].as_str(), m.focus), ("2", 1));
        // A member without a known qualité: their name typed, the qualité to pick.
        let p = prefill(vec![cand("1", "Durand"), cand("2", "Roy")], 1, Some("M. C"));
        let w = Wizard::prefilled(&r, &p);
        assert_eq!((w.step, w.membre_nom.as_str()), (Step::Membres, "M. C"));
        // No commission at all: the commission step.
        let w = Wizard::prefilled(&r, &prefill(vec![cand("1", "D"), cand("2", "R")], 0, None));
        assert_eq!(w.step, Step::Membres);
        // An épreuve the référentiel does not know: the first step, nothing chosen.
        let mut p = prefill(vec![cand("1", "D")], 2, None);
        p.choice.epreuve = "E9".into();
        assert_eq!(Wizard::prefilled(&r, &p), Wizard::new());
    }
}
