//! Tests of the French formatting: the hand-written clocks, dates and labels read exactly as
//! `format!` and chrono wrote them before.

use super::*;
use chrono::TimeZone;

#[test]
fn durations_read_like_a_stopwatch() {
    assert_eq!(clock(Duration::from_secs(190)), "3:10");
    assert_eq!(clock(Duration::from_secs(23 * 60 + 10)), "23:10");
    assert_eq!(clock(Duration::from_millis(59_999)), "0:59");
    assert_eq!(clock(Duration::from_secs(7200)), "2:00:00");
    assert_eq!(minutes(150), "2 h 30");
    assert_eq!(minutes(20), "20 min");
    assert_eq!(minutes(120), "2 h");
}

#[test]
fn hand_written_numbers_match_format() {
    for n in [
        0,
        1,
        9,
        10,
        59,
        60,
        99,
        100,
        3599,
        3600,
        86_399,
        360_000,
        u64::MAX,
    ] {
        let mut s = String::new();
        push_num(&mut s, n);
        assert_eq!(s, n.to_string());
        let d = Duration::from_secs(n.min(10_000_000));
        let secs = d.as_secs();
        let want = if secs >= 3600 {
            format!("{}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60)
        } else {
            format!("{}:{:02}", secs / 60, secs % 60)
        };
        assert_eq!(clock(d), want);
    }
    for m in [0, 5, 59, 60, 61, 90, 605] {
        let want = match (m / 60, m % 60) {
            (0, m) => format!("{m} min"),
            (h, 0) => format!("{h} h"),
            (h, m) => format!("{h} h {m:02}"),
        };
        assert_eq!(minutes(m), want);
    }
}

#[test]
fn hand_written_dates_match_chrono() {
    let paris = FixedOffset::east_opt(7200).unwrap();
    let stamps = [
        Utc.with_ymd_and_hms(2025, 5, 14, 9, 5, 7).unwrap(),
        Utc.with_ymd_and_hms(2025, 12, 31, 23, 59, 59).unwrap(),
        Utc.with_ymd_and_hms(987, 1, 2, 3, 4, 5).unwrap(),
        Utc.with_ymd_and_hms(0, 1, 1, 0, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(-44, 3, 15, 12, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(12_345, 6, 7, 8, 9, 10).unwrap(),
    ];
    for tz in [Tz::Utc, Tz::Fixed(paris), Tz::Local] {
        for ts in stamps {
            assert_eq!(tz.date(ts), tz.format(ts, "%d/%m/%Y"), "{ts}");
            assert_eq!(tz.time(ts), tz.format(ts, "%H:%M:%S"), "{ts}");
            assert_eq!(tz.datetime(ts), tz.format(ts, "%d/%m/%Y %H:%M"), "{ts}");
        }
    }
}

#[test]
fn phase_labels_read_as_before() {
    let r = crate::referentiel::load_embedded().unwrap();
    let mut phases: Vec<Phase> = r
        .epreuves
        .epreuves
        .iter()
        .flat_map(|e| &e.formes)
        .flat_map(|f| &f.situations)
        .flat_map(|s| s.phases.iter().cloned())
        .collect();
    assert!(!phases.is_empty());
    let mut range = phases[0].clone();
    range.duree_minimum_minutes = Some(15);
    range.maximum = true;
    phases.push(range);
    let mut long = phases[0].clone();
    long.id = "preparation".into();
    long.duree_minutes = 125;
    long.maximum = false;
    phases.push(long);
    for p in &phases {
        let duree = match (p.maximum, p.duree_minimum_minutes) {
            (_, Some(min)) => format!("{} à {}", min, minutes(p.duree_minutes)),
            (true, None) => format!("{} maximum", minutes(p.duree_minutes)),
            (false, None) => minutes(p.duree_minutes),
        };
        let want = match p.lettre() {
            Some(l) => format!("Phase {l} ({}, {duree})", p.intitule),
            None => format!("{} ({duree})", p.intitule),
        };
        assert_eq!(phase_duree(p), duree);
        assert_eq!(phase_label(p), want);
    }
}

#[test]
fn small_numbers_in_french() {
    assert_eq!(seconds_ms(-3_240), "3,2 s");
    assert_eq!(seconds_ms(5_000), "5,0 s");
    assert_eq!(permille(333), "33,3 %");
}

#[test]
fn utc_display_is_stable() {
    let ts = Utc.with_ymd_and_hms(2025, 5, 14, 9, 5, 0).unwrap();
    assert_eq!(Tz::Utc.date(ts), "14/05/2025");
    assert_eq!(Tz::Utc.date_iso(ts), "2025-05-14");
    assert_eq!(Tz::Utc.datetime(ts), "14/05/2025 09:05");
    assert_eq!(Tz::Utc.time(ts), "09:05:00");
}
