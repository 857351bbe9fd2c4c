//! GIFT (Moodle's text format, docs.moodle.org/en/GIFT_format), read with winnow: the file
//! as lines, grouped into blank-line separated blocks; each block's text as one question.
//! Multiple choice (`=` right, `~` wrong) and multiple response (`~%50%`, `~%-100%`: a
//! positive weight is a right answer) become drafts; every other kind is reported skipped.

use winnow::ModalResult;
use winnow::combinator::{alt, cut_err, delimited, not, opt, peek, preceded, repeat, separated};
use winnow::error::{StrContext, StrContextValue};
use winnow::prelude::*;
use winnow::token::{any, none_of, take_till, take_while};

use super::{Draft, DraftOption, Read, ReadError, Skipped, apply_meta, category_labels};

pub fn read(text: &str) -> Result<Read, ReadError> {
    let lines = split_lines(text)?;
    let mut read = Read::default();
    let mut category: (Option<String>, Option<String>) = (None, None);
    let mut block: Vec<(usize, &str)> = Vec::new();
    let mut meta: Vec<&str> = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let number = index + 1;
        let trimmed = line.trim();
        if let Some(comment) = trimmed.strip_prefix("//") {
            meta.push(comment.trim());
        } else if trimmed.is_empty() {
            finish_block(&mut block, &mut meta, &mut category, &mut read)?;
        } else {
            block.push((number, line));
        }
    }
    finish_block(&mut block, &mut meta, &mut category, &mut read)?;
    Ok(read)
}

/// The file's lines, without their line ends.
fn split_lines(text: &str) -> Result<Vec<&str>, ReadError> {
    let line = take_till(0.., '\n').map(|line: &str| line.strip_suffix('\r').unwrap_or(line));
    let mut lines =
        separated::<_, _, Vec<&str>, _, winnow::error::ContextError, _, _>(0.., line, '\n');
    lines.parse(text).map_err(|error| {
        ReadError::new(
            super::line_at(text, error.offset()),
            "cannot split the file into lines",
            "save it as UTF-8 text",
        )
    })
}

/// Turns one blank-line separated block (comments already taken out) into a category
/// change, a question, or both.
fn finish_block<'a>(
    block: &mut Vec<(usize, &'a str)>,
    meta: &mut Vec<&'a str>,
    category: &mut (Option<String>, Option<String>),
    read: &mut Read,
) -> Result<(), ReadError> {
    let mut lines = std::mem::take(block);
    let comments = std::mem::take(meta);
    if let Some(&(_, first)) = lines.first()
        && let Some(path) = first.trim().strip_prefix("$CATEGORY:")
    {
        *category = category_labels(path);
        lines.remove(0);
    }
    let Some(&(start, _)) = lines.first() else {
        return Ok(());
    };
    let text: Vec<&str> = lines.iter().map(|(_, line)| line.trim_end()).collect();
    let text = text.join("\n");
    let parsed = question.parse(text.as_str()).map_err(|error| {
        let line = lines
            .get(super::line_at(&text, error.offset()) - 1)
            .map_or(start, |(number, _)| *number);
        let expected = error
            .inner()
            .context()
            .find_map(|context| match context {
                StrContext::Expected(StrContextValue::Description(what)) => Some(*what),
                _ => None,
            })
            .unwrap_or("a question: text, then its answers in { }");
        ReadError::new(
            line,
            format!("GIFT syntax error: expected {expected}"),
            "fix the question here (escape a literal ~ = # { } : with a backslash)",
        )
    })?;
    let (kind, why) = match parsed.answers {
        Answers::Choice(options) => {
            let mut draft = Draft {
                line: start,
                name: parsed.title,
                task: category.0.clone(),
                topic: category.1.clone(),
                prompt: parsed.prompt,
                options,
                explanation: parsed.general_feedback,
                ..Draft::default()
            };
            for comment in comments {
                apply_meta(&mut draft, comment);
            }
            read.drafts.push(draft);
            return Ok(());
        }
        Answers::Essay => ("essay", "certsim has no essay questions"),
        Answers::TrueFalse => (
            "true/false",
            "certsim's single-answer questions have at least 4 options",
        ),
        Answers::Numerical => ("numerical", "certsim has no numerical answers"),
        Answers::Matching => ("matching", "GIFT matching questions are not imported"),
        Answers::ShortAnswer => ("short-answer", "certsim has no typed answers"),
        Answers::Description => ("description", "it has no answers { }"),
    };
    let title = parsed
        .title
        .map_or_else(String::new, |title| format!(" \"{title}\""));
    read.skipped.push(Skipped {
        line: start,
        reason: format!("{kind} question{title}: {why}"),
    });
    Ok(())
}

#[derive(Debug)]
struct Parsed {
    title: Option<String>,
    prompt: String,
    answers: Answers,
    general_feedback: Option<String>,
}

#[derive(Debug, Clone)]
enum Answers {
    Choice(Vec<DraftOption>),
    Essay,
    TrueFalse,
    Numerical,
    Matching,
    ShortAnswer,
    Description,
}

/// `[::title::] [format] text { answers } [text]`.
fn question(input: &mut &str) -> ModalResult<Parsed> {
    let _ = whitespace(input)?;
    let title = opt(delimited("::", title_text, "::")).parse_next(input)?;
    let _ = whitespace(input)?;
    let _ = opt(alt(("[html]", "[moodle]", "[plain]", "[markdown]"))).parse_next(input)?;
    let before = text_until(&['{']).parse_next(input)?;
    let block = opt(preceded('{', cut_err((answer_block, expect("}", "}"))))).parse_next(input)?;
    let after = text_until(&['{']).parse_next(input)?;
    let Some(((answers, general_feedback), _)) = block else {
        return Ok(Parsed {
            title: clean(title),
            prompt: before.trim().to_string(),
            answers: Answers::Description,
            general_feedback: None,
        });
    };
    // The missing-word form: "Moodle costs {~lots =nothing} to download".
    let prompt = if after.trim().is_empty() {
        before.trim().to_string()
    } else {
        format!("{} _____ {}", before.trim(), after.trim())
    };
    Ok(Parsed {
        title: clean(title),
        prompt,
        answers,
        general_feedback: clean(general_feedback),
    })
}

fn clean(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_string()).filter(|t| !t.is_empty())
}

fn whitespace<'a>(input: &mut &'a str) -> ModalResult<&'a str> {
    take_while(0.., char::is_whitespace).parse_next(input)
}

fn expect<'a>(
    token: &'static str,
    what: &'static str,
) -> impl Parser<&'a str, &'a str, winnow::error::ErrMode<winnow::error::ContextError>> {
    token.context(StrContext::Expected(StrContextValue::Description(what)))
}

/// One character of text: an escape (`\~ \= \# \{ \} \: \\`, `\n` a new line) or any
/// character not in `stop`.
fn text_char<'a>(
    stop: &'static [char],
) -> impl Parser<&'a str, char, winnow::error::ErrMode<winnow::error::ContextError>> {
    alt((
        preceded('\\', any).map(|c| if c == 'n' { '\n' } else { c }),
        none_of(move |c: char| c == '\\' || stop.contains(&c)),
    ))
}

fn text_until<'a>(
    stop: &'static [char],
) -> impl Parser<&'a str, String, winnow::error::ErrMode<winnow::error::ContextError>> {
    repeat(0.., text_char(stop)).fold(String::new, |mut text, c| {
        text.push(c);
        text
    })
}

/// A title runs to the next unescaped `::` (a single colon may stand unescaped).
fn title_text(input: &mut &str) -> ModalResult<String> {
    repeat(
        0..,
        alt((
            preceded('\\', any),
            preceded(not("::"), ':'),
            none_of(['\\', ':']),
        )),
    )
    .fold(String::new, |mut text, c| {
        text.push(c);
        text
    })
    .parse_next(input)
}

/// Inside `{ }`: the answers, then the general feedback (`####…`).
fn answer_block(input: &mut &str) -> ModalResult<(Answers, Option<String>)> {
    let _ = whitespace(input)?;
    if let Some(kind) = opt(other_kind).parse_next(input)? {
        let _ = text_until(&['}']).parse_next(input)?;
        return Ok((kind, None));
    }
    let answers: Vec<Answer> = repeat(0.., answer).parse_next(input)?;
    let general = opt(preceded("####", text_until(&['}']))).parse_next(input)?;
    let _ = whitespace(input)?;
    let kind = if answers.is_empty() {
        Answers::Essay
    } else if answers.iter().any(|a| a.text.contains("->")) {
        Answers::Matching
    } else if answers.iter().all(|a| a.mark == '=') {
        Answers::ShortAnswer
    } else {
        Answers::Choice(
            answers
                .into_iter()
                .map(|answer| DraftOption {
                    correct: answer.weight.map_or(answer.mark == '=', |w| w > 0.0),
                    text: answer.text.trim().to_string(),
                    why: clean(answer.feedback),
                })
                .collect(),
        )
    };
    Ok((kind, general))
}

/// True/false (`T`, `F`, `TRUE`, `FALSE`) and numerical (`#…`) answer blocks.
fn other_kind(input: &mut &str) -> ModalResult<Answers> {
    alt((
        (
            alt(("TRUE", "FALSE", "T", "F")),
            whitespace,
            // The `#` or `}` that tells the kind apart belongs to the rest of the block.
            peek(alt(('#', '}'))),
        )
            .value(Answers::TrueFalse),
        ('#', not("###")).value(Answers::Numerical),
    ))
    .parse_next(input)
}

struct Answer {
    mark: char,
    weight: Option<f64>,
    text: String,
    feedback: Option<String>,
}

/// `=text`, `~text`, `~%50%text`, each with an optional `#feedback`.
fn answer(input: &mut &str) -> ModalResult<Answer> {
    let mark = alt(('=', '~')).parse_next(input)?;
    let weight = opt(delimited(
        '%',
        cut_err(
            take_while(1.., |c: char| c.is_ascii_digit() || c == '.' || c == '-')
                .parse_to::<f64>()
                .context(StrContext::Expected(StrContextValue::Description(
                    "a weight such as %50% or %-100%",
                ))),
        ),
        cut_err(expect("%", "% closing the weight")),
    ))
    .parse_next(input)?;
    let text = text_until(&['=', '~', '#', '}']).parse_next(input)?;
    let feedback = opt(preceded(
        ('#', not("###")),
        text_until(&['=', '~', '#', '}']),
    ))
    .parse_next(input)?;
    Ok(Answer {
        mark,
        weight,
        text,
        feedback,
    })
}

#[cfg(test)]
#[path = "gift_read_tests.rs"]
mod tests;
