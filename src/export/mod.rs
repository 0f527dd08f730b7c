//! What leaves the app: the proposed notes for the rectorat ([`notes`]) as a workbook
//! ([`xlsx`]) or a CSV ([`notes_csv`]), and the printable filled grid ([`grille`]), all written
//! atomically and never over a séance log ([`atomic`]).

pub mod atomic;
pub mod format;
pub mod formula;
pub mod grille;
pub mod notes;
pub mod notes_csv;
pub mod xlsx;

pub use atomic::{ExportError, check_out, write_atomic};
pub use format::Format;
pub use notes::{EXIT_CONFLIT, EXIT_INCOMPLETE, EXIT_LIGNE_INCOMPLETE, Outcome};
