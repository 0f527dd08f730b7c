//! Shared fixtures of the command-line tests: the real binary with a clean environment, and
//! séances opened through the engine for candidates with chosen names.
#![allow(dead_code)] // each test crate uses its own subset

use std::collections::BTreeMap;
use std::path::Path;

use assert_cmd::Command;
use chrono::{DateTime, Duration, TimeZone, Utc};
use sno_jury::referentiel::{FormeKind, Referentiel, load_embedded};
use sno_jury::session::{Candidat, Seance, SeanceInfo};

/// The binary, with no $SNO_SESSIONS, no colour hints and UTC dates.
pub fn sno() -> Command {
    let mut c = Command::cargo_bin("sno-jury").expect("binary built");
    c.env_remove("SNO_SESSIONS")
        .env_remove("RUST_BACKTRACE")
        .env("TZ", "UTC");
    c
}

pub fn r() -> Referentiel {
    load_embedded().expect("embedded référentiel")
}

/// 10 June 2025, 08:00 UTC plus `secs`.
pub fn t(secs: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 6, 10, 8, 0, 0).unwrap() + Duration::seconds(secs)
}

/// Opens an E3 ponctuel séance `id` for one candidate and leaves it open (grid not validated);
/// returns the live séance, which holds the log's lock until dropped.
pub fn open(dir: &Path, id: &str, numero: &str, nom: &str, prenom: &str, at: i64) -> Seance {
    let r = r();
    let candidat = Candidat {
        numero: numero.into(),
        nom: nom.into(),
        prenom: prenom.into(),
        etablissement: "Lycée Jean Moulin, Lyon".into(),
    };
    let info = SeanceInfo::plan(
        &r,
        id,
        "E3",
        FormeKind::Ponctuel,
        "unique",
        vec![candidat],
        None,
    )
    .expect("E3 ponctuel");
    Seance::create(dir, &r, info, t(at), &BTreeMap::new()).expect("séance created")
}

/// The bytes of every file directly in `dir`, by name: to show nothing was changed.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .expect("dir readable")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_file())
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).expect("file readable"))
        })
        .collect()
}
