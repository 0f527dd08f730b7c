//! What the day's keys do on the start screen: prepare a passage in the wizard (`s`, Entrée on a
//! passage to come), ask « justifiée ou non » for a candidate who did not come (`a`) and answer
//! it — refused where the situation takes place without the candidate, or while the lists do
//! not name them (the bordereau names whoever is absent).

use super::{Day, StartScreen, day};
use crate::referentiel::{IssueNonEvalue, Referentiel};
use crate::tui::component::{Cx, Go, Outcome};

impl StartScreen {
    /// The passage awaiting « justifiée ou non », if any.
    pub fn absence(&self) -> Option<usize> {
        self.absence
    }

    /// `Go::Passage` for the passage `i` of the day, unless the folder cannot be written.
    pub(super) fn prepare(&mut self, day: &Day, i: usize, cx: &Cx) -> Outcome {
        if let Some(refused) = self.unwritable(cx) {
            return refused;
        }
        let p = &day.passages[i];
        Outcome::Go(Go::Passage(day::prefill(
            p,
            cx.r,
            &cx.cfg.import.candidats,
            &self.seances,
            cx.tz(),
        )))
    }

    /// The refusal to open a séance in a folder found unwritable (checked again: it may have
    /// been fixed since).
    pub(super) fn unwritable(&mut self, cx: &Cx) -> Option<Outcome> {
        if self.dir_error.is_some() {
            self.check_dir(&cx.cfg.dir);
        }
        self.dir_error.as_ref().map(|e| {
            Outcome::Say(format!(
                "Impossible d’ouvrir une séance : {e}. Relancez avec --sessions DOSSIER."
            ))
        })
    }

    /// `a`: the passage under the cursor (or the next one) waits for « justifiée ou non »,
    /// unless its situation takes place without the candidate.
    pub(super) fn ask_absence(&mut self, day: &Day, cursor: Option<usize>, cx: &Cx) -> Outcome {
        let Some(i) = day.target(cursor) else {
            return Outcome::Say("Aucun passage à venir : aucune absence à enregistrer.".into());
        };
        let p = &day.passages[i];
        let present =
            cx.r.epreuve(&p.epreuve)
                .and_then(|e| e.forme(p.forme))
                .and_then(|f| f.situation(&p.situation))
                .is_none_or(|s| s.candidat_present);
        if !present {
            return Outcome::Say(format!(
                "{} {} {} se déroule sans la présence de la personne candidate : pas d’absence \
                 à y constater.",
                p.epreuve,
                p.forme.label(),
                p.situation
            ));
        }
        // The bordereau names whoever is absent: a name the lists do not give is typed in the
        // wizard first (`s`, then `a` on the grid).
        let prefill = day::prefill(p, cx.r, &cx.cfg.import.candidats, &self.seances, cx.tz());
        if let Some(n) = prefill
            .choice
            .candidats
            .iter()
            .find(|c| c.nom.is_empty())
            .map(|c| &c.numero)
        {
            return Outcome::Say(format!(
                "Nom inconnu pour le n° {n} : ouvrez le passage avec s pour le saisir, puis \
                 notez l’absence sur la grille."
            ));
        }
        if let Some(refused) = self.unwritable(cx) {
            return refused;
        }
        self.absence = Some(i);
        Outcome::Nothing
    }

    pub(super) fn answer_absence(&mut self, justified: bool, cx: &Cx) -> Outcome {
        let (Some(i), Some(day)) = (self.absence.take(), self.day(cx)) else {
            return Outcome::Nothing;
        };
        let Some(p) = day.passages.get(i) else {
            return Outcome::Nothing;
        };
        let prefill = day::prefill(p, cx.r, &cx.cfg.import.candidats, &self.seances, cx.tz());
        Outcome::Go(Go::Absent(prefill, justified))
    }
}

/// The question after `a`, with what each answer means under the absence rule.
pub(super) fn absence_line(
    i: usize,
    day: Option<&Day>,
    names: &[String],
    r: &Referentiel,
) -> String {
    let who = names.get(i).cloned().unwrap_or_default();
    let at = day
        .and_then(|d| d.passages.get(i))
        .map(|p| p.debut.format("%H:%M").to_string())
        .unwrap_or_default();
    let rule = &r.notation.absences;
    let means = |x: &IssueNonEvalue| match x.note {
        Some(n) => format!("{}, note {}", x.statut, n.fr()),
        None => x.statut.clone(),
    };
    format!(
        "Absence de {who} ({at}) — 1 : {} · 2 : {} · Échap : annuler",
        means(&rule.absent_justifie),
        means(&rule.absent_non_justifie)
    )
}
