//! The detail of one candidate × épreuve as styled lines: anomalies, then per séance the
//! timeline (planned against actual, pauses, early ends, speaking shares, clock anomalies) and
//! the integrity of its log, then the combined grid and every amendment with its reason.
//!
//! Both the review TUI and the `--plain` report render these lines, so they say the same.

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

pub(super) fn push(out: &mut Vec<Line>, tone: Tone, text: impl Into<String>) {
    out.push(Line {
        tone,
        text: text.into(),
    });
}

/// Full name as the convocation writes it: `DUPONT Léa`.
pub fn full_name(c: &crate::session::Candidat) -> String {
    format!("{} {}", c.nom.to_uppercase(), c.prenom)
}

/// The note column: `12,5`, `0 (abs. non justifiée)`, `abs. justifiée`, `dispensé`, or `—`
/// while incomplete — the outcome decided by [`crate::session::Resultat`], shortened.
pub fn note_text(r: &Referentiel, e: &Entry) -> String {
    // A conflict or a broken log has no note to show, whatever a log claims.
    if matches!(e.status, Status::Conflit | Status::IntegriteRompue) {
        return "—".into();
    }
    match e.resultat(r) {
        Some(Resultat::Note { sur20, .. }) => sur20.fr(),
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
                Some(n) => format!("{} (abs. {why})", n.fr()),
                None => format!("abs. {why}"),
            }
        }
        Some(Resultat::NonEvalue { sur20, .. }) => sur20.map_or("dispensé".into(), |n| n.fr()),
        Some(Resultat::NonObtenue { .. }) => "non obtenue".into(),
        Some(Resultat::Incomplet) | None => "—".into(),
    }
}

/// Every line of the detail view.
pub fn lines(r: &Referentiel, report: &Report, e: &Entry) -> Vec<Line> {
    let mut out = Vec::new();
    let c = &e.candidat;
    push(
        &mut out,
        Tone::Title,
        format!("{} — n° {} — {}", full_name(c), c.numero, c.etablissement),
    );
    let intitule = r.epreuve(&e.epreuve).map_or("", |x| x.intitule.as_str());
    push(
        &mut out,
        Tone::Normal,
        format!(
            "{} {intitule} — {} — statut : {} — note /20 : {}",
            e.epreuve,
            e.forme.label(),
            e.status.label(),
            note_text(r, e)
        ),
    );
    if e.training {
        push(
            &mut out,
            Tone::Warning,
            "SÉANCE D’ENTRAÎNEMENT : sans valeur d’examen, jamais exportée",
        );
    }
    let done = e.situations(report);
    let todo: Vec<&str> = r
        .epreuve(&e.epreuve)
        .and_then(|x| x.forme(e.forme))
        .map(|f| {
            f.situations
                .iter()
                .map(|s| s.id.as_str())
                .filter(|s| !done.iter().any(|d| d == s))
                .collect()
        })
        .unwrap_or_default();
    if !todo.is_empty() && !e.grid.is_validated() {
        push(
            &mut out,
            Tone::Warning,
            format!("Situation(s) restant à évaluer : {}", todo.join(", ")),
        );
    }
    push(&mut out, Tone::Normal, "");
    if e.anomalies.is_empty() {
        push(&mut out, Tone::Ok, "Aucune anomalie.");
    } else {
        push(
            &mut out,
            Tone::Heading,
            format!("Anomalies ({})", e.anomalies.len()),
        );
        for a in &e.anomalies {
            push(
                &mut out,
                Tone::Error,
                format!("  • {} [{}] : {}", a.kind.label(), a.seance, a.explication),
            );
        }
    }
    for &i in &e.seances {
        push(&mut out, Tone::Normal, "");
        timeline::seance_lines(&mut out, r, report, &report.seances[i]);
    }
    push(&mut out, Tone::Normal, "");
    grid_lines(&mut out, r, report, e);
    out
}

fn grid_lines(out: &mut Vec<Line>, r: &Referentiel, report: &Report, e: &Entry) {
    let g = &e.grid;
    push(
        out,
        Tone::Heading,
        "Grille (toutes les séances de l’épreuve, dans l’ordre)",
    );
    if let Some(Resultat::NonEvalue { statut, sur20, .. }) = e.resultat(r) {
        let note = sur20.map_or(String::new(), |n| format!(" — note {} /20", n.fr()));
        push(
            out,
            Tone::Warning,
            format!("  {}{note}", capitalise(&statut)),
        );
    }
    let Some(ep) = r.epreuve(&e.epreuve) else {
        push(out, Tone::Error, "  Épreuve inconnue du référentiel");
        return;
    };
    for comp in r.competences_of(ep) {
        let note = g.notes.get(&comp.id).map_or("—".into(), |n| n.fr());
        let prop = g.proposition(r, &comp.id).map_or(String::new(), |p| {
            format!(" (proposition indicative {})", p.fr())
        });
        push(
            out,
            Tone::Normal,
            format!("  {} {} : {note}/20{prop}", comp.id, comp.intitule),
        );
        for k in &comp.criteres {
            let level = match g.positions.get(k.id.as_str()) {
                Some(n) => n.code(),
                None if g.non_observes.contains(k.id.as_str()) => "NO",
                None => "—",
            };
            // `format!("    {level:<2} {} {}")` built by hand: a line per criterion of every
            // entry, and padding sends `format!` down its slow path.
            let mut text = String::with_capacity(8 + level.len() + k.id.len() + k.libelle.len());
            text.push_str("    ");
            text.push_str(level);
            text.push_str(if level.chars().count() < 2 { "  " } else { " " });
            text.push_str(&k.id);
            text.push(' ');
            text.push_str(&k.libelle);
            push(out, Tone::Dim, text);
        }
    }
    if let Some((total, sur20)) = g.totals(ep) {
        push(
            out,
            Tone::Normal,
            format!(
                "  Note globale : {}/60 — note sur 20 (arrondie au ½ point supérieur) : {}/20",
                total.fr(),
                sur20.fr()
            ),
        );
    }
    if !g.non_observes.is_empty() {
        let ids: Vec<&str> = g.non_observes.iter().map(|k| &**k).collect();
        push(
            out,
            Tone::Normal,
            format!(
                "  Critères non observés : {} ({}), hors de toute proposition indicative",
                ids.len(),
                ids.join(", ")
            ),
        );
    }
    let appr = if g.appreciation.trim().is_empty() {
        "(non rédigée)"
    } else {
        g.appreciation.as_str()
    };
    push(
        out,
        Tone::Normal,
        format!("  Appréciation générale : {appr}"),
    );
    if let Some(p) = g.pfmp {
        let pos = if p.positionne {
            " (personne candidate positionnée)"
        } else {
            ""
        };
        push(
            out,
            Tone::Normal,
            format!("  PFMP : {} semaine(s){pos}", p.weeks),
        );
    }
    match g.validated_at {
        Some(ts) => push(
            out,
            Tone::Ok,
            format!("  Validée le {}", report.tz.datetime(ts)),
        ),
        None => push(out, Tone::Warning, "  Non validée"),
    }
    amendment_lines(out, report, g);
}

fn amendment_lines(out: &mut Vec<Line>, report: &Report, g: &GridState) {
    if g.amendments.is_empty() {
        return;
    }
    push(
        out,
        Tone::Heading,
        format!("Amendements après validation ({})", g.amendments.len()),
    );
    for a in &g.amendments {
        push(
            out,
            Tone::Warning,
            format!(
                "  {} — {} — motif : « {} »",
                report.tz.datetime(a.ts),
                describe_change(&a.change),
                a.reason
            ),
        );
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
