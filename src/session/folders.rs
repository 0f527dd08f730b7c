//! Where the séance logs of a review are: one folder or several (`--sessions` repeated), and a
//! centre's folder whose sub-folders are the juries' folders, as a sync client gathers them.
//!
//! A folder given that holds no séance log directly is read as a centre's folder: each of its
//! sub-folders holding logs is a jury's folder (one level down; `exemples/`, the demonstration
//! séances shipped with the app, is never one). The same séance synced into two folders is one
//! séance: a file of the same name and the same bytes is read once. Two different logs of the
//! same séance are kept both, and the review calls them a conflict.

use std::collections::HashMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use super::files::{has_logs, list_logs};
use super::store::StoreError;

/// The sub-folder of a sessions folder that holds the demonstration séances.
pub const EXEMPLES: &str = "exemples";

/// The juries' folders behind `dir`: `dir` itself when it holds logs (or holds nothing at
/// all), else its sub-folders that hold logs, in name order.
pub fn jury_dirs(dir: &Path) -> Result<Vec<PathBuf>, StoreError> {
    if has_logs(dir)? {
        return Ok(vec![dir.to_path_buf()]);
    }
    let mut subs: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_dir() && p.file_name().is_some_and(|n| n != EXEMPLES))
                .collect()
        })
        .unwrap_or_default();
    subs.sort();
    let mut out = Vec::new();
    for s in subs {
        if has_logs(&s).unwrap_or(false) {
            out.push(s);
        }
    }
    if out.is_empty() {
        out.push(dir.to_path_buf());
    }
    Ok(out)
}

/// Every log of `dirs` (each expanded by [`jury_dirs`]), identical copies read once, in a
/// stable order (folder, then file name).
pub fn logs_of(dirs: &[PathBuf]) -> Result<Vec<PathBuf>, StoreError> {
    let mut out: Vec<PathBuf> = Vec::new();
    // Copies can only share a file name: index the kept logs by name, so a folder of n logs is
    // read in n steps, not n² (100,000 séances took minutes with a linear search).
    let mut by_name: HashMap<OsString, Vec<usize>> = HashMap::new();
    for dir in dirs {
        for jury in jury_dirs(dir)? {
            for log in list_logs(&jury)? {
                let name = log.file_name().unwrap_or_default().to_os_string();
                let kept = by_name.entry(name).or_default();
                if !kept.iter().any(|&i| same_copy(&out[i], &log)) {
                    kept.push(out.len());
                    out.push(log);
                }
            }
        }
    }
    Ok(out)
}

/// Same file name, same bytes: one séance seen through two synced folders.
fn same_copy(a: &Path, b: &Path) -> bool {
    if a.file_name() != b.file_name() {
        return false;
    }
    let size = |p: &Path| std::fs::metadata(p).map(|m| m.len()).ok();
    if size(a).is_none() || size(a) != size(b) {
        return false;
    }
    matches!((std::fs::read(a), std::fs::read(b)), (Ok(x), Ok(y)) if x == y)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(p: &Path, text: &str) {
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    #[test]
    fn a_centre_folder_reads_its_juries_folders_but_never_the_examples() {
        let d = tempfile::tempdir().unwrap();
        touch(&d.path().join("salle1/a.jsonl"), "1");
        touch(&d.path().join("salle2/b.jsonl"), "2");
        touch(&d.path().join("exemples/x.jsonl"), "3");
        touch(&d.path().join("vide/notes.txt"), "");
        let dirs = jury_dirs(d.path()).unwrap();
        assert_eq!(dirs, [d.path().join("salle1"), d.path().join("salle2")]);
        // A folder with logs of its own is a jury's folder: its sub-folders are not read.
        touch(&d.path().join("c.jsonl"), "4");
        assert_eq!(jury_dirs(d.path()).unwrap(), [d.path().to_path_buf()]);
    }

    #[test]
    fn one_seance_synced_twice_is_read_once_two_versions_twice() {
        let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        touch(&a.path().join("s1.jsonl"), "même");
        touch(&b.path().join("s1.jsonl"), "même");
        touch(&a.path().join("s2.jsonl"), "une version");
        touch(&b.path().join("s2.jsonl"), "une autre version");
        let logs = logs_of(&[a.path().to_path_buf(), b.path().to_path_buf()]).unwrap();
        let names: Vec<String> = logs
            .iter()
            .map(|p| {
                p.strip_prefix(p.parent().unwrap().parent().unwrap())
                    .unwrap()
                    .display()
                    .to_string()
            })
            .collect();
        assert_eq!(logs.len(), 3, "{names:?}");
        assert_eq!(logs[0], a.path().join("s1.jsonl"));
    }
}
