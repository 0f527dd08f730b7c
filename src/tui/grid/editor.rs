//! Keys for the grid screen's fields and prompts: the note /20 input, the appreciation editor
//! (ratatui-textarea), the amendment reason, the new commission member, absence and PFMP.
//!
//! Short fields edit at the end of their buffer (Retour arrière deletes, Ctrl-U empties); the
//! appreciation is a full multi-line editor whose text is saved on Échap, Ctrl-S and, on a grid
//! not yet validated, at each new line, so a crash loses at most the line being typed.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::Input;

use super::{Focus, GridAction, GridOutcome, GridScreen};
use crate::grading::Points;
use crate::referentiel::Referentiel;
use crate::session::{Event, GridState, Membre, SeanceState};

/// Longest note typed ("12,50"), PFMP weeks ("52"), name and reason.
const NOTE_LEN: usize = 5;
const WEEKS_LEN: usize = 2;
const TEXT_LEN: usize = 200;
/// More weeks of PFMP than a year holds is a typing error.
const WEEKS_MAX: u32 = 52;

impl GridScreen {
    pub(super) fn update_focused(
        &mut self,
        action: GridAction,
        r: &Referentiel,
        state: &SeanceState,
    ) -> GridOutcome {
        use GridAction as A;
        let focus = self.focus.clone();
        match (focus, action) {
            (Focus::Missing(_) | Focus::Legend, _) => self.close(),
            (Focus::Appreciation { .. }, A::Cancel) => match self.appreciation_event(state) {
                None => self.close(),
                Some(ev) => {
                    let back = Focus::Appreciation { closing: false };
                    self.change(ev, back, Focus::Appreciation { closing: true }, state)
                }
            },
            (Focus::Appreciation { .. }, A::Save) => match self.appreciation_event(state) {
                None => GridOutcome::Nothing,
                Some(ev) => {
                    let stay = Focus::Appreciation { closing: false };
                    self.change(ev, stay.clone(), stay, state)
                }
            },
            (Focus::Appreciation { .. }, A::Input(key)) => self.editor_key(key, state),
            (_, A::Cancel) => match std::mem::replace(&mut self.focus, Focus::Grid) {
                Focus::Reason { back, .. } => {
                    self.focus = *back;
                    GridOutcome::Message("Modification annulée.".into())
                }
                _ => self.close(),
            },
            (Focus::Note { comp, buf }, A::Submit) => self.submit_note(comp, &buf, r, state),
            (Focus::Note { .. }, A::Input(key)) => {
                self.edit_buf(key, NOTE_LEN, |c| {
                    c.is_ascii_digit() || c == ',' || c == '.'
                });
                GridOutcome::Redraw
            }
            (
                Focus::Reason {
                    change, buf, after, ..
                },
                A::Submit,
            ) => {
                let reason = buf.trim();
                if reason.is_empty() {
                    return GridOutcome::Message(
                        "Le motif est obligatoire pour modifier une grille validée.".into(),
                    );
                }
                let event = Event::Amendment {
                    reason: reason.to_string(),
                    change,
                };
                self.set_focus(*after);
                GridOutcome::Record(vec![event])
            }
            (Focus::Reason { .. }, A::Input(key)) => self.edit_text(key),
            (Focus::Member { nom, qualite }, A::Submit) => {
                let nom = nom.trim();
                let Some(q) = r.epreuves.qualites.get(qualite) else {
                    return GridOutcome::Nothing;
                };
                if nom.is_empty() {
                    return GridOutcome::Message("Saisissez le nom du membre.".into());
                }
                let membre = Membre {
                    nom: nom.to_string(),
                    qualite: q.id.clone(),
                };
                self.close();
                GridOutcome::Record(vec![Event::MemberAdded { membre }])
            }
            (Focus::Member { .. }, A::Input(key)) => self.member_key(key, r),
            (Focus::Absence, A::Input(key)) => {
                let candidat = self.numero(state);
                let event = match key.code {
                    KeyCode::Char('j' | 'J' | 'o' | 'O') => Event::CandidateAbsent {
                        candidat,
                        justified: true,
                    },
                    KeyCode::Char('n' | 'N') => Event::CandidateAbsent {
                        candidat,
                        justified: false,
                    },
                    KeyCode::Char('d' | 'D') => Event::CandidateExempted { candidat },
                    _ => return GridOutcome::Nothing,
                };
                self.change(event, Focus::Absence, Focus::Grid, state)
            }
            (Focus::Pfmp { weeks, positionne }, A::Submit) => {
                self.submit_pfmp(&weeks, positionne, state)
            }
            (Focus::Pfmp { .. }, A::Input(key)) => {
                if matches!(key.code, KeyCode::Tab | KeyCode::Char(' ' | 'o' | 'O')) {
                    if let Focus::Pfmp { positionne, .. } = &mut self.focus {
                        *positionne = !*positionne;
                    }
                } else {
                    self.edit_buf(key, WEEKS_LEN, |c| c.is_ascii_digit());
                }
                GridOutcome::Redraw
            }
            _ => GridOutcome::Nothing,
        }
    }

    fn close(&mut self) -> GridOutcome {
        self.set_focus(Focus::Grid);
        GridOutcome::Redraw
    }

    /// The edit buffer of the focused short field.
    fn buf_mut(&mut self) -> Option<&mut String> {
        match &mut self.focus {
            Focus::Note { buf, .. }
            | Focus::Reason { buf, .. }
            | Focus::Member { nom: buf, .. }
            | Focus::Pfmp { weeks: buf, .. } => Some(buf),
            _ => None,
        }
    }

    /// Edits the focused buffer at its end: at most `max` characters, those `accept` takes.
    fn edit_buf(&mut self, key: KeyEvent, max: usize, accept: impl Fn(char) -> bool) {
        let Some(buf) = self.buf_mut() else { return };
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        match key.code {
            KeyCode::Backspace => {
                buf.pop();
            }
            KeyCode::Char('u') if ctrl && !alt => buf.clear(),
            // AltGr arrives as Ctrl+Alt on Windows: still a typed character.
            KeyCode::Char(c) if (!ctrl || alt) && accept(c) && buf.chars().count() < max => {
                buf.push(c)
            }
            _ => {}
        }
    }

    fn edit_text(&mut self, key: KeyEvent) -> GridOutcome {
        self.edit_buf(key, TEXT_LEN, |c| !c.is_control());
        GridOutcome::Redraw
    }

    fn member_key(&mut self, key: KeyEvent, r: &Referentiel) -> GridOutcome {
        let n = r.epreuves.qualites.len().max(1);
        let step = match key.code {
            KeyCode::Up | KeyCode::BackTab => n - 1,
            KeyCode::Down | KeyCode::Tab => 1,
            _ => return self.edit_text(key),
        };
        if let Focus::Member { qualite, .. } = &mut self.focus {
            *qualite = (*qualite + step) % n;
        }
        GridOutcome::Redraw
    }

    fn editor_key(&mut self, key: KeyEvent, state: &SeanceState) -> GridOutcome {
        let Some(editor) = self.editor.as_mut() else {
            return self.close();
        };
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        match key.code {
            // AltGr characters (Windows reports Ctrl+Alt) are text, not shortcuts.
            KeyCode::Char(c) if ctrl && alt => editor.insert_char(c),
            _ => {
                editor.input(Input::from(key));
            }
        }
        self.focus = Focus::Appreciation { closing: false };
        let validated = self.grid(state).is_some_and(GridState::is_validated);
        if key.code == KeyCode::Enter && !validated {
            // Save at each new line: a crash loses at most the line being typed.
            if let Some(ev) = self.appreciation_event(state) {
                return GridOutcome::Record(vec![ev]);
            }
        }
        GridOutcome::Redraw
    }

    fn submit_note(
        &mut self,
        comp: usize,
        buf: &str,
        r: &Referentiel,
        state: &SeanceState,
    ) -> GridOutcome {
        if buf.trim().is_empty() {
            return GridOutcome::Message("Saisissez une note (par exemple 12,5) ou Échap.".into());
        }
        let note = match parse_note(buf, r.notation.note_max_competence) {
            Ok(n) => n,
            Err(msg) => return GridOutcome::Message(msg),
        };
        let Some((competence, _)) = self.comps.get(comp) else {
            return self.close();
        };
        if self.grid(state).and_then(|g| g.notes.get(competence)) == Some(&note) {
            return self.close();
        }
        let event = Event::NoteSet {
            candidat: self.numero(state),
            competence: competence.clone(),
            note,
        };
        let back = Focus::Note {
            comp,
            buf: buf.to_string(),
        };
        self.change(event, back, Focus::Grid, state)
    }

    fn submit_pfmp(&mut self, weeks: &str, positionne: bool, state: &SeanceState) -> GridOutcome {
        let weeks = match weeks.trim().parse::<u32>() {
            Ok(w) if w <= WEEKS_MAX => w,
            _ => {
                return GridOutcome::Message(format!(
                    "Nombre de semaines de PFMP attendu (0 à {WEEKS_MAX})."
                ));
            }
        };
        let candidat = self.numero(state);
        let event = Event::PfmpRecorded {
            candidat,
            weeks,
            positionne,
            voie: None,
        };
        let back = Focus::Pfmp {
            weeks: weeks.to_string(),
            positionne,
        };
        self.change(event, back, Focus::Grid, state)
    }
}

/// A note /`max` typed with a French or English decimal separator, by half points.
pub(crate) fn parse_note(text: &str, max: u32) -> Result<Points, String> {
    let note: Points = text
        .parse()
        .map_err(|e: crate::grading::PointsError| e.to_string())?;
    if note > Points::from_whole(max) {
        return Err(format!(
            "« {} » : la note /{max} va de 0 à {max}.",
            text.trim()
        ));
    }
    Ok(note)
}
