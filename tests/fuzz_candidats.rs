//! Fuzzing the candidates CSV import (`sno_jury::candidats`): the file comes from a spreadsheet
//! someone else made. Arbitrary bytes never panic, and a refused file gets a French message
//! naming it; every skipped line is named by a line number that exists in the file; a well-formed
//! list (any delimiter, BOM or not, CRLF or LF, quoted fields with separators, quotes and line
//! breaks inside) comes back exactly; one bad line among good ones is reported at its own line.

use proptest::prelude::*;
use sno_jury::candidats::{CandidatsError, Import, load, parse};
use sno_jury::session::Candidat;

/// The French openings of a refusal of the whole file.
const REFUSALS: [&str; 3] = ["fichier vide", "en-tête illisible", "ligne 1 : colonne"];

/// Checks what holds whatever the bytes: a refusal is one of the known French messages, and
/// `load` names the file; every rejected line is a line of the file (≥ 2: line 1 is the header).
/// Lines end with `\n`, `\r\n` or a lone `\r`, as the import counts them.
fn parse_checked(bytes: &[u8]) -> Result<Option<Import>, TestCaseError> {
    let lone_cr = bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
        .count();
    let lines = 1 + (bytes.iter().filter(|&&b| b == b'\n').count() + lone_cr) as u64;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("candidats.csv");
    std::fs::write(&path, bytes).expect("written");
    let loaded = load(&path);
    match parse(bytes) {
        Err(message) => {
            prop_assert!(
                REFUSALS.iter().any(|m| message.starts_with(m)),
                "unclear refusal: {}",
                message
            );
            match loaded {
                Err(CandidatsError::Format { file, message: m }) => {
                    prop_assert_eq!(&file, &path);
                    prop_assert_eq!(&m, &message);
                    let shown = CandidatsError::Format { file, message: m }.to_string();
                    prop_assert!(shown.starts_with(&path.display().to_string()), "{}", shown);
                }
                other => prop_assert!(false, "load disagrees with parse: {other:?}"),
            }
            Ok(None)
        }
        Ok(import) => {
            for rejet in &import.rejets {
                prop_assert!(
                    (2..=lines).contains(&rejet.ligne),
                    "rejected line {} of a {}-line file: {}",
                    rejet.ligne,
                    lines,
                    rejet
                );
                prop_assert!(!rejet.message.trim().is_empty());
                let expected = format!("ligne {} : ", rejet.ligne);
                prop_assert!(rejet.to_string().starts_with(&expected));
            }
            for c in &import.candidats {
                prop_assert!(!c.numero.is_empty() && !c.nom.is_empty(), "{c:?}");
            }
            let mut numeros: Vec<&str> =
                import.candidats.iter().map(|c| c.numero.as_str()).collect();
            numeros.sort_unstable();
            let before = numeros.len();
            numeros.dedup();
            prop_assert_eq!(before, numeros.len(), "a numéro imported twice");
            let loaded = loaded.ok();
            prop_assert_eq!(loaded.as_ref(), Some(&import));
            Ok(Some(import))
        }
    }
}

/// Header spellings seen in real exports, per field.
const NUMERO: [&str; 4] = ["N° d'inscription", "Numéro", "numero", "NUM_INSCRIPTION"];
const NOM: [&str; 3] = ["Nom", "NOM", "nom de naissance"];
const PRENOM: [&str; 3] = ["Prénom", "prenom", "PRÉNOM(S)"];
const ETAB: [&str; 3] = ["Établissement", "etablissement", "Etab."];

/// A field as a spreadsheet may hold it: accents, separators, quotes, line breaks inside.
fn field() -> impl Strategy<Value = String> {
    "[A-Za-z0-9éèÉçàôœ' ;,\"\n-]{1,20}".prop_filter_map("blank after trim", |s| {
        let t = s.trim().to_string();
        (!t.is_empty()).then_some(t)
    })
}

fn candidats() -> impl Strategy<Value = Vec<Candidat>> {
    proptest::collection::vec((field(), field(), field(), field()), 0..12).prop_map(|rows| {
        rows.into_iter()
            .enumerate()
            // Numéros unique by construction: a duplicate is a rejected line, tested apart.
            .map(|(i, (n, nom, prenom, etablissement))| Candidat {
                numero: format!("{i}-{n}"),
                nom,
                prenom,
                etablissement,
            })
            .collect()
    })
}

/// Writes a candidates file the way a spreadsheet exports it.
fn write_csv(
    list: &[Candidat],
    order: &[usize; 4],
    names: [usize; 4],
    delimiter: u8,
    crlf: bool,
    bom: bool,
) -> Vec<u8> {
    let headers = [
        NUMERO[names[0] % NUMERO.len()],
        NOM[names[1] % NOM.len()],
        PRENOM[names[2] % PRENOM.len()],
        ETAB[names[3] % ETAB.len()],
    ];
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .terminator(if crlf {
            csv::Terminator::CRLF
        } else {
            csv::Terminator::Any(b'\n')
        })
        .from_writer(Vec::new());
    w.write_record(order.iter().map(|&i| headers[i]))
        .expect("header");
    for c in list {
        let fields = [&c.numero, &c.nom, &c.prenom, &c.etablissement];
        w.write_record(order.iter().map(|&i| fields[i].as_str()))
            .expect("row");
    }
    let mut out = if bom {
        b"\xEF\xBB\xBF".to_vec()
    } else {
        Vec::new()
    };
    out.extend(w.into_inner().expect("flushed"));
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        parse_checked(&bytes)?;
    }

    /// Past a usable header, so the data lines themselves get fuzzed.
    #[test]
    fn arbitrary_lines_after_a_header(
        semicolon in any::<bool>(),
        lines in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..60), 0..20),
    ) {
        let header: &[u8] = if semicolon { b"numero;nom;prenom\n" } else { b"numero,nom,prenom\n" };
        let mut bytes = header.to_vec();
        bytes.extend(lines.join(&b'\n'));
        prop_assert!(parse_checked(&bytes)?.is_some(), "a good header is never refused");
    }

    /// Text that looks like CSV: quotes, separators, CR and LF everywhere.
    #[test]
    fn csv_like_text(s in "[0-9a-zé;,\"\r\n ]{0,300}") {
        parse_checked(format!("N° d'inscription;Nom;Prénom\n{s}").as_bytes())?;
    }

    #[test]
    fn well_formed_lists_come_back_exactly(
        list in candidats(),
        order in Just([0usize, 1, 2, 3]).prop_shuffle(),
        names in any::<[usize; 4]>(),
        semicolon in any::<bool>(),
        crlf in any::<bool>(),
        bom in any::<bool>(),
    ) {
        let order: [usize; 4] = order;
        let bytes = write_csv(&list, &order, names, if semicolon { b';' } else { b',' }, crlf, bom);
        let import = parse_checked(&bytes)?.expect("accepted");
        prop_assert_eq!(import.rejets, vec![]);
        prop_assert_eq!(import.candidats, list);
    }

    /// One bad line (no numéro, no nom, a duplicate numéro, or not UTF-8) among good ones: it is
    /// the only line skipped, named by its own line number (with LF or CRLF line ends); every
    /// other candidate is imported.
    #[test]
    fn one_bad_line_is_named(
        n in 1usize..15,
        at in 0usize..15,
        kind in 0u8..4,
        semicolon in any::<bool>(),
        crlf in any::<bool>(),
    ) {
        let d = if semicolon { ';' } else { ',' };
        let good: Vec<String> = (0..n).map(|i| format!("{i}{d}Nom{i}{d}Prénom{i}")).collect();
        let at = at % (n + 1);
        let bad: Vec<u8> = match kind {
            0 => format!("{d}Sansnuméro{d}x").into_bytes(),
            1 => format!("99{d}{d}x").into_bytes(),
            2 => format!("0{d}Doublon{d}x").into_bytes(),
            _ => [b"98".as_slice(), &[d as u8], b"Nom\xff\xfe", &[d as u8], b"x"].concat(),
        };
        // A duplicate of candidate 0 needs candidate 0 before it.
        let at = if kind == 2 { at.max(1) } else { at };
        let mut lines: Vec<Vec<u8>> = good.iter().map(|l| l.clone().into_bytes()).collect();
        lines.insert(at, bad);
        let end: &[u8] = if crlf { b"\r\n" } else { b"\n" };
        let mut bytes = format!("numero{d}nom{d}prenom").into_bytes();
        bytes.extend_from_slice(end);
        bytes.extend(lines.join(end));
        bytes.extend_from_slice(end);
        let import = parse_checked(&bytes)?.expect("accepted");
        prop_assert_eq!(import.candidats.len(), n);
        prop_assert_eq!(import.rejets.len(), 1, "{:?}", import.rejets);
        prop_assert_eq!(import.rejets[0].ligne, at as u64 + 2);
    }
}
