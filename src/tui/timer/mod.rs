//! The timer screen: its keys (start, pause with the dialog, resume and end phases, the switch
//! to a phase's next part, the speaker of a group séance, the sound) and what each asks the app to record. Drawn in `view`; the
//! pause dialog is `pause`, the big digits `digits`.
//!
//! Ending a phase: with time left it is recorded as `phase_ended_early` (the log says what
//! happened); for a phase whose duration is not a maximum (an entretien) the jury is asked to
//! confirm first, since the regulated duration is then cut short. With no time left it is a
//! plain `phase_ended`.

pub mod digits;
mod keys;
mod live;
pub mod pause;
mod phases;
pub mod view;

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::component::{Captures, Component, Cx, Go, Outcome, Question};
use super::keys::Binding;
use crate::session::{Event, SeanceState};
use TimerAction as T;
pub use keys::*;
pub use live::Painted;
use pause::{PauseDialog, PauseOutcome};
pub use view::{TimerView, render};

/// The timer's state: the pause dialog when open, and what its view painted (for the
/// once-a-second repaint).
#[derive(Debug, Default)]
pub struct TimerScreen {
    pub pause: Option<PauseDialog>,
    painted: Painted,
}

impl TimerScreen {
    pub fn new() -> TimerScreen {
        TimerScreen::default()
    }

    /// The dialog closes once its pause is in the state (a refused write keeps it open).
    fn sync(&mut self, state: Option<&SeanceState>) {
        if self.pause.is_some() && state.is_some_and(SeanceState::is_paused) {
            self.pause = None;
        }
    }

    /// Ends the running phase (after the jury confirmed, for a phase that is not a maximum).
    /// `now`: on the séance's timeline (`SeanceState::time_of`).
    pub fn end_phase_confirmed(state: &SeanceState, now: DateTime<Utc>) -> Outcome {
        let Some(phase) = state.running().map(|r| r.phase.clone()) else {
            return Outcome::Nothing;
        };
        let event = if time_left(state, now) {
            Event::PhaseEndedEarly { phase }
        } else {
            Event::PhaseEnded { phase }
        };
        // The last phase: once it is recorded, the épreuve is over.
        if state.runs.len() == state.info.phases.len() {
            Outcome::RecordThenSay(
                vec![event],
                "Épreuve terminée. g : grille d’évaluation.".into(),
            )
        } else {
            Outcome::Record(vec![event])
        }
    }
}

/// The timer's view of the séance in `cx`, with the dialog when open.
fn timer_view<'a>(pause: Option<&'a PauseDialog>, cx: &'a Cx) -> Option<TimerView<'a>> {
    Some(TimerView {
        state: cx.state?,
        clock: cx.clock?,
        now: cx.now,
        tz: cx.tz(),
        muted: cx.muted,
        pause,
    })
}

impl Component for TimerScreen {
    type Action = TimerAction;

    fn title(&self) -> &'static str {
        "Minutage"
    }

    fn bindings(&self, cx: &Cx) -> Vec<&'static [Binding<TimerAction>]> {
        let Some(s) = cx.state else {
            return vec![SCREEN_KEYS];
        };
        let mut tables = Vec::new();
        tables.push(if s.running().is_none() && s.next_phase().is_some() {
            START_KEYS
        } else {
            NO_START_KEYS
        });
        tables.push(match s.running() {
            Some(_) if s.is_paused() => PAUSED_KEYS,
            Some(_) => RUNNING_KEYS,
            None => STOPPED_KEYS,
        });
        if next_part(s).is_some() {
            tables.push(PART_KEYS);
        }
        tables.push(if s.info.candidats.len() > 1 {
            GROUP_KEYS
        } else {
            SOLO_KEYS
        });
        tables.push(SCREEN_KEYS);
        tables.push(if cx.muted {
            SOUND_OFF_KEYS
        } else {
            SOUND_ON_KEYS
        });
        tables
    }

    fn update(&mut self, action: TimerAction, _now: DateTime<Utc>, cx: &Cx) -> Outcome {
        let Some(state) = cx.state else {
            return Outcome::Nothing;
        };
        let running = state.running().map(|run| {
            // Name the phase as the screen does: « Phase A », else its intitulé.
            let phase = state.info.phases.iter().find(|p| p.id == run.phase);
            match phase.map(|p| (p.lettre(), p)) {
                Some((Some(l), _)) => format!("La phase {l}"),
                Some((None, p)) => format!("« {} »", p.intitule),
                None => format!("La phase {}", run.phase),
            }
        });
        let paused = state.is_paused();
        match action {
            T::StartPhase => match (running, state.next_phase()) {
                (Some(p), _) => Outcome::Say(format!("{p} est en cours (f : la finir).")),
                (None, Some(i)) => Outcome::Record(vec![Event::PhaseStarted {
                    phase: state.info.phases[i].id.clone(),
                }]),
                (None, None) => Outcome::Say("Toutes les phases sont passées (g : grille).".into()),
            },
            T::Pause | T::Resume if paused => Outcome::Record(vec![Event::Resumed]),
            T::Pause if running.is_none() => Outcome::Say("Aucune phase en cours.".into()),
            T::Pause => {
                self.pause = Some(PauseDialog::new(cx.stamp));
                Outcome::Nothing
            }
            T::Resume => Outcome::Say("L’épreuve n’est pas en pause.".into()),
            T::EndPhase => end_phase(state, cx.at),
            T::NextPart => match next_part(state) {
                Some(event) => Outcome::Record(vec![event]),
                None => Outcome::Say("Pas de partie suivante dans cette phase.".into()),
            },
            T::Speaker(who) => speaker(state, who),
            T::Mute => Outcome::ToggleSound,
            T::CandidateView => Outcome::Go(Go::Candidate),
            T::ShowGrid => Outcome::Go(Go::Grid),
            T::Home if running.is_some() => Outcome::Ask(Question::LeaveSeance),
            T::Home => Outcome::Go(Go::Home),
        }
    }

    fn settle(&mut self, cx: &Cx) {
        self.sync(cx.state);
    }

    fn view(&mut self, f: &mut Frame, area: Rect, cx: &Cx) {
        self.sync(cx.state);
        if let Some(v) = timer_view(self.pause.as_ref(), cx) {
            view::draw(f.buffer_mut(), area, &v, cx.theme(), &mut self.painted);
        }
    }

    fn live(&mut self, buf: &mut Buffer, cx: &Cx) -> Option<Vec<Rect>> {
        self.sync(cx.state);
        let v = timer_view(self.pause.as_ref(), cx)?;
        live::repaint(buf, &v, cx.theme(), &mut self.painted)
    }
}

/// The pause dialog's part of the timer: its keys go to the dialog while it is open.
impl TimerScreen {
    pub fn dialog_bindings(&self) -> Option<&'static [Binding<pause::PauseAction>]> {
        self.pause.as_ref().map(PauseDialog::bindings)
    }

    pub fn dialog_captures(&self) -> Option<Captures> {
        self.pause.as_ref().map(PauseDialog::captures)
    }

    pub fn update_dialog(&mut self, action: pause::PauseAction) -> Outcome {
        let Some(d) = self.pause.as_mut() else {
            return Outcome::Nothing;
        };
        match d.update(action) {
            PauseOutcome::Stay => Outcome::Nothing,
            PauseOutcome::Close => {
                self.pause = None;
                Outcome::Nothing
            }
            // The dialog closes when the pause is in the state (see `sync`).
            PauseOutcome::Record(event, at) => Outcome::RecordAt(vec![event], at),
        }
    }
}

fn end_phase(state: &SeanceState, now: DateTime<Utc>) -> Outcome {
    let Some(run) = state.running() else {
        return Outcome::Say("Aucune phase en cours.".into());
    };
    let maximum = state
        .info
        .phases
        .iter()
        .find(|p| p.id == run.phase)
        .is_some_and(|p| p.maximum);
    if time_left(state, now) && !maximum {
        Outcome::Ask(Question::EndEarly)
    } else {
        TimerScreen::end_phase_confirmed(state, now)
    }
}

fn speaker(state: &SeanceState, who: Option<usize>) -> Outcome {
    if state.info.candidats.len() < 2 {
        return Outcome::Say("Séance individuelle : pas de temps de parole à répartir.".into());
    }
    let numero = match who {
        Some(i) => match state.info.candidats.get(i) {
            // The current speaker's key again: nobody speaks.
            Some(c) if state.speaker() == Some(c.numero.as_str()) => None,
            Some(c) => Some(c.numero.clone()),
            None => return Outcome::Say(format!("Pas de personne candidate n° {}.", i + 1)),
        },
        None => None,
    };
    if numero.is_none() && state.speaker().is_none() {
        return Outcome::Nothing;
    }
    Outcome::Record(vec![Event::SpeakerChanged { candidat: numero }])
}

/// The switch to the running phase's next part, if it has one left.
fn next_part(state: &SeanceState) -> Option<Event> {
    let run = state.running()?;
    let phase = state.info.phases.iter().find(|p| p.id == run.phase)?;
    let partie = run.parts.len() + 1;
    (partie < phase.parties.len()).then(|| Event::PartStarted {
        phase: run.phase.clone(),
        partie: partie as u32,
    })
}

/// The running phase has time left at `now` (on the séance's timeline).
fn time_left(state: &SeanceState, now: DateTime<Utc>) -> bool {
    let view = crate::timing::clock(state, now);
    view.current
        .and_then(|i| view.phases.get(i))
        .is_some_and(|t| !t.remaining.is_zero())
}
