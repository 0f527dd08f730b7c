//! « Temps majoré » and the parts of a phase, through `App::update` with a fake clock: set on
//! the wizard's recap (or from the candidates list), recorded with the opening, shown on the
//! timer on the adjusted durations; `n` marks the switch to the next part, in the log first.

use std::collections::BTreeMap;

use crate::support::*;
use sno_jury::candidats;
use sno_jury::session;

fn screen(app: &mut sno_jury::tui::App) -> String {
    render(100, 30, |f| app.render(f))
}

#[test]
fn set_on_the_recap_it_times_the_phases_and_n_switches_parts() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), None, t0());
    press(&mut app, "n\n2\n", t0());
    press(&mut app, "0123\nDurand\nÉloïse\nLycée Hugo\n", t0());
    press(&mut app, "Mme Lefèvre\nM. Nguyen→\n\n", t0());
    press(&mut app, "t", t0());
    let recap = screen(&mut app);
    assert!(
        recap.contains("Aménagement : temps majoré d’un tiers (A 25 min → 33 min 20 s"),
        "{recap}"
    );
    // Phase B out of it (the digit of its rank), then back in.
    press(&mut app, "2", t0());
    assert!(!screen(&mut app).contains("B 15 min →"));
    press(&mut app, "2", t0());
    press(&mut app, "\n", t0());
    let s = app.state().expect("the séance is open");
    let a = &s.amenagements["0123"];
    assert_eq!(a.majoration.to_string(), "1/3");
    assert_eq!(a.phases, ["A", "B"]);
    press(&mut app, " ", at(1));
    let timer = screen(&mut app);
    assert!(timer.contains("temps restant sur 33:20"), "{timer}");
    assert!(timer.contains("temps majoré d’un tiers"), "{timer}");
    assert!(timer.contains("partie 1/2 (n : suivante)"), "{timer}");
    // The project's own maximum, majoré too: 20:00.
    app.tick(at(1 + 20 * 60));
    assert!(app.take_bell(), "the part's maximum rings");
    press(&mut app, "n", at(1 + 20 * 60 + 30));
    let s = app.state().unwrap();
    assert_eq!(s.runs[0].parts.len(), 1, "the switch is recorded");
    let log = session::read_log(app.live().unwrap().seance.path()).unwrap();
    assert_eq!(log.records.last().unwrap().event.kind(), "part_started");
    let replayed = session::replay(&r(), &log.records, &BTreeMap::new()).unwrap();
    assert_eq!(&replayed, app.state().unwrap());
    let timer = screen(&mut app);
    assert!(timer.contains("partie 2/2"), "{timer}");
    assert!(timer.contains("reste 13:20"), "{timer}");
    assert!(!timer.contains("(n : suivante)"), "no third part");
}

#[test]
fn from_the_candidates_list_above_a_third_is_refused_at_opening() {
    let dir = tempfile::tempdir().unwrap();
    let import =
        candidats::parse("numero;nom;prenom;temps majoré\n1001;Durand;Éloïse;1/2\n".as_bytes())
            .unwrap();
    let mut app = app_with(dir.path(), import);
    // E1 ponctuel, the candidate found in the list, the commission.
    press(&mut app, "n\n2\n", t0());
    press(&mut app, "dur\n", t0());
    press(&mut app, "Mme Lefèvre\nM. Nguyen→\n\n", t0());
    let recap = screen(&mut app);
    assert!(recap.contains("temps majoré de moitié"), "{recap}");
    press(&mut app, "\n", t0());
    assert!(app.state().is_none(), "refused: no séance");
    let refused = screen(&mut app);
    // The whole reason, wrapped on two lines.
    assert!(
        refused.contains("« qui ne peut excéder le tiers du"),
        "{refused}"
    );
    assert!(
        refused.contains("temps normalement prévu » (Code de l’éducation, art. D351-28)"),
        "{refused}"
    );
    assert_eq!(std::fs::read_dir(dir.path()).map_or(0, |d| d.count()), 0);
    // t: none, then a third; the séance opens with it.
    press(&mut app, "tt\n", t0());
    let s = app.state().expect("opened");
    assert_eq!(s.amenagements["1001"].majoration.to_string(), "1/3");
}

#[test]
fn in_a_group_the_member_s_adjusted_speaking_time_is_shown() {
    use sno_jury::referentiel::FormeKind;
    use sno_jury::session::Event;
    use sno_jury::timing::clock;
    use sno_jury::tui::theme::Theme;
    use sno_jury::tui::timer::{self, TimerView};

    let r = r();
    let group = vec![
        cand("1001", "Durand", "Éloïse"),
        cand("1002", "Martin", "Paul"),
    ];
    let majore = Event::AmenagementRecorded {
        candidat: "1002".into(),
        majoration: "1/3".parse().unwrap(),
        phases: vec!["expose".into(), "entretien".into()],
        decision: String::new(),
    };
    let events = [(10, majore), (60, started("expose"))];
    let s = state(&r, info(&r, "E1", FormeKind::Ccf, "A", group), &events);
    let v = clock(&s, at(120));
    // 20 min for two: 10 min each, 13:20 for Paul Martin: the exposé lasts 23:20.
    assert_eq!(v.phases[0].planned.as_secs(), 23 * 60 + 20);
    let screen = render(120, 40, |f| {
        let view = TimerView {
            state: &s,
            clock: &v,
            now: at(120),
            tz: paris(),
            muted: false,
            pause: None,
        };
        timer::render(f, f.area(), &view, &Theme::plain());
    });
    assert!(screen.contains("temps majoré : 13:20"), "{screen}");
    assert_eq!(screen.matches("temps majoré : ").count(), 1, "{screen}");
    assert!(
        screen.contains("temps majoré d’un tiers pour MARTIN Paul"),
        "{screen}"
    );
}

#[test]
fn a_passage_of_the_day_s_plan_takes_the_list_s_temps_majore() {
    use sno_jury::tui::theme::Theme;
    use sno_jury::tui::{App, Config};

    let dir = tempfile::tempdir().unwrap();
    let import = candidats::parse(
        "numero;nom;prenom;tiers temps\n0123;Durand;Éloïse;oui\n0456;Martin;Paul;\n".as_bytes(),
    )
    .unwrap();
    let cfg = Config {
        dir: dir.path().to_path_buf(),
        import,
        vitesse: None,
        theme: Theme::plain(),
        tz: paris(),
        plan: crate::day::plan(),
    };
    let mut app = App::new(r(), cfg, t0());
    app.resize(100, 30);
    // `s`: the next passage (0123, E1 ponctuel), on the recap at once.
    press(&mut app, "s", t0());
    let recap = screen(&mut app);
    assert!(
        recap.contains("Aménagement : temps majoré d’un tiers (A 25 min → 33 min 20 s"),
        "{recap}"
    );
    press(&mut app, "\n", t0());
    let s = app.state().expect("opened from the plan");
    assert_eq!(s.amenagements["0123"].majoration.to_string(), "1/3");
    assert_eq!(s.amenagements["0123"].phases, ["A", "B"]);
}
