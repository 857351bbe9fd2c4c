//! Question files: every `[[question]]` with its `[[question.option]]`s, checked
//! field by field. Rules that span files (unique ids) live in `mod.rs`.

use std::ops::Range;

use toml::de::DeTable;

use super::problem::{ProblemKind, Problems, SourceFile};
use super::reader::TableReader;
use super::{AnswerOption, Difficulty, Exam, Question};

pub const MAX_OPTIONS: usize = 8;
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
    "option",
];
const OPTION_KEYS: &[&str] = &["text", "correct", "why"];

/// A question that passed its own checks, with the span of its id for cross-file checks.
pub struct ParsedQuestion {
    pub question: Question,
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
    let before = problems.list.len();
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
    let topic = reader.string("topic", true, problems);
    let blueprint = parse_blueprint(&reader, exam, problems);
    let services = reader.optional_string_list("services", problems);
    let difficulty = parse_difficulty(&reader, problems);
    let prompt = reader.text("prompt", problems);
    let explanation = reader.text("explanation", problems);
    let references = parse_references(&reader, problems);
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
    let options = parse_options(&reader, problems);
    if problems.list.len() > before {
        return None;
    }
    let (id, id_span) = id?;
    Some(ParsedQuestion {
        question: Question {
            id,
            task: task?.0,
            topic: topic?.0,
            blueprint,
            services,
            difficulty: difficulty?,
            prompt: prompt?.0,
            explanation: explanation?.0,
            references: references?,
            options: options?,
            location: source.location(&span),
        },
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
    if task_def.topics.iter().any(|t| t.id == topic) {
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

fn parse_options(
    reader: &TableReader<'_, '_>,
    problems: &mut Problems,
) -> Option<Vec<AnswerOption>> {
    let Some(entries) = reader.tables("option", problems) else {
        if reader.get("option").is_none() {
            problems.push(
                ProblemKind::TooFewOptions,
                reader.source.location(&reader.span),
                reader.question,
                "question has no options",
                "add [[question.option]] tables with text, correct and why",
            );
        }
        return None;
    };
    let before = problems.list.len();
    let mut options = Vec::with_capacity(entries.len());
    // Texts of the options read so far, to find one written twice.
    let mut seen_texts: Vec<(&str, usize)> = Vec::with_capacity(entries.len());
    for (index, (table, span)) in entries.iter().enumerate() {
        let option_reader = TableReader {
            source: reader.source,
            table,
            span: span.clone(),
            question: reader.question,
            what: "option",
        };
        option_reader.reject_unknown_keys(OPTION_KEYS, problems);
        let text = option_reader.text("text", problems);
        let correct = option_reader.bool("correct", problems);
        let why = option_reader.text("why", problems);
        if let Some(raw) = option_reader.raw_str("text") {
            let seen = seen_texts
                .iter_mut()
                .find(|(seen, _)| same_words(seen, raw));
            match (seen, &text) {
                // Later duplicates name the latest copy, as a reader scanning down would.
                (Some((_, first)), Some((_, text_span))) => problems.push(
                    ProblemKind::DuplicateOptionText,
                    reader.source.location(text_span),
                    reader.question,
                    format!(
                        "option {} has the same text as option {}",
                        letter(index),
                        letter(std::mem::replace(first, index))
                    ),
                    "make every option's text different",
                ),
                (None, Some(_)) => seen_texts.push((raw, index)),
                _ => {}
            }
        }
        if let (Some((text, _)), Some(correct), Some((why, _))) = (text, correct, why) {
            options.push(AnswerOption { text, correct, why });
        }
    }
    if problems.list.len() > before {
        return None;
    }
    check_answer_key(reader, &options, problems).then_some(options)
}

/// The shape rules: how many options, how many correct, and at least one wrong.
fn check_answer_key(
    reader: &TableReader<'_, '_>,
    options: &[AnswerOption],
    problems: &mut Problems,
) -> bool {
    let location = reader.source.location(&reader.span);
    let correct = options.iter().filter(|o| o.correct).count();
    let total = options.len();
    let failure = if total > MAX_OPTIONS {
        Some((
            ProblemKind::TooManyOptions,
            format!("question has {total} options; at most {MAX_OPTIONS} are allowed"),
            "remove the weakest distractors".to_string(),
        ))
    } else if correct == 0 {
        Some((
            ProblemKind::NoCorrectOption,
            "no option is marked correct = true".to_string(),
            "mark the right answer with correct = true".to_string(),
        ))
    } else if correct == 1 && total < 4 {
        Some((
            ProblemKind::TooFewOptions,
            format!("single-answer question has {total} options; it needs at least 4"),
            "add distractors until there are 4 options".to_string(),
        ))
    } else if correct >= 2 && correct == total {
        Some((
            ProblemKind::NoWrongOption,
            "every option is marked correct".to_string(),
            "a multiple-response question needs at least one wrong option".to_string(),
        ))
    } else if correct >= 2 && total < 5 {
        Some((
            ProblemKind::TooFewOptions,
            format!(
                "multiple-response question ({correct} correct) has {total} options; it needs at least 5"
            ),
            "add distractors until there are 5 options, or mark only one option correct"
                .to_string(),
        ))
    } else {
        None
    };
    match failure {
        Some((kind, message, hint)) => {
            problems.push(kind, location, reader.question, message, hint);
            false
        }
        None => true,
    }
}

/// Whether two option texts read the same: the same words, ignoring case and spacing.
fn same_words(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        return ascii_words(a).eq(ascii_words(b));
    }
    // Full Unicode lowercasing depends on context (a final sigma), so compare whole strings.
    let normalized = |text: &str| {
        text.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    normalized(a) == normalized(b)
}

/// An ASCII text's words, lowercased, each followed by one space.
fn ascii_words(text: &str) -> impl Iterator<Item = u8> + '_ {
    text.split_whitespace()
        .flat_map(|word| word.bytes().map(|b| b.to_ascii_lowercase()).chain([b' ']))
}

/// The letter an option is shown under: A, B, C…
pub fn letter(index: usize) -> char {
    char::from(b'A' + (index % 26) as u8)
}

#[cfg(test)]
mod tests {
    use super::same_words;

    #[test]
    fn option_texts_are_the_same_whatever_their_case_and_spacing() {
        assert!(same_words("Use Amazon S3", "  use   AMAZON\ts3\n"));
        assert!(same_words("a\u{b}b", "A B"), "a vertical tab is whitespace");
        assert!(!same_words("Use Amazon S3", "Use Amazon S3 Glacier"));
        assert!(!same_words("ab", "a b"));
        assert!(same_words("ÉTÉ  Σ", "été σ"));
        assert!(!same_words("été", "ete"));
    }
}
