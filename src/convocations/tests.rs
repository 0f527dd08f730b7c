//! The plan of the day read from what a spreadsheet saves.

use super::*;
use crate::referentiel::load_embedded;

#[test]
fn a_day_in_any_column_order_with_a_group_and_a_commission() {
    let r = load_embedded().unwrap();
    let csv = "\u{feff}Heure;Date;Épreuve;Forme;Situation;N° d'inscription;Salle;Commission\r\n\
               10h30;02/06/2025;e2;ponctuel;;0421;B12;Mme Durand (enseignant) / M. Roy (enseignant)\r\n\
               8:00;02/06/2025;E1;CCF;A;0421 + 0422;B12;\r\n";
    let c = parse(&r, csv.as_bytes()).unwrap();
    assert_eq!(c.rejets, vec![]);
    assert_eq!(c.passages.len(), 2);
    let first = &c.passages[0];
    assert_eq!(first.debut.to_string(), "2025-06-02 08:00:00", "time order");
    assert_eq!(
        (
            first.epreuve.as_str(),
            first.forme,
            first.situation.as_str()
        ),
        ("E1", FormeKind::Ccf, "A")
    );
    assert_eq!(first.numeros, ["0421", "0422"]);
    assert_eq!(first.ligne, 3);
    let e2 = &c.passages[1];
    assert_eq!(e2.situation, "unique", "a single-situation form needs none");
    assert_eq!(e2.salle, "B12");
    assert_eq!(
        e2.commission,
        [
            MembrePrevu {
                nom: "Mme Durand".into(),
                qualite: Some("enseignant".into())
            },
            MembrePrevu {
                nom: "M. Roy".into(),
                qualite: Some("enseignant".into())
            }
        ]
    );
}

#[test]
fn bad_lines_are_named_with_their_line_the_others_kept() {
    let r = load_embedded().unwrap();
    let csv = "date,heure,epreuve,forme,situation,numero\n\
               02/06/2025,8:00,E9,CCF,A,1\n\
               31/02/2025,8:00,E2,ponctuel,,2\n\
               02/06/2025,25h,E2,ponctuel,,3\n\
               02/06/2025,9:00,E1,CCF,C,4 5\n\
               02/06/2025,9:00,E1,CCF,A,6\n\
               2025-06-02,9h,E3,ponctuelle,,7\n";
    let c = parse(&r, csv.as_bytes()).unwrap();
    let lines: Vec<u64> = c.rejets.iter().map(|x| x.ligne).collect();
    assert_eq!(lines, [2, 3, 4, 5, 6]);
    assert!(c.rejets[0].message.contains("épreuve inconnue"));
    assert!(c.rejets[1].message.contains("date illisible"));
    assert!(c.rejets[2].message.contains("heure illisible"));
    assert!(c.rejets[3].message.contains("situation « C » inconnue"));
    assert!(c.rejets[4].message.contains("2 à 4"), "a group of one");
    assert_eq!(c.passages.len(), 1);
    assert_eq!(c.passages[0].numeros, ["7"]);
}

#[test]
fn a_header_without_the_required_columns_is_refused() {
    let r = load_embedded().unwrap();
    let err = parse(&r, b"date;numero\n02/06/2025;1\n").unwrap_err();
    assert!(
        err.contains("« heure »") && err.contains("« épreuve »"),
        "{err}"
    );
}

mod day {
    use chrono::{DateTime, TimeZone, Utc};

    use super::super::*;
    use crate::referentiel::load_embedded;
    use crate::session::{Candidat, Event, Membre, SeanceInfo, SeanceState};

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 6, 2, h, m, 0).unwrap()
    }

    fn plan(r: &Referentiel) -> Convocations {
        let csv = "date;heure;epreuve;forme;numero\n\
                   02/06/2025;8:00;E2;ponctuel;1\n\
                   02/06/2025;8:40;E2;ponctuel;2\n\
                   02/06/2025;9:20;E2;ponctuel;3\n";
        parse(r, csv.as_bytes()).unwrap()
    }

    fn seance(r: &Referentiel, n: &str, opened: DateTime<Utc>) -> SeanceState {
        let c = Candidat {
            numero: n.into(),
            nom: "N".into(),
            prenom: "P".into(),
            etablissement: "L".into(),
        };
        let info = SeanceInfo::plan(
            r,
            format!("s{n}"),
            "E2",
            FormeKind::Ponctuel,
            "unique",
            vec![c],
            None,
        )
        .unwrap();
        SeanceState::open(r, info, opened, &Default::default()).unwrap()
    }

    fn ev(r: &Referentiel, s: &mut SeanceState, e: Event, t: DateTime<Utc>) {
        s.apply(r, &e, t).unwrap();
    }

    #[test]
    fn states_next_and_offset_through_the_day() {
        let r = load_embedded().unwrap();
        let c = plan(&r);
        let utc = crate::review::Tz::Utc;
        // Before anything: on time at 7:55, 5 min late at 8:05.
        let d = journee(&c.passages, &[], utc, at(7, 55));
        assert_eq!((d.prochain, d.decalage_minutes), (Some(0), None));
        assert_eq!(
            journee(&c.passages, &[], utc, at(8, 5)).decalage_minutes,
            Some(5)
        );

        // Candidate 1: 8:05 → 8:45 (A 20 min, B 20 min instead of 15), validated.
        let mut s1 = seance(&r, "1", at(8, 5));
        let a = |p: &str| Event::PhaseStarted { phase: p.into() };
        ev(&r, &mut s1, a("A"), at(8, 5));
        ev(
            &r,
            &mut s1,
            Event::PhaseEnded { phase: "A".into() },
            at(8, 25),
        );
        ev(&r, &mut s1, a("B"), at(8, 25));
        ev(
            &r,
            &mut s1,
            Event::PhaseEnded { phase: "B".into() },
            at(8, 45),
        );
        let d = journee(&c.passages, std::slice::from_ref(&s1), utc, at(8, 46));
        assert_eq!(d.lignes[0].etat, Etat::AValider);
        assert_eq!(d.prochain, Some(1));
        // Planned end 8:35, real end 8:45.
        assert_eq!(
            d.decalage_text().as_deref(),
            Some("+10 min sur le planning")
        );

        // Candidate 2 absent, recorded and validated; candidate 3 starts at 8:50.
        let mut s2 = seance(&r, "2", at(8, 48));
        let m = |nom: &str| Event::MemberAdded {
            membre: Membre {
                nom: nom.into(),
                qualite: "enseignant".into(),
            },
        };
        ev(&r, &mut s2, m("Durand"), at(8, 48));
        ev(&r, &mut s2, m("Roy"), at(8, 48));
        let absent = Event::CandidateAbsent {
            candidat: "2".into(),
            justified: false,
        };
        ev(&r, &mut s2, absent, at(8, 49));
        ev(
            &r,
            &mut s2,
            Event::GridValidated {
                candidat: "2".into(),
            },
            at(8, 49),
        );
        let mut s3 = seance(&r, "3", at(8, 50));
        ev(&r, &mut s3, a("A"), at(8, 50));
        let all = [s1, s2, s3];
        let d = journee(&c.passages, &all, utc, at(8, 55));
        let etats: Vec<Etat> = d.lignes.iter().map(|l| l.etat).collect();
        assert_eq!(etats, [Etat::AValider, Etat::Absent, Etat::EnCours]);
        assert_eq!(d.prochain, None);
        // Due to end at 8:55 + 15 min left of A + 15 of B = 9:25; planned 9:20 + 35 = 9:55.
        assert_eq!(d.decalage_minutes, Some(-30));
        assert_eq!(
            d.decalage_text().as_deref(),
            Some("−30 min sur le planning")
        );
    }

    #[test]
    fn a_temps_majore_is_time_granted_not_lateness() {
        let r = load_embedded().unwrap();
        let c = plan(&r);
        let mut s1 = seance(&r, "1", at(8, 0));
        let majore = Event::AmenagementRecorded {
            candidat: "1".into(),
            majoration: "1/3".parse().unwrap(),
            phases: vec!["A".into()],
            decision: String::new(),
        };
        ev(&r, &mut s1, majore, at(8, 0));
        // A: 20 min majorées d'un tiers, 26:40, in full; then B's 15 min.
        let a_end = at(8, 26) + chrono::Duration::seconds(40);
        ev(
            &r,
            &mut s1,
            Event::PhaseStarted { phase: "A".into() },
            at(8, 0),
        );
        ev(&r, &mut s1, Event::PhaseEnded { phase: "A".into() }, a_end);
        ev(
            &r,
            &mut s1,
            Event::PhaseStarted { phase: "B".into() },
            a_end,
        );
        let b_end = a_end + chrono::Duration::minutes(15);
        ev(&r, &mut s1, Event::PhaseEnded { phase: "B".into() }, b_end);
        let d = journee(&c.passages, &[s1], crate::review::Tz::Utc, b_end);
        assert_eq!(
            d.decalage_text().as_deref(),
            Some("à l’heure sur le planning")
        );
    }

    #[test]
    fn a_training_seance_follows_the_plan_only_in_training_mode() {
        let r = load_embedded().unwrap();
        let c = plan(&r);
        let utc = crate::review::Tz::Utc;
        let mut s = seance(&r, "1", at(8, 0));
        s.info.vitesse = Some(60);
        let real = journee(&c.passages, std::slice::from_ref(&s), utc, at(8, 1));
        assert_eq!(real.lignes[0].etat, Etat::AVenir, "never on the real day");
        let training = journee_mode(&c.passages, std::slice::from_ref(&s), utc, at(8, 1), true);
        assert_eq!(training.lignes[0].etat, Etat::EnCours);
        assert_eq!(training.prochain, Some(1));
    }
}
