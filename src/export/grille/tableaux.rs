//! The tables of the grid that come from the référentiel and the grid's state: one per
//! competence (detailed competences, criteria, the X in TI / I / S / TS or « non observé » across
//! them), the levels' legend,
//! the notes /60 and /20 (or the statut the domain gives), and the amendments after
//! validation. Each with the height it takes on paper ([`super::super::layout`]).

use maud::html;

use super::super::layout::{self, Block, Font, TABLE_MARGIN, WIDTH};
use super::super::print::{BODY, CELL_H, CELL_V, capitalise, t};
use crate::grading::Niveau;
use crate::referentiel::{Competence, Epreuve, Referentiel};
use crate::review::detail::describe_change;
use crate::review::{Entry, Report};
use crate::session::Resultat;

pub(super) fn competence(e: &Entry, comp: &Competence) -> Block {
    let grid = &e.grid;
    let note = grid
        .notes
        .get(&comp.id)
        .map_or(String::new(), |n| format!("{} /20", n.fr()));
    let titre = format!("Compétence {} – {}", comp.id, comp.intitule);
    let bold = Font::bold(9.5);
    let detail_w = WIDTH * 0.38 - CELL_H - 4.0;
    let critere_w = WIDTH * 0.42 - CELL_H;
    let rows: f32 = comp
        .criteres
        .iter()
        .map(|k| BODY.height(&k.libelle, critere_w) + CELL_V)
        .sum();
    let details: f32 = comp
        .competences_detaillees
        .iter()
        .map(|d| BODY.height(d, detail_w))
        .sum::<f32>()
        + CELL_V;
    let height = bold.height(&titre, WIDTH * 0.8 - CELL_H)
        + CELL_V
        + bold.height("Compétences détaillées", detail_w)
        + CELL_V
        + rows.max(details)
        + TABLE_MARGIN;
    let n = comp.criteres.len();
    Block {
        height,
        html: html! {
            table.competence {
                colgroup {
                    col style="width: 38%"; col style="width: 42%";
                    @for _ in Niveau::ALL { col style="width: 5%"; }
                }
                thead {
                    tr.titre { th colspan="2" { (t(&titre)) } th.note colspan="4" { (note) } }
                    tr {
                        th { "Compétences détaillées" } th { "Critères d’évaluation" }
                        @for l in Niveau::ALL { th.pos { (l.code()) } }
                    }
                }
                tbody {
                    @for (i, k) in comp.criteres.iter().enumerate() {
                        tr {
                            @if i == 0 {
                                td rowspan=(n) {
                                    ul { @for d in &comp.competences_detaillees { li { (t(d)) } } }
                                }
                            }
                            td { (t(&k.libelle)) }
                            @if grid.non_observes.contains(k.id.as_str()) {
                                // An explicit positioning of its own, across the four levels.
                                td.pos.non-observe colspan="4" { "non observé" }
                            } @else {
                                @for l in Niveau::ALL {
                                    td.pos { @if grid.positions.get(k.id.as_str()) == Some(&l) { "X" } }
                                }
                            }
                        }
                    }
                }
            }
        },
    }
}

pub(super) fn legend(r: &Referentiel) -> Block {
    let small = Font::regular(8.0);
    let col = WIDTH / r.niveaux.niveaux.len().max(1) as f32 - CELL_H;
    let head = r
        .niveaux
        .niveaux
        .iter()
        .map(|n| Font::bold(8.0).height(&format!("{} : {}", n.code, n.libelle), col))
        .fold(0.0, f32::max);
    let body = r
        .niveaux
        .niveaux
        .iter()
        .map(|n| small.height(&n.description, col))
        .fold(0.0, f32::max);
    Block {
        height: head + body + 2.0 * CELL_V + TABLE_MARGIN,
        html: html! {
            table.niveaux {
                tr { @for n in &r.niveaux.niveaux { th { (t(&n.code)) " : " (t(&n.libelle)) } } }
                tr { @for n in &r.niveaux.niveaux { td { (t(&n.description)) } } }
            }
        },
    }
}

pub(super) fn notes(r: &Referentiel, ep: &Epreuve, e: &Entry) -> Block {
    let res = e.grid.resultat(r, ep);
    let (total, sur20) = match &res {
        Resultat::Note { sur60, sur20 } => (
            format!("{} /{}", sur60.fr(), r.notation.total_max),
            format!("{} /{}", sur20.fr(), r.notation.note_finale_max),
        ),
        Resultat::NonEvalue { .. } | Resultat::NonObtenue { .. } => {
            // The rule's note when it gives one, otherwise the statut: never « absent /20 ».
            let word = |n: Option<crate::grading::Points>, max: u32| {
                n.map_or(capitalise(res.statut()), |n| format!("{} /{max}", n.fr()))
            };
            (
                word(res.sur60(), r.notation.total_max),
                word(res.sur20(), r.notation.note_finale_max),
            )
        }
        Resultat::Incomplet => (String::new(), String::new()),
    };
    let rows = [
        (
            format!("Note globale sur {} proposée", r.notation.total_max),
            total,
        ),
        (
            format!(
                "Note sur {} (arrondie au ½ point supérieur)",
                r.notation.note_finale_max
            ),
            sur20,
        ),
    ];
    let height = rows
        .iter()
        .map(|(k, v)| {
            Font::bold(9.5)
                .height(k, WIDTH * 0.6 - CELL_H)
                .max(Font::bold(9.5).height(v, WIDTH * 0.4 - CELL_H))
                + CELL_V
        })
        .sum::<f32>()
        + TABLE_MARGIN;
    Block {
        height,
        html: html! {
            table.notes {
                colgroup { col style="width: 60%"; col style="width: 40%"; }
                @for (k, v) in &rows { tr { th { (k) } td { (v) } } }
            }
        },
    }
}

pub(super) fn amendments(report: &Report, e: &Entry) -> Option<layout::Rows> {
    let list = &e.grid.amendments;
    if list.is_empty() {
        return None;
    }
    let widths = [0.18, 0.37, 0.45].map(|w| WIDTH * w - CELL_H);
    let rows = list
        .iter()
        .map(|a| {
            let cells = [
                report.tz.datetime(a.ts),
                describe_change(&a.change),
                a.reason.clone(),
            ];
            let h = cells
                .iter()
                .zip(widths)
                .map(|(c, w)| BODY.height(&t(c), w))
                .fold(0.0, f32::max)
                + CELL_V;
            (h, html! { tr { @for c in &cells { td { (t(c)) } } } })
        })
        .collect();
    Some(layout::Rows {
        title: Some((
            "Amendements après validation :".into(),
            Font::bold(10.0).line() + 1.5,
        )),
        class: "amendements",
        cols: html! { colgroup { col style="width: 18%"; col style="width: 37%"; col style="width: 45%"; } },
        head: html! { tr { th { "Date" } th { "Modification" } th { "Motif" } } },
        head_height: Font::bold(9.5).line() + CELL_V,
        rows,
    })
}
