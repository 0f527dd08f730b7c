//! The `sno-jury` command line: parses arguments (`cli::args`, in French) and dispatches to the
//! library and the TUI. Every text goes out through `cli::out`; every failure ends as one
//! « Erreur : … » sentence and status 1, a closed pipe as status 0.

mod cli;

use std::mem::ManuallyDrop;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use cli::args::{Cli, Command};
use cli::error::CliError;
use cli::out;
use sno_jury::convocations::{self, Passage};
use sno_jury::export::{self, bordereau, grille, notes, selection};
use sno_jury::referentiel::{self, Referentiel};
use sno_jury::review::{self, Report, Tz};
use sno_jury::session::{self, sessions_dirs};
use sno_jury::tui;

fn main() -> ExitCode {
    cli::crash::install();
    let cli = match cli::parse() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    match run(cli) {
        Ok(code) => code,
        Err(CliError::Pipe) => ExitCode::SUCCESS,
        Err(e) => {
            out::error(&e);
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, CliError> {
    let r = load(&cli)?;
    // Every subcommand reads the same folders, whether --sessions came before or after it.
    let dirs = sessions_dirs(cli.sessions);
    let plan = plan(&r, cli.convocations.as_deref(), &dirs)?;
    let sessions = Sources { dirs, plan };
    match cli.command {
        Some(Command::Referentiel { json }) => {
            if json {
                out::print(&format!("{}\n", serde_json::to_string_pretty(&r)?))?;
            } else {
                out::print(&referentiel::describe(&r))?;
            }
        }
        Some(Command::Review {
            plain,
            harmonisation,
            suivre,
            sondage,
        }) => {
            if suivre {
                return cli::follow::review(
                    &r,
                    &sessions.dirs,
                    &sessions.plan,
                    harmonisation,
                    sondage,
                );
            }
            return review(&r, &sessions, plain, harmonisation);
        }
        Some(Command::Affichage { seance, sondage }) => {
            cli::follow::affichage(&r, &sessions.dirs, seance, sondage)?
        }
        Some(Command::Export {
            out,
            format,
            inclure_non_valides,
        }) => return export_notes(&r, &sessions, &out, format, inclure_non_valides),
        Some(Command::Grille {
            cible,
            tous,
            out,
            filtres,
        }) => {
            check_out(&out, &sessions.dirs)?;
            let report = load_report(&r, &sessions)?;
            let entries = match cible {
                Some(cible) if !tous => {
                    let entries = grille::select(&report, &cible);
                    if entries.is_empty() {
                        return Err(CliError::NoTarget {
                            cible,
                            dir: report.folders(),
                        });
                    }
                    entries
                }
                _ => {
                    let groupes = selection::groupes(&report, &filtres.filtre());
                    selection::entries(&groupes)
                }
            };
            if entries.is_empty() {
                return Err(CliError::NothingToPrint {
                    dir: report.folders(),
                });
            }
            export::write_atomic(&out, grille::html(&r, &report, &entries).as_bytes())?;
            out::eprint(&format!(
                "{} grille(s) écrite(s) dans {}\n",
                entries.len(),
                out.display()
            ));
        }
        Some(Command::Bordereau { out, filtres }) => {
            return bordereau(&r, &sessions, &out, filtres.filtre());
        }
        Some(Command::Check) => return check(&r, &sessions.dirs),
        Some(Command::Aide { imprimer, out }) => aide(imprimer, out, &sessions.dirs)?,
        // The jury's app writes to one folder: the first given.
        None => launch_tui(&sessions, cli.candidats, cli.vitesse, r)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// `aide`: the key card, printed as text, or written as one A4 page of HTML (`--imprimer`).
fn aide(imprimer: bool, out: Option<PathBuf>, dirs: &[PathBuf]) -> Result<(), CliError> {
    if !imprimer {
        out::print(&tui::keycard::text())?;
        return Ok(());
    }
    let out = out.unwrap_or_else(|| PathBuf::from("touches-sno-jury.html"));
    check_out(&out, dirs)?;
    export::write_atomic(&out, tui::keycard::html().as_bytes())?;
    out::eprint(&format!(
        "Page des touches écrite dans {} (une page A4 à imprimer)\n",
        out.display()
    ));
    Ok(())
}

fn load(cli: &Cli) -> Result<Referentiel, CliError> {
    Ok(match &cli.referentiel {
        Some(dir) => referentiel::load_dir(dir)?,
        None => referentiel::load_embedded()?,
    })
}

/// The plan of the day: `--convocations`, else `convocations.csv` in the first sessions
/// folder, else none. Lines that cannot be read are said on stderr, the others kept.
fn plan(
    r: &Referentiel,
    given: Option<&Path>,
    sessions: &[PathBuf],
) -> Result<Vec<Passage>, CliError> {
    let default = sessions.first().map(|d| d.join("convocations.csv"));
    let path = match given {
        Some(p) => p.to_path_buf(),
        None => match default.filter(|p| p.is_file()) {
            Some(p) => p,
            None => return Ok(Vec::new()),
        },
    };
    let c = convocations::load(r, &path).map_err(CliError::Convocations)?;
    let rejets: String = c
        .rejets
        .iter()
        .map(|x| format!("{} : {}\n", path.display(), out::one_line(&x.to_string())))
        .collect();
    out::eprint(&rejets);
    Ok(c.passages)
}

/// What a coordinator's command reads: the sessions folders and the plan of the day.
struct Sources {
    dirs: Vec<PathBuf>,
    plan: Vec<Passage>,
}

/// The report is never dropped: each command reads it until the process ends, and freeing
/// tens of thousands of séance summaries one allocation at a time only delays the exit (a
/// tenth of `exporter`'s time at 10,000 séances); the system takes the memory back at once.
fn load_report(r: &Referentiel, src: &Sources) -> Result<ManuallyDrop<Report>, CliError> {
    let mut report = review::load_dirs(r, &src.dirs, Tz::Local)?;
    report.attendus(&src.plan);
    Ok(ManuallyDrop::new(report))
}

/// An output path must stay clear of every folder read (see `export::check_out`).
fn check_out(out: &Path, sessions: &[PathBuf]) -> Result<(), CliError> {
    for dir in sessions {
        export::check_out(out, dir)?;
    }
    Ok(())
}

/// `exporter`: the CSV of proposed notes; status 3 when some grids are left out or marked.
fn export_notes(
    r: &Referentiel,
    sessions: &Sources,
    out: &Path,
    format: Option<export::Format>,
    inclure_non_valides: bool,
) -> Result<ExitCode, CliError> {
    // Before reading the séances: a wrong --out costs nothing and never touches a log.
    let format = export::Format::for_output(format, out)?;
    check_out(out, &sessions.dirs)?;
    let report = load_report(r, sessions)?;
    // The workbook's creation date: the only clock read of the export, here at the edge.
    let now = chrono::Utc::now();
    let mut outcome = notes::export(r, &report, out, format, inclure_non_valides, now)?;
    for item in outcome.unreadable.iter_mut().chain(&mut outcome.torn) {
        *item = out::one_line(item);
    }
    out::eprint(&notes::stderr_report(&outcome));
    out::eprint(&format!(
        "{} ligne(s) écrite(s) dans {}\n",
        outcome.rows,
        out.display()
    ));
    // 4 conflict, 3 left out, 2 torn last line, 0 (see README).
    Ok(ExitCode::from(outcome.exit_status()))
}

/// `bordereau`: the bordereaux to sign; what is « À régulariser » is listed on stderr too,
/// with status 4 (a conflict), 3 (not validated, log not trusted or unreadable) or 2 (a torn
/// last line ignored), as `exporter` says for the same séances; the file is written anyway.
fn bordereau(
    r: &Referentiel,
    sessions: &Sources,
    out: &Path,
    filtre: export::Filtre,
) -> Result<ExitCode, CliError> {
    check_out(out, &sessions.dirs)?;
    let report = load_report(r, sessions)?;
    // A log naming no candidate has no date or épreuve: it counts only when nothing is filtered.
    let orphans = if filtre == export::Filtre::default() {
        report.orphans.as_slice()
    } else {
        &[]
    };
    let groupes = selection::groupes(&report, &filtre);
    if groupes.is_empty() && report.non_examines.is_empty() {
        return Err(CliError::NothingToPrint {
            dir: report.folders(),
        });
    }
    export::write_atomic(out, bordereau::html(r, &report, &groupes).as_bytes())?;
    let mut text: String = report
        .torn_tails()
        .iter()
        .map(|l| format!("{}\n", out::one_line(l)))
        .collect();
    let apart: Vec<_> = groupes.iter().flat_map(|g| &g.a_regulariser).collect();
    if !apart.is_empty() {
        text.push_str(&format!(
            "{} candidat × épreuve à régulariser :\n",
            apart.len()
        ));
        for (e, why) in &apart {
            let c = &e.candidat;
            let line = format!(
                "{} {} {} (n° {}) : {why}",
                e.epreuve, c.nom, c.prenom, c.numero
            );
            text.push_str(&format!("  {}\n", out::one_line(&line)));
        }
    }
    for &i in orphans {
        let path = report.seances[i].path.display().to_string();
        text.push_str(&format!(
            "journal illisible, sans personne candidate identifiable : {}\n",
            out::one_line(&path)
        ));
    }
    for n in &report.non_examines {
        text.push_str(&format!("{}\n", out::one_line(&n.line())));
    }
    let rows: usize = groupes.iter().map(|g| g.lignes.len()).sum();
    text.push_str(&format!(
        "{} bordereau(x), {rows} note(s) ou statut(s) écrit(s) dans {}\n",
        groupes.len(),
        out.display()
    ));
    out::eprint(&text);
    let conflict = apart
        .iter()
        .any(|(e, _)| e.status == review::Status::Conflit);
    let incomplete = !apart.is_empty() || !orphans.is_empty() || !report.non_examines.is_empty();
    Ok(ExitCode::from(export::exit_status(
        conflict,
        incomplete,
        !report.torn_tails().is_empty(),
    )))
}

/// `revue`: the table and details, as text or on screen; 2 when a torn last line was ignored,
/// as `verifier` says for the same logs.
fn review(
    r: &Referentiel,
    sessions: &Sources,
    plain: bool,
    harmonisation: bool,
) -> Result<ExitCode, CliError> {
    let report = load_report(r, sessions)?;
    let torn: String = report
        .torn_tails()
        .iter()
        .map(|l| format!("{}\n", out::one_line(l)))
        .collect();
    out::eprint(&torn);
    if harmonisation && plain {
        let view = review::harmonisation::harmonisation(r, &report);
        out::print(&review::harmonisation::text(&view))?;
    } else if plain {
        let mut stdout = out::Stream::new();
        // A write error is kept by the stream and said by `finish`.
        let _ = review::text::write(r, &report, &mut stdout);
        stdout.finish()?;
    } else {
        let view = if harmonisation {
            tui::review::View::Harmonisation { scroll: 0 }
        } else {
            tui::review::View::Table
        };
        tui::review::run(r, &report, view).map_err(CliError::Terminal)?;
        // Said again once the screen is back: the alternate screen hid it.
        out::eprint(&torn);
    }
    Ok(if torn.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(export::EXIT_LIGNE_INCOMPLETE)
    })
}

/// `verifier`: one line per log; 1 when a log is tampered with or corrupt, 4 when séances
/// conflict, 2 when only torn tails or séances interrupted at their creation were found (see
/// README).
fn check(r: &Referentiel, dirs: &[PathBuf]) -> Result<ExitCode, CliError> {
    let lines = session::check_dirs(dirs, r, chrono::Utc::now());
    let mut text = String::new();
    if lines.is_empty() {
        let names: Vec<String> = dirs.iter().map(|d| d.display().to_string()).collect();
        text = format!("Aucune séance dans {}.\n", names.join(", "));
    }
    for line in &lines {
        text.push_str(&out::one_line(&line.to_string()));
        text.push('\n');
    }
    out::print(&text)?;
    Ok(if lines.iter().any(|l| l.is_problem()) {
        ExitCode::from(1)
    } else if lines.iter().any(|l| l.is_conflict()) {
        ExitCode::from(export::EXIT_CONFLIT)
    } else if lines.iter().any(|l| !l.is_ok()) {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// The jury's app (no subcommand).
fn launch_tui(
    sessions: &Sources,
    candidats: Option<PathBuf>,
    vitesse: Option<u32>,
    r: Referentiel,
) -> Result<(), CliError> {
    let import = match candidats {
        Some(path) => sno_jury::candidats::load(&path).map_err(CliError::Candidats)?,
        None => Default::default(),
    };
    let cfg = tui::Config {
        dir: sessions.dirs[0].clone(),
        import,
        vitesse,
        theme: tui::theme::Theme::from_env(),
        tz: Tz::Local,
        plan: sessions.plan.clone(),
    };
    let app = tui::App::new(r, cfg, sno_jury::timing::monotonic::now());
    tui::run::run(app).map_err(CliError::Terminal)
}
