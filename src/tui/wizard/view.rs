//! Drawing the new-séance wizard: one step at a time, with what was chosen so far on top.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::{MANUAL_FIELDS, Row, Step, Wizard};
use crate::candidats::Rejet;
use crate::referentiel::Referentiel;
use crate::session::{Candidat, commission_gaps};
use crate::tui::chrome;
use crate::tui::fmt;
use crate::tui::theme::Theme;

pub struct WizardView<'a> {
    pub wizard: &'a Wizard,
    pub r: &'a Referentiel,
    pub imported: &'a [Candidat],
    /// The candidates list's voies, by numéro.
    pub voies: &'a std::collections::BTreeMap<String, crate::referentiel::Voie>,
    pub rejets: &'a [Rejet],
}

fn step_title(step: Step) -> &'static str {
    match step {
        Step::Epreuve => "1/6 · Épreuve",
        Step::Forme => "2/6 · Forme",
        Step::Situation => "3/6 · Situation",
        Step::Candidats => "4/6 · Personne(s) candidate(s)",
        Step::Membres => "5/6 · Commission d’évaluation",
        Step::Recap => "6/6 · Vérification",
    }
}

pub fn render(f: &mut Frame, area: Rect, v: &WizardView, theme: &Theme) {
    let w = v.wizard;
    // A refusal may take two lines (a temps majoré refused quotes its rule).
    let err_h = match &w.error {
        Some(e) if fmt::width(e) > area.width as usize => 2,
        _ => 1,
    };
    let [head, body, err] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Min(1),
        Constraint::Length(err_h),
    ])
    .areas(area);
    let title = Line::from(vec![
        Span::styled("Nouvelle séance — ", theme.title()),
        Span::styled(step_title(w.step), theme.title()),
    ]);
    f.render_widget(
        Paragraph::new(vec![title, so_far(v, theme)]).block(Block::new()),
        head,
    );
    let width = body.width.saturating_sub(2) as usize;
    let lines = match w.step {
        Step::Epreuve => list(
            v.r.epreuves
                .epreuves
                .iter()
                .map(|e| format!("{} — {}", e.id, e.intitule)),
            w.epreuve,
            width,
            theme,
        ),
        Step::Forme => list(
            w.epreuve(v.r).into_iter().flat_map(|e| &e.formes).map(|f| {
                let duree = f
                    .duree_reglementaire_minutes
                    .map(|m| format!(", {m} min"))
                    .unwrap_or_default();
                format!("{} ({}{duree})", f.forme.label(), f.nature)
            }),
            w.forme,
            width,
            theme,
        ),
        Step::Situation => list(
            w.forme(v.r)
                .into_iter()
                .flat_map(|f| &f.situations)
                .map(|s| {
                    let mut t = format!("{} — {}", s.id, s.intitule);
                    if !s.candidat_present {
                        t.push_str(" (sans la personne candidate : pas de minutage)");
                    }
                    if let Some(g) = &s.groupe {
                        t.push_str(&format!(" (groupe de {} à {})", g.min, g.max));
                    }
                    t
                }),
            w.situation,
            width,
            theme,
        ),
        Step::Candidats => candidats(v, width, theme),
        Step::Membres => membres(v, theme),
        Step::Recap => recap(v, theme),
    };
    let block = Block::new().borders(Borders::TOP);
    let cursor_line = lines
        .iter()
        .position(|l| l.spans.first().is_some_and(|s| s.content == "▶ "))
        .unwrap_or(0);
    let height = body.height.saturating_sub(1) as usize;
    let scroll = cursor_line.saturating_sub(height.saturating_sub(1));
    f.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((scroll as u16, 0)),
        body,
    );
    if let Some(e) = &w.error {
        f.render_widget(
            Paragraph::new(Span::styled(e.as_str(), theme.error())).wrap(Wrap { trim: true }),
            err,
        );
    }
}

/// The choices made so far, on one line.
fn so_far<'a>(v: &WizardView, theme: &Theme) -> Line<'a> {
    let w = v.wizard;
    let mut parts = Vec::new();
    if w.step != Step::Epreuve {
        parts.extend(w.epreuve(v.r).map(|e| e.id.clone()));
    }
    if !matches!(w.step, Step::Epreuve | Step::Forme) {
        parts.extend(w.forme(v.r).map(|f| f.forme.label().to_string()));
    }
    if !matches!(w.step, Step::Epreuve | Step::Forme | Step::Situation) {
        parts.extend(w.situation(v.r).map(|s| format!("situation {}", s.id)));
    }
    if matches!(w.step, Step::Membres | Step::Recap) {
        parts.push(fmt::candidats(&w.chosen));
    }
    Line::styled(parts.join(" · "), theme.dim())
}

fn item<'a>(text: String, selected: bool, width: usize, theme: &Theme) -> Line<'a> {
    let (marker, style) = if selected {
        ("▶ ", theme.selected())
    } else {
        ("  ", theme.text())
    };
    Line::from(vec![
        Span::styled(marker, theme.key()),
        Span::styled(fmt::truncate(&text, width.saturating_sub(2)), style),
    ])
}

fn list<'a>(
    items: impl Iterator<Item = String>,
    cursor: usize,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'a>> {
    items
        .enumerate()
        .map(|(i, t)| item(format!("{} {t}", i + 1), i == cursor, width, theme))
        .collect()
}

fn field<'a>(label: &str, value: &str, focus: bool, theme: &Theme) -> Line<'a> {
    let label_style = if focus { theme.key() } else { theme.dim() };
    let caret = if focus { "▏" } else { "" };
    Line::from(vec![
        Span::styled(format!("{label:<22} "), label_style),
        Span::styled(format!("{value}{caret}"), theme.text()),
    ])
}

fn candidats<'a>(v: &WizardView, width: usize, theme: &Theme) -> Vec<Line<'a>> {
    let w = v.wizard;
    let (min, max) = w.group_size(v.r);
    let mut lines = Vec::new();
    let need = if max > 1 {
        format!("Groupe de {min} à {max} personnes candidates.")
    } else {
        "Une personne candidate.".to_string()
    };
    lines.push(Line::styled(need, theme.dim()));
    if let Some(m) = &w.manual {
        lines.push(Line::styled(
            "Saisie d’une personne candidate",
            theme.title(),
        ));
        for (i, label) in MANUAL_FIELDS.iter().enumerate() {
            lines.push(field(label, &m.fields[i], m.focus == i, theme));
        }
        lines.push(Line::styled(
            "Entrée : champ suivant, puis ajouter · Échap : annuler",
            theme.dim(),
        ));
        return lines;
    }
    if !v.imported.is_empty() {
        lines.push(field("Rechercher", &w.search, true, theme));
    }
    if !v.rejets.is_empty() {
        lines.push(Line::styled(
            format!(
                "{} ligne(s) du fichier ignorée(s) : {}",
                v.rejets.len(),
                v.rejets
                    .iter()
                    .take(3)
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(" ; ")
            ),
            theme.warning(),
        ));
    }
    for (i, row) in w.rows(v.r, v.imported).into_iter().enumerate() {
        let text = match row {
            Row::Continue => format!("✔ Continuer avec {} personne(s)", w.chosen.len()),
            Row::Chosen(k) => format!("✔ {} (Entrée : retirer)", fmt::candidat(&w.chosen[k])),
            Row::Imported(k) => {
                let c = &v.imported[k];
                format!("{}  {}", fmt::candidat(c), c.etablissement)
            }
            Row::Manual => "+ Saisir une personne candidate".to_string(),
        };
        lines.push(item(text, i == w.cursor, width, theme));
    }
    lines
}

fn membres<'a>(v: &WizardView, theme: &Theme) -> Vec<Line<'a>> {
    let w = v.wizard;
    let forme = w.forme(v.r);
    let q = v.r.epreuves.qualites.get(w.qualite);
    // The fields first, so they stay in view however long the list and the text.
    let mut lines = vec![
        field("Nom", &w.membre_nom, true, theme),
        Line::from(vec![
            Span::styled(format!("{:<22} ", "Qualité (← →)"), theme.dim()),
            Span::styled(
                q.map_or("", |q| q.libelle.as_str()).to_string(),
                theme.key(),
            ),
        ]),
        Line::styled(
            "Entrée : ajouter · Entrée sur un nom vide : continuer · \
             Retour arrière sur un nom vide : retirer le dernier",
            theme.dim(),
        ),
        Line::raw(""),
    ];
    for m in &w.membres {
        let q =
            v.r.qualite(&m.qualite)
                .map_or(m.qualite.as_str(), |q| &q.libelle);
        lines.push(Line::from(vec![
            Span::raw(format!("• {} — ", m.nom)),
            Span::styled(q.to_string(), theme.dim()),
        ]));
    }
    if let Some(f) = forme {
        for gap in commission_gaps(&f.commission, &w.membres) {
            lines.push(Line::styled(gap, theme.warning()));
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled(f.commission.texte.clone(), theme.dim()));
    }
    lines
}

fn recap<'a>(v: &WizardView, theme: &Theme) -> Vec<Line<'a>> {
    let w = v.wizard;
    let mut lines = Vec::new();
    if let (Some(e), Some(f), Some(s)) = (w.epreuve(v.r), w.forme(v.r), w.situation(v.r)) {
        lines.push(Line::raw(format!("{} — {}", e.id, e.intitule)));
        lines.push(Line::raw(format!(
            "{} · situation {} — {}",
            f.forme.label(),
            s.id,
            s.intitule
        )));
        let phases: Vec<String> = s
            .phases
            .iter()
            .map(|p| format!("{} {} min", p.id, p.duree_minutes))
            .collect();
        lines.push(Line::styled(
            if phases.is_empty() {
                "Pas de minutage : la grille s’ouvre directement.".to_string()
            } else {
                format!("Phases : {}", phases.join(" · "))
            },
            theme.dim(),
        ));
        lines.push(Line::raw(""));
        for c in &w.chosen {
            lines.push(Line::raw(format!(
                "{}  {}",
                fmt::candidat(c),
                c.etablissement
            )));
        }
        lines.extend(w.temps_majore_lines(v.r, theme));
        lines.push(Line::raw(""));
        for m in &w.membres {
            let q =
                v.r.qualite(&m.qualite)
                    .map_or(m.qualite.as_str(), |q| &q.libelle);
            lines.push(Line::raw(format!("{} — {q}", m.nom)));
        }
        for gap in commission_gaps(&f.commission, &w.membres) {
            lines.push(Line::styled(
                format!("{gap} (à compléter avant la validation)"),
                theme.warning(),
            ));
        }
        let voies = w.voie_notes(v.r, v.voies);
        if !voies.is_empty() {
            lines.push(Line::raw(""));
        }
        for (text, warn) in voies {
            lines.push(Line::styled(
                text,
                if warn { theme.warning() } else { theme.dim() },
            ));
        }
    }
    lines.push(Line::raw(""));
    let timed = w.situation(v.r).is_some_and(|s| !s.phases.is_empty());
    let mut hints = vec![
        ("Entrée", "ouvrir la séance"),
        ("Échap", "revenir"),
        ("v", "voie"),
    ];
    if timed {
        hints.push(("t", "temps majoré"));
    }
    lines.push(chrome::hints(&hints, theme));
    lines
}
