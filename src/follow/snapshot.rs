//! What a sessions folder holds, file by file: path, size, modification time (and the file's
//! identity on Unix), so that a follower re-reads only the logs that changed. A sync client
//! replaces a file by renaming a new one over it: the identity changes even when size and time
//! were kept, so the new file is read again.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::session::{folders, list_logs};

/// One log as the folder listing saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp {
    pub len: u64,
    pub modified: Option<SystemTime>,
    /// The inode on Unix, the creation time elsewhere: a file renamed over the log differs.
    pub id: u64,
}

impl FileStamp {
    /// The stamp of `path` now, `None` when it cannot be read (gone meanwhile).
    pub fn of(path: &Path) -> Option<FileStamp> {
        let m = std::fs::metadata(path).ok()?;
        #[cfg(unix)]
        let id = std::os::unix::fs::MetadataExt::ino(&m);
        // Elsewhere, the creation time: a file renamed over the log was created apart.
        #[cfg(not(unix))]
        let id = m
            .created()
            .ok()
            .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
            .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX));
        Some(FileStamp {
            len: m.len(),
            modified: m.modified().ok(),
            id,
        })
    }
}

/// Every log of some folders with its stamp.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snapshot(pub BTreeMap<PathBuf, FileStamp>);

/// What changed between two snapshots.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// New logs and logs whose stamp differs, in path order.
    pub changed: Vec<PathBuf>,
    /// Logs gone.
    pub removed: Vec<PathBuf>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.changed.is_empty() && self.removed.is_empty()
    }
}

impl Snapshot {
    /// The logs of `dirs` as the review reads them (each a jury's folder or a centre's folder of
    /// juries' folders); a folder that cannot be listed (not created yet, unplugged) holds none.
    pub fn scan(dirs: &[PathBuf]) -> Snapshot {
        let mut out = BTreeMap::new();
        for dir in dirs {
            for jury in folders::jury_dirs(dir).unwrap_or_default() {
                for path in list_logs(&jury).unwrap_or_default() {
                    if let Some(stamp) = FileStamp::of(&path) {
                        out.insert(path, stamp);
                    }
                }
            }
        }
        Snapshot(out)
    }

    /// The logs directly in one jury's folder (as the start screen lists them), stamped.
    pub fn of_folder(dir: &Path) -> Snapshot {
        Snapshot(
            list_logs(dir)
                .unwrap_or_default()
                .into_iter()
                .filter_map(|p| FileStamp::of(&p).map(|s| (p, s)))
                .collect(),
        )
    }

    /// One log alone (`affichage SEANCE.jsonl`): empty while it does not exist.
    pub fn of_file(path: &Path) -> Snapshot {
        Snapshot(
            FileStamp::of(path)
                .map(|s| (path.to_path_buf(), s))
                .into_iter()
                .collect(),
        )
    }

    /// What differs in `newer`.
    pub fn changes(&self, newer: &Snapshot) -> Changes {
        let changed = newer
            .0
            .iter()
            .filter(|(p, s)| self.0.get(*p) != Some(s))
            .map(|(p, _)| p.clone())
            .collect();
        let removed = self
            .0
            .keys()
            .filter(|p| !newer.0.contains_key(*p))
            .cloned()
            .collect();
        Changes { changed, removed }
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appends_new_files_removals_and_renames_over_are_changes() {
        let d = tempfile::tempdir().unwrap();
        let dirs = [d.path().to_path_buf()];
        let (a, b) = (d.path().join("a.jsonl"), d.path().join("b.jsonl"));
        std::fs::write(&a, "1\n").unwrap();
        std::fs::write(d.path().join("notes.txt"), "not a log").unwrap();
        let s0 = Snapshot::scan(&dirs);
        assert_eq!(s0.len(), 1);
        assert!(s0.changes(&Snapshot::scan(&dirs)).is_empty());
        std::fs::write(&a, "1\n2\n").unwrap();
        std::fs::write(&b, "1\n").unwrap();
        let s1 = Snapshot::scan(&dirs);
        assert_eq!(s0.changes(&s1).changed, [a.clone(), b.clone()]);
        // A sync client's replacement: same size, a new file renamed over the old one.
        let tmp = d.path().join(".b.jsonl.part");
        std::fs::write(&tmp, "2\n").unwrap();
        std::fs::rename(&tmp, &b).unwrap();
        std::fs::remove_file(&a).unwrap();
        let s2 = Snapshot::scan(&dirs);
        let c = s1.changes(&s2);
        #[cfg(unix)]
        assert_eq!(c.changed, std::slice::from_ref(&b));
        assert_eq!(c.removed, [a]);
        // A folder that does not exist holds nothing (yet).
        assert!(Snapshot::scan(&[d.path().join("absent")]).is_empty());
        assert!(Snapshot::of_file(&d.path().join("absent.jsonl")).is_empty());
        assert_eq!(Snapshot::of_file(&b).len(), 1);
    }
}
