//! `affichage` wakes once per displayed second while a countdown runs, and not at all while the
//! séance is paused or none runs: the main thread's voluntary context switches (each a wake-up
//! from its blocking wait) counted by Linux over a few seconds.

use std::collections::BTreeMap;
use std::time::Duration;

use sno_jury::referentiel::FormeKind;
use sno_jury::session::{Seance, SeanceInfo};
use sno_jury::timing::monotonic::now;

use crate::e2e_support::Running;
use crate::support::{cand, paused, r, started};

/// Voluntary context switches of the process's main thread so far.
fn wakes(pid: i32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("voluntary_ctxt_switches:"))
        .and_then(|v| v.trim().parse().ok())
        .expect("voluntary_ctxt_switches")
}

fn over(app: &mut Running, secs: u64) -> u64 {
    app.pump();
    let before = wakes(app.pid());
    for _ in 0..secs * 10 {
        std::thread::sleep(Duration::from_millis(100));
        app.pump();
    }
    wakes(app.pid()) - before
}

#[test]
fn the_display_wakes_once_a_second_while_counting_and_never_otherwise() {
    let r = r();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let mut app = Running::start(&["--sessions", dir.to_str().unwrap(), "affichage"], dir);
    app.wait_for("En attente d’une séance");
    let waiting = over(&mut app, 3);

    let info = SeanceInfo::plan(
        &r,
        "s",
        "E1",
        FormeKind::Ponctuel,
        "unique",
        vec![cand("0123", "Durand", "Éloïse")],
        None,
    )
    .unwrap();
    let mut s = Seance::create(dir, &r, info, now(), &BTreeMap::new()).unwrap();
    s.record(&r, started("A"), now()).unwrap();
    app.wait_for("Exposé oral de la personne candidate");
    let counting = over(&mut app, 5);
    s.record(&r, paused(), now()).unwrap();
    app.wait_for("EN PAUSE");
    let pausing = over(&mut app, 3);
    let status = std::fs::read_to_string(format!("/proc/{}/status", app.pid())).unwrap();
    let field = |k: &str| {
        status
            .lines()
            .find(|l| l.starts_with(k))
            .map_or(String::new(), |l| {
                l.split_whitespace().skip(1).collect::<Vec<_>>().join(" ")
            })
    };
    println!(
        "main thread's wake-ups: {waiting} in 3 s waiting, {counting} in 5 s counting, \
         {pausing} in 3 s paused; VmHWM {}, threads {}",
        field("VmHWM:"),
        field("Threads:")
    );
    assert!(waiting <= 1, "waiting: {waiting}");
    assert!((4..=7).contains(&counting), "counting: {counting}");
    assert!(pausing <= 1, "paused: {pausing}");
    app.send("q");
    app.wait_exit();
}
