//! Validation of a parsed référentiel: ids unique, competences known, durations and group sizes
//! positive, bands within the scale. The first fault found is reported with its file, JSON path
//! and value, so whoever edits the data knows where to look.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

mod forme;

use self::forme::validate_forme;
use super::load::LoadError;
use super::model::*;
use crate::grading::Niveau;

/// Collects the first invalid value with its file and path.
pub(super) struct Check<'a> {
    file: &'a Path,
}

impl Check<'_> {
    pub(super) fn fail(
        &self,
        path: String,
        value: impl std::fmt::Debug,
        message: &str,
    ) -> LoadError {
        LoadError::Invalid {
            file: self.file.to_path_buf(),
            path,
            value: format!("{value:?}"),
            message: message.to_string(),
        }
    }

    pub(super) fn ensure(
        &self,
        ok: bool,
        path: impl FnOnce() -> String,
        value: impl std::fmt::Debug,
        message: &str,
    ) -> Result<(), LoadError> {
        if ok {
            Ok(())
        } else {
            Err(self.fail(path(), value, message))
        }
    }
}

pub(super) fn validate(r: &Referentiel, files: [&PathBuf; 4]) -> Result<(), LoadError> {
    validate_diplome(&r.diplome, &Check { file: files[0] })?;
    validate_niveaux(&r.niveaux, &Check { file: files[1] })?;
    validate_epreuves(r, &Check { file: files[2] })?;
    validate_notation(&r.notation, &Check { file: files[3] })
}

fn validate_diplome(d: &Diplome, c: &Check) -> Result<(), LoadError> {
    let mut ids = HashSet::new();
    c.ensure(
        !d.blocs.is_empty(),
        || "blocs".into(),
        &d.blocs,
        "aucun bloc",
    )?;
    for (bi, b) in d.blocs.iter().enumerate() {
        let at = |rest: &str| format!("blocs[{bi}]{rest}");
        c.ensure(
            ids.insert(&b.id),
            || at(".id"),
            &b.id,
            "identifiant en double",
        )?;
        c.ensure(
            !b.competences.is_empty(),
            || at(".competences"),
            &b.id,
            "aucune compétence",
        )?;
        for (ci, comp) in b.competences.iter().enumerate() {
            let at = |rest: &str| format!("blocs[{bi}].competences[{ci}]{rest}");
            c.ensure(
                ids.insert(&comp.id),
                || at(".id"),
                &comp.id,
                "identifiant en double",
            )?;
            c.ensure(
                !comp.intitule.trim().is_empty(),
                || at(".intitule"),
                "",
                "intitulé vide",
            )?;
            c.ensure(
                !comp.criteres.is_empty(),
                || at(".criteres"),
                &comp.id,
                "aucun critère d’évaluation",
            )?;
            for (ki, k) in comp.criteres.iter().enumerate() {
                let at = |rest: &str| format!("blocs[{bi}].competences[{ci}].criteres[{ki}]{rest}");
                c.ensure(
                    ids.insert(&k.id),
                    || at(".id"),
                    &k.id,
                    "identifiant en double",
                )?;
                c.ensure(
                    k.id.starts_with(&format!("{}-", comp.id)),
                    || at(".id"),
                    &k.id,
                    "un critère doit commencer par l’identifiant de sa compétence suivi de « - »",
                )?;
                c.ensure(
                    !k.libelle.trim().is_empty(),
                    || at(".libelle"),
                    &k.id,
                    "libellé vide",
                )?;
            }
        }
    }
    Ok(())
}

fn validate_niveaux(n: &Niveaux, c: &Check) -> Result<(), LoadError> {
    let codes: Vec<&str> = n.niveaux.iter().map(|x| x.code.as_str()).collect();
    let expected: Vec<&str> = Niveau::ALL.iter().map(|x| x.code()).collect();
    c.ensure(
        codes == expected,
        || "niveaux".into(),
        &codes,
        "les niveaux de positionnement doivent être TI, I, S, TS, dans cet ordre",
    )?;
    for (i, x) in n.niveaux.iter().enumerate() {
        c.ensure(
            !x.libelle.trim().is_empty(),
            || format!("niveaux[{i}].libelle"),
            &x.code,
            "libellé vide",
        )?;
    }
    Ok(())
}

fn validate_notation(n: &Notation, c: &Check) -> Result<(), LoadError> {
    c.ensure(
        n.note_max_competence > 0,
        || "note_max_competence".into(),
        n.note_max_competence,
        "doit être positive",
    )?;
    c.ensure(
        n.total_max > 0,
        || "total_max".into(),
        n.total_max,
        "doit être positif",
    )?;
    for code in Niveau::ALL.map(|x| x.code()) {
        let found = n
            .bareme_indicatif
            .bandes
            .iter()
            .filter(|b| b.niveau == code)
            .count();
        c.ensure(
            found == 1,
            || "bareme_indicatif.bandes".into(),
            code,
            "chaque niveau doit avoir exactement une bande",
        )?;
    }
    let max = crate::grading::Points::from_whole(n.note_max_competence);
    for (i, b) in n.bareme_indicatif.bandes.iter().enumerate() {
        let at = || format!("bareme_indicatif.bandes[{i}]");
        c.ensure(
            Niveau::ALL.iter().any(|x| x.code() == b.niveau),
            at,
            &b.niveau,
            "niveau inconnu",
        )?;
        c.ensure(
            b.min <= b.max && b.max <= max,
            at,
            format!("{}–{}", b.min, b.max),
            "bande hors de 0–20",
        )?;
    }
    let finale = crate::grading::Points::from_whole(n.note_finale_max);
    let a = &n.absences;
    for (at, issue) in [
        ("absences.absent_justifie", &a.absent_justifie),
        ("absences.absent_non_justifie", &a.absent_non_justifie),
        ("absences.dispense", &a.dispense),
    ] {
        if let Some(note) = issue.note {
            c.ensure(
                note <= finale,
                || format!("{at}.note"),
                note.fr(),
                "note hors de l’échelle /20",
            )?;
        }
        c.ensure(
            !issue.statut.trim().is_empty(),
            || format!("{at}.statut"),
            &issue.statut,
            "le statut ne peut pas être vide",
        )?;
    }
    let m = &n.temps_majore;
    for (at, text) in [
        ("temps_majore.texte", &m.texte),
        ("temps_majore.source", &m.source),
    ] {
        c.ensure(
            !text.trim().is_empty(),
            || at.into(),
            text,
            "la règle du temps majoré doit être citée avec sa source",
        )?;
    }
    c.ensure(
        !m.maximum.is_zero(),
        || "temps_majore.maximum".into(),
        m.maximum.to_string(),
        "une majoration maximale nulle ne permet aucun aménagement",
    )?;
    c.ensure(
        !m.par_defaut.is_zero() && m.par_defaut.at_most(m.maximum),
        || "temps_majore.par_defaut".into(),
        m.par_defaut.to_string(),
        "la majoration par défaut doit être non nulle et ne pas dépasser le maximum",
    )?;
    Ok(())
}

fn validate_epreuves(r: &Referentiel, c: &Check) -> Result<(), LoadError> {
    let e = &r.epreuves;
    let mut qualites = HashSet::new();
    for (i, q) in e.qualites.iter().enumerate() {
        let at = || format!("qualites[{i}].id");
        c.ensure(
            qualites.insert(q.id.as_str()),
            at,
            &q.id,
            "identifiant en double",
        )?;
    }
    for (i, m) in e.alertes_par_defaut_minutes.iter().enumerate() {
        let at = || format!("alertes_par_defaut_minutes[{i}]");
        c.ensure(
            *m > 0,
            at,
            m,
            "une alerte doit être à au moins une minute de la fin",
        )?;
    }
    let mut ids = HashSet::new();
    c.ensure(
        !e.epreuves.is_empty(),
        || "epreuves".into(),
        &e.epreuves,
        "aucune épreuve",
    )?;
    for (ei, ep) in e.epreuves.iter().enumerate() {
        let at = |rest: &str| format!("epreuves[{ei}]{rest}");
        c.ensure(
            ids.insert(&ep.id),
            || at(".id"),
            &ep.id,
            "identifiant en double",
        )?;
        c.ensure(
            ep.coefficient > 0,
            || at(".coefficient"),
            ep.coefficient,
            "doit être positif",
        )?;
        c.ensure(
            r.diplome.blocs.iter().any(|b| b.id == ep.bloc),
            || at(".bloc"),
            &ep.bloc,
            "bloc inconnu",
        )?;
        c.ensure(
            !ep.competences.is_empty(),
            || at(".competences"),
            &ep.id,
            "aucune compétence",
        )?;
        let mut seen = HashSet::new();
        for (ci, comp) in ep.competences.iter().enumerate() {
            let at = || format!("epreuves[{ei}].competences[{ci}]");
            c.ensure(
                r.competence(comp).is_some(),
                at,
                comp,
                "compétence inconnue",
            )?;
            c.ensure(seen.insert(comp), at, comp, "compétence en double")?;
        }
        c.ensure(
            !ep.formes.is_empty(),
            || at(".formes"),
            &ep.id,
            "aucune forme",
        )?;
        let mut formes = HashSet::new();
        for (fi, f) in ep.formes.iter().enumerate() {
            let at = |rest: &str| format!("epreuves[{ei}].formes[{fi}]{rest}");
            c.ensure(
                formes.insert(f.forme),
                || at(".forme"),
                f.forme,
                "forme en double",
            )?;
            validate_forme(f, &qualites, &e.alertes_par_defaut_minutes, c, &at(""))?;
        }
    }
    Ok(())
}
