//! The review's tests in one binary: each anomaly alone, dispenses, the shipped examples and
//! their generator, and the 5,000-séance scale run (ignored by default).

#[path = "../kit/mod.rs"]
mod kit;

mod anomalies;
mod dispense;
mod exemples;
mod scale;
