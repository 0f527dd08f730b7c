//! Fault injection on the disk, through the real TUI in a pty.
//!
//! **Full disk.** The app is restarted on its séance under a file-size limit (`ulimit -f`, with
//! SIGXFSZ ignored as a real full disk sends none): the next appends fail as on a full disk (the
//! OS says "File too large" instead of "No space left on device"; the app's path is the same
//! `write` error). A press that cannot be written must not show as done, must say why, and
//! nothing written before may be lost or damaged; once there is room again the séance goes on.
//!
//! **Read-only sessions directory.** Nothing can be created there: the jury must be told at start,
//! before typing anything, and no séance can be opened. As root (CI) the directory's mode is no
//! obstacle, so the app runs as `nobody` (`setpriv`).
#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::kit::pty::*;
use sno_jury::grading::Niveau;
use sno_jury::session::{self, Event};

/// The levels of every positioning in the log, in order (0 = TI … 3 = TS).
fn logged_levels(log: &Path) -> Vec<usize> {
    let read = session::read_log(log).expect("the log reads");
    assert_eq!(read.warning, None, "no torn line");
    read.records
        .iter()
        .filter_map(|rec| match &rec.event {
            Event::CriterionPositioned { niveau, .. } => {
                Niveau::ALL.iter().position(|n| n == niveau)
            }
            _ => None,
        })
        .collect()
}

/// The message line: the row just above the footer (the last non-empty row).
fn message_line(screen: &str) -> String {
    let rows: Vec<&str> = screen.lines().filter(|l| !l.trim().is_empty()).collect();
    rows.get(rows.len().saturating_sub(2))
        .unwrap_or(&"")
        .to_string()
}

/// After a press: `Ok(screen)` once the screen shows `level`, `Err(screen)` once the message line
/// says the action was not recorded instead (an error).
fn press_outcome(app: &mut Running, level: usize) -> Result<String, String> {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let screen = app.wait_for("critères positionnés");
        if screen.contains(&level_cells(level)) {
            return Ok(screen);
        }
        if message_line(&screen).contains("non enregistrée") {
            return Err(screen);
        }
        assert!(Instant::now() < deadline, "no outcome; screen:\n{screen}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A séance with phase A running and the first criterion at TI, written with no limit; returns
/// the sessions dir and the log.
fn seance_with_one_position(tmp: &Path) -> (PathBuf, PathBuf) {
    let sessions = tmp.join("séances");
    let mut app = Running::start(&["--sessions", sessions.to_str().unwrap()], tmp);
    open_e1(&mut app);
    app.send(" ");
    app.wait_for("p pause");
    app.send("g1");
    app.wait_for(&level_cells(0));
    app.send("q");
    app.wait_for("Quitter sno-jury ?");
    app.send("o");
    app.wait_exit();
    let log = the_log(&sessions);
    (sessions, log)
}

/// Restarts on the séance with at most `limit_kib` KiB per file, shows the grid, and presses
/// levels until one is refused. Returns the app, the levels acknowledged, and the error screen.
fn fill_the_disk(tmp: &Path, sessions: &Path, log: &Path) -> (Running, Vec<usize>, String) {
    let size = std::fs::metadata(log).unwrap().len();
    // Room for one to four more lines (a positioning is about 215 bytes).
    let limit_kib = size / 1024 + 1;
    let setup = format!("trap '' XFSZ; ulimit -f {limit_kib} &&");
    let mut app = Running::start_with(
        &setup,
        &[],
        &["--sessions", sessions.to_str().unwrap()],
        tmp,
    );
    app.wait_for("phase A en cours");
    app.send("\r");
    app.wait_for("p pause");
    app.send("g");
    app.wait_for(&level_cells(0));
    let mut acked = vec![0];
    for n in 1..20 {
        let level = n % 4;
        app.send(&(level + 1).to_string());
        match press_outcome(&mut app, level) {
            Ok(_) => acked.push(level),
            Err(screen) => return (app, acked, screen),
        }
    }
    panic!("20 lines fitted under a {limit_kib} KiB limit");
}

#[test]
fn a_full_disk_shows_an_error_and_loses_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let (sessions, log) = seance_with_one_position(tmp.path());
    let (mut app, acked, screen) = fill_the_disk(tmp.path(), &sessions, &log);
    let size_at_failure = std::fs::metadata(&log).unwrap().len();

    // The refused press is not shown as done: the last acknowledged level stays.
    let last = *acked.last().unwrap();
    assert!(screen.contains(&level_cells(last)), "{screen}");
    assert!(
        message_line(&screen).contains("non enregistrée : disque plein"),
        "the message says the action was not recorded, and why: {screen}"
    );
    // Every acknowledged press is in the log, and only those; the failed write left no trace.
    assert_eq!(logged_levels(&log), acked);
    // Pressing on: refused again, still nothing half-written.
    let next = (last + 2) % 4;
    app.send(&(next + 1).to_string());
    assert!(press_outcome(&mut app, next).is_err(), "still full");
    assert_eq!(std::fs::metadata(&log).unwrap().len(), size_at_failure);
    app.send("q");
    app.wait_for("Quitter sno-jury ?");
    app.send("o");
    app.wait_exit();
    assert_eq!(logged_levels(&log), acked);

    // Room again: the séance resumes where the log stands and records again.
    let mut app = Running::start(&["--sessions", sessions.to_str().unwrap()], tmp.path());
    app.wait_for("phase A en cours");
    app.send("\r");
    app.wait_for("p pause");
    app.send("g");
    app.wait_for(&level_cells(last));
    app.send(&(next + 1).to_string());
    app.wait_for(&level_cells(next));
    app.send("q");
    app.wait_for("Quitter sno-jury ?");
    app.send("o");
    app.wait_exit();
    let mut expected = acked;
    expected.push(next);
    assert_eq!(logged_levels(&log), expected);
}

#[test]
fn a_full_disk_is_explained_in_french() {
    let tmp = tempfile::tempdir().unwrap();
    let (sessions, log) = seance_with_one_position(tmp.path());
    let (_app, _acked, screen) = fill_the_disk(tmp.path(), &sessions, &log);
    let message = message_line(&screen);
    assert!(
        ["plein", "espace", "volumineux", "écrire", "écriture"]
            .iter()
            .any(|w| message.contains(w)),
        "no French explanation of the failure: {message}"
    );
    assert!(
        message.contains("enregistr"),
        "the jury is not told the action was not recorded: {message}"
    );
}

/// A sessions dir nobody but root may write to, and how to run the app so that applies:
/// `None` when it cannot be arranged (root without `setpriv`).
fn read_only_sessions(tmp: &Path) -> Option<(PathBuf, Vec<&'static str>)> {
    use std::os::unix::fs::PermissionsExt;
    let wrapper = if euid() == 0 {
        let setpriv = std::process::Command::new("setpriv")
            .arg("--version")
            .output();
        if setpriv.is_err() {
            eprintln!("skipped: running as root without setpriv, a read-only dir cannot be made");
            return None;
        }
        vec![
            "setpriv",
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
        ]
    } else {
        vec![]
    };
    // The app (maybe as nobody) must reach its working dir and the sessions dir.
    std::fs::set_permissions(tmp, std::fs::Permissions::from_mode(0o755)).unwrap();
    let sessions = tmp.join("séances");
    std::fs::create_dir(&sessions).unwrap();
    std::fs::set_permissions(&sessions, std::fs::Permissions::from_mode(0o555)).unwrap();
    Some((sessions, wrapper))
}

#[test]
fn a_read_only_sessions_dir_refuses_to_open_a_seance() {
    let tmp = tempfile::tempdir().unwrap();
    let Some((sessions, wrapper)) = read_only_sessions(tmp.path()) else {
        return;
    };
    let args = ["--sessions", sessions.to_str().unwrap()];
    let mut app = Running::start_with("", &wrapper, &args, tmp.path());
    app.wait_for("Aucune séance pour l’instant");
    app.send("n");
    let screen = app.wait_for("Impossible d’ouvrir une séance");
    assert!(
        !screen.contains("1/6"),
        "the wizard was not opened:\n{screen}"
    );
    assert!(
        session::list_logs(&sessions).unwrap().is_empty(),
        "nothing created"
    );
    app.kill();
}

#[test]
fn a_read_only_sessions_dir_is_announced_at_start() {
    let tmp = tempfile::tempdir().unwrap();
    let Some((sessions, wrapper)) = read_only_sessions(tmp.path()) else {
        return;
    };
    let dir = sessions.to_str().unwrap();
    let mut app = Running::start_with("", &wrapper, &["--sessions", dir], tmp.path());
    app.wait_for("Aucune séance pour l’instant");
    std::thread::sleep(Duration::from_millis(300));
    let screen = app.wait_for("Aucune séance pour l’instant");
    assert!(
        ["écri", "lecture seule"].iter().any(|w| screen.contains(w)),
        "no word at start that the sessions dir cannot be written to:\n{screen}"
    );
    app.kill();
}
