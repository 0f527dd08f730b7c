//! The référentiel and the candidates import in one binary: the seeds' figures against the
//! official texts, malformed files named with their place and value, and fuzzing of both
//! loaders.

#[path = "../kit/mod.rs"]
mod kit;

mod fuzz;
mod fuzz_candidats;
mod malformed;
mod seeds;
