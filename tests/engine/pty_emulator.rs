//! The terminal emulator of the pty tests (`kit::pty::Screen`) places text and answers the
//! program's queries, so the end-to-end tests can trust what it shows.
#![cfg(unix)]

use crate::kit::pty::Screen;

#[test]
fn the_emulator_places_text_and_answers_queries() {
    let mut s = Screen::new();
    let replies = s.feed(b"\x1b[?1049h\x1b[2J\x1b[3;5Hab\x1b[1mc\x1b[0m\x1b[6n\x07");
    assert_eq!(replies, b"\x1b[3;8R");
    assert_eq!(s.text().lines().nth(2), Some("    abc"));
    assert_eq!(s.bells, 1);
    // A UTF-8 character split across two reads.
    let bytes = "é".as_bytes();
    s.feed(&bytes[..1]);
    s.feed(&bytes[1..]);
    assert!(s.text().contains("abcé"));
}
