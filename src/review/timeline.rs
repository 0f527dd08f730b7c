//! One séance in the detail view: when and where, the integrity of its log, the group and the
//! commission, then the timeline (planned against actual for every phase, early ends, overtime,
//! pauses with their reasons, speaking shares in a group, phase starts and ends undone, clock
//! anomalies) and the remarks.

use super::detail::{Line, Tone, full_name, push};
use super::{Report, SeanceView, fmt};
use crate::referentiel::Referentiel;
use crate::timing::{PartStatus, PhaseStatus};

pub(super) fn seance_lines(out: &mut Vec<Line>, r: &Referentiel, report: &Report, s: &SeanceView) {
    let tz = report.tz;
    let when = s.opened_at.map(|t| tz.datetime(t)).unwrap_or_default();
    let situation = s.info().map_or(String::new(), |i| {
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
    let members = if state.members.is_empty() {
        "aucun membre enregistré".into()
    } else {
        fmt::members(&state.members)
    };
    push(out, Tone::Normal, format!("  Commission : {members}"));
    for (numero, a) in &state.amenagements {
        let who = state
            .info
            .candidats
            .iter()
            .find(|c| &c.numero == numero)
            .map_or(numero.clone(), full_name);
        let phases: Vec<String> = state
            .info
            .phases
            .iter()
            .filter(|p| a.pour(&p.id).is_some())
            .map(|p| {
                p.lettre()
                    .map_or(p.intitule.clone(), |l| format!("phase {l}"))
            })
            .collect();
        let decision = if a.decision.trim().is_empty() {
            String::new()
        } else {
            format!(" — décision : {}", a.decision.trim())
        };
        push(
            out,
            Tone::Warning,
            format!(
                "  Aménagement : temps majoré {} pour {who} ({}){decision}",
                a.majoration.en_mots(),
                phases.join(", ")
            ),
        );
    }
    if let Some(view) = &s.clock() {
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
            let majore = fmt::majoration(state, p).map_or(String::new(), |m| {
                format!(" ({m} ; normal {})", fmt::clock(t.normal))
            });
            push(
                out,
                tone,
                format!(
                    "    {} : prévu {}{majore} · réel {}{over}{paused} · {status}",
                    fmt::phase_label(p),
                    fmt::clock(t.planned),
                    fmt::clock(t.elapsed)
                ),
            );
            part_lines(out, report, state, p, t);
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
    // A phase start or end undone within its 10 s: the log keeps both, so does the review.
    for u in &state.undone {
        let phase = state
            .info
            .phases
            .iter()
            .find(|p| p.id == u.phase)
            .map_or(u.phase.clone(), fmt::phase_label);
        let what = match u.kind {
            crate::session::UndoneKind::Start => "début",
            crate::session::UndoneKind::End => "fin",
        };
        push(
            out,
            Tone::Warning,
            format!(
                "  Annulé à {} : {what} de {phase} enregistré à {} (n° {})",
                report.tz.time(u.at),
                report.tz.time(u.recorded),
                u.seq
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

/// The parts of a phase under its line: each with its switch, planned and actual; a switch the
/// jury never marked is said plainly (the parts' own durations are then unknown, and not judged).
fn part_lines(
    out: &mut Vec<Line>,
    report: &Report,
    state: &crate::session::SeanceState,
    p: &crate::referentiel::Phase,
    t: &crate::timing::PhaseTiming,
) {
    let run = state.runs.iter().find(|r| r.phase == p.id);
    for (k, part) in t.parts.iter().enumerate() {
        let from = match k {
            0 => run.map(|r| r.started),
            _ => run.and_then(|r| r.parts.get(k - 1).copied()),
        };
        let from = from.map_or(String::new(), |at| format!(" à {}", report.tz.time(at)));
        let (text, tone) = match part.status {
            PartStatus::NotStarted => ("non commencée".to_string(), Tone::Dim),
            PartStatus::Unmeasured => ("durée inconnue".to_string(), Tone::Dim),
            PartStatus::Current => (
                format!("en cours, réel {}", fmt::clock(part.elapsed)),
                Tone::Warning,
            ),
            PartStatus::Done if part.elapsed > part.planned => (
                format!(
                    "réel {} · dépassement {}",
                    fmt::clock(part.elapsed),
                    fmt::clock(part.elapsed - part.planned)
                ),
                Tone::Warning,
            ),
            PartStatus::Done => (format!("réel {}", fmt::clock(part.elapsed)), Tone::Normal),
        };
        push(
            out,
            tone,
            format!(
                "      partie {} « {} »{from} : maximum {} · {text}",
                k + 1,
                part.intitule,
                fmt::clock(part.planned)
            ),
        );
    }
    if t.parts.iter().any(|x| x.status == PartStatus::Unmeasured) {
        push(
            out,
            Tone::Dim,
            "      Passage d’une partie à l’autre non marqué pendant la séance (touche n du \
             minuteur) : la durée de chaque partie est inconnue, seule celle de la phase est \
             mesurée.",
        );
    }
}
