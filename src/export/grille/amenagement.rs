//! The « temps majoré » on the printed grid: for a candidate with an aménagement d’épreuve, each
//! phase it covers with its normal and adjusted durations — « durée : 20 min (temps majoré d’un
//! tiers : 26 min 40 s) » — taken from `timing` (the one computation), never recomputed here.

use maud::html;

use super::super::layout::{Block, Font, TABLE_MARGIN, WIDTH};
use super::super::print::{BODY, t};
use crate::review::{Entry, Report, fmt};
use crate::timing::{duree_effective, duree_normale, temps_de_parole};

/// The block, or `None` when no séance of the entry records a « temps majoré » for the candidate.
pub(super) fn temps_majore(report: &Report, e: &Entry) -> Option<Block> {
    let numero = &e.candidat.numero;
    let mut lines = Vec::new();
    for s in e.seances.iter().filter_map(|&i| report.seances.get(i)) {
        let Some(state) = &s.state else { continue };
        let Some(a) = state.amenagements.get(numero) else {
            continue;
        };
        let words = format!("temps majoré {}", a.majoration.en_mots());
        let group = state.info.candidats.len() > 1;
        for p in state.info.phases.iter().filter(|p| a.pour(&p.id).is_some()) {
            let label = format!(
                "Situation {}, {}",
                state.info.situation,
                fmt::phase_label(p)
            );
            let line = match temps_de_parole(state, p, numero).filter(|_| group) {
                Some((normal, adjusted)) => format!(
                    "{label} — temps de parole : {} ({words} : {})",
                    fmt::duree(normal),
                    fmt::duree(adjusted)
                ),
                None => format!(
                    "{label} — durée : {} ({words} : {})",
                    fmt::duree(duree_normale(p)),
                    fmt::duree(duree_effective(state, p))
                ),
            };
            lines.push(line);
        }
        if !a.decision.trim().is_empty() {
            lines.push(format!("Décision : {}", a.decision.trim()));
        }
    }
    if lines.is_empty() {
        return None;
    }
    let title = "Aménagement d’épreuve : temps majoré";
    let inner = WIDTH - 2.4 - 0.6;
    let height = Font::bold(10.0).height(title, inner)
        + lines.iter().map(|l| BODY.height(&t(l), inner)).sum::<f32>()
        + 2.4
        + 0.6
        + TABLE_MARGIN;
    Some(Block {
        height,
        html: html! {
            div.boite-texte {
                p.titre-bloc { (title) }
                @for l in &lines { p { (t(l)) } }
            }
        },
    })
}
