//! Which séance a display follows, read from its log by another process, and where its clock
//! stands.
//!
//! **The clock of a reader.** The jury's app places `now` on the séance's timeline with its own
//! monotonic clock, which is comparable with the log's readings because the same run wrote
//! them. A reader is another run (maybe another machine, through a synced folder): its
//! monotonic readings relate to nothing in the log. So [`follow_time`] takes the log's last
//! record where the timeline placed it, adds the wall-clock time between that record and the
//! moment this process read it (clamped at zero: two machines' clocks may disagree, and a
//! record is never read before it is written), and then the time this process's *monotonic*
//! clock measured since the read. Two processes on one machine share the wall clock to the
//! millisecond, and a reader woken by a notification reads within milliseconds of the write,
//! so the wall-clock part is tiny and the display runs in step with the jury's screen; a step
//! of the system clock while the display runs changes nothing, as in the jury's app. Across
//! machines the display is off by the difference of their clocks at the read, which NTP keeps
//! under a second, and only until the next event.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use chrono::{DateTime, TimeDelta, Utc};

use super::snapshot::Snapshot;
use crate::referentiel::Referentiel;
use crate::session::{Mono, SeanceState, Stamp, read_log, replay};

/// `now` on the timeline of `state`, a log this process read at `read` (its own clocks then).
pub fn follow_time(state: &SeanceState, read: Stamp, now: Stamp) -> DateTime<Utc> {
    let Some((last, _)) = state.timeline.last() else {
        return now.wall;
    };
    let before_read = (read.wall - last.wall).max(TimeDelta::zero());
    let since_read = match now.mono_since(&read) {
        Some(ms) => TimeDelta::milliseconds(i64::try_from(ms.max(0)).unwrap_or(i64::MAX)),
        None => (now.wall - read.wall).max(TimeDelta::zero()),
    };
    let elapsed = before_read + since_read;
    // A stamp "of the writer's run", that much after its last record: the timeline adds exactly
    // `elapsed` to where it placed that record.
    let ms = u64::try_from(elapsed.num_milliseconds()).unwrap_or(0);
    let synthetic = Stamp {
        wall: last.wall + elapsed,
        mono: last.mono.map(|m| Mono {
            run: m.run,
            ms: m.ms.saturating_add(ms),
        }),
    };
    state.time_of(synthetic)
}

/// What a display follows: the séance running in some folders, or one log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// The latest opened séance not finished of these folders.
    Folders(Vec<PathBuf>),
    Log(PathBuf),
}

/// The séance shown, as last read.
#[derive(Debug, Clone)]
pub struct Current {
    pub path: PathBuf,
    pub state: SeanceState,
    /// This process's clocks when it read the log.
    pub read: Stamp,
}

/// A log of the folder, as far as choosing goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Known {
    opened: DateTime<Utc>,
    finished: bool,
}

/// The follow of one display: reads only logs whose size, time or identity changed.
#[derive(Debug, Clone)]
pub struct Followed {
    pub target: Target,
    snapshot: Snapshot,
    known: BTreeMap<PathBuf, Known>,
    pub current: Option<Current>,
    /// Why the log named cannot be shown (unreadable, not a séance), in French.
    pub problem: Option<String>,
    /// Logs read so far (each read is the whole log, verified).
    pub reads: usize,
}

impl Followed {
    pub fn new(target: Target) -> Followed {
        Followed {
            target,
            snapshot: Snapshot::default(),
            known: BTreeMap::new(),
            current: None,
            problem: None,
            reads: 0,
        }
    }

    /// The folders to watch: those given, or the folder of the log named.
    pub fn dirs(&self) -> Vec<PathBuf> {
        match &self.target {
            Target::Folders(dirs) => dirs.clone(),
            Target::Log(path) => vec![match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                _ => PathBuf::from("."),
            }],
        }
    }

    /// Looks at the folder again, reading what changed; `true` when what is shown may differ.
    pub fn refresh(&mut self, r: &Referentiel, now: Stamp) -> bool {
        let snapshot = match &self.target {
            Target::Folders(dirs) => Snapshot::scan(dirs),
            Target::Log(path) => Snapshot::of_file(path),
        };
        let changes = self.snapshot.changes(&snapshot);
        self.snapshot = snapshot;
        if changes.is_empty() {
            return false;
        }
        let mut fresh: HashMap<PathBuf, Result<SeanceState, String>> = HashMap::new();
        for path in changes.changed {
            let read = self.read(r, &path);
            match &read {
                Ok(st) => {
                    self.known.insert(
                        path.clone(),
                        Known {
                            opened: st.opened_at,
                            finished: st.is_finished(),
                        },
                    );
                }
                Err(_) => {
                    self.known.remove(&path);
                }
            }
            fresh.insert(path, read);
        }
        for path in &changes.removed {
            self.known.remove(path);
        }
        let pick = match &self.target {
            Target::Log(path) => Some(path.clone()),
            Target::Folders(_) => self.pick(),
        };
        let shown = self.current.as_ref().map(|c| c.path.clone());
        match pick {
            Some(path) => {
                let read = match fresh.remove(&path) {
                    Some(read) => Some(read),
                    None if changes.removed.contains(&path) => Some(Err(format!(
                        "{} : le journal n’existe plus",
                        path.display()
                    ))),
                    None if shown.as_ref() != Some(&path) => Some(self.read(r, &path)),
                    None => None,
                };
                match read {
                    Some(Ok(state)) => {
                        self.problem = None;
                        self.current = Some(Current {
                            path,
                            state,
                            read: now,
                        });
                    }
                    Some(Err(e)) => {
                        self.problem = Some(e);
                        self.current = None;
                    }
                    None => {}
                }
            }
            None => {
                // No séance runs: the one shown stays (its end shown) until another opens,
                // unless its log is gone.
                if let Some(path) = shown {
                    match fresh.remove(&path) {
                        Some(Ok(state)) => {
                            self.current = Some(Current {
                                path,
                                state,
                                read: now,
                            })
                        }
                        Some(Err(_)) => self.current = None,
                        None if changes.removed.contains(&path) => self.current = None,
                        None => {}
                    }
                }
            }
        }
        true
    }

    /// The latest opened séance not finished (then the greatest path, for a stable choice).
    fn pick(&self) -> Option<PathBuf> {
        self.known
            .iter()
            .filter(|(_, k)| !k.finished)
            .max_by_key(|(p, k)| (k.opened, *p))
            .map(|(p, _)| p.clone())
    }

    /// Reads and replays one log, without its prior grids (a display shows none).
    fn read(&mut self, r: &Referentiel, path: &Path) -> Result<SeanceState, String> {
        self.reads += 1;
        let log = read_log(path).map_err(|e| e.to_string())?;
        replay(r, &log.records, &BTreeMap::new()).map_err(|e| format!("{} : {e}", path.display()))
    }

    /// `now` on the shown séance's timeline.
    pub fn now(&self, now: Stamp) -> Option<DateTime<Utc>> {
        let c = self.current.as_ref()?;
        Some(follow_time(&c.state, c.read, now))
    }
}

#[cfg(test)]
#[path = "seance_tests.rs"]
mod tests;
