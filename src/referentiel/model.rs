//! The référentiel as plain data types, deserialised from the JSON files under `referentiel/`.
//!
//! Nothing here encodes a rule of the diploma: every duration, criterion and commission
//! requirement comes from the data files, so a change of the official text is a change of data.

use serde::{Deserialize, Serialize};

use crate::grading::Points;

/// The whole référentiel, assembled from the four data files.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Referentiel {
    pub diplome: Diplome,
    pub niveaux: Niveaux,
    pub epreuves: Epreuves,
    pub notation: Notation,
}

/// `diplome.json`: the diploma, its blocs, competences and critères d'évaluation (annexe III).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Diplome {
    pub intitule: String,
    pub niveau: u8,
    /// Where the text comes from (arrêté, annexe), for the record.
    pub source: String,
    pub blocs: Vec<Bloc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bloc {
    /// "B1", "B2", "B3".
    pub id: String,
    pub intitule: String,
    pub competences: Vec<Competence>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Competence {
    /// "C1.1" … "C3.3".
    pub id: String,
    pub intitule: String,
    pub competences_detaillees: Vec<String>,
    pub criteres: Vec<Critere>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Critere {
    /// "C1.1-1": competence id, a dash, the rank of the criterion (1-based).
    pub id: String,
    pub libelle: String,
}

/// `niveaux.json`: the four positioning levels of the grid, lowest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Niveaux {
    pub source: String,
    pub niveaux: Vec<NiveauDef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NiveauDef {
    /// "TI", "I", "S", "TS".
    pub code: String,
    /// "Très insuffisant", …
    pub libelle: String,
    pub description: String,
}

/// `epreuves.json`: units, épreuves, forms, situations, phases and commissions (annexe IV).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Epreuves {
    pub source: String,
    /// Minutes before the end of a phase at which the jury is warned, when a phase sets none.
    pub alertes_par_defaut_minutes: Vec<u32>,
    /// How far past its duration a timed phase may run before the review flags it (the texts
    /// give none: a practical margin, as data).
    pub tolerance_depassement_secondes: u32,
    /// The qualities a commission member can have.
    pub qualites: Vec<QualiteDef>,
    pub epreuves: Vec<Epreuve>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QualiteDef {
    /// "enseignant", "professionnel".
    pub id: String,
    pub libelle: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Epreuve {
    /// "E1", "E2", "E3".
    pub id: String,
    /// "U1", "U2", "U3".
    pub unite: String,
    pub intitule: String,
    pub coefficient: u32,
    /// The bloc whose competences the épreuve evaluates ("B1").
    pub bloc: String,
    /// Competence ids evaluated, in grid order.
    pub competences: Vec<String>,
    pub formes: Vec<Forme>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FormeKind {
    Ccf,
    Ponctuel,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Forme {
    pub forme: FormeKind,
    /// "orale", "pratique", "pratique et orale", or the text's own words.
    pub nature: String,
    /// The candidates' voies that may take the épreuve in this form (annexe IV, table of forms
    /// by status); another voie is warned about, not refused (the status table also depends on
    /// the establishment, which the app does not know).
    pub voies: Vec<Voie>,
    /// Regulated total duration of the épreuve in this form, in minutes, if the text gives one.
    #[serde(default)]
    pub duree_reglementaire_minutes: Option<u32>,
    pub situations: Vec<Situation>,
    pub commission: Commission,
    /// Work-placement condition (E2): weeks of PFMP required.
    #[serde(default)]
    pub pfmp: Option<ConditionPfmp>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Situation {
    /// "A", "B"; "unique" when the form has a single situation.
    pub id: String,
    pub intitule: String,
    /// False when the commission evaluates without the candidate (not timed, no phases).
    pub candidat_present: bool,
    /// Set when a group presents together (E1 CCF A: 2 to 4, speaking time shared).
    #[serde(default)]
    pub groupe: Option<Groupe>,
    pub phases: Vec<Phase>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Groupe {
    pub min: u32,
    pub max: u32,
    pub temps_de_parole_reparti: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    /// "A", "B", or "expose" / "entretien" / "preparation".
    pub id: String,
    pub intitule: String,
    pub duree_minutes: u32,
    /// True when the duration is a maximum ("exposé de 20 min maximum"): ending early is normal.
    pub maximum: bool,
    /// True when the candidate "dispose de" the time (E3's two-hour production): finishing
    /// sooner is the candidate's right, never a phase cut short.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub dispose_de: bool,
    /// « Sauf cas de nécessité majeure, la personne candidate n’est pas interrompue durant son
    /// exposé » (E1 and E2 ponctuel, phase A): a pause there is flagged.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub sans_interruption: bool,
    /// Shortest regular duration, when the text gives a range ("15 à 20 minutes").
    #[serde(default)]
    pub duree_minimum_minutes: Option<u32>,
    /// Nested parts (E1 ponctuel phase A: 15 min projet + 10 min dossier).
    #[serde(default)]
    pub parties: Vec<Partie>,
    /// Warnings before the end, in minutes; the default list when absent.
    #[serde(default)]
    pub alertes_minutes: Option<Vec<u32>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Partie {
    pub intitule: String,
    pub duree_minutes: u32,
    pub maximum: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Commission {
    /// The official sentence, for display.
    pub texte: String,
    pub membres_minimum: u32,
    /// `null` when the text says « au minimum » (E2 CCF); else the exact number of members.
    pub membres_maximum: Option<u32>,
    /// Roles that must be held; each by a member of `qualite`, or of `remplacable_par`.
    pub roles: Vec<RoleCommission>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleCommission {
    pub qualite: String,
    pub libelle: String,
    #[serde(default)]
    pub remplacable_par: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConditionPfmp {
    pub semaines: u32,
    /// Minimum for candidates positionnés by decision of the recteur…
    pub semaines_positionne: u32,
    /// …« pour les candidats issus de la voie scolaire ».
    pub voies_positionnement: Vec<Voie>,
    /// Voies whose training in the workplace is attested otherwise (apprentices' work
    /// certificate, professional experience's certificates): no weeks are counted.
    pub voies_sans_duree: Vec<Voie>,
}

/// How a candidate is trained (annexe IV, « Périodes de formation en milieu professionnel »,
/// A to E).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Voie {
    Scolaire,
    Apprentissage,
    FormationContinue,
    ExperienceProfessionnelle,
}

impl Voie {
    pub const ALL: [Voie; 4] = [
        Voie::Scolaire,
        Voie::Apprentissage,
        Voie::FormationContinue,
        Voie::ExperienceProfessionnelle,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Voie::Scolaire => "voie scolaire",
            Voie::Apprentissage => "apprentissage",
            Voie::FormationContinue => "formation continue",
            Voie::ExperienceProfessionnelle => "expérience professionnelle",
        }
    }

    /// Reads a voie as a candidates list may write it (`scolaire`, `apprenti`, `FC`, …).
    pub fn parse(s: &str) -> Option<Voie> {
        let k: String = s
            .trim()
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect();
        match k.as_str() {
            "scolaire" | "voiescolaire" | "statutscolaire" => Some(Voie::Scolaire),
            "apprentissage" | "apprenti" | "apprentie" => Some(Voie::Apprentissage),
            "formationcontinue" | "fc" | "formationprofessionnellecontinue" => {
                Some(Voie::FormationContinue)
            }
            "experienceprofessionnelle" | "expérienceprofessionnelle" | "ep" => {
                Some(Voie::ExperienceProfessionnelle)
            }
            _ => None,
        }
    }
}

impl ConditionPfmp {
    /// Weeks of PFMP the candidate must have done: `None` when the voie attests it otherwise.
    /// An unknown voie follows the general rule (12, or 8 when positionné as a scolaire would).
    pub fn semaines_pour(&self, voie: Option<Voie>, positionne: bool) -> Option<u32> {
        if voie.is_some_and(|v| self.voies_sans_duree.contains(&v)) {
            return None;
        }
        let positionnable = voie.is_none_or(|v| self.voies_positionnement.contains(&v));
        Some(if positionne && positionnable {
            self.semaines_positionne
        } else {
            self.semaines
        })
    }
}

/// `notation.json`: the grading model of the grid and the indicative level table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Notation {
    pub source: String,
    /// 20: each competence is noted /20.
    pub note_max_competence: u32,
    /// 60: the note globale proposée.
    pub total_max: u32,
    /// 20: the note proposée, total/3 rounded up to the half point.
    pub note_finale_max: u32,
    /// Annexe IV, every form: the proposed note is never told to the candidate.
    pub proposition_non_communicable: String,
    /// Indicative bands of the /20 scale per level: never an official rule.
    pub bareme_indicatif: BaremeIndicatif,
    /// What an absence or a dispense gives: the seeds are silent, the general rule of vocational
    /// diplomas is quoted in `source`.
    pub absences: RegleAbsences,
    /// When the harmonisation view points a commission out (never a judgement).
    pub harmonisation: SeuilsHarmonisation,
    /// Aménagement d’épreuve « temps majoré »: its bound, quoted with its source.
    pub temps_majore: super::RegleTempsMajore,
}

/// Thresholds of the harmonisation view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeuilsHarmonisation {
    pub source: String,
    /// A commission whose mean note /20 differs from the épreuve's by more than this…
    pub ecart_moyenne_points: Points,
    /// …over at least this many candidates is pointed out.
    pub candidats_minimum: u32,
}

/// The outcome of each way a candidate can be not assessed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegleAbsences {
    pub source: String,
    /// Absent, force majeure dûment justifiée.
    pub absent_justifie: IssueNonEvalue,
    /// Absent without a justified case of force majeure.
    pub absent_non_justifie: IssueNonEvalue,
    /// Dispensé de l'épreuve.
    pub dispense: IssueNonEvalue,
}

/// The note and the words of one kind of non-assessment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IssueNonEvalue {
    /// Note /20 attributed (`null`: no note at all, which is not a zero).
    pub note: Option<Points>,
    /// The statut as the notes file, the review and the printed grid word it.
    pub statut: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaremeIndicatif {
    pub explication: String,
    pub bandes: Vec<Bande>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bande {
    /// Level code ("TI").
    pub niveau: String,
    /// Lower and upper bound on the /20 scale (halves allowed: 4.5).
    pub min: Points,
    pub max: Points,
}
