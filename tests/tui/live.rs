//! The once-a-second repaint: after a whole frame, the countdown's seconds repaint only what
//! changed (`App::repaint` through `Painter::live`), and the terminal must then show exactly
//! what a whole frame drawn at that instant shows — through warnings, the overtime, a pause,
//! a new minute of the wall clock, a group’s speaking times, a part of a phase and its switch, a
//! temps majoré, and on the candidate display.

use chrono::{DateTime, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use sno_jury::session::Stamp;
use sno_jury::tui::App;
use sno_jury::tui::paint::Painter;

use crate::support::*;

/// A terminal as the loop drives it: whole frames after keys, repaints after ticks.
struct Screen {
    term: Terminal<TestBackend>,
    painter: Painter,
    repaints: usize,
}

impl Screen {
    fn new(app: &mut App, w: u16, h: u16) -> Screen {
        app.resize(w, h);
        let mut s = Screen {
            term: Terminal::new(TestBackend::new(w, h)).unwrap(),
            painter: Painter::new(Rect::new(0, 0, w, h)),
            repaints: 0,
        };
        s.painter.full(&mut s.term, |f| app.render(f)).unwrap();
        s
    }

    fn key(&mut self, app: &mut App, keys: &str, now: DateTime<Utc>) {
        press(app, keys, now);
        self.painter
            .full(&mut self.term, |f| app.render(f))
            .unwrap();
    }

    /// A wake-up at `now`; then the screen must equal a whole frame drawn now.
    fn tick(&mut self, app: &mut App, now: Stamp, what: &str) {
        if app.tick(now) {
            let live = self
                .painter
                .live(&mut self.term, |b| app.repaint(b))
                .unwrap();
            if live {
                self.repaints += 1;
            } else {
                self.painter
                    .full(&mut self.term, |f| app.render(f))
                    .unwrap();
            }
        }
        // Cell by cell, styles included.
        let area = self.term.backend().buffer().area;
        let mut fresh = Terminal::new(TestBackend::new(area.width, area.height)).unwrap();
        fresh.draw(|f| app.render(f)).unwrap();
        assert_eq!(
            self.term.backend().buffer(),
            fresh.backend().buffer(),
            "{what} at {}: the repainted screen differs from a whole frame",
            now.wall
        );
    }
}

#[test]
fn repaints_match_whole_frames_through_a_phase() {
    for (w, h) in [(100, 30), (80, 24), (120, 40)] {
        let dir = tempfile::tempdir().unwrap();
        let mut app = app_in(dir.path(), None, t0());
        open_e1_ponctuel(&mut app, t0());
        let mut s = Screen::new(&mut app, w, h);
        s.key(&mut app, " ", at(0));
        // The first seconds, a new minute of the wall clock, the warnings (5 and 1 min before
        // the end), the last seconds, the overtime.
        let moments = (1..5)
            .chain(58..63)
            .chain(19 * 60 - 2..19 * 60 + 4)
            .chain(23 * 60 + 58..24 * 60 + 3)
            .chain(25 * 60 - 2..25 * 60 + 4);
        for secs in moments {
            s.tick(&mut app, stamp(secs), "phase A");
        }
        // A pause (its dialog is a whole frame), seconds while paused, then on again.
        s.key(&mut app, "p1\n", at(25 * 60 + 5));
        for secs in 25 * 60 + 6..25 * 60 + 9 {
            s.tick(&mut app, stamp(secs), "paused");
        }
        s.key(&mut app, "p", at(25 * 60 + 10));
        for secs in 25 * 60 + 11..25 * 60 + 14 {
            s.tick(&mut app, stamp(secs), "resumed");
        }
        // The candidate display.
        s.key(&mut app, "c", at(25 * 60 + 15));
        for secs in 25 * 60 + 16..25 * 60 + 20 {
            s.tick(&mut app, stamp(secs), "candidate display");
        }
        // The grid, with the running phase's line above it, a criterion positioned.
        s.key(&mut app, "\x1bo", at(25 * 60 + 21));
        s.key(&mut app, "g3", at(25 * 60 + 22));
        for secs in 25 * 60 + 23..25 * 60 + 27 {
            s.tick(&mut app, stamp(secs), "grid");
        }
        assert!(s.repaints > 20, "{w}×{h}: {} repaints", s.repaints);
    }
}

#[test]
fn repaints_match_whole_frames_for_a_group() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with_group_of_three(dir.path());
    let mut s = Screen::new(&mut app, 100, 30);
    s.key(&mut app, " 2", at(0));
    for secs in 1..8 {
        s.tick(&mut app, stamp(secs), "group, member 2 speaking");
    }
    s.key(&mut app, "3", at(8));
    for secs in 9..12 {
        s.tick(&mut app, stamp(secs), "group, member 3 speaking");
    }
    assert!(s.repaints >= 9, "{} repaints", s.repaints);
}

#[test]
fn repaints_match_whole_frames_across_a_part_and_a_temps_majore() {
    for (w, h) in [(80, 24), (120, 40)] {
        let dir = tempfile::tempdir().unwrap();
        let mut app = app_in(dir.path(), None, t0());
        // E1 ponctuel, with a temps majoré d'un tiers set on the recap (t).
        press(&mut app, "n\n2\n", t0());
        press(&mut app, "0123\nDurand\nÉloïse\nLycée Hugo\n", t0());
        press(&mut app, "Mme Lefèvre\nM. Nguyen→\n\nt\n", t0());
        assert!(app.state().is_some_and(|s| !s.amenagements.is_empty()));
        let mut s = Screen::new(&mut app, w, h);
        s.key(&mut app, " ", at(0));
        // The project's maximum (20:00 majorées): its bell and flash, its overrun.
        for secs in (1..4).chain(20 * 60 - 2..20 * 60 + 4) {
            s.tick(&mut app, stamp(secs), "project part");
        }
        // The switch, then the dossier's own countdown.
        s.key(&mut app, "n", at(20 * 60 + 5));
        for secs in 20 * 60 + 6..20 * 60 + 12 {
            s.tick(&mut app, stamp(secs), "dossier part");
        }
        assert!(s.repaints > 8, "{w}×{h}: {} repaints", s.repaints);
    }
}
