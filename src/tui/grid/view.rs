//! Drawing the grid screen: the header (épreuve, candidate, status), the scrolling body (laid
//! out in `body`), the footer (live totals, level legend), then any open panel.
//!
//! The view scrolls to keep the cursor row whole in view, at any terminal size.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::body::{self, Ctx, WIDE, not_assessed};
use super::{GridScreen, locate, panels};
use crate::referentiel::{Epreuve, Forme, Referentiel};
use crate::session::{GridState, NotAssessed, Resultat, SeanceState};
use crate::timing::fmt_overtime;
use crate::tui::component::Cx;
use crate::tui::fmt::{self, truncate, width};
use crate::tui::theme::Theme;

/// Smallest area the grid can be drawn in.
pub(crate) const MIN_WIDTH: u16 = 40;
pub(crate) const MIN_HEIGHT: u16 = 10;

pub(super) fn render(
    s: &mut GridScreen,
    f: &mut Frame,
    area: Rect,
    r: &Referentiel,
    state: &SeanceState,
    theme: &Theme,
) {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let msg = format!(
            "Fenêtre trop petite pour la grille : {MIN_WIDTH}×{MIN_HEIGHT} au minimum \
             ({}×{} actuellement).",
            area.width, area.height
        );
        f.render_widget(
            Paragraph::new(msg)
                .style(theme.error())
                .wrap(Wrap { trim: true }),
            area,
        );
        return;
    }
    let (Some((e, forme)), Some(grid)) = (locate(r, state), s.grid(state)) else {
        let msg = format!(
            "Épreuve ou personne candidate inconnue : {}",
            state.info.epreuve
        );
        f.render_widget(Paragraph::new(msg).style(theme.error()), area);
        return;
    };
    let [header, body_area, footer] = Layout::vertical([
        Constraint::Length(4),
        Constraint::Min(1),
        Constraint::Length(2),
    ])
    .areas(area);
    let w = usize::from(area.width);
    f.render_widget(
        Paragraph::new(header_lines(s, r, state, e, forme, grid, w, theme)),
        header,
    );

    let ctx = Ctx {
        s,
        r,
        state,
        forme,
        grid,
        w,
        theme,
    };
    let body = body::body(&ctx);
    let h = usize::from(body_area.height);
    let total = body.lines.len();
    let (first, last) = body.spans.get(s.cursor).copied().unwrap_or((0, 0));
    s.scroll = scroll_to(s.scroll, first, last, total, h);
    let shown: Vec<Line> = body.lines.into_iter().skip(s.scroll).take(h).collect();
    f.render_widget(Paragraph::new(shown), body_area);
    let right = body_area.right().saturating_sub(1);
    if s.scroll > 0 {
        f.render_widget(
            Span::styled("▲", theme.dim()),
            Rect::new(right, body_area.y, 1, 1),
        );
    }
    if s.scroll + h < total {
        let y = body_area.bottom().saturating_sub(1);
        f.render_widget(Span::styled("▼", theme.dim()), Rect::new(right, y, 1, 1));
    }
    f.render_widget(Paragraph::new(footer_lines(r, e, grid, w, theme)), footer);
    panels::render(s, f, area, body_area, r, state, theme);
}

/// The first line to show so that lines `first..=last` are visible (as much as fits).
pub(crate) fn scroll_to(scroll: usize, first: usize, last: usize, total: usize, h: usize) -> usize {
    let mut top = scroll.min(total.saturating_sub(h));
    if last >= top + h {
        top = last + 1 - h;
    }
    if first < top {
        top = first;
    }
    top
}

/// A line with `left` and `right` at both ends; the left part is cut first.
fn two_sided<'a>(left: String, right: String, w: usize, ls: Style, rs: Style) -> Line<'a> {
    let rw = width(&right);
    if rw + 12 > w {
        return Line::styled(truncate(&left, w), ls);
    }
    let left = truncate(&left, w - rw - 2);
    let pad = w - width(&left) - rw;
    Line::from(vec![
        Span::styled(left, ls),
        Span::raw(" ".repeat(pad)),
        Span::styled(right, rs),
    ])
}

#[allow(clippy::too_many_arguments)]
fn header_lines<'a>(
    s: &GridScreen,
    r: &Referentiel,
    state: &SeanceState,
    e: &Epreuve,
    forme: &Forme,
    grid: &GridState,
    w: usize,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let situation = match forme.situation(&state.info.situation) {
        Some(sit) if forme.situations.len() > 1 => format!(" · situation {}", sit.id),
        _ => String::new(),
    };
    let title = format!("{} · {}", e.id, e.intitule);
    let form = format!("{}{situation}", forme.forme.label());
    let mut lines = vec![two_sided(title, form, w, theme.title(), theme.text())];
    if let Some(c) = s.candidate(state) {
        let rank = if s.n_cands > 1 {
            format!(" {}/{}", s.cand + 1, s.n_cands)
        } else {
            "".into()
        };
        let who = format!(
            "Personne candidate{rank} : {} {} · n° {} · {}",
            c.nom.to_uppercase(),
            c.prenom,
            c.numero,
            c.etablissement
        );
        // The switching hint only when it costs nothing of the candidate's identity.
        let hint = "c C : changer";
        let line = if s.n_cands > 1 && width(&who) + width(hint) + 2 <= w {
            two_sided(who, hint.into(), w, theme.text(), theme.dim())
        } else {
            Line::styled(truncate(&who, w), theme.text())
        };
        lines.push(line);
    }
    let (status, style) = if let Some(at) = grid.validated_at {
        let when = fmt::le_a(at, s.tz);
        let n = grid.amendments.len();
        let amended = if n > 0 {
            format!(" · {n} amendement(s)")
        } else {
            String::new()
        };
        (
            format!("✔ Grille validée {when}{amended} · toute modification demande un motif"),
            theme.ok(),
        )
    } else if grid.not_assessed.is_some() {
        // Absent or dispensé: counting criteria would suggest something is still to fill.
        (
            "seule la commission est requise · v : valider".to_string(),
            theme.dim(),
        )
    } else {
        let crits: Vec<&String> = s.comps.iter().flat_map(|(_, k)| k).collect();
        let placed = crits
            .iter()
            .filter(|k| {
                grid.positions.contains_key(k.as_str()) || grid.non_observes.contains(k.as_str())
            })
            .count();
        let no = crits
            .iter()
            .filter(|k| grid.non_observes.contains(k.as_str()))
            .count();
        let no = if no > 0 {
            format!(" ({no} NO)")
        } else {
            String::new()
        };
        let notes = s
            .comps
            .iter()
            .filter(|(c, _)| grid.notes.contains_key(c))
            .count();
        let progress = format!(
            "Grille en cours : {placed}/{} critères positionnés{no} · {notes}/{} notes · v : valider",
            crits.len(),
            s.comps.len()
        );
        (progress, theme.dim())
    };
    let status = match grid.not_assessed {
        Some(NotAssessed::Exempted) => format!("DISPENSÉ(E) DE L’ÉPREUVE · {status}"),
        Some(n) => format!("{} · {status}", not_assessed(n).to_uppercase()),
        None => status,
    };
    lines.push(Line::styled(truncate(&status, w), style));
    // Annexe IV, every form: the proposed note is the commission's, never said to the candidate.
    lines.push(Line::styled(
        truncate(&r.notation.proposition_non_communicable, w),
        theme.warning(),
    ));
    lines
}

fn footer_lines<'a>(
    r: &Referentiel,
    e: &Epreuve,
    grid: &GridState,
    w: usize,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let (total_max, final_max) = (r.notation.total_max, r.notation.note_finale_max);
    // The outcome is the domain's (`GridState::resultat`, under the référentiel's absence
    // rule): this only words it, as the notes file will.
    let totals = match grid.resultat(r, e) {
        Resultat::Note { sur60, sur20 } => format!(
            "Note globale : {} /{total_max} · Note /{final_max} : {} \
             (arrondie au ½ point supérieur)",
            sur60.fr(),
            sur20.fr()
        ),
        res @ Resultat::NonEvalue { sur20: Some(_), .. } => format!(
            "Note globale : {} /{total_max} · Note /{final_max} : {} ({})",
            res.sur60().unwrap_or_default().fr(),
            res.sur20().unwrap_or_default().fr(),
            res.statut()
        ),
        Resultat::NonEvalue {
            sur20: None,
            cause,
            statut,
        } => {
            let not_zero = if cause == NotAssessed::Exempted {
                " (une dispense n’est pas un zéro)"
            } else {
                ""
            };
            format!("Pas de note : {statut}{not_zero}")
        }
        Resultat::NonObtenue { statut } => format!("Pas de note : {statut}"),
        Resultat::Incomplet => {
            let k = e
                .competences
                .iter()
                .filter(|c| grid.notes.contains_key(*c))
                .count();
            format!(
                "Note globale (partielle, {k}/{} notes) : {} /{total_max} · Note /{final_max} : —",
                e.competences.len(),
                grid.partial_total(e).fr()
            )
        }
    };
    let sep = if w >= WIDE { " : " } else { " " };
    let mut legend = r
        .niveaux
        .niveaux
        .iter()
        .map(|n| format!("{}{sep}{}", n.code, n.libelle))
        .collect::<Vec<_>>()
        .join(" · ");
    if width(&legend) + 14 <= w {
        legend.push_str(" · l : détails");
    }
    vec![
        Line::styled(truncate(&totals, w), theme.title()),
        Line::styled(truncate(&legend, w), theme.dim()),
    ]
}

/// The running phase and its countdown, when one runs.
pub(super) fn status_line(cx: &Cx) -> Option<Line<'static>> {
    let theme = cx.theme();
    let (state, clock) = (cx.state?, cx.clock?);
    let i = clock.current?;
    let t = clock.phases.get(i)?;
    let p = state.info.phases.get(i)?;
    let (text, style) = if clock.paused {
        (
            format!("{} en pause", fmt::countdown(t.remaining)),
            theme.warning(),
        )
    } else if t.overtime.is_zero() {
        (
            format!("{} restant", fmt::countdown(t.remaining)),
            theme.urgency(t.urgency),
        )
    } else {
        (
            format!("{} de dépassement", fmt_overtime(t.overtime)),
            theme.urgency(t.urgency),
        )
    };
    Some(Line::from(vec![
        Span::styled(format!("{} · ", fmt::phase_name(p)), theme.dim()),
        Span::styled(text, style),
        Span::styled("   (Tab : minutage)", theme.dim()),
    ]))
}

#[cfg(test)]
mod tests {
    use super::scroll_to;

    #[test]
    fn scrolls_just_enough_to_show_the_cursor_row() {
        // 50 lines, 10 shown.
        assert_eq!(scroll_to(0, 3, 4, 50, 10), 0);
        assert_eq!(scroll_to(0, 12, 13, 50, 10), 4);
        assert_eq!(scroll_to(20, 12, 13, 50, 10), 12);
        // A row taller than the view shows its beginning.
        assert_eq!(scroll_to(0, 5, 30, 50, 10), 5);
        // Never past the end, even when the content shrank.
        assert_eq!(scroll_to(45, 0, 0, 20, 10), 0);
        assert_eq!(scroll_to(45, 18, 19, 20, 10), 10);
        assert_eq!(scroll_to(3, 0, 0, 0, 0), 0);
    }
}
