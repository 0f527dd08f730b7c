//! A short exam day, end to end: the real binary in a pseudo-terminal (100×30), in training mode
//! (`--vitesse 600`: phase A's 25 minutes last 2.5 s), with a plan of three passages from a
//! convocation CSV and the candidates' list. The first passage is prepared with `s` and started
//! with Entrée, timed, graded and validated; the second candidate does not come (`a`, then `2`:
//! not justified); the third is prepared with `s` again. The day ends with every séance
//! validated and the offset on the planning shown.

use std::collections::BTreeMap;

use crate::e2e_support::Running;
use sno_jury::referentiel::load_embedded;
use sno_jury::session::{self, NotAssessed};

/// The keys that grade an E1 grid from its first criterion: each criterion at S, each note the
/// indicative proposal, then the appréciation.
fn grade_keys() -> String {
    let r = load_embedded().unwrap();
    let e = r.epreuve("E1").unwrap();
    let mut keys = String::new();
    for comp in r.competences_of(e) {
        for _ in &comp.criteres {
            keys.push_str("3j");
        }
        keys.push_str("pj");
    }
    keys
}

/// From the timer of a séance just opened: both phases run and ended, the grid graded and
/// validated.
fn run_and_validate(app: &mut Running) {
    app.wait_for("Prochaine phase : A");
    app.send(" ");
    app.wait_for("DÉPASSEMENT");
    app.send("f");
    app.wait_for("Prochaine phase : B");
    app.send(" ");
    app.wait_for("DÉPASSEMENT");
    app.send("f");
    app.wait_for("c écran candidat · g grille");
    app.send("g");
    app.wait_for("0/15 critères positionnés");
    app.send(&grade_keys());
    app.wait_for("15/15 critères positionnés");
    app.send("eCandidate claire et précise.");
    app.wait_for("Candidate claire et précise.");
    app.send("\x1b");
    app.wait_for("v valider");
    app.send("v");
    app.wait_for("✔ Grille validée");
}

/// Échap from the grid shows the timer; Échap again, the day.
fn back_to_the_day(app: &mut Running) {
    app.send("\x1b");
    app.wait_for("c écran candidat · g grille");
    app.send("\x1b");
    app.wait_for("Convocations du jour");
}

#[test]
fn a_short_day_from_the_convocations_to_every_seance_validated() {
    let tmp = tempfile::tempdir().unwrap();
    let sessions = tmp.path().join("séances");
    // The plan starts now (local time, as the app reads it), one passage every 40 minutes; late
    // in the evening it ends now instead, so that the three passages stay on today.
    let now = chrono::Local::now().naive_local();
    let shift = if chrono::Timelike::hour(&now) >= 22 {
        -80
    } else {
        0
    };
    let at = |m: i64| (now + chrono::TimeDelta::minutes(m + shift)).format("%d/%m/%Y;%H:%M");
    let jury = "Mme Lefèvre (enseignant) / M. Nguyen (professionnel)";
    let plan = format!(
        "date;heure;épreuve;forme;situation;numéro;salle;commission\n\
         {};E1;ponctuel;;0123;B12;{jury}\n\
         {};E1;ponctuel;;0456;B12;{jury}\n\
         {};E1;ponctuel;;0789;B12;{jury}\n",
        at(0),
        at(40),
        at(80)
    );
    let plan_path = tmp.path().join("convocations.csv");
    std::fs::write(&plan_path, plan).unwrap();
    let cands = tmp.path().join("candidats.csv");
    std::fs::write(
        &cands,
        "numero;nom;prenom\n0123;Durand;Éloïse\n0456;Martin;Paul\n0789;Benali;Sofia\n",
    )
    .unwrap();
    let args = [
        "--sessions",
        sessions.to_str().unwrap(),
        "--convocations",
        plan_path.to_str().unwrap(),
        "--candidats",
        cands.to_str().unwrap(),
        "--vitesse",
        "600",
    ];
    let started = std::time::Instant::now();
    let mut app = Running::start(&args, tmp.path());
    app.wait_for("Convocations du jour (entraînement)");
    app.wait_for("suivant   E1 ponctuel unique  B12  DURAND Éloïse (0123)");

    // First passage: two keys to the timer.
    app.send("s");
    app.wait_for("6/6 · Vérification");
    app.send("\r");
    run_and_validate(&mut app);
    app.wait_for("s : passage suivant —");

    // Back to the day (the grid, the timer, the day): the second candidate does not come.
    back_to_the_day(&mut app);
    app.wait_for("suivant   E1 ponctuel unique  B12  MARTIN Paul (0456)");
    app.send("a");
    app.wait_for("Absence de MARTIN Paul (0456)");
    app.send("2");
    app.wait_for("Absence non justifiée enregistrée et validée");

    // Third passage: `s` again.
    app.send("s");
    app.wait_for("6/6 · Vérification");
    app.send("\r");
    run_and_validate(&mut app);
    back_to_the_day(&mut app);
    let screen = app.wait_for("sur le planning");
    assert!(
        screen.contains("terminé   E1 ponctuel unique  B12  DURAND Éloïse"),
        "{screen}"
    );
    assert!(
        screen.contains("absent    E1 ponctuel unique  B12  MARTIN Paul"),
        "{screen}"
    );
    assert!(
        screen.contains("terminé   E1 ponctuel unique  B12  BENALI Sofia"),
        "{screen}"
    );
    app.send("q");
    app.wait_exit();

    // Every séance validated on disk, the absent one as not justified.
    let r = load_embedded().unwrap();
    let logs = session::list_logs(&sessions).unwrap();
    assert_eq!(logs.len(), 3);
    for path in &logs {
        let log = session::read_log(path).unwrap();
        let s = session::replay(&r, &log.records, &BTreeMap::new()).unwrap();
        assert_eq!(s.info.vitesse, Some(600));
        assert_eq!(s.members.len(), 2, "the plan's commission");
        for (numero, g) in &s.grids {
            assert!(g.is_validated(), "{numero}");
            let absent = g.not_assessed == Some(NotAssessed::Absent { justified: false });
            assert_eq!(absent, numero == "0456", "{numero}");
        }
    }
    let secs = started.elapsed().as_secs();
    eprintln!("a short day in {secs} s of wall time");
    assert!(secs < 60, "{secs} s");
}
