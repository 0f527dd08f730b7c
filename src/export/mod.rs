//! What leaves the app: the CSV of proposed notes for the rectorat ([`notes`]) and the printable
//! filled grid ([`grille`]), both written atomically and never over a séance log ([`atomic`]).

pub mod atomic;
pub mod grille;
pub mod notes;

pub use atomic::{ExportError, check_out, write_atomic};
pub use notes::{EXIT_CONFLIT, EXIT_INCOMPLETE, EXIT_LIGNE_INCOMPLETE, Format, Outcome};
