//! Reading a sessions folder for the review in parallel, with memory bounded by what the review
//! keeps rather than by the logs' size.
//!
//! Séances depend on each other only through the grids a candidate carries from one séance of
//! an épreuve to the next. So the folder is read in two passes: the first line of every log
//! (its opening: who, which épreuve, when) is enough to split the séances into independent
//! groups — séances linked by a candidate × épreuve, transitively —; then each group is read,
//! verified and folded on its own, groups in parallel across cores (rayon). A log's records
//! are dropped as soon as its séance is replayed: at any time only the groups in flight hold
//! records, and the report holds one [`super::SeanceView`] per séance.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Deserialize;

use super::build::{Folded, Plans, assemble, fold_logs, order};
use super::load::load_one;
use super::{Report, Tz};
use crate::referentiel::Referentiel;
use crate::session::{StoreError, folders, list_logs};

/// The first line of a log is read up to this size to learn its group; a longer first line
/// (never written by sno-jury: an opening is a few kilobytes) makes the log a group of its own.
const FIRST_LINE_MAX: u64 = 1 << 20;

/// How much [`peek`] reads at a time.
const PEEK_READ: usize = 2048;

/// Just what [`peek`] needs of a first line: every other field (the phases, the names, the
/// chain) is skipped by the parser without being built. Lenient on purpose: any line that
/// parses as a [`crate::session::Record`] opening a séance parses here too, so grouping never
/// separates two logs that the fold needs together (an extra join only makes a larger group).
#[derive(Deserialize)]
struct PeekRecord<'a> {
    #[serde(borrow)]
    event: PeekEvent<'a>,
}

#[derive(Deserialize)]
struct PeekEvent<'a> {
    #[serde(rename = "type", borrow)]
    kind: Cow<'a, str>,
    #[serde(borrow)]
    seance: Option<PeekSeance<'a>>,
}

#[derive(Deserialize)]
struct PeekSeance<'a> {
    #[serde(borrow)]
    epreuve: Cow<'a, str>,
    #[serde(borrow)]
    candidats: Vec<PeekCandidat<'a>>,
}

#[derive(Deserialize)]
struct PeekCandidat<'a> {
    #[serde(borrow)]
    numero: Cow<'a, str>,
}

/// Who a log is about, from its first line: (épreuve, numéros) of the opening.
pub(super) fn peek(path: &Path) -> Option<(String, Vec<String>)> {
    let file = std::fs::File::open(path).ok()?;
    let mut line = Vec::new();
    // Small reads: an opening is a few kilobytes at most and often under one; the default 8 KiB
    // buffer read most of every log here, for the whole read to come again in the fold.
    BufReader::with_capacity(PEEK_READ, file.take(FIRST_LINE_MAX))
        .read_until(b'\n', &mut line)
        .ok()?;
    let rec: PeekRecord = serde_json::from_slice(&line).ok()?;
    let seance = rec
        .event
        .seance
        .filter(|_| rec.event.kind == "seance_opened")?;
    Some((
        seance.epreuve.into_owned(),
        seance
            .candidats
            .into_iter()
            .map(|c| c.numero.into_owned())
            .collect(),
    ))
}

/// Union-find over log indexes.
struct Groups(Vec<usize>);

impl Groups {
    fn root(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }

    fn join(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.root(a), self.root(b));
        if ra != rb {
            self.0[ra.max(rb)] = ra.min(rb);
        }
    }
}

/// Splits `paths` into groups of logs that share a candidate × épreuve (transitively).
fn group(paths: Vec<PathBuf>) -> Vec<Vec<PathBuf>> {
    let keys: Vec<Option<(String, Vec<String>)>> = paths.par_iter().map(|p| peek(p)).collect();
    let roots = roots(&keys);
    let mut by_root: HashMap<usize, Vec<PathBuf>> = HashMap::new();
    for (p, root) in paths.into_iter().zip(roots) {
        by_root.entry(root).or_default().push(p);
    }
    by_root.into_values().collect()
}

/// The group of each log, given who each is about ([`peek`]): logs that share a candidate ×
/// épreuve, transitively, get the same root index. The full read and the live refresh both use
/// it, so they cannot disagree on what depends on what.
pub(super) fn roots(keys: &[Option<(String, Vec<String>)>]) -> Vec<usize> {
    let mut groups = Groups((0..keys.len()).collect());
    let mut first: HashMap<(&str, &str), usize> = HashMap::new();
    for (i, key) in keys.iter().enumerate() {
        let Some((epreuve, numeros)) = key else {
            continue;
        };
        for n in numeros {
            match first.get(&(epreuve.as_str(), n.as_str())) {
                Some(&j) => groups.join(i, j),
                None => {
                    first.insert((epreuve, n), i);
                }
            }
        }
    }
    (0..keys.len()).map(|i| groups.root(i)).collect()
}

/// Reads every log directly in `dir` (not in its subdirectories, so `exemples/` never mixes
/// with real data) and builds the report; the same report as [`super::build`] on the same logs.
pub fn load(r: &Referentiel, dir: &Path, tz: Tz) -> Result<Report, StoreError> {
    let mut report = read(r, list_logs(dir)?, tz);
    report.dirs = vec![dir.to_path_buf()];
    Ok(report)
}

/// [`load`] over several folders, each either a jury's folder or a centre's folder of juries'
/// folders ([`folders::jury_dirs`]); the same séance synced twice is read once.
pub fn load_dirs(r: &Referentiel, dirs: &[PathBuf], tz: Tz) -> Result<Report, StoreError> {
    let mut report = read(r, folders::logs_of(dirs)?, tz);
    report.dirs = dirs.to_vec();
    Ok(report)
}

fn read(r: &Referentiel, paths: Vec<PathBuf>, tz: Tz) -> Report {
    let groups = group(paths);
    let plans = Plans::default();
    let folded: Vec<Folded> = groups
        .into_par_iter()
        .flat_map_iter(|paths| {
            let mut logs: Vec<_> = paths.into_iter().map(load_one).collect();
            logs.sort_by(|a, b| order(a).cmp(&order(b)));
            fold_logs(r, logs, tz, &plans)
        })
        .collect();
    release_freed();
    assemble(r, folded, tz)
}

/// Gives the memory freed by the folds back to the system. Each worker thread parses its logs
/// in its own glibc arena, where the records, dropped once replayed, leave free pages between
/// the séances kept; glibc keeps them mapped, and the export or the text written next cannot
/// use another thread's arena: 10,000 séances held about 8 MB more at the peak for nothing.
fn release_freed() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `malloc_trim` takes no pointer; it only walks glibc's own free lists, under the
    // arenas' locks, and is safe to call from any thread at any time.
    unsafe {
        libc::malloc_trim(0);
    }
}
