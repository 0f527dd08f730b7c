//! The outcome of a candidate's grid for an épreuve, decided once here: a note, an absence
//! (justified or not), a dispense, or not complete yet. The notes file, the printed grid, the
//! review and the grid screen only put it into words.
//!
//! What an absence or a dispense gives is data (`notation.json`, `absences`), quoted from the
//! general rule of vocational diplomas: a justified absence has no note and opens a replacement
//! situation or épreuve; an unjustified one is noted zero.

use super::grid::{GridState, NotAssessed};
use crate::grading::Points;
use crate::referentiel::{Epreuve, Referentiel};

/// What a grid amounts to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resultat {
    /// Every competence has its note: the note globale /60 and the note /20.
    Note { sur60: Points, sur20: Points },
    /// Assessed, but some competence has no note yet.
    Incomplet,
    /// Graded, but a condition of the épreuve is not met (PFMP shorter than required): no
    /// note; `statut` says why, e.g. « épreuve non obtenue (PFMP : 7 / 12 semaines) ».
    NonObtenue { statut: String },
    /// Absent or dispensé: the note the rule gives (`None`: no note, which is not a zero) and
    /// the statut in words.
    NonEvalue {
        cause: NotAssessed,
        sur20: Option<Points>,
        statut: String,
    },
}

impl Resultat {
    /// The note /20, when there is one (an unjustified absence has 0).
    pub fn sur20(&self) -> Option<Points> {
        match self {
            Resultat::Note { sur20, .. } => Some(*sur20),
            Resultat::NonEvalue { sur20, .. } => *sur20,
            Resultat::Incomplet | Resultat::NonObtenue { .. } => None,
        }
    }

    /// The note globale /60, when there is one: three times the note /20 for a non-assessment
    /// that is noted (0 gives 0).
    pub fn sur60(&self) -> Option<Points> {
        match self {
            Resultat::Note { sur60, .. } => Some(*sur60),
            Resultat::NonEvalue { sur20, .. } => sur20.map(|n| Points::from_halves(n.halves() * 3)),
            Resultat::Incomplet | Resultat::NonObtenue { .. } => None,
        }
    }

    /// `note`, or the statut of the non-assessment, as the notes file words it.
    pub fn statut(&self) -> &str {
        match self {
            Resultat::Note { .. } | Resultat::Incomplet => "note",
            Resultat::NonEvalue { statut, .. } | Resultat::NonObtenue { statut } => statut,
        }
    }

    /// Absent, justified or not.
    pub fn is_absent(&self) -> bool {
        matches!(
            self,
            Resultat::NonEvalue {
                cause: NotAssessed::Absent { .. },
                ..
            }
        )
    }
}

impl GridState {
    /// The outcome of this grid under the référentiel's rules (validated or not: the caller
    /// says whether it counts).
    pub fn resultat(&self, r: &Referentiel, e: &Epreuve) -> Resultat {
        let rule = &r.notation.absences;
        let issue = match self.not_assessed {
            Some(NotAssessed::Absent { justified: true }) => Some(&rule.absent_justifie),
            Some(NotAssessed::Absent { justified: false }) => Some(&rule.absent_non_justifie),
            Some(NotAssessed::Exempted) => Some(&rule.dispense),
            None => None,
        };
        match (self.not_assessed, issue) {
            (Some(cause), Some(issue)) => Resultat::NonEvalue {
                cause,
                sur20: issue.note,
                statut: issue.statut.clone(),
            },
            _ => match (
                self.pfmp.and_then(|p| Some((p.weeks, p.short()?))),
                self.totals(e),
            ) {
                (Some((weeks, required)), _) => Resultat::NonObtenue {
                    statut: format!("épreuve non obtenue (PFMP : {weeks} / {required} semaines)"),
                },
                (None, Some((sur60, sur20))) => Resultat::Note { sur60, sur20 },
                (None, None) => Resultat::Incomplet,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::referentiel::load_embedded;

    fn grid(not_assessed: Option<NotAssessed>) -> GridState {
        GridState {
            not_assessed,
            ..GridState::default()
        }
    }

    #[test]
    fn absences_follow_the_general_rule_and_a_dispense_has_no_note() {
        let r = load_embedded().unwrap();
        let e = r.epreuve("E1").unwrap();
        let justified = grid(Some(NotAssessed::Absent { justified: true })).resultat(&r, e);
        assert_eq!(
            justified.sur20(),
            None,
            "force majeure: no note, a replacement"
        );
        assert!(
            justified.statut().contains("remplacement"),
            "{}",
            justified.statut()
        );
        assert!(justified.is_absent());
        let unjustified = grid(Some(NotAssessed::Absent { justified: false })).resultat(&r, e);
        assert_eq!(unjustified.sur20(), Some(Points::ZERO));
        assert_eq!(unjustified.sur60(), Some(Points::ZERO));
        assert_eq!(unjustified.statut(), "absent non justifié");
        let exempted = grid(Some(NotAssessed::Exempted)).resultat(&r, e);
        assert_eq!((exempted.sur20(), exempted.sur60()), (None, None));
        assert_eq!(exempted.statut(), "dispensé");
        assert!(!exempted.is_absent());
    }

    #[test]
    fn a_grid_is_noted_once_every_competence_is() {
        let r = load_embedded().unwrap();
        let e = r.epreuve("E1").unwrap();
        let mut g = grid(None);
        assert_eq!(g.resultat(&r, e), Resultat::Incomplet);
        for (c, n) in e.competences.iter().zip([12, 13, 13]) {
            g.notes.insert(c.clone(), Points::from_whole(n));
            // Incomplete until the last competence is noted.
        }
        assert_eq!(
            g.resultat(&r, e),
            Resultat::Note {
                sur60: Points::from_whole(38),
                sur20: Points::from_whole(13),
            }
        );
        assert_eq!(g.resultat(&r, e).statut(), "note");
    }

    #[test]
    fn the_rule_is_data() {
        let mut r = load_embedded().unwrap();
        r.notation.absences.absent_justifie.note = Some(Points::ZERO);
        let e = r.epreuve("E1").unwrap().clone();
        let g = grid(Some(NotAssessed::Absent { justified: true }));
        assert_eq!(g.resultat(&r, &e).sur20(), Some(Points::ZERO));
    }
}
