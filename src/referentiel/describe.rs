//! A readable French description of the loaded référentiel, for `sno-jury referentiel`.

use std::fmt::Write;

use super::model::{Phase, Referentiel, Situation};

fn minutes(m: u32) -> String {
    match (m / 60, m % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m:02}"),
    }
}

fn phase_line(out: &mut String, p: &Phase) {
    let max = if p.maximum { " maximum" } else { "" };
    let min = p
        .duree_minimum_minutes
        .map(|m| format!(" (au moins {})", minutes(m)))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "      - Phase {} : {} — {}{max}{min}",
        p.id,
        p.intitule,
        minutes(p.duree_minutes)
    );
    for part in &p.parties {
        let max = if part.maximum { " maximum" } else { "" };
        let _ = writeln!(
            out,
            "          · {} — {}{max}",
            part.intitule,
            minutes(part.duree_minutes)
        );
    }
}

fn situation_lines(out: &mut String, s: &Situation) {
    let _ = writeln!(out, "    Situation {} : {}", s.id, s.intitule);
    if let Some(g) = &s.groupe {
        let shared = if g.temps_de_parole_reparti {
            ", temps de parole répartis"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "      Groupe de {} à {} personnes{shared}",
            g.min, g.max
        );
    }
    if !s.candidat_present {
        let _ = writeln!(out, "      Sans la personne candidate : non minutée");
    }
    for p in &s.phases {
        phase_line(out, p);
    }
    if s.phases.len() > 1 {
        let total: u32 = s.phases.iter().map(|p| p.duree_minutes).sum();
        let _ = writeln!(out, "      Durée totale prévue : {}", minutes(total));
    }
}

/// Every épreuve, form, situation and phase with its duration, and the criteria per competence.
pub fn describe(r: &Referentiel) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} (niveau {})\n",
        r.diplome.intitule, r.diplome.niveau
    );
    for e in &r.epreuves.epreuves {
        let _ = writeln!(
            out,
            "{} — {} (unité {}, coefficient {})",
            e.id, e.intitule, e.unite, e.coefficient
        );
        for c in r.competences_of(e) {
            let _ = writeln!(
                out,
                "  {} {} : {} critères d’évaluation",
                c.id,
                c.intitule,
                c.criteres.len()
            );
        }
        for f in &e.formes {
            let duree = f
                .duree_reglementaire_minutes
                .map(|m| format!(", durée {}", minutes(m)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "  Forme {} : épreuve {}{duree}",
                f.forme.label(),
                f.nature
            );
            for s in &f.situations {
                situation_lines(&mut out, s);
            }
            let _ = writeln!(out, "    Commission : {}", f.commission.texte);
            if let Some(p) = &f.pfmp {
                let _ = writeln!(
                    out,
                    "    PFMP : {} semaines ({} pour une personne positionnée)",
                    p.semaines, p.semaines_positionne
                );
            }
        }
        out.push('\n');
    }
    let total: usize = r
        .diplome
        .blocs
        .iter()
        .flat_map(|b| &b.competences)
        .map(|c| c.criteres.len())
        .sum();
    let _ = writeln!(out, "{total} critères d’évaluation au total.");
    let _ = writeln!(
        out,
        "Notation : chaque compétence /{}, note globale /{}, note /{} arrondie au demi-point supérieur.",
        r.notation.note_max_competence, r.notation.total_max, r.notation.note_finale_max
    );
    let m = &r.notation.temps_majore;
    let _ = writeln!(
        out,
        "Temps majoré (aménagement d’épreuve) : au plus {} du temps normalement prévu, {} par \
         défaut — « {} » ({}).",
        m.maximum, m.par_defaut, m.texte, m.source
    );
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn describes_every_epreuve_and_phase() {
        let r = crate::referentiel::load_embedded().unwrap();
        let d = super::describe(&r);
        for needle in [
            "E1 —",
            "E2 —",
            "E3 —",
            "Forme CCF",
            "Forme ponctuel",
            "2 h",
            "38 critères",
        ] {
            assert!(d.contains(needle), "missing {needle} in\n{d}");
        }
        assert!(d.contains("Groupe de 2 à 4 personnes"));
    }
}
