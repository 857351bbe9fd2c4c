//! Post-exam review: one question at a time with its task statement and topic, every option
//! marked chosen / correct with its `why`, the explanation and the references.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::bank::letter;
use crate::exam::Session;
use crate::exam::session::number_word;

use super::app::{App, ResultsScreen, ReviewState};
use super::chrome;
use super::keymap::Context;
use super::text::{inert, wrap, wrap_indented};
use super::theme::Theme;

fn layout() -> Layout {
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
}

fn body_lines(
    screen: &ResultsScreen,
    review: &ReviewState,
    width: u16,
    theme: Theme,
) -> Vec<Line<'static>> {
    feedback_lines(&screen.session, review.current(), width, theme)
}

/// A question answered and marked: the verdict, the prompt, every option marked chosen /
/// correct with its `why`, the explanation and the references. Shared with drills.
pub fn feedback_lines(
    session: &Session,
    index: usize,
    width: u16,
    theme: Theme,
) -> Vec<Line<'static>> {
    let item = &session.items[index];
    let chosen = &session.answers[index];
    let mut lines = Vec::new();
    let verdict = if chosen.is_empty() {
        Line::styled("— Not answered (counts as wrong)", theme.bad())
    } else if session.is_correct(index) {
        Line::styled("✓ Correct", theme.good())
    } else {
        Line::styled("✗ Incorrect", theme.bad())
    };
    lines.push(verdict);
    lines.push(Line::from(""));
    lines.extend(wrap(&item.question.prompt, width, Style::new()));
    lines.push(Line::from(""));
    if item.choose() > 1 {
        lines.push(Line::styled(
            format!("(Choose {})", number_word(item.choose())),
            theme.title(),
        ));
        lines.push(Line::from(""));
    }
    for (position, option) in item.options().enumerate() {
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
        let rest = " ".repeat(first.chars().count());
        lines.extend(wrap_indented(&option.text, width, &first, &rest, style));
        if !mark.is_empty() {
            lines.push(Line::styled(format!("{rest}{mark}"), style));
        }
        lines.extend(wrap_indented(
            &option.why,
            width,
            &format!("{rest}Why: "),
            &rest,
            theme.dim(),
        ));
        lines.push(Line::from(""));
    }
    lines.push(Line::styled("Explanation", theme.title()));
    lines.extend(wrap(&item.question.explanation, width, Style::new()));
    lines.push(Line::from(""));
    lines.push(Line::styled("References", theme.title()));
    for reference in &item.question.references {
        lines.extend(wrap_indented(reference, width, "  ", "  ", theme.key()));
    }
    lines
}

pub fn render(
    app: &App,
    screen: &ResultsScreen,
    review: &ReviewState,
    area: Rect,
    buf: &mut Buffer,
    theme: Theme,
) {
    let [header, context_line, _, body, message, footer] = area.layout(&layout());
    let body = body.inner(Margin::new(1, 0));
    let index = review.current();
    let item = &screen.session.items[index];
    let flag = if screen.session.flags[index] {
        "⚑ flagged · "
    } else {
        ""
    };
    chrome::title_bar(
        &format!("Review · {}", review.filter.label()),
        Line::from(format!(
            "{flag}Question {} of the exam · {} of {}",
            index + 1,
            review.position + 1,
            review.indices.len()
        )),
        header,
        buf,
        theme,
    );
    let exam = &app.bank.exam;
    let task = exam
        .task(&item.question.task)
        .map_or("", |t| t.title.as_str());
    let topic = exam
        .topic(&item.question.topic)
        .map_or("", |(_, t)| t.title.as_str());
    Line::from(vec![
        Span::styled(format!("Task {} ", item.question.task), theme.key()),
        Span::raw(crate::width::truncate(
            &inert(&format!(
                "{task} · Topic: {topic} · {}",
                item.question.difficulty.as_str()
            )),
            usize::from(context_line.width.saturating_sub(10)),
        )),
    ])
    .render(context_line, buf);
    let lines = body_lines(screen, review, body.width, theme);
    let max = (lines.len() as u16).saturating_sub(body.height);
    app.geometry
        .record_scroll(max, body.height.saturating_sub(1));
    Paragraph::new(lines)
        .scroll((review.scroll.min(max), 0))
        .render(body, buf);
    chrome::message_and_scroll(
        app.message.as_ref(),
        Some((review.scroll.min(max), max)),
        message,
        buf,
        theme,
    );
    chrome::footer(Context::Review, footer, buf, theme);
}
