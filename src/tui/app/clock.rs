//! The app and time: what a wake-up of the loop does (`Seance::observe`, threshold crossings,
//! the flash, the appréciation's draft), whether the screen must be redrawn, and when the loop
//! must wake next.
//!
//! Every instant is a [`Stamp`] the loop read (`timing::monotonic::now()`). What the clock
//! computes is taken on the séance's timeline (`SeanceState::time_of`): a step of the system
//! clock changes no duration and no deadline; only the wall clock shown follows the system's.
//!
//! Redraws follow what is *shown*: the clock is compared at display precision (whole seconds,
//! the wall clock's minute) as numbers — nothing is formatted to find out — so a wake-up that
//! changes nothing visible draws nothing. Besides `timing::next_change` (once per displayed
//! second while a phase runs), the timer wakes at each new minute of the wall clock it shows,
//! at the end of a flash, when a message's time is over and when the undo window closes;
//! otherwise the loop blocks.

use std::time::Duration;

use chrono::{DateTime, DurationRound, TimeDelta, Utc};

use super::{App, Screen};
use crate::session::{ClockAnomalyKind, Stamp};
use crate::timing::{self, ClockView, PhaseStatus, Urgency};

/// How long the screen flashes when a threshold is crossed.
const FLASH: TimeDelta = TimeDelta::seconds(1);

/// The clock of the open séance and what the app does with it.
#[derive(Debug)]
pub struct Clock {
    pub(super) view: Option<ClockView>,
    /// Current phase and its cues (thresholds crossed, a part's maximum reached) at the last
    /// refresh, to see new ones.
    crossed: Option<(Option<usize>, Vec<timing::Cue>)>,
    /// What the screen showed of the clock at the last refresh.
    shown: Option<Shown>,
    /// On the séance's timeline.
    pub(super) flash_until: Option<DateTime<Utc>>,
    /// The last reading of the clocks the loop gave.
    pub(super) now: Stamp,
    pub(super) muted: bool,
    /// A bell is due.
    bell: bool,
}

/// Everything of the clock the screens show, at display precision.
#[derive(Debug, Clone, PartialEq)]
struct Shown {
    /// The wall clock's minute, when the timer shows it.
    wall: Option<i64>,
    /// Per phase: elapsed, time left (rounded up), overtime, in whole seconds.
    phases: Vec<(u64, u64, u64, PhaseStatus, Urgency)>,
    speakers: Vec<(u64, u32)>,
    current: Option<usize>,
    /// The minute the épreuve is due to end.
    due: Option<i64>,
    paused: bool,
}

impl Clock {
    pub fn new(now: Stamp) -> Clock {
        Clock {
            view: None,
            crossed: None,
            shown: None,
            flash_until: None,
            now,
            muted: false,
            bell: false,
        }
    }
}

fn minute(t: DateTime<Utc>) -> i64 {
    t.timestamp().div_euclid(60)
}

fn shown(view: &ClockView, wall: Option<DateTime<Utc>>) -> Shown {
    let secs_up = |d: Duration| d.as_secs() + u64::from(d.subsec_nanos() > 0);
    Shown {
        wall: wall.map(minute),
        phases: view
            .phases
            .iter()
            .map(|t| {
                let (e, o) = (t.elapsed.as_secs(), t.overtime.as_secs());
                (e, secs_up(t.remaining), o, t.status, t.urgency)
            })
            .collect(),
        speakers: view
            .speakers
            .iter()
            .map(|s| (s.elapsed.as_secs(), s.share_permille))
            .collect(),
        current: view.current,
        due: view.due_end.map(minute),
        paused: view.paused,
    }
}

impl App {
    /// Time passed (a wake-up of the loop with no key): shows the séance the clocks
    /// (`Seance::observe` logs a step of the system clock, running, paused or between phases),
    /// records the appréciation's draft when typing has paused, then refreshes the clock
    /// (threshold crossings, end of the flash). True when the screen must be redrawn.
    pub fn tick(&mut self, now: impl Into<Stamp>) -> bool {
        let now: Stamp = now.into();
        self.clock.now = now;
        let mut redraw = false;
        if let Some(live) = self.live.as_mut() {
            match live.seance.observe(&self.r, now) {
                Ok(None) => {}
                Ok(Some((kind, delta_ms))) => {
                    self.messages.write_error = None;
                    self.warn(step_message(kind, delta_ms));
                    self.full = true;
                    redraw = true;
                }
                Err(e) => {
                    self.written(Err(e));
                    self.full = true;
                    redraw = true;
                }
            }
        }
        redraw |= self.save_draft_if_due(now);
        redraw |= self.tick_start(now);
        redraw |= self.expire_message(now);
        redraw |= self.undo_changed(now);
        self.refresh(now) || redraw
    }

    /// A bell is due (a threshold was crossed and the sound is on); reading it clears it.
    pub fn take_bell(&mut self) -> bool {
        std::mem::take(&mut self.clock.bell)
    }

    /// Where `now` sits on the open séance's timeline (the wall clock when none is open).
    pub(super) fn instant(&self, now: Stamp) -> DateTime<Utc> {
        self.state().map_or(now.wall, |s| s.time_of(now))
    }

    /// Recomputes the clock at `now`; ends a flash that is over, rings and flashes on a newly
    /// crossed threshold. True when anything the screen shows of the clock (or the flash)
    /// changed. `update` calls it too, so a key needs no `tick` on top to be up to date.
    pub(super) fn refresh(&mut self, stamp: Stamp) -> bool {
        let wall = self.shows_wall_clock().then_some(stamp.wall);
        let now = self.instant(stamp);
        let c = &mut self.clock;
        let flash_ended = c.flash_until.is_some_and(|t| now >= t);
        if flash_ended {
            c.flash_until = None;
        }
        let Some(state) = self.live.as_ref().map(|l| l.seance.state()) else {
            c.view = None;
            c.crossed = None;
            self.full |= flash_ended;
            return c.shown.take().is_some() || flash_ended;
        };
        let mut view = timing::clock(state, now);
        // The end is shown beside the wall clock: in the system's time, not the timeline's
        // (they differ by a step of the system clock that was kept).
        view.due_end = view.due_end.map(|t| t + (stamp.wall - now));
        let current = view.current;
        let crossed = current
            .and_then(|i| view.phases.get(i))
            .map(|t| t.cues())
            .unwrap_or_default();
        let mut flash_started = false;
        if let Some((prev_current, prev)) = &c.crossed {
            let new = crossed.iter().any(|t| !prev.contains(t));
            if *prev_current == current && current.is_some() && new {
                c.flash_until = Some(now + FLASH);
                c.bell |= !c.muted;
                flash_started = true;
            }
        }
        c.crossed = Some((current, crossed));
        let now_shown = shown(&view, wall);
        c.view = Some(view);
        let changed = c.shown.as_ref() != Some(&now_shown);
        c.shown = Some(now_shown);
        // The flash covers the whole screen: its start and end are whole frames.
        self.full |= flash_started || flash_ended;
        changed || flash_ended || flash_started
    }

    /// Whether the timer shows the wall clock (so the loop wakes at each new minute).
    fn shows_wall_clock(&self) -> bool {
        matches!(self.screen, Screen::Timer(_))
            && self
                .state()
                .is_some_and(|s| !s.is_finished() && !s.info.phases.is_empty())
    }

    /// When the loop must wake up even without a key, on the séance's timeline (see
    /// [`App::timeout`]): the next displayed second of a running countdown, the next minute of
    /// the wall clock, the end of a flash, the appréciation's draft; `None`: wait for input.
    ///
    /// While a countdown runs, the wall clock's new minute is drawn at the countdown's next
    /// second (at most one second late) rather than by a wake-up of its own: a phase started at
    /// hh:mm:ss.486 never ticks on a whole minute, and the extra wake-up broke the target of one
    /// wake-up per displayed second.
    pub fn next_wake(&self, now: impl Into<Stamp>) -> Option<DateTime<Utc>> {
        let stamp: Stamp = now.into();
        let now = self.instant(stamp);
        let countdown = self.state().and_then(|s| timing::next_change(s, now));
        let mut wake = countdown;
        let mut earliest = |t: DateTime<Utc>| {
            wake = Some(wake.map_or(t, |w| w.min(t)));
        };
        if countdown.is_none()
            && self.shows_wall_clock()
            && let Ok(minute) = stamp.wall.duration_trunc(TimeDelta::minutes(1))
        {
            // The wall clock's next minute, as a delay from now.
            earliest(now + (minute + TimeDelta::minutes(1) - stamp.wall));
        }
        if let Some(t) = self.clock.flash_until {
            earliest(t);
        }
        if let Some(t) = self.draft_due() {
            earliest(t);
        }
        if let Some(t) = self.start_wake(now) {
            earliest(t);
        }
        // A message to clear (on the wall clock, taken to the timeline).
        if let Some(t) = self.message_end().filter(|&t| t > stamp.wall) {
            earliest(now + (t - stamp.wall));
        }
        // The undo key leaves the footer when its window closes.
        if let Some((_, until)) = self.state().and_then(|s| s.undoable(now)) {
            earliest(until + TimeDelta::milliseconds(1));
        }
        wake
    }

    /// `next_wake` as a timeout for polling the terminal.
    pub fn timeout(&self, now: impl Into<Stamp>) -> Option<Duration> {
        let stamp: Stamp = now.into();
        let at = self.instant(stamp);
        self.next_wake(stamp)
            .map(|t| (t - at).to_std().unwrap_or(Duration::ZERO))
    }
}

/// What the jury reads when the system clock stepped (the step is in the log).
fn step_message(kind: ClockAnomalyKind, delta_ms: i64) -> String {
    let secs = delta_ms.unsigned_abs() / 1000;
    let way = match kind {
        ClockAnomalyKind::Jump => "avancé",
        ClockAnomalyKind::Backwards => "reculé",
    };
    format!(
        "L’horloge système a {way} de {secs} s : c’est consigné dans le journal, les durées \
         n’en tiennent pas compte."
    )
}
