//! Reading a bank's files for a load: in hashing order, every byte into the content hash,
//! the cache key and a digest of its file, and every question file cut into pieces for the
//! workers as it is read.

use std::io::{self, Read};
use std::path::PathBuf;
use std::sync::mpsc;

use xxhash_rust::xxh3::Xxh3;

use super::binary::{SourceKey, SourceKeyHasher};
use super::pieces::{self, Piece};
use super::problem::{ProblemKind, Problems};
use super::{BankFile, ContentHasher, Problem, disk, limits, whole_file};

/// Where a bank's files come from.
pub enum Sources {
    /// Files on disk, read as the load goes.
    Folder(Vec<PathBuf>),
    /// Files already in memory.
    Memory(Vec<BankFile>),
}

impl Sources {
    pub fn names(&self) -> Vec<String> {
        match self {
            Sources::Folder(paths) => paths.iter().map(|p| p.display().to_string()).collect(),
            Sources::Memory(files) => files.iter().map(|f| f.name.clone()).collect(),
        }
    }

    /// The file's length and a reader of its bytes.
    pub fn open(&self, index: usize) -> io::Result<(u64, Box<dyn Read + '_>)> {
        match self {
            Sources::Folder(paths) => {
                let file = disk::open_regular(&paths[index])?;
                Ok((file.metadata()?.len(), Box::new(file)))
            }
            Sources::Memory(files) => {
                let text = files[index].text.as_bytes();
                Ok((text.len() as u64, Box::new(text)))
            }
        }
    }
}

/// What reading the files gave besides the pieces.
pub struct Reading {
    pub content_hash: String,
    pub key: Option<SourceKey>,
    /// Each question file's xxh3-64 as read, to tell whether a second read sees the same.
    pub digests: Vec<Option<u64>>,
    /// Files that could not be read, or are too large.
    pub problems: Vec<Problem>,
}

/// What the reader tells the gathering as it goes.
pub enum ReadEvent {
    PieceSent,
    /// A question file has been read to its end (or as far as it could be).
    FileRead {
        slot: usize,
        pieces: usize,
    },
}

pub struct Reader<'a> {
    pub sources: &'a Sources,
    pub names: &'a [String],
    /// The exam file's index and text, already read.
    pub exam: (usize, Option<&'a str>),
    /// Each file's place among the question files.
    pub place: &'a [usize],
    pub piece_bytes: usize,
}

impl Reader<'_> {
    /// Reads every file in hashing order, queueing question files' pieces for the workers.
    pub fn read_all(
        &self,
        queue: mpsc::SyncSender<(usize, usize, Piece)>,
        on_event: &mut dyn FnMut(ReadEvent),
    ) -> Reading {
        let mut problems = Vec::new();
        let mut digests = vec![None; self.names.len()];
        let mut content = ContentHasher::new();
        let mut key = SourceKeyHasher::new();
        let mut keyable = true;
        let mut bank_bytes = BankBytes::default();
        for (index, relative) in super::hashing_order(self.names) {
            let name = &self.names[index];
            content.file(&relative);
            if index == self.exam.0 {
                let text = self.exam.1.unwrap_or_default();
                key.file(name, text.len() as u64);
                key.bytes(text.as_bytes());
                content.bytes(text.as_bytes());
                if bank_bytes.add(text.len() as u64) {
                    problems.push(bank_too_large(name));
                    break;
                }
                continue;
            }
            let (len, input) = match self.sources.open(index) {
                Ok(opened) => opened,
                Err(error) => {
                    problems.push(cannot_read(name, &error));
                    continue;
                }
            };
            if len > limits::MAX_FILE_BYTES as u64 {
                problems.push(too_large(name, len));
                continue;
            }
            key.file(name, len);
            let mut digest = Xxh3::new();
            let mut pieces_sent = 0;
            let read = pieces::read_pieces(
                // A file that grows while read stops just past the limit.
                input.take(limits::MAX_FILE_BYTES as u64 + 1),
                self.piece_bytes,
                |bytes| {
                    key.bytes(bytes);
                    content.bytes(bytes);
                    digest.update(bytes);
                },
                |piece| {
                    // The workers stop early only by panicking, which the join reports.
                    let _ = queue.send((self.place[index], pieces_sent, piece));
                    pieces_sent += 1;
                    on_event(ReadEvent::PieceSent);
                },
            );
            on_event(ReadEvent::FileRead {
                slot: self.place[index],
                pieces: pieces_sent,
            });
            if let Ok(read) = read
                && bank_bytes.add(read)
            {
                problems.push(bank_too_large(name));
                break;
            }
            match read {
                Ok(read) if read > limits::MAX_FILE_BYTES as u64 => {
                    problems.push(too_large(name, read));
                }
                // A file that changed size while read would be keyed wrongly: never cache it.
                Ok(read) => {
                    keyable &= read == len;
                    digests[index] = Some(digest.digest());
                }
                Err(error) => problems.push(cannot_read(name, &error)),
            }
        }
        Reading {
            content_hash: content.finish(),
            key: keyable.then(|| key.finish()),
            digests,
            problems,
        }
    }
}

/// The bytes of a bank's files read so far, against the limit for the whole bank: every
/// file may be under its own limit and the bank still exhaust memory.
#[derive(Debug, Default)]
pub struct BankBytes(u64);

impl BankBytes {
    /// Adds a file's bytes; true when they take the bank over its limit.
    #[must_use]
    pub fn add(&mut self, bytes: u64) -> bool {
        self.0 = self.0.saturating_add(bytes);
        self.0 > limits::MAX_BANK_BYTES as u64
    }
}

/// The bank is over its limit in all, by the time `name` is read.
pub fn bank_too_large(name: &str) -> Problem {
    Problem {
        kind: ProblemKind::TooLarge,
        location: whole_file(name),
        question: None,
        message: format!(
            "with this file the bank's files hold more than {} bytes (64 MiB) in all, the \
             most a bank may hold",
            limits::MAX_BANK_BYTES
        ),
        hint: "split the bank into several folders, or move files that are not part of it \
               out of the folder"
            .to_string(),
        excerpt: None,
    }
}

pub fn cannot_read(name: &str, error: &io::Error) -> Problem {
    let not_regular = error
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<disk::NotRegular>());
    if let Some(why) = not_regular {
        return not_a_regular_file(name, why);
    }
    Problem {
        kind: ProblemKind::Io,
        location: whole_file(name),
        question: None,
        message: format!("cannot read the file: {error}"),
        hint: "check that it exists, is readable and is UTF-8 text".to_string(),
        excerpt: None,
    }
}

pub fn not_a_regular_file(name: &str, why: &disk::NotRegular) -> Problem {
    Problem {
        kind: ProblemKind::Io,
        location: whole_file(name),
        question: None,
        message: format!("cannot read the file: {why}"),
        hint: "replace it with a regular .toml file, or remove it from the bank folder".to_string(),
        excerpt: None,
    }
}

/// A file over the size limit; `size` is as far as it was read or as it says it is.
pub fn too_large(name: &str, size: u64) -> Problem {
    let size = if size > limits::MAX_FILE_BYTES as u64 {
        // Reads stop one byte past the limit, so only "more than" is known.
        format!("more than {}", limits::MAX_FILE_BYTES)
    } else {
        size.to_string()
    };
    Problem {
        kind: ProblemKind::TooLarge,
        location: whole_file(name),
        question: None,
        message: format!(
            "the file holds {size} bytes; a bank file may hold at most {} (8 MiB)",
            limits::MAX_FILE_BYTES
        ),
        hint: "split it into several files".to_string(),
        excerpt: None,
    }
}

/// A whole file's text, or a problem saying why it cannot be read.
pub fn read_whole(
    sources: &Sources,
    index: usize,
    name: &str,
    problems: &mut Problems,
) -> Option<String> {
    let text = sources
        .open(index)
        .map_err(|error| Box::new(cannot_read(name, &error)))
        .and_then(|(_, input)| read_text(input, name));
    match text {
        Ok(text) => Some(text),
        Err(problem) => {
            problems.add(*problem);
            None
        }
    }
}

/// All of `input` as text, read no further than the file size limit.
pub fn read_text(input: impl Read, name: &str) -> Result<String, Box<Problem>> {
    let bytes = disk::read_at_most(input, limits::MAX_FILE_BYTES as u64)
        .map_err(|error| cannot_read(name, &error))?;
    if bytes.len() > limits::MAX_FILE_BYTES {
        return Err(Box::new(too_large(name, bytes.len() as u64)));
    }
    String::from_utf8(bytes).map_err(|_| {
        let error = io::Error::new(
            io::ErrorKind::InvalidData,
            "stream did not contain valid UTF-8",
        );
        Box::new(cannot_read(name, &error))
    })
}
