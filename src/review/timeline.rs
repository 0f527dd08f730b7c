//! One séance in the detail view: when and where, the integrity of its log, the group and the
//! commission, then the timeline (planned against actual for every phase, early ends, overtime,
//! pauses with their reasons, speaking shares in a group, phase starts and ends undone, clock
//! anomalies) and the remarks.

use super::detail::{Tone, full_name, push_full_name};
use super::sink::Sink;
use super::{Report, SeanceView, fmt};
use crate::referentiel::Referentiel;
use crate::timing::{PartStatus, PhaseStatus};

pub(super) fn seance_lines(out: &mut impl Sink, r: &Referentiel, report: &Report, s: &SeanceView) {
    let tz = report.tz;
    {
        let mut line = out.line(Tone::Heading);
        line.add("Séance ").add(&s.id);
        if let Some(i) = s.info() {
            line.add(" — situation ").add(&i.situation);
            let title = r
                .epreuve(&i.epreuve)
                .and_then(|e| e.forme(i.forme))
                .and_then(|f| f.situation(&i.situation));
            if let Some(x) = title {
                line.add(" « ").add(&x.intitule).add(" »");
            }
        }
        line.add(" — ");
        if let Some(t) = s.opened_at {
            line.with(|out| tz.push_datetime(out, t));
        }
    }
    let tone = if s.integrity.is_intact() {
        Tone::Ok
    } else {
        Tone::Error
    };
    out.line(tone)
        .add("  Intégrité : ")
        .add(&s.integrity.describe())
        .add(" — ")
        .add(
            &s.path
                .file_name()
                .map_or("".into(), |f| f.to_string_lossy()),
        );
    if let Some(e) = &s.replay_error {
        out.line(Tone::Error)
            .add("  Relecture interrompue : ")
            .add(e);
    }
    let Some(state) = &s.state else {
        return;
    };
    if state.info.candidats.len() > 1 {
        let mut line = out.line(Tone::Normal);
        line.add("  Groupe : ");
        for (i, c) in state.info.candidats.iter().enumerate() {
            line.add(if i > 0 { ", " } else { "" })
                .with(|out| push_full_name(out, c));
        }
    }
    {
        let mut line = out.line(Tone::Normal);
        line.add("  Commission : ");
        if state.members.is_empty() {
            line.add("aucun membre enregistré");
        } else {
            line.with(|out| fmt::push_members(out, &state.members));
        }
    }
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
        out.line(Tone::Warning).fmt(format_args!(
            "  Aménagement : temps majoré {} pour {who} ({}){decision}",
            a.majoration.en_mots(),
            phases.join(", ")
        ));
    }
    if let Some(view) = &s.clock() {
        if !state.info.phases.is_empty() {
            out.line(Tone::Normal)
                .add("  Déroulé (prévu / réel, pauses non comprises) :");
        }
        for (p, t) in state.info.phases.iter().zip(&view.phases) {
            let (status, tone) = match t.status {
                PhaseStatus::NotStarted => ("non commencée", Tone::Dim),
                PhaseStatus::Running | PhaseStatus::Paused => ("inachevée", Tone::Warning),
                PhaseStatus::Done { early: true } => ("terminée en avance", Tone::Normal),
                PhaseStatus::Done { early: false } => ("terminée", Tone::Normal),
            };
            let over = t.elapsed > t.planned;
            let tone = if over { Tone::Warning } else { tone };
            // `    {label} : prévu {planned}{majore} · réel {elapsed}{over}{paused} · {status}`,
            // by hand: a line per phase of every séance.
            let mut line = out.line(tone);
            line.add("    ")
                .with(|out| fmt::push_phase_label(out, p))
                .add(" : prévu ")
                .with(|out| fmt::push_clock(out, t.planned));
            if let Some(m) = fmt::majoration(state, p) {
                line.add(" (")
                    .add(&m)
                    .add(" ; normal ")
                    .with(|out| fmt::push_clock(out, t.normal))
                    .add(")");
            }
            line.add(" · réel ")
                .with(|out| fmt::push_clock(out, t.elapsed));
            if over {
                line.add(" · dépassement ")
                    .with(|out| fmt::push_clock(out, t.elapsed - t.planned));
            }
            if !t.paused.is_zero() {
                line.add(" · en pause ")
                    .with(|out| fmt::push_clock(out, t.paused));
            }
            line.add(" · ").add(status);
            part_lines(out, report, state, p, t);
        }
        if !state.info.phases.is_empty() {
            out.line(Tone::Normal)
                .add("    Total : ")
                .with(|out| fmt::push_clock(out, view.total_elapsed));
        }
        if !view.speakers.is_empty() {
            let mut line = out.line(Tone::Normal);
            line.add("  Temps de parole : ");
            for (i, sp) in view.speakers.iter().enumerate() {
                line.add(if i > 0 { ", " } else { "" });
                match state.info.candidats.iter().find(|c| c.numero == sp.numero) {
                    Some(c) => line.with(|out| push_full_name(out, c)),
                    None => line.add(&sp.numero),
                };
                line.add(" ")
                    .with(|out| fmt::push_clock(out, sp.elapsed))
                    .add(" (")
                    .add(&fmt::permille(sp.share_permille))
                    .add(")");
            }
        }
    }
    for p in &state.pauses {
        let mut line = out.line(Tone::Normal);
        line.add("  Pause ")
            .with(|out| tz.push_time(out, p.start))
            .add(" → ");
        match p.end {
            Some(e) => line.with(|out| tz.push_time(out, e)),
            None => line.add("…"),
        };
        if let Some(d) = p.end.and_then(|e| (e - p.start).to_std().ok()) {
            line.add(" (").with(|out| fmt::push_clock(out, d)).add(")");
        }
        line.add(" : ").add(p.reason.label());
        if !p.detail.is_empty() {
            line.add(" — ").add(&p.detail);
        }
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
        out.line(Tone::Warning).fmt(format_args!(
            "  Annulé à {} : {what} de {phase} enregistré à {} (n° {})",
            tz.time(u.at),
            tz.time(u.recorded),
            u.seq
        ));
    }
    for a in &state.clock_anomalies {
        out.line(Tone::Error).fmt(format_args!(
            "  Horloge : {} à {} ({})",
            match a.kind {
                crate::session::ClockAnomalyKind::Backwards => "retour en arrière",
                crate::session::ClockAnomalyKind::Jump => "saut",
            },
            tz.time(a.at),
            fmt::seconds_ms(a.delta_ms)
        ));
    }
    for (ts, text) in &state.remarks {
        out.line(Tone::Dim)
            .add("  Remarque ")
            .with(|out| tz.push_time(out, *ts))
            .add(" : ")
            .add(text);
    }
}

/// The parts of a phase under its line: each with its switch, planned and actual; a switch the
/// jury never marked is said plainly (the parts' own durations are then unknown, and not judged).
fn part_lines(
    out: &mut impl Sink,
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
        let tone = match part.status {
            PartStatus::NotStarted | PartStatus::Unmeasured => Tone::Dim,
            PartStatus::Current => Tone::Warning,
            PartStatus::Done if part.elapsed > part.planned => Tone::Warning,
            PartStatus::Done => Tone::Normal,
        };
        // `      partie {k} « {intitule} »{ à from} : maximum {planned} · {text}`, by hand.
        let mut line = out.line(tone);
        line.add("      partie ")
            .with(|out| fmt::push_num(out, k as u64 + 1))
            .add(" « ")
            .add(&part.intitule)
            .add(" »");
        if let Some(at) = from {
            line.add(" à ").with(|out| report.tz.push_time(out, at));
        }
        line.add(" : maximum ")
            .with(|out| fmt::push_clock(out, part.planned))
            .add(" · ");
        match part.status {
            PartStatus::NotStarted => line.add("non commencée"),
            PartStatus::Unmeasured => line.add("durée inconnue"),
            PartStatus::Current => line
                .add("en cours, réel ")
                .with(|out| fmt::push_clock(out, part.elapsed)),
            PartStatus::Done if part.elapsed > part.planned => line
                .add("réel ")
                .with(|out| fmt::push_clock(out, part.elapsed))
                .add(" · dépassement ")
                .with(|out| fmt::push_clock(out, part.elapsed - part.planned)),
            PartStatus::Done => line
                .add("réel ")
                .with(|out| fmt::push_clock(out, part.elapsed)),
        };
    }
    if t.parts.iter().any(|x| x.status == PartStatus::Unmeasured) {
        out.line(Tone::Dim).add(
            "      Passage d’une partie à l’autre non marqué pendant la séance (touche n du \
             minuteur) : la durée de chaque partie est inconnue, seule celle de la phase est \
             mesurée.",
        );
    }
}
