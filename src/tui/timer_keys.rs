//! The timer screen's keys: starting, pausing (with the dialog), resuming and ending phases,
//! the speaker of a group séance, the sound.
//!
//! Ending a phase: with time left it is recorded as `phase_ended_early` (the log says what
//! happened); for a phase whose duration is not a maximum (an entretien) the jury is asked to
//! confirm first, since the regulated duration is then cut short. With no time left it is a
//! plain `phase_ended`.
//!
//! A pause starts when `p` is pressed, not when its reason is confirmed: the dialog keeps that
//! instant and the event is recorded with it, so typing the detail never counts as épreuve
//! time (nothing else can be recorded while the dialog is open, so the log stays in order).

use chrono::{DateTime, Utc};

use super::action::Action;
use super::app::{App, Overlay, Question, Screen};
use super::timer::PauseDialog;
use crate::session::{Event, PauseReason, SeanceState};

impl App {
    pub(super) fn update_timer(&mut self, action: Action, now: DateTime<Utc>) {
        let Some(state) = self.state() else {
            return;
        };
        let running = state.running().map(|run| {
            // Name the phase as the screen does: « phase A », else its intitulé.
            let phase = state.info.phases.iter().find(|p| p.id == run.phase);
            match phase.map(|p| (p.lettre(), p)) {
                Some((Some(l), _)) => format!("La phase {l}"),
                Some((None, p)) => format!("« {} »", p.intitule),
                None => format!("La phase {}", run.phase),
            }
        });
        let paused = state.is_paused();
        match action {
            Action::StartPhase => match (running, state.next_phase()) {
                (Some(p), _) => self.info(format!("{p} est en cours (f : la finir).")),
                (None, Some(i)) => {
                    let phase = state.info.phases[i].id.clone();
                    self.record(Event::PhaseStarted { phase }, now);
                }
                (None, None) => self.info("Toutes les phases sont passées (g : grille)."),
            },
            Action::Pause if running.is_none() => self.info("Aucune phase en cours."),
            Action::Pause if !paused => {
                if let Some(live) = self.live.as_mut() {
                    live.pause = Some(PauseDialog {
                        at: now,
                        reason: 0,
                        detail: String::new(),
                        typing: false,
                    });
                }
            }
            Action::Pause | Action::Resume if paused => {
                self.record(Event::Resumed, now);
            }
            Action::Resume => self.info("L’épreuve n’est pas en pause."),
            Action::EndPhase => self.end_phase(now),
            Action::Speaker(who) => self.speaker(who, now),
            Action::Mute => self.toggle_mute(),
            Action::CandidateView => self.screen = Screen::Safe,
            Action::ShowGrid => self.show_grid(),
            Action::Back if running.is_some() => {
                self.overlay = Some(Overlay::Ask(Question::LeaveSeance))
            }
            Action::Back => self.close(now),
            _ => {}
        }
    }

    fn end_phase(&mut self, now: DateTime<Utc>) {
        let Some(state) = self.state() else {
            return;
        };
        let Some(run) = state.running() else {
            return self.info("Aucune phase en cours.");
        };
        let maximum = state
            .info
            .phases
            .iter()
            .find(|p| p.id == run.phase)
            .is_some_and(|p| p.maximum);
        if time_left(state, now) && !maximum {
            self.overlay = Some(Overlay::Ask(Question::EndEarly));
        } else {
            self.end_phase_confirmed(now);
        }
    }

    pub(super) fn end_phase_confirmed(&mut self, now: DateTime<Utc>) {
        let Some(state) = self.state() else {
            return;
        };
        let Some(phase) = state.running().map(|r| r.phase.clone()) else {
            return;
        };
        let event = if time_left(state, now) {
            Event::PhaseEndedEarly { phase }
        } else {
            Event::PhaseEnded { phase }
        };
        if self.record(event, now) && self.state().is_some_and(SeanceState::is_finished) {
            self.info("Épreuve terminée. g : grille d’évaluation.");
        }
    }

    fn speaker(&mut self, who: Option<usize>, now: DateTime<Utc>) {
        let Some(state) = self.state() else {
            return;
        };
        if state.info.candidats.len() < 2 {
            return self.info("Séance individuelle : pas de temps de parole à répartir.");
        }
        let numero = match who {
            Some(i) => match state.info.candidats.get(i) {
                // The current speaker's key again: nobody speaks.
                Some(c) if state.speaker() == Some(c.numero.as_str()) => None,
                Some(c) => Some(c.numero.clone()),
                None => return self.info(format!("Pas de personne candidate n° {}.", i + 1)),
            },
            None => None,
        };
        if numero.is_none() && state.speaker().is_none() {
            return;
        }
        self.record(Event::SpeakerChanged { candidat: numero }, now);
    }

    pub(super) fn toggle_mute(&mut self) {
        self.muted = !self.muted;
        self.info(if self.muted {
            "Son coupé."
        } else {
            "Son rétabli."
        });
    }

    pub(super) fn update_pause(&mut self, action: Action, now: DateTime<Utc>) {
        let Some(d) = self.live.as_mut().and_then(|l| l.pause.as_mut()) else {
            return;
        };
        let n = PauseReason::ALL.len();
        match action {
            Action::Up if !d.typing => d.reason = d.reason.saturating_sub(1),
            Action::Down if !d.typing => d.reason = (d.reason + 1).min(n - 1),
            Action::Char(c @ '1'..='9') if !d.typing => {
                let i = c as usize - '1' as usize;
                if i < n {
                    d.reason = i;
                    d.typing = true;
                }
            }
            Action::Char(c) if d.typing => d.detail.push(c),
            Action::Backspace => {
                d.detail.pop();
            }
            Action::NextField | Action::PrevField | Action::Up | Action::Down => {
                d.typing = !d.typing
            }
            Action::Back => {
                if let Some(l) = self.live.as_mut() {
                    l.pause = None;
                }
            }
            Action::Confirm => {
                let event = Event::Paused {
                    reason: PauseReason::ALL[d.reason],
                    detail: d.detail.trim().to_string(),
                };
                let at = d.at.min(now);
                if self.record(event, at)
                    && let Some(l) = self.live.as_mut()
                {
                    l.pause = None;
                }
            }
            _ => {}
        }
    }
}

/// The running phase has time left at `now`.
fn time_left(state: &SeanceState, now: DateTime<Utc>) -> bool {
    let view = crate::timing::clock(state, now);
    view.current
        .and_then(|i| view.phases.get(i))
        .is_some_and(|t| !t.remaining.is_zero())
}
