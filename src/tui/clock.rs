//! The app and time: what a wake-up of the loop does (clock watch, threshold crossings, the
//! flash), whether the screen must be redrawn, and when the loop must wake next.
//!
//! Redraws follow what is *shown*: the clock is compared at display precision (whole seconds,
//! the wall clock's minute), so a wake-up that changes nothing visible draws nothing. Besides
//! `timing::next_change` (once per displayed second while a phase runs), the timer wakes at each
//! new minute of the wall clock it shows, and at the end of a flash; otherwise the loop blocks.

use std::time::{Duration, Instant};

use chrono::{DateTime, DurationRound, TimeDelta, Utc};

use super::app::{App, FLASH, Screen};
use crate::session::Event;
use crate::timing::{self, ClockView, ClockWatch};

impl App {
    /// Time passed (a wake-up of the loop with no key): watches the system clock while a phase
    /// runs, then refreshes the clock (threshold crossings, end of the flash). True when the
    /// screen must be redrawn.
    pub fn tick(&mut self, now: DateTime<Utc>, mono: Instant) -> bool {
        self.now = now;
        let mut redraw = false;
        let running = self
            .state()
            .is_some_and(|s| s.running().is_some() && !s.is_paused());
        if running {
            if let Some((kind, delta_ms)) = self.watch.observe(now, mono) {
                if self.record(Event::ClockAnomaly { kind, delta_ms }, now) {
                    self.warn(format!(
                        "L’horloge système a sauté ({} s) : c’est consigné dans le journal.",
                        delta_ms / 1000
                    ));
                }
                redraw = true;
            }
        } else {
            self.watch = ClockWatch::new();
        }
        self.refresh(now) || redraw
    }

    /// Recomputes the clock at `now`; ends a flash that is over, rings and flashes on a newly
    /// crossed threshold. True when anything the screen shows of the clock (or the flash)
    /// changed. `update` calls it too, so a key needs no `tick` on top to be up to date.
    pub(super) fn refresh(&mut self, now: DateTime<Utc>) -> bool {
        let flash_ended = self.flash_until.is_some_and(|t| now >= t);
        if flash_ended {
            self.flash_until = None;
        }
        let Some(state) = self.state() else {
            self.clock = None;
            self.crossed = None;
            return !std::mem::take(&mut self.shown).is_empty() || flash_ended;
        };
        let view = timing::clock(state, now);
        let current = view.current;
        let crossed = current
            .and_then(|i| view.phases.get(i))
            .map(|t| t.crossed.clone())
            .unwrap_or_default();
        if let Some((prev_current, prev)) = &self.crossed {
            let new = crossed.iter().any(|t| !prev.contains(t));
            if *prev_current == current && current.is_some() && new {
                self.flash_until = Some(now + FLASH);
                self.bell |= !self.muted;
            }
        }
        self.crossed = Some((current, crossed));
        let shown = self.signature(&view, now);
        self.clock = Some(view);
        let changed = shown != self.shown;
        self.shown = shown;
        changed || flash_ended
    }

    /// Whether the timer shows the wall clock (so the loop wakes at each new minute).
    pub(super) fn shows_wall_clock(&self) -> bool {
        matches!(self.screen, Screen::Timer)
            && self
                .state()
                .is_some_and(|s| !s.is_finished() && !s.info.phases.is_empty())
    }

    /// Everything of the clock the screen shows, at display precision.
    fn signature(&self, view: &ClockView, now: DateTime<Utc>) -> String {
        use super::fmt::countdown;
        use crate::timing::fmt_mmss;
        let mut sig = String::new();
        if self.shows_wall_clock() {
            sig.push_str(&super::fmt::hm(now, self.cfg.tz));
        }
        for t in &view.phases {
            sig.push_str(&format!(
                "|{}{}{}{:?}{:?}",
                fmt_mmss(t.elapsed),
                countdown(t.remaining),
                fmt_mmss(t.overtime),
                t.status,
                t.urgency
            ));
        }
        for s in &view.speakers {
            sig.push_str(&format!("|{}{}", fmt_mmss(s.elapsed), s.share_permille));
        }
        let due = view.due_end.map(|d| super::fmt::hm(d, self.cfg.tz));
        sig.push_str(&format!("|{:?}{:?}{}", view.current, due, view.paused));
        sig
    }

    /// When the loop must wake up even without a key: the next displayed second of a running
    /// countdown, the next minute of the wall clock, the end of a flash; `None`: wait for input.
    ///
    /// While a countdown runs, the wall clock's new minute is drawn at the countdown's next
    /// second (at most one second late) rather than by a wake-up of its own: a phase started at
    /// hh:mm:ss.486 never ticks on a whole minute, and the extra wake-up broke the target of one
    /// wake-up per displayed second.
    pub fn next_wake(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let countdown = self.state().and_then(|s| timing::next_change(s, now));
        let mut wake = countdown;
        let mut earliest = |t: DateTime<Utc>| {
            wake = Some(wake.map_or(t, |w| w.min(t)));
        };
        if countdown.is_none()
            && self.shows_wall_clock()
            && let Ok(minute) = now.duration_trunc(TimeDelta::minutes(1))
        {
            earliest(minute + TimeDelta::minutes(1));
        }
        if let Some(t) = self.flash_until {
            earliest(t);
        }
        wake
    }

    /// `next_wake` as a timeout for polling the terminal.
    pub fn timeout(&self, now: DateTime<Utc>) -> Option<Duration> {
        self.next_wake(now)
            .map(|t| (t - now).to_std().unwrap_or(Duration::ZERO))
    }
}
