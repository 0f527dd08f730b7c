//! What leaves the app: the CSV of proposed notes for the rectorat ([`notes`]) and the printable
//! filled grid ([`grille`]), both written atomically ([`atomic`]).

pub mod atomic;
pub mod grille;
pub mod notes;

pub use atomic::{ExportError, write_atomic};
pub use notes::{EXIT_CONFLIT, EXIT_INCOMPLETE, EXIT_LIGNE_INCOMPLETE, Format, Outcome};
