//! What leaves the app: the proposed notes for the rectorat ([`notes`]) as a workbook
//! ([`xlsx`]) or a CSV ([`notes_csv`]), and the paper the commission signs — the filled grid
//! ([`grille`]) and the bordereau de notation ([`bordereau`]), chosen and ordered by
//! [`selection`], cut into A4 sheets by [`layout`] with the shared print look of [`print`],
//! written together by [`imprimer`]. Every file is written atomically and never over a séance
//! log ([`atomic`]).

pub mod atomic;
pub mod bordereau;
pub mod format;
pub mod formula;
pub mod grille;
pub mod imprimer;
pub mod layout;
pub mod notes;
pub mod notes_csv;
pub mod outcome;
pub mod print;
pub mod selection;
pub mod xlsx;

pub use atomic::{ExportError, check_out, write_atomic};
pub use format::Format;
pub use notes::{EXIT_CONFLIT, EXIT_INCOMPLETE, EXIT_LIGNE_INCOMPLETE, Outcome};
pub use outcome::exit_status;
pub use selection::Filtre;
