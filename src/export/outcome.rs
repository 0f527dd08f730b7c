//! What an export did besides writing rows: every candidate × épreuve left out and why
//! ([`LeftOut`], [`Reason`]), the logs that could not be read or lost a torn last line, the
//! exit status that follows ([`Outcome::exit_status`]) and the French list for stderr. The
//! workbook's « Non exportés » sheet and the bordereau's « À régulariser » word reasons from here.

use crate::clean;
use crate::referentiel::FormeKind;
use crate::review::Entry;

/// Exit status of `sno-jury export` when some candidate × épreuve could not be exported
/// (grid not validated, broken log, or a log naming no candidate). The file is still written.
pub const EXIT_INCOMPLETE: u8 = 3;
/// Exit status when two séances grade the same candidate for the same situation: those
/// candidates × épreuves are left out until the centre decides (takes precedence over 3).
pub const EXIT_CONFLIT: u8 = 4;
/// Exit status when everything was exported but a log's torn last line was ignored, as
/// `verifier` says for the same log.
pub const EXIT_LIGNE_INCOMPLETE: u8 = 2;

/// Why a candidate × épreuve is not exported as validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// Not validated, broken log, …: the words say which.
    NotValid(&'static str),
    /// Séances conflict: each conflicting log's file and commission.
    Conflit(Vec<String>),
    /// A training séance: never exported, listed so nobody looks for it.
    Training,
}

impl Reason {
    pub fn text(&self) -> String {
        match self {
            Reason::NotValid(why) => why.to_string(),
            Reason::Conflit(files) => format!(
                "conflit : {} séances évaluent la même situation ({}) ; le centre décide \
                 laquelle compte",
                files.len(),
                files.join(" ; ")
            ),
            Reason::Training => "séance d’entraînement, jamais exportée".into(),
        }
    }
}

/// A candidate × épreuve that is not exported as a validated row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    pub numero: String,
    pub nom: String,
    pub prenom: String,
    pub epreuve: String,
    pub forme: FormeKind,
    pub reason: Reason,
}

impl LeftOut {
    pub(super) fn new(e: &Entry, reason: Reason) -> Self {
        let c = &e.candidat;
        LeftOut {
            numero: clean::strip(&c.numero).into_owned(),
            nom: clean::strip(&c.nom).into_owned(),
            prenom: clean::strip(&c.prenom).into_owned(),
            epreuve: clean::strip(&e.epreuve).into_owned(),
            forme: e.forme,
            reason,
        }
    }

    /// `E2 Dupuis Marc (n° 204) : grille non validée`.
    pub fn line(&self) -> String {
        format!(
            "{} {} {} (n° {}) : {}",
            self.epreuve,
            self.nom,
            self.prenom,
            self.numero,
            self.reason.text()
        )
    }
}

/// What the export did, for the caller to report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Data rows written (header excluded).
    pub rows: usize,
    /// Candidate × épreuve not exported, each with why: training entries always, the others
    /// unless `inclure_non_valides`.
    pub left_out: Vec<LeftOut>,
    /// Exported although not validated (only with `inclure_non_valides`).
    pub marked: Vec<LeftOut>,
    /// Logs naming no candidate: nothing could be exported from them.
    pub unreadable: Vec<String>,
    /// Logs whose torn last line was ignored (an action lost in a crash, or a cut copy).
    pub torn: Vec<String>,
    /// Candidates × situations the plan of the day expected, with no séance.
    pub non_examines: Vec<String>,
}

impl Outcome {
    /// Everything that should have been exported was (training never should).
    pub fn complete(&self) -> bool {
        self.not_valid().next().is_none()
            && self.unreadable.is_empty()
            && self.non_examines.is_empty()
    }

    /// The left-out entries that are not training.
    pub fn not_valid(&self) -> impl Iterator<Item = &LeftOut> {
        self.left_out
            .iter()
            .filter(|l| l.reason != Reason::Training)
    }

    /// How many training entries were skipped.
    pub fn training(&self) -> usize {
        self.left_out.len() - self.not_valid().count()
    }

    /// Whether séances conflict somewhere (left out, or exported marked).
    pub fn conflicts(&self) -> bool {
        self.left_out
            .iter()
            .chain(&self.marked)
            .any(|l| matches!(l.reason, Reason::Conflit(_)))
    }

    /// The exit status of the export: 0, or the most serious of conflict (4), incomplete (3)
    /// and ignored torn line (2).
    pub fn exit_status(&self) -> u8 {
        exit_status(self.conflicts(), !self.complete(), !self.torn.is_empty())
    }
}

/// The exit status of a command that writes the notes (`exporter`, `bordereau`): the most
/// serious of séances in conflict (4), something not exported or not signable as is (3) and a
/// torn last line ignored (2); else 0. One rule, so both commands say the same of one folder.
pub fn exit_status(conflict: bool, incomplete: bool, torn: bool) -> u8 {
    if conflict {
        EXIT_CONFLIT
    } else if incomplete {
        EXIT_INCOMPLETE
    } else if torn {
        EXIT_LIGNE_INCOMPLETE
    } else {
        0
    }
}

/// What to print on stderr after an export, in French (empty when there is nothing to say).
pub fn stderr_report(o: &Outcome) -> String {
    let mut s = String::new();
    for l in &o.torn {
        s.push_str(&format!("{l}\n"));
    }
    let not_valid: Vec<String> = o.not_valid().map(LeftOut::line).collect();
    let marked: Vec<String> = o.marked.iter().map(LeftOut::line).collect();
    let lists = [
        (
            &not_valid,
            "candidat × épreuve non exporté(s) (relancer avec --inclure-non-valides pour les \
             exporter marqués comme tels)",
        ),
        (&marked, "candidat × épreuve exporté(s) comme NON VALIDÉ(S)"),
        (
            &o.non_examines,
            "personne(s) candidate(s) attendue(s) au planning sans séance",
        ),
        (
            &o.unreadable,
            "journal(journaux) illisible(s), sans personne candidate identifiable",
        ),
    ];
    for (items, what) in lists.into_iter().filter(|(items, _)| !items.is_empty()) {
        s.push_str(&format!("{} {what} :\n", items.len()));
        for l in items {
            s.push_str(&format!("  {l}\n"));
        }
    }
    if o.training() > 0 {
        s.push_str(&format!(
            "{} candidat × épreuve en mode entraînement ignoré(s) (jamais exportés).\n",
            o.training()
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_serious_status_wins() {
        assert_eq!(exit_status(false, false, false), 0);
        assert_eq!(exit_status(false, false, true), EXIT_LIGNE_INCOMPLETE);
        assert_eq!(exit_status(false, true, true), EXIT_INCOMPLETE);
        assert_eq!(exit_status(true, true, true), EXIT_CONFLIT);
        assert_eq!(exit_status(true, false, false), EXIT_CONFLIT);
    }
}
