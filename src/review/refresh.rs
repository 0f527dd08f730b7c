//! Keeping the review current while juries write (`revue --suivre`): at each change of the
//! folders, only the logs whose size, time or identity changed are read again — with the logs
//! they depend on, the earlier séances of the same candidate × épreuve whose grids they carry
//! on — and the report is assembled again from what was kept of the others.
//!
//! Each séance is kept as the review's own fold left it, so the report is the same as a full
//! read of the folders at that moment (tested). This keeps one more copy of every séance view
//! than a single read, the price of not reading the day's logs again at every key a jury
//! presses.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;

use super::build::{Folded, assemble, fold_logs, order};
use super::load::load_one;
use super::parallel::peek;
use super::{Report, Tz};
use crate::follow::FileStamp;
use crate::referentiel::Referentiel;
use crate::session::{Stamp, StoreError, folders};

/// Who a log is about, from its opening: (épreuve, numéros).
type Key = Option<(String, Vec<String>)>;

/// One log as last read.
struct Kept {
    stamp: Option<FileStamp>,
    key: Key,
    folded: Folded,
    /// This process's clocks when it read the log (for the live board's clock).
    read: Stamp,
}

/// The review of some folders, kept current.
pub struct Live {
    dirs: Vec<PathBuf>,
    tz: Tz,
    logs: BTreeMap<PathBuf, Kept>,
    started: bool,
    /// Logs read since the start (each read verifies and folds the whole log).
    pub reads: usize,
}

impl Live {
    pub fn new(dirs: Vec<PathBuf>, tz: Tz) -> Live {
        Live {
            dirs,
            tz,
            logs: BTreeMap::new(),
            started: false,
            reads: 0,
        }
    }

    /// When this process last read the log at `path`.
    pub fn read_at(&self, path: &std::path::Path) -> Option<Stamp> {
        self.logs.get(path).map(|k| k.read)
    }

    /// Reads what changed since the last call (everything the first time); the new report
    /// when anything did. `now`: this process's clocks, kept with each log read.
    pub fn refresh(&mut self, r: &Referentiel, now: Stamp) -> Result<Option<Report>, StoreError> {
        let paths = folders::logs_of(&self.dirs)?;
        let stamps: Vec<(PathBuf, Option<FileStamp>)> = paths
            .into_iter()
            .map(|p| {
                let s = FileStamp::of(&p);
                (p, s)
            })
            .collect();
        let present: BTreeSet<&PathBuf> = stamps.iter().map(|(p, _)| p).collect();
        let removed: Vec<PathBuf> = self
            .logs
            .keys()
            .filter(|p| !present.contains(p))
            .cloned()
            .collect();
        let changed: Vec<&PathBuf> = stamps
            .iter()
            .filter(|(p, s)| {
                self.logs
                    .get(p)
                    .is_none_or(|k| k.stamp != *s || s.is_none())
            })
            .map(|(p, _)| p)
            .collect();
        if self.started && changed.is_empty() && removed.is_empty() {
            return Ok(None);
        }
        self.started = true;

        // Who each log is about: read again from the changed logs' first lines.
        let mut dirty: BTreeSet<(String, String)> = BTreeSet::new();
        let mut keys: Vec<Key> = Vec::with_capacity(stamps.len());
        for (p, _) in &stamps {
            let old = self.logs.get(p).map(|k| k.key.clone());
            let key = if changed.contains(&p) {
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
        let groups = group(&keys);
        let touched: BTreeSet<usize> = (0..stamps.len())
            .filter(|&i| {
                changed.contains(&&stamps[i].0) || tokens(&keys[i]).any(|t| dirty.contains(&t))
            })
            .map(|i| groups[i])
            .collect();
        let mut by_group: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (i, &g) in groups.iter().enumerate() {
            if touched.contains(&g) {
                by_group.entry(g).or_default().push(i);
            }
        }
        for members in by_group.into_values() {
            let mut logs: Vec<_> = members
                .iter()
                .map(|&i| load_one(stamps[i].0.clone()))
                .collect();
            self.reads += logs.len();
            logs.sort_by(|a, b| order(a).cmp(&order(b)));
            for folded in fold_logs(r, logs, self.tz) {
                let path = folded.0.path.clone();
                let Some(i) = members.iter().copied().find(|&i| stamps[i].0 == path) else {
                    continue;
                };
                self.logs.insert(
                    path,
                    Kept {
                        stamp: stamps[i].1,
                        key: keys[i].clone(),
                        folded,
                        read: now,
                    },
                );
            }
        }

        let mut folded: Vec<Folded> = self.logs.values().map(|k| k.folded.clone()).collect();
        folded.sort_by(|(a, _), (b, _)| {
            (a.opened_at.is_none(), a.opened_at, &a.path).cmp(&(
                b.opened_at.is_none(),
                b.opened_at,
                &b.path,
            ))
        });
        let mut report = assemble(r, folded, self.tz);
        report.dirs = self.dirs.clone();
        Ok(Some(report))
    }
}

/// The (épreuve, numéro) pairs of a log.
fn tokens(key: &Key) -> impl Iterator<Item = (String, String)> + '_ {
    key.iter()
        .flat_map(|(e, ns)| ns.iter().map(move |n| (e.clone(), n.clone())))
}

/// The group of each log: logs sharing a candidate × épreuve, transitively, share a group.
fn group(keys: &[Key]) -> Vec<usize> {
    let mut parent: Vec<usize> = (0..keys.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut first: HashMap<(String, String), usize> = HashMap::new();
    for (i, key) in keys.iter().enumerate() {
        for t in tokens(key) {
            match first.get(&t) {
                Some(&j) => {
                    let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                    parent[a.max(b)] = a.min(b);
                }
                None => {
                    first.insert(t, i);
                }
            }
        }
    }
    (0..keys.len()).map(|i| root(&mut parent, i)).collect()
}

#[cfg(test)]
#[path = "refresh_tests.rs"]
mod tests;
