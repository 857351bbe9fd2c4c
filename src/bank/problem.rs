//! Typed problems found while loading a bank: each carries where (file, line:column),
//! which question, what is wrong and what to do about it.

use std::collections::{BTreeMap, HashMap};
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
    /// An id with a control character or a bidirectional override in it.
    BadId,
    /// Stands for the problems of a file past the ones listed.
    MoreProblems,
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
        let unlisted = |p: &&Problem| p.kind == ProblemKind::MoreProblems;
        let count = self.problems.iter().filter(|p| !unlisted(p)).count();
        write!(
            f,
            "{count} problem{} {}in the question bank",
            if count == 1 { "" } else { "s" },
            if self.problems.iter().any(|p| unlisted(&p)) {
                "listed, and more not listed, "
            } else {
                ""
            }
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

/// Problems past this many in one file are counted, not listed: building a message for
/// each of 400,000 unknown keys made such a bank take seconds and hundreds of MB to report.
pub const MAX_LISTED_PER_FILE: usize = 100;

/// Collects problems while a bank is walked, listing at most [`MAX_LISTED_PER_FILE`] per
/// file and counting the rest.
#[derive(Debug, Default)]
pub struct Problems {
    list: Vec<Problem>,
    /// Per file: how many problems are listed.
    listed: HashMap<String, usize>,
    /// Per file: how many more were found, and where the first of them is. Some checks
    /// are skipped once a file is full, so this is a lower bound.
    unlisted: BTreeMap<String, (usize, Location)>,
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
        if self.is_full(&location.file) {
            self.count_unlisted(1, || location);
            return;
        }
        self.add(Problem {
            kind,
            location,
            question: question.map(str::to_string),
            message: message.into(),
            hint: hint.into(),
            excerpt: None,
        });
    }

    /// Lists `problem`, or only counts it when its file already has its fill.
    pub fn add(&mut self, problem: Problem) {
        let file = &problem.location.file;
        if self.is_full(file) {
            self.count_unlisted(1, || problem.location);
            return;
        }
        match self.listed.get_mut(file) {
            Some(listed) => *listed += 1,
            None => {
                self.listed.insert(file.clone(), 1);
            }
        }
        self.list.push(problem);
    }

    /// Whether `file` has as many problems listed as it may: further ones are only counted,
    /// so a caller can skip building them.
    pub fn is_full(&self, file: &str) -> bool {
        self.listed
            .get(file)
            .is_some_and(|&listed| listed >= MAX_LISTED_PER_FILE)
    }

    /// Counts `count` problems of a full file without listing them; `first` is where the
    /// first of them is, asked for only if it is the first unlisted one of its file.
    pub fn count_unlisted(&mut self, count: usize, first: impl FnOnce() -> Location) {
        if count == 0 {
            return;
        }
        let location = first();
        match self.unlisted.get_mut(&location.file) {
            Some((unlisted, _)) => *unlisted += count,
            None => {
                self.unlisted
                    .insert(location.file.clone(), (count, location));
            }
        }
    }

    /// Every problem found, listed or not: a check compares it before and after to learn
    /// whether it found any.
    pub fn count(&self) -> usize {
        self.list.len()
            + self
                .unlisted
                .values()
                .map(|(count, _)| count)
                .sum::<usize>()
    }

    pub fn is_empty(&self) -> bool {
        self.count() == 0
    }

    /// The listed problems, then for each file with unlisted ones a line saying how many.
    pub fn into_list(mut self) -> Vec<Problem> {
        for (file, (count, location)) in self.unlisted {
            self.list.push(Problem {
                kind: ProblemKind::MoreProblems,
                location,
                question: None,
                message: format!(
                    "and at least {count} more problems in {file} (only the first \
                     {MAX_LISTED_PER_FILE} of a file are listed)"
                ),
                hint: "fix the problems above and validate again to see the rest".to_string(),
                excerpt: None,
            });
        }
        self.list
    }
}
