//! The review screen's state and its pure update: sort, filters, text search, selection, the
//! detail view's scroll. No terminal here, so every rule is tested directly.

use std::cell::OnceCell;

use crate::export::Filtre;
use crate::referentiel::Referentiel;
use crate::review::{Entry, Report, Status, harmonisation};

use super::sort::{SortKey, SortValue, sort_value};

/// What the user asks for (from the keymap).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    Open,
    Back,
    NextEntry,
    PrevEntry,
    CycleSort,
    ReverseSort,
    CycleEpreuve,
    CycleStatus,
    ToggleAnomalies,
    ClearFilters,
    StartSearch,
    SearchChar(char),
    SearchBackspace,
    SearchConfirm,
    SearchCancel,
    /// The harmonisation view: the commissions of each épreuve compared.
    Harmonisation,
    /// Write the bordereaux and grids of the rows shown (done by [`super::apply`]: it writes).
    Print,
    Quit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Table,
    Detail {
        scroll: u16,
    },
    /// The commissions compared; `scroll` counts blocks (an épreuve, a commission).
    Harmonisation {
        scroll: u16,
    },
}

/// The screen state.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewState {
    pub sort: SortKey,
    pub descending: bool,
    pub epreuve: Option<String>,
    pub status: Option<Status>,
    pub anomalies_only: bool,
    pub search: String,
    /// `Some` while the search text is being typed.
    pub editing: Option<String>,
    /// Position in the visible list.
    pub selected: usize,
    pub view: View,
    pub quit: bool,
    /// Rows a page scrolls (set from the last drawn height).
    pub page: usize,
    /// What the last key did, when it says something (the print): shown until the next key.
    pub message: Option<String>,
    visible: Vec<usize>,
    epreuves: Vec<String>,
    /// The harmonisation of the report, made the first time it is shown and kept until the
    /// report changes: it walks every entry, and a frame is drawn at every key and, under
    /// `--suivre`, every second.
    harmonisation: OnceCell<Vec<harmonisation::Epreuve>>,
}

impl ReviewState {
    pub fn new(r: &Referentiel, report: &Report) -> Self {
        let mut s = ReviewState {
            sort: SortKey::Epreuve,
            descending: false,
            epreuve: None,
            status: None,
            anomalies_only: false,
            search: String::new(),
            editing: None,
            selected: 0,
            view: View::Table,
            quit: false,
            page: 10,
            message: None,
            visible: Vec::new(),
            epreuves: r.epreuves.epreuves.iter().map(|e| e.id.clone()).collect(),
            harmonisation: OnceCell::new(),
        };
        s.refresh(r, report);
        s
    }

    /// The report was read again (`revue --suivre`): the rows and the harmonisation follow it.
    pub fn report_changed(&mut self, r: &Referentiel, report: &Report) {
        self.harmonisation = OnceCell::new();
        self.refresh(r, report);
    }

    /// The harmonisation of `report`, the one this state was made or last changed for.
    pub fn harmonisation(&self, r: &Referentiel, report: &Report) -> &[harmonisation::Epreuve] {
        self.harmonisation
            .get_or_init(|| harmonisation::harmonisation(r, report))
    }

    /// What the last frame measured: rows per page, and the detail's scroll limit (the scroll
    /// is clamped to it so paging back up responds at once).
    pub fn drawn(&mut self, page: usize, max_scroll: u16) {
        self.page = page.max(1);
        if let View::Detail { scroll } | View::Harmonisation { scroll } = &mut self.view {
            *scroll = (*scroll).min(max_scroll);
        }
    }

    /// Indexes into `report.entries` of the rows shown, in display order.
    pub fn visible(&self) -> &[usize] {
        &self.visible
    }

    /// The selected entry, if any row is shown.
    pub fn current<'a>(&self, report: &'a Report) -> Option<&'a Entry> {
        self.visible.get(self.selected).map(|&i| &report.entries[i])
    }

    /// What the print keeps: exactly the rows shown, by (numéro, épreuve).
    pub fn filtre(&self, report: &Report) -> Filtre {
        let lignes = self
            .visible
            .iter()
            .map(|&i| {
                let e = &report.entries[i];
                (e.candidat.numero.clone(), e.epreuve.clone())
            })
            .collect();
        Filtre {
            lignes: Some(lignes),
            ..Filtre::default()
        }
    }

    /// Whether an entry passes the filters; `needle` is the search text, trimmed and lowercased.
    fn matches(&self, e: &Entry, needle: &str) -> bool {
        self.epreuve.as_ref().is_none_or(|x| &e.epreuve == x)
            && self.status.is_none_or(|st| e.status == st)
            && (!self.anomalies_only || !e.anomalies.is_empty())
            && (needle.is_empty()
                || e.candidat.numero.to_lowercase().contains(needle)
                || e.candidat.nom.to_lowercase().contains(needle)
                || e.candidat.prenom.to_lowercase().contains(needle))
    }

    /// Recomputes the visible rows, keeping the selected entry when it is still shown.
    pub fn refresh(&mut self, r: &Referentiel, report: &Report) {
        let keep = self.visible.get(self.selected).copied();
        let needle = self
            .editing
            .as_deref()
            .unwrap_or(&self.search)
            .trim()
            .to_lowercase();
        // Each key is computed once, not at every comparison: dates and situations are rebuilt
        // from the séances, and this runs at every keystroke of a search.
        let mut keyed: Vec<(SortValue, usize)> = report
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| self.matches(e, &needle))
            .map(|(i, e)| (sort_value(r, report, self.sort, e), i))
            .collect();
        // The report's order (épreuve, nom, prénom, numéro) is the tie-break: the sort is stable.
        keyed.sort_by(|a, b| {
            let o = a.0.cmp(&b.0);
            if self.descending { o.reverse() } else { o }
        });
        self.visible = keyed.into_iter().map(|(_, i)| i).collect();
        self.selected = keep
            .and_then(|k| self.visible.iter().position(|&i| i == k))
            .unwrap_or(0);
    }

    pub fn update(&mut self, r: &Referentiel, report: &Report, action: Action) {
        let n = self.visible.len();
        let last = n.saturating_sub(1);
        match (self.view, action) {
            (_, Action::Quit) => self.quit = true,
            (_, Action::Harmonisation) => self.view = View::Harmonisation { scroll: 0 },
            // Writing is not this pure update's: see `super::apply`.
            (_, Action::Print) => {}
            (_, Action::StartSearch) => self.editing = Some(self.search.clone()),
            (_, Action::SearchChar(c)) => {
                if let Some(t) = &mut self.editing {
                    t.push(c);
                }
                self.refresh(r, report);
            }
            (_, Action::SearchBackspace) => {
                if let Some(t) = &mut self.editing {
                    t.pop();
                }
                self.refresh(r, report);
            }
            (_, Action::SearchConfirm) => {
                if let Some(t) = self.editing.take() {
                    self.search = t;
                }
                self.refresh(r, report);
            }
            (_, Action::SearchCancel) => {
                self.editing = None;
                self.refresh(r, report);
            }
            (View::Table, Action::Up) => self.selected = self.selected.saturating_sub(1),
            (View::Table, Action::Down) => self.selected = (self.selected + 1).min(last),
            (View::Table, Action::PageUp) => {
                self.selected = self.selected.saturating_sub(self.page.max(1))
            }
            (View::Table, Action::PageDown) => {
                self.selected = (self.selected + self.page.max(1)).min(last)
            }
            (View::Table, Action::Home) => self.selected = 0,
            (View::Table, Action::End) => self.selected = last,
            (View::Table, Action::Open) if n > 0 => self.view = View::Detail { scroll: 0 },
            (View::Table, Action::Back) => self.quit = true,
            (View::Table, Action::CycleSort) => {
                self.sort = self.sort.next();
                self.refresh(r, report);
            }
            (View::Table, Action::ReverseSort) => {
                self.descending = !self.descending;
                self.refresh(r, report);
            }
            (View::Table, Action::CycleEpreuve) => {
                self.epreuve = cycle(&self.epreuves, self.epreuve.as_ref());
                self.refresh(r, report);
            }
            (View::Table, Action::CycleStatus) => {
                // Only the statuses some entry has: no empty stop on the way.
                let present: Vec<Status> = Status::ALL
                    .into_iter()
                    .filter(|st| report.entries.iter().any(|e| e.status == *st))
                    .collect();
                self.status = cycle(&present, self.status.as_ref());
                self.refresh(r, report);
            }
            (View::Table, Action::ToggleAnomalies) => {
                self.anomalies_only = !self.anomalies_only;
                self.refresh(r, report);
            }
            (View::Table, Action::ClearFilters) => {
                self.epreuve = None;
                self.status = None;
                self.anomalies_only = false;
                self.search.clear();
                self.refresh(r, report);
            }
            (View::Detail { scroll }, a) => self.update_detail(scroll, a, last),
            (View::Harmonisation { scroll }, a) => self.update_harmonisation(scroll, a),
            (View::Table, _) => {}
        }
    }

    fn update_harmonisation(&mut self, scroll: u16, a: Action) {
        // A page of blocks: a commission takes about ten rows.
        let page = u16::try_from(self.page / 10).unwrap_or(u16::MAX).max(1);
        let scroll = match a {
            Action::Back => {
                self.view = View::Table;
                return;
            }
            Action::Up => scroll.saturating_sub(1),
            Action::Down => scroll.saturating_add(1),
            Action::PageUp => scroll.saturating_sub(page),
            Action::PageDown => scroll.saturating_add(page),
            Action::Home => 0,
            // Clamped to the last block by the next frame.
            Action::End => u16::MAX,
            _ => scroll,
        };
        self.view = View::Harmonisation { scroll };
    }

    fn update_detail(&mut self, scroll: u16, a: Action, last: usize) {
        let page = u16::try_from(self.page.max(1)).unwrap_or(u16::MAX);
        self.view = match a {
            Action::Back => View::Table,
            Action::Up => View::Detail {
                scroll: scroll.saturating_sub(1),
            },
            Action::Down => View::Detail {
                scroll: scroll.saturating_add(1),
            },
            Action::PageUp => View::Detail {
                scroll: scroll.saturating_sub(page),
            },
            Action::PageDown => View::Detail {
                scroll: scroll.saturating_add(page),
            },
            Action::Home => View::Detail { scroll: 0 },
            Action::NextEntry => {
                self.selected = (self.selected + 1).min(last);
                View::Detail { scroll: 0 }
            }
            Action::PrevEntry => {
                self.selected = self.selected.saturating_sub(1);
                View::Detail { scroll: 0 }
            }
            _ => self.view,
        };
    }
}

/// None → first → … → last → None.
fn cycle<T: Clone + PartialEq>(all: &[T], cur: Option<&T>) -> Option<T> {
    match cur.and_then(|c| all.iter().position(|x| x == c)) {
        None => all.first().cloned(),
        Some(i) => all.get(i + 1).cloned(),
    }
}
