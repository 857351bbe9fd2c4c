//! What a question asks to be answered, by kind: a choice question's options, an ordering
//! question's steps, a matching question's pairs, each checked against its kind's rules.

use std::ops::Range;

use super::problem::{ProblemKind, Problems};
use super::reader::TableReader;
use super::{AnswerOption, Body, Kind, Pair, Step, invariants};

/// The most options a choice question may have.
pub const MAX_OPTIONS: usize = 8;

/// The letter an option is shown under: A, B, C…
pub fn letter(index: usize) -> char {
    char::from(b'A' + (index % 26) as u8)
}

const OPTION_KEYS: &[&str] = &["text", "correct", "why"];
const STEP_KEYS: &[&str] = &["text", "why"];
const PAIR_KEYS: &[&str] = &["prompt", "answer", "why"];
pub const STEPS: std::ops::RangeInclusive<usize> = 3..=6;
pub const PAIRS: std::ops::RangeInclusive<usize> = 3..=7;

/// The question's kind (`kind`, "choice" by default) and what it is answered with.
pub fn parse_body(reader: &TableReader<'_, '_>, problems: &mut Problems) -> Option<Body> {
    let kind = parse_kind(reader, problems)?;
    let before = problems.count();
    // Parts of another kind: each named where it stands.
    for (part, owner) in [
        ("option", Kind::Choice),
        ("step", Kind::Ordering),
        ("pair", Kind::Matching),
    ] {
        if owner != kind
            && let Some(value) = reader.get(part)
        {
            problems.push(
                ProblemKind::PartOfAnotherKind,
                reader.source.location(&value.span()),
                reader.question,
                format!(
                    "a {} question has no [[question.{part}]] ({part}s belong to {} questions)",
                    kind.as_str(),
                    owner.as_str()
                ),
                match kind {
                    Kind::Choice => "write [[question.option]] tables, or set kind = \"ordering\" or \"matching\"",
                    Kind::Ordering => "write the answer as [[question.step]] tables in the correct order",
                    Kind::Matching => "write the answer as [[question.pair]] tables (prompt, answer, why)",
                },
            );
        }
    }
    if problems.count() > before {
        return None;
    }
    match kind {
        Kind::Choice => {
            let options = parse_options(reader, problems)?;
            let choose = options.iter().filter(|o| o.correct).count();
            Some(Body::Choice { options, choose })
        }
        Kind::Ordering => parse_steps(reader, problems).map(|steps| Body::Ordering { steps }),
        Kind::Matching => parse_pairs(reader, problems).map(|pairs| Body::Matching { pairs }),
    }
}

fn parse_kind(reader: &TableReader<'_, '_>, problems: &mut Problems) -> Option<Kind> {
    if reader.get("kind").is_none() {
        return Some(Kind::Choice);
    }
    let (text, span) = reader.string("kind", false, problems)?;
    let kind = [Kind::Choice, Kind::Ordering, Kind::Matching]
        .into_iter()
        .find(|kind| kind.as_str() == text);
    if kind.is_none() {
        problems.push(
            ProblemKind::BadKind,
            reader.source.location(&span),
            reader.question,
            format!("kind `{text}` is not one of choice, ordering, matching"),
            "write kind = \"choice\" (the default), \"ordering\" or \"matching\"",
        );
    }
    kind
}

/// A part table's reader, with `correct` refused on steps and pairs by name: their key is
/// the order they are written in (steps) or the pairing itself (pairs).
fn part_reader<'a, 'i>(
    reader: &TableReader<'a, 'i>,
    table: &'a toml::de::DeTable<'i>,
    span: Range<usize>,
    what: &'static str,
    keys: &[&str],
    problems: &mut Problems,
) -> TableReader<'a, 'i> {
    let part = TableReader {
        source: reader.source,
        table,
        span,
        question: reader.question,
        what,
    };
    if what != "option"
        && let Some(value) = part.get("correct")
    {
        problems.push(
            ProblemKind::CorrectNotAllowed,
            reader.source.location(&value.span()),
            reader.question,
            format!("a {what} has no `correct` key"),
            if what == "step" {
                "remove it: steps are written in the correct order, which is the key"
            } else {
                "remove it: each pair's prompt and answer belong together, which is the key"
            },
        );
    }
    let allowed: Vec<&str> = keys.iter().copied().chain(["correct"]).collect();
    part.reject_unknown_keys(if what == "option" { keys } else { &allowed }, problems);
    part
}

fn parse_steps(reader: &TableReader<'_, '_>, problems: &mut Problems) -> Option<Vec<Step>> {
    let entries = reader.tables("step", problems).unwrap_or_default();
    let before = problems.count();
    check_count(reader, "ordering", "step", entries.len(), STEPS, problems);
    let mut steps = Vec::with_capacity(entries.len());
    let mut seen = Vec::new();
    for (index, (table, span)) in entries.iter().enumerate() {
        let part = part_reader(reader, table, span.clone(), "step", STEP_KEYS, problems);
        let text = part.text("text", problems);
        let why = part.optional_text("why", problems);
        check_unique(&part, "text", "step", index, &mut seen, problems);
        if let (Some((text, _)), Some(why)) = (text, why) {
            steps.push(Step { text, why });
        }
    }
    (problems.count() == before).then_some(steps)
}

fn parse_pairs(reader: &TableReader<'_, '_>, problems: &mut Problems) -> Option<Vec<Pair>> {
    let entries = reader.tables("pair", problems).unwrap_or_default();
    let before = problems.count();
    check_count(reader, "matching", "pair", entries.len(), PAIRS, problems);
    let mut pairs = Vec::with_capacity(entries.len());
    let (mut prompts, mut answers) = (Vec::new(), Vec::new());
    for (index, (table, span)) in entries.iter().enumerate() {
        let part = part_reader(reader, table, span.clone(), "pair", PAIR_KEYS, problems);
        let prompt = part.text("prompt", problems);
        let answer = part.text("answer", problems);
        let why = part.optional_text("why", problems);
        check_unique(&part, "prompt", "pair", index, &mut prompts, problems);
        check_unique(&part, "answer", "pair", index, &mut answers, problems);
        if let (Some((prompt, _)), Some((answer, _)), Some(why)) = (prompt, answer, why) {
            pairs.push(Pair {
                prompt,
                answer,
                why,
            });
        }
    }
    (problems.count() == before).then_some(pairs)
}

fn check_count(
    reader: &TableReader<'_, '_>,
    kind: &str,
    part: &str,
    count: usize,
    allowed: std::ops::RangeInclusive<usize>,
    problems: &mut Problems,
) {
    if allowed.contains(&count) {
        return;
    }
    let (problem, fix) = if count < *allowed.start() {
        (
            ProblemKind::TooFewOptions,
            format!("add [[question.{part}]] tables"),
        )
    } else {
        (ProblemKind::TooManyOptions, format!("remove {part}s"))
    };
    problems.push(
        problem,
        reader.source.location(&reader.span),
        reader.question,
        format!(
            "{kind} question has {count} {part}s; it needs {} to {}",
            allowed.start(),
            allowed.end()
        ),
        fix,
    );
}

/// Two steps, prompts or answers with the same words cannot be told apart.
fn check_unique<'a>(
    part: &TableReader<'a, '_>,
    key: &str,
    what: &str,
    index: usize,
    seen: &mut Vec<(&'a str, usize)>,
    problems: &mut Problems,
) {
    let (Some(raw), Some(value)) = (part.raw_str(key), part.get(key)) else {
        return;
    };
    match seen.iter_mut().find(|(text, _)| same_words(text, raw)) {
        Some((_, first)) => problems.push(
            ProblemKind::DuplicateOptionText,
            part.source.location(&value.span()),
            part.question,
            format!(
                "{what} {} has the same {key} as {what} {}",
                index + 1,
                std::mem::replace(first, index) + 1
            ),
            format!("make every {what}'s {key} different"),
        ),
        None => seen.push((raw, index)),
    }
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
    let before = problems.count();
    let mut options = Vec::with_capacity(entries.len());
    // Texts of the options read so far, to find one written twice.
    let mut seen_texts: Vec<(&str, usize)> = Vec::with_capacity(entries.len());
    for (index, (table, span)) in entries.iter().enumerate() {
        let option_reader =
            part_reader(reader, table, span.clone(), "option", OPTION_KEYS, problems);
        let text = option_reader.text("text", problems);
        let correct = option_reader.bool("correct", problems);
        let why = option_reader.optional_text("why", problems);
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
        if let (Some((text, _)), Some(correct), Some(why)) = (text, correct, why) {
            options.push(AnswerOption { text, correct, why });
        }
    }
    if problems.count() > before {
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
    match invariants::answer_key_failure(options) {
        Some((kind, message, hint)) => {
            let location = reader.source.location(&reader.span);
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
