//! The key card: every screen's keys on one printable A4 page (`sno-jury aide --imprimer`), or
//! as text (`sno-jury aide`), read from the same binding tables as the keymap, the footer and
//! the `?` help — so the card can neither list a key that does nothing nor miss one.
//!
//! A screen's tables are merged as the help merges them (folded variants left out); a key
//! written the same way in several states of a screen (Entrée at each step of the wizard) is
//! one line, with its first label.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::action::{CTRL_C, HELP_AND_QUIT, NEXT_PASSAGE, QUESTION, REMARK};
use super::dialog::{help as help_dialog, remark};
use super::keys::{Binding, help};
use super::{candidate, grid, start, timer, wizard};

/// One screen of the card: its French name and its (keys, what they do) lines.
pub type Screen = (&'static str, Vec<(&'static str, String)>);

/// The lines of `tables`, a key written twice kept once (its first label).
fn merged<A>(tables: &[&'static [Binding<A>]]) -> Vec<(&'static str, String)> {
    let mut out: Vec<(&'static str, String)> = Vec::new();
    for (written, label) in help(tables) {
        if !out.iter().any(|(w, _)| *w == written) {
            out.push((written, label.to_string()));
        }
    }
    out
}

/// Every screen of the jury app, in the order of a séance, then the keys of every screen.
pub fn screens() -> Vec<Screen> {
    let mut grille = merged(&[
        grid::LEVEL_KEYS,
        grid::NOTE_ROW_KEYS,
        grid::NOTE_ROW_CLEAR_KEYS,
        grid::GRID_KEYS,
        grid::GROUP_KEYS,
        grid::PFMP_KEYS,
    ]);
    // Offered once the séance's grids are validated and the plan has a passage to come.
    grille.extend(merged(&[NEXT_PASSAGE]));
    let mut seance = merged(&[REMARK]);
    seance.extend(merged(&[remark::KEYS]));
    let mut everywhere = merged(&[HELP_AND_QUIT, CTRL_C]);
    everywhere.extend(merged(&[QUESTION]));
    everywhere.extend(merged(&[help_dialog::KEYS]));
    vec![
        ("Accueil", merged(&[start::KEYS])),
        (
            "Accueil : la journée (planning)",
            merged(&[start::DAY_KEYS]),
        ),
        (
            "Accueil : absence d’un passage",
            merged(&[start::ABSENCE_KEYS]),
        ),
        (
            "Nouvelle séance",
            merged(&[
                wizard::LIST_KEYS,
                wizard::CANDIDATE_KEYS,
                wizard::PICKED_KEYS,
                wizard::MEMBER_KEYS,
                wizard::RECAP_KEYS,
            ]),
        ),
        (
            "Minutage",
            merged(&[
                timer::START_KEYS,
                timer::RUNNING_KEYS,
                timer::PAUSED_KEYS,
                timer::UNDO_KEYS,
                timer::GROUP_KEYS,
                timer::SCREEN_KEYS,
                timer::SOUND_ON_KEYS,
            ]),
        ),
        (
            "Pause",
            merged(&[timer::pause::REASON_KEYS, timer::pause::DETAIL_KEYS]),
        ),
        (
            "Minutage : temps majoré (t)",
            merged(&[timer::majore::KEYS]),
        ),
        ("Écran candidat", merged(&[candidate::KEYS])),
        ("Grille d’évaluation", grille),
        (
            "Grille : saisie d’une note, d’un motif, d’un membre",
            merged(&[grid::FIELD_KEYS]),
        ),
        ("Grille : appréciation", merged(&[grid::EDITOR_KEYS])),
        ("Remarque libre (minutage et grille)", seance),
        ("Partout", everywhere),
    ]
}

/// The card as text, for the terminal.
pub fn text() -> String {
    let mut out = String::from("sno-jury — les touches, écran par écran\n");
    for (title, lines) in screens() {
        out.push('\n');
        out.push_str(title);
        out.push('\n');
        for (keys, label) in lines {
            out.push_str(&format!("  {keys:<16} {label}\n"));
        }
    }
    out
}

/// The card as one A4 page of HTML, in French, to print for the jury's table.
pub fn html() -> String {
    page(&screens()).into_string()
}

fn page(screens: &[Screen]) -> Markup {
    html! {
        (DOCTYPE)
        html lang="fr" {
            head {
                meta charset="utf-8";
                title { "sno-jury — les touches" }
                style { (PreEscaped(CSS)) }
            }
            body {
                h1 { "sno-jury — les touches, écran par écran" }
                p.intro {
                    "Tout est enregistré au fil de la séance. Espace démarre une phase (jamais \
                     Entrée) ; u annule un début ou une fin de phase dans les 10 s ; r ajoute \
                     une remarque au journal ; ? affiche l’aide de l’écran."
                }
                div.ecrans {
                    @for (title, lines) in screens {
                        section.ecran {
                            h2 { (title) }
                            table {
                                @for (keys, label) in lines {
                                    tr {
                                        td.touche { kbd { (keys) } }
                                        td { (label) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// One A4 page: two columns, small type; a screen never split across columns.
const CSS: &str = "
@page { size: A4; margin: 9mm; }
* { box-sizing: border-box; }
body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 8pt; margin: 0;
       color: #000; }
h1 { font-size: 14pt; margin: 0 0 1.5mm; }
p.intro { margin: 0 0 2.5mm; }
.ecrans { column-count: 2; column-gap: 6mm; }
.ecran { break-inside: avoid; margin: 0 0 2.5mm; }
h2 { font-size: 9.4pt; margin: 0 0 0.8mm; border-bottom: 0.3mm solid #000; }
table { border-collapse: collapse; width: 100%; }
td { padding: 0.25mm 0.8mm; vertical-align: top; }
td.touche { white-space: nowrap; width: 21mm; }
kbd { font-family: 'DejaVu Sans Mono', monospace; font-weight: bold; }
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_written_twice_on_a_screen_is_one_line() {
        let s = screens();
        let timer = &s.iter().find(|(t, _)| *t == "Minutage").unwrap().1;
        let p: Vec<_> = timer.iter().filter(|(k, _)| *k == "p").collect();
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].1, "pause (avec son motif) ; p à nouveau : reprendre");
    }

    #[test]
    fn the_text_and_the_page_hold_every_line() {
        let (text, page) = (text(), html());
        assert!(page.starts_with("<!DOCTYPE html>"));
        assert!(page.contains("size: A4"));
        for (title, lines) in screens() {
            assert!(text.contains(title), "{title}");
            assert!(!lines.is_empty(), "{title} has no key");
            for (k, l) in lines {
                assert!(text.contains(&format!("  {k:<16} {l}\n")), "{k} {l}");
            }
        }
    }
}
