//! The référentiel of the MC SNO: data model, the embedded default copy, loading and validation.

mod describe;
mod fraction;
mod load;
mod model;
mod validate;

pub use describe::describe;
pub use fraction::{Fraction, FractionError, RegleTempsMajore};
pub use load::{EMBEDDED, FILES, LoadError, load_dir, load_embedded, load_texts};
pub use model::*;

impl Referentiel {
    pub fn epreuve(&self, id: &str) -> Option<&Epreuve> {
        self.epreuves.epreuves.iter().find(|e| e.id == id)
    }

    pub fn competence(&self, id: &str) -> Option<&Competence> {
        self.diplome
            .blocs
            .iter()
            .flat_map(|b| &b.competences)
            .find(|c| c.id == id)
    }

    /// The competences of an épreuve, in grid order (unknown ids are refused at load time).
    pub fn competences_of<'a>(&'a self, e: &'a Epreuve) -> impl Iterator<Item = &'a Competence> {
        e.competences.iter().filter_map(|id| self.competence(id))
    }

    /// Finds the competence holding a criterion.
    pub fn critere(&self, id: &str) -> Option<(&Competence, &Critere)> {
        self.diplome
            .blocs
            .iter()
            .flat_map(|b| &b.competences)
            .filter(|c| may_hold(&c.id, id))
            .find_map(|c| c.criteres.iter().find(|k| k.id == id).map(|k| (c, k)))
    }

    /// The criterion `id` when it is one of épreuve `e`'s, with its competence: what the fold
    /// asks of every positioning, so only the épreuve's competences are searched, and only
    /// those whose id begins `id`.
    pub fn critere_of<'a>(
        &'a self,
        e: &Epreuve,
        id: &str,
    ) -> Option<(&'a Competence, &'a Critere)> {
        e.competences
            .iter()
            .filter(|c| may_hold(c, id))
            .filter_map(|c| self.competence(c))
            .find_map(|c| c.criteres.iter().find(|k| k.id == id).map(|k| (c, k)))
    }

    pub fn niveau(&self, code: &str) -> Option<&NiveauDef> {
        self.niveaux.niveaux.iter().find(|n| n.code == code)
    }

    pub fn qualite(&self, id: &str) -> Option<&QualiteDef> {
        self.epreuves.qualites.iter().find(|q| q.id == id)
    }

    /// The indicative /20 band table (validated at load time).
    pub fn bareme(&self) -> crate::grading::Bareme {
        crate::grading::Bareme::from_data(&self.notation.bareme_indicatif)
            .expect("validated at load: every level has a band")
    }
}

/// Whether the competence `competence` may hold the criterion `id`: loading checks that every
/// criterion's id is its competence's followed by `-` (`C1.1-3`), so the others need not be
/// searched.
fn may_hold(competence: &str, id: &str) -> bool {
    id.strip_prefix(competence)
        .is_some_and(|rest| rest.starts_with('-'))
}

impl Epreuve {
    pub fn forme(&self, kind: FormeKind) -> Option<&Forme> {
        self.formes.iter().find(|f| f.forme == kind)
    }
}

impl Forme {
    pub fn situation(&self, id: &str) -> Option<&Situation> {
        self.situations.iter().find(|s| s.id == id)
    }
}

impl FormeKind {
    pub fn label(self) -> &'static str {
        match self {
            FormeKind::Ccf => "CCF",
            FormeKind::Ponctuel => "ponctuel",
        }
    }

    /// The form as the printed grid and the bordereau spell it out, in lower case.
    pub fn long_label(self) -> &'static str {
        match self {
            FormeKind::Ccf => "contrôle en cours de formation (CCF)",
            FormeKind::Ponctuel => "forme ponctuelle",
        }
    }
}

impl Phase {
    /// The phase's letter when the text names it "Phase A" / "Phase B" (ponctuel forms); CCF
    /// situations name their phases by what they are (id `expose`, `entretien`), so `None`.
    pub fn lettre(&self) -> Option<&str> {
        (self.id.chars().count() <= 2).then_some(self.id.as_str())
    }

    /// How a sentence names the phase: its letter (« A ») where the text gives one, else what
    /// it is (« Exposé de la personne candidate »), never a data id such as `expose`.
    pub fn nom(&self) -> &str {
        self.lettre().unwrap_or(&self.intitule)
    }

    /// Alert thresholds in minutes before the end, largest first.
    pub fn alertes(&self, defaut: &[u32]) -> Vec<u32> {
        let mut v = self
            .alertes_minutes
            .clone()
            .unwrap_or_else(|| defaut.to_vec());
        v.sort_unstable_by(|a, b| b.cmp(a));
        v.dedup();
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn criteria_are_found_in_their_competence_and_epreuve_only() {
        let r = load_embedded().unwrap();
        let comps: Vec<&Competence> = r
            .diplome
            .blocs
            .iter()
            .flat_map(|b| &b.competences)
            .collect();
        for c in &comps {
            for k in &c.criteres {
                let (found, crit) = r.critere(&k.id).unwrap();
                assert_eq!((&found.id, &crit.id), (&c.id, &k.id));
                for e in &r.epreuves.epreuves {
                    let of = r.critere_of(e, &k.id).map(|(c, k)| (&c.id, &k.id));
                    let want = e.competences.contains(&c.id).then_some((&c.id, &k.id));
                    assert_eq!(of, want, "{} {}", e.id, k.id);
                }
            }
            // A competence's id alone, or with a dash, is no criterion.
            for id in [c.id.clone(), format!("{}-", c.id), format!("{}-99", c.id)] {
                assert!(r.critere(&id).is_none(), "{id}");
                for e in &r.epreuves.epreuves {
                    assert!(r.critere_of(e, &id).is_none(), "{id}");
                }
            }
        }
        assert!(r.critere("").is_none());
    }
}
