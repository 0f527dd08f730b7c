//! The commission panel of the grid screen (`m`): the members listed, one chosen with ↑ ↓ and
//! removed (« retirer ») or its qualité corrected (« corriger la qualité »), or a member added.
//!
//! A member entered by mistake, twice, or with the wrong qualité is otherwise stuck in the
//! commission that every grid of the séance prints. Before any grid of the séance is validated a
//! change is recorded as it is (a correction: `member_removed` then `member_added`); after, the
//! engine takes it only as an amendment, so the panel asks for the reason first and records one
//! amendment per event, with that reason.

use ratatui::text::Line;

use super::{Focus, GridAction, GridScreen, locate};
use crate::referentiel::Referentiel;
use crate::session::{Event, Membre, SeanceState, commission_gaps};
use crate::tui::component::Outcome;
use crate::tui::fmt::{truncate, wrap};
use crate::tui::keys::{Binding, DOWN, ENTER, ESC, Key, UP, folded, foot, plain};
use crate::tui::theme::Theme;
use GridAction as A;
use crossterm::event::KeyCode;

impl GridScreen {
    /// A key in the commission panel, `cursor` on a member.
    pub(super) fn update_commission(
        &mut self,
        cursor: usize,
        action: GridAction,
        r: &Referentiel,
        state: &SeanceState,
    ) -> Outcome {
        use GridAction as A;
        let n = state.members.len();
        let chosen = state.members.get(cursor.min(n.saturating_sub(1))).cloned();
        match action {
            A::Up => self.open(Focus::Commission {
                cursor: cursor.saturating_sub(1),
            }),
            A::Down => self.open(Focus::Commission {
                cursor: (cursor + 1).min(n.saturating_sub(1)),
            }),
            A::AddMember => self.open_member(r, state),
            A::RemoveMember => match chosen {
                Some(membre) => {
                    self.commission_change(vec![Event::MemberRemoved { membre }], state)
                }
                None => Outcome::Say("La commission ne compte aucun membre.".into()),
            },
            A::Requalify => {
                let Some(old) = chosen else {
                    return Outcome::Say("La commission ne compte aucun membre.".into());
                };
                let Some(qualite) = next_qualite(r, &old.qualite) else {
                    return Outcome::Say("Le référentiel ne connaît qu’une qualité.".into());
                };
                let new = Membre {
                    nom: old.nom.clone(),
                    qualite,
                };
                // The corrected member comes back last: the cursor follows them.
                let changes = vec![
                    Event::MemberRemoved { membre: old },
                    Event::MemberAdded { membre: new },
                ];
                let out = self.commission_change(changes, state);
                if let Focus::Commission { cursor } = &mut self.focus {
                    *cursor = n.saturating_sub(1);
                }
                out
            }
            A::Cancel => self.open(Focus::Grid),
            _ => Outcome::Nothing,
        }
    }

    /// Records changes to the commission, or asks for the amendment reason first when a grid of
    /// the séance is validated. Back to the panel either way.
    pub(super) fn commission_change(
        &mut self,
        changes: Vec<Event>,
        state: &SeanceState,
    ) -> Outcome {
        if state.commission_frozen().is_some() {
            self.open(Focus::CommissionReason {
                changes,
                buf: String::new(),
            })
        } else {
            let cursor = self.commission_cursor(state);
            self.open(Focus::Commission { cursor });
            Outcome::Record(changes)
        }
    }

    /// A key while the reason of a change to the commission is typed.
    pub(super) fn update_commission_reason(
        &mut self,
        changes: Vec<Event>,
        buf: String,
        action: GridAction,
    ) -> Outcome {
        use GridAction as A;
        match action {
            A::Submit => {
                let reason = buf.trim();
                if reason.is_empty() {
                    return Outcome::Say(
                        "Le motif est obligatoire pour modifier la commission d’une grille \
                         validée."
                            .into(),
                    );
                }
                let events = changes
                    .into_iter()
                    .map(|change| Event::Amendment {
                        reason: reason.to_string(),
                        change: Box::new(change),
                    })
                    .collect();
                self.open(Focus::Commission { cursor: 0 });
                Outcome::Record(events)
            }
            A::Cancel => {
                self.open(Focus::Commission { cursor: 0 });
                Outcome::Say("Modification de la commission annulée.".into())
            }
            A::Input(key) => self.edit_text(key),
            _ => Outcome::Nothing,
        }
    }

    /// Where the panel's cursor stands now (0 when it is not open).
    fn commission_cursor(&self, state: &SeanceState) -> usize {
        match self.focus {
            Focus::Commission { cursor } => cursor.min(state.members.len().saturating_sub(1)),
            _ => 0,
        }
    }
}

/// The qualité after `id` in the référentiel's list (round), `None` when there is no other.
fn next_qualite(r: &Referentiel, id: &str) -> Option<String> {
    let all = &r.epreuves.qualites;
    let i = all.iter().position(|q| q.id == id).unwrap_or(all.len());
    let next = all.get((i + 1) % all.len().max(1))?;
    (next.id != id).then(|| next.id.clone())
}

/// The lines of the commission panel.
pub(super) fn panel_lines<'a>(
    cursor: usize,
    r: &Referentiel,
    state: &SeanceState,
    inner_w: usize,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let mut l = Vec::new();
    let validated = state.commission_frozen().is_some();
    if state.members.is_empty() {
        l.push(Line::styled("Aucun membre saisi.", theme.dim()));
    }
    let cursor = cursor.min(state.members.len().saturating_sub(1));
    for (i, m) in state.members.iter().enumerate() {
        let q = r
            .qualite(&m.qualite)
            .map_or(m.qualite.as_str(), |q| q.libelle.as_str());
        let (mark, style) = if i == cursor {
            ("›", theme.selected())
        } else {
            (" ", theme.text())
        };
        l.push(Line::styled(
            truncate(&format!("{mark} {} — {q}", m.nom), inner_w),
            style,
        ));
    }
    if let Some((_, forme)) = locate(r, state) {
        let gaps = commission_gaps(&forme.commission, &state.members);
        l.push(Line::default());
        if gaps.is_empty() {
            l.push(Line::styled("✔ composition conforme", theme.ok()));
        }
        for g in gaps {
            for t in wrap(&format!("⚠ {g}"), inner_w) {
                l.push(Line::styled(t, theme.warning()));
            }
        }
    }
    l.push(Line::default());
    if validated {
        l.push(Line::styled(
            "Grille validée : chaque modification est un amendement motivé.",
            theme.dim(),
        ));
    }
    l.push(Line::styled(
        "a : ajouter · r : retirer · c : corriger la qualité · Échap : fermer",
        theme.dim(),
    ));
    l
}

/// The lines of the reason prompt for changes to the commission.
pub(super) fn reason_lines<'a>(
    changes: &[Event],
    buf: &str,
    r: &Referentiel,
    inner_w: usize,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let mut l = vec![Line::styled(
        "Grille validée : toute modification de la commission est un amendement motivé.",
        theme.dim(),
    )];
    let who = |m: &Membre| {
        let q = r
            .qualite(&m.qualite)
            .map_or(m.qualite.as_str(), |q| q.libelle.as_str());
        format!("{} ({q})", m.nom)
    };
    for c in changes {
        let text = match c {
            Event::MemberRemoved { membre } => format!("retirer {}", who(membre)),
            Event::MemberAdded { membre } => format!("ajouter {}", who(membre)),
            other => other.kind().to_string(),
        };
        for t in wrap(&format!("Modification : {text}"), inner_w) {
            l.push(Line::raw(t));
        }
    }
    l.push(Line::default());
    for t in wrap(&format!("Motif : {buf}_"), inner_w) {
        l.push(Line::styled(t, theme.key()));
    }
    l.push(Line::default());
    l.push(Line::styled(
        "Entrée : enregistrer l’amendement · Échap : annuler",
        theme.dim(),
    ));
    l
}

/// The commission panel: a member chosen, removed, its qualité corrected, or one added.
pub const COMMISSION_KEYS: &[Binding<GridAction>] = &[
    foot(
        &[UP, plain('k')],
        "↑ ↓",
        A::Up,
        "choisir un membre",
        "choisir",
    ),
    folded(&[DOWN, plain('j')], A::Down),
    foot(
        &[plain('a'), ENTER],
        "a",
        A::AddMember,
        "ajouter un membre",
        "ajouter",
    ),
    foot(
        &[plain('r'), Key::Plain(KeyCode::Delete)],
        "r",
        A::RemoveMember,
        "retirer le membre choisi",
        "retirer",
    ),
    foot(
        &[plain('c')],
        "c",
        A::Requalify,
        "corriger la qualité du membre choisi",
        "corriger la qualité",
    ),
    foot(
        &[ESC, Key::Ctrl('c')],
        "Échap",
        A::Cancel,
        "fermer",
        "fermer",
    ),
];
