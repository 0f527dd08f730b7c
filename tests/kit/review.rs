//! The prelude of the review, export and paper tests (their clock `t` is the review day,
//! 12 May), and what they ask of a review: the report of a folder, an entry, its anomalies.

use std::path::Path;

use sno_jury::referentiel::Referentiel;
use sno_jury::review::{self, AnomalyKind, Entry, Report, Tz};

#[allow(unused_imports)] // a prelude: each binary uses a part of it
pub use super::{
    candidats::cand,
    engine::{info, member},
    r,
    run::*,
    time::t_mai as t,
    vosreves,
};

/// The review of `dir`, times in UTC so output is the same everywhere.
pub fn review(r: &Referentiel, dir: &Path) -> Report {
    review::load(r, dir, Tz::Utc).expect("review loads")
}

/// The anomaly kinds of an entry, sorted, repeats kept.
pub fn kinds(e: &Entry) -> Vec<AnomalyKind> {
    let mut k: Vec<AnomalyKind> = e.anomalies.iter().map(|a| a.kind).collect();
    k.sort();
    k
}

/// The entry of `numero` for `epreuve` (real séances).
pub fn entry<'a>(report: &'a Report, numero: &str, epreuve: &str) -> &'a Entry {
    report
        .entries
        .iter()
        .find(|e| e.candidat.numero == numero && e.epreuve == epreuve && !e.training)
        .unwrap_or_else(|| panic!("no entry {numero} {epreuve}"))
}
