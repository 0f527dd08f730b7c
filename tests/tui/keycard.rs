//! The printed key card holds every screen's keys: the app is driven through its contexts (the
//! start, each wizard step, the timer before, during and paused with its dialog, a group, the
//! candidate display, the grid, its fields and editor, the remark, a question, the help), and
//! every key in force there, as the footer and the help write it, is on the card under that
//! screen's name or under the keys of every screen.

use sno_jury::candidats::Import;
use sno_jury::tui::App;
use sno_jury::tui::keycard;
use sno_jury::tui::keys::Shown;

use crate::support::*;

/// The card's screens whose lines count for a context of `screens`, with the shared ones.
fn card_lines(screens: &[&str]) -> Vec<(&'static str, String)> {
    keycard::screens()
        .into_iter()
        .filter(|(t, _)| {
            screens.iter().any(|s| t.starts_with(s))
                || *t == "Partout"
                || t.starts_with("Remarque libre")
        })
        .flat_map(|(_, lines)| lines)
        .collect()
}

/// Every key written in force in `app` is on the card, in one of `screens`.
fn on_card(app: &App, context: &str, screens: &[&str]) {
    let card = card_lines(screens);
    for b in app.bindings() {
        if b.shown == Shown::Folded {
            continue;
        }
        assert!(
            card.iter().any(|(k, _)| *k == b.written),
            "{context}: « {} » ({}) is not on the key card",
            b.written,
            b.label
        );
    }
}

#[test]
fn the_key_card_holds_every_key_of_every_screen() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app_with(dir.path(), Import::default());
    on_card(&a, "start", &["Accueil"]);
    press(&mut a, "n", t0());
    on_card(&a, "wizard: épreuve", &["Nouvelle séance"]);
    press(&mut a, "\n2\n", t0());
    on_card(&a, "wizard: candidate", &["Nouvelle séance"]);
    press(&mut a, "0123\nDurand\nÉloïse\nLycée Hugo\n", t0());
    on_card(&a, "wizard: commission", &["Nouvelle séance"]);
    press(&mut a, "Mme Lefèvre\nM. Nguyen→\n\n", t0());
    on_card(&a, "wizard: recap", &["Nouvelle séance"]);
    press(&mut a, "\n", t0());
    on_card(&a, "timer, before", &["Minutage"]);
    press(&mut a, " ", at(1));
    on_card(&a, "timer, running", &["Minutage"]);
    press(&mut a, "t", at(1));
    on_card(&a, "temps majoré panel", &["Minutage : temps majoré"]);
    press(&mut a, "\x1b", at(1));
    press(&mut a, "r", at(2));
    on_card(&a, "remark", &[]);
    press(&mut a, "\x1bq", at(2));
    on_card(&a, "question", &[]);
    press(&mut a, "np", at(3));
    on_card(&a, "pause dialog", &["Pause"]);
    press(&mut a, "2\n", at(4));
    on_card(&a, "timer, paused", &["Minutage"]);
    press(&mut a, "c", at(5));
    on_card(&a, "candidate display", &["Écran candidat"]);
    press(&mut a, "\x1bog", at(6));
    on_card(&a, "grid", &["Grille"]);
    press(&mut a, "jjjjj", at(6));
    on_card(&a, "grid, note row", &["Grille"]);
    press(&mut a, "n", at(6));
    on_card(&a, "grid, note field", &["Grille"]);
    press(&mut a, "\x1be", at(6));
    on_card(&a, "grid, editor", &["Grille"]);
    press(&mut a, "\x1b?", at(6));
    on_card(&a, "help", &[]);
}
