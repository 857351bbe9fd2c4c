//! Post-exam review: one question at a time with its task statement and topic, marked by the
//! shared feedback widget (response beside the key, every why, explanation, references).

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::chrome;
use super::keymap::Action;
use super::keymap::Context;
use super::text::inert;
use super::theme::Theme;
use super::transition::{Ctx, ReviewFilter, Transition, scrolled};
use super::view::{Tone, View};
use super::widgets::feedback::feedback_lines;
use crate::exam::Session;

/// Stepping through some of a submitted exam's questions, pushed over its results.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewState {
    pub filter: ReviewFilter,
    /// Session indices being stepped through.
    pub indices: Vec<usize>,
    pub position: usize,
    pub scroll: u16,
}

impl ReviewState {
    pub fn new(filter: ReviewFilter, indices: Vec<usize>) -> ReviewState {
        ReviewState {
            filter,
            indices,
            position: 0,
            scroll: 0,
        }
    }

    pub fn current(&self) -> usize {
        self.indices[self.position]
    }

    pub fn update(&mut self, ctx: &mut Ctx<'_>, action: Action) -> Transition {
        match action {
            Action::Next if self.position + 1 < self.indices.len() => {
                self.position += 1;
                self.scroll = 0;
            }
            Action::Previous if self.position > 0 => {
                self.position -= 1;
                self.scroll = 0;
            }
            Action::Next => ctx.say("This is the last question of the review", Tone::Info),
            Action::Previous => ctx.say("This is the first question of the review", Tone::Info),
            Action::Up | Action::Down | Action::PageUp | Action::PageDown => {
                self.scroll = scrolled(self.scroll, action, ctx.scroll.page, ctx.scroll.max);
            }
            Action::Back | Action::Quit => return Transition::Pop,
            _ => {}
        }
        Transition::Stay
    }
}

fn body_lines(
    session: &Session,
    review: &ReviewState,
    width: u16,
    theme: Theme,
) -> Vec<Line<'static>> {
    feedback_lines(session.item(review.current()), width, theme)
}

pub fn render(
    view: &View<'_>,
    review: &ReviewState,
    session: &Session,
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
    let item = &session.items[index];
    let flag = if session.item(index).flagged {
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
    let exam = &view.bank.exam;
    let task = exam
        .task(&item.shown.question.task)
        .map_or("", |t| t.title.as_str());
    let topic = exam
        .topic(&item.shown.question.topic)
        .map_or("", |(_, t)| t.title.as_str());
    Line::from(vec![
        Span::styled(format!("Task {} ", item.shown.question.task), theme.key()),
        Span::raw(crate::width::truncate(
            &inert(&{
                // A question leaves out what its bank does not give.
                let mut parts = vec![task.to_string()];
                if !topic.is_empty() {
                    parts.push(format!("Topic: {topic}"));
                }
                if let Some(difficulty) = item.shown.question.difficulty {
                    parts.push(difficulty.as_str().to_string());
                }
                parts.join(" · ")
            }),
            usize::from(context_line.width.saturating_sub(10)),
        )),
    ])
    .render(context_line, buf);
    let lines = body_lines(session, review, body.width, theme);
    let max = (lines.len() as u16).saturating_sub(body.height);
    view.geometry
        .record_scroll(max, body.height.saturating_sub(1));
    Paragraph::new(lines)
        .scroll((review.scroll.min(max), 0))
        .render(body, buf);
    page.finish(
        view.message,
        Some((review.scroll.min(max), max)),
        Context::Review,
        buf,
        theme,
    );
}
