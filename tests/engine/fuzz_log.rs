//! Fuzzing the séance log reader (`session::read_log`, `LogStore::open`, `Seance::resume`): the
//! log is outside data (a file on a USB key, a copy sent by mail, a disk that failed). Arbitrary
//! bytes, a real log with flipped bytes, cut at any byte, with lines shuffled, dropped or
//! duplicated: never a panic; either the log reads, or a French error names the file and the
//! line where it breaks — and that line is where the damage is, not some later symptom. A cut
//! inside the last line is a torn line: a warning naming the file and the line, never an error.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use crate::kit::engine::*;
use proptest::prelude::*;
use sno_jury::session::{LogStore, Record, Seance, StoreError, read_log};

/// A real log, written by the engine: a finished E3 séance (members, phases, a pause, a full
/// grid, validation), as bytes, with its records.
struct RealLog {
    bytes: Vec<u8>,
    records: Vec<Record>,
}

static REAL: LazyLock<RealLog> = LazyLock::new(|| {
    let dir = tempfile::tempdir().expect("temp dir");
    let r = r();
    let s = full_e3(dir.path(), &r, "fuzz-e3", "02212345678");
    let path = s.path().to_path_buf();
    drop(s);
    let bytes = std::fs::read(&path).expect("log written");
    let records = read_log(&path).expect("real log reads").records;
    RealLog { bytes, records }
});

/// Where the byte at `offset` sits: its 1-based line number.
fn line_of(bytes: &[u8], offset: usize) -> usize {
    1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count()
}

fn lines_of(bytes: &[u8]) -> Vec<Vec<u8>> {
    bytes
        .split_inclusive(|&b| b == b'\n')
        .map(<[u8]>::to_vec)
        .collect()
}

/// Writes `bytes` to a fresh log file in a temp dir.
fn log_file(bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("séance-fuzz.jsonl");
    std::fs::write(&path, bytes).expect("log written");
    (dir, path)
}

/// The French openings of every corruption message: a reader must know what is wrong.
const MESSAGES: [&str; 4] = [
    "enregistrement illisible",
    "numéro de séquence",
    "chaînage rompu",
    "ligne vide",
];

/// The outcome of reading `bytes` as a log, checked for the properties that hold whatever the
/// bytes: a corruption error names this file and a line that exists, in French; a success
/// returns one record per complete line, and a warning exactly when a torn tail was dropped.
/// Returns the corrupt line, if any.
fn read_checked(path: &Path, bytes: &[u8]) -> Result<Option<usize>, TestCaseError> {
    let lines = bytes.iter().filter(|&&b| b == b'\n').count();
    let torn = !bytes.is_empty() && bytes.last() != Some(&b'\n');
    match read_log(path) {
        Ok(log) => {
            prop_assert_eq!(log.records.len(), lines);
            match (&log.warning, torn) {
                (Some(w), true) => {
                    prop_assert!(w.contains(&path.display().to_string()), "{}", w);
                    let expected = format!("ligne {} incomplète", lines + 1);
                    prop_assert!(w.contains(&expected), "{}", w);
                }
                (None, false) => {}
                (w, _) => prop_assert!(false, "torn tail {torn} but warning {w:?}"),
            }
            Ok(None)
        }
        Err(StoreError::Corrupt {
            file,
            line,
            message,
        }) => {
            prop_assert_eq!(&file, path);
            prop_assert!(line >= 1 && line <= lines, "line {line} of {lines}");
            prop_assert!(
                MESSAGES.iter().any(|m| message.starts_with(m)),
                "unclear message: {}",
                message
            );
            let shown = StoreError::Corrupt {
                file,
                line,
                message,
            }
            .to_string();
            let expected = format!("{}, ligne {line} : ", path.display());
            prop_assert!(shown.starts_with(&expected), "{}", shown);
            Ok(Some(line))
        }
        Err(e) => {
            prop_assert!(false, "an existing file gave a non-corruption error: {e}");
            unreachable!()
        }
    }
}

/// Any junk line, or a line of the real log: so that random logs get past line 1 sometimes.
fn line_strategy() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..120),
        "[ -~]{0,80}".prop_map(String::into_bytes),
        (0usize..64).prop_map(|i| {
            let lines = lines_of(&REAL.bytes);
            let l = &lines[i % lines.len()];
            l[..l.len() - 1].to_vec()
        }),
        Just(b"{}".to_vec()),
        Just(
            br#"{"seq":1,"ts":"2025-06-10T08:00:00Z","prev":"0","event":{"type":"resumed"}}"#
                .to_vec()
        ),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..3000)) {
        let (_dir, path) = log_file(&bytes);
        read_checked(&path, &bytes)?;
    }

    #[test]
    fn arbitrary_lines(lines in proptest::collection::vec(line_strategy(), 0..12), torn in any::<bool>()) {
        let mut bytes = lines.join(&b'\n');
        if !torn {
            bytes.push(b'\n');
        }
        let (_dir, path) = log_file(&bytes);
        read_checked(&path, &bytes)?;
    }

    /// A flipped byte is caught on its own line, or on the next one (whose `prev` no longer
    /// matches); only the last line can change unseen (no line after it carries its hash: the
    /// log's fingerprint, noted by the coordinator, covers that).
    #[test]
    fn flipped_bytes(flips in proptest::collection::vec((0.0f64..1.0, any::<u8>()), 1..6)) {
        let real = &*REAL;
        let mut bytes = real.bytes.clone();
        let mut first_changed: Option<usize> = None;
        for (pos, b) in flips {
            let i = ((bytes.len() - 1) as f64 * pos) as usize;
            if bytes[i] != b {
                bytes[i] = b;
                first_changed = Some(first_changed.map_or(i, |f| f.min(i)));
            }
        }
        let (_dir, path) = log_file(&bytes);
        let outcome = read_checked(&path, &bytes)?;
        let Some(first) = first_changed else {
            prop_assert_eq!(outcome, None);
            return Ok(());
        };
        let damaged = line_of(&real.bytes, first);
        let n = real.records.len();
        match outcome {
            Some(line) => prop_assert!(
                line == damaged || line == damaged + 1,
                "damage on line {damaged}, error on line {line}"
            ),
            None => {
                prop_assert_eq!(damaged, n, "a change before the last line went unseen");
                let log = read_log(&path).expect("read above");
                prop_assert_eq!(&log.records[..n - 1], &real.records[..n - 1]);
            }
        }
        // The app's path: resuming never panics, and an error names the file.
        let r = r();
        if let Err(e) = Seance::resume(&path, &r, &no_prior()) {
            let msg = e.to_string();
            prop_assert!(msg.contains(&path.display().to_string()), "{}", msg);
        }
    }

    /// A cut anywhere: the complete lines read, a partial last line is a torn-line warning; and
    /// reopening for writing cuts the torn tail off, so the next append chains on.
    #[test]
    fn truncated(cut in 0.0f64..=1.0) {
        let real = &*REAL;
        let at = (real.bytes.len() as f64 * cut) as usize;
        let bytes = &real.bytes[..at];
        let (_dir, path) = log_file(bytes);
        prop_assert_eq!(read_checked(&path, bytes)?, None);
        let complete = bytes.iter().filter(|&&b| b == b'\n').count();
        let log = read_log(&path).expect("read above");
        prop_assert_eq!(&log.records[..], &real.records[..complete]);
        if complete > 0 {
            let (mut store, reopened) = LogStore::open(&path).expect("reopens");
            prop_assert_eq!(reopened.records.len(), complete);
            let e = sno_jury::session::Event::Remark { text: "après reprise".into() };
            store.append(&e, t(10_000)).expect("appends after the repair");
            drop(store);
            let after = read_log(&path).expect("still a valid log");
            prop_assert_eq!(after.records.len(), complete + 1);
            prop_assert_eq!(after.warning, None);
        }
    }

    /// Lines in another order: the error names the first line that is not where it belongs.
    #[test]
    fn shuffled_lines(perm in Just((0..64usize).collect::<Vec<_>>()).prop_shuffle()) {
        let real = &*REAL;
        let lines = lines_of(&real.bytes);
        let order: Vec<usize> = perm.into_iter().filter(|&i| i < lines.len()).collect();
        let bytes: Vec<u8> = order.iter().flat_map(|&i| lines[i].clone()).collect();
        let (_dir, path) = log_file(&bytes);
        let outcome = read_checked(&path, &bytes)?;
        let first_moved = order.iter().enumerate().position(|(at, &i)| at != i);
        prop_assert_eq!(outcome, first_moved.map(|at| at + 1));
    }

    /// A line dropped or duplicated (a bad copy, a merge by hand): caught on that line.
    #[test]
    fn dropped_or_duplicated_line(at in 0usize..64, duplicate in any::<bool>()) {
        let real = &*REAL;
        let mut lines = lines_of(&real.bytes);
        let at = at % lines.len();
        if duplicate {
            let l = lines[at].clone();
            lines.insert(at, l);
        } else {
            lines.remove(at);
        }
        let bytes: Vec<u8> = lines.concat();
        let (_dir, path) = log_file(&bytes);
        let outcome = read_checked(&path, &bytes)?;
        let expected = if duplicate { at + 2 } else { at + 1 };
        // Dropping the last line leaves a valid, shorter log: only the fingerprint shows it.
        let dropped_last = !duplicate && at == real.records.len() - 1;
        prop_assert_eq!(outcome, (!dropped_last).then_some(expected));
    }
}
