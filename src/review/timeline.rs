//! One séance in the detail view: when and where, the integrity of its log, the group and the
//! commission, then the timeline (planned against actual for every phase, early ends, overtime,
//! pauses with their reasons, speaking shares in a group, phase starts and ends undone, clock
//! anomalies) and the remarks.

use super::detail::{Line, Tone, full_name, push};
use super::{Report, SeanceView, fmt};
use crate::referentiel::Referentiel;
use crate::timing::PhaseStatus;

pub(super) fn seance_lines(out: &mut Vec<Line>, r: &Referentiel, report: &Report, s: &SeanceView) {
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
    let members = if state.members.is_empty() {
        "aucun membre enregistré".into()
    } else {
        fmt::members(&state.members)
    };
    push(out, Tone::Normal, format!("  Commission : {members}"));
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
