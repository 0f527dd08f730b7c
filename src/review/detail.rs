//! The detail of one candidate × épreuve as styled lines: anomalies, then per séance the
//! timeline (planned against actual, pauses, early ends, speaking shares, clock anomalies) and
//! the integrity of its log, then the combined grid and every amendment with its reason.
//!
//! Both the review TUI and the `--plain` report render these lines, so they say the same.

use super::{Entry, Report, SeanceView, fmt};
use crate::referentiel::Referentiel;
use crate::session::{Event, GridState};
use crate::timing::PhaseStatus;

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

fn push(out: &mut Vec<Line>, tone: Tone, text: impl Into<String>) {
    out.push(Line {
        tone,
        text: text.into(),
    });
}

/// Full name as the convocation writes it: `DUPONT Léa`.
pub fn full_name(c: &crate::session::Candidat) -> String {
    format!("{} {}", c.nom.to_uppercase(), c.prenom)
}

/// The note column: `12,5`, `0 (absent justifié)`, `absent`, or `—` while incomplete.
pub fn note_text(r: &Referentiel, e: &Entry) -> String {
    match (e.grid.absence, e.totals(r)) {
        (Some(a), _) if a.justified => "0 (abs. justifiée)".into(),
        (Some(_), _) => "absent".into(),
        (None, Some((_, n))) => n.fr(),
        (None, None) => "—".into(),
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
        seance_lines(&mut out, r, report, &report.seances[i]);
    }
    push(&mut out, Tone::Normal, "");
    grid_lines(&mut out, r, report, e);
    out
}

fn seance_lines(out: &mut Vec<Line>, r: &Referentiel, report: &Report, s: &SeanceView) {
    let tz = report.tz;
    let when = s.opened_at.map(|t| tz.datetime(t)).unwrap_or_default();
    let situation = s.info.as_ref().map_or(String::new(), |i| {
        let title = r
            .epreuve(&i.epreuve)
            .and_then(|e| e.forme(i.forme))
            .and_then(|f| f.situation(&i.situation))
            .map_or(String::new(), |x| format!(" « {} »", x.intitule));
        format!(" — situation {}{title}", i.situation)
    });
    push(
        out,
        Tone::Heading,
        format!("Séance {}{situation} — {when}", s.id),
    );
    let file = s
        .path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tone = if s.integrity.is_intact() {
        Tone::Ok
    } else {
        Tone::Error
    };
    push(
        out,
        tone,
        format!("  Intégrité : {} — {file}", s.integrity.describe()),
    );
    if let Some(e) = &s.replay_error {
        push(out, Tone::Error, format!("  Relecture interrompue : {e}"));
    }
    let Some(state) = &s.state else {
        return;
    };
    if state.info.candidats.len() > 1 {
        let names: Vec<String> = state.info.candidats.iter().map(full_name).collect();
        push(
            out,
            Tone::Normal,
            format!("  Groupe : {}", names.join(", ")),
        );
    }
    let members: Vec<String> = state
        .members
        .iter()
        .map(|m| format!("{} ({})", m.nom, m.qualite))
        .collect();
    push(
        out,
        Tone::Normal,
        format!(
            "  Commission : {}",
            if members.is_empty() {
                "aucun membre enregistré".into()
            } else {
                members.join(", ")
            }
        ),
    );
    if let Some(view) = &s.clock {
        if !state.info.phases.is_empty() {
            push(
                out,
                Tone::Normal,
                "  Déroulé (prévu / réel, pauses non comprises) :",
            );
        }
        for (p, t) in state.info.phases.iter().zip(&view.phases) {
            let (status, tone) = match t.status {
                PhaseStatus::NotStarted => ("non commencée", Tone::Dim),
                PhaseStatus::Running | PhaseStatus::Paused => ("inachevée", Tone::Warning),
                PhaseStatus::Done { early: true } => ("terminée en avance", Tone::Normal),
                PhaseStatus::Done { early: false } => ("terminée", Tone::Normal),
            };
            let over = if t.elapsed > t.planned {
                format!(" · dépassement {}", fmt::clock(t.elapsed - t.planned))
            } else {
                String::new()
            };
            let paused = if t.paused.is_zero() {
                String::new()
            } else {
                format!(" · en pause {}", fmt::clock(t.paused))
            };
            let tone = if over.is_empty() { tone } else { Tone::Warning };
            push(
                out,
                tone,
                format!(
                    "    {} : prévu {} · réel {}{over}{paused} · {status}",
                    fmt::phase_label(p),
                    fmt::clock(t.planned),
                    fmt::clock(t.elapsed)
                ),
            );
        }
        if !state.info.phases.is_empty() {
            push(
                out,
                Tone::Normal,
                format!("    Total : {}", fmt::clock(view.total_elapsed)),
            );
        }
        if !view.speakers.is_empty() {
            let shares: Vec<String> = view
                .speakers
                .iter()
                .map(|sp| {
                    let name = state
                        .info
                        .candidats
                        .iter()
                        .find(|c| c.numero == sp.numero)
                        .map_or(sp.numero.clone(), full_name);
                    format!(
                        "{name} {} ({})",
                        fmt::clock(sp.elapsed),
                        fmt::permille(sp.share_permille)
                    )
                })
                .collect();
            push(
                out,
                Tone::Normal,
                format!("  Temps de parole : {}", shares.join(", ")),
            );
        }
    }
    for p in &state.pauses {
        let end = p.end.map_or("…".into(), |e| report.tz.time(e));
        let len = p
            .end
            .and_then(|e| (e - p.start).to_std().ok())
            .map_or(String::new(), |d| format!(" ({})", fmt::clock(d)));
        let detail = if p.detail.is_empty() {
            String::new()
        } else {
            format!(" — {}", p.detail)
        };
        push(
            out,
            Tone::Normal,
            format!(
                "  Pause {} → {end}{len} : {}{detail}",
                report.tz.time(p.start),
                p.reason.label()
            ),
        );
    }
    for a in &state.clock_anomalies {
        push(
            out,
            Tone::Error,
            format!(
                "  Horloge : {} à {} ({})",
                match a.kind {
                    crate::session::ClockAnomalyKind::Backwards => "retour en arrière",
                    crate::session::ClockAnomalyKind::Jump => "saut",
                },
                report.tz.time(a.at),
                fmt::seconds_ms(a.delta_ms)
            ),
        );
    }
    for (ts, text) in &state.remarks {
        push(
            out,
            Tone::Dim,
            format!("  Remarque {} : {text}", report.tz.time(*ts)),
        );
    }
}

fn grid_lines(out: &mut Vec<Line>, r: &Referentiel, report: &Report, e: &Entry) {
    let g = &e.grid;
    push(
        out,
        Tone::Heading,
        "Grille (toutes les séances de l’épreuve, dans l’ordre)",
    );
    if let Some(a) = g.absence {
        let how = if a.justified {
            "justifiée"
        } else {
            "non justifiée"
        };
        push(out, Tone::Warning, format!("  Absence {how}"));
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
            let level = g.positions.get(&k.id).map_or("—", |n| n.code());
            push(
                out,
                Tone::Dim,
                format!("    {level:<2} {} {}", k.id, k.libelle),
            );
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
        Event::PfmpRecorded {
            weeks, positionne, ..
        } => format!(
            "PFMP : {weeks} semaine(s){}",
            if *positionne { " (positionné)" } else { "" }
        ),
        other => other.kind().to_string(),
    }
}
