//! A real crash (a panic, a bug of sno-jury): color-eyre's report on a terminal, where someone
//! reads it, with the backtrace hints only when RUST_BACKTRACE is set; Rust's plain one-line
//! report through a pipe or into a file, with no colours. Errors the user can fix never come
//! here: they are « Erreur : … » sentences (see `out::error`).

use std::io::IsTerminal;

/// What a coordinator or a jury should know first when the program crashes.
const FIRST_WORDS: &str = "sno-jury s’est arrêté sur une erreur interne : merci de la signaler \
avec ce message. Tout ce qui était affiché comme enregistré est dans les journaux de séance.";

pub fn install() {
    if !std::io::stderr().is_terminal() {
        return;
    }
    let backtrace = std::env::var_os("RUST_BACKTRACE").is_some();
    let hooks = color_eyre::config::HookBuilder::default()
        .panic_section(FIRST_WORDS)
        .display_env_section(backtrace)
        .try_into_hooks();
    if let Ok((panic, _)) = hooks {
        panic.install();
    }
}
