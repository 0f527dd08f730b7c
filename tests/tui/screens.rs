//! Snapshots of every jury screen at 80×24 and 120×40, from states built through the fold and
//! fixed clocks (so they never depend on the time the tests run), in the plain (NO_COLOR) theme.

use std::path::PathBuf;

use crate::support::*;
use sno_jury::candidats::Import;
use sno_jury::referentiel::FormeKind;
use sno_jury::session::{Event, SeanceState, Stamp};
use sno_jury::timing::{ClockView, Urgency, clock};
use sno_jury::tui::action::Action;
use sno_jury::tui::candidate::{self, SafeView};
use sno_jury::tui::start::StartAction;
use sno_jury::tui::start::{self, Overview, SeanceSummary, StartView};
use sno_jury::tui::theme::Theme;
use sno_jury::tui::timer::pause::PauseDialog;
use sno_jury::tui::timer::{self, TimerView};
use sno_jury::tui::wizard::WizardAction as W;
use sno_jury::tui::{App, Config};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn timer_at(state: &SeanceState, clock: &ClockView, now: i64, pause: Option<&PauseDialog>) {
    for (w, h) in SIZES {
        let screen = render(w, h, |f| {
            let v = TimerView {
                state,
                clock,
                now: at(now),
                tz: paris(),
                muted: false,
                pause,
            };
            timer::render(f, f.area(), &v, &Theme::plain());
        });
        insta::assert_snapshot!(format!("{}_{w}x{h}", insta_name()), screen);
    }
}

/// The snapshot name: the test's name.
fn insta_name() -> String {
    std::thread::current()
        .name()
        .unwrap_or("screen")
        .rsplit("::")
        .next()
        .unwrap_or("screen")
        .to_string()
}

/// The timer of `state` at `now` (seconds after `t0`), through the real phase clock.
fn timer_of(state: &SeanceState, now: i64) {
    timer_at(state, &clock(state, at(now)), now, None);
}

#[test]
fn timer_normal() {
    let r = r();
    let s = e1_ponctuel(&r, &[(60, started("A"))]);
    timer_of(&s, 60 + 746);
}

/// E1 ponctuel under a « temps majoré » d’un tiers, in its second part (the dossier numérique),
/// switched to after 17:30 of the project (within its 20:00 majorées).
#[test]
fn timer_second_part_temps_majore() {
    let r = r();
    let majore = Event::AmenagementRecorded {
        candidat: "0123".into(),
        majoration: "1/3".parse().unwrap(),
        phases: vec!["A".into(), "B".into()],
        decision: String::new(),
    };
    let switch = Event::PartStarted {
        phase: "A".into(),
        partie: 1,
    };
    let s = e1_ponctuel(
        &r,
        &[
            (30, majore),
            (60, started("A")),
            (60 + 17 * 60 + 30, switch),
        ],
    );
    let now = 60 + 21 * 60;
    let v = clock(&s, at(now));
    assert_eq!(v.phases[0].planned.as_secs(), 33 * 60 + 20);
    assert_eq!(v.phases[0].parts[1].remaining.as_secs(), 13 * 60 + 20 - 210);
    timer_of(&s, now);
}

#[test]
fn timer_warning() {
    let r = r();
    let s = e1_ponctuel(&r, &[(60, started("A"))]);
    let now = 60 + 21 * 60 + 30;
    assert_eq!(clock(&s, at(now)).phases[0].urgency, Urgency::Warning);
    timer_of(&s, now);
}

#[test]
fn timer_alert() {
    let r = r();
    let s = e1_ponctuel(&r, &[(60, started("A"))]);
    let now = 60 + 24 * 60 + 15;
    assert_eq!(clock(&s, at(now)).phases[0].urgency, Urgency::Alert);
    timer_of(&s, now);
}

#[test]
fn timer_overtime() {
    let r = r();
    let a_end = 60 + 22 * 60 + 10;
    let s = e1_ponctuel(
        &r,
        &[
            (60, started("A")),
            (a_end, Event::PhaseEndedEarly { phase: "A".into() }),
            (a_end + 20, started("B")),
        ],
    );
    let now = a_end + 20 + 17 * 60 + 5;
    assert_eq!(clock(&s, at(now)).phases[1].urgency, Urgency::Overtime);
    timer_of(&s, now);
}

#[test]
fn timer_paused() {
    let r = r();
    let s = e1_ponctuel(&r, &[(60, started("A")), (660, paused())]);
    assert!(clock(&s, at(900)).paused);
    timer_of(&s, 900);
}

#[test]
fn timer_pause_dialog() {
    let r = r();
    let s = e1_ponctuel(&r, &[(60, started("A"))]);
    let dialog = PauseDialog {
        at: Stamp::wall(at(700)),
        reason: 1,
        detail: "malaise".into(),
        typing: true,
    };
    timer_at(&s, &clock(&s, at(705)), 705, Some(&dialog));
}

#[test]
fn timer_group() {
    let r = r();
    let group = vec![
        cand("1001", "Durand", "Éloïse"),
        cand("1002", "Martin", "Paul"),
        cand("1003", "Benali", "Sofia"),
    ];
    let mut events = members();
    events.push((60, started("expose")));
    for (secs, who) in [(60, "1001"), (300, "1002")] {
        events.push((
            secs,
            Event::SpeakerChanged {
                candidat: Some(who.into()),
            },
        ));
    }
    let s = state(&r, info(&r, "E1", FormeKind::Ccf, "A", group), &events);
    assert_eq!(clock(&s, at(600)).speakers.len(), 3);
    timer_of(&s, 600);
}

#[test]
fn timer_in_training_mode() {
    let r = r();
    let mut i = info(
        &r,
        "E1",
        FormeKind::Ponctuel,
        "unique",
        vec![cand("0123", "Durand", "Éloïse")],
    );
    i.vitesse = Some(30);
    let s = state(&r, i, &[(60, started("A"))]);
    // 30 s of wall time at ×30: 15 min of épreuve time.
    assert_eq!(clock(&s, at(90)).phases[0].elapsed, mins(15, 0));
    timer_of(&s, 90);
}

#[test]
fn timer_before_the_first_phase() {
    let r = r();
    let s = e1_ponctuel(&r, &[]);
    timer_of(&s, 30);
}

#[test]
fn timer_all_phases_done() {
    let r = r();
    let s = e1_ponctuel(
        &r,
        &[
            (60, started("A")),
            (60 + 20 * 60, Event::PhaseEndedEarly { phase: "A".into() }),
            (60 + 21 * 60, started("B")),
            (60 + 36 * 60, Event::PhaseEnded { phase: "B".into() }),
        ],
    );
    timer_of(&s, 60 + 40 * 60);
}

#[test]
fn candidate_display() {
    let r = r();
    let mut events: Vec<(i64, Event)> = vec![(60, started("A"))];
    events.extend(graded(&r, "0123").into_iter().map(|e| (100, e)));
    let s = e1_ponctuel(&r, &events);
    let clock = clock(&s, at(60 + 746));
    for (w, h) in SIZES {
        let screen = render(w, h, |f| {
            let v = SafeView {
                phases: &s.info.phases,
                clock: &clock,
                next: s.next_phase(),
            };
            candidate::render(f, f.area(), &v, &Theme::plain());
        });
        insta::assert_snapshot!(format!("candidate_display_{w}x{h}"), screen);
    }
}

fn summary(id: &str, state: &SeanceState) -> SeanceSummary {
    SeanceSummary {
        path: PathBuf::from(format!("/sessions/{id}.jsonl")),
        id: id.into(),
        overview: Ok(Overview::of(state)),
    }
}

#[test]
fn start_screen() {
    let r = r();
    let running = e1_ponctuel(&r, &[(60, started("A"))]);
    let mut done_events: Vec<(i64, Event)> = vec![
        (60, started("A")),
        (1500, Event::PhaseEnded { phase: "A".into() }),
        (1510, started("B")),
        (2400, Event::PhaseEnded { phase: "B".into() }),
    ];
    done_events.extend(graded(&r, "0123").into_iter().map(|e| (2500, e)));
    done_events.push((
        2600,
        Event::GridValidated {
            candidat: "0123".into(),
        },
    ));
    let done = e1_ponctuel(&r, &done_events);
    let mut list = vec![
        summary("2025-06-12-E1-ponctuel-unique-0123", &done),
        summary("2025-06-12-E1-ponctuel-unique-0456", &running),
        SeanceSummary {
            path: PathBuf::from("/sessions/abime.jsonl"),
            id: "abime".into(),
            overview: Err("abime.jsonl, ligne 3 : chaîne de hachage rompue".into()),
        },
    ];
    start::sort(&mut list);
    for (w, h) in SIZES {
        let screen = render(w, h, |f| {
            let v = StartView {
                seances: &list,
                cursor: 0,
                dir: std::path::Path::new("/sessions"),
                imported: 24,
                rejected: 2,
                scan_error: None,
                dir_error: None,
                tz: paris(),
                day: None,
                names: &[],
                hide_training: false,
                absence: None,
            };
            start::render(f, f.area(), &v, &Theme::plain());
        });
        insta::assert_snapshot!(format!("start_{w}x{h}"), screen);
    }
}

/// An app on an empty sessions directory (nothing is read or written).
fn app(import: Import, vitesse: Option<u32>) -> App {
    let cfg = Config {
        dir: PathBuf::from("/nonexistent/sno-jury-tests"),
        import,
        vitesse,
        theme: Theme::plain(),
        tz: paris(),
        plan: Vec::new(),
    };
    App::new(r(), cfg, t0())
}

fn app_screens(app: &mut App, name: &str) {
    for (w, h) in SIZES {
        app.resize(w, h);
        let screen = render(w, h, |f| app.render(f));
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen);
    }
}

#[test]
fn app_start_empty_in_training_mode() {
    let mut app = app(Import::default(), Some(30));
    app_screens(&mut app, "app_start_training");
}

#[test]
fn help_overlay() {
    let mut app = app(Import::default(), None);
    app.update(Action::Help, t0());
    app_screens(&mut app, "help");
}

#[test]
fn too_small() {
    let mut app = app(Import::default(), None);
    for (w, h) in [(79, 24), (100, 20)] {
        app.resize(w, h);
        let screen = render(w, h, |f| app.render(f));
        assert!(
            screen.contains(&format!(
                "Terminal trop petit : 80×24 minimum, actuellement {w}×{h}"
            )),
            "{screen}"
        );
        insta::assert_snapshot!(format!("too_small_{w}x{h}"), screen);
    }
}

#[test]
fn wizard_candidates_from_an_import() {
    let import = sno_jury::candidats::parse(
        "numero;nom;prenom;etablissement\n0123;Durand;Éloïse;Lycée Hugo\n0456;Martin;Paul;Lycée Sand\n0789;Benali;Sofia;Lycée Hugo\nbad\n"
            .as_bytes(),
    )
    .unwrap();
    let mut app = app(import, None);
    // n, E1 (Enter), ponctuel (2), unique (Enter), search "hugo".
    app.update(Action::Start(StartAction::New), t0());
    for a in [W::Confirm, W::Char('2'), W::Confirm] {
        app.update(Action::Wizard(a), t0());
    }
    for c in "hugo".chars() {
        app.update(Action::Wizard(W::Char(c)), t0());
    }
    app_screens(&mut app, "wizard_candidates");
}

#[test]
fn wizard_commission() {
    let mut app = app(Import::default(), None);
    app.update(Action::Start(StartAction::New), t0());
    for a in [W::Confirm, W::Char('2'), W::Confirm] {
        app.update(Action::Wizard(a), t0());
    }
    let mut keys: Vec<W> = "0123".chars().map(W::Char).collect();
    keys.push(W::Confirm);
    keys.extend("Durand".chars().map(W::Char));
    keys.extend([W::Confirm, W::Confirm, W::Confirm]);
    keys.extend("Mme Lefèvre".chars().map(W::Char));
    keys.push(W::Confirm);
    keys.extend("M. Ngu".chars().map(W::Char));
    keys.push(W::Right);
    for a in keys {
        app.update(Action::Wizard(a), t0());
    }
    app_screens(&mut app, "wizard_commission");
}
