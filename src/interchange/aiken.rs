//! Aiken (single-answer questions as plain lines), read with winnow:
//!
//! ```text
//! Which service stores objects?
//! A. Amazon S3
//! B) Amazon EBS
//! ANSWER: A
//! ```
//!
//! The question may run over several lines; options are lettered in order from A with `.`
//! or `)`; `ANSWER: X` ends the question. Blank lines between questions are ignored.

use winnow::ModalResult;
use winnow::ascii::space0;
use winnow::combinator::{alt, eof, preceded, terminated};
use winnow::prelude::*;
use winnow::token::{one_of, rest};

use super::{Draft, DraftOption, Read, ReadError};

#[derive(Debug, Clone, PartialEq)]
enum Line<'a> {
    Blank,
    Option { letter: char, text: &'a str },
    Answer(char),
    Text(&'a str),
}

/// What one line is.
fn line<'a>(input: &mut &'a str) -> ModalResult<Line<'a>> {
    alt((
        terminated(space0, eof).value(Line::Blank),
        preceded(
            ("ANSWER", space0, ':', space0),
            terminated(one_of('A'..='Z'), (space0, eof)),
        )
        .map(Line::Answer),
        (
            one_of('A'..='Z'),
            one_of(['.', ')']),
            one_of([' ', '\t']),
            rest,
        )
            .map(
                |(letter, _, _, text): (char, char, char, &str)| Line::Option {
                    letter,
                    text: text.trim(),
                },
            ),
        rest.map(|text: &str| Line::Text(text.trim())),
    ))
    .parse_next(input)
}

pub fn read(text: &str) -> Result<Read, ReadError> {
    let mut read = Read::default();
    let mut current: Option<Draft> = None;
    for (index, source) in text.lines().enumerate() {
        let number = index + 1;
        let parsed = line.parse(source.trim_end()).map_err(|_| {
            ReadError::new(
                number,
                "cannot read this line",
                "save the file as UTF-8 text",
            )
        })?;
        match parsed {
            Line::Blank => {}
            Line::Text(text) => match &mut current {
                Some(draft) if draft.options.is_empty() => {
                    draft.prompt.push('\n');
                    draft.prompt.push_str(text);
                }
                Some(_) => {
                    return Err(ReadError::new(
                        number,
                        "expected the next option (`B. …`) or `ANSWER: X`",
                        "start each option with its letter and a period or parenthesis, and end the question with ANSWER:",
                    ));
                }
                None => {
                    current = Some(Draft {
                        line: number,
                        prompt: text.to_string(),
                        ..Draft::default()
                    });
                }
            },
            Line::Option { letter, text } => {
                let Some(draft) = &mut current else {
                    return Err(ReadError::new(
                        number,
                        "an option before any question text",
                        "write the question on the line before its options",
                    ));
                };
                let expected = super::letter(draft.options.len());
                if letter != expected {
                    return Err(ReadError::new(
                        number,
                        format!("option {letter} where option {expected} was expected"),
                        "letter the options A, B, C … in order",
                    ));
                }
                draft.options.push(DraftOption {
                    text: text.to_string(),
                    ..DraftOption::default()
                });
            }
            Line::Answer(letter) => {
                let Some(mut draft) = current.take() else {
                    return Err(ReadError::new(
                        number,
                        "ANSWER: without a question",
                        "put the question and its options before ANSWER:",
                    ));
                };
                let index = (letter as usize).saturating_sub('A' as usize);
                let Some(option) = draft.options.get_mut(index) else {
                    return Err(ReadError::new(
                        number,
                        format!("ANSWER: {letter}, but the question has no option {letter}"),
                        "name one of the question's option letters",
                    ));
                };
                option.correct = true;
                read.drafts.push(draft);
            }
        }
    }
    match current {
        Some(_) => Err(missing_answer(current.as_ref())),
        None => Ok(read),
    }
}

fn missing_answer(draft: Option<&Draft>) -> ReadError {
    ReadError::new(
        draft.map_or(1, |d| d.line),
        "this question has no ANSWER: line",
        "end the question with a line such as ANSWER: B",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_told_apart() {
        assert_eq!(
            line.parse("A. S3").ok(),
            Some(Line::Option {
                letter: 'A',
                text: "S3"
            })
        );
        assert_eq!(
            line.parse("B) EBS ").ok(),
            Some(Line::Option {
                letter: 'B',
                text: "EBS"
            })
        );
        assert_eq!(line.parse("ANSWER: C").ok(), Some(Line::Answer('C')));
        assert_eq!(line.parse("ANSWER:C ").ok(), Some(Line::Answer('C')));
        assert_eq!(line.parse("   ").ok(), Some(Line::Blank));
        assert_eq!(
            line.parse("A.B. is text").ok(),
            Some(Line::Text("A.B. is text"))
        );
    }

    #[test]
    fn questions_with_options_and_answers_are_read() {
        let text = "Which stores objects?\nPick one.\nA. S3\nB) EBS\nC. EFS\nD. RDS\nANSWER: A\n\nSecond?\nA. x\nB. y\nC. z\nD. w\nANSWER: D\n";
        let read = read(text).unwrap();
        assert_eq!(read.drafts.len(), 2);
        assert_eq!(read.drafts[0].prompt, "Which stores objects?\nPick one.");
        assert_eq!(read.drafts[0].line, 1);
        assert!(read.drafts[0].options[0].correct);
        assert_eq!(read.drafts[1].line, 9);
        assert!(read.drafts[1].options[3].correct);
    }

    #[test]
    fn mistakes_are_errors_at_their_line() {
        let error = |text: &str| read(text).unwrap_err();
        assert_eq!(error("Q?\nA. x\nC. y\nANSWER: A").line, 3);
        assert_eq!(error("Q?\nA. x\nB. y\nANSWER: D").line, 4);
        assert_eq!(error("Q?\nA. x\nB. y\n").line, 1);
        assert_eq!(error("Q?\nA. x\nstray text\nANSWER: A").line, 3);
        assert_eq!(error("A. x\nANSWER: A").line, 1);
    }
}
