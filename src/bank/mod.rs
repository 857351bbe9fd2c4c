//! The question bank: its model (a question's body names its kind: choice, ordering or
//! matching), loading from a folder or from files in memory, and validation that reports
//! every problem at once with file, line:column and question id. No terminal code lives
//! here; `build.rs` compiles this module on its own to check the shipped bank.

pub mod binary;
pub mod cache;
mod exam_file;
mod gather;
pub mod limits;
pub mod lint;
mod load;
mod pieces;
pub mod problem;
mod question_body;
mod question_file;
mod reader;
mod reading;
pub mod summary;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use toml::de::DeTable;

pub use problem::{BankError, Location, Problem, ProblemKind};
pub use question_body::{MAX_OPTIONS, letter};

use problem::{Problems, SourceFile};

/// The exam a bank belongs to, from `exam.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Exam {
    pub id: String,
    pub title: String,
    pub mock: MockDefaults,
    pub scoring: Scoring,
    pub tasks: Vec<Task>,
    /// The official exam guide's task statements, when the bank maps its questions to
    /// them (`[[blueprint]]` in exam.toml); empty when it does not.
    pub blueprint: Vec<BlueprintEntry>,
}

impl Exam {
    pub fn task(&self, id: &str) -> Option<&Task> {
        self.tasks.iter().find(|task| task.id == id)
    }

    /// The topic with this id and the task it belongs to.
    pub fn topic(&self, id: &str) -> Option<(&Task, &Topic)> {
        self.tasks
            .iter()
            .find_map(|task| task.topics.iter().find(|t| t.id == id).map(|t| (task, t)))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MockDefaults {
    pub questions: u32,
    pub minutes: u32,
}

/// A linear scaled score: `min + (max - min) × fraction correct`, pass at `pass` or above.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scoring {
    pub min: i64,
    pub max: i64,
    pub pass: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Task {
    pub id: String,
    pub title: String,
    /// Relative share of a mock exam.
    pub weight: f64,
    pub topics: Vec<Topic>,
}

/// One task statement of the official exam guide, with its domain's weight. A bank may
/// organise its questions differently (a study guide's structure) and map each question
/// to these with `blueprint = [...]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BlueprintEntry {
    pub id: String,
    pub title: String,
    pub weight: f64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Topic {
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Difficulty {
    Easy,
    Medium,
    Hard,
}

impl Difficulty {
    pub fn as_str(self) -> &'static str {
        match self {
            Difficulty::Easy => "easy",
            Difficulty::Medium => "medium",
            Difficulty::Hard => "hard",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Question {
    pub id: String,
    pub task: String,
    pub topic: String,
    /// The official task statements the question serves: `None` when the question does
    /// not say, an empty list when its subject is outside the official guide's scope.
    pub blueprint: Option<Vec<String>>,
    pub services: Vec<String>,
    pub difficulty: Difficulty,
    pub prompt: String,
    pub explanation: String,
    pub references: Vec<String>,
    /// What is answered, and how: the question's kind with its options, steps or pairs.
    pub body: Body,
    /// Where the question starts, for messages.
    pub location: Location,
}

/// The kinds of question a bank can hold (`kind = "…"`, "choice" when absent).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Kind {
    Choice,
    Ordering,
    Matching,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Choice => "choice",
            Kind::Ordering => "ordering",
            Kind::Matching => "matching",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Body {
    /// Choose `choose` of the options: 1 is a single-answer question, more is multiple
    /// response. `choose` is the number marked correct, counted once at load.
    Choice {
        options: Vec<AnswerOption>,
        choose: usize,
    },
    /// Put the steps in order; they are written in the correct order and always shown
    /// shuffled.
    Ordering { steps: Vec<Step> },
    /// Match each prompt (shown in order) with its answer (shown shuffled).
    Matching { pairs: Vec<Pair> },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub text: String,
    /// Why the step comes where it does.
    pub why: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pair {
    pub prompt: String,
    pub answer: String,
    pub why: String,
}

impl Question {
    pub fn kind(&self) -> Kind {
        match self.body {
            Body::Choice { .. } => Kind::Choice,
            Body::Ordering { .. } => Kind::Ordering,
            Body::Matching { .. } => Kind::Matching,
        }
    }

    /// A choice question's options; empty for the other kinds.
    pub fn options(&self) -> &[AnswerOption] {
        match &self.body {
            Body::Choice { options, .. } => options,
            _ => &[],
        }
    }

    /// How many options a choice question takes (1 for single answer); for ordering and
    /// matching, how many steps or pairs must be placed.
    pub fn choose(&self) -> usize {
        match &self.body {
            Body::Choice { choose, .. } => *choose,
            Body::Ordering { steps } => steps.len(),
            Body::Matching { pairs } => pairs.len(),
        }
    }

    pub fn is_multiple_response(&self) -> bool {
        matches!(self.body, Body::Choice { choose, .. } if choose > 1)
    }

    /// The texts that are shuffled when the question is shown, in bank order: a choice
    /// question's options, an ordering question's steps, a matching question's answers.
    pub fn shuffled_texts(&self) -> Vec<&str> {
        match &self.body {
            Body::Choice { options, .. } => options.iter().map(|o| o.text.as_str()).collect(),
            Body::Ordering { steps } => steps.iter().map(|s| s.text.as_str()).collect(),
            Body::Matching { pairs } => pairs.iter().map(|p| p.answer.as_str()).collect(),
        }
    }

    /// The answer key in words: the correct options (bank order), the steps in order, or
    /// each pair as "prompt → answer".
    pub fn key_texts(&self) -> Vec<String> {
        match &self.body {
            Body::Choice { options, .. } => options
                .iter()
                .filter(|o| o.correct)
                .map(|o| o.text.clone())
                .collect(),
            Body::Ordering { steps } => steps.iter().map(|s| s.text.clone()).collect(),
            Body::Matching { pairs } => pairs
                .iter()
                .map(|p| format!("{} → {}", p.prompt, p.answer))
                .collect(),
        }
    }

    /// How many texts are shuffled (see `shuffled_texts`).
    pub fn shuffled_count(&self) -> usize {
        match &self.body {
            Body::Choice { options, .. } => options.len(),
            Body::Ordering { steps } => steps.len(),
            Body::Matching { pairs } => pairs.len(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerOption {
    pub text: String,
    pub correct: bool,
    pub why: String,
}

/// A loaded, valid bank.
#[derive(Debug, Clone, PartialEq)]
pub struct Bank {
    pub exam: Exam,
    pub questions: Vec<Question>,
    /// A stable hash of every file's name and text, so history can tell when a bank changed.
    pub content_hash: String,
}

impl Bank {
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }
}

/// One file of a bank, named as it should appear in messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankFile {
    pub name: String,
    pub text: String,
}

/// The name of the file that defines the exam in every bank folder.
pub const EXAM_FILE: &str = "exam.toml";

/// Loads a bank folder: `exam.toml` and every other `*.toml` below it.
pub fn load_dir(dir: &Path) -> Result<Bank, BankError> {
    load::load(&folder_sources(dir)?, pieces::PIECE_BYTES).bank
}

/// The files of a bank folder, to be read as the load goes.
fn folder_sources(dir: &Path) -> Result<reading::Sources, BankError> {
    let mut problems = Problems::default();
    let paths = toml_paths(dir, &mut problems);
    if !problems.list.is_empty() {
        return Err(BankError {
            problems: problems.list,
        });
    }
    Ok(reading::Sources::Folder(paths))
}

/// Reads every `*.toml` file below `dir` (hidden entries skipped), `exam.toml` first.
pub fn read_dir_files(dir: &Path) -> Result<Vec<BankFile>, BankError> {
    let mut problems = Problems::default();
    let paths = toml_paths(dir, &mut problems);
    let mut files = Vec::new();
    for path in paths {
        let name = path.display().to_string();
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        if size > limits::MAX_FILE_BYTES as u64 {
            problems.list.push(reading::too_large(&name, size));
            continue;
        }
        match std::fs::read_to_string(&path) {
            Ok(text) => files.push(BankFile { name, text }),
            Err(error) => problems.list.push(reading::cannot_read(&name, &error)),
        }
    }
    if !problems.list.is_empty() {
        return Err(BankError {
            problems: problems.list,
        });
    }
    Ok(files)
}

/// Every `*.toml` path below `dir`, sorted, as [`read_dir_files`] reads them.
fn toml_paths(dir: &Path, problems: &mut Problems) -> Vec<PathBuf> {
    let mut paths = Vec::new();
    collect_toml_paths(dir, &mut paths, problems);
    paths.sort();
    paths
}

fn collect_toml_paths(dir: &Path, paths: &mut Vec<PathBuf>, problems: &mut Problems) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) => {
            problems.push(
                ProblemKind::Io,
                whole_file(&dir.display().to_string()),
                None,
                format!("cannot read the bank folder: {error}"),
                "pass a folder that holds exam.toml and the question files",
            );
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        if path.is_dir() {
            collect_toml_paths(&path, paths, problems);
        } else if path.extension().is_some_and(|ext| ext == "toml") {
            paths.push(path);
        }
    }
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
            problems.list.push(Problem {
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
