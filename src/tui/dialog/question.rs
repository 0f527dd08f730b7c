//! A yes/no question over the screen: its French text, drawn in a box (its keys are the app's
//! `QUESTION` table: `o` / `n`, Échap for no).

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use crate::tui::component::{Question, Unusual};
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
        Question::EndEarly { maximum: false } => format!(
            "Cette phase n’est pas une durée maximale et il reste {left}. \
             La terminer quand même (consignée comme écourtée) ?"
        ),
        Question::EndEarly { maximum: true } => format!(
            "Il reste {left} sur cette phase. La terminer maintenant (consignée comme \
             écourtée ; u : annuler pendant 10 s) ?"
        ),
        Question::Validate(why) => validate(why),
        Question::LeaveSafe => "Revenir à l’écran du jury ?".into(),
        Question::RemoveInterrupted => "Supprimer ce fichier ? La séance a été interrompue à sa \
                                        création : il ne contient aucun enregistrement complet."
            .into(),
    }
}

/// « Valider la grille ? » with each reason it is unusual.
fn validate(why: Unusual) -> String {
    let mut reasons = Vec::new();
    if why.running {
        reasons.push("une phase est encore en cours".to_string());
    }
    if why.incoherent {
        reasons.push("une note ne concorde pas avec les positionnements (avertissement ⚠)".into());
    }
    match why.not_observed {
        0 => {}
        1 => reasons.push("un critère est « non observé »".into()),
        n => reasons.push(format!("{n} critères sont « non observé »")),
    }
    format!(
        "Attention : {}. Valider la grille quand même ? Une fois validée, toute modification \
         demande un amendement motivé.",
        reasons.join(" ; ")
    )
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_validation_question_says_each_reason() {
        let all = Unusual {
            running: true,
            incoherent: true,
            not_observed: 2,
        };
        let q = text(Question::Validate(all), "");
        assert!(q.contains("une phase est encore en cours"), "{q}");
        assert!(q.contains("ne concorde pas"), "{q}");
        assert!(q.contains("2 critères sont « non observé »"), "{q}");
        let one = Unusual {
            not_observed: 1,
            ..Unusual::default()
        };
        let q = text(Question::Validate(one), "");
        assert!(
            q.starts_with("Attention : un critère est « non observé »."),
            "{q}"
        );
        assert!(!one.running && one.any() && !Unusual::default().any());
    }
}
