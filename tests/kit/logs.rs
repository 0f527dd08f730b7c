//! Hash-chained séance logs written without the engine, for the benchmarks: a group séance
//! (E1 CCF situation A, three candidates) with a generator of long, valid event streams with the
//! mix a real séance has (mostly positionings, then notes, speaker turns, pauses, remarks), and
//! thousands of finished séances, written far faster than the engine (which syncs each line).

use std::io::Write;
use std::path::Path;

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};
use sno_jury::grading::{Niveau, Points};
use sno_jury::referentiel::{FormeKind, Referentiel};
use sno_jury::session::{
    Candidat, Event, GENESIS, GridState, Membre, PauseReason, Record, SeanceInfo,
};

use super::candidats::candidat;
use super::engine::info;

// The benches' prelude: everything they use comes through this module.
#[allow(unused_imports)] // a prelude: each binary uses a part of it
pub use super::{engine::no_prior, r, time::t, vm_hwm_kib};

/// `n` numbered candidates from `first` (numéros `0000001`…).
pub fn numbered(first: usize, n: usize) -> Vec<Candidat> {
    (first..first + n)
        .map(|i| candidat(&format!("0{i:07}")))
        .collect()
}

/// E1 CCF situation A: a group of three, with shared speaking time.
pub fn group_info(r: &Referentiel, id: &str) -> SeanceInfo {
    info(r, id, "E1", FormeKind::Ccf, "A", numbered(1, 3))
}

/// The criterion ids of the épreuve of `info`, in grid order.
pub fn criteres(r: &Referentiel, info: &SeanceInfo) -> Vec<String> {
    let e = r.epreuve(&info.epreuve).expect("épreuve");
    r.competences_of(e)
        .flat_map(|c| c.criteres.iter().map(|k| k.id.clone()))
        .collect()
}

/// `n` events that are all valid in order after `seance_opened` of a [`group_info`] séance:
/// two members, the first phase started, then a deterministic mix of every kind of event the
/// jury records while the phase runs.
pub fn group_events(r: &Referentiel, info: &SeanceInfo, n: usize) -> Vec<Event> {
    let crits = criteres(r, info);
    let comps: Vec<String> = r
        .epreuve(&info.epreuve)
        .expect("épreuve")
        .competences
        .clone();
    let numeros: Vec<String> = info.candidats.iter().map(|c| c.numero.clone()).collect();
    let mut out = vec![
        Event::MemberAdded {
            membre: Membre {
                nom: "Durand".into(),
                qualite: "enseignant".into(),
            },
        },
        Event::MemberAdded {
            membre: Membre {
                nom: "Martin".into(),
                qualite: "professionnel".into(),
            },
        },
        Event::PhaseStarted {
            phase: info.phases[0].id.clone(),
        },
    ];
    let mut paused = false;
    let mut i = 0usize;
    while out.len() < n {
        let numero = numeros[i % numeros.len()].clone();
        let e = match i % 20 {
            // Positionings dominate a real séance.
            0..=11 => Event::CriterionPositioned {
                candidat: numero,
                critere: crits[i % crits.len()].clone(),
                niveau: Niveau::ALL[(i / 3) % 4],
            },
            12 => Event::CriterionCleared {
                candidat: numero,
                critere: crits[(i + 1) % crits.len()].clone(),
            },
            13 | 14 => Event::NoteSet {
                candidat: numero,
                competence: comps[i % comps.len()].clone(),
                note: Points::from_halves((i % 41) as u32),
            },
            15 | 16 => Event::SpeakerChanged {
                candidat: Some(numero),
            },
            17 => Event::Remark {
                text: format!("remarque {i} : argumentation claire, bonne gestion du temps"),
            },
            18 => Event::AppreciationSet {
                candidat: numero,
                text: format!("Appréciation {i} : prestation solide, vocabulaire précis."),
            },
            _ if paused => Event::Resumed,
            _ => Event::Paused {
                reason: PauseReason::Candidat,
                detail: format!("pause {i}"),
            },
        };
        if matches!(e, Event::Paused { .. }) {
            paused = true;
        } else if matches!(e, Event::Resumed) {
            paused = false;
        }
        out.push(e);
        i += 1;
    }
    out.truncate(n);
    out
}

/// A finished, validated séance of one candidate in the ponctuel form of `epreuve`, starting
/// `start` seconds after [`t`]: two members, every phase run to its planned length, every
/// criterion positioned, a note per competence, the appréciation générale, the validation.
pub fn finished_seance(
    r: &Referentiel,
    id: &str,
    epreuve: &str,
    numero: usize,
    start: i64,
) -> (SeanceInfo, Vec<(DateTime<Utc>, Event)>) {
    let info = info(
        r,
        id,
        epreuve,
        FormeKind::Ponctuel,
        "unique",
        numbered(numero, 1),
    );
    let who = info.candidats[0].numero.clone();
    let mut clock = start;
    let mut out = Vec::new();
    let mut push = |secs: i64, e: Event| {
        clock += secs;
        out.push((t(clock), e));
    };
    for nom in ["Durand", "Martin"] {
        push(
            20,
            Event::MemberAdded {
                membre: Membre {
                    nom: nom.into(),
                    qualite: "enseignant".into(),
                },
            },
        );
    }
    for p in info.phases.iter() {
        push(
            30,
            Event::PhaseStarted {
                phase: p.id.clone(),
            },
        );
        let secs = i64::from(p.duree_minutes) * 60;
        push(
            secs,
            Event::PhaseEnded {
                phase: p.id.clone(),
            },
        );
    }
    let e = r.epreuve(epreuve).expect("épreuve");
    for (i, comp) in r.competences_of(e).enumerate() {
        for (k, crit) in comp.criteres.iter().enumerate() {
            push(
                15,
                Event::CriterionPositioned {
                    candidat: who.clone(),
                    critere: crit.id.clone(),
                    niveau: Niveau::ALL[(numero + i + k) % 4],
                },
            );
        }
        push(
            40,
            Event::NoteSet {
                candidat: who.clone(),
                competence: comp.id.clone(),
                note: Points::from_halves(((numero * 7 + i * 11) % 41) as u32),
            },
        );
    }
    push(
        120,
        Event::AppreciationSet {
            candidat: who.clone(),
            text: "Prestation solide ; argumentation claire, vocabulaire précis.".into(),
        },
    );
    push(30, Event::GridValidated { candidat: who });
    (info, out)
}

/// Writes `n` finished séances (E1, E2, E3 ponctuel in turn, one candidate each, a new one
/// every 75 minutes) as hash-chained logs in `dir`, without syncing. Returns the bytes written.
pub fn write_finished_seances(r: &Referentiel, dir: &Path, n: usize) -> u64 {
    let mut bytes = 0;
    for i in 0..n {
        let epreuve = ["E1", "E2", "E3"][i % 3];
        let id = format!("2025-06-{:02}-{epreuve}-ponctuel-unique-{i:06}", 1 + i % 28);
        let (info, events) = finished_seance(r, &id, epreuve, i, i as i64 * 75 * 60);
        let (records, text) = chained_at(&info, events);
        if i < 3 {
            // The generator must write what the app would: the fold accepts every event.
            let state = sno_jury::session::replay(r, &records, &no_prior()).expect("valid séance");
            assert!(state.grids.values().all(GridState::is_validated), "{id}");
        }
        std::fs::write(dir.join(format!("{id}.jsonl")), &text).expect("fixture log");
        bytes += text.len() as u64;
    }
    bytes
}

/// SHA-256 hex of a line, as the log's chain computes it.
fn hash(line: &[u8]) -> String {
    Sha256::digest(line)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The records of a séance of `n` events in total (`seance_opened` included), one second
/// apart, hash-chained exactly as the log store writes them; with the JSON Lines text.
pub fn chained(info: &SeanceInfo, events: Vec<Event>) -> (Vec<Record>, String) {
    let timed = events
        .into_iter()
        .enumerate()
        .map(|(i, e)| (t(i as i64 + 1), e))
        .collect();
    chained_at(info, timed)
}

/// [`chained`] with each event's own time; `seance_opened` one second before the first.
pub fn chained_at(info: &SeanceInfo, events: Vec<(DateTime<Utc>, Event)>) -> (Vec<Record>, String) {
    let mut prev = GENESIS.to_string();
    let mut records = Vec::with_capacity(events.len() + 1);
    let mut text = String::new();
    let opened_at = events
        .first()
        .map_or(t(0), |(ts, _)| *ts - chrono::Duration::seconds(1));
    let all = std::iter::once((
        opened_at,
        Event::SeanceOpened {
            seance: Box::new(info.clone()),
        },
    ))
    .chain(events);
    for (i, (ts, event)) in all.enumerate() {
        let rec = Record {
            seq: i as u64 + 1,
            ts,
            mono: None,
            prev: prev.clone(),
            event,
        };
        let line = serde_json::to_string(&rec).expect("serialisable");
        prev = hash(line.as_bytes());
        text.push_str(&line);
        text.push('\n');
        records.push(rec);
    }
    (records, text)
}

/// A group séance of `n` records in total, written to `path` without syncing (fixtures only:
/// syncing 10,000 lines one by one would take longer than the benchmark).
pub fn write_group_log(r: &Referentiel, path: &Path, id: &str, n: usize) -> Vec<Record> {
    let info = group_info(r, id);
    let events = group_events(r, &info, n.saturating_sub(1));
    let (records, text) = chained(&info, events);
    let mut f = std::fs::File::create(path).expect("fixture log");
    f.write_all(text.as_bytes()).expect("fixture written");
    records
}
