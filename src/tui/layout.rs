//! How the app draws a frame: the training banner on top, the screen, the message line, the
//! footer with the screen's keys, then the overlays (help, questions) and the flash.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::app::{App, Live, Overlay, Screen};
use super::candidate_safe::{self, SafeView};
use super::chrome;
use super::fmt;
use super::grid::GridScreen;
use super::help;
use super::start::{self, StartView};
use super::timer::{self, TimerView};
use super::wizard::Step;
use super::wizard_view::{self, WizardView};
use crate::timing::fmt_overtime;

/// `Phase A`, or the start of the intitulé when the phase has a long id.
fn phase_name(p: &crate::referentiel::Phase) -> String {
    match p.lettre() {
        Some(l) => format!("Phase {l}"),
        None => fmt::fit(&p.intitule, 40),
    }
}

/// Short footer labels for the grid's main keys.
const GRID_FOOTER: &[(&str, &str)] = &[
    ("1 2 3 4", "TI I S TS"),
    ("p", "proposition"),
    ("n", "note"),
    ("e", "appréciation"),
    ("v", "valider"),
];

impl App {
    pub fn render(&mut self, f: &mut Frame) {
        let area = f.area();
        let theme = self.cfg.theme;
        if chrome::too_small(area.width, area.height) {
            chrome::render_too_small(f, area, &theme);
            return;
        }
        let training = self.training();
        let [banner, body, msg, footer] = Layout::vertical([
            Constraint::Length(u16::from(training.is_some())),
            Constraint::Min(1),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        if let Some(v) = training {
            chrome::banner(f, banner, v, &theme);
        }
        let body = body.inner(ratatui::layout::Margin::new(1, 0));
        self.render_screen(f, body);
        if matches!(self.screen, Screen::Safe) {
            // Towards the candidate: nothing but the phase and the countdown (and its question).
            if let Some(Overlay::Ask(q)) = &self.overlay {
                chrome::question(f, body, &self.question_text(*q), &theme);
            }
            if self.flashing() {
                f.buffer_mut().set_style(area, theme.flash());
            }
            return;
        }
        if let Some((text, error)) = &self.message {
            chrome::message(
                f,
                msg.inner(ratatui::layout::Margin::new(1, 0)),
                text,
                *error,
                &theme,
            );
        }
        let keys = self.footer_keys();
        chrome::footer(
            f,
            footer.inner(ratatui::layout::Margin::new(1, 0)),
            &keys,
            &theme,
        );
        match &self.overlay {
            Some(Overlay::Help(scroll)) => {
                let shown = help::render(f, body, *scroll, &theme);
                self.overlay = Some(Overlay::Help(shown));
            }
            Some(Overlay::Ask(q)) => chrome::question(f, body, &self.question_text(*q), &theme),
            None => {}
        }
        if self.flashing() {
            f.buffer_mut().set_style(area, theme.flash());
        }
    }

    fn render_screen(&mut self, f: &mut Frame, area: Rect) {
        let theme = self.cfg.theme;
        match &self.screen {
            Screen::Start => start::render(
                f,
                area,
                &StartView {
                    seances: &self.seances,
                    cursor: self.cursor,
                    dir: &self.cfg.dir,
                    imported: self.cfg.import.candidats.len(),
                    rejected: self.cfg.import.rejets.len(),
                    scan_error: self.scan_error.as_deref(),
                    dir_error: self.dir_error.as_deref(),
                    tz: self.cfg.tz,
                },
                &theme,
            ),
            Screen::Wizard(w) => wizard_view::render(
                f,
                area,
                &WizardView {
                    wizard: w,
                    r: &self.r,
                    imported: &self.cfg.import.candidats,
                    rejets: &self.cfg.import.rejets,
                },
                &theme,
            ),
            Screen::Timer => {
                if let (Some(live), Some(clock)) = (&self.live, &self.clock) {
                    let v = TimerView {
                        state: live.seance.state(),
                        clock,
                        now: self.now,
                        tz: self.cfg.tz,
                        muted: self.muted,
                        pause: live.pause.as_ref(),
                    };
                    timer::render(f, area, &v, &theme);
                }
            }
            Screen::Safe => {
                if let (Some(live), Some(clock)) = (&self.live, &self.clock) {
                    let state = live.seance.state();
                    let v = SafeView {
                        phases: &state.info.phases,
                        clock,
                        next: state.next_phase(),
                    };
                    candidate_safe::render(f, area, &v, &theme);
                }
            }
            Screen::Grid => {
                let status = self.grid_status_line();
                let Some((grid, state)) = self.live.as_mut().and_then(Live::grid_and_state) else {
                    return;
                };
                let [top, rest] = Layout::vertical([
                    Constraint::Length(u16::from(status.is_some())),
                    Constraint::Min(1),
                ])
                .areas(area);
                if let Some(line) = status {
                    f.render_widget(Paragraph::new(line), top);
                }
                grid.render(f, rest, &self.r, state, &theme);
            }
        }
    }

    /// On the grid screen, one line with the running phase and its countdown, so the jury
    /// keeps an eye on the time while grading.
    fn grid_status_line(&self) -> Option<Line<'static>> {
        let theme = self.cfg.theme;
        let state = self.state()?;
        let clock = self.clock.as_ref()?;
        let i = clock.current?;
        let t = clock.phases.get(i)?;
        let p = state.info.phases.get(i)?;
        let (text, style) = if clock.paused {
            (
                format!("{} en pause", fmt::countdown(t.remaining)),
                theme.warning(),
            )
        } else if t.overtime.is_zero() {
            (
                format!("{} restant", fmt::countdown(t.remaining)),
                theme.urgency(t.urgency),
            )
        } else {
            (
                format!("{} de dépassement", fmt_overtime(t.overtime)),
                theme.urgency(t.urgency),
            )
        };
        Some(Line::from(vec![
            Span::styled(format!("{} · ", phase_name(p)), theme.dim()),
            Span::styled(text, style),
            Span::styled("   (Tab : minutage)", theme.dim()),
        ]))
    }

    /// The keys the footer shows for the current screen.
    pub fn footer_keys(&self) -> Vec<(&'static str, &'static str)> {
        match &self.overlay {
            Some(Overlay::Help(_)) => return vec![("↑ ↓", "défiler"), ("Échap", "fermer")],
            Some(Overlay::Ask(_)) => return vec![("o", "oui"), ("n", "non")],
            None => {}
        }
        match &self.screen {
            Screen::Start => help::START_FOOTER.to_vec(),
            Screen::Wizard(w) => match w.step {
                Step::Epreuve | Step::Forme | Step::Situation => vec![
                    ("↑ ↓ 1–9", "choisir"),
                    ("Entrée", "valider"),
                    ("Échap", "retour"),
                    ("?", "aide"),
                ],
                Step::Membres => vec![
                    ("Entrée", "ajouter / continuer"),
                    ("← →", "qualité"),
                    ("Échap", "retour"),
                    ("Ctrl-C", "quitter"),
                ],
                Step::Candidats => vec![
                    ("↑ ↓", "choisir"),
                    ("Entrée", "valider"),
                    ("Échap", "retour"),
                    ("Ctrl-C", "quitter"),
                ],
                Step::Recap => vec![("Entrée", "ouvrir la séance"), ("Échap", "retour")],
            },
            Screen::Timer => {
                if self.live.as_ref().is_some_and(|l| l.pause.is_some()) {
                    return vec![
                        ("1–4", "motif"),
                        ("Tab", "précision"),
                        ("Entrée", "valider"),
                        ("Échap", "annuler"),
                    ];
                }
                let state = self.state();
                let paused = state.is_some_and(|s| s.is_paused());
                let group = state.is_some_and(|s| s.info.candidats.len() > 1);
                let mut keys = vec![];
                if state.is_some_and(|s| s.running().is_none() && s.next_phase().is_some()) {
                    keys.push(("Espace", "démarrer"));
                }
                if state.is_some_and(|s| s.running().is_some()) {
                    keys.push(("f", "finir"));
                    keys.push(if paused {
                        ("p", "reprendre")
                    } else {
                        ("p", "pause")
                    });
                }
                if group {
                    keys.push(("1–4", "parole"));
                }
                keys.push(("?", "aide"));
                keys.push(("c", "écran candidat"));
                keys.push(("g", "grille"));
                keys.push(if self.muted {
                    ("m", "rétablir le son")
                } else {
                    ("m", "son")
                });
                keys.push(("q", "quitter"));
                keys
            }
            Screen::Safe => vec![],
            Screen::Grid => {
                // The grid's own help is long; the footer names its main keys briefly, only
                // those the grid still lists (`?` shows them all, described in full).
                let listed = GridScreen::help();
                let mut keys = vec![("?", "aide")];
                keys.extend(
                    GRID_FOOTER
                        .iter()
                        .filter(|(k, _)| listed.iter().any(|(l, _)| l == k))
                        .copied(),
                );
                keys.extend([("Tab", "minutage"), ("q", "quitter")]);
                keys
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grid_footer_names_only_grid_keys() {
        for (k, _) in GRID_FOOTER {
            assert!(GridScreen::help().iter().any(|(l, _)| l == k), "{k}");
        }
    }
}
