//! Drawing the review screen: the table of candidate × épreuve with its filter bar, or the
//! detail view of the selected entry. Pure rendering from the state and the report.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, TableState, Wrap};

use super::sort::SortKey;
use super::state::{ReviewState, View};
use crate::referentiel::Referentiel;
use crate::review::detail::{self, Tone};
use crate::review::{Report, Status, text};
use crate::session::{NotAssessed, Resultat};
use crate::tui::theme::Theme;

/// Short column titles for the terminal (the text report uses the long ones).
const HEADERS: [&str; 9] = [
    "Candidat", "N°", "Ép.", "Forme", "Sit.", "Date(s)", "Statut", "/20", "Anom",
];

fn tone(theme: &Theme, t: Tone) -> Style {
    match t {
        Tone::Title => theme.title(),
        Tone::Heading => theme.key(),
        Tone::Normal => theme.text(),
        Tone::Dim => theme.dim(),
        Tone::Ok => theme.ok(),
        Tone::Warning => theme.warning(),
        Tone::Error => theme.error(),
    }
}

/// What a frame tells the state: rows per page, and how far the detail view can scroll.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Drawn {
    pub page: usize,
    pub max_scroll: u16,
}

/// Draws the whole screen.
pub fn render(
    frame: &mut Frame,
    r: &Referentiel,
    report: &Report,
    state: &ReviewState,
    theme: &Theme,
) -> Drawn {
    render_in(frame, frame.area(), r, report, state, theme)
}

/// Draws the review in `area` (the whole screen, or below the live board of `--suivre`).
pub fn render_in(
    frame: &mut Frame,
    area: Rect,
    r: &Referentiel,
    report: &Report,
    state: &ReviewState,
    theme: &Theme,
) -> Drawn {
    let help = super::keys::footer(state);
    let width = area.width.max(1);
    let help_rows = u16::try_from(help.chars().count())
        .unwrap_or(u16::MAX)
        .div_ceil(width)
        .clamp(1, 2);
    let orphans = u16::from(!report.orphans.is_empty());
    // The message names a folder: up to two rows, so its path is not cut.
    let said = state.message.as_ref().map_or(0, |m| {
        u16::try_from(m.chars().count())
            .unwrap_or(u16::MAX)
            .div_ceil(width)
            .clamp(1, 2)
    });
    let [head, body, message, foot] = Layout::vertical([
        Constraint::Length(3 + orphans),
        Constraint::Fill(1),
        Constraint::Length(said),
        Constraint::Length(help_rows),
    ])
    .areas(area);
    if let Some(m) = &state.message {
        let style = if m.starts_with("Impression impossible") {
            theme.error()
        } else {
            theme.ok()
        };
        frame.render_widget(
            Paragraph::new(m.as_str())
                .style(style)
                .wrap(Wrap { trim: true }),
            message,
        );
    }
    header(frame, head, report, state, theme);
    frame.render_widget(
        Paragraph::new(help.as_str())
            .style(theme.dim())
            .wrap(Wrap { trim: true }),
        foot,
    );
    let max_scroll = match state.view {
        View::Table => {
            table(frame, body, r, report, state, theme);
            0
        }
        View::Detail { scroll } => detail_view(frame, body, r, report, state, theme, scroll),
        View::Harmonisation { scroll } => {
            let view = state.harmonisation(r, report);
            super::harmonisation::render(frame, body, view, scroll, theme)
        }
    };
    Drawn {
        page: usize::from(body.height.saturating_sub(3)).max(1),
        max_scroll,
    }
}

fn header(frame: &mut Frame, area: Rect, report: &Report, state: &ReviewState, theme: &Theme) {
    let count = |st: Status| report.entries.iter().filter(|e| e.status == st).count();
    let mut counts: Vec<Span> = Vec::new();
    for st in Status::ALL {
        let n = count(st);
        if n > 0 || st.counted_at_zero() {
            counts.push(Span::raw(format!("{} {n} · ", st.label())));
        }
    }
    let flagged = report
        .entries
        .iter()
        .filter(|e| !e.anomalies.is_empty())
        .count();
    counts.push(Span::styled(
        format!("avec anomalie(s) {flagged}"),
        if flagged > 0 {
            theme.error()
        } else {
            theme.ok()
        },
    ));
    let arrow = if state.descending { "↓" } else { "↑" };
    let search = match &state.editing {
        Some(t) => format!("« {t}▏»"),
        None if state.search.is_empty() => "—".into(),
        None => format!("« {} »", state.search),
    };
    let mut lines = vec![
        Line::from(vec![
            Span::styled("Revue des séances", theme.title()),
            Span::raw(format!(
                " · {} séance(s) · tri : {} {arrow} · ",
                report.seances.len(),
                text::COLUMNS[state.sort.index()]
            )),
            Span::styled(report.folders(), theme.dim()),
        ]),
        Line::from(counts),
        Line::from(vec![
            Span::styled(
                format!("{}/{} lignes", state.visible().len(), report.entries.len()),
                theme.key(),
            ),
            Span::raw(format!(
                " · épreuve {} · statut {} · anomalies seules {} · recherche {search}",
                state.epreuve.as_deref().unwrap_or("toutes"),
                state.status.map_or("tous", |s| s.label()),
                if state.anomalies_only { "oui" } else { "non" },
            )),
        ]),
    ];
    if !report.orphans.is_empty() {
        lines.push(Line::styled(
            format!(
                "⚠ {} journal(journaux) illisible(s) sans personne candidate : {}",
                report.orphans.len(),
                text::orphan_lines(report).join(" ; ")
            ),
            theme.error(),
        ));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn table(
    frame: &mut Frame,
    area: Rect,
    r: &Referentiel,
    report: &Report,
    state: &ReviewState,
    theme: &Theme,
) {
    let header = Row::new(HEADERS.iter().enumerate().map(|(i, h)| {
        let s = if i == state.sort.index() {
            theme.key()
        } else {
            theme.title()
        };
        Cell::from(*h).style(s)
    }));
    // Only the rows on screen are built (a session can hold thousands); the list scrolls a
    // page at a time around the selection.
    let height = usize::from(area.height.saturating_sub(2)).max(1);
    let offset = state.selected / height * height;
    let shown = &state.visible()[offset.min(state.visible().len())..];
    let shown = &shown[..height.min(shown.len())];
    let rows = shown.iter().map(|&i| {
        let e = &report.entries[i];
        let mut cells = text::row(r, report, e);
        // Narrow forms of the long cells: one short date and a count, a dash for the single
        // situation, "entraîn." for a training run, a short absence or dispense.
        let dates = e.dates(report);
        cells[5] = match dates.split_first() {
            Some((d, rest)) if !rest.is_empty() => {
                format!("{} +{}", report.tz.date_short(*d), rest.len())
            }
            Some((d, _)) => report.tz.date_short(*d),
            None => String::new(),
        };
        if e.training {
            cells[3] = "entraîn.".into();
        }
        if cells[4] == "unique" {
            cells[4] = "–".into();
        }
        // The outcome is the domain's; the narrow column only shortens its words.
        if let Some(res) = r.epreuve(&e.epreuve).map(|ep| e.grid.resultat(r, ep))
            && let Resultat::NonEvalue { cause, sur20, .. } = res
        {
            let what = match cause {
                NotAssessed::Absent { .. } => "abs",
                NotAssessed::Exempted => "disp.",
            };
            cells[7] = match sur20 {
                Some(n) => format!("{} {what}", n.fr()),
                None => what.to_string(),
            };
        }
        let anomalies = e.anomalies.len();
        Row::new(cells.into_iter().enumerate().map(|(c, text)| {
            let style = match c {
                8 if anomalies > 0 => theme.error(),
                6 => match e.status {
                    Status::Validee | Status::Absent | Status::Dispense => theme.ok(),
                    Status::AValider => theme.warning(),
                    Status::EnCours => theme.text(),
                    Status::Conflit | Status::IntegriteRompue => theme.error(),
                },
                _ => theme.text(),
            };
            Cell::from(text).style(style)
        }))
    });
    let widths = [
        Constraint::Fill(1),
        Constraint::Length(11),
        Constraint::Length(3),
        Constraint::Length(8),
        Constraint::Length(4),
        Constraint::Length(11),
        Constraint::Length(9),
        Constraint::Length(5),
        Constraint::Length(4),
    ];
    let mut ts = TableState::default().with_selected(Some(state.selected - offset));
    let empty = state.visible().is_empty();
    let title = if empty {
        " Aucune ligne ne correspond aux filtres "
    } else {
        " Candidat × épreuve "
    };
    let t = Table::new(rows, widths)
        .header(header)
        .column_spacing(1)
        .row_highlight_style(theme.selected())
        .highlight_symbol("▶ ")
        .block(Block::default().borders(Borders::TOP).title(title));
    frame.render_stateful_widget(t, area, &mut ts);
}

fn detail_view(
    frame: &mut Frame,
    area: Rect,
    r: &Referentiel,
    report: &Report,
    state: &ReviewState,
    theme: &Theme,
    scroll: u16,
) -> u16 {
    let Some(e) = state.current(report) else {
        return 0;
    };
    let lines: Vec<Line> = detail::lines(r, report, e)
        .into_iter()
        .map(|l| Line::styled(l.text, tone(theme, l.tone)))
        .collect();
    // Rows once wrapped, estimated from the widths (word wrapping may add a few): enough to
    // stop the view scrolling into emptiness.
    let w = usize::from(area.width.max(1));
    let rows: usize = lines.iter().map(|l| l.width().div_ceil(w).max(1)).sum();
    let max_scroll = u16::try_from(rows.saturating_sub(usize::from(area.height.saturating_sub(1))))
        .unwrap_or(u16::MAX);
    let scroll = scroll.min(max_scroll);
    let pos = format!(" Détail {}/{} ", state.selected + 1, state.visible().len());
    let p = Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .scroll((scroll, 0))
        .block(Block::default().borders(Borders::TOP).title(pos));
    frame.render_widget(p, area);
    max_scroll
}

/// Every column of the table is a sort key.
const _: () = assert!(SortKey::ALL.len() == HEADERS.len());
