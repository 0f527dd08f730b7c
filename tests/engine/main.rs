//! The engine's tests in one binary (one link instead of thirteen): the séance log on disk,
//! crash and fault safety (SIGKILL while recording or creating, full or read-only disk through
//! the real TUI in a pty, private files, clock steps under libfaketime), the documented log
//! format, properties and fuzzing of the log reader, and the timing of whole séances.

#[path = "../kit/mod.rs"]
mod kit;

mod carry;
mod clock;
mod crash;
mod docs;
mod fault_clock;
mod fault_create;
mod fault_disk;
mod fault_private;
mod fault_sigkill;
mod fuzz_log;
mod majoration;
mod properties;
mod pty_emulator;
mod seance;
mod timing_e1_groupe;
mod timing_e3_ponctuel;
