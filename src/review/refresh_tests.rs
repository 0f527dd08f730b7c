//! The live review reads again only the logs that changed (and those they depend on), and
//! gives the same report as a full read.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, Utc};

use super::*;
use crate::referentiel::{FormeKind, load_embedded};
use crate::review::{load_dirs, text};
use crate::session::{Candidat, Event, RunId, Seance, SeanceInfo};

fn t(s: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(1_750_000_000 + s, 0).unwrap()
}

fn w(s: i64) -> Stamp {
    Stamp::new(t(s), RunId(7), 1_000_000 + u64::try_from(s).unwrap() * 1000)
}

fn open(dir: &Path, r: &Referentiel, id: &str, numero: &str, situation: &str, at: i64) -> Seance {
    let c = |numero: &str| Candidat {
        numero: numero.into(),
        nom: format!("Nom{numero}"),
        prenom: "Éloïse".into(),
        etablissement: String::new(),
    };
    // Situation A is a group project: a second candidate joins.
    let mut cs = vec![c(numero)];
    if situation == "A" {
        cs.push(c("09"));
    }
    let (e, f) = if situation == "unique" {
        ("E3", FormeKind::Ponctuel)
    } else {
        ("E1", FormeKind::Ccf)
    };
    let info = SeanceInfo::plan(r, id, e, f, situation, cs, None).expect("planned");
    Seance::create(dir, r, info, w(at), &BTreeMap::new()).expect("created")
}

fn same_as_a_full_read(r: &Referentiel, dir: &Path, live: &Report) {
    let full = load_dirs(r, &[dir.to_path_buf()], Tz::Utc).unwrap();
    assert_eq!(text::report(r, live), text::report(r, &full));
}

#[test]
fn only_the_changed_logs_are_read_again_and_the_report_is_a_full_reads() {
    let r = load_embedded().unwrap();
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    let mut a = open(dir, &r, "a", "01", "unique", 0);
    let _b = open(dir, &r, "b", "02", "unique", 1);
    let _c = open(dir, &r, "c", "03", "unique", 2);
    let (mut live, mut report) = Live::start(&r, vec![dir.to_path_buf()], Tz::Utc, w(3)).unwrap();
    assert_eq!((live.reads, report.seances.len()), (3, 3));
    same_as_a_full_read(&r, dir, &report);
    assert!(
        !live.refresh(&r, w(4), &mut report).unwrap(),
        "nothing changed"
    );
    assert_eq!(live.reads, 3);

    a.record(&r, Event::PhaseStarted { phase: "A".into() }, w(5))
        .unwrap();
    assert!(live.refresh(&r, w(6), &mut report).unwrap());
    assert_eq!(live.reads, 4, "a alone is read again");
    assert!(
        report
            .seance("a")
            .unwrap()
            .state
            .as_ref()
            .unwrap()
            .running()
            .is_some()
    );
    assert_eq!(live.read_at(&dir.join("a.jsonl")), Some(w(6)));
    assert_eq!(live.read_at(&dir.join("b.jsonl")), Some(w(3)));
    same_as_a_full_read(&r, dir, &report);

    // A new log; then one removed.
    let _e = open(dir, &r, "e", "05", "unique", 7);
    assert!(live.refresh(&r, w(8), &mut report).unwrap());
    assert_eq!((live.reads, report.seances.len()), (5, 4));
    std::fs::remove_file(dir.join("c.jsonl")).unwrap();
    assert!(live.refresh(&r, w(9), &mut report).unwrap());
    assert_eq!((live.reads, report.seances.len()), (5, 3));
    same_as_a_full_read(&r, dir, &report);
}

#[test]
fn a_later_seance_of_the_same_candidate_is_read_with_the_earlier_one_it_carries() {
    let r = load_embedded().unwrap();
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    drop(open(dir, &r, "sa", "07", "A", 0));
    let _other = open(dir, &r, "x", "08", "unique", 1);
    let (mut live, mut report) = Live::start(&r, vec![dir.to_path_buf()], Tz::Utc, w(2)).unwrap();
    assert_eq!(live.reads, 2);
    let mut b = open(dir, &r, "sb", "07", "B", 3);
    assert!(live.refresh(&r, w(4), &mut report).unwrap());
    assert_eq!(
        live.reads, 4,
        "situation B with situation A, not the other candidate"
    );
    same_as_a_full_read(&r, dir, &report);
    b.record(
        &r,
        Event::PhaseStarted {
            phase: "expose".into(),
        },
        w(5),
    )
    .unwrap();
    assert!(live.refresh(&r, w(6), &mut report).unwrap());
    assert_eq!(live.reads, 6);
    same_as_a_full_read(&r, dir, &report);
}
