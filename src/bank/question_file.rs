//! Question files: every `[[question]]`, checked field by field; what is answered (its
//! options, steps or pairs) is read by `question_body`. Rules that span files (unique ids)
//! live in `load`.

use std::ops::Range;

use toml::de::DeTable;

use super::problem::{ProblemKind, Problems, SourceFile};
use super::question_body::parse_body;
use super::reader::TableReader;
use super::{Difficulty, Exam, Question};

const QUESTION_KEYS: &[&str] = &[
    "id",
    "task",
    "topic",
    "blueprint",
    "services",
    "difficulty",
    "prompt",
    "explanation",
    "references",
    "kind",
    "option",
    "step",
    "pair",
];

/// A question with a readable id, and the span of that id for cross-file checks; only the
/// id is kept when it failed its own checks (its id is still checked for duplicates, so that
/// problem shows with the others rather than after they are fixed).
pub struct ParsedQuestion {
    /// The question, or only its id when it failed its own checks.
    pub question: Result<Question, String>,
    pub id_span: Range<usize>,
}

pub fn parse_question_file(
    source: SourceFile<'_>,
    root: &DeTable<'_>,
    exam: Option<&Exam>,
    problems: &mut Problems,
) -> Vec<ParsedQuestion> {
    let file_reader = TableReader {
        source,
        table: root,
        span: 0..0,
        question: None,
        what: "a question file",
    };
    file_reader.reject_unknown_keys(&["question"], problems);
    let Some(entries) = file_reader.tables("question", problems) else {
        return Vec::new();
    };
    entries
        .into_iter()
        .enumerate()
        .filter_map(|(index, (table, span))| {
            parse_question(source, table, span, index, exam, problems)
        })
        .collect()
}

fn parse_question(
    source: SourceFile<'_>,
    table: &DeTable<'_>,
    span: Range<usize>,
    index: usize,
    exam: Option<&Exam>,
    problems: &mut Problems,
) -> Option<ParsedQuestion> {
    let before = problems.count();
    // Name the question by its id when it has one, else by its place in the file.
    let label = table
        .get("id")
        .and_then(|value| value.get_ref().as_str())
        .filter(|id| !id.trim().is_empty())
        .map_or_else(|| format!("#{} (no id)", index + 1), str::to_string);
    let reader = TableReader {
        source,
        table,
        span: span.clone(),
        question: Some(&label),
        what: "question",
    };
    reader.reject_unknown_keys(QUESTION_KEYS, problems);
    let id = reader.string("id", true, problems);
    let task = reader.string("task", true, problems);
    // A personal bank may leave the topic out (a task statement may have none).
    let topic = match reader.get("topic") {
        Some(_) => reader.string("topic", true, problems),
        None => Some((String::new(), span.clone())),
    };
    let blueprint = parse_blueprint(&reader, exam, problems);
    let services = reader.optional_string_list("services", problems);
    let difficulty = match reader.get("difficulty") {
        Some(_) => parse_difficulty(&reader, problems).map(Some),
        None => Some(None),
    };
    let prompt = reader.text("prompt", problems);
    let explanation = reader.optional_text("explanation", problems);
    let references = match reader.get("references") {
        Some(_) => parse_references(&reader, problems),
        None => Some(Vec::new()),
    };
    if let (Some(exam), Some((task, task_span)), Some((topic, topic_span))) = (exam, &task, &topic)
    {
        check_task_and_topic(
            &reader,
            exam,
            (task, task_span),
            (topic, topic_span),
            problems,
        );
    }
    let body = parse_body(&reader, problems);
    let (id, id_span) = id?;
    if problems.count() > before {
        return Some(ParsedQuestion {
            question: Err(id),
            id_span,
        });
    }
    Some(ParsedQuestion {
        question: Ok(Question {
            id,
            task: task?.0,
            topic: topic?.0,
            blueprint,
            services,
            difficulty: difficulty?,
            prompt: prompt?.0,
            explanation: explanation?,
            references: references?,
            body: body?,
            location: source.location(&span),
        }),
        id_span,
    })
}

/// `blueprint = ["3.3", "1.3"]`: ids from exam.toml's `[[blueprint]]`, checked like `task`.
fn parse_blueprint(
    reader: &TableReader<'_, '_>,
    exam: Option<&Exam>,
    problems: &mut Problems,
) -> Option<Vec<String>> {
    reader.get("blueprint")?;
    let ids = reader.string_list("blueprint", problems)?;
    if let Some(exam) = exam {
        let known: Vec<&str> = exam.blueprint.iter().map(|b| b.id.as_str()).collect();
        for (id, span) in &ids {
            if known.contains(&id.as_str()) {
                continue;
            }
            let (what, fix) = if known.is_empty() {
                (
                    format!("blueprint `{id}`: exam.toml declares no [[blueprint]]"),
                    "add [[blueprint]] entries (id, title, weight) to exam.toml, or remove this key"
                        .to_string(),
                )
            } else {
                (
                    format!("blueprint `{id}` is not defined in exam.toml"),
                    format!("use one of: {}", known.join(", ")),
                )
            };
            problems.push(
                ProblemKind::UnknownBlueprint,
                reader.source.location(span),
                reader.question,
                what,
                fix,
            );
        }
    }
    let mut seen = Vec::with_capacity(ids.len());
    for (id, span) in ids {
        if seen.contains(&id) {
            problems.push(
                ProblemKind::DuplicateId,
                reader.source.location(&span),
                reader.question,
                format!("blueprint `{id}` is listed twice"),
                "list each official task statement once",
            );
        } else {
            seen.push(id);
        }
    }
    Some(seen)
}

fn parse_difficulty(reader: &TableReader<'_, '_>, problems: &mut Problems) -> Option<Difficulty> {
    let (text, span) = reader.string("difficulty", false, problems)?;
    let parsed = match text.as_str() {
        "easy" => Some(Difficulty::Easy),
        "medium" => Some(Difficulty::Medium),
        "hard" => Some(Difficulty::Hard),
        _ => None,
    };
    if parsed.is_none() {
        problems.push(
            ProblemKind::BadDifficulty,
            reader.source.location(&span),
            reader.question,
            format!("difficulty `{text}` is not one of easy, medium, hard"),
            "write difficulty = \"easy\", \"medium\" or \"hard\"",
        );
    }
    parsed
}

fn parse_references(reader: &TableReader<'_, '_>, problems: &mut Problems) -> Option<Vec<String>> {
    let entries = reader.string_list("references", problems)?;
    if entries.is_empty() {
        problems.push(
            ProblemKind::BadReference,
            reader.source.location(&reader.get("references")?.span()),
            reader.question,
            "`references` is empty",
            "cite at least one https:// page of the official documentation",
        );
        return None;
    }
    let mut ok = true;
    for (url, span) in &entries {
        let rest = url.strip_prefix("https://").unwrap_or("");
        if rest.is_empty() || rest.contains(char::is_whitespace) {
            ok = false;
            problems.push(
                ProblemKind::BadReference,
                reader.source.location(span),
                reader.question,
                format!("reference `{url}` is not an https:// URL"),
                "cite the page by its full https:// address",
            );
        }
    }
    // A fresh vector: collecting in place would keep the wider entries' capacity.
    let mut urls = Vec::with_capacity(entries.len());
    urls.extend(entries.into_iter().map(|(url, _)| url));
    ok.then_some(urls)
}

fn check_task_and_topic(
    reader: &TableReader<'_, '_>,
    exam: &Exam,
    (task, task_span): (&str, &Range<usize>),
    (topic, topic_span): (&str, &Range<usize>),
    problems: &mut Problems,
) {
    let Some(task_def) = exam.task(task) else {
        let known: Vec<&str> = exam.tasks.iter().map(|t| t.id.as_str()).collect();
        problems.push(
            ProblemKind::UnknownTask,
            reader.source.location(task_span),
            reader.question,
            format!("task `{task}` is not defined in exam.toml"),
            format!("use one of: {}", known.join(", ")),
        );
        return;
    };
    // No topic named: allowed (a completeness warning when the task has topics).
    if topic.is_empty() || task_def.topics.iter().any(|t| t.id == topic) {
        return;
    }
    let owner = exam
        .tasks
        .iter()
        .find(|t| t.topics.iter().any(|candidate| candidate.id == topic));
    let (kind, message, hint) = match owner {
        Some(owner) => (
            ProblemKind::TopicOfAnotherTask,
            format!(
                "topic `{topic}` belongs to task {}, not to task {task}",
                owner.id
            ),
            format!("set task = \"{}\" or pick a topic of task {task}", owner.id),
        ),
        None => (
            ProblemKind::UnknownTopic,
            format!("topic `{topic}` is not a topic of task {task}"),
            format!(
                "use one of: {}",
                task_def
                    .topics
                    .iter()
                    .map(|t| t.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ),
    };
    problems.push(
        kind,
        reader.source.location(topic_span),
        reader.question,
        message,
        hint,
    );
}
