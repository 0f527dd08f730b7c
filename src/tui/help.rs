//! Every key of every screen, in French: the lists the footer and the `?` overlay show. They
//! describe [`crate::tui::action::keymap`]; a test there checks the timer keys against it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::grid::GridScreen;
use super::theme::Theme;

pub type Keys = &'static [(&'static str, &'static str)];

pub const START: Keys = &[
    ("↑ ↓", "choisir une séance"),
    ("Entrée", "reprendre la séance choisie"),
    ("n", "nouvelle séance"),
    ("?", "aide"),
    ("q", "quitter"),
];

pub const WIZARD: Keys = &[
    ("↑ ↓", "choisir"),
    ("1–9", "choisir directement (listes)"),
    ("Entrée", "valider"),
    ("Échap", "étape précédente"),
    (
        "lettres",
        "rechercher une personne candidate / saisir un texte",
    ),
    ("Tab", "champ suivant"),
    ("← →", "qualité du membre de la commission"),
    (
        "Retour arrière",
        "effacer (nom vide : retirer le dernier membre)",
    ),
];

pub const TIMER: Keys = &[
    ("Espace", "démarrer la phase suivante"),
    ("f", "finir la phase (écourtée s’il reste du temps)"),
    ("p", "pause (avec motif) / reprise"),
    ("r", "reprendre après une pause"),
    ("1–4", "séance de groupe : qui parle"),
    ("0", "personne ne parle"),
    ("m", "couper / rétablir le son"),
    ("c", "écran tourné vers la personne candidate"),
    ("g Tab", "grille d’évaluation"),
    ("Échap", "accueil"),
    ("?", "aide"),
    ("q", "quitter"),
];

pub const PAUSE: Keys = &[
    ("1–4 ↑ ↓", "motif de la pause"),
    ("Tab", "précision facultative"),
    ("Entrée", "mettre en pause"),
    ("Échap", "annuler"),
];

pub const SAFE: Keys = &[
    ("Échap puis o", "revenir à l’écran du jury"),
    ("m", "couper / rétablir le son"),
];

/// The footer of the start screen (the help lists the same keys, described at length).
pub const START_FOOTER: Keys = &[
    ("Entrée", "reprendre"),
    ("n", "nouvelle séance"),
    ("↑ ↓", "choisir"),
    ("?", "aide"),
    ("q", "quitter"),
];

/// Keys the app handles on the grid screen, besides the grid's own.
pub const GRID_APP: Keys = &[("Tab", "minutage"), ("?", "aide"), ("q", "quitter")];

pub const EVERYWHERE: Keys = &[
    ("Ctrl-C", "quitter tout de suite (tout est déjà enregistré)"),
    ("o / n", "répondre à une question"),
];

/// The sections of the help overlay.
pub fn sections() -> Vec<(&'static str, Keys)> {
    vec![
        ("Accueil", START),
        ("Nouvelle séance", WIZARD),
        ("Minutage", TIMER),
        ("Pause", PAUSE),
        ("Écran candidat", SAFE),
        ("Grille d’évaluation", GridScreen::help()),
        ("Grille d’évaluation (application)", GRID_APP),
        ("Partout", EVERYWHERE),
    ]
}

/// Words of `text` in lines of at most `width` characters.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            out.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    out.push(line);
    out
}

/// The lines of the help overlay, descriptions wrapped to `width` columns.
pub fn lines(theme: &Theme, width: usize) -> Vec<Line<'static>> {
    const KEY_W: usize = 18;
    let mut out = Vec::new();
    for (title, keys) in sections() {
        if keys.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(Line::raw(""));
        }
        out.push(Line::styled(title, theme.title()));
        for (k, d) in keys {
            for (i, part) in wrap(d, width.saturating_sub(KEY_W).max(10))
                .into_iter()
                .enumerate()
            {
                let key = if i == 0 { *k } else { "" };
                out.push(Line::from(vec![
                    Span::styled(format!("  {key:<16}"), theme.key()),
                    Span::raw(part),
                ]));
            }
        }
    }
    out
}

/// The overlay, scrolled by `scroll` lines (clamped).
pub fn render(f: &mut Frame, area: Rect, scroll: usize, theme: &Theme) -> usize {
    let popup = area.centered(Constraint::Length(area.width.min(100)), Constraint::Fill(1));
    let lines = lines(theme, popup.width.saturating_sub(2) as usize);
    let visible = popup.height.saturating_sub(2) as usize;
    let max = lines.len().saturating_sub(visible);
    let scroll = scroll.min(max);
    f.render_widget(Clear, popup);
    let block = Block::bordered()
        .title(" Aide — toutes les touches ")
        .title_bottom(" ↑ ↓ : défiler · Échap : fermer ");
    f.render_widget(
        Paragraph::new(lines)
            .block(block)
            .scroll((scroll as u16, 0)),
        popup,
    );
    scroll
}

#[cfg(test)]
mod tests {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::*;
    use crate::tui::action::{KeyContext, keymap};

    /// The key a help entry names (its first word).
    fn key_of(label: &str) -> KeyCode {
        match label.split_whitespace().next().unwrap_or_default() {
            "Espace" => KeyCode::Char(' '),
            "Entrée" => KeyCode::Enter,
            "Échap" => KeyCode::Esc,
            "Tab" => KeyCode::Tab,
            "↑" => KeyCode::Up,
            "1–4" | "1–9" => KeyCode::Char('1'),
            k => KeyCode::Char(k.chars().next().unwrap()),
        }
    }

    #[test]
    fn every_listed_key_does_something() {
        let cases: [(Keys, KeyContext); 4] = [
            (START, KeyContext::Start),
            (TIMER, KeyContext::Timer { paused: false }),
            (PAUSE, KeyContext::PauseDialog { typing: false }),
            (SAFE, KeyContext::CandidateSafe),
        ];
        for (keys, ctx) in cases {
            for (label, what) in keys {
                let key = KeyEvent::new(key_of(label), KeyModifiers::NONE);
                assert!(
                    keymap(&key, &ctx).is_some(),
                    "{label} ({what}) does nothing"
                );
            }
        }
    }
}
