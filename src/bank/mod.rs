//! The question bank: its model (a question's body names its kind: choice, ordering or
//! matching), loading from a folder or from files in memory, and validation that reports
//! every problem at once with file, line:column and question id. No terminal code lives
//! here; `build.rs` compiles this module on its own to check the shipped bank.

pub mod binary;
pub mod cache;
mod disk;
mod exam_file;
mod folder;
mod gather;
mod invariants;
pub mod limits;
pub mod lint;
mod load;
mod model;
mod pieces;
pub mod problem;
mod question_body;
mod question_file;
mod reader;
mod reading;
pub mod summary;

use std::path::Path;

use toml::de::DeTable;

pub use folder::BankFolder;
pub use model::*;
pub use problem::{BankError, Location, Problem, ProblemKind};
pub use question_body::{MAX_OPTIONS, letter};

use problem::{Problems, SourceFile};

/// The name of the file that defines the exam in every bank folder.
pub const EXAM_FILE: &str = "exam.toml";

/// Loads a bank folder: `exam.toml` and every other `*.toml` below it.
pub fn load_dir(dir: &Path) -> Result<Bank, BankError> {
    load::load(&BankFolder::open(dir)?.into_sources(), pieces::PIECE_BYTES).bank
}

/// Reads every `*.toml` file below `dir` (hidden entries skipped), in the folder's order.
pub fn read_dir_files(dir: &Path) -> Result<Vec<BankFile>, BankError> {
    BankFolder::open(dir)?.read_files()
}

fn whole_file(name: &str) -> Location {
    Location {
        file: name.to_string(),
        line: 1,
        column: 1,
    }
}

fn is_exam_file(name: &str) -> bool {
    Path::new(name).file_name().is_some_and(|f| f == EXAM_FILE)
}

/// Parses and validates a bank given as files; the exam file is the shallowest `exam.toml`.
pub fn load_files(files: Vec<BankFile>) -> Result<Bank, BankError> {
    load::load(&reading::Sources::Memory(files), pieces::PIECE_BYTES).bank
}

/// Parses one file into a spanned table, turning syntax errors into problems with the
/// parser's own message and excerpt.
fn parse_document<'a>(
    file: &'a BankFile,
    lines: &'a [usize],
    problems: &mut Problems,
) -> Option<(SourceFile<'a>, DeTable<'a>)> {
    let source = SourceFile {
        name: &file.name,
        text: &file.text,
        lines,
        lines_before: 0,
    };
    match DeTable::parse(&file.text) {
        Ok(root) => Some((source, root.into_inner())),
        Err(mut error) => {
            let location = error
                .span()
                .map_or_else(|| source.start(), |span| source.location(&span));
            let message = error.message().trim().to_string();
            error.set_input(Some(&file.text));
            problems.add(Problem {
                kind: ProblemKind::Syntax,
                location,
                question: None,
                message: format!("TOML syntax error: {message}"),
                hint: "fix the syntax at this position".to_string(),
                excerpt: Some(error.to_string()),
            });
            None
        }
    }
}

/// The order files are hashed in, each with its path within the bank (relative to the
/// folder of the shallowest `exam.toml`, with `/` separators): the same bank hashes the
/// same wherever it lives, on every platform.
fn hashing_order(names: &[String]) -> Vec<(usize, String)> {
    let root = names
        .iter()
        .filter(|name| is_exam_file(name))
        .min_by_key(|name| (Path::new(name).components().count(), *name))
        .and_then(|name| Path::new(name).parent())
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let mut order: Vec<(usize, String)> = names
        .iter()
        .enumerate()
        .map(|(index, name)| {
            let path = Path::new(name);
            let relative = path.strip_prefix(&root).unwrap_or(path);
            (index, relative.to_string_lossy().replace('\\', "/"))
        })
        .collect();
    order.sort_by(|a, b| (&a.1, a.0).cmp(&(&b.1, b.0)));
    order
}

/// FNV-1a over each file's path within the bank and its text, in [`hashing_order`]. Kept
/// byte for byte as history first stored it, so past attempts still match their bank.
struct ContentHasher {
    hash: u64,
    started: bool,
}

impl ContentHasher {
    fn new() -> Self {
        ContentHasher {
            hash: 0xcbf2_9ce4_8422_2325,
            started: false,
        }
    }

    /// Ends the file before, if any, and starts the next.
    fn file(&mut self, relative: &str) {
        if self.started {
            self.bytes(&[0]);
        }
        self.started = true;
        self.bytes(relative.as_bytes());
        self.bytes(&[0]);
    }

    fn bytes(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.hash ^= u64::from(byte);
            self.hash = self.hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    fn finish(mut self) -> String {
        if self.started {
            self.bytes(&[0]);
        }
        format!("{:016x}", self.hash)
    }
}
