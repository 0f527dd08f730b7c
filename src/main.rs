//! The `sno-jury` command line: parses arguments and dispatches to the library and the TUI.

use std::path::PathBuf;

use clap::{Parser, Subcommand};
use color_eyre::eyre::{Result, WrapErr, bail};
use sno_jury::export::{self, grille, notes};
use sno_jury::referentiel::{self, Referentiel};
use sno_jury::review::{self, Report, Tz};
use sno_jury::session::sessions_dir;
use sno_jury::tui;

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
    /// Dossier des journaux de séance (sinon $SNO_SESSIONS, sinon ./sessions).
    #[arg(long, value_name = "DOSSIER")]
    sessions: Option<PathBuf>,
    /// Liste des personnes candidates (CSV : numéro ; nom ; prénom ; établissement).
    #[arg(long, value_name = "FICHIER.csv")]
    candidats: Option<PathBuf>,
    /// Mode entraînement : le temps passe N fois plus vite (séances jamais exportées).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1000))]
    vitesse: Option<u32>,
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
    /// Revue des séances : tableau par personne candidate × épreuve, anomalies, détail.
    Review {
        /// Dossier des séances (par défaut : $SNO_SESSIONS, sinon ./sessions ; les
        /// sous-dossiers, dont exemples/, ne sont pas lus).
        #[arg(long, value_name = "DOSSIER")]
        sessions: Option<PathBuf>,
        /// Imprime le rapport en texte au lieu d’ouvrir l’interface.
        #[arg(long)]
        plain: bool,
    },
    /// Exporte les notes proposées en CSV, une ligne par personne candidate × épreuve.
    ///
    /// Seules les grilles validées (journal intact) sont exportées ; les autres sont listées sur
    /// la sortie d’erreur et le code de sortie vaut 3 (le fichier est tout de même écrit).
    /// Les séances d’entraînement ne sont jamais exportées.
    Export {
        /// Fichier CSV à écrire (remplacé de façon atomique).
        #[arg(long, value_name = "FICHIER")]
        out: PathBuf,
        /// Dossier des séances (par défaut : $SNO_SESSIONS, sinon ./sessions).
        #[arg(long, value_name = "DOSSIER")]
        sessions: Option<PathBuf>,
        /// francais : « ; », virgule décimale, UTF-8 avec BOM, CRLF ; standard : « , », point
        /// décimal, dates ISO, UTF-8 sans BOM, CRLF.
        #[arg(long, value_enum, default_value_t)]
        format: export::Format,
        /// Exporte aussi les grilles non validées, marquées comme telles.
        #[arg(long)]
        inclure_non_valides: bool,
    },
    /// Écrit la grille d’évaluation remplie, imprimable (HTML, A4).
    Grille {
        /// Identifiant de séance ou numéro d’inscription.
        cible: String,
        /// Fichier HTML à écrire.
        #[arg(long, value_name = "FICHIER.html")]
        out: PathBuf,
        /// Dossier des séances (par défaut : $SNO_SESSIONS, sinon ./sessions).
        #[arg(long, value_name = "DOSSIER")]
        sessions: Option<PathBuf>,
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

fn load_report(r: &Referentiel, sessions: Option<PathBuf>) -> Result<Report> {
    let dir = sessions_dir(sessions);
    review::load(r, &dir, Tz::Local).wrap_err("lecture des séances")
}

/// The jury's app (no subcommand).
fn launch_tui(
    sessions: Option<PathBuf>,
    candidats: Option<PathBuf>,
    vitesse: Option<u32>,
    r: Referentiel,
) -> Result<()> {
    let import = match candidats {
        Some(path) => sno_jury::candidats::load(&path)?,
        None => Default::default(),
    };
    let cfg = tui::Config {
        dir: sno_jury::session::sessions_dir(sessions),
        import,
        vitesse,
        theme: tui::theme::Theme::from_env(),
        tz: *chrono::Local::now().offset(),
    };
    let mut app = tui::App::new(r, cfg, chrono::Utc::now());
    tui::run::run(&mut app).wrap_err("terminal")
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
        Some(Command::Review { sessions, plain }) => {
            let report = load_report(&r, sessions.or(cli.sessions))?;
            let torn = report.torn_tails();
            for l in &torn {
                eprintln!("{l}");
            }
            if plain {
                print!("{}", review::text::report(&r, &report));
            } else {
                sno_jury::tui::review::run(&r, &report).wrap_err("terminal")?;
                // Said again once the screen is back: the alternate screen hid it.
                for l in &torn {
                    eprintln!("{l}");
                }
            }
            // As `check` says for the same logs: 2 when a torn last line was ignored.
            if !torn.is_empty() {
                std::process::exit(export::EXIT_LIGNE_INCOMPLETE.into());
            }
        }
        Some(Command::Export {
            out,
            sessions,
            format,
            inclure_non_valides,
        }) => {
            let report = load_report(&r, sessions.or(cli.sessions))?;
            let outcome = notes::export(&r, &report, &out, format, inclure_non_valides)?;
            eprint!("{}", notes::stderr_report(&outcome));
            eprintln!("{} ligne(s) écrite(s) dans {}", outcome.rows, out.display());
            match outcome.exit_status() {
                0 => {}
                code => std::process::exit(code.into()),
            }
        }
        Some(Command::Grille {
            cible,
            out,
            sessions,
        }) => {
            let report = load_report(&r, sessions.or(cli.sessions))?;
            let entries = grille::select(&report, &cible);
            if entries.is_empty() {
                bail!(
                    "aucune séance ni personne candidate « {cible} » dans {}",
                    report.dir.display()
                );
            }
            export::write_atomic(&out, grille::html(&r, &report, &entries).as_bytes())?;
            eprintln!(
                "{} grille(s) écrite(s) dans {}",
                entries.len(),
                out.display()
            );
        }
        Some(Command::Check { sessions }) => {
            let dir = sno_jury::session::sessions_dir(sessions.or(cli.sessions));
            let lines = sno_jury::session::check_dir(&dir, &r, chrono::Utc::now());
            if lines.is_empty() {
                println!("Aucune séance dans {}.", dir.display());
            }
            for line in &lines {
                println!("{line}");
            }
            // 1: a log is tampered with or corrupt; 4: séances conflict; 2: only torn tails or
            // séances interrupted at their creation (see README).
            if lines.iter().any(|l| l.is_problem()) {
                std::process::exit(1);
            }
            if lines.iter().any(|l| l.is_conflict()) {
                std::process::exit(export::EXIT_CONFLIT.into());
            }
            if lines.iter().any(|l| !l.is_ok()) {
                std::process::exit(2);
            }
        }
        None => launch_tui(cli.sessions, cli.candidats, cli.vitesse, r)?,
    }
    Ok(())
}
