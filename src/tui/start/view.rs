//! Drawing the start screen: the sessions folder, what was imported, the day's passages with the
//! offset on the planning (when there is a plan), then the séances (unfinished first), the
//! selected line highlighted and kept in view.

use std::path::Path;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{Day, Progress, SeanceSummary};
use crate::convocations::Etat;
use crate::review::Tz;
use crate::tui::fmt;
use crate::tui::theme::Theme;

/// What the start screen shows besides the list.
pub struct StartView<'a> {
    pub seances: &'a [SeanceSummary],
    pub cursor: usize,
    pub dir: &'a Path,
    pub imported: usize,
    pub rejected: usize,
    pub scan_error: Option<&'a str>,
    /// Why no séance can be written in the folder, if so.
    pub dir_error: Option<&'a str>,
    pub tz: Tz,
    /// Today's part of the plan, and its passages' candidates named.
    pub day: Option<&'a Day>,
    pub names: &'a [String],
    pub hide_training: bool,
    /// The question after `a` (justified or not), when it is asked.
    pub absence: Option<String>,
}

pub fn render(f: &mut Frame, area: Rect, v: &StartView, theme: &Theme) {
    let [head, list] = Layout::vertical([Constraint::Length(3), Constraint::Min(1)]).areas(area);
    let mut info = vec![
        Span::styled("Séances : ", theme.dim()),
        Span::raw(v.dir.display().to_string()),
    ];
    if v.imported > 0 || v.rejected > 0 {
        info.push(Span::styled("   Candidats importés : ", theme.dim()));
        info.push(Span::raw(v.imported.to_string()));
        if v.rejected > 0 {
            info.push(Span::styled(
                format!(" ({} ligne(s) ignorée(s))", v.rejected),
                theme.warning(),
            ));
        }
    }
    let head_text = vec![
        Line::styled(
            "sno-jury — minutage et grilles d’évaluation · MC SNO",
            theme.title(),
        ),
        Line::from(info),
    ];
    let mut head_text = head_text;
    if v.hide_training {
        head_text.push(Line::styled(
            "Séances d’entraînement masquées (e : les montrer)",
            theme.warning(),
        ));
    }
    f.render_widget(Paragraph::new(head_text), head);

    let width = list.width.saturating_sub(4) as usize;
    let mut lines = Vec::new();
    if let Some(err) = v.dir_error {
        for text in [
            format!("Impossible d’écrire dans le dossier des séances : {err}."),
            "Aucune séance ne pourra être ouverte ici : relancez avec --sessions DOSSIER.".into(),
        ] {
            lines.push(Line::styled(text, theme.error()));
        }
    }
    if let Some(err) = v.scan_error {
        lines.push(Line::styled(
            format!("Dossier illisible : {err}"),
            theme.error(),
        ));
    }
    let first = match v.day {
        Some(day) => {
            day_lines(&mut lines, day, v, width, theme);
            day.passages.len()
        }
        None => 0,
    };
    let unfinished = v.seances.iter().filter(|s| !s.finished()).count();
    if v.day.is_some() && !v.seances.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Hors planning", theme.title()));
    }
    for (i, s) in v.seances.iter().enumerate() {
        if i == 0 && unfinished > 0 {
            lines.push(Line::styled("Séances en cours", theme.title()));
        }
        if i == unfinished {
            if i > 0 {
                lines.push(Line::raw(""));
            }
            lines.push(Line::styled("Séances terminées", theme.title()));
        }
        let selected = first + i == v.cursor;
        let marker = if selected { "▶ " } else { "  " };
        let text = fmt::truncate(&describe(s, v.tz), width);
        let style = if selected {
            theme.selected()
        } else if s.overview.is_err() {
            theme.error()
        } else {
            theme.text()
        };
        lines.push(Line::from(vec![
            Span::styled(marker, theme.key()),
            Span::styled(text, style),
        ]));
    }
    if v.seances.is_empty() && v.scan_error.is_none() && v.day.is_none() {
        lines.push(Line::raw(""));
        lines.push(Line::from(vec![
            Span::raw("Aucune séance pour l’instant. "),
            Span::styled("n", theme.key()),
            Span::raw(" : ouvrir une nouvelle séance."),
        ]));
    }
    // Keep the selection visible on long lists.
    let height = list.height.saturating_sub(2) as usize;
    let selected_line = lines
        .iter()
        .position(|l| l.spans.first().is_some_and(|s| s.content == "▶ "))
        .unwrap_or(0);
    let scroll = selected_line.saturating_sub(height.saturating_sub(1));
    let title = if v.day.is_some() {
        " Journée "
    } else {
        " Séances "
    };
    let block = Block::new().borders(Borders::TOP).title(title);
    f.render_widget(
        Paragraph::new(lines)
            .block(block)
            .scroll((scroll as u16, 0)),
        list,
    );
}

/// The day's passages: its title with the offset, one line per passage, the question after
/// `a`.
fn day_lines<'l>(lines: &mut Vec<Line<'l>>, day: &Day, v: &StartView, width: usize, theme: &Theme) {
    let mut title = vec![Span::styled(
        format!(
            "Convocations du jour{}",
            if day.training { " (entraînement)" } else { "" }
        ),
        theme.title(),
    )];
    if let Some(d) = &day.decalage {
        title.push(Span::raw(" · "));
        let style = if d.starts_with('+') {
            theme.warning()
        } else {
            theme.ok()
        };
        title.push(Span::styled(d.clone(), style));
    }
    lines.push(Line::from(title));
    if day.passages.is_empty() {
        lines.push(Line::styled(
            format!(
                "Aucun passage prévu aujourd’hui ({} passage(s) d’autres jours).",
                day.other_days
            ),
            theme.dim(),
        ));
    }
    for (i, p) in day.passages.iter().enumerate() {
        let etat = day.etats[i];
        let next = day.prochain == Some(i);
        let label = if next { "suivant" } else { etat.label() };
        let salle = if p.salle.is_empty() {
            String::new()
        } else {
            format!("  {}", p.salle)
        };
        let text = format!(
            "{}  {:<9} {} {} {}{}  {}",
            p.debut.format("%H:%M"),
            label,
            p.epreuve,
            p.forme.label(),
            p.situation,
            salle,
            v.names.get(i).map_or("", String::as_str)
        );
        let style = if i == v.cursor {
            theme.selected()
        } else if next {
            theme.key()
        } else if matches!(etat, Etat::Termine | Etat::Absent) {
            theme.dim()
        } else if etat == Etat::AValider {
            theme.warning()
        } else {
            theme.text()
        };
        let marker = if i == v.cursor { "▶ " } else { "  " };
        lines.push(Line::from(vec![
            Span::styled(marker, theme.key()),
            Span::styled(fmt::truncate(&text, width), style),
        ]));
    }
    if let Some(q) = &v.absence {
        for l in fmt::wrap(q, width) {
            lines.push(Line::styled(l, theme.warning()));
        }
    }
}

/// One séance on one line: épreuve, candidates, where it stands.
pub fn describe(s: &SeanceSummary, tz: Tz) -> String {
    let o = match &s.overview {
        Ok(o) => o,
        Err(e) => return format!("{} — illisible : {e}", s.id),
    };
    let state = match &o.progress {
        _ if o.finished() => "grille validée".to_string(),
        Progress::NotStarted => "non commencée".to_string(),
        Progress::Running { phase } => format!("{phase} en cours"),
        Progress::Paused { phase } => format!("{phase} en pause"),
        Progress::TimingDone if o.validated.0 > 0 => {
            format!("{}/{} grilles validées", o.validated.0, o.validated.1)
        }
        Progress::TimingDone => "grille à compléter".to_string(),
    };
    let training = o
        .vitesse
        .filter(|&v| v > 1)
        .map(|v| format!(" · entraînement ×{v}"))
        .unwrap_or_default();
    format!(
        "{} {} {} · {} · {} · {}{}",
        o.epreuve,
        o.forme.label(),
        o.situation,
        fmt::candidats(&o.candidats),
        state,
        fmt::day_hm(o.opened_at, tz),
        training
    )
}
