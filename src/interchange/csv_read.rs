//! CSV, one question a row, with a header row naming the columns (any order, any case):
//!
//! | column | holds |
//! |---|---|
//! | `prompt` | the question (required) |
//! | `options` | every option, separated by `|` — or `option_a` … `option_h`, one a column |
//! | `correct` | the correct letters: `B`, or `A;C` (`;`, `,` or spaces between) (required) |
//! | `why_a` … `why_h` | why each option is right or wrong (optional) |
//! | `explanation`, `task`, `topic`, `id`, `difficulty` | optional |
//! | `services`, `references` | optional, separated by `;` |

use super::{Draft, DraftOption, Read, ReadError, letter};
use crate::bank::MAX_OPTIONS;

const PLAIN_COLUMNS: &[&str] = &[
    "id",
    "prompt",
    "options",
    "correct",
    "explanation",
    "task",
    "topic",
    "difficulty",
    "services",
    "references",
];

/// Which column holds what.
#[derive(Default)]
struct Columns {
    plain: Vec<(&'static str, usize)>,
    option: [Option<usize>; MAX_OPTIONS],
    why: [Option<usize>; MAX_OPTIONS],
}

impl Columns {
    fn from_header(header: &csv::StringRecord) -> Result<Columns, ReadError> {
        let mut columns = Columns::default();
        for (index, name) in header.iter().enumerate() {
            let name = name.trim().to_ascii_lowercase();
            if let Some(known) = PLAIN_COLUMNS.iter().find(|known| **known == name) {
                columns.plain.push((known, index));
            } else if let Some(slot) = lettered(&name, "option_") {
                columns.option[slot] = Some(index);
            } else if let Some(slot) = lettered(&name, "why_") {
                columns.why[slot] = Some(index);
            } else {
                return Err(ReadError::new(
                    1,
                    format!("unknown column {name:?}"),
                    "use the columns id, prompt, options or option_a…option_h, correct, why_a…why_h, explanation, task, topic, difficulty, services, references",
                ));
            }
        }
        for required in ["prompt", "correct"] {
            if columns.index(required).is_none() {
                return Err(ReadError::new(
                    1,
                    format!("the header has no {required} column"),
                    "name the columns in the first row (see the README, \"Bringing your own questions\")",
                ));
            }
        }
        if columns.index("options").is_none() && columns.option.iter().all(Option::is_none) {
            return Err(ReadError::new(
                1,
                "the header has no options column and no option_a … option_h",
                "add an options column (separated by |) or one column per option",
            ));
        }
        Ok(columns)
    }

    fn index(&self, name: &str) -> Option<usize> {
        self.plain.iter().find(|(n, _)| *n == name).map(|(_, i)| *i)
    }

    fn get<'r>(&self, record: &'r csv::StringRecord, name: &str) -> Option<&'r str> {
        let value = record.get(self.index(name)?)?.trim();
        (!value.is_empty()).then_some(value)
    }
}

/// The slot of `option_c`-style names: 2 for `c`.
fn lettered(name: &str, prefix: &str) -> Option<usize> {
    let rest = name.strip_prefix(prefix)?;
    let mut chars = rest.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return None;
    };
    let slot = (c as usize).checked_sub('a' as usize)?;
    (slot < MAX_OPTIONS).then_some(slot)
}

pub fn read(text: &str) -> Result<Read, ReadError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    let csv_error = |error: csv::Error| {
        let line = error
            .position()
            .map_or(1, |p| usize::try_from(p.line()).unwrap_or(usize::MAX));
        ReadError::new(
            line,
            format!("CSV error: {error}"),
            "fix this row (every row needs the header's number of columns; quote fields with commas)",
        )
    };
    let header = reader.headers().map_err(csv_error)?.clone();
    let columns = Columns::from_header(&header)?;
    let mut read = Read::default();
    for record in reader.records() {
        let record = record.map_err(csv_error)?;
        let line = record
            .position()
            .map_or(1, |p| usize::try_from(p.line()).unwrap_or(usize::MAX));
        if record.iter().all(|field| field.trim().is_empty()) {
            continue;
        }
        read.drafts.push(row(&columns, &record, line)?);
    }
    Ok(read)
}

fn row(columns: &Columns, record: &csv::StringRecord, line: usize) -> Result<Draft, ReadError> {
    let get = |name| columns.get(record, name).map(str::to_string);
    let mut texts: Vec<String> = match columns.get(record, "options") {
        Some(options) => options.split('|').map(|o| o.trim().to_string()).collect(),
        None => columns
            .option
            .iter()
            .map_while(|index| index.and_then(|i| record.get(i)).map(str::trim))
            .take_while(|text| !text.is_empty())
            .map(str::to_string)
            .collect(),
    };
    texts.retain(|text| !text.is_empty());
    let mut options: Vec<DraftOption> = texts
        .into_iter()
        .enumerate()
        .map(|(slot, text)| DraftOption {
            text,
            correct: false,
            why: columns.why[slot]
                .and_then(|i| record.get(i))
                .map(str::trim)
                .filter(|why| !why.is_empty())
                .map(str::to_string),
        })
        .collect();
    let correct = columns.get(record, "correct").unwrap_or("");
    for mark in correct.split(|c: char| c == ';' || c == ',' || c.is_whitespace()) {
        let mark = mark.trim();
        if mark.is_empty() {
            continue;
        }
        let slot = options
            .iter()
            .enumerate()
            .position(|(slot, _)| mark.eq_ignore_ascii_case(&letter(slot).to_string()));
        let Some(slot) = slot else {
            return Err(ReadError::new(
                line,
                format!("correct names {mark:?}, which is not one of this row's option letters"),
                "write the correct options' letters, such as B or A;C",
            ));
        };
        if let Some(option) = options.get_mut(slot) {
            option.correct = true;
        }
    }
    if correct.is_empty() {
        return Err(ReadError::new(
            line,
            "this row's correct column is empty",
            "write the correct options' letters, such as B or A;C",
        ));
    }
    let list = |name, split: fn(char) -> bool| -> Vec<String> {
        columns
            .get(record, name)
            .map(|value| {
                value
                    .split(split)
                    .map(str::trim)
                    .filter(|item| !item.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    };
    Ok(Draft {
        line,
        name: get("id"),
        task: get("task"),
        topic: get("topic"),
        prompt: get("prompt").unwrap_or_default(),
        options,
        explanation: get("explanation"),
        references: list("references", |c| c == ';' || c.is_whitespace()),
        difficulty: get("difficulty"),
        services: list("services", |c| c == ';'),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_option_layouts_are_read() {
        let text = "prompt,options,correct,why_a,explanation,task,topic\n\
                    \"Which, exactly?\",S3 | EBS | EFS | RDS,A,objects,Because.,storage,s3\n";
        let read = read(text).unwrap();
        let draft = &read.drafts[0];
        assert_eq!(draft.prompt, "Which, exactly?");
        assert_eq!(draft.options.len(), 4);
        assert!(draft.options[0].correct && !draft.options[1].correct);
        assert_eq!(draft.options[0].why.as_deref(), Some("objects"));
        assert_eq!(draft.task.as_deref(), Some("storage"));
        assert_eq!(draft.line, 2);

        let text = "Prompt,Option_A,Option_B,Option_C,Correct,Services\nQ?,a,b,c,A;C,AWS Glue; Amazon S3\n";
        let draft = &read_ok(text).drafts[0];
        let correct: Vec<bool> = draft.options.iter().map(|o| o.correct).collect();
        assert_eq!(correct, [true, false, true]);
        assert_eq!(draft.services, ["AWS Glue", "Amazon S3"]);
        assert_eq!(draft.why_of(0), None);
    }

    fn read_ok(text: &str) -> Read {
        read(text).unwrap()
    }

    impl Draft {
        fn why_of(&self, slot: usize) -> Option<&str> {
            self.options[slot].why.as_deref()
        }
    }

    #[test]
    fn bad_rows_and_headers_are_errors_at_their_line() {
        let error = |text: &str| read(text).unwrap_err();
        assert_eq!(error("prompt,options,correct,colour\n").line, 1);
        assert_eq!(error("prompt,correct\n").line, 1);
        assert_eq!(error("prompt,options,correct\nQ,a|b,A\nQ,a|b,E\n").line, 3);
        assert_eq!(error("prompt,options,correct\nQ,a|b,A\nQ,a|b\n").line, 3);
        assert_eq!(error("prompt,options,correct\nQ,a|b,\n").line, 2);
    }
}
