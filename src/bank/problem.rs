//! Typed problems found while loading a bank: each carries where (file, line:column),
//! which question, what is wrong and what to do about it.

use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Serialize};

/// What kind of mistake a problem is; tests and tools match on this rather than on wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ProblemKind {
    Io,
    NoExamFile,
    Syntax,
    UnknownKey,
    MissingKey,
    WrongType,
    EmptyText,
    DuplicateId,
    UnknownTask,
    UnknownTopic,
    TopicOfAnotherTask,
    UnknownBlueprint,
    BadKind,
    PartOfAnotherKind,
    CorrectNotAllowed,
    NoCorrectOption,
    TooFewOptions,
    TooManyOptions,
    NoWrongOption,
    DuplicateOptionText,
    BadReference,
    BadDifficulty,
    BadExamSetting,
    NoQuestions,
    TooLarge,
}

/// A position in a bank file, 1-based as editors show it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Location {
    pub file: String,
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub kind: ProblemKind,
    pub location: Location,
    /// The id of the question the problem is in (or `#N` for an id-less question).
    pub question: Option<String>,
    pub message: String,
    /// What to do about it.
    pub hint: String,
    /// The offending source lines with a caret, for syntax errors.
    pub excerpt: Option<String>,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.location)?;
        if let Some(id) = &self.question {
            write!(f, "question {id}: ")?;
        }
        write!(f, "{}", self.message)?;
        if !self.hint.is_empty() {
            write!(f, " — {}", self.hint)?;
        }
        if let Some(excerpt) = &self.excerpt {
            write!(f, "\n{}", excerpt.trim_end())?;
        }
        Ok(())
    }
}

/// Every problem found in a bank, in file order. Loading never stops at the first one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankError {
    pub problems: Vec<Problem>,
}

impl fmt::Display for BankError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for problem in &self.problems {
            writeln!(f, "{problem}")?;
        }
        let count = self.problems.len();
        write!(
            f,
            "{count} problem{} in the question bank",
            if count == 1 { "" } else { "s" }
        )
    }
}

impl std::error::Error for BankError {}

/// Where each line of a text starts, so a byte offset becomes line:column by binary search
/// rather than by counting from the top (which made large banks quadratic to load).
pub fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(index, _)| index + 1))
        .collect()
}

/// One bank file's text, for turning byte spans into line:column.
#[derive(Debug, Clone, Copy)]
pub struct SourceFile<'a> {
    pub name: &'a str,
    pub text: &'a str,
    /// `line_starts(text)`.
    pub lines: &'a [usize],
    /// Lines of the file before `text`, when `text` is a piece of it.
    pub lines_before: usize,
}

impl SourceFile<'_> {
    pub fn location(&self, span: &Range<usize>) -> Location {
        let (line, column) = self.line_column(span);
        Location {
            file: self.name.to_string(),
            line,
            column,
        }
    }

    /// Where `span` starts, as 1-based line and column.
    pub fn line_column(&self, span: &Range<usize>) -> (usize, usize) {
        let offset = span.start.min(self.text.len());
        // Spans from the parser always fall on char boundaries; clamp defensively anyway.
        let offset = (0..=offset)
            .rev()
            .find(|&i| self.text.is_char_boundary(i))
            .unwrap_or(0);
        let line = self.lines.partition_point(|&start| start <= offset).max(1);
        let line_start = self.lines.get(line - 1).copied().unwrap_or(0).min(offset);
        let column = self.text[line_start..offset].chars().count() + 1;
        (line + self.lines_before, column)
    }

    /// The whole file as the location (line 1, column 1), for problems about the file itself.
    pub fn start(&self) -> Location {
        self.location(&(0..0))
    }
}

/// Collects problems while a bank is walked.
#[derive(Debug, Default)]
pub struct Problems {
    pub list: Vec<Problem>,
}

impl Problems {
    pub fn push(
        &mut self,
        kind: ProblemKind,
        location: Location,
        question: Option<&str>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.list.push(Problem {
            kind,
            location,
            question: question.map(str::to_string),
            message: message.into(),
            hint: hint.into(),
            excerpt: None,
        });
    }
}
