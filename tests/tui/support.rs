//! Fixtures of the TUI tests: séance states built through the fold, fixed timestamps, rendering
//! to a string on a `TestBackend`, and driving the whole app by keys.
// The render bench uses a subset of these fixtures.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sno_jury::candidats::Import;
use sno_jury::grading::{Niveau, Points};
use sno_jury::referentiel::{FormeKind, Referentiel, load_embedded};
use sno_jury::review::Tz;
use sno_jury::session::{
    Candidat, Event, Membre, PauseReason, RunId, Seance, SeanceInfo, SeanceState, Stamp,
};
use sno_jury::timing::{ClockView, PhaseStatus, PhaseTiming, SpeakerTime, Urgency};
use sno_jury::tui::theme::Theme;
use sno_jury::tui::{App, Config};
use std::path::Path;

pub fn r() -> Referentiel {
    load_embedded().expect("embedded référentiel")
}

/// 12 June 2025, 12:00 UTC (14:00 in Paris): the start of every fixture.
pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 6, 12, 12, 0, 0).unwrap()
}

pub fn at(secs: i64) -> DateTime<Utc> {
    t0() + chrono::TimeDelta::seconds(secs)
}

/// The run of the fake clock: one run of the app, as `timing::monotonic::now` would give.
pub const RUN: RunId = RunId(0x0005_e550_0000_0001);

/// What the loop would read `secs` after `t0`: the wall clock and a monotonic reading of
/// [`RUN`] that keep in step (the monotonic origin is an hour before `t0`).
pub fn stamp(secs: i64) -> Stamp {
    stamp_ms(secs * 1000, secs * 1000)
}

/// A reading whose wall clock is `wall_ms` after `t0` and whose monotonic clock counted
/// `mono_ms` since then: they differ when the system clock stepped.
pub fn stamp_ms(wall_ms: i64, mono_ms: i64) -> Stamp {
    let mono = u64::try_from(3_600_000 + mono_ms).expect("after the origin");
    Stamp::new(t0() + chrono::TimeDelta::milliseconds(wall_ms), RUN, mono)
}

pub fn paris() -> Tz {
    Tz::Fixed(FixedOffset::east_opt(2 * 3600).unwrap())
}

pub fn cand(numero: &str, nom: &str, prenom: &str) -> Candidat {
    Candidat {
        numero: numero.into(),
        nom: nom.into(),
        prenom: prenom.into(),
        etablissement: "Lycée Victor-Hugo".into(),
    }
}

/// A séance planned as the wizard plans it (phases and alerts from the référentiel).
pub fn info(
    r: &Referentiel,
    e: &str,
    f: FormeKind,
    s: &str,
    candidats: Vec<Candidat>,
) -> SeanceInfo {
    let id = format!("2025-06-12-{e}-{}-{s}-{}", f.label(), candidats[0].numero);
    SeanceInfo::plan(r, id, e, f, s, candidats, None).expect("situation")
}

/// A séance opened at `t0` and folded through `events` (each at its time in seconds).
pub fn state(r: &Referentiel, info: SeanceInfo, events: &[(i64, Event)]) -> SeanceState {
    let mut s = SeanceState::open(r, info, t0(), &BTreeMap::new()).expect("opens");
    for (secs, e) in events {
        s.apply(r, e, at(*secs)).expect("event applies");
    }
    s
}

pub fn members() -> Vec<(i64, Event)> {
    vec![
        (
            5,
            Event::MemberAdded {
                membre: Membre {
                    nom: "Mme Lefèvre".into(),
                    qualite: "enseignant".into(),
                },
            },
        ),
        (
            6,
            Event::MemberAdded {
                membre: Membre {
                    nom: "M. Nguyen".into(),
                    qualite: "professionnel".into(),
                },
            },
        ),
    ]
}

pub fn e1_ponctuel(r: &Referentiel, more: &[(i64, Event)]) -> SeanceState {
    let mut events = members();
    events.extend_from_slice(more);
    state(
        r,
        info(
            r,
            "E1",
            FormeKind::Ponctuel,
            "unique",
            vec![cand("0123", "Durand", "Éloïse")],
        ),
        &events,
    )
}

pub fn started(phase: &str) -> Event {
    Event::PhaseStarted {
        phase: phase.into(),
    }
}

pub fn paused() -> Event {
    Event::Paused {
        reason: PauseReason::Incident,
        detail: "vidéoprojecteur".into(),
    }
}

pub fn mins(m: u64, s: u64) -> Duration {
    Duration::from_secs(m * 60 + s)
}

/// One phase's timing, consistent with its planned and elapsed durations.
pub fn timing(
    id: &str,
    planned: Duration,
    elapsed: Duration,
    status: PhaseStatus,
    urgency: Urgency,
    crossed: Vec<u32>,
) -> PhaseTiming {
    PhaseTiming {
        id: id.into(),
        intitule: id.into(),
        planned,
        normal: planned,
        elapsed,
        remaining: planned.saturating_sub(elapsed),
        overtime: elapsed.saturating_sub(planned),
        status,
        urgency,
        crossed,
        paused: Duration::ZERO,
        parts: vec![],
    }
}

pub fn not_started(id: &str, planned: Duration) -> PhaseTiming {
    timing(
        id,
        planned,
        Duration::ZERO,
        PhaseStatus::NotStarted,
        Urgency::Calm,
        vec![],
    )
}

pub fn view(
    phases: Vec<PhaseTiming>,
    current: Option<usize>,
    due_end: Option<DateTime<Utc>>,
) -> ClockView {
    let total = phases.iter().map(|p| p.elapsed).sum();
    let paused = current
        .and_then(|i| phases.get(i))
        .is_some_and(|p| p.status == PhaseStatus::Paused);
    ClockView {
        phases,
        current,
        paused,
        total_elapsed: total,
        due_end,
        speakers: vec![],
    }
}

pub fn speakers(v: &[(&str, u64)]) -> Vec<SpeakerTime> {
    let total: u64 = v.iter().map(|(_, s)| s).sum();
    v.iter()
        .map(|(n, s)| SpeakerTime {
            numero: (*n).into(),
            elapsed: Duration::from_secs(*s),
            share_permille: (s * 1000 / total.max(1)) as u32,
        })
        .collect()
}

/// A fully graded E1 grid: every criterion positioned, three notes, an appreciation.
pub fn graded(r: &Referentiel, numero: &str) -> Vec<Event> {
    let e = r.epreuve("E1").unwrap();
    let mut out = Vec::new();
    for (i, comp) in r.competences_of(e).enumerate() {
        for (k, crit) in comp.criteres.iter().enumerate() {
            out.push(Event::CriterionPositioned {
                candidat: numero.into(),
                critere: crit.id.clone(),
                niveau: Niveau::ALL[(i + k) % 4],
            });
        }
        out.push(Event::NoteSet {
            candidat: numero.into(),
            competence: comp.id.clone(),
            note: Points::from_halves(27 + i as u32 * 4),
        });
    }
    out.push(Event::AppreciationSet {
        candidat: numero.into(),
        text: "Exposé clair et structuré, réponses précises.".into(),
    });
    out
}

/// Renders with `draw` on a `width`×`height` test terminal and returns the screen as text.
pub fn render(width: u16, height: u16, draw: impl FnOnce(&mut ratatui::Frame)) -> String {
    let mut term = Terminal::new(TestBackend::new(width, height)).unwrap();
    term.draw(draw).unwrap();
    term.backend().to_string()
}

// --- driving the whole app ---

/// An app on `dir` at 100×30, plain theme, Paris time.
pub fn app_in(dir: &Path, vitesse: Option<u32>, now: DateTime<Utc>) -> App {
    let cfg = Config {
        dir: dir.to_path_buf(),
        import: Import::default(),
        vitesse,
        theme: Theme::plain(),
        tz: paris(),
        plan: Vec::new(),
    };
    let mut app = App::new(r(), cfg, now);
    app.resize(100, 30);
    app
}

/// The same with a list of candidates imported, at `t0`.
pub fn app_with(dir: &Path, import: Import) -> App {
    let cfg = Config {
        dir: dir.to_path_buf(),
        import,
        vitesse: None,
        theme: Theme::plain(),
        tz: paris(),
        plan: Vec::new(),
    };
    let mut app = App::new(r(), cfg, t0());
    app.resize(100, 30);
    app
}

pub fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// Presses keys as the terminal loop would: each key handled, then the screen drawn.
pub fn press(app: &mut App, keys: &str, now: impl Into<Stamp>) {
    let now: Stamp = now.into();
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).unwrap();
    for c in keys.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\x1b' => KeyCode::Esc,
            '→' => KeyCode::Right,
            '↓' => KeyCode::Down,
            '⇥' | '\t' => KeyCode::Tab,
            c => KeyCode::Char(c),
        };
        app.handle_key(&key(code), now);
        term.draw(|f| app.render(f)).unwrap();
    }
}

/// An app with three candidates imported (Durand, Martin, Benali) and their E1 CCF
/// situation A opened as a group of three with a commission of two, at `t0`.
pub fn app_with_group_of_three(dir: &Path) -> App {
    let import = sno_jury::candidats::parse(
        "numero;nom;prenom\n1001;Durand;Éloïse\n1002;Martin;Paul\n1003;Benali;Sofia\n".as_bytes(),
    )
    .unwrap();
    let mut app = app_with(dir, import);
    press(&mut app, "n\n11", t0());
    press(&mut app, "dur\nmar\nben\n", t0());
    press(&mut app, "↓↓↓↓", t0());
    for _ in 0..4 {
        app.update(
            sno_jury::tui::action::Action::Wizard(sno_jury::tui::wizard::WizardAction::Up),
            t0(),
        );
    }
    press(&mut app, "\nMme A\nMme B\n\n\n", t0());
    assert_eq!(app.state().expect("opened").info.candidats.len(), 3);
    app
}

/// The wizard for an E1 ponctuel with a typed-in candidate and a full commission.
pub fn open_e1_ponctuel(app: &mut App, now: impl Into<Stamp>) {
    let now: Stamp = now.into();
    press(app, "n\n2\n", now);
    press(app, "0123\nDurand\nÉloïse\nLycée Hugo\n", now);
    press(app, "Mme Lefèvre\nM. Nguyen→\n\n", now);
    assert!(
        app.message().is_none(),
        "wizard refused: {:?}",
        app.message()
    );
    press(app, "\n", now);
}

/// On the grid screen of an E1 séance (cursor on the first criterion): every criterion at S or
/// TS, notes (proposal, typed 14,5, proposal), the appreciation. Not validated.
pub fn grade_e1(app: &mut App, now: DateTime<Utc>) {
    let r = r();
    let e = r.epreuve("E1").unwrap();
    for (i, comp) in r.competences_of(e).enumerate() {
        for k in 0..comp.criteres.len() {
            press(app, if k % 2 == 0 { "3j" } else { "4j" }, now);
        }
        match i {
            1 => press(app, "14,5\n", now),
            _ => press(app, "p", now),
        }
        press(app, "j", now);
    }
    press(app, "eExposé clair ; réponses précises.\x1b", now);
}

/// An E1 ponctuel séance of `numero` opened at `when`, graded and validated, then closed.
pub fn graded_seance(r: &Referentiel, dir: &Path, numero: &str, nom: &str, when: DateTime<Utc>) {
    let mut i = info(
        r,
        "E1",
        FormeKind::Ponctuel,
        "unique",
        vec![cand(numero, nom, "Éloïse")],
    );
    i.id = format!("{}-E1-{numero}", when.format("%Y-%m-%d"));
    let mut s = Seance::create(dir, r, i, when, &Default::default()).expect("séance opens");
    let mut events: Vec<Event> = members().into_iter().map(|(_, e)| e).collect();
    events.extend(graded(r, numero));
    events.push(Event::GridValidated {
        candidat: numero.into(),
    });
    for e in events {
        s.record(r, e, when).expect("event recorded");
    }
}

/// The records of the séance open in `app`, read back from its log.
pub fn open_log_records(app: &App) -> Vec<sno_jury::session::Record> {
    let path = app
        .live()
        .expect("a séance is open")
        .seance
        .path()
        .to_path_buf();
    sno_jury::session::read_log(&path)
        .expect("log reads")
        .records
}

/// The séance open in `app` as its log replays (what a restart would show).
pub fn replayed(app: &App) -> SeanceState {
    let records = open_log_records(app);
    sno_jury::session::replay(&r(), &records, &BTreeMap::new()).expect("log replays")
}
