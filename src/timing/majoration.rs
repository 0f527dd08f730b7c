//! « Temps majoré »: the one place where a phase's (or a part's) duration is adjusted for an
//! aménagement d’épreuve. The countdown, the thresholds and bells, the due end, the review's
//! anomalies and the printed grid all take their durations from here; no view recomputes one.
//!
//! Reading for a group séance (E1 CCF situation A, where speaking time is shared): a member's
//! majoration applies to that member's own share of the phase, i.e. the phase's normal time
//! divided by the number of members; the phase lasts the sum of the shares, each majoré or not.
//! For one candidate this is simply `normal × (1 + majoration)`. Every extra is rounded up to
//! the whole second, in the candidate's favour, so durations stay whole seconds (the clock's
//! convention: deciding on displayed seconds is deciding on exact time).

use std::time::Duration;

use crate::referentiel::{Fraction, Phase};
use crate::session::SeanceState;

/// `normal` increased by `majoration` (rounded up to the whole second).
pub fn duree_majoree(normal: Duration, majoration: Fraction) -> Duration {
    let secs = normal.as_secs();
    Duration::from_secs(secs.saturating_add(majoration.of_ceil(secs)))
}

/// The référentiel's duration of a phase.
pub fn duree_normale(phase: &Phase) -> Duration {
    Duration::from_secs(u64::from(phase.duree_minutes) * 60)
}

/// The extra time of `phase` in this séance: for each candidate whose aménagement covers it,
/// their share of the normal time (all of it for one candidate) × their majoration.
fn supplement(state: &SeanceState, phase: &Phase) -> u64 {
    let n = state.info.candidats.len().max(1) as u64;
    let normal = duree_normale(phase).as_secs();
    state
        .info
        .candidats
        .iter()
        .filter_map(|c| state.majoration(&c.numero, &phase.id))
        .map(|f| {
            // share × f = normal × num / (den × n), rounded up once.
            let den = Fraction {
                num: f.num,
                den: f.den.saturating_mul(n as u32).max(1),
            };
            den.of_ceil(normal)
        })
        .sum()
}

/// THE duration `phase` runs for in this séance: its référentiel duration, extended by the
/// aménagements of the candidates it applies to (see the module doc).
pub fn duree_effective(state: &SeanceState, phase: &Phase) -> Duration {
    duree_normale(phase) + Duration::from_secs(supplement(state, phase))
}

/// The duration of part `k` of `phase` in this séance: its référentiel maximum, extended in the
/// same proportion as the phase (so the parts still add up to the phase, within a second).
pub fn duree_partie(state: &SeanceState, phase: &Phase, k: usize) -> Duration {
    let Some(part) = phase.parties.get(k) else {
        return Duration::ZERO;
    };
    let normal = u64::from(part.duree_minutes) * 60;
    let phase_normal = duree_normale(phase).as_secs();
    if phase_normal == 0 {
        return Duration::from_secs(normal);
    }
    let extra = supplement(state, phase);
    let scaled = (u128::from(extra) * u128::from(normal)).div_ceil(u128::from(phase_normal));
    Duration::from_secs(normal + u64::try_from(scaled).unwrap_or(0))
}

/// A group member's share of `phase`: normal and as majoré for them (equal when they have no
/// aménagement for it). `None` outside a group séance or for an unknown member.
pub fn temps_de_parole(
    state: &SeanceState,
    phase: &Phase,
    numero: &str,
) -> Option<(Duration, Duration)> {
    let n = state.info.candidats.len() as u64;
    if n < 2 || !state.info.candidats.iter().any(|c| c.numero == numero) {
        return None;
    }
    let share = Duration::from_secs(duree_normale(phase).as_secs() / n);
    let adjusted = match state.majoration(numero, &phase.id) {
        Some(f) => duree_majoree(share, f),
        None => share,
    };
    Some((share, adjusted))
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use super::*;
    use crate::referentiel::FormeKind;
    use crate::session::Event;

    fn majore(state: &mut SeanceState, who: &str, f: Fraction, phases: &[&str]) {
        let e = Event::AmenagementRecorded {
            candidat: who.into(),
            majoration: f,
            phases: phases.iter().map(|p| p.to_string()).collect(),
            decision: String::new(),
        };
        play(state, &[("07:59:30", e)]);
    }

    #[test]
    fn a_third_makes_twenty_minutes_twenty_six_forty() {
        assert_eq!(duree_majoree(mins(20), Fraction::TIERS), secs(26 * 60 + 40));
        assert_eq!(
            duree_majoree(mins(25), Fraction { num: 1, den: 4 }),
            secs(31 * 60 + 15)
        );
        let mut s = seance("E1", FormeKind::Ponctuel, "unique", 1, None);
        let a = s.info.phases[0].clone();
        let b = s.info.phases[1].clone();
        assert_eq!(duree_effective(&s, &a), mins(25));
        majore(&mut s, "C1", Fraction::TIERS, &["A"]);
        assert_eq!(duree_effective(&s, &a), secs(33 * 60 + 20));
        assert_eq!(duree_effective(&s, &b), mins(15), "phase B not covered");
        assert_eq!(duree_partie(&s, &a, 0), mins(20));
        assert_eq!(duree_partie(&s, &a, 1), secs(13 * 60 + 20));
    }

    #[test]
    fn in_a_group_it_extends_the_member_s_own_share() {
        let mut s = e1_group(2);
        let expose = s.info.phases[0].clone();
        majore(&mut s, "C2", Fraction::TIERS, &["expose", "entretien"]);
        // 20 min for two: 10 min each; C2's 10 min majorées d'un tiers: 13:20.
        assert_eq!(duree_effective(&s, &expose), secs(23 * 60 + 20));
        assert_eq!(
            temps_de_parole(&s, &expose, "C2"),
            Some((mins(10), secs(13 * 60 + 20)))
        );
        assert_eq!(
            temps_de_parole(&s, &expose, "C1"),
            Some((mins(10), mins(10)))
        );
        assert_eq!(temps_de_parole(&s, &expose, "C9"), None);
    }
}
