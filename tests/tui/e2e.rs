//! The real binary in a pseudo-terminal (100×30), in training mode: a short séance is opened,
//! timed and partly graded by keys, the process is killed with SIGKILL (a crash, a power cut),
//! restarted, and the séance resumes with its phase still running and every position kept.
use std::collections::BTreeMap;

use crate::e2e_support::{RIGHT, Running, open_e1};
use sno_jury::referentiel::load_embedded;
use sno_jury::session::{self, Event};

#[test]
fn a_killed_seance_resumes_with_every_position() {
    let tmp = tempfile::tempdir().unwrap();
    let sessions = tmp.path().join("séances");
    let dir = sessions.to_str().unwrap();
    let args = ["--sessions", dir, "--vitesse", "60"];

    let mut app = Running::start(&args, tmp.path());
    app.wait_for("Aucune séance pour l’instant");
    app.wait_for("MODE ENTRAÎNEMENT ×60");
    app.send("n");
    app.wait_for("1/6 · Épreuve");
    app.send("\r");
    app.wait_for("2/6 · Forme");
    app.send("2");
    app.wait_for("3/6 · Situation");
    app.send("\r");
    app.wait_for("Saisie d’une personne candidate");
    app.send("0123\rDurand\rÉloïse\rLycée Hugo\r");
    app.wait_for("5/6 · Commission");
    app.send("Mme Lefèvre\r");
    app.wait_for("• Mme Lefèvre");
    app.send(&format!("M. Nguyen{RIGHT}\r"));
    app.wait_for("• M. Nguyen");
    app.send("\r");
    app.wait_for("6/6 · Vérification");
    app.send("\r");
    app.wait_for("Prochaine phase : A");
    app.send(" ");
    app.wait_for("p pause");
    app.send("g");
    app.wait_for("0/15 critères positionnés");
    app.send("3j3j4j");
    app.wait_for("3/15 critères positionnés");
    app.kill();

    // Everything was on disk before the screen showed it.
    let logs = session::list_logs(&sessions).unwrap();
    assert_eq!(logs.len(), 1);
    let log = session::read_log(&logs[0]).unwrap();
    let positioned = log
        .records
        .iter()
        .filter(|r| matches!(r.event, Event::CriterionPositioned { .. }))
        .count();
    assert_eq!(positioned, 3);

    let mut app = Running::start(&args, tmp.path());
    app.wait_for("Séances en cours");
    app.wait_for("phase A en cours");
    app.send("\r");
    // Resumed on the timer, the phase still running (its end key is offered).
    app.wait_for("Phase A · Exposé oral");
    app.wait_for("p pause");
    app.send("g");
    app.wait_for("3/15 critères positionnés");
    app.send("q");
    app.wait_for("Quitter sno-jury ?");
    app.send("o");
    app.wait_exit();

    let log = session::read_log(&logs[0]).unwrap();
    let state = session::replay(&load_embedded().unwrap(), &log.records, &BTreeMap::new()).unwrap();
    assert_eq!(state.grids["0123"].positions.len(), 3);
    assert_eq!(state.info.vitesse, Some(60));
    assert!(
        state.running().is_some(),
        "the phase runs on across the crash"
    );
}

#[test]
fn thresholds_ring_the_terminal_bell_until_muted() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("s");
    // ×600: phase A's 25 minutes last 2.5 s; the project part's maximum (15 min, the switch
    // never marked) and its thresholds (5 min, 1 min, the end) ring.
    let mut app = Running::start(
        &["--sessions", dir.to_str().unwrap(), "--vitesse", "600"],
        tmp.path(),
    );
    open_e1(&mut app);
    app.send(" ");
    app.wait_for("DÉPASSEMENT du temps prévu");
    assert_eq!(
        app.screen.bells, 4,
        "the part's maximum, 5 min, 1 min and the end of phase A"
    );
    // Phase B, muted: no bell at all.
    app.send("f");
    app.wait_for("Prochaine phase : B");
    app.send("m");
    app.wait_for("Son coupé.");
    app.send(" ");
    app.wait_for("DÉPASSEMENT du temps prévu");
    assert_eq!(app.screen.bells, 4, "muted");
    app.send("q");
    app.wait_for("Quitter sno-jury ?");
    app.send("o");
    app.wait_exit();
}
