//! Every malformed-référentiel case under `tests/data/referentiel_malformed/` is refused with an
//! error that names the file, the place in it and the value at fault — never a panic.
//!
//! Each case file says which of the four files to change, where (a JSON pointer) and to what,
//! and the fragments the error message must contain.

use std::fs;
use std::path::Path;

use serde_json::Value;
use sno_jury::referentiel::load_dir;

const FILES: [&str; 4] = [
    "diplome.json",
    "niveaux.json",
    "epreuves.json",
    "notation.json",
];

/// A copy of the embedded référentiel in `dir`.
fn copy_referentiel(dir: &Path) {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("referentiel");
    for f in FILES {
        fs::copy(src.join(f), dir.join(f)).unwrap();
    }
}

/// Sets `pointer` to `value`, creating the last key of an object if needed.
fn set(doc: &mut Value, pointer: &str, value: Value) {
    let (parent, last) = pointer.rsplit_once('/').unwrap();
    match doc
        .pointer_mut(parent)
        .unwrap_or_else(|| panic!("no {parent}"))
    {
        Value::Object(map) => {
            map.insert(last.to_string(), value);
        }
        Value::Array(items) => items[last.parse::<usize>().unwrap()] = value,
        other => panic!("{parent} is {other}"),
    }
}

#[test]
fn every_malformed_case_names_file_place_and_value() {
    let cases = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/referentiel_malformed");
    let mut entries: Vec<_> = fs::read_dir(&cases)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    assert!(entries.len() >= 15, "the cases are there");
    for case_path in entries {
        let case: Value = serde_json::from_str(&fs::read_to_string(&case_path).unwrap()).unwrap();
        let dir = tempfile::tempdir().unwrap();
        copy_referentiel(dir.path());
        let file = dir.path().join(case["file"].as_str().unwrap());
        let mut doc: Value = serde_json::from_str(&fs::read_to_string(&file).unwrap()).unwrap();
        set(
            &mut doc,
            case["pointer"].as_str().unwrap(),
            case["value"].clone(),
        );
        fs::write(&file, serde_json::to_string_pretty(&doc).unwrap()).unwrap();

        let err = load_dir(dir.path())
            .err()
            .unwrap_or_else(|| panic!("{} was accepted", case_path.display()))
            .to_string();
        for fragment in case["expect"].as_array().unwrap() {
            let fragment = fragment.as_str().unwrap();
            assert!(
                err.contains(fragment),
                "{}: « {fragment} » missing from: {err}",
                case_path.display()
            );
        }
    }
}

#[test]
fn broken_json_names_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    copy_referentiel(dir.path());
    let file = dir.path().join("niveaux.json");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(&file, &text[..text.len() / 2]).unwrap();
    let err = load_dir(dir.path()).unwrap_err().to_string();
    assert!(
        err.contains("niveaux.json") && err.contains("ligne"),
        "{err}"
    );
}

#[test]
fn missing_file_is_named() {
    let dir = tempfile::tempdir().unwrap();
    copy_referentiel(dir.path());
    fs::remove_file(dir.path().join("notation.json")).unwrap();
    let err = load_dir(dir.path()).unwrap_err().to_string();
    assert!(err.contains("notation.json"), "{err}");
}

#[test]
fn a_copy_of_the_embedded_referentiel_loads() {
    let dir = tempfile::tempdir().unwrap();
    copy_referentiel(dir.path());
    let from_dir = load_dir(dir.path()).unwrap();
    assert_eq!(from_dir, sno_jury::referentiel::load_embedded().unwrap());
}

#[test]
fn a_bom_is_accepted() {
    let dir = tempfile::tempdir().unwrap();
    copy_referentiel(dir.path());
    let file = dir.path().join("notation.json");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(&file, format!("\u{feff}{text}")).unwrap();
    load_dir(dir.path()).unwrap();
}
