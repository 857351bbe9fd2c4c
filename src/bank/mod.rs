//! The question bank: its model, loading from a folder or from the copy embedded in the
//! binary, and validation that reports every problem at once with file, line:column and
//! question id. No terminal code lives here.

pub mod binary;
pub mod cache;
mod exam_file;
pub mod limits;
pub mod lint;
mod pieces;
pub mod problem;
mod question_file;
mod reader;
pub mod summary;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use toml::de::DeTable;

pub use problem::{BankError, Location, Problem, ProblemKind};
pub use question_file::{MAX_OPTIONS, letter};

use problem::{Problems, SourceFile};

/// The exam a bank belongs to, from `exam.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Exam {
    pub id: String,
    pub title: String,
    pub mock: MockDefaults,
    pub scoring: Scoring,
    pub tasks: Vec<Task>,
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
    pub services: Vec<String>,
    pub difficulty: Difficulty,
    pub prompt: String,
    pub explanation: String,
    pub references: Vec<String>,
    pub options: Vec<AnswerOption>,
    /// Where the question starts, for messages.
    pub location: Location,
}

impl Question {
    /// How many options the answer key holds: 1 for single-answer questions.
    pub fn correct_count(&self) -> usize {
        self.options.iter().filter(|o| o.correct).count()
    }

    pub fn is_multiple_response(&self) -> bool {
        self.correct_count() > 1
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
    load_files(read_dir_files(dir)?)
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
            problems.push(
                ProblemKind::TooLarge,
                whole_file(&name),
                None,
                format!(
                    "the file is {size} bytes; a bank file may be at most {} (8 MiB)",
                    limits::MAX_FILE_BYTES
                ),
                "split it into several files",
            );
            continue;
        }
        match std::fs::read_to_string(&path) {
            Ok(text) => files.push(BankFile { name, text }),
            Err(error) => problems.push(
                ProblemKind::Io,
                whole_file(&name),
                None,
                format!("cannot read the file: {error}"),
                "check that it exists, is readable and is UTF-8 text",
            ),
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
pub fn load_files(mut files: Vec<BankFile>) -> Result<Bank, BankError> {
    // The exam file is the `exam.toml` nearest the bank's root.
    files.sort_by_key(|f| {
        (
            !is_exam_file(&f.name),
            Path::new(&f.name).components().count(),
            f.name.clone(),
        )
    });
    let mut problems = Problems::default();
    let Some(exam_file) = files.first().filter(|f| is_exam_file(&f.name)) else {
        let folder = files
            .first()
            .and_then(|f| Path::new(&f.name).parent().map(|p| p.display().to_string()))
            .unwrap_or_else(|| "the bank folder".to_string());
        problems.push(
            ProblemKind::NoExamFile,
            whole_file(&folder),
            None,
            "the bank has no exam.toml",
            "add exam.toml with id, title, [mock], [scoring] and [[task]] entries",
        );
        return Err(BankError {
            problems: problems.list,
        });
    };
    let exam_lines = problem::line_starts(&exam_file.text);
    let exam = parse_document(exam_file, &exam_lines, &mut problems)
        .and_then(|(source, root)| exam_file::parse_exam(source, &root, &mut problems));

    // Question files are independent until ids are compared: read them on every core, and
    // hash the whole bank meanwhile.
    let (content_hash, per_file) = std::thread::scope(|scope| {
        let hash = scope.spawn(|| content_hash(&files));
        let per_file = pieces::read_question_files(&files[1..], exam.as_ref(), pieces::PIECE_BYTES);
        let hash = hash
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (hash, per_file)
    });
    let mut questions = Vec::new();
    let mut first_seen: HashMap<String, Location> = HashMap::new();
    let mut too_many = false;
    for (parsed, file_problems) in per_file {
        problems.list.extend(file_problems);
        for (question, id_location) in parsed {
            if let Some(first) = first_seen.get(&question.id) {
                problems.push(
                    ProblemKind::DuplicateId,
                    id_location,
                    Some(&question.id),
                    format!("id is already used at {first}"),
                    "give this question a new id (ids are never reused)",
                );
                continue;
            }
            if questions.len() == limits::MAX_QUESTIONS {
                if !too_many {
                    problems.push(
                        ProblemKind::TooLarge,
                        id_location,
                        Some(&question.id),
                        format!("the bank has more than {} questions", limits::MAX_QUESTIONS),
                        "split it into several banks",
                    );
                }
                too_many = true;
                continue;
            }
            first_seen.insert(question.id.clone(), id_location);
            questions.push(question);
        }
    }
    // Report in reading order: file by file, top to bottom.
    let file_order: HashMap<&str, usize> = files
        .iter()
        .enumerate()
        .map(|(index, f)| (f.name.as_str(), index))
        .collect();
    problems.list.sort_by_key(|p| {
        let order = file_order.get(p.location.file.as_str()).copied();
        (order, p.location.line, p.location.column)
    });
    match exam {
        Some(exam) if problems.list.is_empty() => Ok(Bank {
            exam,
            questions,
            content_hash,
        }),
        _ => Err(BankError {
            problems: problems.list,
        }),
    }
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
        base: 0,
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

/// FNV-1a over each file's path within the bank and its text, in path order: the same
/// bank hashes the same wherever it lives, on every platform and Rust version.
/// `files` must start with the exam file, whose folder is the bank's root.
fn content_hash(files: &[BankFile]) -> String {
    let root = files
        .first()
        .and_then(|f| Path::new(&f.name).parent())
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let mut named: Vec<(String, &str)> = files
        .iter()
        .map(|f| {
            let path = Path::new(&f.name);
            let relative = path.strip_prefix(&root).unwrap_or(path);
            (
                relative.to_string_lossy().replace('\\', "/"),
                f.text.as_str(),
            )
        })
        .collect();
    named.sort();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (name, text) in named {
        for byte in name.bytes().chain([0]).chain(text.bytes()).chain([0]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}
