//! Questions in other tools' formats: reading GIFT, Aiken, Moodle XML and CSV into a
//! certsim bank folder (`certsim import`), and writing a bank as GIFT, Moodle XML or an
//! Anki text file (`certsim export-bank`). No terminal code: text in, text out.
//!
//! Every reader produces [`Draft`]s, one per question it can represent, and [`Skipped`]
//! entries for the ones it cannot (essay, true/false, numerical, …); `to_bank` turns the
//! drafts into exam.toml and a question file, and the bank loader itself decides which
//! drafts break a bank rule (those are skipped too, with the loader's reason).

mod aiken;
mod anki;
mod csv_read;
mod gift_read;
mod gift_write;
mod html;
mod moodle_read;
mod moodle_write;
mod to_bank;
mod toml_text;
mod xml_tree;

use std::fmt;

use crate::bank::{Bank, Body, Question};

pub use to_bank::{ImportError, ImportOptions, Imported, SkipReport, id_safe, import};

/// A format `certsim import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SourceFormat {
    Gift,
    Aiken,
    MoodleXml,
    Csv,
}

/// A format `certsim export-bank` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TargetFormat {
    Gift,
    MoodleXml,
    Anki,
}

/// One question read from another format, before it becomes certsim TOML. Absent pieces
/// stay absent: the bank file written omits their keys.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Draft {
    /// The line the question starts on, for messages.
    pub line: usize,
    /// The source's own name for the question (GIFT title, XML `<name>`, CSV `id`).
    pub name: Option<String>,
    /// The task statement and topic as the source labels them (not yet ids).
    pub task: Option<String>,
    pub topic: Option<String>,
    pub prompt: String,
    pub options: Vec<DraftOption>,
    pub explanation: Option<String>,
    pub references: Vec<String>,
    pub difficulty: Option<String>,
    pub services: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct DraftOption {
    pub text: String,
    pub correct: bool,
    pub why: Option<String>,
}

/// A question the source holds that certsim cannot represent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub line: usize,
    /// What it is and why it was left out, e.g. "essay question: certsim has no essays".
    pub reason: String,
}

/// What a reader found in one file.
#[derive(Debug, Default)]
pub struct Read {
    pub drafts: Vec<Draft>,
    pub skipped: Vec<Skipped>,
}

/// Input a reader cannot make sense of: where, what, and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    pub line: usize,
    pub message: String,
    pub hint: String,
}

impl ReadError {
    fn new(line: usize, message: impl Into<String>, hint: impl Into<String>) -> ReadError {
        ReadError {
            line,
            message: message.into(),
            hint: hint.into(),
        }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} — {}", self.line, self.message, self.hint)
    }
}

/// Reads one file's text in `format`.
pub fn read(format: SourceFormat, text: &str) -> Result<Read, ReadError> {
    match format {
        SourceFormat::Gift => gift_read::read(text),
        SourceFormat::Aiken => aiken::read(text),
        SourceFormat::MoodleXml => moodle_read::read(text),
        SourceFormat::Csv => csv_read::read(text),
    }
}

/// A bank written in another format, and the questions that format cannot hold.
#[derive(Debug)]
pub struct Exported {
    pub text: String,
    pub questions: usize,
    /// Ordering and matching questions: ids with their kind, left out.
    pub left_out: Vec<String>,
}

/// Writes `bank` in `format`. Only choice questions are written; the others are named in
/// `left_out`.
pub fn export(bank: &Bank, format: TargetFormat) -> Exported {
    let (choice, other): (Vec<&Question>, Vec<&Question>) = bank
        .questions
        .iter()
        .partition(|q| matches!(q.body, Body::Choice { .. }));
    let text = match format {
        TargetFormat::Gift => gift_write::write(bank, &choice),
        TargetFormat::MoodleXml => moodle_write::write(bank, &choice),
        TargetFormat::Anki => anki::write(&choice),
    };
    Exported {
        text,
        questions: choice.len(),
        left_out: other
            .iter()
            .map(|q| format!("{} ({})", q.id, q.kind().as_str()))
            .collect(),
    }
}

/// The task statement and topic a category path names: Moodle's context prefix (`$course$`,
/// `$system$`, …) and its `top` level are dropped; of what is left, the last level is the
/// topic and the one before it the task statement; a single level is a task statement.
pub fn category_labels(path: &str) -> (Option<String>, Option<String>) {
    let mut levels: Vec<&str> = path
        .split('/')
        .map(str::trim)
        .filter(|level| !level.is_empty())
        .collect();
    if levels
        .first()
        .is_some_and(|first| first.len() > 1 && first.starts_with('$') && first.ends_with('$'))
    {
        levels.remove(0);
    }
    if levels.first() == Some(&"top") {
        levels.remove(0);
    }
    match levels.as_slice() {
        [] => (None, None),
        [task] => (Some((*task).to_string()), None),
        [.., task, topic] => (Some((*task).to_string()), Some((*topic).to_string())),
    }
}

/// The category path certsim writes for a question: `$course$/top/TASK/TOPIC`, or
/// `$course$/top/TASK` when it names no topic.
fn category_path(question: &Question) -> String {
    if question.topic.is_empty() {
        format!("$course$/top/{}", question.task)
    } else {
        format!("$course$/top/{}/{}", question.task, question.topic)
    }
}

/// Metadata that GIFT and Moodle XML have no field for, carried as `certsim-KEY: value`
/// (GIFT comment lines, Moodle tags) so a round trip keeps it.
const META_DIFFICULTY: &str = "certsim-difficulty";
const META_SERVICE: &str = "certsim-service";
const META_REFERENCE: &str = "certsim-reference";

/// The `certsim-KEY: value` lines for a question.
fn meta_lines(question: &Question) -> Vec<String> {
    let difficulty = question
        .difficulty
        .map(|d| format!("{META_DIFFICULTY}: {}", d.as_str()));
    let services = question
        .services
        .iter()
        .map(|service| format!("{META_SERVICE}: {service}"));
    let references = question
        .references
        .iter()
        .map(|reference| format!("{META_REFERENCE}: {reference}"));
    difficulty
        .into_iter()
        .chain(services)
        .chain(references)
        .collect()
}

/// Takes one `certsim-KEY: value` line into the draft; false when it is not one.
fn apply_meta(draft: &mut Draft, line: &str) -> bool {
    let Some((key, value)) = line.split_once(':') else {
        return false;
    };
    let value = value.trim().to_string();
    match key.trim() {
        META_DIFFICULTY => draft.difficulty = Some(value),
        META_SERVICE => draft.services.push(value),
        META_REFERENCE => draft.references.push(value),
        _ => return false,
    }
    true
}

/// The 1-based line of byte `offset` in `text`.
fn line_at(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    let prefix = text.get(..end).unwrap_or(text);
    prefix.bytes().filter(|&b| b == b'\n').count() + 1
}

/// Options are lettered A, B, C … in every format certsim reads and writes.
fn letter(index: usize) -> char {
    crate::bank::letter(index)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn category_paths_map_to_task_and_topic() {
        let labels = |path| category_labels(path);
        assert_eq!(
            labels("$course$/4.1/cloudwatch"),
            (Some("4.1".into()), Some("cloudwatch".into()))
        );
        assert_eq!(
            labels("$course$/top/Default for X/4.1/cloudwatch"),
            (Some("4.1".into()), Some("cloudwatch".into()))
        );
        assert_eq!(labels("Networking"), (Some("Networking".into()), None));
        assert_eq!(labels("$system$/top"), (None, None));
        assert_eq!(labels(""), (None, None));
    }

    #[test]
    fn line_numbers_count_newlines_before_the_offset() {
        assert_eq!(line_at("a\nb\nc", 0), 1);
        assert_eq!(line_at("a\nb\nc", 2), 2);
        assert_eq!(line_at("a\nb\nc", 99), 3);
    }
}
