//! Where the lines of the detail go. The review TUI keeps them as styled [`Line`]s; the plain
//! report writes them straight into its text, each trimmed at its end, with no `Line` nor
//! `String` per line in between (a tenth of `revue --plain` went to building then copying
//! them). One wording, [`super::detail::write`], feeds both.

use std::fmt;

use super::detail::{Line, Tone};

/// A destination for the detail's lines.
pub trait Sink {
    /// Begins a new line that stands out as `tone`; its text is appended through the handle.
    fn line(&mut self, tone: Tone) -> LineText<'_>;
}

/// The text of the line being written: append only, so a line cannot touch the ones before.
pub struct LineText<'a>(&'a mut String);

impl LineText<'_> {
    /// Appends `s`.
    pub fn add(&mut self, s: &str) -> &mut Self {
        self.0.push_str(s);
        self
    }

    /// Appends what `f` writes, for the `push_*` helpers of [`super::fmt`].
    pub fn with(&mut self, f: impl FnOnce(&mut String)) -> &mut Self {
        f(self.0);
        self
    }

    /// Appends formatted text, for lines too rare to be worth writing by hand.
    pub fn fmt(&mut self, args: fmt::Arguments<'_>) -> &mut Self {
        // Writing to a String cannot fail.
        let _ = fmt::Write::write_fmt(self.0, args);
        self
    }
}

impl Sink for Vec<Line> {
    fn line(&mut self, tone: Tone) -> LineText<'_> {
        let i = self.len();
        self.push(Line {
            tone,
            text: String::new(),
        });
        LineText(&mut self[i].text)
    }
}

/// Lines as plain text, one per line, trailing blanks trimmed (a name or an appréciation may
/// end with spaces or a line break); tones are dropped.
#[derive(Debug, Default)]
pub struct Plain {
    text: String,
    /// Where the line being written starts, until it is closed.
    open: Option<usize>,
}

impl Plain {
    /// An empty text with room for `bytes`, so a batch's text is not copied as it grows.
    pub fn with_capacity(bytes: usize) -> Self {
        Plain {
            text: String::with_capacity(bytes),
            open: None,
        }
    }

    /// Closes the line being written, if any: trimmed, then a line break.
    fn close(&mut self) {
        if let Some(start) = self.open.take() {
            let kept = self.text[start..].trim_end().len();
            self.text.truncate(start + kept);
            self.text.push('\n');
        }
    }

    /// Appends `s` as is, outside any line (a rule between entries).
    pub fn raw(&mut self, s: &str) {
        self.close();
        self.text.push_str(s);
    }

    /// The text, its last line closed.
    pub fn into_text(mut self) -> String {
        self.close();
        self.text
    }
}

impl Sink for Plain {
    fn line(&mut self, _tone: Tone) -> LineText<'_> {
        self.close();
        self.open = Some(self.text.len());
        LineText(&mut self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(out: &mut impl Sink) {
        out.line(Tone::Title).add("Titre ").add("  ");
        out.line(Tone::Normal);
        out.line(Tone::Dim)
            .add("a")
            .with(|s| s.push('b'))
            .fmt(format_args!("{}c\n\t", 1));
    }

    #[test]
    fn both_sinks_say_the_same() {
        let mut lines = Vec::new();
        sample(&mut lines);
        assert_eq!(
            lines,
            [
                Line {
                    tone: Tone::Title,
                    text: "Titre   ".into()
                },
                Line {
                    tone: Tone::Normal,
                    text: String::new()
                },
                Line {
                    tone: Tone::Dim,
                    text: "ab1c\n\t".into()
                },
            ]
        );
        let mut plain = Plain::default();
        plain.raw("\n═\n");
        sample(&mut plain);
        let from_lines: String = lines
            .iter()
            .map(|l| format!("{}\n", l.text.trim_end()))
            .collect();
        assert_eq!(plain.into_text(), format!("\n═\n{from_lines}"));
    }
}
