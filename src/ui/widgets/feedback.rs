//! A question answered and marked: the verdict, the prompt, the response beside the key with
//! every option's, step's or pair's `why`, the explanation and the references. Shared by the
//! post-exam review and drills.

use ratatui::style::Style;
use ratatui::text::Line;

use crate::bank::{Body, letter};
use crate::exam::session::number_word;
use crate::exam::{Response, SessionItem};

use super::super::text::{wrap, wrap_indented};
use super::super::theme::Theme;

pub fn feedback_lines(item: &SessionItem, width: u16, theme: Theme) -> Vec<Line<'static>> {
    let shown = &item.shown;
    let question = &shown.question;
    let mut lines = Vec::new();
    let verdict = if item.response.is_empty() {
        Line::styled("— Not answered (counts as wrong)", theme.bad())
    } else if item.is_correct() {
        Line::styled("✓ Correct", theme.good())
    } else {
        Line::styled("✗ Incorrect", theme.bad())
    };
    lines.push(verdict);
    lines.push(Line::from(""));
    lines.extend(wrap(&question.prompt, width, Style::new()));
    lines.push(Line::from(""));
    match (&question.body, &item.response) {
        (Body::Choice { options, choose }, Response::Choice(chosen)) => {
            if *choose > 1 {
                lines.push(Line::styled(
                    format!("(Choose {})", number_word(*choose)),
                    theme.title(),
                ));
                lines.push(Line::from(""));
            }
            for (position, &index) in shown.order.iter().enumerate() {
                let option = &options[index];
                let was_chosen = chosen.contains(&position);
                let mark = match (option.correct, was_chosen) {
                    (true, true) => "✓ you chose, correct",
                    (true, false) => "✓ correct",
                    (false, true) => "✗ you chose, wrong",
                    (false, false) => "",
                };
                let style = match (option.correct, was_chosen) {
                    (true, _) => theme.good(),
                    (false, true) => theme.bad(),
                    (false, false) => Style::new(),
                };
                let box_mark = if was_chosen { "[x]" } else { "[ ]" };
                let first = format!("{box_mark} {}. ", letter(position));
                push_part(
                    &mut lines,
                    &first,
                    &option.text,
                    style,
                    mark,
                    &option.why,
                    width,
                    theme,
                );
            }
        }
        (Body::Ordering { steps }, Response::Order(placed)) => {
            lines.push(Line::styled(
                "The correct order, beside yours:",
                theme.title(),
            ));
            lines.push(Line::from(""));
            for (place, step) in steps.iter().enumerate() {
                // The step the user put in this place, if any.
                let theirs = placed.get(place).and_then(|&p| shown.order.get(p).copied());
                let right = theirs == Some(place);
                let mark = match theirs {
                    Some(_) if right => "✓ you placed it here".to_string(),
                    Some(other) => format!("✗ you placed here: {}", steps[other].text),
                    None => "✗ you left this place empty".to_string(),
                };
                let style = if right { theme.good() } else { theme.bad() };
                let first = format!("{}. ", place + 1);
                push_part(
                    &mut lines, &first, &step.text, style, &mark, &step.why, width, theme,
                );
            }
        }
        (Body::Matching { pairs }, Response::Match(matched)) => {
            lines.push(Line::styled(
                "Each prompt with its answer, beside yours:",
                theme.title(),
            ));
            lines.push(Line::from(""));
            for (index, pair) in pairs.iter().enumerate() {
                let theirs = matched[index].and_then(|a| shown.order.get(a).copied());
                let right = theirs == Some(index);
                let mark = match theirs {
                    Some(_) if right => "✓ you matched it".to_string(),
                    Some(other) => format!("✗ you matched: {}", pairs[other].answer),
                    None => "✗ you left it unmatched".to_string(),
                };
                let style = if right { theme.good() } else { theme.bad() };
                let first = format!("{}. ", index + 1);
                let text = format!("{} → {}", pair.prompt, pair.answer);
                push_part(
                    &mut lines, &first, &text, style, &mark, &pair.why, width, theme,
                );
            }
        }
        // A response always has its question's kind; nothing to mark otherwise.
        _ => {}
    }
    // What the bank does not give is left out, heading and all.
    if !question.explanation.is_empty() {
        lines.push(Line::styled("Explanation", theme.title()));
        lines.extend(wrap(&question.explanation, width, Style::new()));
        lines.push(Line::from(""));
    }
    if !question.references.is_empty() {
        lines.push(Line::styled("References", theme.title()));
        for reference in &question.references {
            lines.extend(wrap_indented(reference, width, "  ", "  ", theme.key()));
        }
    }
    lines
}

/// One option, step or pair: its text under `first`, the mark, its why, a blank line.
#[allow(clippy::too_many_arguments)]
fn push_part(
    lines: &mut Vec<Line<'static>>,
    first: &str,
    text: &str,
    style: Style,
    mark: &str,
    why: &str,
    width: u16,
    theme: Theme,
) {
    let rest = " ".repeat(first.chars().count());
    lines.extend(wrap_indented(text, width, first, &rest, style));
    if !mark.is_empty() {
        lines.extend(wrap_indented(mark, width, &rest, &rest, style));
    }
    // A personal bank may give no why: the line is left out rather than shown empty.
    if !why.is_empty() {
        lines.extend(wrap_indented(
            why,
            width,
            &format!("{rest}Why: "),
            &rest,
            theme.dim(),
        ));
    }
    lines.push(Line::from(""));
}
