//! Keys for the grid screen's fields and prompts: the note /20 input, the appreciation editor
//! (ratatui-textarea), the amendment reason, the new commission member, absence and PFMP.
//!
//! Short fields edit at the end of their buffer (Retour arrière deletes, Ctrl-U empties); the
//! appreciation is a full multi-line editor whose text is saved on Échap, Ctrl-S and, on a grid
//! not yet validated, at each new line and when typing pauses (the app's draft: see
//! `tui::app::draft`), so a crash loses at most the last seconds of typing. It holds at most
//! [`APPRECIATION_MAX`] characters, typed or pasted (a paste is inserted at once, cut to what
//! fits, and the jury is told).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::Input;

use super::{Focus, GridAction, GridScreen};
use crate::clean;
use crate::grading::Points;
use crate::referentiel::Referentiel;
use crate::session::{Event, GridState, Membre, SeanceState};
use crate::tui::component::Outcome;

/// Longest note typed ("12,50"), PFMP weeks ("52"), name and reason.
const NOTE_LEN: usize = 5;
const WEEKS_LEN: usize = 2;
const TEXT_LEN: usize = 200;
/// More weeks of PFMP than a year holds is a typing error.
const WEEKS_MAX: u32 = 52;
/// The longest appréciation générale, in characters (line breaks count as one): a page and a
/// half, far beyond what a jury writes, and a bound on what a paste can put in the log.
pub const APPRECIATION_MAX: usize = 10_000;

/// What the jury reads when the appréciation is full.
fn full_message() -> String {
    format!(
        "L’appréciation est limitée à {} caractères : la suite n’a pas été reprise.",
        fmt_thousands(APPRECIATION_MAX)
    )
}

/// `10000` as French writes it: `10 000` (narrow no-break space).
fn fmt_thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202f}');
        }
        out.push(d);
    }
    out
}

impl GridScreen {
    pub(super) fn update_focused(
        &mut self,
        action: GridAction,
        r: &Referentiel,
        state: &SeanceState,
    ) -> Outcome {
        use GridAction as A;
        let focus = self.focus.clone();
        match (focus, action) {
            (Focus::Missing(_) | Focus::Legend, _) => self.close(),
            (Focus::Commission { cursor }, action) => {
                self.update_commission(cursor, action, r, state)
            }
            (Focus::CommissionReason { changes, buf }, action) => {
                self.update_commission_reason(changes, buf, action)
            }
            (Focus::Appreciation { .. }, A::Cancel) => match self.appreciation_event(state) {
                None => self.close(),
                Some(ev) => {
                    let back = Focus::Appreciation { closing: false };
                    self.change(ev, back, Focus::Appreciation { closing: true }, state)
                }
            },
            (Focus::Appreciation { .. }, A::Save) => match self.appreciation_event(state) {
                None => Outcome::Nothing,
                Some(ev) => {
                    let stay = Focus::Appreciation { closing: false };
                    self.change(ev, stay.clone(), stay, state)
                }
            },
            (Focus::Appreciation { .. }, A::Input(key)) => self.editor_key(key, state),
            (_, A::Cancel) => match std::mem::replace(&mut self.focus, Focus::Grid) {
                Focus::Reason { back, .. } => {
                    self.focus = *back;
                    Outcome::Say("Modification annulée.".into())
                }
                _ => self.close(),
            },
            (Focus::Note { comp, buf }, A::Submit) => self.submit_note(comp, &buf, r, state),
            (Focus::Note { .. }, A::Input(key)) => {
                self.edit_buf(key, NOTE_LEN, |c| {
                    c.is_ascii_digit() || c == ',' || c == '.'
                });
                Outcome::Nothing
            }
            (
                Focus::Reason {
                    change, buf, after, ..
                },
                A::Submit,
            ) => {
                let reason = buf.trim();
                if reason.is_empty() {
                    return Outcome::Say(
                        "Le motif est obligatoire pour modifier une grille validée.".into(),
                    );
                }
                let event = Event::Amendment {
                    reason: reason.to_string(),
                    change,
                };
                self.set_focus(*after);
                Outcome::Record(vec![event])
            }
            (Focus::Reason { .. }, A::Input(key)) => self.edit_text(key),
            (Focus::Member { nom, qualite }, A::Submit) => {
                let nom = nom.trim();
                let Some(q) = r.epreuves.qualites.get(qualite) else {
                    return Outcome::Nothing;
                };
                if nom.is_empty() {
                    return Outcome::Say("Saisissez le nom du membre.".into());
                }
                let membre = Membre {
                    nom: nom.to_string(),
                    qualite: q.id.clone(),
                };
                self.commission_change(vec![Event::MemberAdded { membre }], state)
            }
            (Focus::Member { .. }, A::Input(key)) => self.member_key(key, r),
            (Focus::Absence, A::Input(key)) => {
                let candidat = self.numero(state);
                let absent = self.grid(state).is_some_and(GridState::is_absent);
                let event = match key.code {
                    KeyCode::Char('r' | 'R') if absent => Event::AbsenceWithdrawn { candidat },
                    KeyCode::Char('r' | 'R') => {
                        return Outcome::Say("Aucune absence à retirer.".into());
                    }
                    KeyCode::Char('j' | 'J' | 'o' | 'O') => Event::CandidateAbsent {
                        candidat,
                        justified: true,
                    },
                    KeyCode::Char('n' | 'N') => Event::CandidateAbsent {
                        candidat,
                        justified: false,
                    },
                    KeyCode::Char('d' | 'D') => Event::CandidateExempted { candidat },
                    _ => return Outcome::Nothing,
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
                Outcome::Nothing
            }
            _ => Outcome::Nothing,
        }
    }

    fn close(&mut self) -> Outcome {
        self.set_focus(Focus::Grid);
        Outcome::Nothing
    }

    /// The edit buffer of the focused short field.
    fn buf_mut(&mut self) -> Option<&mut String> {
        match &mut self.focus {
            Focus::Note { buf, .. }
            | Focus::Reason { buf, .. }
            | Focus::Member { nom: buf, .. }
            | Focus::CommissionReason { buf, .. }
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

    pub(super) fn edit_text(&mut self, key: KeyEvent) -> Outcome {
        self.edit_buf(key, TEXT_LEN, |c| !c.is_control());
        Outcome::Nothing
    }

    fn member_key(&mut self, key: KeyEvent, r: &Referentiel) -> Outcome {
        let n = r.epreuves.qualites.len().max(1);
        let step = match key.code {
            KeyCode::Up | KeyCode::BackTab => n - 1,
            KeyCode::Down | KeyCode::Tab => 1,
            _ => return self.edit_text(key),
        };
        if let Focus::Member { qualite, .. } = &mut self.focus {
            *qualite = (*qualite + step) % n;
        }
        Outcome::Nothing
    }

    /// Pastes `text` into the appreciation editor at its cursor, at once, cut to what fits
    /// under [`APPRECIATION_MAX`]; line breaks of any system become new lines, other control
    /// characters are dropped. The message to show when the paste was cut.
    pub fn paste(&mut self, text: &str) -> Option<String> {
        let editor = self.editor.as_mut()?;
        self.focus = Focus::Appreciation { closing: false };
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        let text = clean::strip(&text);
        let room = APPRECIATION_MAX.saturating_sub(text_len(editor.lines()));
        let (cut, whole) = match text.char_indices().nth(room) {
            Some((i, _)) => (&text[..i], false),
            None => (&text[..], true),
        };
        if !cut.is_empty() {
            editor.insert_str(cut);
        }
        (!whole).then(full_message)
    }

    fn editor_key(&mut self, key: KeyEvent, state: &SeanceState) -> Outcome {
        let Some(editor) = self.editor.as_mut() else {
            return self.close();
        };
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        let adds = match key.code {
            KeyCode::Char(_) => !ctrl || alt,
            KeyCode::Enter | KeyCode::Tab => true,
            _ => false,
        };
        if adds && text_len(editor.lines()) >= APPRECIATION_MAX {
            return Outcome::Say(full_message());
        }
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
                return Outcome::Record(vec![ev]);
            }
        }
        Outcome::Nothing
    }

    fn submit_note(
        &mut self,
        comp: usize,
        buf: &str,
        r: &Referentiel,
        state: &SeanceState,
    ) -> Outcome {
        if buf.trim().is_empty() {
            // Entrée on an empty field keeps the note there is.
            let kept = self
                .comps
                .get(comp)
                .and_then(|(c, _)| self.grid(state)?.notes.get(c));
            if kept.is_some() {
                return self.close();
            }
            return Outcome::Say("Saisissez une note (par exemple 12,5) ou Échap.".into());
        }
        let note = match parse_note(buf, r.notation.note_max_competence) {
            Ok(n) => n,
            Err(msg) => return Outcome::Say(msg),
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

    fn submit_pfmp(&mut self, weeks: &str, positionne: bool, state: &SeanceState) -> Outcome {
        let weeks = match weeks.trim().parse::<u32>() {
            Ok(w) if w <= WEEKS_MAX => w,
            _ => {
                return Outcome::Say(format!(
                    "Nombre de semaines de PFMP attendu (0 à {WEEKS_MAX})."
                ));
            }
        };
        let candidat = self.numero(state);
        let event = Event::PfmpRecorded {
            candidat,
            weeks,
            positionne,
            // The voie recorded with the opening sets the weeks required: the event says it.
            voie: self.grid(state).and_then(|g| g.voie),
        };
        let back = Focus::Pfmp {
            weeks: weeks.to_string(),
            positionne,
        };
        self.change(event, back, Focus::Grid, state)
    }
}

/// The characters of the editor's text, a line break counting as one.
fn text_len(lines: &[String]) -> usize {
    lines.iter().map(|l| l.chars().count()).sum::<usize>() + lines.len().saturating_sub(1)
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
