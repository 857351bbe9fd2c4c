//! A question to answer, as wrapped lines: the prompt, then by kind the lettered options
//! (chosen marked), the steps with the order built so far, or the numbered prompts with
//! their matched answers and the lettered answers. Shared by the mock exam and drills.

use std::ops::Range;

use ratatui::style::Style;
use ratatui::text::Line;

use crate::bank::{Body, letter};
use crate::exam::session::number_word;
use crate::exam::{Response, SessionItem};

use super::super::text::{wrap, wrap_indented};
use super::super::theme::Theme;

/// The lines, and the line range of each lettered option (step, answer) for mouse clicks.
pub fn question_lines(
    item: &SessionItem,
    prompt: Option<usize>,
    width: u16,
    theme: Theme,
) -> (Vec<Line<'static>>, Vec<Range<usize>>) {
    let shown = &item.shown;
    let mut lines = wrap(&shown.question.prompt, width, Style::new());
    lines.push(Line::from(""));
    let texts = shown.shown_texts();
    match (&item.response, &shown.question.body) {
        (Response::Order(placed), _) => {
            lines.extend(wrap(
                "(Put the steps in order: press a step's letter to place it next, again to take it back)",
                width,
                theme.title(),
            ));
            lines.push(Line::from(""));
            lines.push(Line::styled("Your order so far:", theme.title()));
            if placed.is_empty() {
                lines.push(Line::styled("  (no step placed yet)", theme.dim()));
            }
            for (place, &step) in placed.iter().enumerate() {
                let first = format!("  {}. {} ", place + 1, letter(step));
                let rest = " ".repeat(first.chars().count());
                lines.extend(wrap_indented(
                    texts[step],
                    width,
                    &first,
                    &rest,
                    theme.chosen(),
                ));
            }
            lines.push(Line::from(""));
        }
        (Response::Match(matched), Body::Matching { pairs }) => {
            lines.extend(wrap(
                "(Match each prompt: press its number, then the letter of its answer)",
                width,
                theme.title(),
            ));
            lines.push(Line::from(""));
            for (index, pair) in pairs.iter().enumerate() {
                let picked = prompt == Some(index);
                let answer = matched[index].map_or_else(
                    || "(no answer yet)".to_string(),
                    |a| format!("→ {}. {}", letter(a), texts[a]),
                );
                let first = format!("{} {}. ", if picked { "▶" } else { " " }, index + 1);
                let rest = " ".repeat(first.chars().count());
                let style = if picked {
                    theme.selected()
                } else {
                    Style::new()
                };
                lines.extend(wrap_indented(
                    &format!("{}   {answer}", pair.prompt),
                    width,
                    &first,
                    &rest,
                    style,
                ));
            }
            lines.push(Line::from(""));
            lines.push(Line::styled("Answers:", theme.title()));
        }
        (Response::Choice(_), _) if shown.choose() > 1 => {
            lines.push(Line::styled(
                format!("(Choose {})", number_word(shown.choose())),
                theme.title(),
            ));
            lines.push(Line::from(""));
        }
        _ => {}
    }
    let mut ranges = Vec::new();
    for (position, text) in texts.iter().enumerate() {
        let used = item.response.uses(position);
        let struck = item.struck.contains(&position);
        let marker = match &item.response {
            Response::Choice(_) if shown.choose() > 1 => {
                if used {
                    "[x]"
                } else {
                    "[ ]"
                }
            }
            Response::Choice(_) => {
                if used {
                    "(•)"
                } else {
                    "( )"
                }
            }
            Response::Order(placed) => match placed.iter().position(|&p| p == position) {
                Some(_) => "[#]",
                None => "[ ]",
            },
            Response::Match(_) => {
                if used {
                    "[=]"
                } else {
                    "[ ]"
                }
            }
        };
        let style = if struck {
            theme.struck()
        } else if used {
            theme.chosen()
        } else {
            Style::new()
        };
        let first = format!("{marker} {}. ", letter(position));
        let rest = " ".repeat(first.chars().count());
        let start = lines.len();
        // Dim and crossed out is lost without colour: a word says it too.
        let shown = if struck {
            format!("(struck) {text}")
        } else {
            (*text).to_string()
        };
        lines.extend(wrap_indented(&shown, width, &first, &rest, style));
        ranges.push(start..lines.len());
        lines.push(Line::from(""));
    }
    (lines, ranges)
}
