//! « Temps majoré » (aménagement d’épreuve) and timed parts, through the engine on a fake clock:
//! a majoration of a third makes a 20-minute phase due at 26:40 (countdown, thresholds, due end),
//! one above a third is refused with the rule's words and writes nothing, a group member's
//! majoration extends their own share, a part's switch is logged and measured.

use std::time::Duration;

use crate::kit::engine::*;
use proptest::prelude::*;
use sno_jury::referentiel::{FormeKind, Fraction};
use sno_jury::session::{Event, Seance, read_log};
use sno_jury::timing::{
    Urgency, clock, duree_effective, duree_majoree, duree_normale, fmt_mmss, temps_de_parole,
};

fn majore(candidat: &str, f: &str, phases: &[&str]) -> Event {
    Event::AmenagementRecorded {
        candidat: candidat.into(),
        majoration: f.parse().unwrap(),
        phases: phases.iter().map(|p| p.to_string()).collect(),
        decision: "Décision du recteur du 3 mars 2025".into(),
    }
}

fn start(p: &str) -> Event {
    Event::PhaseStarted { phase: p.into() }
}

/// An E2 ponctuel (phase A: 20 min maximum, B: 15 min) opened at `t(0)` with `opening`.
fn e2(dir: &std::path::Path, opening: Vec<Event>) -> Result<Seance, String> {
    let r = r();
    let info = info(
        &r,
        "e2-majore",
        "E2",
        FormeKind::Ponctuel,
        "unique",
        candidats(&["0421"]),
    );
    Seance::create_opening(dir, &r, info, opening, t(0), &Default::default())
        .map_err(|e| e.to_string())
}

#[test]
fn a_third_makes_a_twenty_minute_phase_due_at_26_40() {
    let (r, dir) = (r(), tempfile::tempdir().unwrap());
    let mut s = e2(dir.path(), vec![majore("0421", "1/3", &["A"])]).unwrap();
    s.record(&r, start("A"), t(60)).unwrap();
    let at = |secs: i64| clock(s.state(), t(60 + secs));
    let a = |secs: i64| at(secs).phases[0].clone();
    assert_eq!(a(0).planned, Duration::from_secs(26 * 60 + 40));
    assert_eq!(a(0).normal, Duration::from_secs(20 * 60));
    assert!(a(0).majoree());
    assert_eq!(fmt_mmss(a(20 * 60).remaining), "06:40");
    // Thresholds from the adjusted end: 5 min before 26:40 is 21:40, not 15:00.
    assert_eq!(a(21 * 60 + 39).urgency, Urgency::Calm);
    assert_eq!(a(21 * 60 + 40).urgency, Urgency::Warning);
    assert_eq!(a(25 * 60 + 40).urgency, Urgency::Alert);
    assert_eq!(a(26 * 60 + 39).urgency, Urgency::Alert);
    assert_eq!(a(26 * 60 + 40).urgency, Urgency::Overtime);
    assert_eq!(a(26 * 60 + 40).crossed, vec![5, 1, 0]);
    // Due end: the rest of A as majoré, then B (not covered) as normal.
    assert_eq!(at(0).due_end, Some(t(60 + 26 * 60 + 40 + 15 * 60)));
    // Phase B is not covered: its 15 min stand.
    assert_eq!(at(0).phases[1].planned, Duration::from_secs(15 * 60));
    // The log holds the decision as recorded.
    let log = read_log(s.path()).unwrap();
    assert!(matches!(
        &log.records[1].event,
        Event::AmenagementRecorded { majoration, .. } if majoration.to_string() == "1/3"
    ));
}

#[test]
fn half_is_refused_with_the_rule_and_nothing_is_written() {
    let (r, dir) = (r(), tempfile::tempdir().unwrap());
    // At opening: no séance at all.
    let why = e2(dir.path(), vec![majore("0421", "1/2", &["A", "B"])]).unwrap_err();
    assert!(
        why.contains("qui ne peut excéder le tiers du temps normalement prévu"),
        "{why}"
    );
    assert!(why.contains("D351-28") && why.contains("1/2"), "{why}");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    // Later: refused, the log unchanged; the lawful neighbour (a quarter) is taken.
    let mut s = e2(dir.path(), vec![]).unwrap();
    let lines = read_log(s.path()).unwrap().records.len();
    let err = s
        .record(&r, majore("0421", "34/100", &["A"]), t(5))
        .unwrap_err();
    assert!(err.to_string().contains("34/100"), "{err}");
    assert_eq!(read_log(s.path()).unwrap().records.len(), lines);
    s.record(&r, majore("0421", "1/4", &["A"]), t(6)).unwrap();
    let a = &s.state().info.phases[0];
    assert_eq!(duree_effective(s.state(), a), Duration::from_secs(25 * 60));
}

#[test]
fn unknown_phases_late_records_and_a_withdrawal() {
    let (r, dir) = (r(), tempfile::tempdir().unwrap());
    let mut s = e2(dir.path(), vec![]).unwrap();
    let err = s
        .record(&r, majore("0421", "1/3", &["Z"]), t(1))
        .unwrap_err();
    assert!(err.to_string().contains("« Z »"), "{err}");
    let err = s
        .record(&r, majore("9999", "1/3", &["A"]), t(1))
        .unwrap_err();
    assert!(err.to_string().contains("9999"), "{err}");
    s.record(&r, majore("0421", "1/3", &["A", "B"]), t(2))
        .unwrap();
    s.record(&r, start("A"), t(10)).unwrap();
    s.record(
        &r,
        Event::PhaseEndedEarly { phase: "A".into() },
        t(10 + 18 * 60),
    )
    .unwrap();
    // A is over: its time can no longer be changed.
    let err = s
        .record(&r, majore("0421", "1/4", &["A", "B"]), t(11 + 18 * 60))
        .unwrap_err();
    assert!(err.to_string().contains("déjà terminée"), "{err}");
    // Nor can it leave the aménagement: A was run against its 26:40.
    let err = s
        .record(&r, majore("0421", "1/3", &["B"]), t(12 + 18 * 60))
        .unwrap_err();
    assert!(err.to_string().contains("« A » est déjà terminée"), "{err}");
    // Before any phase ends, the aménagement may be withdrawn (0).
    let mut s2 = e2(&dir.path().join("b"), vec![majore("0421", "1/3", &["A"])]).unwrap();
    s2.record(&r, majore("0421", "0", &[]), t(3)).unwrap();
    assert!(s2.state().amenagements.is_empty());
    assert!(!clock(s2.state(), t(4)).phases[0].majoree());
}

#[test]
fn in_a_group_the_member_s_own_share_is_extended() {
    let (r, dir) = (r(), tempfile::tempdir().unwrap());
    let i = info(
        &r,
        "g",
        "E1",
        FormeKind::Ccf,
        "A",
        candidats(&["1", "2", "3"]),
    );
    let majoration = vec![majore("2", "1/3", &["expose", "entretien"])];
    let s =
        Seance::create_opening(dir.path(), &r, i, majoration, t(0), &Default::default()).unwrap();
    let expose = &s.state().info.phases[0];
    // 20 min for three: 6:40 each; member 2's share majorée d'un tiers: 8:53.33 → 8:54.
    assert_eq!(
        temps_de_parole(s.state(), expose, "2").map(|(n, a)| (n.as_secs(), a.as_secs())),
        Some((400, 534))
    );
    assert_eq!(
        duree_effective(s.state(), expose),
        Duration::from_secs(20 * 60 + 134)
    );
}

#[test]
fn the_switch_between_parts_is_logged_and_measured() {
    let (r, dir) = (r(), tempfile::tempdir().unwrap());
    let i = info(
        &r,
        "e1p",
        "E1",
        FormeKind::Ponctuel,
        "unique",
        candidats(&["7"]),
    );
    let mut s = Seance::create(dir.path(), &r, i, t(0), &Default::default()).unwrap();
    s.record(&r, start("A"), t(60)).unwrap();
    let part = |partie| Event::PartStarted {
        phase: "A".into(),
        partie,
    };
    // There is no third part, and the switch goes forward only.
    assert!(s.record(&r, part(2), t(70)).is_err());
    s.record(&r, part(1), t(60 + 14 * 60)).unwrap();
    assert!(s.record(&r, part(1), t(60 + 15 * 60)).is_err());
    let v = clock(s.state(), t(60 + 20 * 60));
    assert_eq!(v.phases[0].parts[0].elapsed, Duration::from_secs(14 * 60));
    assert_eq!(fmt_mmss(v.phases[0].parts[1].remaining), "04:00");
    let log = read_log(s.path()).unwrap();
    assert_eq!(log.records.last().unwrap().event.kind(), "part_started");
}

proptest! {
    /// Never more than a third on top, and more time never gives less.
    #[test]
    fn adjusted_duration_is_bounded_and_monotone(
        minutes in 0u64..600,
        more in 0u64..600,
        num in 0u32..50,
        den in 1u32..150,
        num2 in 0u32..50,
    ) {
        let f = Fraction { num, den };
        prop_assume!(f.at_most(Fraction::TIERS));
        let normal = Duration::from_secs(minutes * 60);
        let adjusted = duree_majoree(normal, f);
        prop_assert!(adjusted >= normal);
        // ≤ 4/3 of the normal duration, exactly (durations are whole minutes).
        prop_assert!(adjusted.as_secs() * 3 <= normal.as_secs() * 4);
        // Any whole seconds (a group member's share): at most the one second of rounding up,
        // in the candidate's favour.
        let share = Duration::from_secs(minutes * 60 / 7 + more);
        prop_assert!(duree_majoree(share, f).as_secs() * 3 <= share.as_secs() * 4 + 3);
        let longer = Duration::from_secs((minutes + more) * 60);
        prop_assert!(duree_majoree(longer, f) >= adjusted);
        let g = Fraction { num: num2, den };
        if num2 >= num {
            prop_assert!(duree_majoree(normal, g) >= adjusted);
        }
    }
}

#[test]
fn whole_minutes_majorees_by_a_third_stay_within_four_thirds_exactly() {
    for m in [1u32, 10, 15, 20, 25, 30, 120] {
        let p = sno_jury::referentiel::Phase {
            id: "x".into(),
            intitule: "x".into(),
            duree_minutes: m,
            maximum: true,
            dispose_de: false,
            sans_interruption: false,
            duree_minimum_minutes: None,
            parties: vec![],
            alertes_minutes: None,
        };
        let n = duree_normale(&p).as_secs();
        assert_eq!(
            duree_majoree(duree_normale(&p), Fraction::TIERS).as_secs(),
            n * 4 / 3
        );
    }
}
