//! `exam.toml`: the exam's identity, mock-exam defaults, scoring and task statements.

use std::collections::HashSet;
use std::ops::Range;

use toml::de::DeTable;

use super::problem::{ProblemKind, Problems, SourceFile};
use super::reader::TableReader;
use super::{BlueprintEntry, Exam, MockDefaults, Scoring, Task, Topic, invariants, limits};

pub fn parse_exam(
    source: SourceFile<'_>,
    root: &DeTable<'_>,
    problems: &mut Problems,
) -> Option<Exam> {
    let before = problems.count();
    let reader = TableReader {
        source,
        table: root,
        span: 0..0,
        question: None,
        what: "exam.toml",
    };
    reader.reject_unknown_keys(
        &["id", "title", "mock", "scoring", "task", "blueprint"],
        problems,
    );
    let id = reader.string("id", true, problems);
    let title = reader.string("title", true, problems);
    let mock = reader
        .table("mock", problems)
        .and_then(|(table, span)| parse_mock(source, table, span, problems));
    let scoring = reader
        .table("scoring", problems)
        .and_then(|(table, span)| parse_scoring(source, table, span, problems));
    let tasks = parse_tasks(&reader, problems);
    let blueprint = parse_blueprint(&reader, problems);
    if problems.count() > before {
        return None;
    }
    Some(Exam {
        id: id?.0,
        title: title?.0,
        mock: mock?,
        scoring: scoring?,
        tasks,
        blueprint,
    })
}

/// `[[blueprint]]`: the official task statements, optional.
fn parse_blueprint(reader: &TableReader<'_, '_>, problems: &mut Problems) -> Vec<BlueprintEntry> {
    if reader.get("blueprint").is_none() {
        return Vec::new();
    }
    let entries = reader.tables("blueprint", problems).unwrap_or_default();
    let mut seen = HashSet::new();
    let mut blueprint = Vec::with_capacity(entries.len());
    for (table, span) in entries {
        let entry = TableReader {
            source: reader.source,
            table,
            span,
            question: None,
            what: "[[blueprint]]",
        };
        entry.reject_unknown_keys(&["id", "title", "weight"], problems);
        let (id, title, weight) = weighted_entry(&entry, "blueprint", &mut seen, problems);
        if let (Some((id, _)), Some((title, _)), Some((weight, _))) = (id, title, weight) {
            blueprint.push(BlueprintEntry { id, title, weight });
        }
    }
    blueprint
}

fn parse_mock(
    source: SourceFile<'_>,
    table: &DeTable<'_>,
    span: std::ops::Range<usize>,
    problems: &mut Problems,
) -> Option<MockDefaults> {
    let reader = TableReader {
        source,
        table,
        span,
        question: None,
        what: "[mock]",
    };
    reader.reject_unknown_keys(&["questions", "minutes"], problems);
    let questions = at_least_one(&reader, "questions", problems);
    let minutes = at_least_one(&reader, "minutes", problems);
    Some(MockDefaults {
        questions: questions?,
        minutes: minutes?,
    })
}

fn at_least_one(reader: &TableReader<'_, '_>, key: &str, problems: &mut Problems) -> Option<u32> {
    let (value, span) = reader.integer(key, problems)?;
    match u32::try_from(value) {
        Ok(value) if value >= 1 => Some(value),
        _ => {
            problems.push(
                ProblemKind::BadExamSetting,
                reader.source.location(&span),
                None,
                format!(
                    "{} {key} = {value} is not a positive whole number",
                    reader.what
                ),
                format!("set {key} to 1 or more"),
            );
            None
        }
    }
}

fn parse_scoring(
    source: SourceFile<'_>,
    table: &DeTable<'_>,
    span: std::ops::Range<usize>,
    problems: &mut Problems,
) -> Option<Scoring> {
    let reader = TableReader {
        source,
        table,
        span: span.clone(),
        question: None,
        what: "[scoring]",
    };
    reader.reject_unknown_keys(&["min", "max", "pass"], problems);
    let min = score_in_range(&reader, "min", problems);
    let max = score_in_range(&reader, "max", problems);
    let pass = score_in_range(&reader, "pass", problems);
    let ((min, _), (max, _), (pass, pass_span)) = (min?, max?, pass?);
    if !invariants::scoring_in_order(min, pass, max) {
        problems.push(
            ProblemKind::BadExamSetting,
            source.location(&pass_span),
            None,
            format!(
                "[scoring] needs min < pass <= max, but min = {min}, pass = {pass}, max = {max}"
            ),
            "fix the three values so the pass mark lies above min and not above max",
        );
        return None;
    }
    Some(Scoring { min, max, pass })
}

/// A `[scoring]` value within ±[`limits::MAX_SCORE`]: no exam needs more, and the scaled
/// score and the pass line are then far from any overflow.
fn score_in_range(
    reader: &TableReader<'_, '_>,
    key: &str,
    problems: &mut Problems,
) -> Option<(i64, Range<usize>)> {
    let (value, span) = reader.integer(key, problems)?;
    if invariants::score_in_range(value) {
        return Some((value, span));
    }
    problems.push(
        ProblemKind::BadExamSetting,
        reader.source.location(&span),
        None,
        format!(
            "[scoring] {key} = {value} is outside the allowed range -{max} to {max}",
            max = limits::MAX_SCORE
        ),
        format!(
            "set {key} to a whole number from -{max} to {max}",
            max = limits::MAX_SCORE
        ),
    );
    None
}

fn parse_tasks(reader: &TableReader<'_, '_>, problems: &mut Problems) -> Vec<Task> {
    let Some(entries) = reader.tables("task", problems) else {
        if reader.get("task").is_none() {
            problems.push(
                ProblemKind::MissingKey,
                reader.source.start(),
                None,
                "exam.toml defines no task statement",
                "add at least one [[task]] with id, title, weight and topics",
            );
        }
        return Vec::new();
    };
    let mut task_ids = HashSet::new();
    let mut topic_ids = HashSet::new();
    let mut tasks = Vec::new();
    for (table, span) in entries {
        let task_reader = TableReader {
            source: reader.source,
            table,
            span: span.clone(),
            question: None,
            what: "[[task]]",
        };
        task_reader.reject_unknown_keys(&["id", "title", "weight", "topics"], problems);
        let (id, title, weight) = weighted_entry(&task_reader, "task", &mut task_ids, problems);
        let topics = parse_topics(&task_reader, &mut topic_ids, problems);
        if let (Some((id, _)), Some((title, _)), Some((weight, _))) = (id, title, weight) {
            tasks.push(Task {
                id,
                title,
                weight,
                topics,
            });
        }
    }
    tasks
}

/// A value read with where it stands, if it could be read.
type Read<T> = Option<(T, Range<usize>)>;

/// The id, title and weight every `[[task]]` and `[[blueprint]]` entry has: the id unique
/// among its kind (`seen`), the weight a positive number.
fn weighted_entry(
    entry: &TableReader<'_, '_>,
    kind: &str,
    seen: &mut HashSet<String>,
    problems: &mut Problems,
) -> (Read<String>, Read<String>, Read<f64>) {
    let id = entry.string("id", true, problems);
    let title = entry.string("title", true, problems);
    let weight = entry.number("weight", problems);
    if let Some((id, id_span)) = &id
        && !seen.insert(id.clone())
    {
        problems.push(
            ProblemKind::DuplicateId,
            entry.source.location(id_span),
            None,
            format!("{kind} id `{id}` is used twice"),
            format!("give every [[{kind}]] its own id"),
        );
    }
    if let Some((weight, weight_span)) = &weight
        && !invariants::positive_weight(*weight)
    {
        problems.push(
            ProblemKind::BadExamSetting,
            entry.source.location(weight_span),
            None,
            format!("{kind} weight {weight} is not positive"),
            "set weight to a number above 0",
        );
    }
    (id, title, weight)
}

fn parse_topics(
    task: &TableReader<'_, '_>,
    seen: &mut HashSet<String>,
    problems: &mut Problems,
) -> Vec<Topic> {
    // A task statement may have no topics (a personal bank); then its questions name none.
    if task.get("topics").is_none() {
        return Vec::new();
    }
    let entries = task.tables("topics", problems).unwrap_or_default();
    let mut topics = Vec::new();
    for (table, span) in entries {
        let reader = TableReader {
            source: task.source,
            table,
            span,
            question: None,
            what: "topic",
        };
        reader.reject_unknown_keys(&["id", "title"], problems);
        let id = reader.string("id", true, problems);
        let title = reader.string("title", true, problems);
        if let Some((id, id_span)) = &id
            && !seen.insert(id.clone())
        {
            problems.push(
                ProblemKind::DuplicateId,
                task.source.location(id_span),
                None,
                format!("topic id `{id}` is used twice"),
                "topic ids must be unique across the whole exam",
            );
        }
        if let (Some((id, _)), Some((title, _))) = (id, title) {
            topics.push(Topic { id, title });
        }
    }
    topics
}
