//! Verification of a log's bytes: one JSON record per line, consecutive sequence numbers, and
//! each record's `prev` equal to the SHA-256 of the previous line. Pure: no file access.

use sha2::{Digest, Sha256};

use super::event::{GENESIS, Record};

/// The verified content of a log.
#[derive(Debug, Clone, PartialEq)]
pub struct VerifiedLog {
    pub records: Vec<Record>,
    /// Bytes up to and including the last newline: the complete lines.
    pub complete_len: u64,
    /// SHA-256 hex of the last complete line ([`GENESIS`] for an empty log).
    pub tip: String,
    /// 1-based number of a torn last line (bytes after the last newline), if any.
    pub torn_line: Option<usize>,
}

/// SHA-256 of a line's bytes (without its newline), lowercase hex.
pub fn line_hash(line: &[u8]) -> String {
    let digest = Sha256::digest(line);
    let mut hex = String::with_capacity(64);
    for b in digest.iter() {
        hex.push(char::from_digit(u32::from(b >> 4), 16).unwrap_or('0'));
        hex.push(char::from_digit(u32::from(b & 0xf), 16).unwrap_or('0'));
    }
    hex
}

/// Verifies a whole log. A non-empty tail without a newline is a torn line (an append that
/// never returned); every complete line must parse, follow the sequence and chain. The error is
/// (1-based line, what is wrong in French).
pub fn verify(bytes: &[u8]) -> Result<VerifiedLog, (usize, String)> {
    let mut records = Vec::new();
    let mut tip = GENESIS.to_string();
    let mut pos = 0usize;
    let mut line_no = 0usize;
    while pos < bytes.len() {
        line_no += 1;
        let Some(n) = bytes[pos..].iter().position(|&b| b == b'\n') else {
            return Ok(VerifiedLog {
                records,
                complete_len: pos as u64,
                tip,
                torn_line: Some(line_no),
            });
        };
        let line = &bytes[pos..pos + n];
        records.push(check_line(line, line_no, &tip)?);
        tip = line_hash(line);
        pos += n + 1;
    }
    Ok(VerifiedLog {
        records,
        complete_len: pos as u64,
        tip,
        torn_line: None,
    })
}

fn check_line(line: &[u8], line_no: usize, prev: &str) -> Result<Record, (usize, String)> {
    if line.iter().all(u8::is_ascii_whitespace) {
        return Err((line_no, "ligne vide".into()));
    }
    let record: Record = serde_json::from_slice(line).map_err(|e| {
        (
            line_no,
            format!("enregistrement illisible (JSON invalide : {e})"),
        )
    })?;
    if record.seq != line_no as u64 {
        return Err((
            line_no,
            format!(
                "numéro de séquence {} au lieu de {line_no} : une ligne a été supprimée, insérée \
                 ou déplacée",
                record.seq
            ),
        ));
    }
    if record.prev != prev {
        let message = if line_no == 1 {
            "chaînage rompu : la première ligne ne part pas de l’empreinte initiale".to_string()
        } else {
            format!(
                "chaînage rompu : l’empreinte de la ligne {} ne correspond pas (ligne {} \
                 modifiée, remplacée ou déplacée)",
                line_no - 1,
                line_no - 1
            )
        };
        return Err((line_no, message));
    }
    Ok(record)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(seq: u64, prev: &str, text: &str) -> String {
        let event = format!(r#"{{"type":"remark","text":"{text}"}}"#);
        format!(r#"{{"seq":{seq},"ts":"2025-06-10T08:00:00Z","prev":"{prev}","event":{event}}}"#)
    }

    /// A chained log of remarks, one line each.
    fn log(texts: &[&str]) -> Vec<String> {
        let mut prev = GENESIS.to_string();
        let mut out = Vec::new();
        for (i, t) in texts.iter().enumerate() {
            let l = line(i as u64 + 1, &prev, t);
            prev = line_hash(l.as_bytes());
            out.push(l);
        }
        out
    }

    fn join(lines: &[String]) -> Vec<u8> {
        lines
            .iter()
            .flat_map(|l| format!("{l}\n").into_bytes())
            .collect()
    }

    #[test]
    fn hash_is_sha256_hex() {
        assert_eq!(
            line_hash(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn intact_log_verifies_with_its_tip() {
        let lines = log(&["a", "b", "c"]);
        let v = verify(&join(&lines)).unwrap();
        assert_eq!(v.records.len(), 3);
        assert_eq!(v.torn_line, None);
        assert_eq!(v.tip, line_hash(lines[2].as_bytes()));
        assert_eq!(verify(b"").unwrap().tip, GENESIS);
    }

    #[test]
    fn every_cut_inside_the_last_line_is_a_torn_line() {
        let lines = log(&["a", "b", "c"]);
        let bytes = join(&lines);
        let start = bytes.len() - lines[2].len() - 1;
        for cut in start + 1..bytes.len() {
            let v = verify(&bytes[..cut]).unwrap();
            assert_eq!((v.records.len(), v.torn_line), (2, Some(3)), "cut at {cut}");
            assert_eq!(v.complete_len, start as u64);
        }
    }

    #[test]
    fn tampering_names_the_line() {
        let lines = log(&["a", "b", "c", "d"]);
        let mut changed = lines.clone();
        changed[1] = changed[1].replace("\"b\"", "\"B\"");
        assert_eq!(verify(&join(&changed)).unwrap_err().0, 3);
        let mut removed = lines.clone();
        removed.remove(1);
        assert_eq!(verify(&join(&removed)).unwrap_err().0, 2);
        let mut swapped = lines.clone();
        swapped.swap(1, 2);
        assert_eq!(verify(&join(&swapped)).unwrap_err().0, 2);
        let mut broken = lines.clone();
        broken[1].pop();
        let (line, msg) = verify(&join(&broken)).unwrap_err();
        assert_eq!(line, 2);
        assert!(msg.contains("JSON invalide"), "{msg}");
        let mut blank = lines;
        blank.insert(2, String::new());
        assert_eq!(verify(&join(&blank)).unwrap_err(), (3, "ligne vide".into()));
    }
}
