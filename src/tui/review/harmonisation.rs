//! Drawing the harmonisation view of the review screen: per épreuve, the statistics of all its
//! notes, then per commission its effectif, moyenne, médiane, écart type, min–max, a histogram
//! of the notes /20 (ten bars of two points), the TI / I / S / TS shares per competence, and,
//! in the warning colour, why it is to be examined by the commission d'harmonisation. The
//! figures and the words are the domain's ([`crate::review::harmonisation`]); this only lays
//! them out. It scrolls by block (an épreuve's line or a commission), so a histogram is never
//! cut in half.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Borders, Paragraph, Wrap};

use crate::review::harmonisation::{BARRES, Commission, Epreuve, Stats, fr};
use crate::tui::theme::Theme;

/// Rows of a histogram: four rows of bar, the counts, the labels.
const CHART_ROWS: u16 = 6;

/// One block of the view.
enum Item<'a> {
    Epreuve(&'a Epreuve),
    /// A commission, with its épreuve (whose tallest bar sets every histogram's scale).
    Commission(&'a Epreuve, &'a Commission),
}

impl Item<'_> {
    fn height(&self, width: u16) -> u16 {
        match self {
            Item::Epreuve(e) => {
                let text = u16::try_from(epreuve_text(e).chars().count()).unwrap_or(u16::MAX);
                text.div_ceil(width.max(1)).clamp(1, 2)
            }
            Item::Commission(_, c) => {
                let profils = u16::try_from(c.profils.len()).unwrap_or(u16::MAX);
                // Title, figures, histogram, one line per competence, the warning, a blank.
                2 + CHART_ROWS + profils + warning_rows(c, width) + 1
            }
        }
    }
}

/// Rows the warning takes once wrapped at `width` (none without a warning).
fn warning_rows(c: &Commission, width: u16) -> u16 {
    c.a_examiner.as_ref().map_or(0, |w| {
        let text = u16::try_from(w.chars().count() + 4).unwrap_or(u16::MAX);
        text.div_ceil(width.saturating_sub(2).max(1)).clamp(1, 3)
    })
}

fn items(view: &[Epreuve]) -> Vec<Item<'_>> {
    view.iter()
        .flat_map(|e| {
            std::iter::once(Item::Epreuve(e))
                .chain(e.commissions.iter().map(move |c| Item::Commission(e, c)))
        })
        .collect()
}

/// How many blocks the view has: the last one is as far as it scrolls.
pub fn blocks(view: &[Epreuve]) -> usize {
    items(view).len()
}

fn figures(s: &Stats) -> String {
    format!(
        "effectif {} · moyenne {} · médiane {} · écart type {} · min–max {}–{}",
        s.n,
        fr(s.moyenne),
        fr(s.mediane),
        fr(s.ecart_type),
        s.min.fr(),
        s.max.fr()
    )
}

/// Draws the view from block `scroll` on; returns the last block it can scroll to.
pub fn render(frame: &mut Frame, area: Rect, view: &[Epreuve], scroll: u16, theme: &Theme) -> u16 {
    let block = Block::default()
        .borders(Borders::TOP)
        .title(" Harmonisation : les commissions de chaque épreuve ");
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let all = items(view);
    if all.is_empty() {
        frame.render_widget(
            Paragraph::new("Aucune grille validée et notée : rien à comparer.").style(theme.dim()),
            inner,
        );
        return 0;
    }
    let max_scroll = u16::try_from(all.len() - 1).unwrap_or(u16::MAX);
    let mut y = inner.y;
    let bottom = inner.y + inner.height;
    let shown = &all[usize::from(scroll.min(max_scroll))..];
    for (k, item) in shown.iter().enumerate() {
        let h = item.height(inner.width);
        // An épreuve's line goes with its first commission: alone at the foot it would head
        // nothing.
        let with_next = match (item, shown.get(k + 1)) {
            (Item::Epreuve(_), Some(next)) => h + next.height(inner.width),
            _ => h,
        };
        // A block that does not fit is left for the next page, unless it is the first.
        if y + with_next > bottom && y > inner.y {
            break;
        }
        let rect = Rect::new(inner.x, y, inner.width, h.min(bottom - y));
        match item {
            Item::Epreuve(e) => epreuve(frame, rect, e, theme),
            Item::Commission(e, c) => commission(frame, rect, e, c, theme),
        }
        y += h;
        if y >= bottom {
            break;
        }
    }
    max_scroll
}

fn epreuve_title(e: &Epreuve) -> String {
    format!("{} — toutes commissions", e.epreuve)
}

fn epreuve_text(e: &Epreuve) -> String {
    format!("{} : {}", epreuve_title(e), figures(&e.ensemble))
}

fn epreuve(frame: &mut Frame, area: Rect, e: &Epreuve, theme: &Theme) {
    let line = Line::from(vec![
        Span::styled(epreuve_title(e), theme.title()),
        Span::raw(format!(" : {}", figures(&e.ensemble))),
    ]);
    frame.render_widget(Paragraph::new(line).wrap(Wrap { trim: true }), area);
}

fn commission(frame: &mut Frame, area: Rect, e: &Epreuve, c: &Commission, theme: &Theme) {
    let profils = u16::try_from(c.profils.len()).unwrap_or(u16::MAX);
    let [title, numbers, chart, shares, warning] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(CHART_ROWS),
        Constraint::Length(profils),
        Constraint::Length(warning_rows(c, area.width)),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(Line::styled(
            format!("  Commission {}", c.membres.join(", ")),
            theme.key(),
        )),
        title,
    );
    frame.render_widget(
        Paragraph::new(format!("  {}", figures(&c.stats))).style(theme.text()),
        numbers,
    );
    let bars: Vec<Bar> = c
        .stats
        .histogramme
        .iter()
        .enumerate()
        .map(|(i, &n)| {
            Bar::default()
                .value(u64::from(n))
                .label(Line::from(format!("{}–{}", 2 * i, 2 * i + 2)))
        })
        .collect();
    debug_assert_eq!(bars.len(), BARRES);
    // One scale for every commission of the épreuve, so their histograms compare at a glance.
    let tallest = e
        .commissions
        .iter()
        .flat_map(|c| c.stats.histogramme)
        .max()
        .unwrap_or(1);
    // Ten bars of five columns and a gap: 60 columns, inside 80.
    let [_, chart] = Layout::horizontal([Constraint::Length(2), Constraint::Fill(1)]).areas(chart);
    frame.render_widget(
        BarChart::default()
            .data(BarGroup::default().bars(&bars))
            .max(u64::from(tallest.max(1)))
            .bar_width(5)
            .bar_gap(1)
            .bar_style(theme.key())
            .value_style(theme.selected())
            .label_style(theme.dim()),
        chart,
    );
    let lines: Vec<Line> = c
        .profils
        .iter()
        .map(|p| {
            let [ti, i, s, ts] = p.parts();
            Line::from(format!(
                "  {} : TI {ti} % · I {i} % · S {s} % · TS {ts} %{}",
                p.competence,
                p.non_observes_fr()
            ))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).style(theme.text()), shares);
    if let Some(why) = &c.a_examiner {
        frame.render_widget(
            Paragraph::new(format!("⚠ {why}"))
                .style(theme.warning())
                .wrap(Wrap { trim: true })
                .block(Block::default().padding(ratatui::widgets::Padding::left(2))),
            warning,
        );
    }
}
