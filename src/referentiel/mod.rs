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
