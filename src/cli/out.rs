//! The printing boundary: every text the command line prints goes through here.
//!
//! - Control characters from the data (a name holding an ESC sequence, a C1 CSI, a bare CR)
//!   become a visible `�` ([`sno_jury::clean::visible`]): nothing reaches the terminal that could
//!   clear it, retitle the window or hide text. The library keeps returning the raw text.
//! - Bulk output is written to a locked stdout, never with `print!` (which panics when a reader
//!   such as `head` closes the pipe early): a closed pipe ends the command quietly with status 0.
//! - Messages on stderr are best effort: a closed stderr is no reason to fail an export that
//!   was written.

use std::io::{self, Write};

use sno_jury::clean;
pub use sno_jury::clean::one_line;

use super::error::CliError;

/// Writes `text` to stdout, control characters made visible.
pub fn print(text: &str) -> Result<(), CliError> {
    let mut out = io::stdout().lock();
    out.write_all(clean::visible(text).as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| match e.kind() {
            io::ErrorKind::BrokenPipe => CliError::Pipe,
            _ => CliError::Stdout(e),
        })
}

/// Stdout for a long text written piece by piece (`revue --plain` of 10,000 séances is tens of
/// megabytes): buffered, each piece's control characters made visible as [`print`] does, so
/// the text is never held whole. The first write error stops the writing; [`Stream::finish`]
/// says it as [`print`] would.
pub struct Stream {
    out: io::BufWriter<io::StdoutLock<'static>>,
    error: Option<io::Error>,
}

impl Default for Stream {
    fn default() -> Self {
        Self::new()
    }
}

impl Stream {
    pub fn new() -> Self {
        Stream {
            out: io::BufWriter::with_capacity(1 << 16, io::stdout().lock()),
            error: None,
        }
    }

    /// Flushes what is left; the error of the first failed write, if any.
    pub fn finish(mut self) -> Result<(), CliError> {
        let done = match self.error.take() {
            Some(e) => Err(e),
            None => self.out.flush(),
        };
        done.map_err(|e| match e.kind() {
            io::ErrorKind::BrokenPipe => CliError::Pipe,
            _ => CliError::Stdout(e),
        })
    }
}

impl std::fmt::Write for Stream {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        if self.error.is_some() {
            return Err(std::fmt::Error);
        }
        self.out
            .write_all(clean::visible(s).as_bytes())
            .map_err(|e| {
                self.error = Some(e);
                std::fmt::Error
            })
    }
}

/// Writes `text` to stderr, control characters made visible; errors are ignored.
pub fn eprint(text: &str) {
    let mut err = io::stderr().lock();
    let _ = err
        .write_all(clean::visible(text).as_bytes())
        .and_then(|()| err.flush());
}

/// Prints an error as « Erreur : … » on stderr (one or two French sentences).
pub fn error(e: &CliError) {
    let text = e.to_string();
    let text = text.trim_end();
    let stop = if text.ends_with(['.', '!', '?']) {
        ""
    } else {
        "."
    };
    eprint(&format!("Erreur : {}{stop}\n", one_line(text)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_item_stays_on_one_line() {
        assert_eq!(
            one_line("a.jsonl\nOK  b.jsonl\x1b[2J\r"),
            "a.jsonl\u{fffd}OK  b.jsonl\u{fffd}[2J\u{fffd}"
        );
    }
}
