//! The `sno-jury` command line: parses arguments and dispatches to the library and the TUI.

use std::path::PathBuf;

use clap::{Parser, Subcommand};
use color_eyre::eyre::{Result, WrapErr};
use sno_jury::referentiel::{self, Referentiel};

#[derive(Parser)]
#[command(
    name = "sno-jury",
    version,
    about = "Minutage et grilles d’évaluation des jurys de la MC « Services numériques aux organisations »"
)]
struct Cli {
    /// Dossier d’un autre référentiel (par défaut : le référentiel intégré).
    #[arg(long, global = true, value_name = "DOSSIER")]
    referentiel: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Affiche le référentiel : épreuves, formes, situations, phases et critères.
    Referentiel {
        /// Sortie JSON du référentiel chargé.
        #[arg(long)]
        json: bool,
    },
    /// Vérifie chaque journal de séance (format, séquence, chaînage, évènements valides).
    Check {
        /// Dossier des séances (par défaut : ./sessions).
        #[arg(long, env = "SNO_SESSIONS", value_name = "DOSSIER")]
        sessions: Option<PathBuf>,
    },
}

fn load(cli: &Cli) -> Result<Referentiel> {
    match &cli.referentiel {
        Some(dir) => referentiel::load_dir(dir).wrap_err("chargement du référentiel"),
        None => referentiel::load_embedded().wrap_err("référentiel intégré"),
    }
}

fn main() -> Result<()> {
    color_eyre::install()?;
    let cli = Cli::parse();
    let r = load(&cli)?;
    match cli.command {
        Some(Command::Referentiel { json }) => {
            if json {
                println!("{}", serde_json::to_string_pretty(&r)?);
            } else {
                print!("{}", referentiel::describe(&r));
            }
        }
        Some(Command::Check { sessions }) => {
            let dir = sno_jury::session::sessions_dir(sessions);
            let lines = sno_jury::session::check_dir(&dir, &r);
            if lines.is_empty() {
                println!("Aucune séance dans {}.", dir.display());
            }
            for line in &lines {
                println!("{line}");
            }
            // 1: a log is tampered with or corrupt; 2: only torn tails (see README).
            if lines.iter().any(|l| l.is_problem()) {
                std::process::exit(1);
            }
            if lines.iter().any(|l| !l.is_ok()) {
                std::process::exit(2);
            }
        }
        None => {
            println!("{}", referentiel::describe(&r));
        }
    }
    Ok(())
}
