//! Operating-system errors in French, with the verb of what was being done.
//!
//! The OS's own text is English (« Permission denied (os error 13) ») and says nothing of the
//! operation: a refused *read* must not be reported as « écriture refusée ». Callers say which
//! operation failed ([`Op`]); the common causes a jury or a coordinator can fix (disk full,
//! rights, a missing file or folder) get French words, anything rarer keeps its system code so
//! that support can still look it up.

use std::io;

/// What was being done when the error happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// Reading a file.
    Read,
    /// Creating, writing, syncing or renaming a file (or creating a folder).
    Write,
    /// Listing a folder.
    List,
}

/// The cause in a few French words (no file name, no system code).
pub fn reason(e: &io::Error, op: Op) -> &'static str {
    use io::ErrorKind as K;
    match (e.kind(), op) {
        (K::StorageFull | K::FileTooLarge | K::QuotaExceeded, _) => "disque plein",
        (K::ReadOnlyFilesystem, _) => "disque en lecture seule",
        (K::PermissionDenied, Op::Read) => "lecture refusée (droits insuffisants)",
        (K::PermissionDenied, Op::List) => "accès au dossier refusé (droits insuffisants)",
        (K::PermissionDenied, Op::Write) => "écriture refusée (droits insuffisants)",
        (K::NotFound, Op::Read) => "fichier introuvable",
        // Writing creates the file: what is missing is the folder it goes in.
        (K::NotFound, Op::List | Op::Write) => "dossier introuvable",
        (K::IsADirectory, _) => "c’est un dossier, pas un fichier",
        (K::NotADirectory, Op::List) => "ce n’est pas un dossier",
        (K::NotADirectory, _) => "un élément du chemin n’est pas un dossier",
        (K::InvalidInput, _) => "donnée refusée",
        (K::InvalidData, _) => "contenu illisible",
        (_, Op::Read | Op::List) => "erreur de lecture",
        (_, Op::Write) => "erreur d’écriture",
    }
}

/// The cause as one French phrase: [`reason`]; for an error without French words, the program's
/// own message if it made the error itself (those are written in French), else the words and the
/// system code, so that support can still look it up.
pub fn describe(e: &io::Error, op: Op) -> String {
    let words = reason(e, op);
    let generic = matches!(
        words,
        "erreur de lecture" | "erreur d’écriture" | "donnée refusée" | "contenu illisible"
    );
    match (generic, e.raw_os_error(), e.get_ref()) {
        (true, None, Some(own)) => own.to_string(),
        (true, Some(code), _) => format!("{words} (code système {code})"),
        _ => words.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(kind: io::ErrorKind) -> io::Error {
        io::Error::from(kind)
    }

    #[test]
    fn the_verb_follows_the_operation() {
        let denied = os(io::ErrorKind::PermissionDenied);
        assert_eq!(
            reason(&denied, Op::Read),
            "lecture refusée (droits insuffisants)"
        );
        assert_eq!(
            reason(&denied, Op::Write),
            "écriture refusée (droits insuffisants)"
        );
        assert!(reason(&denied, Op::List).starts_with("accès au dossier refusé"));
        let missing = os(io::ErrorKind::NotFound);
        assert_eq!(reason(&missing, Op::Read), "fichier introuvable");
        assert_eq!(reason(&missing, Op::Write), "dossier introuvable");
        assert_eq!(
            reason(&os(io::ErrorKind::StorageFull), Op::Write),
            "disque plein"
        );
    }

    #[test]
    fn real_os_errors_are_french_and_rare_ones_keep_their_code() {
        // ENOENT, EACCES, ENOSPC, EIO as the OS gives them (Linux and macOS numbers agree on
        // the first three; EIO is 5 on both).
        #[cfg(unix)]
        {
            let e = io::Error::from_raw_os_error(2);
            assert_eq!(describe(&e, Op::Read), "fichier introuvable");
            let e = io::Error::from_raw_os_error(13);
            assert_eq!(
                describe(&e, Op::Read),
                "lecture refusée (droits insuffisants)"
            );
            let e = io::Error::from_raw_os_error(28);
            assert_eq!(describe(&e, Op::Write), "disque plein");
            let e = io::Error::from_raw_os_error(5);
            assert_eq!(describe(&e, Op::Read), "erreur de lecture (code système 5)");
        }
        let own = io::Error::new(io::ErrorKind::InvalidInput, "identifiant invalide");
        assert_eq!(describe(&own, Op::Write), "identifiant invalide");
        assert_eq!(
            describe(&os(io::ErrorKind::Other), Op::Write),
            "erreur d’écriture"
        );
    }
}
