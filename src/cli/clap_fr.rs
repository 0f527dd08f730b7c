//! clap in French: help headings and templates, and the parse errors rewritten from clap's
//! structured context (clap itself only speaks English).
//!
//! Help: every command gets a template with « Utilisation : », and every argument a heading
//! (« Options », « Arguments », « Commandes »); possible and default values, which clap would
//! print as « [possible values: …] », are appended to the help text in French instead, so a new
//! value of a `ValueEnum` shows up without anyone editing a doc line.
//!
//! Errors: one French sentence from the error's kind and context, a « Vouliez-vous dire … ? »
//! when clap has a suggestion, the usage line and where to find help; exit status 2 as clap does.

use std::error::Error as _;
use std::fmt::Write as _;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, Command};

/// The help layout of every command (clap's default says « Usage: »).
const TEMPLATE: &str =
    "{before-help}{about-with-newline}\nUtilisation : {usage}\n\n{all-args}{after-help}";

/// The headings; clap appends the colon, the space before it is French typography.
const OPTIONS: &str = "Options ";
const ARGUMENTS: &str = "Arguments ";
const COMMANDES: &str = "Commandes ";

/// `cmd` with French help throughout (recursively), no colours, no `help` subcommand.
pub fn frenchify(cmd: Command) -> Command {
    let cmd = cmd
        .color(clap::ColorChoice::Never)
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .disable_version_flag(true);
    french_command(cmd)
}

fn french_command(cmd: Command) -> Command {
    cmd.help_template(TEMPLATE)
        .subcommand_help_heading(COMMANDES)
        .subcommand_value_name("COMMANDE")
        .mut_args(french_arg)
        .mut_subcommands(french_command)
}

fn french_arg(arg: Arg) -> Arg {
    let heading = if arg.is_positional() {
        ARGUMENTS
    } else {
        OPTIONS
    };
    let mut arg = if arg.get_help_heading().is_none() {
        arg.help_heading(heading)
    } else {
        arg
    };
    if let Some(h) = arg.get_help().map(|h| nbsp(&h.to_string())) {
        arg = arg.help(h);
    }
    if let Some(h) = arg.get_long_help().map(|h| nbsp(&h.to_string())) {
        arg = arg.long_help(h);
    }
    if !arg.get_action().takes_values() {
        return arg;
    }
    let mut extra = Vec::new();
    let values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if !values.is_empty() && !arg.is_hide_possible_values_set() {
        extra.push(format!("valeurs possibles : {}", values.join(", ")));
    }
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty() && !arg.is_hide_default_value_set() {
        extra.push(format!("par défaut : {}", defaults.join(", ")));
    }
    if extra.is_empty() {
        return arg;
    }
    let extra = format!("[{}]", extra.join(" ; "));
    let help = arg.get_help().map(|h| format!("{h} {extra}"));
    let long = arg.get_long_help().map(|h| format!("{h}\n\n{extra}"));
    let arg = arg
        .hide_possible_values(true)
        .hide_default_value(true)
        .help(help.unwrap_or_else(|| extra.clone()));
    match long {
        Some(long) => arg.long_help(long),
        None => arg,
    }
}

/// French spacing that survives clap's line wrapping: a no-break space before « ; », « : »,
/// « ? », « » » and after « « », so a wrapped help line never starts with a lone « ; ».
fn nbsp(text: &str) -> String {
    text.replace(" ;", "\u{a0};")
        .replace(" :", "\u{a0}:")
        .replace(" ?", "\u{a0}?")
        .replace(" »", "\u{a0}»")
        .replace("« ", "«\u{a0}")
}

/// One context value as text (a list joined with commas).
fn value(err: &clap::Error, kind: ContextKind) -> Option<String> {
    match err.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) if v.is_empty() => None,
        ContextValue::Strings(v) => Some(v.join(", ")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(v) => Some(
            v.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ContextValue::Number(n) => Some(n.to_string()),
        ContextValue::Bool(b) => Some(b.to_string()),
        ContextValue::None => None,
        _ => None,
    }
}

/// The main sentence for a parse error, without « Erreur : ».
fn sentence(err: &clap::Error) -> String {
    let arg = value(err, ContextKind::InvalidArg).unwrap_or_default();
    let val = value(err, ContextKind::InvalidValue).unwrap_or_default();
    match err.kind() {
        ErrorKind::UnknownArgument => format!("argument inattendu « {arg} »"),
        ErrorKind::InvalidSubcommand => {
            let sub = value(err, ContextKind::InvalidSubcommand).unwrap_or_default();
            format!("commande inconnue « {sub} »")
        }
        ErrorKind::InvalidValue if val.is_empty() => {
            format!("une valeur est attendue après {arg}")
        }
        ErrorKind::InvalidValue => format!("valeur « {val} » invalide pour {arg}"),
        ErrorKind::ValueValidation => match err.source() {
            Some(why) => format!("valeur « {val} » invalide pour {arg} : {why}"),
            None => format!("valeur « {val} » invalide pour {arg}"),
        },
        ErrorKind::MissingRequiredArgument => {
            format!("argument obligatoire manquant : {arg}")
        }
        ErrorKind::MissingSubcommand => {
            let parent = value(err, ContextKind::InvalidSubcommand).unwrap_or_default();
            format!("une commande est attendue après « {parent} »")
        }
        ErrorKind::ArgumentConflict => match value(err, ContextKind::PriorArg) {
            Some(prior) => format!("{arg} ne peut pas être employé avec {prior}"),
            None => format!("{arg} ne peut pas être employé ici"),
        },
        ErrorKind::NoEquals => format!("{arg} attend sa valeur après « = »"),
        ErrorKind::TooManyValues => format!("valeur « {val} » en trop pour {arg}"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("nombre de valeurs incorrect pour {arg}")
        }
        ErrorKind::InvalidUtf8 => "un argument n’est pas du texte UTF-8 valide".to_string(),
        _ => "ligne de commande invalide".to_string(),
    }
}

/// The subcommands clap suggests, by their French names: clap also matches the English
/// aliases, and `revu` would get « review, revue ».
fn suggested_commands(err: &clap::Error, cmd: &Command) -> Option<String> {
    let Some(ContextValue::Strings(names)) = err.get(ContextKind::SuggestedSubcommand) else {
        return None;
    };
    let mut french: Vec<&str> = Vec::new();
    for name in names {
        let sub = cmd
            .get_subcommands()
            .find(|s| s.get_name() == name || s.get_all_aliases().any(|a| a == name));
        let shown = sub.map_or(name.as_str(), Command::get_name);
        if !french.contains(&shown) {
            french.push(shown);
        }
    }
    (!french.is_empty()).then(|| french.join(" » ou « "))
}

/// The whole French message for a parse error of `cmd` (several lines, ending with a newline).
pub fn render(err: &clap::Error, cmd: &Command) -> String {
    let mut out = format!("Erreur : {}.\n", sentence(err));
    if let Some(s) = value(err, ContextKind::SuggestedArg)
        .or_else(|| suggested_commands(err, cmd))
        .or_else(|| value(err, ContextKind::SuggestedValue))
    {
        let _ = writeln!(out, "Vouliez-vous dire « {s} » ?");
    }
    if let Some(valid) = value(err, ContextKind::ValidValue) {
        let _ = writeln!(out, "Valeurs possibles : {valid}.");
    }
    if let Some(valid) = value(err, ContextKind::ValidSubcommand) {
        let _ = writeln!(out, "Commandes possibles : {valid}.");
    }
    if let Some(usage) = value(err, ContextKind::Usage) {
        let usage = usage.trim();
        let usage = usage.strip_prefix("Usage:").unwrap_or(usage).trim();
        let _ = writeln!(out, "\nUtilisation : {usage}");
    }
    out.push_str("\nPour en savoir plus, essayez « --help ».\n");
    out
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;
    use crate::cli::args::Cli;

    fn error(args: &[&str]) -> String {
        let mut cmd = frenchify(Cli::command());
        let err = cmd
            .try_get_matches_from_mut(args)
            .expect_err("a parse error");
        flat(&render(&err, &cmd))
    }

    /// The text with clap's wrapping and no-break spaces undone, to search it.
    fn flat(text: &str) -> String {
        text.replace('\u{a0}', " ")
            .split(' ')
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
            .replace("\n ", "\n")
    }

    #[test]
    fn parse_errors_are_french() {
        let e = error(&["sno-jury", "revue", "--plein"]);
        assert!(
            e.starts_with("Erreur : argument inattendu « --plein ».\n"),
            "{e}"
        );
        assert!(e.contains("Vouliez-vous dire « --plain » ?"), "{e}");
        assert!(e.contains("Utilisation : sno-jury revue"), "{e}");
        let e = error(&["sno-jury", "exporter", "--out"]);
        assert!(
            e.contains("une valeur est attendue après --out <FICHIER>"),
            "{e}"
        );
        let e = error(&["sno-jury", "exporter"]);
        assert!(
            e.contains("argument obligatoire manquant : --out <FICHIER>"),
            "{e}"
        );
        let e = error(&["sno-jury", "revu"]);
        assert!(e.contains("commande inconnue « revu »"), "{e}");
        assert!(e.contains("Vouliez-vous dire « revue » ?"), "{e}");
        let e = error(&["sno-jury", "chek"]);
        assert!(e.contains("Vouliez-vous dire « verifier » ?"), "{e}");
        let e = error(&["sno-jury", "exporter", "--out", "x", "--format", "tableur"]);
        assert!(
            e.contains("valeur « tableur » invalide pour --format"),
            "{e}"
        );
        assert!(e.contains("Valeurs possibles : francais, standard"), "{e}");
        let e = error(&["sno-jury", "--vitesse", "0"]);
        assert!(
            e.contains("valeur « 0 » invalide pour --vitesse <N> : un nombre entier de 1 à 1000"),
            "{e}"
        );
        for e in [e, error(&["sno-jury", "grille"])] {
            assert!(!e.contains("Usage") && !e.contains("error:"), "{e}");
        }
    }

    #[test]
    fn help_is_french_everywhere() {
        let mut cmd = frenchify(Cli::command());
        let root = cmd.render_long_help().to_string();
        for want in [
            "Utilisation : sno-jury",
            "Commandes :",
            "Options :",
            "Affiche cette aide",
        ] {
            assert!(root.contains(want), "{want} in\n{root}");
        }
        for word in ["Usage", "Commands:", "Print help", "[default", "[possible"] {
            assert!(!root.contains(word), "{word} in\n{root}");
        }
        let export = cmd
            .find_subcommand_mut("exporter")
            .expect("exporter")
            .render_help()
            .to_string()
            .replace('\n', " ");
        let export = flat(&export);
        assert!(
            export.contains("[valeurs possibles : francais, standard, xlsx]"),
            "{export}"
        );
        let grille = cmd
            .find_subcommand_mut("grille")
            .expect("grille")
            .render_help()
            .to_string();
        assert!(grille.contains("Arguments :\n  <CIBLE>"), "{grille}");
    }
}
