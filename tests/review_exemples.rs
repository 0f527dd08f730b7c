//! The example séances of `sessions/exemples/`: real logs (hash chains verify) that the review
//! and the export read straight away, kept in step with their generator, and never read as
//! part of the default sessions directory.

mod review_support;

use std::fs;
use std::path::{Path, PathBuf};

use review_support::*;
use sno_jury::review::{AnomalyKind as K, Status};

fn exemples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/exemples")
}

fn logs(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, fs::read(&p).unwrap())
        })
        .collect();
    v.sort();
    v
}

/// Rewrites `sessions/exemples/` from the generator:
/// `cargo test --test review_exemples -- --ignored generate`.
#[test]
#[ignore = "writes sessions/exemples/"]
fn generate() {
    let dir = exemples();
    fs::create_dir_all(&dir).unwrap();
    for (name, _) in logs(&dir) {
        fs::remove_file(dir.join(name)).unwrap();
    }
    vosreves::generate(&dir, &r());
}

#[test]
fn exemples_match_their_generator() {
    let d = tempfile::tempdir().unwrap();
    vosreves::generate(d.path(), &r());
    let fresh = logs(d.path());
    let shipped = logs(&exemples());
    let names = |v: &[(String, Vec<u8>)]| v.iter().map(|x| x.0.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(&shipped),
        names(&fresh),
        "regenerate with --ignored generate"
    );
    for ((name, a), (_, b)) in shipped.iter().zip(&fresh) {
        assert!(
            a == b,
            "{name} differs from its generator: regenerate with --ignored generate"
        );
    }
}

#[test]
fn exemples_review_as_documented() {
    let r = r();
    let rep = review(&r, &exemples());
    assert_eq!(rep.seances.len(), 7);
    assert!(rep.seances.iter().all(|s| s.integrity.is_intact()));
    assert!(rep.seances.iter().all(|s| s.replay_error.is_none()));
    assert!(rep.orphans.is_empty());
    let lea = entry(&rep, "02512345601", "E1");
    assert_eq!(lea.status, Status::Validee);
    assert_eq!(kinds(lea), vec![K::DepassementPhase]);
    assert_eq!(lea.grid.amendments.len(), 1);
    let ines = entry(&rep, "02512345603", "E1");
    assert_eq!(ines.status, Status::EnCours);
    let detail = sno_jury::review::detail::lines(&r, &rep, ines);
    assert!(
        detail
            .iter()
            .any(|l| l.text == "Situation(s) restant à évaluer : B")
    );
    assert_eq!(entry(&rep, "02512345602", "E3").status, Status::Absent);
    assert_eq!(
        kinds(entry(&rep, "02512345604", "E2")),
        vec![K::PhaseEcourtee]
    );
    assert_eq!(kinds(entry(&rep, "02512345601", "E2")), vec![]);
    let training: Vec<_> = rep.entries.iter().filter(|e| e.training).collect();
    assert_eq!(training.len(), 1);
    assert!(
        training[0]
            .anomalies
            .iter()
            .any(|a| a.kind == K::ModeEntrainement)
    );
}

#[test]
fn the_default_sessions_directory_does_not_descend_into_exemples() {
    let parent = exemples().parent().unwrap().to_path_buf();
    let rep = review(&r(), &parent);
    assert!(
        rep.seances
            .iter()
            .all(|s| s.path.parent() == Some(parent.as_path())),
        "only logs directly in sessions/ are read"
    );
    assert!(rep.seances.iter().all(|s| !s.path.starts_with(exemples())));
}

#[test]
fn the_parallel_load_is_the_sequential_fold() {
    let r = r();
    // The examples plus a folder where two rooms' logs conflict and a log is broken.
    let d = tempfile::tempdir().unwrap();
    for (name, bytes) in logs(&exemples()) {
        fs::write(d.path().join(name), bytes).unwrap();
    }
    let c = cand("999", "Double", "Zoé");
    e2_ponctuel(d.path(), &r, "x1", c.clone(), t(0), true);
    let other = tempfile::tempdir().unwrap();
    e2_ponctuel(other.path(), &r, "x2", c, t(60), true);
    fs::copy(other.path().join("x2.jsonl"), d.path().join("x2.jsonl")).unwrap();
    fs::write(d.path().join("vide.jsonl"), b"").unwrap();
    let parallel = review(&r, d.path());
    let seq = sno_jury::review::build(
        &r,
        d.path(),
        sno_jury::review::load_logs(d.path()).unwrap(),
        sno_jury::review::Tz::Utc,
    );
    let ids = |rep: &sno_jury::review::Report| {
        rep.seances.iter().map(|s| s.id.clone()).collect::<Vec<_>>()
    };
    assert_eq!(ids(&parallel), ids(&seq));
    let entries = |rep: &sno_jury::review::Report| {
        rep.entries
            .iter()
            .map(|e| {
                (
                    e.candidat.numero.clone(),
                    e.epreuve.clone(),
                    e.status,
                    e.anomalies.clone(),
                    e.seances.clone(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(entries(&parallel), entries(&seq));
    assert_eq!(parallel.orphans, seq.orphans);
    assert_eq!(
        entry(&parallel, "999", "E2").status,
        Status::Conflit,
        "conflicts are found within a group"
    );
}
