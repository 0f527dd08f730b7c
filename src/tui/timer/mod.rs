//! The timer screen: its keys (start, pause with the dialog, resume and end phases, the switch
//! to a phase's next part, the speaker of a group séance, the sound, a « temps majoré » learnt
//! after the opening) and what each asks the app to record. Drawn in `view`; the pause dialog
//! is `pause`, the temps majoré panel `majore`, the big digits `digits`.
//!
//! Ending a phase: with time left it is recorded as `phase_ended_early` (the log says what
//! happened), after the jury confirmed — for any phase, a maximum included: a slip of the finger
//! must not cut an exposé short. With no time left it is a plain `phase_ended`. Only Espace
//! starts a phase (never Entrée, which opened the séance a moment before).
//!
//! A phase start or end can be undone with `u` within 10 s (`SeanceState::undoable`): a
//! compensating event, the log keeps both. The key is in the footer only while it can act.

pub mod digits;
mod keys;
mod live;
pub mod majore;
mod majore_view;
pub mod pause;
mod phases;
pub mod view;

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::component::{Captures, Component, Cx, Go, Outcome, Question};
use super::fmt;
use super::keys::Binding;
use crate::session::{Event, SeanceState};
use TimerAction as T;
pub use keys::*;
pub use live::Painted;
use majore::{MajorePanel, PanelOutcome};
use pause::{PauseDialog, PauseOutcome};
pub use view::{TimerView, render};

/// The timer's state: the pause dialog or the temps majoré panel when open, and what its view
/// painted (for the once-a-second repaint).
#[derive(Debug, Default)]
pub struct TimerScreen {
    pub pause: Option<PauseDialog>,
    /// Boxed: the timer is one of the app's screens, kept small.
    pub majore: Option<Box<MajorePanel>>,
    painted: Painted,
}

impl TimerScreen {
    pub fn new() -> TimerScreen {
        TimerScreen::default()
    }

    /// The dialog closes once its pause is in the state, the panel once its aménagements are
    /// (a refused write keeps either open).
    fn sync(&mut self, state: Option<&SeanceState>) {
        if self.pause.is_some() && state.is_some_and(SeanceState::is_paused) {
            self.pause = None;
        }
        if let (Some(p), Some(s)) = (self.majore.as_mut(), state)
            && p.settled(s)
        {
            self.majore = None;
        }
    }

    /// Ends the running phase (at once when no time is left, else after the jury confirmed).
    /// `now`: on the séance's timeline (`SeanceState::time_of`).
    pub fn end_phase_confirmed(state: &SeanceState, now: DateTime<Utc>) -> Outcome {
        let Some(phase) = state.running().map(|r| r.phase.clone()) else {
            return Outcome::Nothing;
        };
        let name = upper_first(&fmt::phase_id_in_sentence(&state.info.phases, &phase));
        let event = if time_left(state, now) {
            Event::PhaseEndedEarly { phase }
        } else {
            Event::PhaseEnded { phase }
        };
        // The last phase: once it is recorded, the épreuve is over.
        let said = if state.runs.len() == state.info.phases.len() {
            format!("Épreuve terminée. g : grille d’évaluation. {UNDO_HINT}")
        } else {
            format!("{name} terminée. {UNDO_HINT}")
        };
        Outcome::RecordThenSay(vec![event], said)
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
        if self.majore.is_some() {
            "Temps majoré"
        } else {
            "Minutage"
        }
    }

    fn bindings(&self, cx: &Cx) -> Vec<&'static [Binding<TimerAction>]> {
        if self.majore.is_some() {
            return vec![majore::KEYS];
        }
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
        tables.push(if s.undoable(cx.at).is_some() {
            UNDO_KEYS
        } else {
            NO_UNDO_KEYS
        });
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
        // Name the phase as the screen does: « Phase A », else its intitulé.
        let name = |id: &str| upper_first(&fmt::phase_id_in_sentence(&state.info.phases, id));
        let running = state.running().map(|run| name(&run.phase));
        let paused = state.is_paused();
        match action {
            T::StartPhase => match (running, state.next_phase()) {
                (Some(p), _) => Outcome::Say(format!("{p} en cours (f : la finir).")),
                (None, Some(i)) => {
                    let phase = state.info.phases[i].id.clone();
                    let said = format!("{} démarrée. {UNDO_HINT}", name(&phase));
                    Outcome::RecordThenSay(vec![Event::PhaseStarted { phase }], said)
                }
                (None, None) => Outcome::Say("Toutes les phases sont passées (g : grille).".into()),
            },
            T::Pause if paused => Outcome::Record(vec![Event::Resumed]),
            T::Pause if running.is_none() => Outcome::Say("Aucune phase en cours.".into()),
            T::Pause => {
                self.pause = Some(PauseDialog::new(cx.stamp));
                Outcome::Nothing
            }
            T::EndPhase => end_phase(state, cx.at),
            T::NextPart => match next_part(state) {
                Some(event) => Outcome::Record(vec![event]),
                None => Outcome::Say("Pas de partie suivante dans cette phase.".into()),
            },
            T::Undo => undo(state, cx.at),
            T::Speaker(who) => speaker(state, who),
            T::Mute => Outcome::ToggleSound,
            T::CandidateView => Outcome::Go(Go::Candidate),
            T::ShowGrid => Outcome::Go(Go::Grid),
            T::Home if running.is_some() => Outcome::Ask(Question::LeaveSeance),
            T::Home => Outcome::Go(Go::Home),
            T::TempsMajore => match MajorePanel::open(state) {
                Ok(p) => {
                    self.majore = Some(Box::new(p));
                    Outcome::Nothing
                }
                Err(why) => Outcome::Say(why.into()),
            },
            T::Majore(a) => self.in_majore(a, state, cx),
        }
    }

    fn settle(&mut self, cx: &Cx) {
        self.sync(cx.state);
    }

    fn view(&mut self, f: &mut Frame, area: Rect, cx: &Cx) {
        self.sync(cx.state);
        if let Some(v) = timer_view(self.pause.as_ref(), cx) {
            view::draw(f.buffer_mut(), area, &v, cx.theme(), &mut self.painted);
            if let Some(p) = &self.majore {
                majore_view::render(f.buffer_mut(), area, p, v.state, cx.theme());
            }
        }
    }

    fn live(&mut self, buf: &mut Buffer, cx: &Cx) -> Option<Vec<Rect>> {
        self.sync(cx.state);
        // The panel is over the figures: whole frames while it is open.
        if self.majore.is_some() {
            return None;
        }
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

impl TimerScreen {
    /// A write the app was asked for was refused: the open panel says why.
    pub fn refused(&mut self, why: &str) {
        if let Some(p) = self.majore.as_mut() {
            p.refused(why);
        }
    }

    /// A key in the temps majoré panel: what it asks, for the app to record or say.
    fn in_majore(&mut self, a: majore::MajoreAction, state: &SeanceState, cx: &Cx) -> Outcome {
        let Some(p) = self.majore.as_mut() else {
            return Outcome::Nothing;
        };
        match p.update(a, state, cx.r) {
            PanelOutcome::Stay => Outcome::Nothing,
            PanelOutcome::Say(text) => Outcome::Say(text),
            PanelOutcome::Close => {
                self.majore = None;
                Outcome::Nothing
            }
            PanelOutcome::CloseSaying(text) => {
                self.majore = None;
                Outcome::Say(text)
            }
            // Closed once the state holds it (see `sync`): a refusal keeps what was chosen.
            PanelOutcome::Record(events, said) => Outcome::RecordThenSay(events, said),
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
    // Time left on any phase is unusual enough to ask: a maximum ended by a slip of the
    // finger cuts the candidate short just the same.
    if time_left(state, now) {
        Outcome::Ask(Question::EndEarly { maximum })
    } else {
        TimerScreen::end_phase_confirmed(state, now)
    }
}

/// What the messages after a phase start or end add: how to undo it.
const UNDO_HINT: &str = "u : annuler (10 s).";

/// `phase A` → `Phase A`.
fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

/// Undoes the phase start or end of the last 10 s (the fold checks the window again).
fn undo(state: &SeanceState, now: DateTime<Utc>) -> Outcome {
    let Some((event, _)) = state.undoable(now) else {
        return Outcome::Say(
            "Rien à annuler : un début ou une fin de phase s’annule dans les 10 s qui suivent \
             (au-delà, r : une remarque au journal)."
                .into(),
        );
    };
    let (what, undone) = match &event {
        Event::PhaseStartUndone { .. } => ("Début", "annulé"),
        _ => ("Fin", "annulée"),
    };
    let phase = state
        .runs
        .last()
        .map(|r| fmt::phase_id_in_sentence(&state.info.phases, &r.phase))
        .unwrap_or_default();
    let said = format!("{what} de {phase} {undone} (consigné au journal).");
    Outcome::RecordThenSay(vec![event], said)
}

fn speaker(state: &SeanceState, who: Option<usize>) -> Outcome {
    if state.info.candidats.len() < 2 {
        return Outcome::Say("Séance individuelle : pas de temps de parole à répartir.".into());
    }
    let numero = match who {
        Some(i) => match state.info.candidats.get(i) {
            // The current speaker's key again: nobody speaks.
            Some(c) if state.speaker() == Some(c.numero.as_str()) => None,
            Some(c) if state.grids.get(&c.numero).is_some_and(|g| g.is_absent()) => {
                return Outcome::Say(format!(
                    "{} est signalée absente : pas de temps de parole.",
                    fmt::candidat(c)
                ));
            }
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
