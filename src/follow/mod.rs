//! Following séance logs as another process writes them (`affichage`, `revue --suivre`):
//! read-only, with no lock, tolerating a last line being written.
//!
//! - [`snapshot`]: a folder's logs with size, time and identity, and what changed between two;
//! - [`watcher`]: [`Follower`], woken by the OS's file notifications or by polling;
//! - [`seance`]: which séance a display follows and where its clock stands for a process that
//!   did not write the log ([`follow_time`]).
//!
//! No terminal code here; the clock is passed in.

pub mod seance;
pub mod snapshot;
pub mod watcher;

pub use seance::{Followed, follow_time};
pub use snapshot::{Changes, FileStamp, Snapshot};
pub use watcher::{Follower, Mode, POLL_INTERVAL};
