//! The day's side of the router: a passage's candidates recorded absent from the day list (the
//! séance created with the absence through the engine), the next passage offered once a séance's
//! grids are all validated, and the start screen kept current (read again when the folder's
//! logs change, its messages cleared after a few seconds) on the loop's wake-ups.

use chrono::{DateTime, TimeDelta, Utc};

use super::{App, Screen, cx};
use crate::session::{EngineError, Event, Stamp};
use crate::tui::action::NEXT_PASSAGE;
use crate::tui::component::{Component, Outcome};
use crate::tui::keys::Binding;
use crate::tui::start::{self, StartAction, StartScreen};
use crate::tui::wizard::Prefill;

/// How often the start screen looks at the folder while it waits.
pub const RESCAN: TimeDelta = TimeDelta::seconds(2);

/// How long a message stays on the start screen.
pub const MESSAGE_LIFE: TimeDelta = TimeDelta::seconds(5);

impl App {
    /// Creates the passage's séance with its commission, records each candidate absent
    /// (`justified` or not) and validates the grids when the commission allows; then shows the
    /// day read anew, saying what was recorded.
    pub(super) fn absent(&mut self, p: Prefill, justified: bool, now: Stamp) {
        let c = &p.choice;
        let mut seance = match self.create_seance(c, now) {
            Ok(s) => s,
            Err(e) => return self.warn(format!("Absence non enregistrée : {e}")),
        };
        // The absences, then the validations the commission allows (a refusal leaves the grid
        // « à valider », said below); any other error stops here. The séance is closed and the
        // day read anew whatever happened.
        let recorded = (|| -> Result<Option<String>, EngineError> {
            for k in &c.candidats {
                let e = Event::CandidateAbsent {
                    candidat: k.numero.clone(),
                    justified,
                };
                seance.record(&self.r, e, now)?;
            }
            for k in &c.candidats {
                let e = Event::GridValidated {
                    candidat: k.numero.clone(),
                };
                match seance.record(&self.r, e, now) {
                    Ok(_) => {}
                    Err(EngineError::Refused(why)) => return Ok(Some(why.to_string())),
                    Err(e) => return Err(e),
                }
            }
            Ok(None)
        })();
        drop(seance);
        self.reread_start(now);
        let pending = match recorded {
            Ok(pending) => pending,
            Err(e) => {
                self.written(Err(e));
                return;
            }
        };
        let kind = if justified {
            "justifiée"
        } else {
            "non justifiée"
        };
        let who = crate::tui::fmt::candidats(&c.candidats);
        match pending {
            None => self.info(format!("Absence {kind} enregistrée et validée : {who}.")),
            Some(why) => self.warn(format!(
                "Absence {kind} enregistrée pour {who} ; grille à valider (Entrée pour l’ouvrir) : \
                 {why}."
            )),
        }
    }

    /// The start screen read anew (a séance was written behind it), its state kept.
    fn reread_start(&mut self, now: Stamp) {
        let cx = cx!(self, now);
        match &mut self.screen {
            Screen::Start(s) => s.reread(&cx),
            _ => self.screen = Screen::Start(StartScreen::new(&self.cfg.dir, &self.r)),
        }
    }

    /// After a key on the grid: once every grid of the séance is validated and the plan has a
    /// passage to come, `s` is offered (once per séance: the folder is read for it).
    pub(super) fn offer_next(&mut self) {
        if self.cfg.plan.is_empty() || self.next_checked || !matches!(self.screen, Screen::Grid(_))
        {
            return;
        }
        let done = self
            .state()
            .is_some_and(|s| !s.grids.is_empty() && s.grids.values().all(|g| g.is_validated()));
        if !done {
            return;
        }
        self.next_checked = true;
        let home = StartScreen::new(&self.cfg.dir, &self.r);
        let cx = cx!(self, self.clock.now);
        let Some(day) = home.day(&cx) else { return };
        let Some(next) = day.prochain.and_then(|i| day.passages.get(i)) else {
            return;
        };
        let text = start::day::describe(next, &cx.cfg.import.candidats, home.seances());
        self.next_offer = Some(text.clone());
        if self.messages.message.is_none() {
            self.info(format!("Grille validée. s : passage suivant — {text}"));
        }
    }

    /// The table of `s` on the validated grid, when offered.
    pub(super) fn next_table(&self) -> Option<&'static [Binding<crate::tui::action::Action>]> {
        (self.next_offer.is_some() && matches!(self.screen, Screen::Grid(_)))
            .then_some(NEXT_PASSAGE)
    }

    /// `s` on the validated grid: the séance closed, the day read anew, the next passage in
    /// the wizard.
    pub(super) fn next_passage(&mut self, now: Stamp) {
        self.close(now);
        let outcome = {
            let cx = cx!(self, now);
            match &mut self.screen {
                Screen::Start(s) => s.update(StartAction::Next, now.wall, &cx),
                _ => Outcome::Nothing,
            }
        };
        self.apply(outcome, now);
    }

    /// A wake-up on the start screen: the folder read again if its logs changed (its message
    /// is cleared by `expire_message`, as on every screen). True when it must be redrawn.
    pub(super) fn tick_start(&mut self, now: Stamp) -> bool {
        if !matches!(self.screen, Screen::Start(_)) || self.overlay.is_some() {
            return false;
        }
        let mut redraw = false;
        let cx = cx!(self, now);
        if let Screen::Start(s) = &mut self.screen {
            redraw |= s.refresh(&cx);
        }
        // The offset before the first start grows with the time: the day is drawn anew.
        redraw |= !self.cfg.plan.is_empty();
        self.full |= redraw;
        redraw
    }

    /// When the start screen wants to wake: its next look at the folder (its message's end is
    /// `next_wake`'s, as on every screen).
    pub(super) fn start_wake(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        if !matches!(self.screen, Screen::Start(_)) || self.overlay.is_some() {
            return None;
        }
        Some(now + RESCAN)
    }
}
