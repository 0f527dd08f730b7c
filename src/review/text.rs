//! The review as plain text (`sno-jury revue --plain`): the table of every candidate ×
//! épreuve, the logs that name no candidate, then the detail of each entry, for printing or
//! scripting. The table cells are also those of the review TUI. The text keeps the data's
//! characters; the command line turns control characters visible as it prints
//! ([`crate::clean::visible`]), and table cells are kept to one line here.

use std::fmt::Write;

use rayon::prelude::*;

use super::detail::{self, full_name, note_text};
use super::sink::Plain;
use super::{Entry, Report, Status};
use crate::clean::one_line;
use crate::referentiel::Referentiel;

/// Column titles of the review table.
pub const COLUMNS: [&str; 9] = [
    "Candidat",
    "N° inscription",
    "Épreuve",
    "Forme",
    "Situation(s)",
    "Date(s)",
    "Statut",
    "Note /20",
    "Anomalies",
];

/// The cells of one table row, in [`COLUMNS`] order.
pub fn row(r: &Referentiel, report: &Report, e: &Entry) -> [String; 9] {
    let mut dates = String::new();
    for (i, d) in e.dates(report).into_iter().enumerate() {
        if i > 0 {
            dates.push_str(", ");
        }
        report.tz.push_date(&mut dates, d);
    }
    let forme = if e.training {
        format!("{} (entraînement)", e.forme.label())
    } else {
        e.forme.label().to_string()
    };
    [
        full_name(&e.candidat),
        e.candidat.numero.clone(),
        e.epreuve.clone(),
        forme,
        e.situations(report).join(", "),
        dates,
        e.status.label().to_string(),
        note_text(r, e),
        e.anomalies.len().to_string(),
    ]
}

/// One line per log that names no candidate.
pub fn orphan_lines(report: &Report) -> Vec<String> {
    report
        .orphans
        .iter()
        .map(|&i| {
            let s = &report.seances[i];
            format!(
                "{} : {}{}",
                s.path.display(),
                s.integrity.describe(),
                s.replay_error
                    .as_ref()
                    .map_or(String::new(), |e| format!(" ; {e}"))
            )
        })
        .collect()
}

/// Counts per status, for the summary line.
pub fn summary(report: &Report) -> String {
    let count = |st: Status| report.entries.iter().filter(|e| e.status == st).count();
    let parts: Vec<String> = Status::ALL
        .iter()
        .map(|&s| (s, count(s)))
        .filter(|&(s, n)| n > 0 || s.counted_at_zero())
        .map(|(s, n)| format!("{n} {}", s.label()))
        .collect();
    let with = report
        .entries
        .iter()
        .filter(|e| !e.anomalies.is_empty())
        .count();
    format!(
        "{} séance(s), {} candidat × épreuve : {} ; {with} avec anomalie(s)",
        report.seances.len(),
        report.entries.len(),
        parts.join(", ")
    )
}

/// `cells`, each padded to its column's width in characters (not bytes: names carry accents),
/// two spaces apart, the line's trailing blanks trimmed, then a line break. Written by hand:
/// a row per entry, and `format!`'s padding and a `String` per cell cost more than the row.
fn push_table_line<S: AsRef<str>>(out: &mut String, cells: &[S], widths: &[usize]) {
    let start = out.len();
    for (i, (cell, &w)) in cells.iter().zip(widths).enumerate() {
        let cell = cell.as_ref();
        if i > 0 {
            out.push_str("  ");
        }
        out.push_str(cell);
        for _ in cell.chars().count()..w {
            out.push(' ');
        }
    }
    let kept = out[start..].trim_end().len();
    out.truncate(start + kept);
    out.push('\n');
}

/// A table cell on one line ([`one_line`]), copied only when it holds a control character:
/// the bytes that may begin one (C0, DEL, and `C2` before a C1) are rare in names.
fn cell_on_one_line(cell: String) -> String {
    if cell.bytes().any(|b| b < 0x20 || b == 0x7f || b == 0xc2) {
        one_line(&cell)
    } else {
        cell
    }
}

/// The whole report as text.
pub fn report(r: &Referentiel, report: &Report) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = write(r, report, &mut out);
    out
}

/// The whole report written to `out` piece by piece, so the command line streams it to stdout
/// through a buffer instead of holding tens of megabytes of text for 10,000 séances. Only the
/// table's cells are held (the column widths need them all); each entry's detail is written
/// as it is made.
pub fn write(r: &Referentiel, report: &Report, out: &mut impl Write) -> std::fmt::Result {
    writeln!(out, "Revue des séances — {}", report.folders())?;
    writeln!(out, "{}", summary(report))?;
    let orphans = orphan_lines(report);
    if !orphans.is_empty() {
        writeln!(
            out,
            "\nJournaux illisibles, sans personne candidate identifiable ({}) :",
            orphans.len()
        )?;
        for o in orphans {
            writeln!(out, "  {}", one_line(&o))?;
        }
    }
    if !report.non_examines.is_empty() {
        writeln!(
            out,
            "\nAttendus au planning, sans séance ({}) :",
            report.non_examines.len()
        )?;
        for n in &report.non_examines {
            writeln!(out, "  {}", one_line(&n.line()))?;
        }
    }
    let rows: Vec<[String; 9]> = report
        .entries
        .par_iter()
        .map(|e| row(r, report, e).map(cell_on_one_line))
        .collect();
    let mut widths = COLUMNS.map(|c| c.chars().count());
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut table = String::from("\n");
    push_table_line(&mut table, &COLUMNS, &widths);
    for row in &rows {
        push_table_line(&mut table, row, &widths);
        // Written a few pages at a time: the table of 100,000 entries is not held twice.
        if table.len() > 1 << 16 {
            out.write_str(&table)?;
            table.clear();
        }
    }
    out.write_str(&table)?;
    drop(rows);
    // The details are made in parallel, a batch of chunks at a time, and written in order: the
    // text of 10,000 entries is most of the command's work once the logs are read, and a batch
    // holds only a few megabytes. A thread of its own has the pool make the next batch while
    // this one writes the last (the writer, stdout, stays on this thread), so the cores never
    // wait for the writing; at most two batches are made ahead.
    let chunk = 64;
    let batch = chunk * rayon::current_num_threads().max(1);
    std::thread::scope(|scope| {
        let (send, made) = std::sync::mpsc::sync_channel::<Vec<String>>(2);
        scope.spawn(move || {
            for entries in report.entries.chunks(batch) {
                let texts = entries
                    .par_chunks(chunk)
                    .map(|entries| details(r, report, entries))
                    .collect();
                if send.send(texts).is_err() {
                    // The writer stopped (a write error): nothing more to make.
                    break;
                }
            }
        });
        for texts in made {
            for t in texts {
                out.write_str(&t)?;
            }
        }
        Ok(())
    })
}

/// The detail of each of `entries`, each after a rule, as one text: the lines are written
/// straight into it ([`Plain`]).
fn details(r: &Referentiel, report: &Report, entries: &[Entry]) -> String {
    let rule = format!("\n{}\n", "═".repeat(80));
    // An entry's detail is about 3 kB (a one-séance grid of 15 criteria).
    let mut text = Plain::with_capacity(entries.len() * 4096);
    for e in entries {
        text.raw(&rule);
        detail::write(r, report, e, &mut text);
    }
    text.into_text()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_lines_are_padded_in_characters_and_trimmed() {
        let widths = [6, 3, 4, 2];
        let rows: [[&str; 4]; 4] = [
            ["Éloïse", "1", "E1", ""],
            ["Lé", "12 ", "", ""],
            ["a", "b", "c", "d  "],
            ["", "", "", ""],
        ];
        let mut text = String::new();
        for row in &rows {
            push_table_line(&mut text, row, &widths);
        }
        assert_eq!(
            text,
            "Éloïse  1    E1\nLé      12\na       b    c     d\n\n"
        );
    }

    #[test]
    fn a_cell_is_copied_only_to_be_put_on_one_line() {
        for cell in [
            "Éloïse Écrivain",
            "Du\npont",
            "a\u{85}b",
            "x\u{7f}",
            "ÂÃ",
            "¢",
        ] {
            assert_eq!(
                cell_on_one_line(cell.to_string()),
                one_line(cell),
                "{cell:?}"
            );
        }
    }

    #[test]
    fn a_cell_stays_on_one_line() {
        assert_eq!(
            one_line("Du\npont\t\x1b[2J\u{9b}"),
            "Du\u{fffd}pont\u{fffd}\u{fffd}[2J\u{fffd}"
        );
        assert_eq!(one_line("Éloïse Écrivain"), "Éloïse Écrivain");
    }
}
