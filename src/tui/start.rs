//! The start screen: the séances found in the sessions directory, unfinished ones first (each
//! resumable with Enter), then finished ones; `n` opens the new-séance wizard.
//!
//! Each log is read and replayed through the same fold as everything else, so what the list
//! says (phase running, grids validated) is what the séance holds.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, Utc};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::fmt;
use super::theme::Theme;
use crate::referentiel::{FormeKind, Referentiel};
use crate::session::{self, Candidat, Membre, SeanceState};

/// Where a séance stands.
#[derive(Debug, Clone, PartialEq)]
pub enum Progress {
    NotStarted,
    Running {
        phase: String,
    },
    Paused {
        phase: String,
    },
    /// Every phase has run; the grid may still be open.
    TimingDone,
}

/// What the start screen knows of a séance it could read.
#[derive(Debug, Clone, PartialEq)]
pub struct Overview {
    pub epreuve: String,
    pub forme: FormeKind,
    pub situation: String,
    pub candidats: Vec<Candidat>,
    pub members: Vec<Membre>,
    pub opened_at: DateTime<Utc>,
    pub vitesse: Option<u32>,
    pub progress: Progress,
    /// Grids validated / candidates.
    pub validated: (usize, usize),
}

impl Overview {
    pub fn of(state: &SeanceState) -> Overview {
        let progress = match state.running() {
            Some(run) if state.is_paused() => Progress::Paused {
                phase: run.phase.clone(),
            },
            Some(run) => Progress::Running {
                phase: run.phase.clone(),
            },
            None if state.runs.is_empty() => Progress::NotStarted,
            None => Progress::TimingDone,
        };
        let validated = state.grids.values().filter(|g| g.is_validated()).count();
        Overview {
            epreuve: state.info.epreuve.clone(),
            forme: state.info.forme,
            situation: state.info.situation.clone(),
            candidats: state.info.candidats.clone(),
            members: state.members.clone(),
            opened_at: state.opened_at,
            vitesse: state.info.vitesse,
            progress,
            validated: (validated, state.grids.len()),
        }
    }

    /// Finished once every candidate's grid is validated.
    pub fn finished(&self) -> bool {
        self.validated.0 == self.validated.1
    }
}

/// One line of the list: a séance log and what could be read of it.
#[derive(Debug, Clone, PartialEq)]
pub struct SeanceSummary {
    pub path: PathBuf,
    pub id: String,
    /// The French reason when the log cannot be read or replayed.
    pub overview: Result<Overview, String>,
}

impl SeanceSummary {
    pub fn finished(&self) -> bool {
        self.overview.as_ref().is_ok_and(Overview::finished)
    }
}

/// Reads every log of `dir`: unfinished séances first, then finished ones, newest first in each.
/// A directory that does not exist yet holds no séance.
pub fn scan(dir: &Path, r: &Referentiel) -> Result<Vec<SeanceSummary>, String> {
    if !dir.exists() {
        return Ok(Vec::new());
    }
    let paths = session::list_logs(dir).map_err(|e| e.to_string())?;
    let mut out: Vec<SeanceSummary> = paths.into_iter().map(|p| summary(dir, r, p)).collect();
    sort(&mut out);
    Ok(out)
}

pub fn sort(list: &mut [SeanceSummary]) {
    list.sort_by_key(|s| {
        let opened = s.overview.as_ref().map(|o| o.opened_at).ok();
        (s.finished(), std::cmp::Reverse(opened), s.id.clone())
    });
}

fn summary(dir: &Path, r: &Referentiel, path: PathBuf) -> SeanceSummary {
    let id = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let overview = session::read_log(&path)
        .map_err(|e| e.to_string())
        .and_then(|log| {
            // Most séances need no earlier grids; only when the plain replay is refused (an
            // amendment of a grid validated in an earlier séance) are the others read.
            session::replay(r, &log.records, &BTreeMap::new())
                .or_else(|first| {
                    let Some(session::Event::SeanceOpened { seance }) =
                        log.records.first().map(|rec| &rec.event)
                    else {
                        return Err(first);
                    };
                    let prior = session::prior_grids_for(dir, r, seance, Some(&id))
                        .map_err(|_| first.clone())?;
                    session::replay(r, &log.records, &prior)
                })
                .map_err(|e| e.to_string())
        })
        .map(|state| Overview::of(&state));
    SeanceSummary { path, id, overview }
}

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
    pub tz: FixedOffset,
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
    let unfinished = v.seances.iter().filter(|s| !s.finished()).count();
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
        let selected = i == v.cursor;
        let marker = if selected { "▶ " } else { "  " };
        let text = fmt::fit(&describe(s, v.tz), width);
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
    if v.seances.is_empty() && v.scan_error.is_none() {
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
    let block = Block::new().borders(Borders::TOP).title(" Séances ");
    f.render_widget(
        Paragraph::new(lines)
            .block(block)
            .scroll((scroll as u16, 0)),
        list,
    );
}

/// One séance on one line: épreuve, candidates, where it stands.
pub fn describe(s: &SeanceSummary, tz: FixedOffset) -> String {
    let o = match &s.overview {
        Ok(o) => o,
        Err(e) => return format!("{} — illisible : {e}", s.id),
    };
    let state = match &o.progress {
        _ if o.finished() => "grille validée".to_string(),
        Progress::NotStarted => "non commencée".to_string(),
        Progress::Running { phase } => format!("phase {phase} en cours"),
        Progress::Paused { phase } => format!("phase {phase} en pause"),
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
