//! The grid screen's overlays: the appreciation editor, the amendment reason, the new member,
//! absence or dispense, PFMP, what is missing before validation, and the level legend.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::body::justified;
use super::{Focus, GridScreen, locate};
use crate::referentiel::Referentiel;
use crate::session::{Event, GridState, NotAssessed, SeanceState, commission_gaps};
use crate::tui::fmt::{truncate, wrap};
use crate::tui::theme::Theme;

pub(super) fn render(
    s: &mut GridScreen,
    f: &mut Frame,
    area: Rect,
    body: Rect,
    r: &Referentiel,
    state: &SeanceState,
    theme: &Theme,
) {
    let inner_w = usize::from(area.width.saturating_sub(4)).min(76);
    let lines: Vec<Line> = match &s.focus {
        Focus::Grid | Focus::Note { .. } => return,
        Focus::Appreciation { .. } => {
            let who = s
                .candidate(state)
                .map(|c| format!(" — {} {}", c.nom.to_uppercase(), c.prenom));
            let Some(editor) = s.editor.as_mut() else {
                return;
            };
            let h = body.height.min(14);
            let rect = Rect::new(body.x, body.bottom() - h, body.width, h);
            editor.set_block(
                Block::bordered()
                    .border_style(theme.title())
                    .title(Span::styled(
                        format!(" Appréciation générale{} ", who.unwrap_or_default()),
                        theme.title(),
                    ))
                    .title_bottom(Span::styled(
                        " Échap : enregistrer et fermer · Ctrl-S : enregistrer ",
                        theme.key(),
                    )),
            );
            editor.set_cursor_line_style(theme.text());
            editor.set_cursor_style(theme.selected());
            f.render_widget(Clear, rect);
            f.render_widget(&*editor, rect);
            return;
        }
        Focus::Reason { change, buf, .. } => {
            let mut l = vec![Line::styled(
                "Grille validée : toute modification est un amendement motivé.",
                theme.dim(),
            )];
            for t in wrap(
                &format!("Modification : {}", describe(change, s, r, state)),
                inner_w,
            ) {
                l.push(Line::raw(t));
            }
            l.push(Line::default());
            for t in wrap(&format!("Motif : {buf}_"), inner_w) {
                l.push(Line::styled(t, theme.key()));
            }
            l.push(Line::default());
            l.push(Line::styled(
                "Entrée : enregistrer l’amendement · Échap : annuler",
                theme.dim(),
            ));
            return boxed(f, area, " Amendement ", l, theme);
        }
        Focus::Member { nom, qualite } => {
            let mut l = vec![Line::styled(format!("Nom et prénom : {nom}_"), theme.key())];
            l.push(Line::raw("Qualité (↑ ↓) :"));
            for (i, q) in r.epreuves.qualites.iter().enumerate() {
                let (mark, style) = if i == *qualite {
                    ("●", theme.selected())
                } else {
                    ("○", theme.text())
                };
                l.push(Line::styled(
                    truncate(&format!("  {mark} {}", q.libelle), inner_w),
                    style,
                ));
            }
            // What the commission still lacks, so the right quality is chosen.
            if let Some((_, forme)) = locate(r, state) {
                let gaps = commission_gaps(&forme.commission, &state.members);
                if !gaps.is_empty() {
                    l.push(Line::default());
                }
                for g in gaps {
                    for t in wrap(&format!("⚠ {g}"), inner_w) {
                        l.push(Line::styled(t, theme.warning()));
                    }
                }
            }
            l.push(Line::default());
            l.push(Line::styled(
                "Entrée : ajouter · Échap : annuler",
                theme.dim(),
            ));
            l
        }
        Focus::Commission { cursor } => {
            super::commission::panel_lines(*cursor, r, state, inner_w, theme)
        }
        Focus::CommissionReason { changes, buf } => {
            super::commission::reason_lines(changes, buf, r, inner_w, theme)
        }
        Focus::Absence => {
            // What each answer gives is the domain's rule, worded here.
            let gives = |cause: NotAssessed| {
                let grid = GridState {
                    not_assessed: Some(cause),
                    ..GridState::default()
                };
                let note = locate(r, state).and_then(|(e, _)| grid.resultat(r, e).sur20());
                note.map_or("pas de note".to_string(), |n| format!("note {}", n.fr()))
            };
            let option = |key: &str, what: &str, cause: NotAssessed| {
                Line::styled(format!("  {key} : {what} ({})", gives(cause)), theme.key())
            };
            let mut lines = vec![
                Line::raw("La personne candidate est absente ou dispensée :"),
                option(
                    "j",
                    "absence justifiée",
                    NotAssessed::Absent { justified: true },
                ),
                option(
                    "n",
                    "absence non justifiée",
                    NotAssessed::Absent { justified: false },
                ),
                option("d", "dispensé(e) de l’épreuve", NotAssessed::Exempted),
            ];
            // An absence recorded by mistake (the candidate arrived late) is withdrawn here.
            if s.grid(state).is_some_and(GridState::is_absent) {
                lines.push(Line::styled(
                    "  r : retirer l’absence (la personne candidate est présente)",
                    theme.key(),
                ));
            }
            lines.extend([
                Line::default(),
                Line::styled("Échap : annuler", theme.dim()),
            ]);
            lines
        }
        Focus::Pfmp { weeks, positionne } => {
            let need = locate(r, state).and_then(|(_, f)| f.pfmp.clone());
            let mut l = vec![
                Line::styled(
                    format!("Semaines de PFMP effectuées : {weeks}_"),
                    theme.key(),
                ),
                Line::raw(format!(
                    "[{}] Positionné·e par décision du recteur (Tab pour changer)",
                    if *positionne { "x" } else { " " }
                )),
            ];
            let voie = s.grid(state).and_then(|g| g.voie);
            if let Some(v) = voie {
                l.push(Line::raw(format!("Voie de formation : {}", v.label())));
            }
            if let Some(n) = need {
                let text = match (voie, n.semaines_pour(voie, *positionne)) {
                    (Some(_), None) => "Requis : aucune durée (la voie l’atteste autrement)".into(),
                    (Some(_), Some(w)) => format!("Requis pour cette voie : {w} semaines"),
                    (None, _) => format!(
                        "Requis : {} semaines ({} si positionné·e)",
                        n.semaines, n.semaines_positionne
                    ),
                };
                l.push(Line::styled(text, theme.dim()));
            }
            l.push(Line::default());
            l.push(Line::styled(
                "Entrée : enregistrer · Échap : annuler",
                theme.dim(),
            ));
            l
        }
        Focus::Missing(items) => {
            let mut l = vec![Line::styled(
                "La grille ne peut pas encore être validée :",
                theme.error(),
            )];
            for item in items {
                for (j, t) in wrap(item, inner_w.saturating_sub(2))
                    .into_iter()
                    .enumerate()
                {
                    l.push(Line::raw(format!("{} {t}", if j == 0 { "•" } else { " " })));
                }
            }
            l.push(Line::default());
            l.push(Line::styled("Une touche pour fermer.", theme.dim()));
            l
        }
        Focus::Legend => {
            let mut l = Vec::new();
            for n in &r.niveaux.niveaux {
                l.push(Line::styled(
                    format!("{} : {}", n.code, n.libelle),
                    theme.title(),
                ));
                for t in wrap(&n.description, inner_w) {
                    l.push(Line::styled(t, theme.dim()));
                }
            }
            l
        }
    };
    let title = match &s.focus {
        Focus::Member { .. } => " Ajouter un membre de la commission ",
        Focus::Commission { .. } => " Commission d’évaluation ",
        Focus::CommissionReason { .. } => " Amendement de la commission ",
        Focus::Absence => " Absence ou dispense ",
        Focus::Pfmp { .. } => " Période de formation en milieu professionnel ",
        Focus::Missing(_) => " Validation ",
        _ => " Indicateurs de positionnement ",
    };
    boxed(f, area, title, lines, theme);
}

/// Draws `lines` in a bordered box centred in `area`, clipped to it.
fn boxed(f: &mut Frame, area: Rect, title: &str, mut lines: Vec<Line>, theme: &Theme) {
    let w = lines
        .iter()
        .map(Line::width)
        .max()
        .unwrap_or(0)
        .max(title.chars().count())
        + 4;
    let max_h = usize::from(area.height);
    if lines.len() + 2 > max_h {
        lines.truncate(max_h.saturating_sub(3));
        lines.push(Line::styled("…", theme.dim()));
    }
    let w = u16::try_from(w).unwrap_or(u16::MAX).min(area.width);
    let h = u16::try_from(lines.len() + 2)
        .unwrap_or(u16::MAX)
        .min(area.height);
    let rect = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    );
    let block = Block::bordered()
        .border_style(theme.title())
        .title(Span::styled(title.to_string(), theme.title()));
    f.render_widget(Clear, rect);
    f.render_widget(Paragraph::new(lines).block(block), rect);
}

/// What a change to a validated grid does, old value → new value.
fn describe(change: &Event, s: &GridScreen, r: &Referentiel, state: &SeanceState) -> String {
    let grid = s.grid(state);
    let old_pos = |k: &str| match grid.and_then(|g| g.positions.get(k)) {
        Some(n) => n.code().to_string(),
        None if grid.is_some_and(|g| g.non_observes.contains(k)) => "non observé".into(),
        None => "—".into(),
    };
    match change {
        Event::CriterionPositioned {
            critere, niveau, ..
        } => {
            format!("{critere} : {} → {}", old_pos(critere), niveau.code())
        }
        Event::CriterionCleared { critere, .. } => {
            format!("{critere} : {} → effacé", old_pos(critere))
        }
        Event::CriterionNotObserved { critere, .. } => {
            format!("{critere} : {} → non observé", old_pos(critere))
        }
        Event::NoteSet {
            competence, note, ..
        } => {
            let old = grid
                .and_then(|g| g.notes.get(competence))
                .map_or("—".into(), |n| n.fr());
            format!(
                "{competence} : note {old} → {} /{}",
                note.fr(),
                r.notation.note_max_competence
            )
        }
        Event::AppreciationSet { .. } => "appréciation générale réécrite".into(),
        Event::CandidateAbsent { justified: j, .. } => format!("absence {}", justified(*j)),
        Event::CandidateExempted { .. } => "dispense de l’épreuve".into(),
        Event::PfmpRecorded {
            weeks, positionne, ..
        } => format!(
            "PFMP : {weeks} semaine(s){}",
            if *positionne { ", positionné·e" } else { "" }
        ),
        other => other.kind().to_string(),
    }
}
