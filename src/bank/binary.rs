//! A loaded bank in a compact binary form: what the build embeds and what the load cache
//! keeps. It is read back only when everything matches — the magic, the format, the certsim
//! version, the key of the sources it was made from and a checksum of every byte — and the
//! bank it holds keeps the rules validation enforces (see `invariants`): a stale, truncated,
//! corrupt or forged copy is a miss to rebuild, never a bank to trust.
//!
//! Layout: `CERTSIMB`, the format, then frames (a little-endian `u32` length and a postcard
//! value): a header, then the questions in chunks of [`CHUNK`]; last, the xxh3-64 of every
//! byte after the magic.

use std::io::{self, Read, Write};

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

use super::{Bank, BankFile, Exam, Question, invariants, limits};

const MAGIC: &[u8; 8] = b"CERTSIMB";
/// Bump when the frames or the model change shape.
const FORMAT: u32 = 4;
/// A bank written by another certsim may have passed other validation rules.
const CERTSIM_VERSION: &str = env!("CARGO_PKG_VERSION");
/// No frame comes near this; a larger length is corruption, not a reason to allocate.
const MAX_FRAME_BYTES: usize = 4 * limits::MAX_FILE_BYTES;
/// Questions per frame: few frames to read, yet only a chunk's bytes in memory at once.
const CHUNK: usize = 256;

/// Identifies the exact sources a bank was loaded from: every file's name, length and bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SourceKey(pub u128);

/// Builds a [`SourceKey`] file by file; a file's bytes may come in any number of pieces.
pub struct SourceKeyHasher(Xxh3);

impl SourceKeyHasher {
    pub fn new() -> Self {
        let mut hasher = Xxh3::new();
        hasher.update(&FORMAT.to_le_bytes());
        hasher.update(CERTSIM_VERSION.as_bytes());
        SourceKeyHasher(hasher)
    }

    /// Starts the next file; its `len` bytes follow through [`SourceKeyHasher::bytes`].
    pub fn file(&mut self, name: &str, len: u64) {
        self.0.update(&[0xff]);
        self.0.update(name.as_bytes());
        self.0.update(&[0]);
        self.0.update(&len.to_le_bytes());
    }

    pub fn bytes(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }

    pub fn finish(&self) -> SourceKey {
        SourceKey(self.0.digest128())
    }
}

impl Default for SourceKeyHasher {
    fn default() -> Self {
        Self::new()
    }
}

impl SourceKey {
    /// The key of files already in memory, in the order given.
    pub fn of_files(files: &[BankFile]) -> SourceKey {
        let mut hasher = SourceKeyHasher::new();
        for file in files {
            hasher.file(&file.name, file.text.len() as u64);
            hasher.bytes(file.text.as_bytes());
        }
        hasher.finish()
    }
}

#[derive(Serialize, Deserialize)]
struct Header {
    certsim: String,
    key: SourceKey,
    content_hash: String,
    exam: Exam,
    questions: u32,
}

/// Why a stored bank was not used. Callers rebuild from the sources in every case.
#[derive(Debug)]
pub enum Miss {
    /// Made by another format or certsim version, or from other sources.
    Stale,
    /// Unreadable, truncated or altered.
    Corrupt(String),
    /// Decoded, but the bank breaks a rule every loaded bank keeps.
    Invalid(String),
    Io(io::Error),
}

impl std::fmt::Display for Miss {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Miss::Stale => write!(f, "made from other sources or by another certsim"),
            Miss::Corrupt(why) => write!(f, "corrupt: {why}"),
            Miss::Invalid(why) => write!(f, "not a valid bank: {why}"),
            Miss::Io(error) => write!(f, "cannot read it: {error}"),
        }
    }
}

impl std::error::Error for Miss {}

impl From<io::Error> for Miss {
    fn from(error: io::Error) -> Self {
        if error.kind() == io::ErrorKind::UnexpectedEof {
            Miss::Corrupt("it ends early".to_string())
        } else {
            Miss::Io(error)
        }
    }
}

/// Writes `bank`, made from the sources with `key`.
pub fn write(bank: &Bank, key: SourceKey, out: impl Write) -> io::Result<()> {
    let mut out = Checksummed::new(out);
    out.inner.write_all(MAGIC)?;
    out.write_all(&FORMAT.to_le_bytes())?;
    let header = Header {
        certsim: CERTSIM_VERSION.to_string(),
        key,
        content_hash: bank.content_hash.clone(),
        exam: bank.exam.clone(),
        questions: u32::try_from(bank.questions.len()).map_err(io::Error::other)?,
    };
    write_frame(&mut out, &header)?;
    for chunk in bank.questions.chunks(CHUNK) {
        write_frame(&mut out, &chunk)?;
    }
    let checksum = out.hasher.digest();
    out.inner.write_all(&checksum.to_le_bytes())?;
    out.inner.flush()
}

/// A bank read back, with the key of the sources it was made from.
pub struct Stored {
    pub bank: Bank,
    pub key: SourceKey,
}

/// Reads a bank written by [`write`]. The caller compares [`Stored::key`] with its sources.
pub fn read(input: impl Read) -> Result<Stored, Miss> {
    let mut input = Checksummed::new(input);
    let mut magic = [0; 8];
    input.inner.read_exact(&mut magic)?;
    if &magic != MAGIC {
        return Err(Miss::Corrupt("not a certsim bank file".to_string()));
    }
    let mut format = [0; 4];
    input.read_exact(&mut format)?;
    if u32::from_le_bytes(format) != FORMAT {
        return Err(Miss::Stale);
    }
    let mut frame = Vec::new();
    input.read_frame(&mut frame)?;
    let header: Header = decode(&frame)?;
    if header.certsim != CERTSIM_VERSION {
        return Err(Miss::Stale);
    }
    let count = header.questions as usize;
    if count > limits::MAX_QUESTIONS {
        return Err(Miss::Corrupt(format!("it claims {count} questions")));
    }
    let questions = read_chunks(&mut input, count)?;
    let computed = input.hasher.digest();
    let mut stored = [0; 8];
    input.inner.read_exact(&mut stored)?;
    if u64::from_le_bytes(stored) != computed {
        return Err(Miss::Corrupt("the checksum does not match".to_string()));
    }
    if input.inner.read(&mut [0])? != 0 {
        return Err(Miss::Corrupt("bytes follow the checksum".to_string()));
    }
    let bank = Bank {
        exam: header.exam,
        questions,
        content_hash: header.content_hash,
    };
    // The checksum shows the bytes are as written, not that what was written is a bank.
    invariants::check(&bank).map_err(Miss::Invalid)?;
    Ok(Stored {
        bank,
        key: header.key,
    })
}

/// Reads the `count` questions, a chunk at a time.
fn read_chunks(input: &mut Checksummed<impl Read>, count: usize) -> Result<Vec<Question>, Miss> {
    let mut questions = Vec::with_capacity(count);
    let mut frame = Vec::new();
    for _ in 0..count.div_ceil(CHUNK) {
        input.read_frame(&mut frame)?;
        let chunk: Vec<Question> = decode(&frame)?;
        questions.extend(chunk);
    }
    if questions.len() != count {
        return Err(Miss::Corrupt(format!(
            "it holds {} questions, not {count}",
            questions.len()
        )));
    }
    Ok(questions)
}

fn decode<T: for<'de> Deserialize<'de>>(frame: &[u8]) -> Result<T, Miss> {
    let (value, rest) = postcard::take_from_bytes(frame)
        .map_err(|error| Miss::Corrupt(format!("a frame does not decode: {error}")))?;
    if !rest.is_empty() {
        return Err(Miss::Corrupt("a frame has bytes left over".to_string()));
    }
    Ok(value)
}

fn write_frame(out: &mut Checksummed<impl Write>, value: &impl Serialize) -> io::Result<()> {
    let bytes = postcard::to_allocvec(value).map_err(io::Error::other)?;
    let len = u32::try_from(bytes.len()).map_err(io::Error::other)?;
    out.write_all(&len.to_le_bytes())?;
    out.write_all(&bytes)
}

/// Hashes every byte that passes through `read_exact` / `write_all`; `inner` bypasses it.
struct Checksummed<T> {
    inner: T,
    hasher: Xxh3,
}

impl<T> Checksummed<T> {
    fn new(inner: T) -> Self {
        Checksummed {
            inner,
            hasher: Xxh3::new(),
        }
    }
}

impl<R: Read> Checksummed<R> {
    fn read_exact(&mut self, buf: &mut [u8]) -> io::Result<()> {
        self.inner.read_exact(buf)?;
        self.hasher.update(buf);
        Ok(())
    }

    /// Reads the next frame's bytes into `frame`.
    fn read_frame(&mut self, frame: &mut Vec<u8>) -> Result<(), Miss> {
        let mut len = [0; 4];
        self.read_exact(&mut len)?;
        let len = u32::from_le_bytes(len) as usize;
        if len > MAX_FRAME_BYTES {
            return Err(Miss::Corrupt(format!("a frame claims {len} bytes")));
        }
        frame.resize(len, 0);
        self.read_exact(frame)?;
        Ok(())
    }
}

impl<W: Write> Checksummed<W> {
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.hasher.update(buf);
        self.inner.write_all(buf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::load_files;

    fn sample() -> (Bank, SourceKey) {
        let files = vec![
            BankFile {
                name: "bank/exam.toml".to_string(),
                text: include_str!("../../tests/fixtures/valid/exam.toml").to_string(),
            },
            BankFile {
                name: "bank/questions.toml".to_string(),
                text: include_str!("../../tests/fixtures/valid/questions.toml").to_string(),
            },
        ];
        let key = SourceKey::of_files(&files);
        (load_files(files).unwrap_or_else(|e| panic!("{e}")), key)
    }

    fn written(bank: &Bank, key: SourceKey) -> Vec<u8> {
        let mut bytes = Vec::new();
        write(bank, key, &mut bytes).unwrap();
        bytes
    }

    #[test]
    fn a_bank_reads_back_exactly() {
        let (bank, key) = sample();
        let bytes = written(&bank, key);
        let stored = read(bytes.as_slice()).unwrap();
        assert_eq!(stored.bank, bank);
        assert_eq!(stored.key, key);
    }

    #[test]
    fn a_bank_of_many_chunks_reads_back_in_order() {
        let files = crate::synthetic::generate(CHUNK * 3 + 7, 3);
        let key = SourceKey::of_files(&files);
        let bank = load_files(files).unwrap_or_else(|e| panic!("{e}"));
        let stored = read(written(&bank, key).as_slice()).unwrap();
        assert_eq!(stored.bank, bank);
    }

    #[test]
    fn every_flipped_byte_and_every_truncation_is_a_miss() {
        let (bank, key) = sample();
        let bytes = written(&bank, key);
        for at in 0..bytes.len() {
            let mut altered = bytes.clone();
            altered[at] ^= 0x20;
            assert!(read(altered.as_slice()).is_err(), "flip at {at}");
            assert!(read(&bytes[..at]).is_err(), "cut at {at}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(read(longer.as_slice()).is_err());
    }

    #[test]
    fn the_key_covers_names_lengths_and_bytes() {
        let file = |name: &str, text: &str| BankFile {
            name: name.to_string(),
            text: text.to_string(),
        };
        let base = SourceKey::of_files(&[file("a.toml", "ab"), file("b.toml", "c")]);
        for other in [
            vec![file("a.toml", "ab"), file("b.toml", "d")],
            vec![file("a.toml", "a"), file("b.toml", "bc")],
            vec![file("a.toml", "ab"), file("c.toml", "c")],
            vec![file("a.toml", "abc")],
        ] {
            assert_ne!(SourceKey::of_files(&other), base);
        }
        let mut pieces = SourceKeyHasher::new();
        pieces.file("a.toml", 2);
        pieces.bytes(b"a");
        pieces.bytes(b"b");
        pieces.file("b.toml", 1);
        pieces.bytes(b"c");
        assert_eq!(pieces.finish(), base);
    }
}
