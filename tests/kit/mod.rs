//! The one test kit of the integration tests and the benchmarks: the embedded référentiel, the
//! fake clocks, candidates, the engine driver ([`run::Run`]), the example séances of VosRêves,
//! the export and paper fixtures, the CLI binary, the pty launcher and hash-chained logs
//! written without the engine. Every test binary includes it with
//! `#[path = "../kit/mod.rs"] mod kit;` (the benches with `#[path = "../tests/kit/mod.rs"]`),
//! so there is one copy of each helper; a library feature could not hold it, since the pty
//! launcher and the CLI driver need dev-dependencies (expectrl, assert_cmd).
//!
//! Submodules refer to each other through `super::`, never `crate::`, so the kit works
//! wherever a binary mounts it. `engine` and `review` are the preludes the tests glob-import:
//! they differ in their clock `t` (10 June for the engine and the CLI, 12 May for the review
//! day), which is why the two are not merged.
// Each binary uses its own subset of the kit.
#![allow(dead_code)]

pub mod candidats;
pub mod cli;
pub mod engine;
pub mod export;
pub mod logs;
pub mod paper;
#[cfg(unix)]
pub mod pty;
pub mod review;
pub mod run;
pub mod time;
pub mod vosreves;

use std::path::{Path, PathBuf};

use sno_jury::referentiel::{Referentiel, load_embedded};

/// The référentiel embedded in the binary.
pub fn r() -> Referentiel {
    load_embedded().expect("embedded référentiel")
}

/// The example sessions folder of the repository (`sessions/exemples/`).
pub fn exemples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/exemples")
}

/// Peak resident memory of this process so far (`VmHWM` of `/proc/self/status`), in KiB;
/// `None` off Linux.
pub fn vm_hwm_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// This test binary re-executed on the one test `test` of `module` (give `module_path!()`),
/// output not captured: how the crash tests get a child process without a helper binary.
/// libtest names a test by its path within the binary, without the crate's name.
pub fn this_test(module: &str, test: &str) -> std::process::Command {
    let name = match module.split_once("::") {
        Some((_, module)) => format!("{module}::{test}"),
        None => test.to_string(),
    };
    let exe = std::env::current_exe().expect("the test binary's path");
    let mut c = std::process::Command::new(exe);
    c.args(["--exact", &name, "--nocapture", "--test-threads=1"]);
    c
}
