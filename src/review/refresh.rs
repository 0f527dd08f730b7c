//! Keeping the review current while juries write (`revue --suivre`): at each change of the
//! folders, only the logs whose size, time or identity changed are read again — with the logs
//! they depend on, the earlier séances of the same candidate × épreuve whose grids they carry
//! on — and the report is assembled again from what was kept of the others.
//!
//! The views of the séances not read again are taken from the previous report (not copied),
//! with the conflicts their fold found; the report is assembled again from them and is the same
//! as a full read of the folders at that moment (tested). Groups of logs to read are read in
//! parallel, as a full read does.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;

use rayon::prelude::*;

use super::build::{Folded, Plans, assemble, fold_logs, order};
use super::load::load_one;
use super::parallel::{peek, roots};
use super::{Report, SeanceView, Tz};
use crate::follow::FileStamp;
use crate::referentiel::Referentiel;
use crate::session::{Conflict, GridState, Stamp, StoreError, folders};

/// Who a log is about, from its opening: (épreuve, numéros).
type Key = Option<(String, Vec<String>)>;

/// One log as last read (its view lives in the report).
struct Kept {
    stamp: Option<FileStamp>,
    key: Key,
    /// The conflicts its fold found with earlier séances (`assemble` takes them again).
    found: Vec<Conflict>,
    /// This process's clocks when it read the log (for the live board's clock).
    read: Stamp,
}

/// The review of some folders, kept current.
pub struct Live {
    dirs: Vec<PathBuf>,
    tz: Tz,
    logs: BTreeMap<PathBuf, Kept>,
    /// Logs read since the start (each read verifies and folds the whole log).
    pub reads: usize,
}

impl Live {
    /// Reads every log of `dirs` (each a jury's folder or a centre's), as `review::load_dirs`.
    pub fn start(
        r: &Referentiel,
        dirs: Vec<PathBuf>,
        tz: Tz,
        now: Stamp,
    ) -> Result<(Live, Report), StoreError> {
        let mut live = Live {
            dirs,
            tz,
            logs: BTreeMap::new(),
            reads: 0,
        };
        let mut report = assemble(r, Vec::new(), tz);
        live.refresh(r, now, &mut report)?;
        Ok((live, report))
    }

    /// When this process last read the log at `path`.
    pub fn read_at(&self, path: &std::path::Path) -> Option<Stamp> {
        self.logs.get(path).map(|k| k.read)
    }

    /// Reads what changed since the last call into `report` (which must be the report this
    /// `Live` gave: the views of the logs that did not change are taken from it, not copied);
    /// `true` when anything changed. `now`: this process's clocks, kept with each log read.
    pub fn refresh(
        &mut self,
        r: &Referentiel,
        now: Stamp,
        report: &mut Report,
    ) -> Result<bool, StoreError> {
        let stamps = logs(&self.dirs)?;
        let present: BTreeSet<&PathBuf> = stamps.iter().map(|(p, _)| p).collect();
        let removed: Vec<PathBuf> = self
            .logs
            .keys()
            .filter(|p| !present.contains(p))
            .cloned()
            .collect();
        let changed: BTreeSet<&PathBuf> = stamps
            .iter()
            .filter(|(p, s)| {
                self.logs
                    .get(p)
                    .is_none_or(|k| k.stamp != *s || s.is_none())
            })
            .map(|(p, _)| p)
            .collect();
        if changed.is_empty() && removed.is_empty() && report.dirs == self.dirs {
            return Ok(false);
        }

        // Who each log is about: read again from the changed logs' first lines.
        let mut dirty: BTreeSet<(String, String)> = BTreeSet::new();
        let mut keys: Vec<Key> = Vec::with_capacity(stamps.len());
        for (p, _) in &stamps {
            let old = self.logs.get(p).map(|k| k.key.clone());
            let key = if changed.contains(p) {
                let new = peek(p);
                for k in [&new, old.as_ref().unwrap_or(&None)] {
                    dirty.extend(tokens(k));
                }
                new
            } else {
                old.unwrap_or(None)
            };
            keys.push(key);
        }
        for p in &removed {
            if let Some(k) = self.logs.remove(p) {
                dirty.extend(tokens(&k.key));
            }
        }

        // The logs to read: every log of a group (candidates × épreuve, linked) touched.
        let groups = roots(&keys);
        let touched: BTreeSet<usize> = (0..stamps.len())
            .filter(|&i| {
                changed.contains(&stamps[i].0) || tokens(&keys[i]).any(|t| dirty.contains(&t))
            })
            .map(|i| groups[i])
            .collect();
        let mut by_group: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (i, &g) in groups.iter().enumerate() {
            if touched.contains(&g) {
                by_group.entry(g).or_default().push(i);
            }
        }
        let tz = self.tz;
        let plans = Plans::default();
        let read: Vec<(Vec<usize>, Vec<Folded>)> = by_group
            .into_values()
            .collect::<Vec<_>>()
            .into_par_iter()
            .map(|members| {
                let mut logs: Vec<_> = members
                    .iter()
                    .map(|&i| load_one(stamps[i].0.clone()))
                    .collect();
                logs.sort_by(|a, b| order(a).cmp(&order(b)));
                (members, fold_logs(r, logs, tz, &plans))
            })
            .collect();

        // The grids of the logs not read again: `assemble` moved each into its entry (the
        // séances keep none), so each goes back to the entry's last séance, where the next
        // `assemble` looks for it. A group with a log read again is read again whole, so an
        // entry kept has the same last séance.
        let mut grids: HashMap<PathBuf, Vec<(String, GridState)>> = HashMap::new();
        for e in &mut report.entries {
            if let Some(&last) = e.seances.last() {
                grids
                    .entry(report.seances[last].path.clone())
                    .or_default()
                    .push((e.candidat.numero.clone(), std::mem::take(&mut e.grid)));
            }
        }
        // The views of the logs not read again, taken out of the report, with those grids.
        type Held = (SeanceView, Vec<(String, GridState)>);
        let mut views: HashMap<PathBuf, Held> = std::mem::take(&mut report.seances)
            .into_iter()
            .map(|v| {
                let g = grids.remove(&v.path).unwrap_or_default();
                (v.path.clone(), (v, g))
            })
            .collect();
        for (members, folded) in read {
            self.reads += members.len();
            for Folded {
                view,
                conflicts: found,
                grids,
            } in folded
            {
                let Some(i) = members.iter().copied().find(|&i| stamps[i].0 == view.path) else {
                    continue;
                };
                self.logs.insert(
                    view.path.clone(),
                    Kept {
                        stamp: stamps[i].1,
                        key: keys[i].clone(),
                        found,
                        read: now,
                    },
                );
                views.insert(view.path.clone(), (view, grids));
            }
        }
        let folded: Vec<Folded> = stamps
            .iter()
            .filter_map(|(p, _)| {
                let (view, grids) = views.remove(p)?;
                let conflicts = self.logs.get(p).map_or(Vec::new(), |k| k.found.clone());
                Some(Folded {
                    view,
                    conflicts,
                    grids,
                })
            })
            .collect();
        *report = assemble(r, folded, self.tz);
        report.dirs = self.dirs.clone();
        Ok(true)
    }
}

/// Every log of `dirs` with its stamp, as [`folders::logs_of`] lists them (one séance synced
/// into two folders read once).
fn logs(dirs: &[PathBuf]) -> Result<Vec<(PathBuf, Option<FileStamp>)>, StoreError> {
    Ok(folders::logs_of(dirs)?
        .into_iter()
        .map(|path| {
            let stamp = FileStamp::of(&path);
            (path, stamp)
        })
        .collect())
}

/// The (épreuve, numéro) pairs of a log.
fn tokens(key: &Key) -> impl Iterator<Item = (String, String)> + '_ {
    key.iter()
        .flat_map(|(e, ns)| ns.iter().map(move |n| (e.clone(), n.clone())))
}

#[cfg(test)]
#[path = "refresh_tests.rs"]
mod tests;
