//! The list of candidates imported with `--candidats FILE.csv`, so the jury picks a candidate
//! instead of typing their numéro d'inscription at the table.
//!
//! The file comes from a spreadsheet: semicolon-separated (French Excel/LibreOffice) or
//! comma-separated, detected from the header row; UTF-8 with or without a BOM. Columns are found
//! by their header name (accents, case and punctuation ignored), so their order does not matter:
//! the numéro d'inscription and the nom are required, prénom and établissement optional. A bad
//! line never stops the import: it is reported with its line number and skipped.
//!
//! An optional column `temps majoré` (or `tiers temps`, `aménagement`) carries an aménagement
//! d’épreuve: `1/3`, `1/4`…, `oui` (a third), empty or `non` (none). The value is kept as
//! written; the séance's opening refuses one above the bound of `notation.json` (the one rule),
//! and the jury can change it in the wizard. An unreadable value is reported with its line, the
//! candidate imported without it.
//!
//! An optional column `voie` (or `statut`) gives the candidate's voie de formation: `scolaire`,
//! `apprentissage` (`apprenti`), `formation continue` (`FC`), `expérience professionnelle`. It
//! sets the weeks of PFMP E2 requires and which forms the candidate takes (annexe IV). A value
//! that is none of these is reported with its line, the candidate imported without a voie (the
//! wizard then asks it where it matters).

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use crate::referentiel::{Fraction, Voie};
use crate::session::Candidat;
use crate::tableur;

pub use crate::tableur::{Rejet, normalize};

/// The candidates read from a file, and the lines that were skipped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Import {
    pub candidats: Vec<Candidat>,
    pub rejets: Vec<Rejet>,
    /// Numéro d’inscription → « temps majoré » from the optional column (see the module doc).
    pub temps_majore: BTreeMap<String, Fraction>,
    /// Numéro d’inscription → voie, from the optional column (see the module doc).
    pub voies: BTreeMap<String, Voie>,
}

/// Why a candidates file cannot be imported at all.
pub type CandidatsError = tableur::FichierError;

/// Reads and parses a candidates file.
pub fn load(path: &Path) -> Result<Import, CandidatsError> {
    tableur::charger(path, parse)
}

/// Which column holds which field.
#[derive(Debug, Default)]
struct Columns {
    numero: Option<usize>,
    nom: Option<usize>,
    prenom: Option<usize>,
    etablissement: Option<usize>,
    temps_majore: Option<usize>,
    voie: Option<usize>,
}

/// Parses the bytes of a candidates file; `Err` (in French) only when the header is unusable.
pub fn parse(bytes: &[u8]) -> Result<Import, String> {
    let table = tableur::lire(bytes)?;
    let cols = columns(&table)?;
    let mut out = Import {
        candidats: Vec::new(),
        rejets: table.rejets.clone(),
        temps_majore: BTreeMap::new(),
        voies: BTreeMap::new(),
    };
    let mut seen = HashSet::new();
    for l in &table.lignes {
        match candidat(l, &cols) {
            Ok(c) if !seen.insert(c.numero.clone()) => out.rejets.push(Rejet {
                ligne: l.ligne,
                message: format!("numéro d’inscription en double : {}", c.numero),
            }),
            Ok(c) => {
                match voie(l, cols.voie) {
                    Ok(Some(v)) => {
                        out.voies.insert(c.numero.clone(), v);
                    }
                    Ok(None) => {}
                    Err(message) => out.rejets.push(Rejet {
                        ligne: l.ligne,
                        message,
                    }),
                }
                match temps_majore(l, cols.temps_majore) {
                    Ok(Some(f)) => {
                        out.temps_majore.insert(c.numero.clone(), f);
                    }
                    Ok(None) => {}
                    Err(message) => out.rejets.push(Rejet {
                        ligne: l.ligne,
                        message,
                    }),
                }
                out.candidats.push(c)
            }
            Err(message) => out.rejets.push(Rejet {
                ligne: l.ligne,
                message,
            }),
        }
    }
    out.rejets.sort_by_key(|r| r.ligne);
    Ok(out)
}

/// Whether a normalized header names the numéro d'inscription.
pub(crate) fn is_numero(name: &str) -> bool {
    name.starts_with("num") || name == "n" || name == "no" || name.contains("inscription")
}

fn columns(t: &tableur::Table) -> Result<Columns, String> {
    let cols = Columns {
        prenom: t.colonne(|h| h.starts_with("prenom")),
        nom: t.colonne(|h| h.starts_with("nom")),
        numero: t.colonne(is_numero),
        etablissement: t.colonne(|h| h.starts_with("etab")),
        temps_majore: t.colonne(|h| {
            h.starts_with("tempsmajor") || h.starts_with("tierstemps") || h.starts_with("amenag")
        }),
        voie: t.colonne(|h| h.starts_with("voie") || h == "statut"),
    };
    let mut missing = Vec::new();
    if cols.numero.is_none() {
        missing.push("« numéro »");
    }
    if cols.nom.is_none() {
        missing.push("« nom »");
    }
    if missing.is_empty() {
        Ok(cols)
    } else {
        Err(format!(
            "ligne 1 : colonne {} introuvable dans l’en-tête (attendu : numéro ; nom ; prénom ; \
             établissement, séparés par des points-virgules ou des virgules)",
            missing.join(" et ")
        ))
    }
}

fn candidat(l: &tableur::Ligne, cols: &Columns) -> Result<Candidat, String> {
    let c = Candidat {
        numero: l.champ(cols.numero, "le numéro")?,
        nom: l.champ(cols.nom, "le nom")?,
        prenom: l.champ(cols.prenom, "le prénom")?,
        etablissement: l.champ(cols.etablissement, "l’établissement")?,
    };
    if c.numero.is_empty() {
        return Err("numéro d’inscription vide".into());
    }
    if c.nom.is_empty() {
        return Err("nom vide".into());
    }
    Ok(c)
}

/// The « temps majoré » of a line: `Ok(None)` when empty or `non`.
fn temps_majore(l: &tableur::Ligne, col: Option<usize>) -> Result<Option<Fraction>, String> {
    let text = l.champ(col, "le temps majoré")?;
    match normalize(&text).as_str() {
        "" | "non" | "aucun" | "0" => Ok(None),
        "oui" | "tiers" | "tierstemps" => Ok(Some(Fraction::TIERS)),
        _ => match text.parse::<Fraction>() {
            Ok(f) if f.is_zero() => Ok(None),
            Ok(f) => Ok(Some(f)),
            Err(_) => Err(format!(
                "temps majoré « {text} » illisible (attendu : 1/3, 1/4…, oui ou vide) : \
                 personne candidate importée sans aménagement"
            )),
        },
    }
}

/// The voie of a line: `Ok(None)` when the column is absent or the cell empty.
fn voie(l: &tableur::Ligne, col: Option<usize>) -> Result<Option<Voie>, String> {
    let text = l.champ(col, "la voie")?;
    if text.is_empty() {
        return Ok(None);
    }
    Voie::parse(&text).map(Some).ok_or_else(|| {
        format!(
            "voie « {text} » inconnue (attendu : scolaire, apprentissage, formation continue ou \
             expérience professionnelle) : personne candidate importée sans voie"
        )
    })
}

/// Indices of the candidates whose numéro, nom, prénom or établissement contains every word of
/// `query` (accents and case ignored); all of them for an empty query.
pub fn search(list: &[Candidat], query: &str) -> Vec<usize> {
    let words: Vec<String> = query
        .split_whitespace()
        .map(normalize)
        .filter(|w| !w.is_empty())
        .collect();
    list.iter()
        .enumerate()
        .filter(|(_, c)| {
            let hay = normalize(&format!(
                "{} {} {} {}",
                c.numero, c.nom, c.prenom, c.etablissement
            ));
            words.iter().all(|w| hay.contains(w.as_str()))
        })
        .map(|(i, _)| i)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn semicolons_with_bom_and_accented_header() {
        let csv = "\u{feff}N° d'inscription;Nom;Prénom;Établissement\n\
                   0123;Durand;Éloïse;Lycée Hugo\n\
                   0456;Martin;Paul;Lycée Sand\n";
        let out = parse(csv.as_bytes()).unwrap();
        assert_eq!(out.rejets, vec![]);
        assert_eq!(out.candidats.len(), 2);
        assert_eq!(out.candidats[0].numero, "0123");
        assert_eq!(out.candidats[0].prenom, "Éloïse");
        assert_eq!(out.candidats[1].etablissement, "Lycée Sand");
    }

    #[test]
    fn commas_any_column_order_and_quotes() {
        let csv = "nom,numero,etablissement,prenom\n\"Dupont, dit Max\",42,\"Lycée A\",Jean\n";
        let out = parse(csv.as_bytes()).unwrap();
        assert_eq!(out.rejets, vec![]);
        let c = &out.candidats[0];
        assert_eq!(
            (c.nom.as_str(), c.numero.as_str(), c.prenom.as_str()),
            ("Dupont, dit Max", "42", "Jean")
        );
        assert_eq!(c.etablissement, "Lycée A");
    }

    #[test]
    fn bad_lines_are_reported_with_their_number() {
        let mut bytes = b"numero;nom;prenom\n1;A;a\n;B;b\n3;;c\n1;D;d\n\n5;E;".to_vec();
        bytes.extend_from_slice(b"\n6;F\xff;f\n7;G;g\n");
        let out = parse(&bytes).unwrap();
        let numeros: Vec<&str> = out.candidats.iter().map(|c| c.numero.as_str()).collect();
        assert_eq!(numeros, ["1", "5", "7"]);
        let lines: Vec<u64> = out.rejets.iter().map(|r| r.ligne).collect();
        assert_eq!(lines, [3, 4, 5, 8]);
        assert_eq!(
            out.rejets[0].to_string(),
            "ligne 3 : numéro d’inscription vide"
        );
        assert!(out.rejets[2].message.contains("double"));
        assert!(out.rejets[3].message.contains("UTF-8"));
    }

    #[test]
    fn line_numbers_are_the_same_with_crlf_lf_or_cr_line_ends() {
        for end in ["\n", "\r\n", "\r"] {
            let text = ["numero;nom", "1;A", ";B", "3;\"C", "c\"", ";D", "1;E", ""].join(end);
            let out = parse(text.as_bytes()).unwrap();
            let lines: Vec<u64> = out.rejets.iter().map(|r| r.ligne).collect();
            // The quoted field of line 4 goes on to line 5.
            assert_eq!(lines, [3, 6, 7], "line ends {end:?}");
        }
        // After a BOM too.
        let out = parse(b"\xEF\xBB\xBFnumero;nom\r\n;A\r\n").unwrap();
        assert_eq!(out.rejets[0].ligne, 2);
    }

    #[test]
    fn an_optional_voie_column_with_usual_spellings_and_a_bad_value_named_by_its_line() {
        let csv = "numero;nom;Voie\n1;A;Scolaire\n2;B;apprenti\n3;C;FC\n\
                   4;D;Expérience professionnelle\n5;E;\n6;F;alternance\n7;G;formation continue\n";
        let out = parse(csv.as_bytes()).unwrap();
        assert_eq!(out.candidats.len(), 7, "no candidate is lost");
        let v = |n: &str| out.voies.get(n).copied();
        assert_eq!(v("1"), Some(Voie::Scolaire));
        assert_eq!(v("2"), Some(Voie::Apprentissage));
        assert_eq!(v("3"), Some(Voie::FormationContinue));
        assert_eq!(v("4"), Some(Voie::ExperienceProfessionnelle));
        assert_eq!(v("7"), Some(Voie::FormationContinue));
        assert_eq!((v("5"), v("6")), (None, None));
        assert_eq!(out.rejets.len(), 1);
        assert_eq!(
            out.rejets[0].to_string(),
            "ligne 7 : voie « alternance » inconnue (attendu : scolaire, apprentissage, \
             formation continue ou expérience professionnelle) : personne candidate importée \
             sans voie"
        );
        // Without the column, no voie and no complaint.
        let out = parse(b"numero;nom\n1;A\n").unwrap();
        assert!(out.voies.is_empty() && out.rejets.is_empty());
    }

    #[test]
    fn header_without_required_columns_is_refused() {
        let err = parse(b"prenom;ville\nA;B\n").unwrap_err();
        assert!(err.contains("« numéro » et « nom »"), "{err}");
        assert!(parse(b"").unwrap_err().contains("vide"));
    }

    #[test]
    fn an_optional_column_carries_the_temps_majore() {
        let csv =
            "numero;nom;Temps majoré\n1;A;1/4\n2;B;oui\n3;C;\n4;D;non\n5;E;beaucoup\n6;F;1/2\n";
        let out = parse(csv.as_bytes()).unwrap();
        assert_eq!(out.candidats.len(), 6, "no candidate is lost");
        let f = |n: &str| out.temps_majore.get(n).map(|f| f.to_string());
        assert_eq!(f("1").as_deref(), Some("1/4"));
        assert_eq!(f("2").as_deref(), Some("1/3"));
        assert_eq!((f("3"), f("4"), f("5")), (None, None, None));
        // Kept as written: the opening of the séance refuses it, by the one rule.
        assert_eq!(f("6").as_deref(), Some("1/2"));
        assert_eq!(out.rejets.len(), 1);
        assert_eq!(out.rejets[0].ligne, 6);
        assert!(out.rejets[0].message.contains("« beaucoup » illisible"));
    }

    #[test]
    fn search_ignores_accents_and_case() {
        let out = parse("numero;nom;prenom\n1;Durand;Éloïse\n2;Martin;Paul\n".as_bytes()).unwrap();
        assert_eq!(search(&out.candidats, "eloi"), [0]);
        assert_eq!(search(&out.candidats, "MAR p"), [1]);
        assert_eq!(search(&out.candidats, ""), [0, 1]);
        assert!(search(&out.candidats, "zz").is_empty());
    }

    proptest! {
        #[test]
        fn never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let _ = parse(&bytes);
        }

        #[test]
        fn never_panics_on_csv_like_text(s in "[0-9a-zé;,\"\n\r ]{0,200}") {
            let _ = parse(format!("numero;nom\n{s}").as_bytes());
        }
    }
}
