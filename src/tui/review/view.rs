//! Drawing the review screen: the table of candidate × épreuve with its filter bar, or the
//! detail view of the selected entry. Pure rendering from the state and the report.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, TableState, Wrap};

use super::keys::{DETAIL_HELP, SEARCH_HELP, TABLE_HELP};
use super::state::{ReviewState, SortKey, View};
use crate::referentiel::Referentiel;
use crate::review::detail::{self, Tone};
use crate::review::{Report, text};
use crate::tui::theme::Theme;

/// Short column titles for the terminal (the text report uses the long ones).
const HEADERS: [&str; 9] = [
    "Candidat", "N°", "Ép.", "Forme", "Sit.", "Date(s)", "Statut", "/20", "Anom.",
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

/// Draws the whole screen; returns the number of body rows (for page up/down).
pub fn render(
    frame: &mut Frame,
    r: &Referentiel,
    report: &Report,
    state: &ReviewState,
    theme: &Theme,
) -> usize {
    let [head, body, foot] = Layout::vertical([
        Constraint::Length(if report.orphans.is_empty() { 2 } else { 3 }),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(frame.area());
    header(frame, head, report, state, theme);
    let help = if state.editing.is_some() {
        SEARCH_HELP
    } else if matches!(state.view, View::Table) {
        TABLE_HELP
    } else {
        DETAIL_HELP
    };
    frame.render_widget(Paragraph::new(help).style(theme.dim()), foot);
    match state.view {
        View::Table => table(frame, body, r, report, state, theme),
        View::Detail { scroll } => detail_view(frame, body, r, report, state, theme, scroll),
    }
    usize::from(body.height.saturating_sub(3))
}

fn header(frame: &mut Frame, area: Rect, report: &Report, state: &ReviewState, theme: &Theme) {
    let mut lines = vec![Line::from(vec![
        Span::styled("Revue des séances ", theme.title()),
        Span::styled(format!("— {}", report.dir.display()), theme.dim()),
        Span::raw(" · "),
        Span::raw(text::summary(report)),
    ])];
    let search = match &state.editing {
        Some(t) => format!("« {t}▏»"),
        None if state.search.is_empty() => "—".into(),
        None => format!("« {} »", state.search),
    };
    let arrow = if state.descending { "↓" } else { "↑" };
    lines.push(Line::from(vec![
        Span::styled("Filtres ", theme.key()),
        Span::raw(format!(
            "épreuve : {} · statut : {} · anomalies seules : {} · recherche : {search}",
            state.epreuve.as_deref().unwrap_or("toutes"),
            state.status.map_or("tous", |s| s.label()),
            if state.anomalies_only { "oui" } else { "non" },
        )),
        Span::styled(
            format!(
                " · tri : {} {arrow} · {} ligne(s)",
                text::COLUMNS[state.sort.index()],
                state.visible().len()
            ),
            theme.dim(),
        ),
    ]));
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
    let rows = state.visible().iter().map(|&i| {
        let e = &report.entries[i];
        let mut cells = text::row(r, report, e);
        // One date and a count keep the column narrow.
        let dates = e.dates(report);
        cells[5] = match dates.split_first() {
            Some((d, rest)) if !rest.is_empty() => {
                format!("{} +{}", report.tz.date(*d), rest.len())
            }
            Some((d, _)) => report.tz.date(*d),
            None => String::new(),
        };
        cells[3] = if e.training {
            format!("{} ×", e.forme.label())
        } else {
            e.forme.label().into()
        };
        let anomalies = e.anomalies.len();
        Row::new(cells.into_iter().enumerate().map(|(c, text)| {
            let style = match c {
                8 if anomalies > 0 => theme.error(),
                6 => match e.status {
                    crate::review::Status::Validee | crate::review::Status::Absent => theme.ok(),
                    crate::review::Status::AValider => theme.warning(),
                    crate::review::Status::EnCours => theme.text(),
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
        Constraint::Length(13),
        Constraint::Length(9),
        Constraint::Length(8),
        Constraint::Length(5),
    ];
    let mut ts = TableState::default().with_selected(Some(state.selected));
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
) {
    let Some(e) = state.current(report) else {
        return;
    };
    let lines: Vec<Line> = detail::lines(r, report, e)
        .into_iter()
        .map(|l| Line::styled(l.text, tone(theme, l.tone)))
        .collect();
    let pos = format!(" Détail {}/{} ", state.selected + 1, state.visible().len());
    let p = Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .scroll((scroll, 0))
        .block(Block::default().borders(Borders::TOP).title(pos));
    frame.render_widget(p, area);
}

/// Every column of the table is a sort key.
const _: () = assert!(SortKey::ALL.len() == HEADERS.len());
