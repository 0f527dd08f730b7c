//! The jury's app and `sno-jury affichage` side by side on one séance, each in its own
//! pseudo-terminal: every phase change and pause the jury makes shows on the display within
//! half a second of showing on the jury's screen, and no note, position or name ever does
//! (every frame of the display is searched, as the candidate-display test searches its buffer).

use std::time::{Duration, Instant};

use crate::e2e_support::{Running, open_e1};
use crate::support::r;
use sno_jury::session::{self, Event};

/// What the display must never show: the candidate, the commission, the note typed.
const SECRETS: [&str; 5] = ["Durand", "0123", "Lefèvre", "Nguyen", "14,5"];

struct Side {
    jury: Running,
    display: Running,
}

impl Side {
    fn pump(&mut self) -> (String, String) {
        self.jury.pump();
        self.display.pump();
        let shown = self.display.screen.text();
        for s in SECRETS {
            assert!(!shown.contains(s), "the display shows « {s} »:\n{shown}");
        }
        (self.jury.screen.text(), shown)
    }

    /// Sends `keys` to the jury, waits until the jury's screen and then the display satisfy
    /// their tests; returns how long after the jury's screen the display followed.
    fn step(
        &mut self,
        what: &str,
        keys: &str,
        jury: impl Fn(&str) -> bool,
        display: impl Fn(&str) -> bool,
    ) -> Duration {
        self.jury.send(keys);
        let sent = Instant::now();
        let (mut jury_at, mut display_at) = (None, None);
        while jury_at.is_none() || display_at.is_none() {
            let (j, d) = self.pump();
            let now = Instant::now();
            if jury_at.is_none() && jury(&j) {
                jury_at = Some(now);
            }
            if display_at.is_none() && display(&d) {
                display_at = Some(now);
            }
            assert!(
                now - sent < Duration::from_secs(10),
                "{what}: never shown.\njury:\n{j}\ndisplay:\n{d}"
            );
            std::thread::sleep(Duration::from_millis(5));
        }
        let (j, d) = (jury_at.unwrap_or(sent), display_at.unwrap_or(sent));
        let lag = d.saturating_duration_since(j);
        println!(
            "{what}: jury {} ms after the key, display {} ms after the jury",
            (j - sent).as_millis(),
            lag.as_millis()
        );
        lag
    }
}

#[test]
fn the_display_follows_each_phase_and_pause_within_half_a_second_and_never_a_note() {
    let r = r();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("séances");
    let d = dir.to_str().unwrap();
    let jury = Running::start(&["--sessions", d], tmp.path());
    let mut jury = jury;
    jury.wait_for("Aucune séance pour l’instant");
    let mut display = Running::start(&["--sessions", d, "affichage"], tmp.path());
    display.wait_for("En attente d’une séance");
    let mut side = Side { jury, display };

    let phase_a = "Exposé oral de la personne candidate";
    let phase_b = "Entretien avec la personne candidate";
    let running = |name: &'static str| move |s: &str| s.contains(name) && !s.contains("À venir");
    let mut lags = Vec::new();
    open_e1(&mut side.jury);
    lags.push(side.step(
        "séance ouverte",
        "",
        |_| true,
        |s| s.contains("À venir : Exposé oral"),
    ));
    lags.push(side.step("phase A", " ", |s| s.contains("p pause"), running(phase_a)));
    side.jury.send("p");
    side.jury.wait_for("motif");
    lags.push(side.step(
        "pause",
        "1\r",
        |s| s.contains("EN PAUSE"),
        |s| s.contains("EN PAUSE"),
    ));
    lags.push(side.step(
        "reprise",
        "p",
        |s| !s.contains("EN PAUSE"),
        |s| !s.contains("EN PAUSE") && s.contains(phase_a),
    ));
    // Ending the exposé before its time asks first; the end is recorded at the yes.
    side.jury.send("f");
    side.jury.wait_for("La terminer maintenant");
    lags.push(side.step(
        "fin de A",
        "o",
        |s| s.contains("Prochaine phase : B"),
        |s| s.contains("À venir : Entretien"),
    ));
    lags.push(side.step("phase B", " ", |s| s.contains("p pause"), running(phase_b)));

    // The jury grades on its screen: positions and a note, none of which reaches the display.
    let e = r.epreuve("E1").unwrap();
    let first = r.competences_of(e).next().unwrap();
    side.jury.send("g");
    side.jury.wait_for("critères positionnés");
    side.jury.send(&"3j".repeat(first.criteres.len()));
    side.jury.send("14,5\r");
    let deadline = Instant::now() + Duration::from_secs(10);
    while !side.pump().0.contains("14,5") {
        assert!(
            Instant::now() < deadline,
            "the note was never shown to the jury"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    // Long enough for the display to have read every change, then looked at once more.
    std::thread::sleep(Duration::from_millis(700));
    let (_, shown) = side.pump();
    assert!(shown.contains(phase_b), "{shown}");
    let log = session::read_log(&crate::e2e_support::the_log(&dir)).unwrap();
    assert!(
        log.records
            .iter()
            .any(|x| matches!(x.event, Event::NoteSet { .. })),
        "the note is in the log"
    );

    for (i, lag) in lags.iter().enumerate() {
        assert!(
            *lag <= Duration::from_millis(500),
            "step {i}: the display followed {} ms after the jury",
            lag.as_millis()
        );
    }
    let Side { jury, mut display } = side;
    display.send("q");
    display.wait_exit();
    // The jury's grid holds what was typed; it is on disk already.
    jury.kill();
}

#[test]
fn sigterm_ends_the_display_with_the_terminal_restored() {
    use expectrl::process::unix::WaitStatus;
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().to_str().unwrap();
    let mut display = Running::start(&["--sessions", d, "affichage"], tmp.path());
    display.wait_for("En attente d’une séance");
    let status = std::process::Command::new("kill")
        .args(["-TERM", &display.pid().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut raw = Vec::new();
    let mut buf = [0u8; 8192];
    let status = loop {
        while let Ok(n) = display.session.try_read(&mut buf) {
            if n == 0 {
                break;
            }
            raw.extend_from_slice(&buf[..n]);
        }
        match display.session.get_process().status() {
            Ok(WaitStatus::StillAlive) => {}
            Ok(status) => break status,
            Err(e) => panic!("{e}"),
        }
        assert!(Instant::now() < deadline, "the display did not end");
        std::thread::sleep(Duration::from_millis(10));
    };
    assert!(matches!(status, WaitStatus::Exited(_, 0)), "{status:?}");
    assert!(String::from_utf8_lossy(&raw).contains("\x1b[?1049l"));
}

#[test]
fn with_polling_the_display_follows_within_the_interval() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("séances");
    let d = dir.to_str().unwrap();
    let mut jury = Running::start(&["--sessions", d], tmp.path());
    jury.wait_for("Aucune séance pour l’instant");
    let mut display = Running::start(&["--sessions", d, "affichage", "--sondage"], tmp.path());
    display.wait_for("En attente d’une séance");
    let mut side = Side { jury, display };
    open_e1(&mut side.jury);
    let phase_a = "Exposé oral de la personne candidate";
    let lags = [
        side.step(
            "phase A (sondage)",
            " ",
            |s| s.contains("p pause"),
            move |s| s.contains(phase_a) && !s.contains("À venir"),
        ),
        {
            side.jury.send("p");
            side.jury.wait_for("motif");
            side.step(
                "pause (sondage)",
                "1\r",
                |s| s.contains("EN PAUSE"),
                |s| s.contains("EN PAUSE"),
            )
        },
    ];
    // Polled every 500 ms: the change is seen at the next comparison, then read and drawn.
    for lag in lags {
        assert!(lag <= Duration::from_millis(800), "{} ms", lag.as_millis());
    }
    let Side { jury, mut display } = side;
    display.send("q");
    display.wait_exit();
    jury.kill();
}
