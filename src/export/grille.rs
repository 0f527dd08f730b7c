//! The printable filled grid (`sno-jury grille`): a self-contained HTML page per candidate ×
//! épreuve, laid out like the official *grille d'aide à l'évaluation* (header, per competence its
//! detailed competences, criteria and the position in TI / I / S / TS columns, the level legend,
//! the appréciation générale, the notes /60 and /20, the commission with an empty signature
//! column), with print CSS for A4.
//!
//! The official model's slips are not copied: C1.3 takes its title from the référentiel
//! ("Collaborer en mode projet") and the levels are TI / I / S / TS everywhere. Every string that
//! comes from a log is HTML-escaped.

use std::fmt::Write;

use crate::grading::Niveau;
use crate::referentiel::Referentiel;
use crate::review::detail::full_name;
use crate::review::{Entry, Report};
use crate::session::NotAssessed;

const CSS: &str = "\
@page { size: A4 portrait; margin: 12mm 12mm 14mm 12mm; }
* { box-sizing: border-box; }
body { font-family: 'Liberation Sans', Arial, Helvetica, sans-serif; font-size: 9.5pt;
  color: #000; background: #fff; margin: 0; }
@media screen { body { max-width: 210mm; margin: 1em auto; padding: 0 8mm; } }
.page { break-after: page; page-break-after: always; }
.page:last-child { break-after: auto; page-break-after: auto; }
header { text-align: center; margin-bottom: 3mm; }
.diplome { font-weight: bold; margin: 0; }
h1 { font-size: 12pt; margin: 1mm 0; }
.sous-titre { font-weight: bold; margin: 0; }
.usage { border: 1px solid #000; padding: 1.5mm; margin: 2mm 0; font-weight: bold; }
.usage span { display: block; font-weight: normal; font-style: italic; }
.bandeau { border: 2px solid #000; padding: 1.5mm; margin: 2mm 0; font-weight: bold;
  text-align: center; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0; }
th, td { border: 1px solid #000; padding: 1mm 1.5mm; vertical-align: top; text-align: left; }
th { background: #eee; }
.identite th { width: 45mm; }
.competence { break-inside: avoid; page-break-inside: avoid; table-layout: fixed; }
.competence col.detail { width: 38%; }
.competence col.critere { width: 42%; }
.competence .titre th { background: #d9d9d9; }
.competence .note { text-align: right; white-space: nowrap; width: 28mm; }
.pos { width: 5%; text-align: center; }
td.pos { font-weight: bold; }
ul { margin: 0; padding-left: 4mm; }
.niveaux { font-size: 8pt; break-inside: avoid; }
.niveaux th, .niveaux td { width: 25%; }
.appreciation { border: 1px solid #000; min-height: 30mm; padding: 1.5mm; margin: 2mm 0;
  break-inside: avoid; }
.appreciation h2, .commission-titre { font-size: 10pt; margin: 0 0 1mm 0; }
.appreciation p { margin: 0; white-space: pre-wrap; }
.notes th { width: 70%; }
.notes td { text-align: right; font-weight: bold; }
.commission { break-inside: avoid; }
.commission td { height: 12mm; }
.commission .signature { width: 45mm; }
";

/// Escapes text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

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

/// The HTML document: one A4 page per entry.
pub fn html(r: &Referentiel, report: &Report, entries: &[&Entry]) -> String {
    let mut out = String::new();
    let title = entries.first().map_or(String::new(), |e| {
        format!(" — {} — {}", e.epreuve, full_name(&e.candidat))
    });
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>Grille d’aide à l’évaluation{}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n",
        escape(&title)
    );
    for e in entries {
        page(&mut out, r, report, e);
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn page(out: &mut String, r: &Referentiel, report: &Report, e: &Entry) {
    let Some(ep) = r.epreuve(&e.epreuve) else {
        return;
    };
    let c = &e.candidat;
    let forme = format!(
        "{} (situation(s) {})",
        match e.forme {
            crate::referentiel::FormeKind::Ccf => "contrôle en cours de formation (CCF)",
            crate::referentiel::FormeKind::Ponctuel => "forme ponctuelle",
        },
        e.situations(report).join(", ")
    );
    let dates: Vec<String> = e.dates(report).iter().map(|d| report.tz.date(*d)).collect();
    let _ = write!(
        out,
        "<section class=\"page\">\n<header>\n\
         <p class=\"diplome\">{}</p>\n\
         <h1>ÉPREUVE {} : {}</h1>\n\
         <p class=\"sous-titre\">GRILLE D’AIDE À L’ÉVALUATION — COEFFICIENT {} — {}</p>\n\
         </header>\n\
         <p class=\"usage\">À l’usage de la commission d’évaluation (non communicable à la \
         personne candidate)<span>Seules l’appréciation générale et la note sur 20 sont \
         communicables à la personne candidate</span></p>\n",
        escape(&r.diplome.intitule.to_uppercase()),
        escape(&ep.id),
        escape(&ep.intitule.to_uppercase()),
        ep.coefficient,
        escape(&forme),
    );
    let _ = write!(
        out,
        "<table class=\"identite\">\n\
         <tr><th>NOM, prénom de la personne candidate</th><td>{}</td></tr>\n\
         <tr><th>Établissement</th><td>{}</td></tr>\n\
         <tr><th>Numéro d’inscription</th><td>{}</td></tr>\n\
         <tr><th>Date de l’évaluation</th><td>{}</td></tr>\n</table>\n",
        escape(&full_name(c)),
        escape(&c.etablissement),
        escape(&c.numero),
        escape(&dates.join(", ")),
    );
    banners(out, report, e);
    for comp in r.competences_of(ep) {
        competence(out, &e.grid, comp);
    }
    legend(out, r);
    let appr = escape(e.grid.appreciation.trim());
    let _ = writeln!(
        out,
        "<div class=\"appreciation\"><h2>Appréciation générale :</h2><p>{appr}</p></div>"
    );
    let (total, sur20) = match (e.grid.not_assessed, e.grid.totals(ep)) {
        (Some(NotAssessed::Absent { justified: true }), _) => ("0".to_string(), "0".to_string()),
        (Some(NotAssessed::Absent { justified: false }), _) => {
            ("absent".to_string(), "absent".to_string())
        }
        // A dispense is not a zero: no note at all.
        (Some(NotAssessed::Exempted), _) => ("dispensé".to_string(), "dispensé".to_string()),
        (None, Some((t, n))) => (t.fr(), n.fr()),
        (None, None) => (String::new(), String::new()),
    };
    let _ = write!(
        out,
        "<table class=\"notes\">\n\
         <tr><th>Note globale sur {} proposée</th><td>{} /{}</td></tr>\n\
         <tr><th>Note sur {} (arrondie au ½ point supérieur)</th><td>{} /{}</td></tr>\n\
         </table>\n",
        r.notation.total_max,
        escape(&total),
        r.notation.total_max,
        r.notation.note_finale_max,
        escape(&sur20),
        r.notation.note_finale_max,
    );
    commission(out, r, report, e);
    out.push_str("</section>\n");
}

fn banners(out: &mut String, report: &Report, e: &Entry) {
    let mut b = Vec::new();
    if e.training {
        b.push("SÉANCE D’ENTRAÎNEMENT — sans valeur d’examen".to_string());
    }
    if !e.intact(report) {
        b.push("Journal de séance à l’intégrité rompue : grille non garantie".to_string());
    }
    match e.grid.not_assessed {
        Some(NotAssessed::Absent { justified: true }) => {
            b.push("Personne candidate absente — absence justifiée (note 0)".to_string())
        }
        Some(NotAssessed::Absent { justified: false }) => {
            b.push("Personne candidate absente — absence non justifiée".to_string())
        }
        Some(NotAssessed::Exempted) => b.push(
            "Personne candidate dispensée de l’épreuve — pas de note (une dispense n’est pas un \
             zéro)"
                .to_string(),
        ),
        None => {}
    }
    match e.grid.validated_at {
        Some(ts) => {
            if !e.grid.amendments.is_empty() {
                b.push(format!(
                    "Grille validée le {}, amendée {} fois depuis",
                    report.tz.datetime(ts),
                    e.grid.amendments.len()
                ));
            }
        }
        None => b.push("GRILLE NON VALIDÉE PAR LA COMMISSION".to_string()),
    }
    for text in b {
        let _ = writeln!(out, "<p class=\"bandeau\">{}</p>", escape(&text));
    }
}

fn competence(
    out: &mut String,
    grid: &crate::session::GridState,
    comp: &crate::referentiel::Competence,
) {
    let note = grid.notes.get(&comp.id).map_or(String::new(), |n| n.fr());
    let _ = write!(
        out,
        "<table class=\"competence\">\n<colgroup><col class=\"detail\"><col class=\"critere\">\
         <col class=\"pos\"><col class=\"pos\"><col class=\"pos\"><col class=\"pos\"></colgroup>\n\
         <thead>\n\
         <tr class=\"titre\"><th colspan=\"2\">Compétence {} – {}</th>\
         <th colspan=\"4\" class=\"note\">{} /20</th></tr>\n\
         <tr><th>Compétences détaillées</th><th>Critères d’évaluation</th>",
        escape(&comp.id),
        escape(&comp.intitule),
        escape(&note),
    );
    for n in Niveau::ALL {
        let _ = write!(out, "<th class=\"pos\">{}</th>", n.code());
    }
    out.push_str("</tr>\n</thead>\n<tbody>\n");
    let details: String = comp
        .competences_detaillees
        .iter()
        .map(|d| format!("<li>{}</li>", escape(d)))
        .collect();
    for (i, k) in comp.criteres.iter().enumerate() {
        out.push_str("<tr>");
        if i == 0 {
            let _ = write!(
                out,
                "<td rowspan=\"{}\"><ul>{details}</ul></td>",
                comp.criteres.len()
            );
        }
        let _ = write!(out, "<td>{}</td>", escape(&k.libelle));
        let pos = grid.positions.get(&k.id);
        for n in Niveau::ALL {
            let mark = if pos == Some(&n) { "X" } else { "" };
            let _ = write!(out, "<td class=\"pos\">{mark}</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

fn legend(out: &mut String, r: &Referentiel) {
    out.push_str("<table class=\"niveaux\">\n<tr>");
    for n in &r.niveaux.niveaux {
        let _ = write!(out, "<th>{} : {}</th>", escape(&n.code), escape(&n.libelle));
    }
    out.push_str("</tr>\n<tr>");
    for n in &r.niveaux.niveaux {
        let _ = write!(out, "<td>{}</td>", escape(&n.description));
    }
    out.push_str("</tr>\n</table>\n");
}

fn commission(out: &mut String, r: &Referentiel, report: &Report, e: &Entry) {
    let members = e.commission(report);
    let minimum = r
        .epreuve(&e.epreuve)
        .and_then(|x| x.forme(e.forme))
        .map_or(2, |f| f.commission.membres_minimum as usize);
    out.push_str(
        "<div class=\"commission\"><p class=\"commission-titre\">Commission d’évaluation :</p>\n\
         <table>\n<tr><th>Nom et prénoms des membres de la commission</th><th>Qualité</th>\
         <th class=\"signature\">Signature</th></tr>\n",
    );
    for m in &members {
        let q = r
            .qualite(&m.qualite)
            .map_or(m.qualite.as_str(), |q| q.libelle.as_str());
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td class=\"signature\"></td></tr>",
            escape(&m.nom),
            escape(q)
        );
    }
    // Blank lines up to the required size, so a missing member can still sign on paper.
    for _ in members.len()..minimum {
        out.push_str("<tr><td></td><td></td><td class=\"signature\"></td></tr>\n");
    }
    out.push_str("</table>\n</div>\n");
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;"
        );
        assert_eq!(escape("Léa Ñ"), "Léa Ñ");
    }
}
