//! The command line's grammar: French subcommand names with the English ones as aliases, and
//! the options every subcommand shares (`--sessions` and `--referentiel` go before or after the
//! subcommand alike).

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{ArgAction, Parser, Subcommand};
use sno_jury::export;

#[derive(Parser, Debug)]
#[command(
    name = "sno-jury",
    version,
    about = "Minutage et grilles d’évaluation des jurys de la MC « Services numériques aux \
             organisations »",
    long_about = "Minutage et grilles d’évaluation des jurys de la MC « Services numériques aux \
                  organisations ».\n\nSans commande : l’application du jury. Les noms anglais \
                  des commandes (review, export, check) restent acceptés."
)]
pub struct Cli {
    /// Dossier d’un autre référentiel (par défaut : le référentiel intégré).
    #[arg(long, global = true, value_name = "DOSSIER")]
    pub referentiel: Option<PathBuf>,
    /// Dossier des journaux de séance (sinon $SNO_SESSIONS, sinon ./sessions). Répétable pour
    /// la revue, l’export, la vérification et l’impression : plusieurs jurys à la fois ; un
    /// dossier sans journal dont les sous-dossiers en ont est lu comme le dossier d’un centre
    /// (un sous-dossier par jury ; exemples/ n’est jamais lu).
    #[arg(long, global = true, value_name = "DOSSIER", action = clap::ArgAction::Append)]
    pub sessions: Vec<PathBuf>,
    /// Liste des personnes candidates (CSV : numéro ; nom ; prénom ; établissement).
    #[arg(long, value_name = "FICHIER.csv")]
    pub candidats: Option<PathBuf>,
    /// Planning de la journée (CSV : date ; heure ; épreuve ; forme ; situation ; numéro(s) ;
    /// salle ; commission). Par défaut : convocations.csv du dossier des séances, s’il existe.
    #[arg(long, global = true, value_name = "FICHIER.csv")]
    pub convocations: Option<PathBuf>,
    /// Mode entraînement : le temps passe N fois plus vite (séances jamais exportées).
    #[arg(long, value_name = "N", value_parser = vitesse)]
    pub vitesse: Option<u32>,
    /// Affiche cette aide.
    #[arg(short = 'h', long, action = ArgAction::Help, global = true)]
    help: Option<bool>,
    /// Affiche la version.
    #[arg(short = 'V', long, action = ArgAction::Version)]
    version: Option<bool>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Affiche le référentiel : épreuves, formes, situations, phases et critères.
    #[command(name = "referentiel", alias = "référentiel")]
    Referentiel {
        /// Sortie JSON du référentiel chargé.
        #[arg(long)]
        json: bool,
    },
    /// Revue des séances : tableau par personne candidate × épreuve, anomalies, détail.
    #[command(name = "revue", alias = "review")]
    Review {
        /// Imprime le rapport en texte au lieu d’ouvrir l’interface.
        #[arg(long)]
        plain: bool,
        /// Compare les commissions de chaque épreuve (commission d’harmonisation) : effectifs,
        /// moyenne, médiane, écart type, histogramme, profils TI / I / S / TS.
        #[arg(long)]
        harmonisation: bool,
        /// Tient la revue à jour pendant la journée : les journaux qui apparaissent ou changent
        /// dans le(s) dossier(s) sont relus, et un tableau « en direct » montre chaque séance en
        /// cours (commission, phase, temps, écart au planning) et les nouvelles anomalies.
        #[arg(long, conflicts_with = "plain")]
        suivre: bool,
        /// Avec --suivre : relit le(s) dossier(s) toutes les 0,5 s au lieu d’attendre les
        /// notifications du système (automatique sur un partage réseau NFS ou SMB).
        #[arg(long, requires = "suivre")]
        sondage: bool,
    },
    /// Écran de la personne candidate, dans un terminal à part (second écran, vidéoprojecteur) :
    /// la phase, le compte à rebours, le dépassement, la pause ; jamais une note, un
    /// positionnement ni un nom.
    ///
    /// Suit en lecture seule, sans verrou, la séance en cours du dossier des séances (la
    /// dernière ouverte et non terminée ; sinon « En attente d’une séance »), ou le journal
    /// donné. Réagit en moins d’une demi-seconde à chaque action du jury. Quitter : q ou Échap.
    #[command(name = "affichage")]
    Affichage {
        /// Journal de la séance à suivre (sinon : la séance en cours du dossier des séances).
        #[arg(value_name = "SEANCE.jsonl")]
        seance: Option<PathBuf>,
        /// Relit le dossier toutes les 0,5 s au lieu d’attendre les notifications du système
        /// (automatique sur un partage réseau NFS ou SMB).
        #[arg(long)]
        sondage: bool,
    },
    /// Exporte les notes proposées, une ligne par personne candidate × épreuve.
    ///
    /// Seules les grilles validées (journal intact) sont exportées ; les autres sont listées sur
    /// la sortie d’erreur et le code de sortie vaut 3 (le fichier est tout de même écrit).
    /// Les séances d’entraînement ne sont jamais exportées. Le fichier ne peut être ni un
    /// journal de séance (.jsonl) ni dans le dossier des séances.
    #[command(name = "exporter", alias = "export")]
    Export {
        /// Fichier à écrire (remplacé de façon atomique) : notes.xlsx pour un classeur,
        /// notes.csv pour un CSV.
        #[arg(long, value_name = "FICHIER")]
        out: PathBuf,
        /// xlsx : classeur (par défaut pour un fichier .xlsx) ; francais (par défaut sinon) :
        /// CSV « ; », virgule décimale, UTF-8 avec BOM, CRLF ; standard : CSV « , », point
        /// décimal, dates ISO, UTF-8 sans BOM, CRLF.
        #[arg(long, value_enum)]
        format: Option<export::Format>,
        /// Exporte aussi les grilles non validées, marquées comme telles.
        #[arg(long)]
        inclure_non_valides: bool,
    },
    /// Écrit la grille d’évaluation remplie, imprimable (HTML, A4) : celle d’une séance ou
    /// d’une personne candidate, ou toutes (--tous) dans l’ordre des bordereaux.
    #[command(name = "grille", alias = "grid")]
    Grille {
        /// Identifiant de séance ou numéro d’inscription.
        #[arg(
            required_unless_present = "tous",
            conflicts_with_all = ["tous", "epreuve", "date", "commission"]
        )]
        cible: Option<String>,
        /// Toutes les grilles du dossier (avec les filtres ci-dessous), chacune sur une
        /// nouvelle page.
        #[arg(long)]
        tous: bool,
        /// Fichier HTML à écrire.
        #[arg(long, value_name = "FICHIER.html")]
        out: PathBuf,
        #[command(flatten)]
        filtres: Filtres,
    },
    /// Écrit les bordereaux de notation à signer (HTML, A4) : un par épreuve, forme, commission
    /// et jour, chaque note avec l’empreinte de ses journaux ; ce qui n’est pas validé, en
    /// conflit ou au journal rompu est listé « À régulariser », sans note (code de sortie 3, ou
    /// 4 pour un conflit ; le fichier est tout de même écrit).
    #[command(name = "bordereau")]
    Bordereau {
        /// Fichier HTML à écrire.
        #[arg(long, value_name = "FICHIER.html")]
        out: PathBuf,
        #[command(flatten)]
        filtres: Filtres,
    },
    /// Vérifie chaque journal de séance (format, séquence, chaînage, évènements valides).
    #[command(name = "verifier", aliases = ["vérifier", "check"])]
    Check,
    /// Les touches de l’application du jury, écran par écran ; avec --imprimer, une page A4 à
    /// imprimer pour la table du jury (HTML).
    #[command(name = "aide", alias = "keys")]
    Aide {
        /// Écrit la page à imprimer (HTML, une page A4) au lieu d’afficher les touches.
        #[arg(long)]
        imprimer: bool,
        /// Fichier HTML à écrire (avec --imprimer ; par défaut : touches-sno-jury.html).
        #[arg(long, value_name = "FICHIER.html", requires = "imprimer")]
        out: Option<PathBuf>,
    },
}

/// What `bordereau` and `grille --tous` print: every filter given must match.
#[derive(clap::Args, Debug, Default)]
pub struct Filtres {
    /// Seulement cette épreuve (E1, E2 ou E3).
    #[arg(long, value_name = "ÉPREUVE")]
    pub epreuve: Option<String>,
    /// Seulement ce jour (JJ/MM/AAAA).
    #[arg(long, value_name = "JJ/MM/AAAA", value_parser = date)]
    pub date: Option<NaiveDate>,
    /// Seulement les commissions dont un membre porte ce nom (répétable : chacun doit en être).
    #[arg(long, value_name = "NOM")]
    pub commission: Vec<String>,
}

impl Filtres {
    pub fn filtre(self) -> export::Filtre {
        export::Filtre {
            epreuve: self.epreuve,
            date: self.date,
            membres: self.commission,
            lignes: None,
        }
    }
}

/// `--date`: `05/06/2025`, with a French reason when it is not a date.
fn date(s: &str) -> Result<NaiveDate, String> {
    export::selection::parse_date(s).map_err(|e| e.to_string())
}

/// `--vitesse`: a whole number from 1 to 1000, with a French reason when it is not.
fn vitesse(s: &str) -> Result<u32, String> {
    match s.trim().parse::<u32>() {
        Ok(n) if (1..=1000).contains(&n) => Ok(n),
        _ => Err("un nombre entier de 1 à 1000 est attendu".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_speed_is_a_whole_number_from_1_to_1000() {
        assert_eq!(vitesse("30"), Ok(30));
        assert_eq!(vitesse("1000"), Ok(1000));
        for bad in ["0", "1001", "x", "-3", "2.5", ""] {
            assert!(vitesse(bad).is_err(), "{bad}");
        }
    }
}
