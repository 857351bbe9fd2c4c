//! Post-exam review: one question at a time with its task statement and topic, marked by the
//! shared feedback widget (response beside the key, every why, explanation, references).

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::app::{App, ResultsScreen, ReviewState};
use super::chrome;
use super::keymap::Context;
use super::text::inert;
use super::theme::Theme;
use super::widgets::feedback::feedback_lines;

fn body_lines(
    screen: &ResultsScreen,
    review: &ReviewState,
    width: u16,
    theme: Theme,
) -> Vec<Line<'static>> {
    feedback_lines(screen.session.item(review.current()), width, theme)
}

pub fn render(
    app: &App,
    screen: &ResultsScreen,
    review: &ReviewState,
    area: Rect,
    buf: &mut Buffer,
    theme: Theme,
) {
    let page = chrome::Page::new(area, false);
    let [context_line, _, body] = page.body.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ]));
    let body = body.inner(Margin::new(1, 0));
    let index = review.current();
    let item = &screen.session.items[index];
    let flag = if screen.session.item(index).flagged {
        "⚑ flagged · "
    } else {
        ""
    };
    page.title(
        &format!("Review · {}", review.filter.label()),
        Line::from(format!(
            "{flag}Question {} of the exam · {} of {}",
            index + 1,
            review.position + 1,
            review.indices.len()
        )),
        buf,
        theme,
    );
    let exam = &app.bank.exam;
    let task = exam
        .task(&item.shown.question.task)
        .map_or("", |t| t.title.as_str());
    let topic = exam
        .topic(&item.shown.question.topic)
        .map_or("", |(_, t)| t.title.as_str());
    Line::from(vec![
        Span::styled(format!("Task {} ", item.shown.question.task), theme.key()),
        Span::raw(crate::width::truncate(
            &inert(&format!(
                "{task} · Topic: {topic} · {}",
                item.shown.question.difficulty.as_str()
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
    page.finish(
        app.message.as_ref(),
        Some((review.scroll.min(max), max)),
        Context::Review,
        buf,
        theme,
    );
}
