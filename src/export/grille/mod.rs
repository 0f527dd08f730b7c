//! The printable filled grid (`sno-jury grille`): per candidate × épreuve, the official *grille
//! d'aide à l'évaluation* (header, identity, per competence its detailed competences, criteria
//! and the position in TI / I / S / TS columns, the level legend, the appréciation générale, the
//! notes /60 and /20, the amendments with their dates and reasons, « Fait à …, le … » and the
//! commission with a signature column), as self-contained HTML for A4.
//!
//! Each grid stands alone on every sheet: a running header names the candidate, numéro,
//! épreuve, forme and date, the footer gives the fingerprints of the logs behind it and
//! « page N / M » within the grid ([`super::layout`] decides the sheets). A « temps majoré » is
//! printed with the durations it gave (`amenagement`). The outcome is worded
//! only from [`crate::session::Resultat`]. The official model's slips are not copied: C1.3
//! takes its title from the référentiel and the levels are TI / I / S / TS everywhere.

mod amenagement;
mod tableaux;

use maud::{Markup, html};

use self::tableaux::{amendments, competence, legend, notes};
use super::layout::{self, Block, Font, Item, TABLE_MARGIN, Text, WIDTH};
use super::print::{self, BODY, CELL_H, CELL_V, Running, capitalise, t};
use crate::referentiel::{Epreuve, Referentiel};
use crate::review::detail::full_name;
use crate::review::{Entry, Report, Status};
use crate::session::Resultat;

/// The entries a `grille` argument designates: every candidate of the séance with that id, or
/// every épreuve of the candidate with that numéro d'inscription (training runs only when asked
/// by séance id).
pub fn select<'a>(report: &'a Report, key: &str) -> Vec<&'a Entry> {
    if let Some(i) = report.seances.iter().position(|s| s.id == key) {
        return report
            .entries
            .iter()
            .filter(|e| e.seances.contains(&i))
            .collect();
    }
    report
        .entries
        .iter()
        .filter(|e| e.candidat.numero == key && !e.training)
        .collect()
}

/// The HTML document: every grid starts on a new sheet.
pub fn html(r: &Referentiel, report: &Report, entries: &[&Entry]) -> String {
    let title = match entries {
        [e] => format!(
            "Grille d’aide à l’évaluation — {} — {}",
            e.epreuve,
            full_name(&e.candidat)
        ),
        _ => format!("Grilles d’aide à l’évaluation ({})", entries.len()),
    };
    print::document(&title, html! { @for e in entries { (grid(r, report, e)) } })
}

/// `situation unique`, `situation A`, `situations A et B`.
pub fn situations(ids: &[String]) -> String {
    match ids {
        [] => String::new(),
        [one] => format!("situation {one}"),
        [init @ .., last] => format!("situations {} et {last}", init.join(", ")),
    }
}

/// `a`, `a et b`, `a, b et c`.
fn et(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} et {last}", init.join(", ")),
    }
}

/// The sheets of one grid.
fn grid(r: &Referentiel, report: &Report, e: &Entry) -> Markup {
    let Some(ep) = r.epreuve(&e.epreuve) else {
        return html! {};
    };
    let c = &e.candidat;
    let dates: Vec<String> = e.dates(report).iter().map(|d| report.tz.date(*d)).collect();
    let sits = situations(&e.situations(report));
    let head = Running {
        left: format!("{} — n° {}", full_name(c), c.numero),
        right: format!(
            "Épreuve {} — {}, {} — {}",
            ep.id,
            e.forme.label(),
            sits,
            et(&dates)
        ),
    };
    let prints: Vec<String> = print::empreintes(report, &e.seances)
        .into_iter()
        .map(|(s, p)| format!("{} {p}", print::log_name(s)))
        .collect();
    let foot = format!(
        "{} : {} (« {} » doit afficher {})",
        if prints.len() > 1 {
            "Journaux"
        } else {
            "Journal"
        },
        prints.join(" ; "),
        print::VERIFIER,
        if prints.len() > 1 {
            "ces empreintes"
        } else {
            "cette empreinte"
        },
    );
    let mut items = vec![Item::Block(header(r, ep, e, &sits))];
    items.push(Item::Block(identity(c, &dates)));
    for b in banners(r, report, ep, e) {
        items.push(Item::Block(b));
    }
    if let Some(b) = amenagement::temps_majore(report, e) {
        items.push(Item::Block(b));
    }
    for comp in r.competences_of(ep) {
        items.push(Item::Block(competence(e, comp)));
    }
    items.push(Item::Block(legend(r)));
    items.push(Item::Text(Text {
        title: "Appréciation générale :".into(),
        text: t(e.grid.appreciation.trim()).into_owned(),
        font: BODY,
        width: WIDTH - 2.4 - 0.6,
        chrome: Font::bold(10.0).line() + 2.4 + 0.6 + TABLE_MARGIN,
        min_text: 20.0,
    }));
    items.push(Item::Block(notes(r, ep, e)));
    if let Some(a) = amendments(report, e) {
        items.push(Item::Rows(a));
    }
    let minimum = ep
        .forme(e.forme)
        .map_or(2, |f| f.commission.membres_minimum as usize);
    items.push(Item::Block(print::signatures(
        r,
        &e.commission(report),
        minimum,
    )));
    let pages = layout::paginate(items, print::capacity(&head, &foot));
    print::sheets(&head, &foot, pages)
}

fn header(r: &Referentiel, ep: &Epreuve, e: &Entry, sits: &str) -> Block {
    let diplome = r.diplome.intitule.to_uppercase();
    let titre = format!("ÉPREUVE {} : {}", ep.id, ep.intitule.to_uppercase());
    let sous = format!(
        "GRILLE D’AIDE À L’ÉVALUATION — COEFFICIENT {} — {}, {sits}",
        ep.coefficient,
        e.forme.long_label()
    );
    let usage =
        "À l’usage de la commission d’évaluation (non communicable à la personne candidate)";
    let usage2 = "Seules l’appréciation générale et la note sur 20 sont communicables à la personne \
                  candidate";
    // Annexe IV, every form of every épreuve.
    let usage3 = r.notation.proposition_non_communicable.as_str();
    let bold = Font::bold(9.5);
    let height = bold.height(&diplome, WIDTH)
        + Font::bold(12.0).height(&titre, WIDTH)
        + 2.0
        + bold.height(&sous, WIDTH)
        + 2.0
        + bold.height(usage, WIDTH - 3.0)
        + BODY.height(usage2, WIDTH - 3.0)
        + BODY.height(usage3, WIDTH - 3.0)
        + 2.4
        + 0.6
        + TABLE_MARGIN;
    Block {
        height,
        html: html! {
            header {
                p.diplome { (t(&diplome)) }
                h1 { (t(&titre)) }
                p.sous-titre { (t(&sous)) }
            }
            p.usage { (usage) span { (usage2) } span { (t(usage3)) } }
        },
    }
}

/// Who is evaluated, when: two rows of two label / value pairs, to leave the first sheet room
/// for the competences.
fn identity(c: &crate::session::Candidat, dates: &[String]) -> Block {
    let rows = [
        [
            ("NOM, prénom de la personne candidate", full_name(c)),
            ("Numéro d’inscription", c.numero.clone()),
        ],
        [
            ("Établissement", c.etablissement.clone()),
            ("Date de l’évaluation", et(dates)),
        ],
    ];
    let widths = [0.2, 0.38, 0.17, 0.25].map(|w| WIDTH * w - CELL_H);
    let bold = Font::bold(9.5);
    let height = rows
        .iter()
        .map(|[(k1, v1), (k2, v2)]| {
            [
                bold.height(k1, widths[0]),
                BODY.height(&t(v1), widths[1]),
                bold.height(k2, widths[2]),
                BODY.height(&t(v2), widths[3]),
            ]
            .into_iter()
            .fold(0.0, f32::max)
                + CELL_V
        })
        .sum::<f32>()
        + TABLE_MARGIN;
    Block {
        height,
        html: html! {
            table.identite {
                colgroup {
                    col style="width: 20%"; col style="width: 38%";
                    col style="width: 17%"; col style="width: 25%";
                }
                @for row in &rows {
                    tr { @for (k, v) in row { th { (k) } td { (t(v)) } } }
                }
            }
        },
    }
}

/// The outcome in words: the statut, and the note when the rule gives one.
fn outcome_words(res: &Resultat) -> Option<String> {
    match res {
        Resultat::NonEvalue { sur20, statut, .. } => Some(match sur20 {
            Some(n) => format!("{} — note {} /20", capitalise(statut), n.fr()),
            None => format!("{} — pas de note", capitalise(statut)),
        }),
        Resultat::NonObtenue { statut } => Some(format!("{} — pas de note", capitalise(statut))),
        Resultat::Note { .. } | Resultat::Incomplet => None,
    }
}

fn banners(r: &Referentiel, report: &Report, ep: &Epreuve, e: &Entry) -> Vec<Block> {
    let mut b = Vec::new();
    if e.training {
        b.push("SÉANCE D’ENTRAÎNEMENT — sans valeur d’examen".to_string());
    }
    if !e.intact(report) {
        b.push("Journal de séance à l’intégrité rompue : grille non garantie".to_string());
    }
    if e.status == Status::Conflit {
        b.push(
            "CONFLIT : plusieurs séances évaluent cette personne candidate pour la même \
             situation ; le centre décide laquelle compte"
                .to_string(),
        );
    }
    if let Some(w) = outcome_words(&e.grid.resultat(r, ep)) {
        b.push(w);
    }
    match e.grid.validated_at {
        Some(ts) if !e.grid.amendments.is_empty() => b.push(format!(
            "Grille validée le {}, amendée {} fois depuis (voir les amendements)",
            report.tz.datetime(ts),
            e.grid.amendments.len()
        )),
        Some(_) => {}
        None => b.push("GRILLE NON VALIDÉE PAR LA COMMISSION".to_string()),
    }
    b.into_iter()
        .map(|text| Block {
            height: Font::bold(9.5).height(&text, WIDTH - 2.4 - 1.2) + 2.4 + 1.2 + TABLE_MARGIN,
            html: html! { p.bandeau { (text) } },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn situations_read_as_french() {
        let s = |v: &[&str]| situations(&v.iter().map(|x| x.to_string()).collect::<Vec<_>>());
        assert_eq!(s(&["unique"]), "situation unique");
        assert_eq!(s(&["A"]), "situation A");
        assert_eq!(s(&["A", "B"]), "situations A et B");
        assert_eq!(s(&["A", "B", "C"]), "situations A, B et C");
    }
}
