//! The « aménagement : temps majoré » panel over the timer (`t`), for a decision the jury learns
//! of after the opening: for each candidate of the séance (↑ ↓ in a group) the majoration (`t`
//! cycles the fractions the wizard offers, in its order, then none) and the timed phases it
//! covers (digits toggle; by default the phases not yet ended). Entrée records one
//! `amenagement_recorded` per candidate whose aménagement changed, through the engine; the
//! domain refuses a phase already ended or more than the bound, with the rule's words, and the
//! panel then stays open with what was chosen. It closes once the state holds what it sent.
//!
//! The fractions, the toggling and their messages are the wizard's (`wizard::amenagement`):
//! the same letter does the same thing on both screens. Its drawing is `majore_view`.

use super::TimerAction;
use crate::referentiel::{Fraction, Referentiel};
use crate::session::{Event, SeanceState};
use crate::tui::fmt;
use crate::tui::keys::{Binding, DOWN, ENTER, ESC, UP, folded, foot, help_only, plain};
use crate::tui::wizard::{NO_TIMED_PHASE, ONE_PHASE_AT_LEAST, next_offered, toggle_covered};

/// What a key asks of the panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MajoreAction {
    /// The previous / next candidate of a group.
    Up,
    Down,
    /// `t`: the next fraction offered, then none.
    Cycle,
    /// A digit: the phase of that rank (from 0) in or out of the majoration.
    Toggle(usize),
    Confirm,
    Cancel,
}

impl MajoreAction {
    /// Every action, for the binding test (a new variant fails to compile in the match).
    pub fn all() -> Vec<MajoreAction> {
        use MajoreAction as A;
        let all = vec![
            A::Up,
            A::Down,
            A::Cycle,
            A::Toggle(0),
            A::Confirm,
            A::Cancel,
        ];
        for a in &all {
            match a {
                A::Up | A::Down | A::Cycle | A::Toggle(_) | A::Confirm | A::Cancel => {}
            }
        }
        all
    }
}

use MajoreAction as M;
use TimerAction::Majore as P;

/// The panel's keys (the screen's are not in force while it is open).
pub const KEYS: &[Binding<TimerAction>] = &[
    foot(
        &[plain('t')],
        "t",
        P(M::Cycle),
        "majoration suivante (d’un tiers, puis moins, puis aucune)",
        "majoration",
    ),
    foot(
        &[plain('1')],
        "1–9",
        P(M::Toggle(0)),
        "phase concernée ou non (par son numéro)",
        "phases",
    ),
    folded(&[plain('2')], P(M::Toggle(1))),
    folded(&[plain('3')], P(M::Toggle(2))),
    folded(&[plain('4')], P(M::Toggle(3))),
    folded(&[plain('5')], P(M::Toggle(4))),
    folded(&[plain('6')], P(M::Toggle(5))),
    folded(&[plain('7')], P(M::Toggle(6))),
    folded(&[plain('8')], P(M::Toggle(7))),
    folded(&[plain('9')], P(M::Toggle(8))),
    help_only(
        &[UP, plain('k')],
        "↑ ↓",
        P(M::Up),
        "personne candidate précédente / suivante (groupe)",
    ),
    folded(&[DOWN, plain('j')], P(M::Down)),
    foot(
        &[ENTER],
        "Entrée",
        P(M::Confirm),
        "consigner au journal de la séance",
        "consigner",
    ),
    foot(
        &[ESC],
        "Échap",
        P(M::Cancel),
        "annuler (rien n’est consigné)",
        "annuler",
    ),
];

/// Said when `t` finds every phase ended: nothing could be recorded any more.
pub const ALL_ENDED: &str = "Toutes les phases sont terminées : un temps majoré s’enregistre \
                             avant la fin des phases qu’il concerne.";

/// A candidate's aménagement as the panel holds it: the majoration (`None`: aucun) and the
/// phases it covers (kept while none is chosen, for when `t` brings one back).
pub type Chosen = (Option<Fraction>, Vec<String>);

/// The panel's state.
#[derive(Debug, Clone, PartialEq)]
pub struct MajorePanel {
    /// The candidate the keys apply to (index in the séance's candidates).
    pub cursor: usize,
    /// One per candidate of the séance, in its order.
    pub choices: Vec<Chosen>,
    /// Entrée was pressed: the panel closes once the state holds what it sent.
    sent: bool,
    /// Why the last Entrée was not recorded, whole (the message line may cut it), until the
    /// next key.
    pub refusal: Option<String>,
}

/// What the panel asks of the timer.
#[derive(Debug, Clone, PartialEq)]
pub enum PanelOutcome {
    Stay,
    Close,
    /// A French message; the panel stays open.
    Say(String),
    /// Close with this message, nothing to record.
    CloseSaying(String),
    /// Record these events, then say this (the panel closes once they are in the state).
    Record(Vec<Event>, String),
}

/// The timed phases of the séance, by id.
fn timed(state: &SeanceState) -> Vec<String> {
    state.info.phases.iter().map(|p| p.id.clone()).collect()
}

/// Whether phase `id` has run and ended.
pub(super) fn ended(state: &SeanceState, id: &str) -> bool {
    state
        .runs
        .iter()
        .any(|run| run.phase == id && run.ended.is_some())
}

impl MajorePanel {
    /// The panel as `t` opens it: each candidate's aménagement as recorded, else none on the
    /// phases not yet ended. Refused, with a French sentence, when nothing could be recorded.
    pub fn open(state: &SeanceState) -> Result<MajorePanel, &'static str> {
        let phases = timed(state);
        if phases.is_empty() {
            return Err(NO_TIMED_PHASE);
        }
        let open: Vec<String> = phases.into_iter().filter(|p| !ended(state, p)).collect();
        if open.is_empty() {
            return Err(ALL_ENDED);
        }
        let choices = state
            .info
            .candidats
            .iter()
            .map(|c| match state.amenagements.get(&c.numero) {
                Some(a) => (Some(a.majoration), a.phases.clone()),
                None => (None, open.clone()),
            })
            .collect();
        Ok(MajorePanel {
            cursor: 0,
            choices,
            sent: false,
            refusal: None,
        })
    }

    /// The candidate the keys apply to, within the séance's candidates.
    pub(super) fn here(&self) -> usize {
        self.cursor.min(self.choices.len().saturating_sub(1))
    }

    /// A key of the panel (see the module doc); `state` is the séance as it is now.
    pub fn update(
        &mut self,
        action: MajoreAction,
        state: &SeanceState,
        r: &Referentiel,
    ) -> PanelOutcome {
        self.refusal = None;
        let i = self.here();
        let last = self.choices.len().saturating_sub(1);
        let Some((f, covered)) = self.choices.get_mut(i) else {
            return PanelOutcome::Close;
        };
        match action {
            M::Up => self.cursor = i.saturating_sub(1),
            M::Down => self.cursor = (i + 1).min(last),
            M::Cycle => *f = next_offered(r, *f),
            M::Toggle(rank) => {
                let phases = timed(state);
                let Some(id) = phases.get(rank) else {
                    return PanelOutcome::Say(format!("Pas de phase n° {}.", rank + 1));
                };
                if f.is_none() {
                    return PanelOutcome::Say(
                        "Aucun temps majoré choisi : t pour en choisir un, puis ses phases.".into(),
                    );
                }
                if !toggle_covered(&phases, covered, id) {
                    return PanelOutcome::Say(ONE_PHASE_AT_LEAST.into());
                }
            }
            M::Cancel => return PanelOutcome::Close,
            M::Confirm => {
                let events = self.pending(state);
                if events.is_empty() {
                    return PanelOutcome::CloseSaying(
                        "Temps majoré inchangé : rien à consigner.".into(),
                    );
                }
                let said = said(state, &events);
                self.sent = true;
                return PanelOutcome::Record(events, said);
            }
        }
        PanelOutcome::Stay
    }

    /// The events of the candidates whose aménagement differs from the state's: a new or
    /// changed one, or a withdrawal (`0`). An existing decision text is carried, never made up.
    pub fn pending(&self, state: &SeanceState) -> Vec<Event> {
        let mut events = Vec::new();
        for (c, (f, covered)) in state.info.candidats.iter().zip(&self.choices) {
            let now = state.amenagements.get(&c.numero);
            let (majoration, phases) = match (f, now) {
                (None, None) => continue,
                (None, Some(_)) => (Fraction::ZERO, Vec::new()),
                (Some(f), Some(a)) if a.majoration == *f && a.phases == *covered => continue,
                (Some(f), _) => (*f, covered.clone()),
            };
            events.push(Event::AmenagementRecorded {
                candidat: c.numero.clone(),
                majoration,
                phases,
                decision: now.map(|a| a.decision.clone()).unwrap_or_default(),
            });
        }
        events
    }

    /// The engine refused what Entrée sent: said in the panel, in the domain's words.
    pub fn refused(&mut self, why: &str) {
        if self.sent {
            self.refusal = Some(why.to_string());
        }
    }

    /// After Entrée: true once the state holds what was sent (the panel closes); a refusal
    /// lets the jury correct and press Entrée again.
    pub fn settled(&mut self, state: &SeanceState) -> bool {
        if !self.sent {
            return false;
        }
        self.sent = false;
        self.pending(state).is_empty()
    }
}

/// `Temps majoré consigné au journal : DURAND Éloïse (0123) d’un tiers (exposé).`
fn said(state: &SeanceState, events: &[Event]) -> String {
    let each: Vec<String> = events
        .iter()
        .filter_map(|e| match e {
            Event::AmenagementRecorded {
                candidat,
                majoration,
                phases,
                ..
            } => {
                let who = state
                    .info
                    .candidats
                    .iter()
                    .find(|c| &c.numero == candidat)
                    .map_or_else(|| candidat.clone(), fmt::candidat);
                Some(if majoration.is_zero() {
                    format!("{who} : retiré")
                } else {
                    let names: Vec<String> = phases
                        .iter()
                        .map(|p| fmt::phase_id_in_sentence(&state.info.phases, p))
                        .collect();
                    format!("{who} {} ({})", majoration.en_mots(), names.join(", "))
                })
            }
            _ => None,
        })
        .collect();
    format!("Temps majoré consigné au journal : {}.", each.join(" ; "))
}

#[cfg(test)]
#[path = "majore_tests.rs"]
mod tests;
