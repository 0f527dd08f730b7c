//! Fuzzing the référentiel loader: arbitrary bytes, truncations and byte flips of the real files
//! never panic; they load or give an error naming one of the four files.

use proptest::prelude::*;
use sno_jury::referentiel::{EMBEDDED, FILES, load_texts};

fn check(texts: [&str; 4]) -> Result<(), TestCaseError> {
    match load_texts(texts) {
        Ok(_) => Ok(()),
        Err(e) => {
            let msg = e.to_string();
            prop_assert!(
                FILES.iter().any(|f| msg.contains(f)),
                "error names no file: {msg}"
            );
            Ok(())
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_text_in_any_file(which in 0usize..4, junk in ".{0,200}") {
        let mut texts = EMBEDDED;
        texts[which] = &junk;
        check(texts)?;
    }

    #[test]
    fn truncated_file(which in 0usize..4, cut in 0.0f64..1.0) {
        let mut texts = EMBEDDED;
        let s = texts[which];
        let mut at = (s.len() as f64 * cut) as usize;
        while !s.is_char_boundary(at) {
            at -= 1;
        }
        texts[which] = &s[..at];
        check(texts)?;
    }

    #[test]
    fn flipped_bytes(which in 0usize..4, flips in proptest::collection::vec((0.0f64..1.0, any::<u8>()), 1..6)) {
        let mut bytes = EMBEDDED[which].as_bytes().to_vec();
        for (pos, b) in flips {
            let i = ((bytes.len() - 1) as f64 * pos) as usize;
            bytes[i] = b;
        }
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let mut texts = EMBEDDED;
        texts[which] = &text;
        check(texts)?;
    }
}
