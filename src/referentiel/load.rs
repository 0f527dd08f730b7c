//! Loading the référentiel from its four JSON files, embedded or from a folder, and refusing
//! data that would mislead a jury: every error names the file, the place in it and the value.

use std::path::{Path, PathBuf};

use super::model::*;

/// The files of a référentiel folder, in load order.
pub const FILES: [&str; 4] = [
    "diplome.json",
    "niveaux.json",
    "epreuves.json",
    "notation.json",
];

/// The four files as compiled into the binary, in [`FILES`] order.
pub const EMBEDDED: [&str; 4] = [
    include_str!("../../referentiel/diplome.json"),
    include_str!("../../referentiel/niveaux.json"),
    include_str!("../../referentiel/epreuves.json"),
    include_str!("../../referentiel/notation.json"),
];

/// Why a référentiel could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error(
        "{file} : lecture impossible : {}",
        crate::oserr::describe(source, crate::oserr::Op::Read)
    )]
    Io {
        file: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{file}, ligne {line}, colonne {column} : JSON invalide : {message}")]
    Syntax {
        file: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{file} : {path} = {value} : {message}")]
    Invalid {
        file: PathBuf,
        /// JSON path of the faulty value, e.g. `epreuves[0].formes[1].situations[0].phases[2]`.
        path: String,
        /// The faulty value as written.
        value: String,
        message: String,
    },
}

/// The default référentiel, compiled into the binary.
pub fn load_embedded() -> Result<Referentiel, LoadError> {
    let base = Path::new("<intégré>/referentiel");
    build(|i| Ok((base.join(FILES[i]), EMBEDDED[i].to_string())))
}

/// A référentiel from the texts of its four files, in [`FILES`] order (for tests and fuzzing:
/// errors name the files as `<texte>/diplome.json` …).
pub fn load_texts(texts: [&str; 4]) -> Result<Referentiel, LoadError> {
    let base = Path::new("<texte>");
    build(|i| Ok((base.join(FILES[i]), texts[i].to_string())))
}

/// A référentiel from a folder holding the four files.
pub fn load_dir(dir: &Path) -> Result<Referentiel, LoadError> {
    build(|i| {
        let file = dir.join(FILES[i]);
        std::fs::read_to_string(&file)
            .map(|text| (file.clone(), text))
            .map_err(|source| LoadError::Io { file, source })
    })
}

fn build(
    mut read: impl FnMut(usize) -> Result<(PathBuf, String), LoadError>,
) -> Result<Referentiel, LoadError> {
    let (f0, t0) = read(0)?;
    let (f1, t1) = read(1)?;
    let (f2, t2) = read(2)?;
    let (f3, t3) = read(3)?;
    let r = Referentiel {
        diplome: parse(&f0, &t0)?,
        niveaux: parse(&f1, &t1)?,
        epreuves: parse(&f2, &t2)?,
        notation: parse(&f3, &t3)?,
    };
    super::validate::validate(&r, [&f0, &f1, &f2, &f3])?;
    Ok(r)
}

fn parse<T: serde::de::DeserializeOwned>(file: &Path, text: &str) -> Result<T, LoadError> {
    // A UTF-8 BOM is what some editors add; it is not an error of the data.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    serde_json::from_str(text).map_err(|e| LoadError::Syntax {
        file: file.to_path_buf(),
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })
}
