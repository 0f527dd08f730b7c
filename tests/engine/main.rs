//! The engine's tests in one binary (one link instead of nine): the séance log on disk, crash
//! and fault safety (SIGKILL, full or read-only disk, through the real TUI in a pty), the
//! documented log format, properties and fuzzing of the log reader, and the timing of whole
//! séances to the second.

#[path = "../kit/mod.rs"]
mod kit;

mod crash;
mod docs;
mod fault_disk;
mod fault_sigkill;
mod fuzz_log;
mod properties;
mod pty_emulator;
mod seance;
mod timing_e1_groupe;
mod timing_e3_ponctuel;
