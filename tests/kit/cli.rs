//! The command-line tests' fixtures: the real binary with a clean environment, séances left
//! open through the engine for candidates with chosen names, and a folder's bytes.

use std::collections::BTreeMap;
use std::path::Path;

use assert_cmd::Command;
use sno_jury::referentiel::FormeKind;
use sno_jury::session::{Seance, SeanceInfo};

use super::candidats::cand;

// The CLI tests' prelude: the référentiel and the 10 June clock come with the binary.
#[allow(unused_imports)] // a prelude: each binary uses a part of it
pub use super::{r, time::t};

/// The binary, with no $SNO_SESSIONS, no backtrace and UTC dates.
pub fn sno() -> Command {
    let mut c = Command::cargo_bin("sno-jury").expect("binary built");
    c.env_remove("SNO_SESSIONS")
        .env_remove("RUST_BACKTRACE")
        .env("TZ", "UTC");
    c
}

/// Opens an E3 ponctuel séance `id` for one candidate and leaves it open (grid not validated);
/// returns the live séance, which holds the log's lock until dropped.
pub fn open(dir: &Path, id: &str, numero: &str, nom: &str, prenom: &str, at: i64) -> Seance {
    let r = r();
    let info = SeanceInfo::plan(
        &r,
        id,
        "E3",
        FormeKind::Ponctuel,
        "unique",
        vec![cand(numero, nom, prenom)],
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
