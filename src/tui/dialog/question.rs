//! A yes/no question over the screen: its French text, drawn in a box (its keys are the app's
//! `QUESTION` table: `o` / `n`, Échap for no).

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use crate::tui::component::Question;
use crate::tui::theme::Theme;

/// The question's text; `left` is the time left of the running phase, for [`Question::EndEarly`].
pub fn text(q: Question, left: &str) -> String {
    match q {
        Question::Quit => "Quitter sno-jury ? Tout est enregistré. Le minutage continue en temps \
                           réel : à la reprise, il montrera le temps réellement écoulé."
            .into(),
        Question::LeaveSeance => "Revenir à l’accueil ? Une phase est en cours : son temps \
                                  continue de courir et la séance se reprend depuis l’accueil."
            .into(),
        Question::EndEarly => format!(
            "Cette phase n’est pas une durée maximale et il reste {left}. \
             La terminer quand même (consigné comme écourtée) ?"
        ),
        Question::LeaveSafe => "Revenir à l’écran du jury ?".into(),
        Question::RemoveInterrupted => "Supprimer ce fichier ? La séance a été interrompue à sa \
                                        création : il ne contient aucun enregistrement complet."
            .into(),
    }
}

/// The question in a box over `area`.
pub fn render(f: &mut Frame, area: Rect, text: &str, theme: &Theme) {
    let width = 64.min(area.width);
    let inner_w = width.saturating_sub(4).max(1) as usize;
    let rows = text.chars().count().div_ceil(inner_w) as u16 + 4;
    let popup = area.centered(Constraint::Length(width), Constraint::Length(rows));
    f.render_widget(Clear, popup);
    let lines = vec![
        Line::raw(text.to_string()),
        Line::raw(""),
        Line::from(vec![
            Span::styled("o", theme.key()),
            Span::raw(" : oui    "),
            Span::styled("n", theme.key()),
            Span::raw(" / Échap : non"),
        ]),
    ];
    f.render_widget(
        Paragraph::new(lines)
            .block(Block::bordered().padding(ratatui::widgets::Padding::horizontal(1)))
            .wrap(Wrap { trim: true }),
        popup,
    );
}
