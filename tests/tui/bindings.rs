//! The binding tables, walked through every context of the jury app as a jury reaches it (start,
//! each wizard step, the timer before, during and paused, its pause dialog, a group séance, the
//! candidate display, the grid and its fields, the help, a question, a terminal too small):
//! every key bound does what its table says (no key bound twice, none shadowed), every binding
//! has its keys written and a French label, and every action of every screen has a key. The help
//! of each context is snapshotted.

use std::collections::BTreeSet;
use std::path::Path;

use crossterm::event::KeyCode;
use sno_jury::candidats::Import;
use sno_jury::tui::App;
use sno_jury::tui::action::Action;
use sno_jury::tui::candidate::CandidateAction;
use sno_jury::tui::dialog::help::HelpAction;
use sno_jury::tui::dialog::remark::RemarkAction;
use sno_jury::tui::grid::GridAction;
use sno_jury::tui::keys::Shown;
use sno_jury::tui::start::StartAction;
use sno_jury::tui::timer::TimerAction;
use sno_jury::tui::timer::pause::PauseAction;
use sno_jury::tui::wizard::WizardAction;

use crate::support::*;

/// The kind of an action, its data left out: `Timer(Speaker`, `Wizard(Char`, `Quit`.
fn kind(a: &Action) -> String {
    let s = format!("{a:?}");
    s.split('(')
        .take(2)
        .collect::<Vec<_>>()
        .join("(")
        .trim_end_matches(')')
        .to_string()
}

/// Checks the bindings in force in `app` and adds their actions to `seen`.
fn walk(app: &App, context: &str, seen: &mut BTreeSet<String>) {
    let bound = app.bindings();
    assert!(!bound.is_empty(), "{context}: no key at all");
    let mut keys = Vec::new();
    let mut labelled = false;
    for b in &bound {
        match b.shown {
            Shown::Folded => assert!(labelled, "{context}: a folded binding comes first"),
            _ => {
                assert!(
                    !b.written.is_empty() && !b.label.is_empty(),
                    "{context}: {:?} has no keys written or no label",
                    b.keys
                );
                labelled = true;
            }
        }
        for (key, action) in &b.keys {
            let k = (key.code, key.modifiers);
            assert!(!keys.contains(&k), "{context}: {k:?} is bound twice");
            keys.push(k);
            assert_eq!(
                app.keymap(key).as_ref(),
                Some(action),
                "{context}: {k:?} ({}) does not do what its table says",
                b.label
            );
            seen.insert(kind(action));
        }
    }
}

fn app(dir: &Path, import: Import) -> App {
    app_with(dir, import)
}

fn three_candidates() -> Import {
    sno_jury::candidats::parse(
        "numero;nom;prenom\n1001;Durand;Éloïse\n1002;Martin;Paul\n1003;Benali;Sofia\n".as_bytes(),
    )
    .unwrap()
}

/// The help of the current context, at 100×30, snapshotted; then closed.
fn help(app: &mut App, name: &str) {
    press(app, "?", t0());
    let screen = render(100, 30, |f| app.render(f));
    insta::assert_snapshot!(format!("help_{name}"), screen);
    press(app, "\x1b", t0());
}

#[test]
fn every_context_binds_each_key_once_and_every_action_has_a_key() {
    let mut seen = BTreeSet::new();
    let dir = tempfile::tempdir().unwrap();

    // An E1 ponctuel, typed in, through every step of the wizard.
    let mut a = app(dir.path(), Import::default());
    walk(&a, "start", &mut seen);
    press(&mut a, "n", t0());
    walk(&a, "wizard: épreuve", &mut seen);
    help(&mut a, "wizard");
    press(&mut a, "\n2\n", t0());
    walk(&a, "wizard: candidate typed in", &mut seen);
    press(&mut a, "0123\nDurand\nÉloïse\nLycée Hugo\n", t0());
    walk(&a, "wizard: commission", &mut seen);
    press(&mut a, "Mme Lefèvre\nM. Nguyen→\n\n", t0());
    walk(&a, "wizard: recap", &mut seen);
    press(&mut a, "\n", t0());
    walk(&a, "timer, before phase A", &mut seen);
    press(&mut a, " ", at(1));
    walk(&a, "timer, phase A running", &mut seen);
    help(&mut a, "timer");
    press(&mut a, "t", at(1));
    walk(&a, "temps majoré panel", &mut seen);
    help(&mut a, "temps_majore");
    press(&mut a, "\x1b", at(1));
    press(&mut a, "r", at(2));
    walk(&a, "remark", &mut seen);
    press(&mut a, "Vidéoprojecteur en panne", at(2));
    insta::assert_snapshot!("remark_dialog_80x24", render(80, 24, |f| a.render(f)));
    press(&mut a, "\x1b", at(2));
    press(&mut a, "q", at(2));
    walk(&a, "question", &mut seen);
    press(&mut a, "n", at(2));
    press(&mut a, "p", at(3));
    walk(&a, "pause dialog: reason", &mut seen);
    help(&mut a, "pause");
    press(&mut a, "2", at(4));
    walk(&a, "pause dialog: detail", &mut seen);
    press(&mut a, "\n", at(5));
    walk(&a, "timer, paused", &mut seen);
    press(&mut a, "m", at(6));
    walk(&a, "timer, sound off", &mut seen);
    press(&mut a, "c", at(7));
    walk(&a, "candidate display", &mut seen);
    press(&mut a, "\x1bo", at(8));
    press(&mut a, "g", at(9));
    walk(&a, "grid, on a criterion", &mut seen);
    help(&mut a, "grid");
    press(&mut a, "jjjjj", at(9));
    walk(&a, "grid, on a note row", &mut seen);
    press(&mut a, "n", at(9));
    walk(&a, "grid, note field", &mut seen);
    press(&mut a, "\x1be", at(9));
    walk(&a, "grid, appreciation editor", &mut seen);
    press(&mut a, "\x1bl", at(9));
    walk(&a, "grid, legend", &mut seen);
    press(&mut a, "x", at(9));
    press(&mut a, "m", at(9));
    walk(&a, "grid, commission panel", &mut seen);
    press(&mut a, "\x1b", at(9));
    press(&mut a, "?", at(9));
    walk(&a, "help", &mut seen);
    press(&mut a, "\x1b", at(9));
    a.resize(40, 10);
    walk(&a, "terminal too small", &mut seen);

    // A group of three, picked from an import.
    let dir = tempfile::tempdir().unwrap();
    let mut g = app(dir.path(), three_candidates());
    press(&mut g, "n\n11", t0());
    walk(&g, "wizard: candidates searched", &mut seen);
    press(&mut g, "dur\nmar\nben\n", t0());
    press(&mut g, "↓↓↓↓", t0());
    for _ in 0..4 {
        g.update(Action::Wizard(WizardAction::Up), t0());
    }
    press(&mut g, "\n", t0());
    press(&mut g, "Mme A\nMme B\n\n\n", t0());
    press(&mut g, " ", at(1));
    walk(&g, "timer, group séance", &mut seen);
    press(&mut g, "g", at(2));
    walk(&g, "grid, group séance", &mut seen);

    // A group typed in: once one is picked, the list of those chosen.
    let dir = tempfile::tempdir().unwrap();
    let mut t = app(dir.path(), Import::default());
    press(&mut t, "n\n11", t0());
    press(&mut t, "1001\nDurand\n\n\n", t0());
    walk(&t, "wizard: candidates chosen", &mut seen);

    // E2 in CCF: no timer, PFMP on the grid.
    let dir = tempfile::tempdir().unwrap();
    let mut e2 = app(dir.path(), Import::default());
    press(&mut e2, "n2\n1", t0());
    press(&mut e2, "0123\nDurand\n\n\n", t0());
    press(&mut e2, "Mme A\nMme B\n\n\n", t0());
    walk(&e2, "grid, E2 with PFMP", &mut seen);

    // A plan of the day: the day's keys, the question after `a`, then `s` offered on the grid
    // of a séance whose grids are all validated.
    let dir = tempfile::tempdir().unwrap();
    let mut d = crate::day::app_day(dir.path(), None, t0());
    walk(&d, "start, the day", &mut seen);
    help(&mut d, "start_day");
    press(&mut d, "a", t0());
    walk(&d, "start, absent: justified or not", &mut seen);
    press(&mut d, "\x1b", t0());
    press(&mut d, "a1", t0());
    press(&mut d, "k\ng", at(1));
    press(&mut d, "j", at(2));
    walk(&d, "grid, validated, next passage offered", &mut seen);

    let mut every: Vec<Action> = vec![Action::Quit, Action::AskQuit, Action::Help];
    every.push(Action::NextPassage);
    every.extend([Action::Answer(true), Action::Answer(false)]);
    every.extend(HelpAction::all().into_iter().map(Action::InHelp));
    every.push(Action::Remark);
    every.extend(RemarkAction::all().into_iter().map(Action::InRemark));
    every.extend(StartAction::all().into_iter().map(Action::Start));
    every.extend(WizardAction::all().into_iter().map(Action::Wizard));
    every.extend(TimerAction::all().into_iter().map(Action::Timer));
    every.extend(PauseAction::all().into_iter().map(Action::Pause));
    every.extend(CandidateAction::all().into_iter().map(Action::Candidate));
    every.extend(GridAction::all().into_iter().map(Action::Grid));
    let missing: Vec<String> = every
        .iter()
        .map(kind)
        .filter(|k| !seen.contains(k))
        .collect();
    assert!(missing.is_empty(), "actions without a key: {missing:?}");
}

#[test]
fn the_footer_and_the_help_list_the_same_keys_as_the_keymap() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(dir.path(), Import::default());
    open_e1_ponctuel(&mut a, t0());
    press(&mut a, " ", at(1));
    let footer = a.footer_keys();
    assert_eq!(
        footer.iter().map(|(k, _)| *k).collect::<Vec<_>>(),
        ["f", "p", "n", "u", "c", "g", "m", "?", "q", "r"]
    );
    // Each key the footer writes is one the keymap takes.
    for (written, _) in footer {
        let c = written.chars().next().unwrap();
        let key = crossterm::event::KeyEvent::from(KeyCode::Char(c));
        assert!(a.keymap(&key).is_some(), "{written}");
    }
}
