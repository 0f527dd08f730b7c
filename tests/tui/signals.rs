//! The real binary in a pseudo-terminal, made to end while the jury types the appréciation
//! (no Entrée, no Échap): SIGTERM and SIGHUP record the text, restore the terminal (the
//! alternate screen left) and exit 0; SIGKILL, which nothing can catch, loses at most the last
//! `DRAFT_PAUSE` of typing. A paste of 5 KB reaches the log whole, one of 1 MB is cut to the
//! appréciation's limit with the CPU idle again within a second. And SIGKILLs at the moment
//! the wizard creates the séance never leave an empty séance or one without its commission.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::e2e_support::{RIGHT, Running, open_e1};
use expectrl::process::unix::WaitStatus;
use sno_jury::referentiel::load_embedded;
use sno_jury::session::{self, Event};
use sno_jury::tui::app::DRAFT_PAUSE;
use sno_jury::tui::grid::APPRECIATION_MAX;

const PARAGRAPH: &str = "Exposé clair et structuré ; le candidat justifie ses choix \
    techniques et répond avec précision aux questions du jury sur la sauvegarde";

/// The appréciation of candidate 0123 in the only log of `dir`, as the log holds it now.
fn logged_appreciation(dir: &Path) -> Option<String> {
    let logs = session::list_logs(dir).ok()?;
    let log = session::read_log(logs.first()?).ok()?;
    log.records
        .into_iter()
        .rev()
        .find_map(|rec| match rec.event {
            Event::AppreciationSet { text, .. } => Some(text),
            _ => None,
        })
}

/// Starts the app on an empty sessions folder `dir` and opens the E1 grid's appréciation
/// editor (no phase running, so nothing else wakes the app).
fn editor(tmp: &Path, dir: &Path) -> Running {
    let mut app = Running::start(&["--sessions", dir.to_str().unwrap()], tmp);
    open_e1(&mut app);
    app.send("g");
    app.wait_for("0/15 critères positionnés");
    app.send("e");
    app.wait_for("Rédigez ici");
    app
}

fn signal(app: &Running, name: &str) {
    let status = Command::new("kill")
        .args([&format!("-{name}"), &app.pid().to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
}

/// Reads the app's output, raw, until it exits (10 s at most); its exit status.
fn raw_until_exit(app: &mut Running) -> (Vec<u8>, WaitStatus) {
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut raw = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        while let Ok(n) = app.session.try_read(&mut buf) {
            if n == 0 {
                break;
            }
            raw.extend_from_slice(&buf[..n]);
        }
        match app.session.get_process().status() {
            Ok(WaitStatus::StillAlive) => {}
            Ok(status) => return (raw, status),
            Err(e) => panic!("the app's status: {e}"),
        }
        assert!(Instant::now() < deadline, "the app did not exit");
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Sends `text` as a terminal sends a paste (bracketed), in chunks, reading the app's output
/// between them so that neither side blocks.
fn paste(app: &mut Running, text: &str) {
    app.send("\x1b[200~");
    for chunk in text.as_bytes().chunks(16 * 1024) {
        app.send(std::str::from_utf8(chunk).expect("ASCII chunks"));
        app.pump();
    }
    app.send("\x1b[201~");
}

/// Clock ticks of CPU the process has used (user + system), from /proc.
fn cpu_ticks(pid: i32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("/proc/<pid>/stat");
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and
    // 13th after the closing parenthesis.
    let after = &stat[stat.rfind(')').expect("comm") + 2..];
    let fields: Vec<&str> = after.split(' ').collect();
    fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
}

#[test]
fn sigterm_and_sighup_record_the_text_being_typed_and_restore_the_terminal() {
    for name in ["TERM", "HUP"] {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("séances");
        let mut app = editor(tmp.path(), &dir);
        let typed = Instant::now();
        app.send(PARAGRAPH);
        app.wait_for("sur la sauvegarde");
        let before_draft = typed.elapsed() < DRAFT_PAUSE.to_std().unwrap();
        signal(&app, name);
        let (raw, status) = raw_until_exit(&mut app);
        assert!(
            matches!(status, WaitStatus::Exited(_, 0)),
            "SIG{name}: {status:?}"
        );
        assert_eq!(
            logged_appreciation(&dir).as_deref(),
            Some(PARAGRAPH),
            "SIG{name}: the text being typed is in the log"
        );
        let text = String::from_utf8_lossy(&raw);
        assert!(
            text.contains("\x1b[?1049l"),
            "SIG{name}: the alternate screen was not left"
        );
        assert!(
            text.contains("\x1b[?2004l"),
            "SIG{name}: bracketed paste left on"
        );
        eprintln!(
            "SIG{name}: exit 0, the paragraph in the log ({}), the terminal restored",
            if before_draft {
                "sent before its draft was due: written by the signal's flush"
            } else {
                "the machine was slow: its draft may have been due first"
            }
        );
    }
}

#[test]
fn sigkill_while_typing_loses_at_most_the_last_draft_pause() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("séances");
    let mut app = editor(tmp.path(), &dir);
    // A word every 250 ms for about 6 s, each one seen on screen before the next.
    let words: Vec<String> = (1..=24).map(|i| format!("mot{i:02}")).collect();
    let mut seen = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            std::thread::sleep(Duration::from_millis(250));
        }
        app.send(&format!("{w} "));
        app.wait_for(w);
        seen.push(Instant::now());
    }
    let killed = Instant::now();
    app.kill();
    let logged = logged_appreciation(&dir).unwrap_or_default();
    let kept = logged.split_whitespace().count();
    assert_eq!(
        logged.split_whitespace().collect::<Vec<_>>(),
        words[..kept].iter().map(String::as_str).collect::<Vec<_>>(),
        "the log holds the first words, in order"
    );
    // The first word not in the log was typed that long before the kill.
    let lost = seen.get(kept).map_or(Duration::ZERO, |t| killed - *t);
    let bound = DRAFT_PAUSE.to_std().unwrap();
    eprintln!(
        "SIGKILL after {:.1} s of typing: {kept} of {} words in the log; the lost ones were \
         typed in the last {:.2} s",
        (killed - seen[0]).as_secs_f64(),
        words.len(),
        lost.as_secs_f64()
    );
    // The write itself and the wake-up take a little on a loaded machine.
    assert!(
        lost <= bound + Duration::from_millis(500),
        "{:.2} s of typing lost",
        lost.as_secs_f64()
    );
}

#[test]
fn pastes_are_inserted_at_once_and_a_huge_one_is_capped_with_the_cpu_idle_after() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("séances");
    let mut app = editor(tmp.path(), &dir);
    // 5 KB, lines ending as terminals send them (CR).
    let line = "Le candidat présente une démarche rigoureuse et argumentée.";
    let five_kb = format!("{line}\r").repeat(5_000 / line.len() + 1);
    assert!(five_kb.len() >= 5_000);
    paste(&mut app, &five_kb);
    let expected = five_kb.trim_end().replace('\r', "\n");
    let deadline = Instant::now() + Duration::from_secs(10);
    while logged_appreciation(&dir).as_deref() != Some(expected.as_str()) {
        assert!(
            Instant::now() < deadline,
            "the 5 KB paste never reached the log"
        );
        app.pump();
        std::thread::sleep(Duration::from_millis(50));
    }

    // 1 MB: cut, said, and the app idle again.
    let pid = app.pid();
    let before = cpu_ticks(pid);
    let sent = Instant::now();
    paste(&mut app, &"x".repeat(1 << 20));
    app.wait_for("limitée à 10");
    let handled = sent.elapsed();
    std::thread::sleep(Duration::from_secs(1));
    let settled = cpu_ticks(pid);
    std::thread::sleep(Duration::from_secs(2));
    let idle = cpu_ticks(pid) - settled;
    let deadline = Instant::now() + Duration::from_secs(10);
    let logged = loop {
        let text = logged_appreciation(&dir).unwrap_or_default();
        if text.chars().count() == APPRECIATION_MAX {
            break text;
        }
        assert!(
            Instant::now() < deadline,
            "the capped text never reached the log"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(logged.starts_with(&expected) && logged.ends_with('x'));
    eprintln!(
        "1 MB paste: sent and handled in {:.2} s, {} CPU ticks for it; then {idle} ticks in \
         the next 2 s (the draft's write included)",
        handled.as_secs_f64(),
        settled - before
    );
    // 100 ticks a second: a busy loop would burn about 200.
    assert!(idle <= 5, "{idle} CPU ticks in 2 s after the paste");
    // Échap alone first: sent with the q, it would read as Alt-q.
    app.send("\x1b");
    std::thread::sleep(Duration::from_millis(300));
    app.send("q");
    app.wait_exit();
}

#[test]
fn a_sigkill_while_the_wizard_creates_leaves_no_seance_or_a_whole_one() {
    let r = load_embedded().unwrap();
    let (mut none, mut whole) = (0, 0);
    for k in 0..60u64 {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("séances");
        let mut app = Running::start(&["--sessions", dir.to_str().unwrap()], tmp.path());
        app.wait_for("Aucune séance pour l’instant");
        app.send(&format!(
            "n\r2\r0123\rDurand\r\r\rMme Lefèvre\rM. Nguyen{RIGHT}\r\r"
        ));
        app.wait_for("6/6 · Vérification");
        app.send("\r");
        // 0 to 15 ms: before, during and after the write of the opening and the commission.
        std::thread::sleep(Duration::from_micros((k * 2_600) % 15_000));
        app.kill();
        let logs = session::list_logs(&dir).unwrap_or_default();
        match logs.as_slice() {
            [] => none += 1,
            [log] => {
                let read = session::read_log(log)
                    .unwrap_or_else(|e| panic!("try {k}: the séance does not read: {e}"));
                let state = session::replay(&r, &read.records, &BTreeMap::new())
                    .unwrap_or_else(|e| panic!("try {k}: the séance does not replay: {e}"));
                assert_eq!(
                    state.members.len(),
                    2,
                    "try {k}: a séance without its commission"
                );
                whole += 1;
            }
            more => panic!("try {k}: {} séances", more.len()),
        }
    }
    eprintln!("60 SIGKILLs at creation: {none} without a séance, {whole} with a whole one");
}
