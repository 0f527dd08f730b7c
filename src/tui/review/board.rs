//! The « en direct » board of `revue --suivre`: each séance running today with its room (from
//! the plan of the day), épreuve, candidates, commission, phase, time in the phase and offset
//! against the plan; under it, the anomalies that appeared since the follow started, highlighted
//! for [`HIGHLIGHT`]. The rows are computed from the report and the clocks (pure); the drawing
//! follows.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table};

use crate::clean;
use crate::convocations::{Passage, correspond, decalage_court, journee};
use crate::follow::{Mode, follow_time};
use crate::review::refresh::Live;
use crate::review::{Anomaly, AnomalyKind, Report, SeanceView, fmt as rfmt};
use crate::session::{SeanceState, Stamp};
use crate::timing::{self, ClockView};
use crate::tui::fmt;
use crate::tui::theme::Theme;

/// How long a new anomaly stays highlighted.
pub const HIGHLIGHT: Duration = Duration::from_secs(30);

/// One running séance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoardRow {
    pub salle: String,
    pub epreuve: String,
    pub candidats: String,
    pub commission: String,
    pub phase: String,
    pub temps: String,
    /// `+12 min` behind the plan of the day (`−5 min` ahead, `à l’heure`), when it has the
    /// passage.
    pub planning: String,
    /// Over its time, or paused: drawn to catch the eye.
    pub alert: bool,
}

/// The anomalies known, and those new since the follow started. An anomaly is known by its
/// séance and kind, counted: its wording may change as the séance goes on (a phase that runs
/// over says by how much at each event) without being new; a second one of a kind is.
#[derive(Debug, Clone, Default)]
pub struct Board {
    known: BTreeMap<(String, AnomalyKind), usize>,
    /// New anomalies, oldest first, with when they were first seen (this process's clocks).
    pub fresh: Vec<(Stamp, Anomaly)>,
}

/// Every anomaly of the report, once, grouped by séance and kind.
fn anomalies(report: &Report) -> BTreeMap<(String, AnomalyKind), Vec<&Anomaly>> {
    let mut seen = BTreeSet::new();
    let mut out: BTreeMap<(String, AnomalyKind), Vec<&Anomaly>> = BTreeMap::new();
    let all = report
        .seances
        .iter()
        .flat_map(|s| &s.anomalies)
        .chain(report.entries.iter().flat_map(|e| &e.anomalies));
    for a in all {
        if seen.insert((a.seance.as_str(), a.explication.as_str())) {
            out.entry((a.seance.clone(), a.kind)).or_default().push(a);
        }
    }
    out
}

impl Board {
    /// What the report holds when the follow starts is not new.
    pub fn new(report: &Report) -> Board {
        Board {
            known: anomalies(report)
                .into_iter()
                .map(|(k, v)| (k, v.len()))
                .collect(),
            fresh: Vec::new(),
        }
    }

    /// Notes the anomalies of `report` seen for the first time, at `now`.
    pub fn update(&mut self, report: &Report, now: Stamp) {
        for (key, list) in anomalies(report) {
            let known = self.known.entry(key).or_insert(0);
            for a in list.iter().skip(*known) {
                self.fresh.push((now, (*a).clone()));
            }
            *known = (*known).max(list.len());
        }
    }

    /// The new anomalies still highlighted at `now`.
    pub fn highlighted(&self, now: Stamp) -> Vec<&Anomaly> {
        self.fresh
            .iter()
            .filter(|(seen, _)| age(*seen, now) < HIGHLIGHT)
            .map(|(_, a)| a)
            .collect()
    }

    /// When the next highlight ends.
    pub fn next_expiry(&self, now: Stamp) -> Option<Duration> {
        self.fresh
            .iter()
            .map(|(seen, _)| HIGHLIGHT.saturating_sub(age(*seen, now)))
            .filter(|d| !d.is_zero())
            .min()
    }
}

/// Time since `seen` on this process's monotonic clock (its wall clock without one).
fn age(seen: Stamp, now: Stamp) -> Duration {
    let ms = now
        .mono_since(&seen)
        .unwrap_or_else(|| i128::from((now.wall - seen.wall).num_milliseconds()));
    Duration::from_millis(u64::try_from(ms.max(0)).unwrap_or(u64::MAX))
}

/// The séances that run on the day of `now`: what the board shows a row for.
fn running_today(report: &Report, now: Stamp) -> impl Iterator<Item = (&SeanceView, &SeanceState)> {
    let tz = report.tz;
    let today = tz.day(now.wall);
    report.seances.iter().filter_map(move |s| {
        let st = s.state.as_ref()?;
        (!st.is_finished() && tz.day(st.opened_at) == today).then_some((s, st))
    })
}

/// Whether the board has a row, without making any (the loop asks it at every wake).
pub fn any_running(report: &Report, now: Stamp) -> bool {
    running_today(report, now).next().is_some()
}

/// The running séances of the day of `now`, in opening order.
pub fn rows(report: &Report, live: &Live, plan: &[Passage], now: Stamp) -> Vec<BoardRow> {
    running_today(report, now)
        .map(|(s, st)| {
            let read = live.read_at(&s.path).unwrap_or(now);
            let at = follow_time(st, read, now);
            row(st, plan, report.tz, at)
        })
        .collect()
}

fn row(st: &SeanceState, plan: &[Passage], tz: rfmt::Tz, at: DateTime<Utc>) -> BoardRow {
    let clock = timing::clock(st, at);
    let (phase, temps, alert) = phase_and_time(st, &clock);
    // The passage of the plan that is this séance (same épreuve, situation, candidates, day),
    // and the offset of that passage alone: the day's plan holds every room's.
    let one = std::slice::from_ref(st);
    let passage = plan.iter().find(|p| correspond(p, st, tz));
    let planning = passage
        .and_then(|p| journee(std::slice::from_ref(p), one, tz, at).decalage_minutes)
        .map_or(String::new(), decalage_court);
    let mut commission: Vec<String> = st.members.iter().map(|m| m.nom.clone()).collect();
    if commission.is_empty() {
        commission.push("—".into());
    }
    BoardRow {
        salle: passage.map_or(String::new(), |p| p.salle.clone()),
        epreuve: format!("{} {}", st.info.epreuve, st.info.situation),
        candidats: st
            .info
            .candidats
            .iter()
            .map(|c| c.nom.to_uppercase())
            .collect::<Vec<_>>()
            .join(", "),
        commission: commission.join(", "),
        phase,
        temps,
        planning,
        alert,
    }
}

/// `Phase A` / `12:34 / 25:00`, `+01:02`, « en pause », or what comes next.
fn phase_and_time(st: &SeanceState, clock: &ClockView) -> (String, String, bool) {
    let current = clock
        .current
        .and_then(|i| Some((st.info.phases.get(i)?, clock.phases.get(i)?)));
    match current {
        Some((p, t)) => {
            let planned = fmt::countdown(t.planned);
            let over = !t.overtime.is_zero();
            let temps = if over {
                format!("{} (+{})", planned, fmt::countdown(t.overtime))
            } else {
                format!("{} / {planned}", fmt::countdown(t.elapsed))
            };
            let phase = if clock.paused {
                format!("{} · en pause", fmt::phase_name(p))
            } else {
                fmt::phase_name(p)
            };
            (phase, temps, over || clock.paused)
        }
        None => {
            let next = st.next_phase().and_then(|i| st.info.phases.get(i));
            let phase = match next {
                Some(p) if st.runs.is_empty() => format!("avant {}", fmt::phase_name(p)),
                Some(p) => format!("entre deux phases, puis {}", fmt::phase_name(p)),
                None => "terminée".into(),
            };
            (phase, String::new(), false)
        }
    }
}

const HEADERS: [&str; 7] = [
    "Salle",
    "Épreuve",
    "Candidat(s)",
    "Commission",
    "Phase",
    "Temps",
    "Planning",
];

/// Rows the board takes on a screen `height` high: its séances and new anomalies, a third of
/// the screen at most.
pub fn height(rows: usize, fresh: usize, screen: u16) -> u16 {
    // The title, the header, the rows; two rows per new anomaly (its explanation wraps).
    let want = u16::try_from(rows.max(1) + 2 * fresh + 2).unwrap_or(u16::MAX);
    want.min((screen / 3).max(5))
}

/// `Nouvelle anomalie · MARTIN (E1 unique) : …`: a new anomaly named by its séance's
/// candidates, as the table names them.
pub fn news_line(report: &Report, a: &Anomaly) -> String {
    let who = report
        .seance(&a.seance)
        .and_then(|s| s.info())
        .map_or(a.seance.clone(), |i| {
            let names: Vec<String> = i.candidats.iter().map(|c| c.nom.to_uppercase()).collect();
            format!("{} ({} {})", names.join(", "), i.epreuve, i.situation)
        });
    format!("Nouvelle anomalie · {who} : {}", a.explication)
}

/// Draws the board in `area`.
pub fn render(
    frame: &mut Frame,
    area: Rect,
    rows: &[BoardRow],
    news: &[String],
    mode: Mode,
    theme: &Theme,
) {
    let how = match mode {
        Mode::Notify => "mis à jour à chaque écriture",
        Mode::Polling => "relu toutes les 0,5 s",
    };
    let title = format!(" En direct · {} séance(s) en cours · {how} ", rows.len());
    let block = Block::default()
        .borders(Borders::TOP)
        .title(Span::styled(title, theme.title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let news_h = u16::try_from(2 * news.len()).unwrap_or(u16::MAX);
    let [table_area, news_area] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(news_h)]).areas(inner);
    if rows.is_empty() {
        frame.render_widget(
            Paragraph::new("Aucune séance en cours aujourd’hui.").style(theme.dim()),
            table_area,
        );
    } else {
        let body = rows.iter().map(|r| {
            let cells = [
                &r.salle,
                &r.epreuve,
                &r.candidats,
                &r.commission,
                &r.phase,
                &r.temps,
                &r.planning,
            ]
            .map(|c| Cell::from(clean::visible(c).into_owned()));
            Row::new(cells).style(if r.alert {
                theme.warning()
            } else {
                theme.text()
            })
        });
        let widths = [
            Constraint::Max(8),
            Constraint::Length(9),
            Constraint::Fill(2),
            Constraint::Fill(3),
            Constraint::Length(20),
            Constraint::Length(15),
            Constraint::Length(9),
        ];
        let table = Table::new(body, widths)
            .header(Row::new(HEADERS).style(theme.key()))
            .column_spacing(1);
        frame.render_widget(table, table_area);
    }
    let lines: Vec<Line> = news
        .iter()
        .map(|n| Line::styled(clean::visible(n).into_owned(), theme.error()))
        .collect();
    frame.render_widget(
        Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: true }),
        news_area,
    );
}
