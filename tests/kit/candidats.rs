//! Candidates for the fixtures: numbered ones when only the numéro matters, named ones when a
//! test or a snapshot shows the name.

use sno_jury::session::Candidat;

/// Candidate `numero`, named « Camille Nom<numero> », of the Lycée Jean Moulin.
pub fn candidat(numero: &str) -> Candidat {
    Candidat {
        numero: numero.into(),
        nom: format!("Nom{numero}"),
        prenom: "Camille".into(),
        etablissement: "Lycée Jean Moulin".into(),
    }
}

/// [`candidat`] for each numéro.
pub fn candidats(numeros: &[&str]) -> Vec<Candidat> {
    numeros.iter().map(|n| candidat(n)).collect()
}

/// A named candidate of the Lycée Gustave Eiffel, Bordeaux.
pub fn cand(numero: &str, nom: &str, prenom: &str) -> Candidat {
    Candidat {
        numero: numero.into(),
        nom: nom.into(),
        prenom: prenom.into(),
        etablissement: "Lycée Gustave Eiffel, Bordeaux".into(),
    }
}
