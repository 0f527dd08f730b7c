//! The hand-written `Deserialize` of events: every variant reads back what it writes, whatever
//! the place of `type` in the map, and both paths refuse the same things.

use std::collections::BTreeSet;

use proptest::prelude::*;
use serde_json::Value;

use chrono::{DateTime, FixedOffset, Utc};
use serde::de::value::{Error as ValueError, StrDeserializer};

use super::deserialize_ts;
use crate::grading::{Niveau, Points};
use crate::referentiel::{Fraction, Voie};
use crate::session::event::EVENT_TAGS;
use crate::session::{ClockAnomalyKind, Event, Membre, PauseReason, Record};

const SEANCE: &str = r#"{"id":"2025-06-01-E1-ponctuel-unique-000000","epreuve":"E1",
  "forme":"ponctuel","situation":"unique","candidats":[{"numero":"00000000",
  "nom":"Nom00000000","prenom":"Camille","etablissement":"Lycée Jean Moulin"}],
  "phases":[{"id":"A","intitule":"Exposé oral","duree_minutes":25,"maximum":true,
  "sans_interruption":true,"parties":[{"intitule":"Projet","duree_minutes":15,
  "maximum":true}]}],"alertes_par_defaut_minutes":[5,1],"vitesse":3}"#;

/// One event of each variant, optional fields filled (so that they are read back too).
fn samples() -> Vec<Event> {
    let who = || "001".to_string();
    let membre = || Membre {
        nom: "Durand \"le grand\"".into(),
        qualite: "enseignant".into(),
    };
    let positioned = Event::CriterionPositioned {
        candidat: who(),
        critere: "C1.2".into(),
        niveau: Niveau::TresSatisfaisant,
    };
    vec![
        Event::SeanceOpened {
            seance: serde_json::from_str(SEANCE).unwrap(),
        },
        Event::PhaseStarted { phase: "A".into() },
        Event::PhaseEndedEarly { phase: "A".into() },
        Event::PhaseEnded { phase: "B".into() },
        Event::PhaseStartUndone { seq: 7 },
        Event::PhaseEndUndone { seq: 9 },
        Event::Paused {
            reason: PauseReason::Candidat,
            detail: "malaise".into(),
        },
        Event::Resumed,
        Event::SpeakerChanged { candidat: None },
        positioned.clone(),
        Event::CriterionCleared {
            candidat: who(),
            critere: "C1.2".into(),
        },
        Event::NoteSet {
            candidat: who(),
            competence: "C1".into(),
            note: Points(25),
        },
        Event::Remark {
            text: "ligne\nsuivante, « guillemets »".into(),
        },
        Event::AppreciationSet {
            candidat: who(),
            text: "Bien.".into(),
        },
        Event::MemberAdded { membre: membre() },
        Event::CandidateAbsent {
            candidat: who(),
            justified: true,
        },
        Event::AbsenceWithdrawn { candidat: who() },
        Event::CandidateExempted { candidat: who() },
        Event::PfmpRecorded {
            candidat: who(),
            weeks: 8,
            positionne: true,
            voie: Some(Voie::Apprentissage),
        },
        Event::CriterionNotObserved {
            candidat: who(),
            critere: "C2.1".into(),
        },
        Event::MemberRemoved { membre: membre() },
        Event::VoieRecorded {
            candidat: who(),
            voie: Voie::Scolaire,
        },
        Event::PartStarted {
            phase: "A".into(),
            partie: 1,
        },
        Event::AmenagementRecorded {
            candidat: who(),
            majoration: Fraction::TIERS,
            phases: vec!["A".into(), "B".into()],
            decision: "MDPH 2025-12".into(),
        },
        Event::GridValidated { candidat: who() },
        Event::Amendment {
            reason: "erreur de saisie".into(),
            change: Box::new(positioned),
        },
        Event::ClockAnomaly {
            kind: ClockAnomalyKind::Backwards,
            delta_ms: -3_600_000,
        },
    ]
}

/// The event as written, its entries in the given order (`order[i]` is the index of the
/// entry written i-th), nested events left as serialized.
fn reordered(e: &Event, order: &[usize]) -> String {
    let written = serde_json::to_string(e).unwrap();
    let Value::Object(map) = serde_json::from_str::<Value>(&written).unwrap() else {
        panic!("an event is written as an object: {written}");
    };
    let entries: Vec<String> = map
        .iter()
        .map(|(k, v)| format!("{}:{v}", Value::String(k.clone())))
        .collect();
    let body: Vec<&str> = order.iter().map(|&i| entries[i].as_str()).collect();
    format!("{{{}}}", body.join(","))
}

/// `type` moved from first to last: the slow path.
fn type_last(written: &str) -> String {
    let v: Value = serde_json::from_str(written).unwrap();
    let tag = format!(r#""type":{}"#, v["type"]);
    let rest = written
        .strip_prefix(&format!("{{{tag}"))
        .expect("type is written first")
        .trim_start_matches(',');
    let rest = rest.strip_suffix('}').unwrap();
    if rest.is_empty() {
        format!("{{{tag}}}")
    } else {
        format!("{{{rest},{tag}}}")
    }
}

fn error(json: &str) -> String {
    serde_json::from_str::<Event>(json).unwrap_err().to_string()
}

#[test]
fn the_samples_cover_every_variant_and_the_tag_is_written_first() {
    let kinds: BTreeSet<&str> = samples().iter().map(Event::kind).collect();
    let tags: BTreeSet<&str> = EVENT_TAGS.iter().copied().collect();
    assert_eq!(kinds, tags);
    assert_eq!(samples().len(), EVENT_TAGS.len());
    for e in samples() {
        let written = serde_json::to_string(&e).unwrap();
        let head = format!(r#"{{"type":"{}""#, e.kind());
        assert!(written.starts_with(&head), "{written}");
    }
}

#[test]
fn every_variant_reads_back_with_type_first_last_or_anywhere() {
    for e in samples() {
        let written = serde_json::to_string(&e).unwrap();
        assert_eq!(
            serde_json::from_str::<Event>(&written).unwrap(),
            e,
            "{written}"
        );
        let last = type_last(&written);
        assert_eq!(serde_json::from_str::<Event>(&last).unwrap(), e, "{last}");
        // From a JSON value the keys come sorted: `type` first, last or in between.
        let value = serde_json::to_value(&e).unwrap();
        assert_eq!(serde_json::from_value::<Event>(value).unwrap(), e);
    }
}

#[test]
fn a_nested_amendment_reads_with_its_tags_anywhere() {
    let inner = r#"{"candidat":"001","type":"grid_validated"}"#;
    let json = format!(r#"{{"change":{inner},"reason":"r","type":"amendment"}}"#);
    let expected = Event::Amendment {
        reason: "r".into(),
        change: Box::new(Event::GridValidated {
            candidat: "001".into(),
        }),
    };
    assert_eq!(serde_json::from_str::<Event>(&json).unwrap(), expected);
    let json = format!(r#"{{"type":"amendment","reason":"r","change":{inner}}}"#);
    assert_eq!(serde_json::from_str::<Event>(&json).unwrap(), expected);
}

#[test]
fn an_unknown_field_is_refused_on_both_paths() {
    for e in samples() {
        let written = serde_json::to_string(&e).unwrap();
        let tag = format!(r#""type":"{}""#, e.kind());
        // `fast` reads `{"type":…,"zz":1,…}`; `slow` has `type` last.
        let fast = written.replacen(&tag, &format!(r#"{tag},"zz":1"#), 1);
        let slow = type_last(&fast);
        for json in [&fast, &slow] {
            let msg = error(json);
            assert!(msg.contains("unknown field `zz`"), "{json}: {msg}");
        }
    }
    // A unit variant takes no field at all.
    for json in [r#"{"type":"resumed","x":1}"#, r#"{"x":1,"type":"resumed"}"#] {
        assert!(error(json).contains("unknown field `x`"), "{json}");
    }
}

#[test]
fn a_missing_unknown_or_repeated_type_is_refused() {
    for json in [
        r#"{"type":"nope","text":"a"}"#,
        r#"{"text":"a","type":"nope"}"#,
    ] {
        let msg = error(json);
        assert!(
            msg.contains("unknown variant `nope`, expected one of `seance_opened`"),
            "{msg}"
        );
    }
    for json in ["{}", r#"{"text":"a"}"#] {
        assert!(error(json).contains("missing field `type`"), "{json}");
    }
    let twice = r#"{"text":"a","type":"remark","type":"remark"}"#;
    assert!(error(twice).contains("duplicate field `type`"));
    // On the fast path a second `type` is one more field than the variant has.
    let twice = r#"{"type":"remark","type":"remark","text":"a"}"#;
    assert!(error(twice).contains("unknown field `type`"));
    assert!(error("5").contains("expected internally tagged enum Event"));
}

#[test]
fn a_repeated_or_missing_field_is_refused_on_both_paths() {
    for json in [
        r#"{"type":"remark","text":"a","text":"b"}"#,
        r#"{"text":"a","text":"b","type":"remark"}"#,
    ] {
        assert!(error(json).contains("duplicate field `text`"), "{json}");
    }
    for json in [r#"{"type":"remark"}"#, r#"{"detail":"x","type":"paused"}"#] {
        assert!(error(json).contains("missing field"), "{json}");
    }
    // Defaults apply on both paths.
    let paused = Event::Paused {
        reason: PauseReason::Autre,
        detail: String::new(),
    };
    for json in [
        r#"{"type":"paused","reason":"autre"}"#,
        r#"{"reason":"autre","type":"paused"}"#,
    ] {
        assert_eq!(serde_json::from_str::<Event>(json).unwrap(), paused);
    }
    // A missing `Option` is `None` on both paths, as serde's derive makes it.
    let nobody = Event::SpeakerChanged { candidat: None };
    for json in [
        r#"{"type":"speaker_changed"}"#,
        r#"{"type":"speaker_changed","candidat":null}"#,
        r#"{"candidat":null,"type":"speaker_changed"}"#,
    ] {
        assert_eq!(serde_json::from_str::<Event>(json).unwrap(), nobody);
    }
}

#[test]
fn the_sequence_form_serde_accepts_is_still_read() {
    let remark = Event::Remark { text: "a".into() };
    assert_eq!(
        serde_json::from_str::<Event>(r#"["remark","a"]"#).unwrap(),
        remark
    );
    assert_eq!(
        serde_json::from_str::<Event>(r#"["resumed"]"#).unwrap(),
        Event::Resumed
    );
    assert!(error(r#"["remark","a","b"]"#).contains("invalid length"));
    assert!(error("[]").contains("invalid length 0"));
}

#[test]
fn an_error_inside_a_record_names_its_column() {
    let line = r#"{"seq":1,"ts":"2025-06-10T08:00:00Z","prev":"x","event":{"type":"remark","text":"a","zz":1}}"#;
    let msg = serde_json::from_str::<Record>(line)
        .unwrap_err()
        .to_string();
    assert!(
        msg.contains("unknown field `zz`") && msg.contains("column"),
        "{msg}"
    );
}

/// What chrono makes of a `ts`: its `Deserialize` for `DateTime<Utc>` parses an RFC 3339
/// `DateTime<FixedOffset>` and converts it.
fn chrono_ts(s: &str) -> Option<DateTime<Utc>> {
    s.parse::<DateTime<FixedOffset>>()
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

fn our_ts(s: &str) -> Result<DateTime<Utc>, String> {
    deserialize_ts(StrDeserializer::<ValueError>::new(s)).map_err(|e| e.to_string())
}

#[test]
fn a_timestamp_reads_as_chrono_reads_it_errors_included() {
    for s in [
        "2025-06-10T08:00:19Z",
        "2025-06-10T08:00:19.5Z",
        "2025-06-10T08:00:19.123456789Z",
        "2025-06-10T08:00:19.1234567891Z",
        "2025-06-10T10:00:19+02:00",
        "2025-06-10 08:00:19Z",
        "2025-06-10t08:00:19z",
        "2016-12-31T23:59:60Z",
        "2025-02-29T08:00:19Z",
        "2025-06-10T24:00:00Z",
        "2025-06-10T08:00:19.Z",
        "2025-06-10T08:00:19",
        "",
    ] {
        let chrono = serde_json::from_value::<DateTime<Utc>>(Value::String(s.into()));
        let ours = our_ts(s);
        match chrono {
            Ok(t) => assert_eq!(ours, Ok(t), "{s}"),
            Err(e) => assert_eq!(ours, Err(e.to_string()), "{s}"),
        }
    }
    assert_eq!(
        super::parse_utc_z("2025-06-10T08:00:19.25Z"),
        chrono_ts("2025-06-10T08:00:19.25Z")
    );
    let wrong_type = r#"{"seq":1,"ts":5,"prev":"x","event":{"type":"resumed"}}"#;
    let msg = serde_json::from_str::<Record>(wrong_type)
        .unwrap_err()
        .to_string();
    assert!(
        msg.contains("expected an RFC 3339 formatted date and time string"),
        "{msg}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// The shortcut never differs from chrono: on the written form and around it (out of range
    /// fields, leap seconds, fractions of 0 to 10 digits, an offset instead of `Z`).
    #[test]
    fn the_timestamp_shortcut_agrees_with_chrono(
        date in (0u32..=9999, 0u32..=13, 0u32..=32),
        time in (0u32..=24, 0u32..=60, 0u32..=61),
        fraction in proptest::option::of("[0-9]{0,10}"),
        zone in prop_oneof![4 => Just("Z"), 1 => Just("+01:30"), 1 => Just("z")],
    ) {
        let (y, mo, d) = date;
        let (h, mi, s) = time;
        let fraction = fraction.map(|f| format!(".{f}")).unwrap_or_default();
        let text = format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}{fraction}{zone}");
        let expected = chrono_ts(&text);
        prop_assert_eq!(our_ts(&text).ok(), expected, "{}", &text);
        if let Some(fast) = super::parse_utc_z(&text) {
            prop_assert_eq!(Some(fast), expected, "{}", &text);
        }
    }

    /// Any order of an event's entries reads back as the same event.
    #[test]
    fn any_order_of_the_entries_reads_the_same(
        (i, order) in (0..samples().len()).prop_flat_map(|i| {
            let n = serde_json::to_value(&samples()[i]).unwrap().as_object().unwrap().len();
            (Just(i), Just((0..n).collect::<Vec<_>>()).prop_shuffle())
        })
    ) {
        let e = &samples()[i];
        let json = reordered(e, &order);
        prop_assert_eq!(&serde_json::from_str::<Event>(&json).unwrap(), e, "{}", json);
    }
}
