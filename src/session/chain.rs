//! Verification of a log's bytes: one JSON record per line, consecutive sequence numbers, and
//! each record's `prev` equal to the SHA-256 of the previous line. No file access: the bytes
//! come from any reader, one bounded line at a time.

use std::io::{BufRead, Read};

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
    /// The first bytes of the torn line (at most [`TORN_HEAD`]), to tell the beginning of a
    /// record from anything else.
    pub torn_head: Vec<u8>,
}

/// How many bytes of a torn line [`VerifiedLog::torn_head`] keeps.
pub const TORN_HEAD: usize = 32;

impl VerifiedLog {
    /// No complete record, and nothing or the beginning of the first record after it: what a
    /// crash leaves while a séance is being created (older versions wrote the file first and
    /// its opening line next), never a séance that was used.
    pub fn interrupted_at_creation(&self) -> bool {
        const FIRST: &[u8] = br#"{"seq":1,"#;
        let head = self.torn_head.as_slice();
        self.records.is_empty()
            && (self.torn_line.is_none() || head.starts_with(FIRST) || FIRST.starts_with(head))
    }
}

/// SHA-256 of a line's bytes (without its newline), lowercase hex.
pub fn line_hash(line: &[u8]) -> String {
    line_digest(line).as_str().to_owned()
}

/// SHA-256 of a line's bytes as lowercase hex, held inline: verifying a log hashes every line,
/// and the chain only compares each hash with the next line's `prev`, so no `String` is made.
pub fn line_digest(line: &[u8]) -> HexDigest {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha256::digest(line);
    let mut hex = [0u8; 64];
    for (pair, b) in hex.chunks_exact_mut(2).zip(digest.iter()) {
        pair[0] = HEX[usize::from(b >> 4)];
        pair[1] = HEX[usize::from(b & 0xf)];
    }
    HexDigest(hex)
}

/// A SHA-256 written as 64 lowercase hexadecimal digits (see [`line_digest`]).
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct HexDigest([u8; 64]);

impl HexDigest {
    /// [`GENESIS`], the `prev` of a first record.
    pub const GENESIS: HexDigest = HexDigest([b'0'; 64]);

    pub fn as_str(&self) -> &str {
        // Only ASCII hex digits are ever stored, so this never falls back.
        std::str::from_utf8(&self.0).unwrap_or(GENESIS)
    }
}

impl std::fmt::Debug for HexDigest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "HexDigest({})", self.as_str())
    }
}

/// The longest line a log may hold, newline excluded: 1 MiB. Far above any real record (an
/// opening with its phases is about 2 KB, an appréciation is capped by the editor); a longer
/// line is refused rather than read, so a huge foreign file never fills the memory.
pub const MAX_LINE_BYTES: usize = 1 << 20;

/// Why a log does not verify: its file cannot be read, or a line is wrong (1-based line, what
/// is wrong in French).
#[derive(Debug)]
pub enum VerifyError {
    Io(std::io::Error),
    Line(usize, String),
}

/// Verifies a whole log held in memory (see [`verify_reader`]).
#[cfg(test)]
pub fn verify(bytes: &[u8]) -> Result<VerifiedLog, (usize, String)> {
    verify_reader(bytes).map_err(|e| match e {
        VerifyError::Line(line, message) => (line, message),
        // Reading from a slice cannot fail.
        VerifyError::Io(e) => (0, e.to_string()),
    })
}

/// Verifies a log line by line, holding one line at a time besides the records. A non-empty
/// tail without a newline is a torn line (an append that never returned); every complete line
/// must parse, follow the sequence and chain; no line may exceed [`MAX_LINE_BYTES`].
pub fn verify_reader(mut reader: impl BufRead) -> Result<VerifiedLog, VerifyError> {
    let mut records = Vec::new();
    let mut tip = HexDigest::GENESIS;
    let mut pos = 0u64;
    let mut line_no = 0usize;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let limit = MAX_LINE_BYTES as u64 + 1;
        let n = (&mut reader)
            .take(limit)
            .read_until(b'\n', &mut buf)
            .map_err(VerifyError::Io)?;
        if n == 0 {
            break;
        }
        line_no += 1;
        let Some(line) = buf.strip_suffix(b"\n") else {
            if buf.len() > MAX_LINE_BYTES {
                return Err(VerifyError::Line(
                    line_no,
                    format!(
                        "ligne de plus de {} Mio : ce n’est pas un journal de séance",
                        MAX_LINE_BYTES >> 20
                    ),
                ));
            }
            return Ok(VerifiedLog {
                records,
                complete_len: pos,
                tip: tip.as_str().to_owned(),
                torn_line: Some(line_no),
                torn_head: buf[..buf.len().min(TORN_HEAD)].to_vec(),
            });
        };
        records.push(check_line(line, line_no, &tip).map_err(|(l, m)| VerifyError::Line(l, m))?);
        tip = line_digest(line);
        pos += n as u64;
    }
    Ok(VerifiedLog {
        records,
        complete_len: pos,
        tip: tip.as_str().to_owned(),
        torn_line: None,
        torn_head: Vec::new(),
    })
}

fn check_line(line: &[u8], line_no: usize, prev: &HexDigest) -> Result<Record, (usize, String)> {
    if line.iter().all(u8::is_ascii_whitespace) {
        return Err((line_no, "ligne vide".into()));
    }
    // One UTF-8 check of the whole line lets serde_json skip checking each string in turn;
    // a line that is not UTF-8 goes to `from_slice`, whose error names where.
    let parsed = match std::str::from_utf8(line) {
        Ok(text) => serde_json::from_str(text),
        Err(_) => serde_json::from_slice(line),
    };
    let record: Record = parsed.map_err(|e| {
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
    if record.prev.as_bytes() != prev.0 {
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
    fn the_inline_digest_is_the_hex_hash() {
        assert_eq!(HexDigest::GENESIS.as_str(), GENESIS);
        for line in [&b""[..], b"abc", "é\u{1F600}".as_bytes(), &[0xff; 300]] {
            let expected: String = Sha256::digest(line)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            assert_eq!(line_digest(line).as_str(), expected);
            assert_eq!(line_hash(line), expected);
        }
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
    fn only_an_empty_log_or_a_torn_first_record_is_interrupted_at_creation() {
        let lines = log(&["a"]);
        assert!(verify(b"").unwrap().interrupted_at_creation());
        for cut in [1, 8, 20, lines[0].len()] {
            let v = verify(&lines[0].as_bytes()[..cut]).unwrap();
            assert!(v.interrupted_at_creation(), "cut at {cut}");
        }
        assert!(!verify(b"{\"seq\":2,").unwrap().interrupted_at_creation());
        assert!(!verify(b"hello").unwrap().interrupted_at_creation());
        assert!(!verify(&join(&lines)).unwrap().interrupted_at_creation());
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

    #[test]
    fn a_line_that_is_not_utf8_is_refused_with_its_column() {
        let lines = log(&["a", "b"]);
        // The remark's text `b` becomes a byte that is not UTF-8.
        let mut second = lines[1].clone().into_bytes();
        let at = second.len() - 4;
        assert_eq!(second[at], b'b');
        second[at] = 0xff;
        let mut bytes = join(&lines[..1]);
        bytes.extend(&second);
        bytes.push(b'\n');
        let (line, msg) = verify(&bytes).unwrap_err();
        assert_eq!(line, 2);
        let expected = serde_json::from_slice::<Record>(&second).unwrap_err();
        assert!(expected.to_string().contains("column"), "{expected}");
        assert_eq!(
            msg,
            format!("enregistrement illisible (JSON invalide : {expected})")
        );
    }

    #[test]
    fn an_over_long_line_is_refused_without_being_read_whole() {
        let lines = log(&["a"]);
        let mut bytes = join(&lines);
        bytes.extend(std::iter::repeat_n(b'x', 3 * MAX_LINE_BYTES));
        let (line, msg) = verify(&bytes).unwrap_err();
        assert_eq!(line, 2);
        assert!(msg.contains("plus de 1 Mio"), "{msg}");
        // With a newline at the end it is just as long, and just as refused.
        bytes.push(b'\n');
        assert_eq!(verify(&bytes).unwrap_err().0, 2);
        // A line of exactly the limit is read (here: refused as JSON, not as too long).
        let mut exact = join(&lines);
        exact.extend(std::iter::repeat_n(b'x', MAX_LINE_BYTES));
        exact.push(b'\n');
        let (line, msg) = verify(&exact).unwrap_err();
        assert_eq!(line, 2);
        assert!(msg.contains("JSON invalide"), "{msg}");
    }
}
