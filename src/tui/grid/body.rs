//! The scrolling body of the grid screen, laid out line by line: one block per competence (its
//! title, its criteria with the position in four columns TI / I / S / TS, its note /20 with the
//! indicative proposal and the coherence warning), then the appreciation, the commission,
//! absence or dispense, and PFMP. Each cursor row records its first and last line for scrolling.

use ratatui::text::{Line, Span};

use super::{Focus, GridScreen, Row};
use crate::grading::Niveau;
use crate::referentiel::{Forme, Referentiel};
use crate::session::{GridState, NotAssessed, SeanceState, commission_gaps};
use crate::tui::fmt::{truncate, width, wrap, wrap_paragraphs};
use crate::tui::theme::Theme;

/// Width of one level column ("TI", "●").
const CELL: usize = 4;
const CELLS: usize = CELL * 4;
/// From this width every criterion is shown whole (wrapped); below, only the cursor's.
pub(crate) const WIDE: usize = 100;

/// Lines of the body, and for each row of `screen.rows` its first and last line.
pub(crate) struct Body {
    pub lines: Vec<Line<'static>>,
    pub spans: Vec<(usize, usize)>,
}

/// What every row needs to draw itself.
pub(crate) struct Ctx<'c> {
    pub s: &'c GridScreen,
    pub r: &'c Referentiel,
    pub state: &'c SeanceState,
    pub forme: &'c Forme,
    pub grid: &'c GridState,
    pub w: usize,
    pub theme: &'c Theme,
}

pub(crate) fn justified(j: bool) -> &'static str {
    if j { "justifiée" } else { "non justifiée" }
}

/// `absence justifiée`, `absence non justifiée` or `dispense`, as the grid screen names them.
pub(crate) fn not_assessed(n: NotAssessed) -> String {
    match n {
        NotAssessed::Absent { justified: j } => format!("absence {}", justified(j)),
        NotAssessed::Exempted => "dispense de l’épreuve".into(),
    }
}

pub(crate) fn body(c: &Ctx) -> Body {
    let mut lines = Vec::new();
    let mut spans = Vec::with_capacity(c.s.rows.len());
    for (i, row) in c.s.rows.iter().enumerate() {
        let here = i == c.s.cursor;
        let start = lines.len();
        let out = &mut lines;
        match *row {
            Row::Critere { comp, crit } => critere(c, out, comp, crit, here),
            Row::Note { comp } => note(c, out, comp, here),
            Row::Appreciation => appreciation(c, out, here),
            Row::Commission => commission(c, out, here),
            Row::Absence => absence(c, out, here),
            Row::Pfmp => pfmp(c, out, here),
        }
        // A competence's first criterion brings its title into view with it; a leading blank
        // separator line does not count.
        let first = match row {
            Row::Critere { crit: 0, .. } => start,
            _ => start + usize::from(lines.get(start).is_some_and(|l| l.width() == 0)),
        };
        let last = lines.len().saturating_sub(1);
        spans.push((first.min(last), last));
    }
    Body { lines, spans }
}

fn marker(here: bool) -> &'static str {
    if here { "› " } else { "  " }
}

fn cell(s: &str) -> String {
    format!(" {s:<w$}", w = CELL - 1)
}

fn label_width(w: usize) -> usize {
    w.saturating_sub(2 + CELLS + 1).max(1)
}

fn critere(c: &Ctx, out: &mut Vec<Line<'static>>, comp: usize, crit: usize, here: bool) {
    let t = c.theme;
    let label_w = label_width(c.w);
    let (comp_id, crits) = &c.s.comps[comp];
    if crit == 0 {
        if comp > 0 {
            out.push(Line::default());
        }
        let intitule = c.r.competence(comp_id).map_or("", |k| k.intitule.as_str());
        for (j, text) in wrap(&format!("{comp_id} {intitule}"), label_w + 2)
            .into_iter()
            .enumerate()
        {
            let pad = (label_w + 3).saturating_sub(width(&text));
            let mut spans = vec![Span::styled(text, t.title())];
            if j == 0 {
                spans.push(Span::raw(" ".repeat(pad)));
                spans.extend(
                    Niveau::ALL
                        .iter()
                        .map(|n| Span::styled(cell(n.code()), t.title())),
                );
            }
            out.push(Line::from(spans));
        }
    }
    let id = &crits[crit];
    let libelle =
        c.r.critere(id)
            .map_or(id.as_str(), |(_, k)| k.libelle.as_str());
    // Compact terminals show the cursor's criterion whole and cut the others.
    let label = if c.w >= WIDE || here {
        wrap(libelle, label_w)
    } else {
        vec![truncate(libelle, label_w)]
    };
    let at = c.grid.positions.get(id.as_str()).copied();
    let sel = if here { t.selected() } else { t.text() };
    for (j, text) in label.into_iter().enumerate() {
        let pad = label_w + 1 - width(&text).min(label_w);
        let m = if j == 0 { marker(here) } else { "  " };
        let mut spans = vec![
            Span::styled(format!("{m}{text}"), sel),
            Span::raw(" ".repeat(pad)),
        ];
        if j == 0 && c.grid.non_observes.contains(id.as_str()) {
            // An explicit positioning of its own, across the four columns.
            spans.push(Span::styled(
                format!(" {:<w$}", "non observé", w = CELLS - 1),
                t.warning(),
            ));
        } else if j == 0 {
            spans.extend(Niveau::ALL.iter().map(|&n| {
                if at == Some(n) {
                    Span::styled(cell("●"), t.ok())
                } else {
                    Span::styled(cell("·"), t.dim())
                }
            }));
        }
        out.push(Line::from(spans));
    }
}

fn note(c: &Ctx, out: &mut Vec<Line<'static>>, comp: usize, here: bool) {
    let t = c.theme;
    let comp_id = &c.s.comps[comp].0;
    let sel = if here { t.selected() } else { t.text() };
    let max = c.r.notation.note_max_competence;
    let mut spans = vec![Span::styled(format!("{}Note /{max} : ", marker(here)), sel)];
    let proposal = c
        .grid
        .proposition(c.r, comp_id)
        .map_or("—".into(), |p| p.fr());
    match &c.s.focus {
        Focus::Note { comp: k, buf } if *k == comp => {
            spans.push(Span::styled(format!("[{buf}_]"), t.key()));
            // The note there is stays in sight: what is typed replaces it.
            let now = c
                .grid
                .notes
                .get(comp_id)
                .map(|n| format!("remplace {} · ", n.fr()));
            let hint = match now {
                Some(now) => format!("  {now}indicatif {proposal} · Entrée : valider"),
                None => format!("  indicatif {proposal} · Entrée : valider · Échap : annuler"),
            };
            spans.push(Span::styled(hint, t.dim()));
        }
        _ => {
            spans.push(match c.grid.notes.get(comp_id) {
                Some(n) => Span::styled(n.fr(), t.title()),
                None => Span::styled("—", t.dim()),
            });
            let hint = if here { " · p : la prendre" } else { "" };
            let text = format!("    proposition indicative : {proposal}{hint}");
            spans.push(Span::styled(text, t.dim()));
        }
    }
    out.push(Line::from(spans));
    if let Some(inc) = c.grid.incoherence(c.r, comp_id) {
        warnings(c, out, &inc.to_string());
    }
}

/// A warning, wrapped and indented under its row.
fn warnings(c: &Ctx, out: &mut Vec<Line<'static>>, text: &str) {
    for line in wrap(&format!("⚠ {text}"), c.w.saturating_sub(4)) {
        out.push(Line::styled(format!("    {line}"), c.theme.warning()));
    }
}

/// A section title row: marker, title, then a dimmed detail.
fn title(c: &Ctx, here: bool, text: &str, detail: String) -> Line<'static> {
    let t = c.theme;
    let sel = if here { t.selected() } else { t.text() };
    Line::from(vec![
        Span::styled(format!("{}{text}", marker(here)), sel.patch(t.title())),
        Span::styled(detail, t.dim()),
    ])
}

fn appreciation(c: &Ctx, out: &mut Vec<Line<'static>>, here: bool) {
    out.push(Line::default());
    let hint = match (here, c.grid.appreciation.trim().is_empty()) {
        (true, _) => " · Entrée : rédiger",
        (false, true) => " : non rédigée",
        (false, false) => "",
    };
    out.push(title(c, here, "Appréciation générale", hint.into()));
    for line in wrap_paragraphs(&c.grid.appreciation, c.w.saturating_sub(4)) {
        out.push(Line::raw(format!("    {line}")));
    }
}

fn commission(c: &Ctx, out: &mut Vec<Line<'static>>, here: bool) {
    out.push(Line::default());
    let n = c.state.members.len();
    let hint = if here {
        " · Entrée ou m : ajouter, retirer, corriger"
    } else {
        ""
    };
    out.push(title(
        c,
        here,
        "Commission d’évaluation",
        format!(" : {n} membre(s){hint}"),
    ));
    for m in &c.state.members {
        let q =
            c.r.qualite(&m.qualite)
                .map_or(m.qualite.as_str(), |q| q.libelle.as_str());
        out.push(Line::raw(truncate(&format!("    {} — {q}", m.nom), c.w)));
    }
    let gaps = commission_gaps(&c.forme.commission, &c.state.members);
    if gaps.is_empty() {
        out.push(Line::styled("    ✔ composition conforme", c.theme.ok()));
    }
    for g in gaps {
        warnings(c, out, &g);
    }
}

fn absence(c: &Ctx, out: &mut Vec<Line<'static>>, here: bool) {
    let t = c.theme;
    let (what, style) = match c.grid.not_assessed {
        Some(n) => (format!("{} signalée", not_assessed(n)), t.warning()),
        None => ("non signalée".to_string(), t.dim()),
    };
    let hint = if here {
        " · Entrée ou a : signaler"
    } else {
        ""
    };
    let sel = if here { t.selected() } else { t.text() };
    out.push(Line::from(vec![
        Span::styled(format!("{}Absence ou dispense : ", marker(here)), sel),
        Span::styled(what, style),
        Span::styled(hint, t.dim()),
    ]));
}

fn pfmp(c: &Ctx, out: &mut Vec<Line<'static>>, here: bool) {
    let t = c.theme;
    let need = c.forme.pfmp.as_ref();
    let required = need.map_or(String::new(), |p| {
        let (n, pos) = (p.semaines, p.semaines_positionne);
        format!(" · {n} semaines requises ({pos} si positionné·e)")
    });
    let what = match c.grid.pfmp {
        Some(p) => {
            let pos = if p.positionne { ", positionné·e" } else { "" };
            format!("{} semaine(s){pos}", p.weeks)
        }
        None => "non renseignée".into(),
    };
    let hint = if here {
        " · Entrée ou f : saisir"
    } else {
        ""
    };
    let sel = if here { t.selected() } else { t.text() };
    out.push(Line::from(vec![
        Span::styled(format!("{}PFMP : ", marker(here)), sel),
        Span::raw(what),
        Span::styled(format!("{required}{hint}"), t.dim()),
    ]));
    if let Some(min) = c.grid.pfmp.and_then(|p| p.short()) {
        let weeks = c.grid.pfmp.map_or(0, |p| p.weeks);
        warnings(
            c,
            out,
            &format!("{weeks} semaine(s) sur {min} requises : épreuve non obtenue"),
        );
    }
}
