//! A running `sno-jury` in a pseudo-terminal, and a minimal terminal emulator over its output,
//! so end-to-end tests wait for text on the *screen* (not in a byte stream where a diffing
//! renderer may have split it) with a timeout instead of sleeping. Also what these tests share
//! on top: the wizard that opens an E1 ponctuel, how the first criterion's level looks on
//! screen, the séance log to inspect, and starting the app under a limit or as another user.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use expectrl::session::OsSession;

pub const COLS: usize = 100;
pub const ROWS: usize = 30;

/// The right-arrow key.
pub const RIGHT: &str = "\x1b[C";

/// The screen as the program drew it: enough of a VT100 for what crossterm emits (cursor
/// moves, erases, text; colours and modes ignored), answering cursor-position queries.
pub struct Screen {
    cells: Vec<Vec<char>>,
    x: usize,
    y: usize,
    pending: Vec<u8>,
    replies: Vec<u8>,
    pub bells: usize,
}

impl Screen {
    pub fn new() -> Screen {
        Screen {
            cells: vec![vec![' '; COLS]; ROWS],
            x: 0,
            y: 0,
            pending: Vec::new(),
            replies: Vec::new(),
            bells: 0,
        }
    }

    pub fn text(&self) -> String {
        self.cells
            .iter()
            .map(|row| row.iter().collect::<String>().trim_end().to_string())
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn put(&mut self, c: char) {
        if self.x >= COLS {
            self.x = 0;
            self.y = (self.y + 1).min(ROWS - 1);
        }
        self.cells[self.y][self.x] = c;
        self.x += 1;
    }

    fn csi(&mut self, params: &str, fin: char) {
        let nums: Vec<usize> = params
            .trim_start_matches('?')
            .split(';')
            .map(|p| p.parse().unwrap_or(0))
            .collect();
        let n = |i: usize, d: usize| nums.get(i).copied().filter(|&v| v > 0).unwrap_or(d);
        match fin {
            'H' | 'f' => {
                self.y = (n(0, 1) - 1).min(ROWS - 1);
                self.x = (n(1, 1) - 1).min(COLS - 1);
            }
            'A' => self.y = self.y.saturating_sub(n(0, 1)),
            'B' => self.y = (self.y + n(0, 1)).min(ROWS - 1),
            'C' => self.x = (self.x + n(0, 1)).min(COLS - 1),
            'D' => self.x = self.x.saturating_sub(n(0, 1)),
            'G' => self.x = (n(0, 1) - 1).min(COLS - 1),
            'J' => {
                let from = if nums.first() == Some(&2) || nums.first() == Some(&3) {
                    0
                } else {
                    self.y
                };
                for row in &mut self.cells[from..] {
                    row.fill(' ');
                }
            }
            'K' => self.cells[self.y][self.x.min(COLS)..].fill(' '),
            'n' if params == "6" => {
                let reply = format!("\x1b[{};{}R", self.y + 1, self.x + 1);
                self.replies.extend_from_slice(reply.as_bytes());
            }
            _ => {}
        }
    }

    /// Feeds output bytes; returns the answers the terminal owes the program.
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<u8> {
        self.pending.extend_from_slice(bytes);
        let data = std::mem::take(&mut self.pending);
        let mut i = 0;
        while i < data.len() {
            let b = data[i];
            if b == 0x1b {
                let Some(&next) = data.get(i + 1) else {
                    self.pending = data[i..].to_vec();
                    break;
                };
                if next == b'[' {
                    let Some(end) = data[i + 2..].iter().position(|c| (0x40..=0x7e).contains(c))
                    else {
                        self.pending = data[i..].to_vec();
                        break;
                    };
                    let params = String::from_utf8_lossy(&data[i + 2..i + 2 + end]).to_string();
                    self.csi(&params, data[i + 2 + end] as char);
                    i += 3 + end;
                } else if next == b']' {
                    // OSC: up to BEL or ST.
                    match data[i..].iter().position(|&c| c == 0x07) {
                        Some(end) => i += end + 1,
                        None => {
                            self.pending = data[i..].to_vec();
                            break;
                        }
                    }
                } else {
                    i += 2;
                }
                continue;
            }
            match b {
                b'\r' => self.x = 0,
                b'\n' => self.y = (self.y + 1).min(ROWS - 1),
                0x07 => self.bells += 1,
                0x08 => self.x = self.x.saturating_sub(1),
                b if b < 0x20 => {}
                _ => {
                    let len = match b {
                        0xc0..=0xdf => 2,
                        0xe0..=0xef => 3,
                        0xf0..=0xf7 => 4,
                        _ => 1,
                    };
                    if i + len > data.len() {
                        self.pending = data[i..].to_vec();
                        break;
                    }
                    let s = String::from_utf8_lossy(&data[i..i + len]).to_string();
                    for c in s.chars() {
                        self.put(c);
                    }
                    i += len;
                    continue;
                }
            }
            i += 1;
        }
        std::mem::take(&mut self.replies)
    }
}

/// The app in a pty, and what it shows.
pub struct Running {
    pub session: OsSession,
    pub screen: Screen,
}

impl Running {
    /// Starts the binary at 100×30 with TERM=xterm-256color and no colour.
    pub fn start(args: &[&str], cwd: &Path) -> Running {
        Running::start_with("", &[], args, cwd)
    }

    /// [`Running::start`] through `sh -c "<setup> exec <wrapper…> sno-jury <args…>"`, so a test
    /// can limit the child (`ulimit`) or run it as another user (`setpriv`).
    pub fn start_with(setup: &str, wrapper: &[&str], args: &[&str], cwd: &Path) -> Running {
        let bin = env!("CARGO_BIN_EXE_sno-jury");
        let mut script = format!("stty cols {COLS} rows {ROWS} && {setup} exec");
        for w in wrapper.iter().chain([&bin]).chain(args) {
            script.push_str(&format!(" '{w}'"));
        }
        let mut cmd = Command::new("sh");
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

    /// Reads whatever the app wrote, without blocking, into the screen (answering its queries).
    pub fn pump(&mut self) {
        let mut buf = [0u8; 8192];
        loop {
            match self.session.try_read(&mut buf) {
                Ok(0) => break,
                Ok(n) => {
                    let replies = self.screen.feed(&buf[..n]);
                    if !replies.is_empty() {
                        let _ = self.session.write_all(&replies);
                    }
                }
                Err(_) => break,
            }
        }
    }

    /// Waits until the screen shows `text` (10 s at most), then returns the screen.
    pub fn wait_for(&mut self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            self.pump();
            let screen = self.screen.text();
            if screen.contains(text) {
                return screen;
            }
            if Instant::now() > deadline {
                panic!("« {text} » never appeared; the screen shows:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn send(&mut self, keys: &str) {
        self.session.write_all(keys.as_bytes()).expect("send keys");
        self.session.flush().expect("flush");
    }

    pub fn pid(&self) -> i32 {
        self.session.get_process().pid().as_raw()
    }

    /// SIGKILL: no chance to clean up, like a crash or a power cut.
    pub fn kill(mut self) {
        self.pump();
        let status = Command::new("kill")
            .args(["-9", &self.pid().to_string()])
            .status()
            .expect("kill");
        assert!(status.success());
        let _ = self.session.get_process().wait();
    }

    /// Reads output until the process ends (10 s at most).
    pub fn wait_exit(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while self.session.get_process().is_alive().unwrap_or(false) {
            self.pump();
            assert!(Instant::now() < deadline, "the app did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
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
    app.wait_for("Prochaine phase : A");
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
