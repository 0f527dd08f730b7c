//! The wizard's « aménagement : temps majoré », on the recap: for each candidate chosen, none
//! or a majoration (`t` cycles: d’un tiers by default, then smaller fractions, then none) and
//! the timed phases it applies to (all by default; `1`–`9` toggles one). Prefilled from the
//! candidates list's optional column. Recorded with the opening (`Seance::create_opening`):
//! one above the bound is refused there, with the rule's words, by the one domain rule.

use std::collections::{BTreeMap, BTreeSet};

use ratatui::text::Line;

use super::{Choice, Wizard};
use crate::referentiel::{Fraction, Referentiel};
use crate::session::{Candidat, Event};
use crate::timing::{duree_majoree, duree_normale};
use crate::tui::fmt;
use crate::tui::theme::Theme;

/// A candidate's majoration and the phases it covers, as the wizard holds it.
pub type TempsMajore = BTreeMap<String, (Fraction, Vec<String>)>;

/// The recap's aménagements, the candidate `t` applies to, and the candidates already prefilled
/// from the candidates list (a value the jury removed is not put back).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Amenagements {
    pub temps_majore: TempsMajore,
    pub cursor: usize,
    pub prefilled: BTreeSet<String>,
}

/// Said when `t` finds no timed phase to apply a majoration to.
pub const NO_TIMED_PHASE: &str = "Pas de phase minutée : pas de temps majoré à appliquer.";
/// Said when a digit would take the last phase out of a majoration.
pub const ONE_PHASE_AT_LEAST: &str = "Le temps majoré porte sur une phase au moins (t : aucun).";

/// The fractions `t` offers, the data's default first, each within the data's bound.
pub fn offered(r: &Referentiel) -> Vec<Fraction> {
    let rule = &r.notation.temps_majore;
    let same = |a: Fraction, b: Fraction| a.at_most(b) && b.at_most(a);
    let mut list = vec![rule.par_defaut];
    for den in [3, 4, 5, 6] {
        let f = Fraction { num: 1, den };
        if f.at_most(rule.maximum) && !list.iter().any(|&g| same(g, f)) {
            list.push(f);
        }
    }
    list
}

/// What `t` gives after `current`: none → the default → smaller fractions → none (the timer's
/// panel cycles the same way).
pub fn next_offered(r: &Referentiel, current: Option<Fraction>) -> Option<Fraction> {
    let list = offered(r);
    match current {
        None => list.first().copied(),
        Some(f) => list
            .iter()
            .position(|g| *g == f)
            .and_then(|i| list.get(i + 1).copied()),
    }
}

/// A digit: phase `id` in or out of `covered`, kept in the order of `timed`. False, and
/// `covered` unchanged, when it would leave no phase (a majoration covers one at least).
pub fn toggle_covered(timed: &[String], covered: &mut Vec<String>, id: &str) -> bool {
    if let Some(i) = covered.iter().position(|p| p == id) {
        if covered.len() == 1 {
            return false;
        }
        covered.remove(i);
    } else {
        covered.push(id.to_string());
        covered.sort_by_key(|p| timed.iter().position(|x| x == p));
    }
    true
}

impl Wizard {
    /// The candidate the recap's `t` and digits apply to.
    fn majore_who(&self) -> Option<&Candidat> {
        self.chosen.get(
            self.amenagement
                .cursor
                .min(self.chosen.len().saturating_sub(1)),
        )
    }

    /// The timed phases of the situation.
    fn timed_phases(&self, r: &Referentiel) -> Vec<String> {
        self.situation(r)
            .map(|s| s.phases.iter().map(|p| p.id.clone()).collect())
            .unwrap_or_default()
    }

    /// Prefills the chosen candidates' majorations from the candidates list (once each).
    pub fn prefill_temps_majore(&mut self, r: &Referentiel, imported: &BTreeMap<String, Fraction>) {
        let phases = self.timed_phases(r);
        if phases.is_empty() {
            return;
        }
        for c in &self.chosen {
            if let Some(f) = imported.get(&c.numero)
                && self.amenagement.prefilled.insert(c.numero.clone())
            {
                self.amenagement
                    .temps_majore
                    .insert(c.numero.clone(), (*f, phases.clone()));
            }
        }
    }

    /// A key of the recap other than Entrée and Échap: `t`, a digit, ↑ ↓ (see the module doc).
    pub(super) fn temps_majore_key(&mut self, action: &super::WizardAction, r: &Referentiel) {
        use super::WizardAction as A;
        let last = self.chosen.len().saturating_sub(1);
        let i = self.amenagement.cursor.min(last);
        match action {
            A::Char('t') => self.cycle_temps_majore(r),
            A::Char(c @ '1'..='9') => self.toggle_phase(r, *c as usize - '1' as usize),
            A::Up => self.amenagement.cursor = i.saturating_sub(1),
            A::Down => self.amenagement.cursor = (i + 1).min(last),
            _ => {}
        }
    }

    /// The aménagements of the candidates still chosen (one removed on the way loses it), on
    /// the phases of the situation now chosen: a situation changed on the way keeps the phases
    /// it shares, else takes all of its own (the default); one without phases takes none.
    pub(super) fn chosen_temps_majore(&self, r: &Referentiel) -> TempsMajore {
        self.chosen
            .iter()
            .filter_map(|c| Some((c.numero.clone(), self.covered(r, &c.numero)?)))
            .collect()
    }

    /// A candidate's majoration on the phases of the situation now chosen (see above).
    fn covered(&self, r: &Referentiel, numero: &str) -> Option<(Fraction, Vec<String>)> {
        let (f, phases) = self.amenagement.temps_majore.get(numero)?;
        let timed = self.timed_phases(r);
        let kept: Vec<String> = timed
            .iter()
            .filter(|p| phases.contains(p))
            .cloned()
            .collect();
        match (timed.is_empty(), kept.is_empty()) {
            (true, _) => None,
            (false, true) => Some((*f, timed)),
            (false, false) => Some((*f, kept)),
        }
    }

    /// `t`: none → the default → smaller fractions → none.
    fn cycle_temps_majore(&mut self, r: &Referentiel) {
        let phases = self.timed_phases(r);
        let Some(who) = self.majore_who().map(|c| c.numero.clone()) else {
            return;
        };
        if phases.is_empty() {
            self.error = Some(NO_TIMED_PHASE.into());
            return;
        }
        let current = self.amenagement.temps_majore.get(&who).map(|(f, _)| *f);
        match next_offered(r, current) {
            Some(f) => {
                let covered = self.covered(r, &who).map_or(phases, |(_, p)| p);
                self.amenagement.temps_majore.insert(who, (f, covered));
            }
            None => {
                self.amenagement.temps_majore.remove(&who);
            }
        }
    }

    /// A digit: the phase of that rank in or out of the candidate's majoration (one at least).
    fn toggle_phase(&mut self, r: &Referentiel, rank: usize) {
        let phases = self.timed_phases(r);
        let Some(who) = self.majore_who().map(|c| c.numero.clone()) else {
            return;
        };
        let (Some(id), Some((f, mut covered))) = (phases.get(rank), self.covered(r, &who)) else {
            return;
        };
        if !toggle_covered(&phases, &mut covered, id) {
            self.error = Some(ONE_PHASE_AT_LEAST.into());
            return;
        }
        self.amenagement.temps_majore.insert(who, (f, covered));
    }

    /// The recap's lines for the candidates' aménagements.
    pub(super) fn temps_majore_lines<'a>(&self, r: &Referentiel, theme: &Theme) -> Vec<Line<'a>> {
        let Some(sit) = self.situation(r) else {
            return Vec::new();
        };
        if sit.phases.is_empty() {
            return Vec::new();
        }
        let group = self.chosen.len() > 1;
        let mut lines = Vec::new();
        for (i, c) in self.chosen.iter().enumerate() {
            let here = i
                == self
                    .amenagement
                    .cursor
                    .min(self.chosen.len().saturating_sub(1));
            let mark = if here && group { "▸ " } else { "  " };
            let text = match self.covered(r, &c.numero) {
                None => "aucun".to_string(),
                Some((f, covered)) => {
                    let each: Vec<String> = sit
                        .phases
                        .iter()
                        .filter(|p| covered.contains(&p.id))
                        .map(|p| {
                            let normal = duree_normale(p);
                            if group {
                                p.id.clone()
                            } else {
                                let d = crate::review::fmt::duree(duree_majoree(normal, f));
                                format!("{} {} → {d}", p.id, crate::review::fmt::duree(normal))
                            }
                        })
                        .collect();
                    let what = if group {
                        "temps de parole majoré"
                    } else {
                        "temps majoré"
                    };
                    format!("{what} {} ({})", f.en_mots(), each.join(" · "))
                }
            };
            let who = if group {
                format!("{} : ", fmt::candidat(c))
            } else {
                String::new()
            };
            let style = if self.amenagement.temps_majore.contains_key(&c.numero) {
                theme.warning()
            } else {
                theme.dim()
            };
            lines.push(Line::styled(
                format!("{mark}Aménagement : {who}{text}"),
                style,
            ));
        }
        lines
    }
}

impl Choice {
    /// What the opening records besides itself: the commission, then each « temps majoré ».
    pub fn opening_events(&self) -> Vec<Event> {
        let members = self
            .membres
            .iter()
            .map(|m| Event::MemberAdded { membre: m.clone() });
        let majorations =
            self.temps_majore
                .iter()
                .map(|(numero, (f, phases))| Event::AmenagementRecorded {
                    candidat: numero.clone(),
                    majoration: *f,
                    phases: phases.clone(),
                    decision: String::new(),
                });
        members.chain(majorations).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Step, WizardAction as A};
    use super::*;
    use crate::referentiel::load_embedded;

    fn at_recap(r: &Referentiel) -> Wizard {
        let mut w = Wizard::new();
        // E1 ponctuel (phases A and B), one candidate.
        w.forme = 1;
        w.step = Step::Recap;
        w.chosen = vec![Candidat {
            numero: "1".into(),
            nom: "N".into(),
            prenom: String::new(),
            etablissement: String::new(),
        }];
        assert_eq!(w.timed_phases(r), ["A", "B"]);
        w
    }

    fn shown(w: &Wizard) -> Option<(String, Vec<String>)> {
        w.amenagement
            .temps_majore
            .get("1")
            .map(|(f, p)| (f.to_string(), p.clone()))
    }

    #[test]
    fn t_cycles_from_a_third_down_to_none() {
        let r = load_embedded().unwrap();
        let mut w = at_recap(&r);
        let mut seen = Vec::new();
        for _ in 0..5 {
            w.temps_majore_key(&A::Char('t'), &r);
            seen.push(shown(&w).map(|(f, _)| f));
        }
        let f = |s: &str| Some(s.to_string());
        assert_eq!(seen, [f("1/3"), f("1/4"), f("1/5"), f("1/6"), None]);
    }

    #[test]
    fn a_situation_changed_on_the_way_keeps_what_it_can() {
        let r = load_embedded().unwrap();
        let mut w = at_recap(&r);
        w.temps_majore_key(&A::Char('t'), &r);
        w.temps_majore_key(&A::Char('2'), &r);
        let phases = |w: &Wizard| w.chosen_temps_majore(&r).get("1").map(|(_, p)| p.clone());
        assert_eq!(phases(&w), Some(vec!["A".to_string()]));
        // Back to E1 CCF situation A: none of its phases is A, so all of them.
        (w.forme, w.situation) = (0, 0);
        assert_eq!(
            phases(&w),
            Some(vec!["expose".to_string(), "entretien".to_string()])
        );
        // E2 CCF has no timed phase: no temps majoré to record.
        (w.epreuve, w.forme) = (1, 0);
        assert_eq!(phases(&w), None);
    }

    #[test]
    fn digits_choose_the_phases_never_none() {
        let r = load_embedded().unwrap();
        let mut w = at_recap(&r);
        w.temps_majore_key(&A::Char('t'), &r);
        w.temps_majore_key(&A::Char('1'), &r);
        assert_eq!(shown(&w).map(|(_, p)| p), Some(vec!["B".to_string()]));
        w.temps_majore_key(&A::Char('2'), &r);
        assert!(w.error.is_some(), "the last phase stays");
        assert_eq!(shown(&w).map(|(_, p)| p), Some(vec!["B".to_string()]));
        w.temps_majore_key(&A::Char('1'), &r);
        assert_eq!(
            shown(&w).map(|(_, p)| p),
            Some(vec!["A".to_string(), "B".to_string()])
        );
        // A prefilled value the jury then removed is not put back.
        let imported = BTreeMap::from([("1".to_string(), Fraction { num: 1, den: 4 })]);
        let mut w = at_recap(&r);
        w.prefill_temps_majore(&r, &imported);
        assert_eq!(shown(&w).map(|(f, _)| f), Some("1/4".to_string()));
        for _ in 0..3 {
            w.temps_majore_key(&A::Char('t'), &r);
        }
        assert_eq!(shown(&w), None);
        w.prefill_temps_majore(&r, &imported);
        assert_eq!(shown(&w), None);
    }
}
