//! The follow of a display: which séance it picks, what it re-reads, its clock.

use std::collections::BTreeMap;

use chrono::{DateTime, TimeDelta, Utc};

use super::*;
use crate::referentiel::{FormeKind, load_embedded};
use crate::session::{Candidat, Event, RunId, Seance, SeanceInfo};

fn t(s: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(1_750_000_000 + s, 0).unwrap()
}

/// A stamp of the writer's run at `s` seconds.
fn w(s: i64) -> Stamp {
    Stamp::new(t(s), RunId(7), 1_000_000 + u64::try_from(s).unwrap() * 1000)
}

fn open(dir: &Path, r: &Referentiel, id: &str, at: i64) -> Seance {
    let c = Candidat {
        numero: format!("n{id}"),
        nom: "Durand".into(),
        prenom: "Éloïse".into(),
        etablissement: String::new(),
    };
    let info = SeanceInfo::plan(r, id, "E3", FormeKind::Ponctuel, "unique", vec![c], None)
        .expect("E3 ponctuel");
    Seance::create(dir, r, info, w(at), &BTreeMap::new()).expect("created")
}

fn start(s: &mut Seance, r: &Referentiel, phase: &str, at: i64) {
    s.record(
        r,
        Event::PhaseStarted {
            phase: phase.into(),
        },
        w(at),
    )
    .unwrap();
}

#[test]
fn the_clock_of_a_reader_runs_from_the_last_record_on_its_own_monotonic_clock() {
    let r = load_embedded().unwrap();
    let d = tempfile::tempdir().unwrap();
    let mut s = open(d.path(), &r, "a", 0);
    start(&mut s, &r, "A", 10);
    let state = s.state().clone();
    // Read 2 s after the start by a process of its own run; 3 s later on its monotonic clock,
    // while its wall clock was set back an hour.
    let read = Stamp::new(t(12), RunId(9), 50);
    let now = Stamp::new(t(15 - 3600), RunId(9), 3_050);
    assert_eq!(follow_time(&state, read, now), state.time_of(w(15)));
    // A reader whose wall clock is behind the writer's: no time before the read.
    let early = Stamp::new(t(8), RunId(9), 50);
    assert_eq!(follow_time(&state, early, early), state.time_of(w(10)));
    // Without monotonic readings: the wall clock.
    assert_eq!(
        follow_time(&state, Stamp::wall(t(12)), Stamp::wall(t(20))),
        state.time_of(w(20))
    );
}

#[test]
fn follows_the_latest_seance_running_and_rereads_only_what_changed() {
    let r = load_embedded().unwrap();
    let d = tempfile::tempdir().unwrap();
    let mut f = Followed::new(Target::Folders(vec![d.path().to_path_buf()]));
    let me = |s: i64| Stamp::new(t(s), RunId(9), u64::try_from(s).unwrap() * 1000);
    assert!(!f.refresh(&r, me(0)));
    assert!(f.current.is_none(), "en attente d’une séance");

    let mut a = open(d.path(), &r, "a", 0);
    let mut b = open(d.path(), &r, "b", 5);
    assert!(f.refresh(&r, me(6)));
    assert_eq!(f.reads, 2);
    let shown = |f: &Followed| f.current.as_ref().map(|c| c.state.info.id.clone());
    assert_eq!(shown(&f).as_deref(), Some("b"), "the latest opened");

    // A change to the other log reads it alone; b is still shown, not read again.
    start(&mut a, &r, "A", 7);
    assert!(f.refresh(&r, me(8)));
    assert_eq!(f.reads, 3);
    assert_eq!(shown(&f).as_deref(), Some("b"));
    assert!(!f.refresh(&r, me(9)), "nothing changed");
    assert_eq!(f.reads, 3);

    // b ends all its phases: a runs, and is shown.
    for (i, p) in ["A", "B"].iter().enumerate() {
        let at = 10 + 2 * i64::try_from(i).unwrap();
        start(&mut b, &r, p, at);
        b.record(&r, Event::PhaseEnded { phase: (*p).into() }, w(at + 1))
            .unwrap();
    }
    assert!(f.refresh(&r, me(20)));
    assert_eq!(shown(&f).as_deref(), Some("a"));
    assert!(f.current.as_ref().unwrap().state.running().is_some());

    // a finishes too: it stays shown, finished, until another séance opens.
    b.record(&r, Event::PhaseEnded { phase: "A".into() }, w(21))
        .unwrap_err();
    a.record(&r, Event::PhaseEnded { phase: "A".into() }, w(22))
        .unwrap();
    start(&mut a, &r, "B", 23);
    a.record(&r, Event::PhaseEnded { phase: "B".into() }, w(24))
        .unwrap();
    assert!(f.refresh(&r, me(25)));
    assert_eq!(shown(&f).as_deref(), Some("a"));
    assert!(f.current.as_ref().unwrap().state.is_finished());
}

#[test]
fn a_named_log_is_followed_through_a_rename_over_it_and_a_torn_last_line() {
    let r = load_embedded().unwrap();
    let d = tempfile::tempdir().unwrap();
    let mut s = open(d.path(), &r, "x", 0);
    let path = s.path().to_path_buf();
    let mut f = Followed::new(Target::Log(path.clone()));
    assert_eq!(f.dirs(), [d.path().to_path_buf()]);
    assert!(f.refresh(&r, w(1)));
    assert!(f.current.as_ref().unwrap().state.running().is_none());
    start(&mut s, &r, "A", 2);
    drop(s);
    // A sync client writes the new version beside it and renames it over, a torn line last.
    let mut bytes = std::fs::read(&path).unwrap();
    bytes.extend_from_slice(b"{\"seq\":9,\"ts\":");
    let tmp = d.path().join(".x.jsonl.part");
    std::fs::write(&tmp, &bytes).unwrap();
    std::fs::rename(&tmp, &path).unwrap();
    assert!(f.refresh(&r, w(3)));
    let c = f.current.as_ref().expect("still shown");
    assert!(c.state.running().is_some());
    assert_eq!(
        f.now(w(4)).unwrap() - c.state.time_of(w(3)),
        TimeDelta::seconds(1)
    );
    // Gone: nothing to show, and said.
    std::fs::remove_file(&path).unwrap();
    assert!(f.refresh(&r, w(5)));
    assert!(f.current.is_none());
}
