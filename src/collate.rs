//! French collation of names: the order a French reader expects, not the order of the bytes.
//!
//! Byte order puts « Étienne » after « Weber » and « Lévêque » before « Léger »'s neighbours at
//! random; the Unicode Collation Algorithm with the French locale (ICU4X, data compiled in)
//! compares letters first, then accents, then case: Dupont < Écrivain < Faure, Léger < Lévêque.
//! Sorts call [`key`] once per row (`sort_by_cached_key`) rather than [`compare`] at every
//! comparison: the review sorts thousands of entries.

use std::cmp::Ordering;
use std::sync::LazyLock;

use icu_collator::options::CollatorOptions;
use icu_collator::{CollatorBorrowed, CollatorPreferences};

/// Built once, at first use; `None` only if the compiled-in data lacked French, in which case
/// names fall back to case-insensitive code-point order rather than failing a review.
static FRENCH: LazyLock<Option<CollatorBorrowed<'static>>> = LazyLock::new(|| {
    let prefs = CollatorPreferences::from(&icu_locale_core::locale!("fr"));
    CollatorBorrowed::try_new(prefs, CollatorOptions::default()).ok()
});

/// A sort key: comparing two keys as bytes orders their strings as French does.
pub fn key(s: &str) -> Vec<u8> {
    match FRENCH.as_ref() {
        Some(c) => {
            let mut k = Vec::with_capacity(s.len() * 3);
            let Ok(()) = c.write_sort_key_to(s, &mut k);
            k
        }
        None => s.to_lowercase().into_bytes(),
    }
}

/// Compares two strings in French order.
pub fn compare(a: &str, b: &str) -> Ordering {
    match FRENCH.as_ref() {
        Some(c) => c.compare(a, b),
        None => a.to_lowercase().cmp(&b.to_lowercase()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(names: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        v.sort_by_cached_key(|s| key(s));
        v
    }

    #[test]
    fn accents_sort_with_their_letter() {
        assert_eq!(
            sorted(&["Faure", "Weber", "Écrivain", "Dupont", "Étienne"]),
            ["Dupont", "Écrivain", "Étienne", "Faure", "Weber"]
        );
        assert_eq!(sorted(&["Lévêque", "Léger"]), ["Léger", "Lévêque"]);
        // Letters first, then accents, then case.
        assert_eq!(
            sorted(&["cote", "côte", "Cote", "coté", "coter"]),
            ["cote", "Cote", "coté", "côte", "coter"]
        );
        assert_eq!(sorted(&["Œuvre", "Oeuvre", "Odile", "Ozanne"])[0], "Odile");
        assert_eq!(sorted(&["Ozanne", "Œuvre", "Odile"])[2], "Ozanne");
    }

    #[test]
    fn keys_and_compare_agree() {
        let names = [
            "Dupont",
            "dupont",
            "Écrivain",
            "Éloïse",
            "Léger",
            "Lévêque",
            "Ñu",
            "Zoé",
        ];
        for a in names {
            for b in names {
                assert_eq!(key(a).cmp(&key(b)), compare(a, b), "{a} / {b}");
            }
        }
    }
}
