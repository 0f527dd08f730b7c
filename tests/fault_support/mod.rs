//! What the fault-injection tests share: the real binary started in a pty through `bash`, with
//! shell set-up before it (a file-size limit) or a wrapper command (another user), the wizard
//! that opens an E1 ponctuel, and how the first criterion's level looks on screen.
#![allow(dead_code)] // each fault test uses its own subset

use std::path::{Path, PathBuf};
use std::process::Command;

use expectrl::session::OsSession;

use super::e2e_support::{COLS, ROWS, Running, Screen};

pub const RIGHT: &str = "\x1b[C";

/// Starts the binary at 100×30 like `Running::start`, but through `bash -c "<setup> exec
/// <wrapper…> sno-jury <args…>"`, so a test can limit the child or run it as another user.
pub fn start_with(setup: &str, wrapper: &[&str], args: &[&str], cwd: &Path) -> Running {
    let bin = env!("CARGO_BIN_EXE_sno-jury");
    let mut script = format!("stty cols {COLS} rows {ROWS} && {setup} exec");
    for w in wrapper.iter().chain([&bin]).chain(args) {
        script.push_str(&format!(" '{w}'"));
    }
    let mut cmd = Command::new("bash");
    cmd.arg("-c")
        .arg(script)
        .current_dir(cwd)
        .env("TERM", "xterm-256color")
        .env("NO_COLOR", "1")
        .env_remove("SNO_SESSIONS");
    let mut session = OsSession::spawn(cmd).expect("spawn in a pty");
    session
        .get_process_mut()
        .set_window_size(COLS as u16, ROWS as u16)
        .expect("window size");
    Running {
        session,
        screen: Screen::new(),
    }
}

/// From the empty start screen, opens an E1 ponctuel with a typed-in candidate and a full
/// commission, up to the timer (phase A not started).
pub fn open_e1(app: &mut Running) {
    app.wait_for("Aucune séance pour l’instant");
    app.send("n\r2\r");
    app.wait_for("Saisie d’une personne candidate");
    app.send("0123\rDurand\r\r\r");
    app.wait_for("5/6 · Commission");
    app.send(&format!("Mme Lefèvre\rM. Nguyen{RIGHT}\r\r"));
    app.wait_for("6/6 · Vérification");
    app.send("\r");
}

/// The four level cells of the first criterion at level `i` (0 = TI … 3 = TS), as drawn when it
/// is the only positioned criterion: unique on the screen.
pub fn level_cells(i: usize) -> String {
    (0..4)
        .map(|k| if k == i { "●" } else { "·" })
        .collect::<Vec<_>>()
        .join("   ")
}

/// The only séance log in `dir`.
pub fn the_log(dir: &Path) -> PathBuf {
    let logs = sno_jury::session::list_logs(dir).expect("sessions dir");
    assert_eq!(logs.len(), 1, "one séance: {logs:?}");
    logs[0].clone()
}

/// The effective user id, from `id -u` (no libc in the dev-dependencies).
pub fn euid() -> u32 {
    let out = Command::new("id").arg("-u").output().expect("id -u");
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .expect("numeric uid")
}
