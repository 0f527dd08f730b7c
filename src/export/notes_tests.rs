//! Unit tests of the row model, the outcome and the choice of format.

use std::path::Path;

use super::*;
use crate::referentiel::load_embedded;

fn left(numero: &str, nom: &str, epreuve: &str, reason: Reason) -> LeftOut {
    LeftOut {
        numero: numero.into(),
        nom: nom.into(),
        prenom: "P".into(),
        epreuve: epreuve.into(),
        forme: FormeKind::Ponctuel,
        reason,
    }
}

#[test]
fn stderr_report_lists_each_kind_of_gap() {
    assert_eq!(stderr_report(&Outcome::default()), "");
    let o = Outcome {
        rows: 4,
        left_out: vec![
            left("1", "A", "E2", Reason::NotValid("grille non validée")),
            left("7", "T", "E1", Reason::Training),
            left("8", "U", "E1", Reason::Training),
        ],
        marked: vec![
            left("2", "B", "E3", Reason::NotValid("épreuve en cours")),
            left("3", "C", "E3", Reason::NotValid("x")),
        ],
        unreadable: vec!["s/x.jsonl".into()],
        ..Outcome::default()
    };
    assert_eq!(o.training(), 2);
    assert!(!o.complete());
    assert_eq!(
        stderr_report(&o),
        "1 candidat × épreuve non exporté(s) (relancer avec --inclure-non-valides pour les \
         exporter marqués comme tels) :\n  E2 A P (n° 1) : grille non validée\n\
         2 candidat × épreuve exporté(s) comme NON VALIDÉ(S) :\n  E3 B P (n° 2) : épreuve en \
         cours\n  E3 C P (n° 3) : x\n\
         1 journal(journaux) illisible(s), sans personne candidate identifiable :\n  \
         s/x.jsonl\n\
         2 candidat × épreuve en mode entraînement ignoré(s) (jamais exportés).\n"
    );
}

#[test]
fn training_alone_leaves_the_export_complete() {
    let o = Outcome {
        left_out: vec![left("7", "T", "E1", Reason::Training)],
        ..Outcome::default()
    };
    assert!(o.complete());
    assert_eq!(
        o.left_out[0].line(),
        "E1 T P (n° 7) : séance d’entraînement, jamais exportée"
    );
}

#[test]
fn the_extension_chooses_the_format_unless_told() {
    let f = |explicit, out: &str| Format::for_output(explicit, Path::new(out));
    assert_eq!(f(None, "notes.xlsx").unwrap(), Format::Xlsx);
    assert_eq!(f(None, "NOTES.XLSX").unwrap(), Format::Xlsx);
    assert_eq!(f(None, "notes.csv").unwrap(), Format::Francais);
    assert_eq!(f(None, "notes").unwrap(), Format::Francais);
    assert_eq!(
        f(Some(Format::Standard), "notes.csv").unwrap(),
        Format::Standard
    );
    assert_eq!(f(Some(Format::Xlsx), "notes").unwrap(), Format::Xlsx);
    assert_eq!(f(Some(Format::Xlsx), "notes.xlsx").unwrap(), Format::Xlsx);
    let e = f(Some(Format::Francais), "notes.xlsx").unwrap_err();
    let msg = e.to_string();
    assert!(
        msg.contains("notes.xlsx") && msg.contains("« francais »"),
        "{msg}"
    );
    assert!(f(Some(Format::Xlsx), "notes.csv").is_err());
}

#[test]
fn every_row_has_the_header_s_columns_competences_included() {
    let r = load_embedded().unwrap();
    let h = header(&r);
    let k = competence_columns(&r);
    assert_eq!(k, 3, "three competences per épreuve in the MC SNO");
    assert_eq!(
        h[9..14],
        [
            "Note /60",
            "Note /20",
            "Compétence 1 /20",
            "Compétence 2 /20",
            "Compétence 3 /20"
        ]
    );
    let row = NoteRow {
        numero: "0251".into(),
        nom: "N".into(),
        prenom: "P".into(),
        etablissement: "E".into(),
        epreuve: "E1".into(),
        unite: "U1".into(),
        forme: FormeKind::Ccf,
        dates: vec![],
        sur60: None,
        sur20: None,
        // Fewer competences than columns (an absence): padded with blanks, never shifted.
        competences: vec![],
        statut: "dispensé".into(),
        commission: String::new(),
        validation: VALIDEE.into(),
    };
    let cells = row.cells(k);
    assert_eq!(cells.len(), h.len());
    assert_eq!(cells[7], Cell::Date(None));
    assert_eq!(cells[11..14], [Cell::Number(None); 3]);
    assert_eq!(cells[14], Cell::Text("dispensé"));
}
