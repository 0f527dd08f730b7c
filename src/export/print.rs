//! What every printed document shares: the A4 print CSS, the HTML shell, the sheet with its
//! running header and its footer (« page N / M »), and the fragments both the grid and the
//! bordereau print (« Fait à …, le … », the commission's signature table, the logs'
//! fingerprints).
//!
//! Every size in the CSS is in mm or pt, the units [`super::layout`] estimates heights in;
//! change one and the other must follow. Every string from the data goes through [`t`]
//! (control characters dropped) and maud's escaping.

use std::borrow::Cow;

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::layout::{Block, Font, SHEET, WIDTH};
use crate::clean;
use crate::referentiel::Referentiel;
use crate::review::{Integrity, Report, SeanceView};
use crate::session::Membre;

/// The command whose output the printed fingerprints are compared with.
pub const VERIFIER: &str = "sno-jury verifier";

/// Body text size, in points.
pub const BODY: Font = Font::regular(9.5);
/// Running header text size.
const HEAD: Font = Font::bold(8.0);
/// Footer text size.
const FOOT: Font = Font::regular(7.5);
/// Padding (0.8 mm above and below) and border of a table cell, in mm.
pub const CELL_V: f32 = 1.6 + 0.3;
/// Padding (1.2 mm each side) and border of a table cell, in mm.
pub const CELL_H: f32 = 2.4 + 0.3;

pub const CSS: &str = "\
@page { size: A4 portrait; margin: 10mm 12mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: 'Liberation Sans', Arial, Helvetica, sans-serif; font-size: 9.5pt;
  line-height: 1.15; color: #000; background: #fff; margin: 0; overflow-wrap: anywhere; }
@media screen {
  body { width: 186mm; margin: 6mm auto; }
  .feuille { outline: 1px dashed #999; outline-offset: 3mm; margin-bottom: 12mm; }
}
p { margin: 0; }
.feuille { height: 274mm; display: flex; flex-direction: column; overflow: visible;
  break-after: page; page-break-after: always; }
.feuille:last-child { break-after: auto; page-break-after: auto; }
.courant, .pied { display: grid; column-gap: 3mm; }
.courant { grid-template-columns: 1fr 1fr; font-size: 8pt; font-weight: bold;
  border-bottom: 0.3mm solid #000; padding-bottom: 1mm; margin-bottom: 2mm; }
.courant .droite { text-align: right; }
.corps { flex: 1 1 auto; }
.pied { grid-template-columns: 1fr 24mm; font-size: 7.5pt; border-top: 0.3mm solid #000;
  padding-top: 1mm; margin-top: 2mm; }
.pied .page { text-align: right; font-weight: bold; white-space: nowrap; }
.empreinte { font-family: 'Liberation Mono', 'Courier New', monospace; font-size: 8.5pt; }
header { text-align: center; margin-bottom: 2mm; }
.diplome, .sous-titre { font-weight: bold; }
h1 { font-size: 12pt; line-height: 1.15; margin: 1mm 0; }
.usage { border: 0.3mm solid #000; padding: 1.2mm; margin: 1.5mm 0; font-weight: bold; }
.usage span { display: block; font-weight: normal; font-style: italic; }
.bandeau { border: 0.6mm solid #000; padding: 1.2mm; margin: 1.5mm 0; font-weight: bold;
  text-align: center; }
table { border-collapse: collapse; width: 100%; margin: 1.5mm 0; table-layout: fixed; }
th, td { border: 0.3mm solid #000; padding: 0.8mm 1.2mm; vertical-align: top; text-align: left; }
th { background: #eee; }
.titre-bloc { font-weight: bold; font-size: 10pt; margin-top: 1.5mm; }
.competence { break-inside: avoid; }
.competence .titre th { background: #d9d9d9; }
.competence .note { text-align: right; }
.pos { text-align: center; }
td.pos { font-weight: bold; }
td.non-observe { font-weight: normal; font-style: italic; }
ul { margin: 0; padding-left: 4mm; }
.niveaux { font-size: 8pt; }
.boite-texte { border: 0.3mm solid #000; padding: 1.2mm; margin: 1.5mm 0; }
.boite-texte .titre-bloc { margin-top: 0; }
.texte { white-space: pre-wrap; }
.notes td { text-align: right; font-weight: bold; }
.fait { margin: 3mm 0 1.5mm 0; }
.signatures td { height: 12mm; }
.bordereau td.note { font-weight: bold; }
.compte { margin: 1.5mm 0; }
.verification { font-size: 8pt; margin: 1.5mm 0; }
";

/// Text from the data, as it goes into a file: control characters dropped.
pub fn t(s: &str) -> Cow<'_, str> {
    clean::strip(s)
}

/// `absent justifié …` → `Absent justifié …`.
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
}

/// The whole HTML document, self-contained (CSS inline, no outside resource).
pub fn document(title: &str, body: Markup) -> String {
    let page = html! {
        (DOCTYPE)
        html lang="fr" {
            head {
                meta charset="utf-8";
                title { (t(title)) }
                style { (PreEscaped(CSS)) }
            }
            body { (body) }
        }
    };
    // One element a line, so a diff of two documents reads: user text is escaped, so these
    // closing tags only ever come from the template, where a newline after them is not shown.
    let mut s = page.into_string();
    for tag in [
        "</head>",
        "</style>",
        "</header>",
        "</section>",
        "</div>",
        "</p>",
        "</h1>",
        "</table>",
        "</thead>",
        "</tr>",
        "</li>",
        "</colgroup>",
    ] {
        s = s.replace(tag, &format!("{tag}\n"));
    }
    s.push('\n');
    s
}

/// What is repeated at the top of every sheet of a document (who and what it is about), in two
/// columns.
#[derive(Debug, Clone)]
pub struct Running {
    pub left: String,
    pub right: String,
}

impl Running {
    fn height(&self) -> f32 {
        let col = (WIDTH - 3.0) / 2.0;
        HEAD.height(&self.left, col)
            .max(HEAD.height(&self.right, col))
            + 1.0
            + 0.3
            + 2.0
    }
}

/// Height of the footer holding `foot` beside « page N / M ».
fn footer_height(foot: &str) -> f32 {
    FOOT.height(foot, WIDTH - 27.0) + 0.3 + 1.0 + 2.0
}

/// Room left for the content of a sheet under `head` and above `foot`, in mm.
pub fn capacity(head: &Running, foot: &str) -> f32 {
    SHEET - head.height() - footer_height(foot)
}

/// The sheets of one document (a grid, a bordereau), each with the running header, the
/// content, and the footer `foot` numbered « page N / M » within this document.
pub fn sheets(head: &Running, foot: &str, pages: Vec<Vec<Markup>>) -> Markup {
    let total = pages.len();
    html! {
        @for (i, content) in pages.into_iter().enumerate() {
            section.feuille {
                div.courant {
                    div { (t(&head.left)) }
                    div.droite { (t(&head.right)) }
                }
                div.corps { @for m in content { (m) } }
                div.pied {
                    div { (t(foot)) }
                    div.page { "page " (i + 1) " / " (total) }
                }
            }
        }
    }
}

/// « Fait à ………, le ……… »: where and when the commission signs, left for the pen.
pub fn fait_a() -> Block {
    let dots = "…………………………………";
    Block {
        height: BODY.line() + 4.5,
        html: html! { p.fait { "Fait à " (dots) ", le " (dots) } },
    }
}

/// « Fait à …, le … », then the commission's table: one row per member (name, qualité,
/// signature), with blank rows up to `minimum` so a missing member can still sign on paper.
/// One block: the place and date stay with the signatures.
pub fn signatures(r: &Referentiel, members: &[Membre], minimum: usize) -> Block {
    let name_w = WIDTH * 0.4 - CELL_H;
    let q_w = WIDTH * 0.3 - CELL_H;
    let fait = fait_a();
    let title = Font::bold(10.0).line() + 1.5;
    let head = "Nom et prénoms des membres de la commission";
    let mut height = fait.height + title + 3.0 + Font::bold(9.5).height(head, name_w) + CELL_V;
    let mut rows = Vec::new();
    for m in members {
        let q = qualite(r, m);
        height += BODY
            .height(&m.nom, name_w)
            .max(BODY.height(&q, q_w))
            .max(12.0 - 1.6)
            + CELL_V;
        rows.push((m.nom.as_str(), q));
    }
    let blank = minimum.saturating_sub(members.len());
    height += blank as f32 * (12.0 + 0.3);
    Block {
        height,
        html: html! {
            (fait.html)
            p.titre-bloc { "Commission d’évaluation :" }
            table.signatures {
                colgroup { col style="width: 40%"; col style="width: 30%"; col style="width: 30%"; }
                thead { tr { th { (head) } th { "Qualité" } th { "Signature" } } }
                tbody {
                    @for (nom, q) in &rows { tr { td { (t(nom)) } td { (t(q)) } td {} } }
                    @for _ in 0..blank { tr { td {} td {} td {} } }
                }
            }
        },
    }
}

/// The qualité of a member as the référentiel words it.
pub fn qualite(r: &Referentiel, m: &Membre) -> String {
    r.qualite(&m.qualite)
        .map_or(m.qualite.clone(), |q| q.libelle.clone())
}

/// Each log of `seances` with its fingerprint, as `verifier` prints it.
pub fn empreintes<'a>(report: &'a Report, seances: &[usize]) -> Vec<(&'a SeanceView, String)> {
    seances
        .iter()
        .filter_map(|&i| report.seances.get(i))
        .map(|s| {
            let e = s.empreinte.clone().unwrap_or_else(|| {
                match s.integrity {
                    Integrity::Broken { .. } => "aucune (journal rompu)",
                    Integrity::Unreadable { .. } => "aucune (journal illisible)",
                    Integrity::Intact { .. } => "aucune (journal vide)",
                }
                .into()
            });
            (s, e)
        })
        .collect()
}

/// The name of a log's file without `.jsonl` (`2025-06-05-E1-B-martin`), as `verifier` lists it.
pub fn log_name(s: &SeanceView) -> String {
    s.path
        .file_stem()
        .map_or_else(|| s.id.clone(), |n| n.to_string_lossy().into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_document_escapes_its_title_and_drops_control_characters() {
        let doc = document("<b>x</b>\u{1b}[2J", html! { p { "a" } });
        assert!(doc.starts_with("<!DOCTYPE html>"));
        assert!(
            doc.contains("<title>&lt;b&gt;x&lt;/b&gt;[2J</title>"),
            "{doc}"
        );
        assert!(!doc.contains('\u{1b}'));
    }

    #[test]
    fn every_sheet_is_numbered_within_its_document() {
        let m = Running {
            left: "DUPONT Léa".into(),
            right: "E1".into(),
        };
        let html = sheets(&m, "DUPONT Léa", vec![vec![], vec![], vec![]]).into_string();
        assert_eq!(html.matches("<section class=\"feuille\">").count(), 3);
        for n in 1..=3 {
            assert!(html.contains(&format!("page {n} / 3")), "{html}");
        }
        assert_eq!(
            html.matches("DUPONT Léa").count(),
            6,
            "header and footer of each sheet"
        );
    }
}
