//! `sno-jury revue --suivre` in a pseudo-terminal while this test — another process — writes
//! séance logs through the engine, as juries' laptops do into a synced folder: the table gains
//! the new candidate, the « en direct » board shows each séance running with its commission and
//! phase, and a new anomaly (a pause during an exposé) appears highlighted.

use std::time::{Duration, Instant};

use sno_jury::referentiel::FormeKind;
use sno_jury::session::{Membre, Seance};
use sno_jury::timing::monotonic::now;

use crate::e2e_support::Running;
use crate::support::{cand, info, paused, r, started};

fn open(dir: &std::path::Path, numero: &str, nom: &str, membre: &str) -> Seance {
    let r = r();
    let i = info(
        &r,
        "E1",
        FormeKind::Ponctuel,
        "unique",
        vec![cand(numero, nom, "Éloïse")],
    );
    let membres = [
        Membre {
            nom: membre.into(),
            qualite: "enseignant".into(),
        },
        Membre {
            nom: "M. Nguyen".into(),
            qualite: "professionnel".into(),
        },
    ];
    Seance::create_with_commission(dir, &r, i, &membres, now(), &Default::default()).unwrap()
}

/// Waits for `text` and says how long after `since` it showed.
fn shown_after(app: &mut Running, text: &str, since: Instant) -> Duration {
    app.wait_for(text);
    let lag = since.elapsed();
    println!(
        "« {text} » on the review {} ms after the write",
        lag.as_millis()
    );
    lag
}

#[test]
fn the_review_follows_logs_written_by_another_process() {
    let r = r();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("centre");
    std::fs::create_dir(&dir).unwrap();
    let _durand = open(&dir, "0123", "Durand", "Mme Lefèvre");
    let d = dir.to_str().unwrap();
    let mut app = Running::start(&["revue", "--suivre", "--sessions", d], tmp.path());
    app.wait_for("En direct · 1 séance(s) en cours");
    app.wait_for("DURAND Éloïse");
    app.wait_for("Mme Lefèvre");

    let written = Instant::now();
    let mut martin = open(&dir, "0456", "Martin", "Mme Roux");
    let mut lags = vec![shown_after(&mut app, "MARTIN Éloïse", written)];
    app.wait_for("En direct · 2 séance(s) en cours");
    app.wait_for("Mme Roux");

    let written = Instant::now();
    martin.record(&r, started("A"), now()).unwrap();
    lags.push(shown_after(&mut app, "Phase A", written));

    let written = Instant::now();
    martin.record(&r, paused(), now()).unwrap();
    lags.push(shown_after(
        &mut app,
        "Nouvelle anomalie · MARTIN (E1 unique)",
        written,
    ));
    let screen = app.wait_for("Phase A · en pause");
    assert!(screen.contains("avec anomalie(s) 1"), "{screen}");
    for lag in lags {
        assert!(lag < Duration::from_secs(2), "{} ms", lag.as_millis());
    }
    app.send("q");
    app.wait_exit();
}
