//! sno-jury: the domain of the MC SNO juries, with no terminal code.
//!
//! - [`candidats`]: the list of candidates imported from a spreadsheet (CSV), read like every
//!   table through [`tableur`]; [`convocations`]: the plan of the day;
//! - [`referentiel`]: the official texts as data (embedded default, loading, validation);
//! - [`grading`]: positioning levels, exact half-point notes, the indicative proposal, rounding;
//! - [`session`]: séance events, the append-only log, the fold into state;
//! - [`timing`]: pure phase-clock math, `now` always passed in;
//! - [`review`] and [`export`]: what coordinators read and send;
//! - [`follow`]: logs followed read-only as another process writes them (`affichage`,
//!   `revue --suivre`);
//! - [`clean`]: text from the data made safe for a terminal or a file;
//! - [`collate`]: names in French order;
//! - [`oserr`]: operating-system errors in French, with the verb of the failed operation.

pub mod candidats;
pub mod clean;
pub mod collate;
pub mod convocations;
pub mod export;
pub mod follow;
pub mod grading;
pub mod oserr;
pub mod referentiel;
pub mod review;
pub mod session;
pub mod tableur;
pub mod timing;
pub mod tui;
