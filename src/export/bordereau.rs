//! The bordereau de notation (`sno-jury bordereau`): the list of the notes one commission
//! decided for one épreuve and form on one day, which the commission signs and the centre
//! d'examen receives with the notes file. Self-contained HTML for A4, in the grid's look.
//!
//! One row per candidate in [`selection::ordre`]: numéro, nom, prénom, situation(s), the note
//! /20 or the statut as the notes file words it ([`crate::session::Resultat`]), and the
//! fingerprint of every log behind the row — what `verifier` prints, so anyone can see later
//! whether a log changed after the signature. What does not stand yet (not validated, in
//! conflict, a log not trusted) is listed apart, « À régulariser », with the reason and never a
//! note. Then the counts, « Fait à …, le … » and one signature row per member.

use maud::{Markup, html};

use super::layout::{self, Block, Font, Item, Rows, TABLE_MARGIN, WIDTH};
use super::print::{self, BODY, CELL_H, CELL_V, Running, capitalise, t};
use super::selection::Groupe;
use crate::referentiel::Referentiel;
use crate::review::{Entry, Report};
use crate::session::{NotAssessed, Resultat};

/// The HTML document: every bordereau starts on a new sheet.
pub fn html(r: &Referentiel, report: &Report, groupes: &[Groupe]) -> String {
    let title = match groupes {
        [g] => format!(
            "Bordereau de notation — {} — {}",
            g.epreuve,
            g.date.as_deref().unwrap_or("")
        ),
        _ => format!("Bordereaux de notation ({})", groupes.len()),
    };
    print::document(
        &title,
        html! {
            @for g in groupes { (bordereau(r, report, g)) }
            (non_examines(report))
        },
    )
}

/// Rows of the « non examiné » sheet: a table of a few columns, well within a sheet.
const NON_EXAMINES_PAR_FEUILLE: usize = 35;

/// The candidates the plan of the day expected and no séance examined, on sheets of their own
/// after the bordereaux, so the centre sees who is missing before signing.
fn non_examines(report: &Report) -> Markup {
    if report.non_examines.is_empty() {
        return html! {};
    }
    let head = Running {
        left: "ATTENDUS AU PLANNING, NON EXAMINÉS".into(),
        right: format!("{} personne(s) candidate(s)", report.non_examines.len()),
    };
    let foot = "Aucune séance ne les a examinés : absence à constater, ou journal manquant.";
    let pages: Vec<Vec<Markup>> = report
        .non_examines
        .chunks(NON_EXAMINES_PAR_FEUILLE)
        .map(|rows| {
            vec![html! {
                table {
                    thead { tr { th { "N° d’inscription" } th { "Épreuve" } th { "Forme" }
                        th { "Situation" } th { "Prévu le" } th { "Statut" } } }
                    tbody {
                        @for n in rows {
                            tr {
                                td { (t(&n.numero)) }
                                td { (t(&n.epreuve)) }
                                td { (n.forme.label()) }
                                td { (t(&n.situation)) }
                                td { (n.debut.format("%d/%m/%Y à %H:%M").to_string()) }
                                td { "non examiné" }
                            }
                        }
                    }
                }
            }]
        })
        .collect();
    print::sheets(&head, foot, pages)
}

/// The note column: the note /20, or the statut (with the note the rule gives, if any).
pub fn note_cell(res: Option<&Resultat>) -> String {
    match res {
        Some(Resultat::Note { sur20, .. }) => sur20.fr(),
        Some(Resultat::NonEvalue {
            sur20: Some(n),
            statut,
            ..
        }) => format!("{} — {statut}", n.fr()),
        Some(Resultat::NonEvalue { statut, .. } | Resultat::NonObtenue { statut }) => {
            statut.clone()
        }
        Some(Resultat::Incomplet) | None => "—".into(),
    }
}

/// The fingerprints of the logs behind an entry, one per line. With several logs each is
/// prefixed with its situation (`A 8d04fdb5ecee44cf`), or with its file's name when two logs
/// grade the same situation (a conflict).
fn prints(report: &Report, e: &Entry) -> Vec<String> {
    let list = print::empreintes(report, &e.seances);
    let situations: Vec<Option<&str>> = list
        .iter()
        .map(|(s, _)| s.info().map(|i| i.situation.as_str()))
        .collect();
    let distinct = situations
        .iter()
        .enumerate()
        .all(|(i, s)| s.is_some() && !situations[..i].contains(s));
    let several = list.len() > 1;
    list.into_iter()
        .zip(situations)
        .map(|((s, p), situation)| match (several, distinct, situation) {
            (false, _, _) => p,
            (true, true, Some(situation)) => format!("{situation} {p}"),
            _ => format!("{} {p}", print::log_name(s)),
        })
        .collect()
}

/// Counts of the bordereau: candidates, absents, notes, dispensés, to regularise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Comptes {
    pub candidats: usize,
    pub absents: usize,
    pub notes: usize,
    pub dispenses: usize,
    pub a_regulariser: usize,
}

pub fn comptes(r: &Referentiel, g: &Groupe) -> Comptes {
    let res: Vec<Resultat> = g.lignes.iter().filter_map(|e| e.resultat(r)).collect();
    Comptes {
        candidats: g.lignes.len() + g.a_regulariser.len(),
        absents: res.iter().filter(|x| x.is_absent()).count(),
        notes: res.iter().filter(|x| x.sur20().is_some()).count(),
        dispenses: res
            .iter()
            .filter(|x| {
                matches!(
                    x,
                    Resultat::NonEvalue {
                        cause: NotAssessed::Exempted,
                        ..
                    }
                )
            })
            .count(),
        a_regulariser: g.a_regulariser.len(),
    }
}

fn bordereau(r: &Referentiel, report: &Report, g: &Groupe) -> Markup {
    let Some(ep) = r.epreuve(&g.epreuve) else {
        return html! {};
    };
    let date = g.date.clone().unwrap_or_else(|| "date inconnue".into());
    let names: Vec<&str> = g.commission.iter().map(|m| m.nom.as_str()).collect();
    let head = Running {
        left: format!(
            "BORDEREAU DE NOTATION — Épreuve {} — {} — {date}",
            ep.id,
            g.forme.label()
        ),
        right: format!("Commission : {}", names.join(", ")),
    };
    let foot = format!(
        "« {} » doit afficher ces mêmes empreintes ; une empreinte différente signale un \
         journal modifié ou raccourci depuis la signature.",
        print::VERIFIER
    );
    let mut items = vec![Item::Block(header(r, g, &date))];
    items.push(Item::Rows(table(
        r,
        report,
        g.lignes.iter().map(|e| (*e, None)).collect(),
        false,
    )));
    items.push(Item::Block(counts(&comptes(r, g))));
    if !g.a_regulariser.is_empty() {
        items.push(Item::Rows(table(
            r,
            report,
            g.a_regulariser
                .iter()
                .map(|(e, why)| (*e, Some(why.as_str())))
                .collect(),
            true,
        )));
    }
    let minimum = ep
        .forme(g.forme)
        .map_or(2, |f| f.commission.membres_minimum as usize);
    items.push(Item::Block(print::signatures(r, &g.commission, minimum)));
    let pages = layout::paginate(items, print::capacity(&head, &foot));
    print::sheets(&head, &foot, pages)
}

fn header(r: &Referentiel, g: &Groupe, date: &str) -> Block {
    let diplome = r.diplome.intitule.to_uppercase();
    let (epreuve, unite, coef) = r.epreuve(&g.epreuve).map_or_else(
        || (g.epreuve.clone(), String::new(), 0),
        |ep| {
            (
                format!("ÉPREUVE {} : {}", ep.id, ep.intitule.to_uppercase()),
                ep.unite.clone(),
                ep.coefficient,
            )
        },
    );
    let sous = format!("{epreuve} — UNITÉ {unite} — COEFFICIENT {coef}");
    let forme = format!(
        "{} — séance(s) du {date}",
        print::capitalise(g.forme.long_label())
    );
    let membres: Vec<String> = g
        .commission
        .iter()
        .map(|m| format!("{} ({})", m.nom, print::qualite(r, m)))
        .collect();
    let commission = format!("Commission d’évaluation : {}", membres.join(", "));
    // The notes listed are the commission's proposals to the jury final (annexe IV).
    let secret = r.notation.proposition_non_communicable.as_str();
    let bold = Font::bold(9.5);
    let height = bold.height(&diplome, WIDTH)
        + Font::bold(12.0).height("BORDEREAU DE NOTATION", WIDTH)
        + 2.0
        + bold.height(&sous, WIDTH)
        + BODY.height(&forme, WIDTH)
        + 2.0
        + BODY.height(&commission, WIDTH)
        + BODY.height(secret, WIDTH)
        + TABLE_MARGIN;
    Block {
        height,
        html: html! {
            header {
                p.diplome { (t(&diplome)) }
                h1 { "BORDEREAU DE NOTATION" }
                p.sous-titre { (t(&sous)) }
                p { (t(&forme)) }
            }
            p.compte { (t(&commission)) }
            p { em { (t(secret)) } }
        },
    }
}

fn counts(c: &Comptes) -> Block {
    let text = format!(
        "Personnes candidates : {} — notes attribuées : {} — absentes : {} — dispensées : {} — \
         à régulariser : {}",
        c.candidats, c.notes, c.absents, c.dispenses, c.a_regulariser
    );
    Block {
        height: Font::bold(9.5).height(&text, WIDTH) + TABLE_MARGIN,
        html: html! { p.compte { strong { (text) } } },
    }
}

/// The table of rows (`why` is `None`) or of those to regularise (`why` is the reason).
fn table(
    r: &Referentiel,
    report: &Report,
    rows: Vec<(&Entry, Option<&str>)>,
    regulariser: bool,
) -> Rows {
    let pct: [f32; 6] = [14.0, 17.0, 14.0, 12.0, 21.0, 22.0];
    let w = pct.map(|p| WIDTH * p / 100.0 - CELL_H);
    let fifth = if regulariser { "Motif" } else { "Note /20" };
    let heads = [
        "N° d’inscription",
        "Nom",
        "Prénom",
        "Situations",
        fifth,
        "Empreinte(s) des journaux",
    ];
    let head_height = heads
        .iter()
        .zip(w)
        .map(|(h, w)| Font::bold(9.5).height(h, w))
        .fold(0.0, f32::max)
        + CELL_V;
    let mono = Font::regular(9.0);
    let body = rows
        .iter()
        .map(|(e, why)| {
            let c = &e.candidat;
            let fifth = match why {
                Some(why) => capitalise(why),
                None => note_cell(e.resultat(r).as_ref()),
            };
            let cells = [
                c.numero.clone(),
                c.nom.to_uppercase(),
                c.prenom.clone(),
                e.situations(report).join(", "),
                fifth,
            ];
            let prints = prints(report, e);
            let h = cells
                .iter()
                .zip(w)
                .map(|(c, w)| BODY.height(&t(c), w))
                .chain([prints.iter().map(|p| mono.height(p, w[5])).sum()])
                .fold(0.0, f32::max)
                + CELL_V;
            let html = html! {
                tr {
                    @for (i, c) in cells.iter().enumerate() {
                        @if i == 4 && why.is_none() { td.note { (t(c)) } } @else { td { (t(c)) } }
                    }
                    td.empreinte { @for (i, p) in prints.iter().enumerate() { @if i > 0 { br; } (t(p)) } }
                }
            };
            (h, html)
        })
        .collect::<Vec<_>>();
    let mut body = body;
    if body.is_empty() {
        body.push((
            BODY.line() + CELL_V,
            html! { tr { td colspan="6" { "Aucune note à reporter." } } },
        ));
    }
    let title = if regulariser {
        "À régulariser (aucune note ne peut être reportée) :"
    } else {
        "Notes proposées :"
    };
    Rows {
        title: Some((title.into(), Font::bold(10.0).line() + 1.5)),
        class: "bordereau",
        cols: html! { colgroup { @for p in pct { col style=(format!("width: {p}%")); } } },
        head: html! { tr { @for h in heads { th { (h) } } } },
        head_height,
        rows: body,
    }
}
