//! Choosing a drill: a task statement, one of its topics or all, and how many questions.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::history::MasteryState;

use super::app::{App, DrillField, DrillSetup};
use super::chrome;
use super::keymap::Context;
use super::text::inert;
use super::theme::Theme;

pub fn render(app: &App, setup: &DrillSetup, area: Rect, buf: &mut Buffer, theme: Theme) {
    let page = chrome::Page::new(area, true);
    let body = page.body;
    page.title(&app.bank.exam.title, Line::from(""), buf, theme);
    let task = &app.bank.exam.tasks[setup.task];
    let topic = setup.topic.checked_sub(1).map(|index| &task.topics[index]);
    let in_scope: Vec<&str> = app
        .bank
        .questions
        .iter()
        .filter(|q| q.task == task.id && topic.is_none_or(|t| t.id == q.topic))
        .map(|q| q.id.as_str())
        .collect();
    // Questions on a subject the official exam guide leaves out (`blueprint = []`).
    let outside = app
        .bank
        .questions
        .iter()
        .filter(|q| q.task == task.id && topic.is_none_or(|t| t.id == q.topic))
        .filter(|q| q.blueprint.as_ref().is_some_and(Vec::is_empty))
        .count();
    let mastery = &app.derived.mastery;
    let unseen = in_scope
        .iter()
        .filter(|id| mastery.state(id) == MasteryState::NeverSeen)
        .count();
    let field = |label: &str, value: String, which: DrillField| {
        let active = setup.field == which;
        let style = if active {
            theme.selected()
        } else {
            theme.chosen()
        };
        Line::from(vec![
            Span::raw(if active { "▶ " } else { "  " }),
            Span::raw(format!("{label:<16}")),
            Span::styled(format!(" {} ", inert(&value)), style),
        ])
    };
    let lines = vec![
        Line::styled("Drill", theme.title()),
        Line::from(""),
        field(
            "Task statement",
            format!("{} {}", task.id, task.title),
            DrillField::Task,
        ),
        field(
            "Topic",
            topic.map_or_else(|| "all topics".to_string(), |t| t.title.clone()),
            DrillField::Topic,
        ),
        field(
            "Questions",
            setup.count.value.to_string(),
            DrillField::Count,
        ),
        Line::from(""),
        Line::from(format!(
            "{} questions in scope, {unseen} never seen. Unseen questions come first, then the most \
             recently missed. Each answer is checked at once, with every option explained.",
            in_scope.len()
        )),
    ];
    let mut lines = lines;
    if outside > 0 {
        lines.push(Line::from(""));
        lines.push(Line::styled(
            format!(
                "{outside} of these questions cover a subject the official exam guide lists as out \
                 of scope: choose another topic to skip them."
            ),
            theme.warn(),
        ));
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(body, buf);
    page.finish(app.message.as_ref(), None, Context::Setup, buf, theme);
}
