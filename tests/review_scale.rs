//! Scale check, run by hand (a benchmark, not a timed test):
//! `cargo test --release --test review_scale -- --ignored --nocapture`.
//!
//! Records 5,000 séances through the engine (E2 ponctuel, E2 CCF and E3 ponctuel, a few left
//! unvalidated or running over), then reviews and exports them, printing the time of each step
//! and the peak resident memory (VmHWM). Set `SNO_SCALE_DIR` to keep the séances in that
//! directory, e.g. to time the binary with `/usr/bin/time -v sno-jury review --plain`.

mod review_support;

use std::path::PathBuf;
use std::time::Instant;

use review_support::*;
use sno_jury::export::{Format, notes};
use sno_jury::referentiel::FormeKind;
use sno_jury::review::Status;
use sno_jury::session::Event;

/// 5,000 unless `SNO_SCALE_N` says otherwise (a quick trial run).
fn n() -> usize {
    std::env::var("SNO_SCALE_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5_000)
}

fn vm_hwm() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM"))
                .map(|l| l.to_string())
        })
        .unwrap_or_else(|| "VmHWM: (indisponible)".into())
}

#[test]
#[ignore = "benchmark: 5,000 séances"]
fn review_and_export_5000_seances() {
    let r = r();
    let big_n = n();
    let keep = std::env::var_os("SNO_SCALE_DIR").map(PathBuf::from);
    // Prefer memory-backed storage: each record is synced.
    let tmp = if std::path::Path::new("/dev/shm").is_dir() {
        tempfile::tempdir_in("/dev/shm").unwrap()
    } else {
        tempfile::tempdir().unwrap()
    };
    let dir = keep.clone().unwrap_or_else(|| tmp.path().to_path_buf());
    std::fs::create_dir_all(&dir).unwrap();

    let start = Instant::now();
    for i in 0..big_n {
        let numero = format!("025{i:08}");
        let c = cand(&numero, &format!("Nom{i:04}"), "Camille");
        let at = t(i as i64 * 3_600);
        let validate = i % 20 != 0;
        match i % 3 {
            0 => {
                let inf = info(
                    &r,
                    &format!("s{i:05}"),
                    "E2",
                    FormeKind::Ponctuel,
                    "unique",
                    vec![c],
                );
                e2_ponctuel_run(Run::open_first(&dir, &r, inf, at), validate);
            }
            1 => {
                let inf = info(
                    &r,
                    &format!("s{i:05}"),
                    "E2",
                    FormeKind::Ccf,
                    "unique",
                    vec![c],
                );
                let mut run = Run::open_first(&dir, &r, inf, at);
                run.members(DEUX_ENSEIGNANTS)
                    .ev(Event::PfmpRecorded {
                        candidat: numero.clone(),
                        weeks: if i % 7 == 0 { 10 } else { 12 },
                        positionne: false,
                        voie: None,
                    })
                    .grade(&numero);
                if validate {
                    run.validate(&numero);
                }
            }
            _ => {
                let inf = info(
                    &r,
                    &format!("s{i:05}"),
                    "E3",
                    FormeKind::Ponctuel,
                    "unique",
                    vec![c],
                );
                let mut run = Run::open_first(&dir, &r, inf, at);
                let over = if i % 50 == 2 { 8 * 60 } else { 0 };
                run.members(DEUX_ENSEIGNANTS)
                    .phase("A", 120 * 60, false)
                    .phase("B", 25 * 60 + over, over == 0)
                    .grade(&numero);
                if validate {
                    run.validate(&numero);
                }
            }
        }
    }
    let generated = start.elapsed();
    let hwm_generated = vm_hwm();

    let t0 = Instant::now();
    let rep = review(&r, &dir);
    let reviewed = t0.elapsed();
    let hwm_reviewed = vm_hwm();

    let t1 = Instant::now();
    let out = dir.join("notes.csv");
    let o = notes::export(&r, &rep, &out, Format::Francais, false, t(0)).unwrap();
    let exported = t1.elapsed();

    let t2 = Instant::now();
    let text = sno_jury::review::text::report(&r, &rep);
    let plain = t2.elapsed();

    let t3 = Instant::now();
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    let mut st = sno_jury::tui::review::ReviewState::new(&r, &rep);
    let theme = sno_jury::tui::theme::Theme::plain();
    sno_jury::tui::review::draw(&mut term, &r, &rep, &mut st, &theme).unwrap();
    let first_frame = t3.elapsed();
    let t4 = Instant::now();
    st.update(&r, &rep, sno_jury::tui::review::Action::CycleSort);
    sno_jury::tui::review::draw(&mut term, &r, &rep, &mut st, &theme).unwrap();
    let resort = t4.elapsed();

    assert_eq!(rep.seances.len(), big_n);
    assert_eq!(rep.entries.len(), big_n);
    let unvalidated = rep
        .entries
        .iter()
        .filter(|e| e.status != Status::Validee)
        .count();
    assert_eq!(unvalidated, big_n.div_ceil(20));
    assert_eq!(o.rows + o.left_out.len(), big_n);
    println!("génération (moteur, {big_n} séances) : {generated:?} ; {hwm_generated}");
    println!("revue : {reviewed:?} ; {hwm_reviewed}");
    println!("export CSV ({} lignes) : {exported:?}", o.rows);
    println!(
        "rapport texte ({} octets) : {plain:?} ; {}",
        text.len(),
        vm_hwm()
    );
    println!(
        "écran de revue : premier affichage {first_frame:?}, nouveau tri + affichage {resort:?}"
    );
    if keep.is_some() {
        println!("séances conservées dans {}", dir.display());
    }
}
