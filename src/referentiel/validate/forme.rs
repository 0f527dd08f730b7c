//! Validation of one form of an épreuve: its situations, timed phases and parts, alerts, group
//! sizes, commission roles and PFMP condition.

use std::collections::HashSet;

use super::Check;
use crate::referentiel::load::LoadError;
use crate::referentiel::model::*;

pub(super) fn validate_forme(
    f: &Forme,
    qualites: &HashSet<&str>,
    defaut: &[u32],
    c: &Check,
    base: &str,
) -> Result<(), LoadError> {
    c.ensure(
        !f.situations.is_empty(),
        || format!("{base}.situations"),
        f.forme,
        "aucune situation",
    )?;
    let mut ids = HashSet::new();
    for (si, s) in f.situations.iter().enumerate() {
        let at = |rest: &str| format!("{base}.situations[{si}]{rest}");
        c.ensure(
            ids.insert(&s.id),
            || at(".id"),
            &s.id,
            "identifiant en double",
        )?;
        if let Some(g) = &s.groupe {
            c.ensure(
                g.min > 0,
                || at(".groupe.min"),
                g.min,
                "un groupe compte au moins 1 personne",
            )?;
            c.ensure(
                g.max >= g.min,
                || at(".groupe.max"),
                g.max,
                "inférieur au minimum du groupe",
            )?;
        }
        if s.candidat_present {
            c.ensure(
                !s.phases.is_empty(),
                || at(".phases"),
                &s.id,
                "aucune phase alors que la personne candidate est présente",
            )?;
        } else {
            c.ensure(
                s.phases.is_empty(),
                || at(".phases"),
                &s.id,
                "une situation sans la personne candidate n’est pas minutée",
            )?;
        }
        let mut pids = HashSet::new();
        for (pi, p) in s.phases.iter().enumerate() {
            let at = |rest: &str| format!("{base}.situations[{si}].phases[{pi}]{rest}");
            c.ensure(
                pids.insert(&p.id),
                || at(".id"),
                &p.id,
                "identifiant en double",
            )?;
            c.ensure(
                p.duree_minutes > 0,
                || at(".duree_minutes"),
                p.duree_minutes,
                "durée nulle",
            )?;
            if let Some(m) = p.duree_minimum_minutes {
                c.ensure(
                    m <= p.duree_minutes,
                    || at(".duree_minimum_minutes"),
                    m,
                    "supérieure à la durée prévue",
                )?;
            }
            for (ki, part) in p.parties.iter().enumerate() {
                let at =
                    || format!("{base}.situations[{si}].phases[{pi}].parties[{ki}].duree_minutes");
                c.ensure(
                    part.duree_minutes > 0,
                    at,
                    part.duree_minutes,
                    "durée nulle",
                )?;
            }
            let sum: u32 = p.parties.iter().map(|x| x.duree_minutes).sum();
            c.ensure(
                p.parties.is_empty() || sum == p.duree_minutes,
                || at(".parties"),
                sum,
                "la somme des parties diffère de la durée de la phase",
            )?;
            for a in p.alertes(defaut) {
                c.ensure(
                    a > 0 && a < p.duree_minutes,
                    || at(".alertes_minutes"),
                    a,
                    "une alerte doit tomber pendant la phase",
                )?;
            }
        }
    }
    let cm = &f.commission;
    c.ensure(
        cm.membres_minimum > 0,
        || format!("{base}.commission.membres_minimum"),
        cm.membres_minimum,
        "une commission compte au moins un membre",
    )?;
    for (ri, role) in cm.roles.iter().enumerate() {
        let at = |rest: &str| format!("{base}.commission.roles[{ri}]{rest}");
        c.ensure(
            qualites.contains(role.qualite.as_str()),
            || at(".qualite"),
            &role.qualite,
            "qualité inconnue",
        )?;
        if let Some(q) = &role.remplacable_par {
            c.ensure(
                qualites.contains(q.as_str()),
                || at(".remplacable_par"),
                q,
                "qualité inconnue",
            )?;
        }
    }
    if let Some(p) = &f.pfmp {
        c.ensure(
            p.semaines > 0 && p.semaines_positionne <= p.semaines,
            || format!("{base}.pfmp"),
            format!("{} / {}", p.semaines, p.semaines_positionne),
            "durées de PFMP incohérentes",
        )?;
    }
    let k = &f.commission;
    if let Some(max) = k.membres_maximum {
        c.ensure(
            max >= k.membres_minimum && max as usize >= k.roles.len(),
            || format!("{base}.commission.membres_maximum"),
            max,
            "inférieur au minimum de membres ou au nombre de rôles",
        )?;
    }
    c.ensure(
        !f.voies.is_empty(),
        || format!("{base}.voies"),
        &f.voies,
        "au moins une voie doit pouvoir passer l’épreuve sous cette forme",
    )?;
    Ok(())
}
