//! The detail of one candidate × épreuve as styled lines: anomalies, then per séance the
//! timeline (planned against actual, pauses, early ends, speaking shares, clock anomalies) and
//! the integrity of its log, then the combined grid and every amendment with its reason.
//!
//! Both the review TUI and the `--plain` report render these lines, so they say the same: one
//! [`write`] into a [`Sink`], which keeps styled lines for the TUI or writes plain text.

use super::sink::Sink;
use super::{Entry, Report, Status, timeline};
use crate::referentiel::Referentiel;
use crate::session::{Event, GridState, NotAssessed, Resultat};

/// How a line should stand out; the TUI maps it to the theme, the text report ignores it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Title,
    Heading,
    Normal,
    Dim,
    Ok,
    Warning,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub tone: Tone,
    pub text: String,
}

/// Full name as the convocation writes it: `DUPONT Léa`.
pub fn full_name(c: &crate::session::Candidat) -> String {
    let mut s = String::with_capacity(c.nom.len() + c.prenom.len() + 1);
    push_full_name(&mut s, c);
    s
}

/// Appends [`full_name`]`(c)` to `out`.
pub fn push_full_name(out: &mut String, c: &crate::session::Candidat) {
    if c.nom.is_ascii() {
        let start = out.len();
        out.push_str(&c.nom);
        // ASCII letters only change case in place, as `to_uppercase` does them.
        out[start..].make_ascii_uppercase();
    } else {
        // `str::to_uppercase` maps each character on its own, so this is the same text.
        for ch in c.nom.chars() {
            out.extend(ch.to_uppercase());
        }
    }
    out.push(' ');
    out.push_str(&c.prenom);
}

/// The note column: `12,5`, `0 (abs. non justifiée)`, `abs. justifiée`, `dispensé`, or `—`
/// while incomplete — the outcome decided by [`crate::session::Resultat`], shortened.
pub fn note_text(r: &Referentiel, e: &Entry) -> String {
    let mut s = String::new();
    push_note_text(&mut s, r, e);
    s
}

/// Appends [`note_text`]`(r, e)` to `out`.
pub fn push_note_text(out: &mut String, r: &Referentiel, e: &Entry) {
    // A conflict or a broken log has no note to show, whatever a log claims.
    if matches!(e.status, Status::Conflit | Status::IntegriteRompue) {
        out.push('—');
        return;
    }
    match e.resultat(r) {
        Some(Resultat::Note { sur20, .. }) => sur20.push_fr(out),
        Some(Resultat::NonEvalue {
            cause: NotAssessed::Absent { justified },
            sur20,
            ..
        }) => {
            let why = if justified {
                "justifiée"
            } else {
                "non justifiée"
            };
            match sur20 {
                Some(n) => {
                    n.push_fr(out);
                    out.push_str(" (abs. ");
                    out.push_str(why);
                    out.push(')');
                }
                None => {
                    out.push_str("abs. ");
                    out.push_str(why);
                }
            }
        }
        Some(Resultat::NonEvalue { sur20, .. }) => match sur20 {
            Some(n) => n.push_fr(out),
            None => out.push_str("dispensé"),
        },
        Some(Resultat::NonObtenue { .. }) => out.push_str("non obtenue"),
        Some(Resultat::Incomplet) | None => out.push('—'),
    }
}

/// Every line of the detail view.
pub fn lines(r: &Referentiel, report: &Report, e: &Entry) -> Vec<Line> {
    let mut out = Vec::new();
    write(r, report, e, &mut out);
    out
}

/// Every line of the detail, into `out`: the TUI's [`lines`] and the plain report's text.
pub fn write(r: &Referentiel, report: &Report, e: &Entry, out: &mut impl Sink) {
    let c = &e.candidat;
    out.line(Tone::Title)
        .with(|s| push_full_name(s, c))
        .add(" — n° ")
        .add(&c.numero)
        .add(" — ")
        .add(&c.etablissement);
    let ep = r.epreuve(&e.epreuve);
    out.line(Tone::Normal)
        .add(&e.epreuve)
        .add(" ")
        .add(ep.map_or("", |x| x.intitule.as_str()))
        .add(" — ")
        .add(e.forme.label())
        .add(" — statut : ")
        .add(e.status.label())
        .add(" — note /20 : ")
        .with(|s| push_note_text(s, r, e));
    if e.training {
        out.line(Tone::Warning)
            .add("SÉANCE D’ENTRAÎNEMENT : sans valeur d’examen, jamais exportée");
    }
    if !e.grid.is_validated()
        && let Some(f) = ep.and_then(|x| x.forme(e.forme))
    {
        let done = e.situations(report);
        let mut todo = f
            .situations
            .iter()
            .map(|s| s.id.as_str())
            .filter(|s| !done.iter().any(|d| d == s))
            .peekable();
        if todo.peek().is_some() {
            let mut line = out.line(Tone::Warning);
            line.add("Situation(s) restant à évaluer : ");
            for (i, s) in todo.enumerate() {
                line.add(if i > 0 { ", " } else { "" }).add(s);
            }
        }
    }
    out.line(Tone::Normal);
    if e.anomalies.is_empty() {
        out.line(Tone::Ok).add("Aucune anomalie.");
    } else {
        out.line(Tone::Heading)
            .fmt(format_args!("Anomalies ({})", e.anomalies.len()));
        for a in &e.anomalies {
            out.line(Tone::Error).fmt(format_args!(
                "  • {} [{}] : {}",
                a.kind.label(),
                a.seance,
                a.explication
            ));
        }
    }
    for &i in &e.seances {
        out.line(Tone::Normal);
        timeline::seance_lines(out, r, report, &report.seances[i]);
    }
    out.line(Tone::Normal);
    grid_lines(out, r, report, e);
}

fn grid_lines(out: &mut impl Sink, r: &Referentiel, report: &Report, e: &Entry) {
    let g = &e.grid;
    out.line(Tone::Heading)
        .add("Grille (toutes les séances de l’épreuve, dans l’ordre)");
    if let Some(Resultat::NonEvalue { statut, sur20, .. }) = e.resultat(r) {
        let mut line = out.line(Tone::Warning);
        line.add("  ").add(&capitalise(&statut));
        if let Some(n) = sur20 {
            line.add(" — note ").with(|s| n.push_fr(s)).add(" /20");
        }
    }
    let Some(ep) = r.epreuve(&e.epreuve) else {
        out.line(Tone::Error)
            .add("  Épreuve inconnue du référentiel");
        return;
    };
    for comp in r.competences_of(ep) {
        let mut line = out.line(Tone::Normal);
        line.add("  ")
            .add(&comp.id)
            .add(" ")
            .add(&comp.intitule)
            .add(" : ");
        match g.notes.get(&comp.id) {
            Some(n) => line.with(|s| n.push_fr(s)),
            None => line.add("—"),
        };
        line.add("/20");
        if let Some(p) = g.proposition(r, &comp.id) {
            line.add(" (proposition indicative ")
                .with(|s| p.push_fr(s))
                .add(")");
        }
        for k in &comp.criteres {
            let level = match g.positions.get(k.id.as_str()) {
                Some(n) => n.code(),
                None if g.non_observes.contains(k.id.as_str()) => "NO",
                None => "—",
            };
            // `format!("    {level:<2} {} {}")` by hand: padding sends `format!` down its slow
            // path, and there is a line per criterion of every entry.
            out.line(Tone::Dim)
                .add("    ")
                .add(level)
                .add(if level.chars().count() < 2 { "  " } else { " " })
                .add(&k.id)
                .add(" ")
                .add(&k.libelle);
        }
    }
    if let Some((total, sur20)) = g.totals(ep) {
        out.line(Tone::Normal)
            .add("  Note globale : ")
            .with(|s| total.push_fr(s))
            .add("/60 — note sur 20 (arrondie au ½ point supérieur) : ")
            .with(|s| sur20.push_fr(s))
            .add("/20");
    }
    if !g.non_observes.is_empty() {
        let ids: Vec<&str> = g.non_observes.iter().map(|k| &**k).collect();
        out.line(Tone::Normal).fmt(format_args!(
            "  Critères non observés : {} ({}), hors de toute proposition indicative",
            ids.len(),
            ids.join(", ")
        ));
    }
    let appr = if g.appreciation.trim().is_empty() {
        "(non rédigée)"
    } else {
        g.appreciation.as_str()
    };
    out.line(Tone::Normal)
        .add("  Appréciation générale : ")
        .add(appr);
    if let Some(p) = g.pfmp {
        let pos = if p.positionne {
            " (personne candidate positionnée)"
        } else {
            ""
        };
        out.line(Tone::Normal)
            .fmt(format_args!("  PFMP : {} semaine(s){pos}", p.weeks));
    }
    match g.validated_at {
        Some(ts) => {
            out.line(Tone::Ok)
                .add("  Validée le ")
                .with(|s| report.tz.push_datetime(s, ts));
        }
        None => {
            out.line(Tone::Warning).add("  Non validée");
        }
    }
    amendment_lines(out, report, g);
}

fn amendment_lines(out: &mut impl Sink, report: &Report, g: &GridState) {
    if g.amendments.is_empty() {
        return;
    }
    out.line(Tone::Heading).fmt(format_args!(
        "Amendements après validation ({})",
        g.amendments.len()
    ));
    for a in &g.amendments {
        out.line(Tone::Warning).fmt(format_args!(
            "  {} — {} — motif : « {} »",
            report.tz.datetime(a.ts),
            describe_change(&a.change),
            a.reason
        ));
    }
}

/// A grid event in French, for the list of amendments.
pub fn describe_change(e: &Event) -> String {
    match e {
        Event::CriterionPositioned {
            critere, niveau, ..
        } => format!("{critere} positionné {}", niveau.code()),
        Event::CriterionCleared { critere, .. } => format!("positionnement de {critere} effacé"),
        Event::CriterionNotObserved { critere, .. } => format!("{critere} non observé"),
        Event::VoieRecorded { voie, .. } => format!("voie : {}", voie.label()),
        Event::MemberRemoved { membre } => {
            format!("commission : {} ({}) retiré(e)", membre.nom, membre.qualite)
        }
        Event::MemberAdded { membre } => {
            format!("commission : {} ({}) ajouté(e)", membre.nom, membre.qualite)
        }
        Event::NoteSet {
            competence, note, ..
        } => format!("note de {competence} : {}/20", note.fr()),
        Event::AppreciationSet { text, .. } => format!("appréciation générale : « {text} »"),
        Event::CandidateAbsent { justified, .. } => {
            if *justified {
                "absence justifiée".into()
            } else {
                "absence non justifiée".into()
            }
        }
        Event::CandidateExempted { .. } => "dispense de l’épreuve".into(),
        Event::PfmpRecorded {
            weeks, positionne, ..
        } => format!(
            "PFMP : {weeks} semaine(s){}",
            if *positionne { " (positionné)" } else { "" }
        ),
        other => other.kind().to_string(),
    }
}

/// `absent justifié …` → `Absent justifié …`, for a statut standing at the start of a line.
fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_upper_cased_as_str_does_it() {
        for nom in [
            "Dupont",
            "de la Tour-d'Auvergne",
            "Müller",
            "straße",
            "Øst ǆ",
            "",
            "x\u{1b}y",
        ] {
            let c = crate::session::Candidat {
                numero: "1".into(),
                nom: nom.into(),
                prenom: "Léa".into(),
                etablissement: String::new(),
            };
            assert_eq!(full_name(&c), format!("{} Léa", nom.to_uppercase()));
        }
    }
}
