//! Choosing a drill: a task statement, one of its topics or all, and how many questions;
//! its state, update and drawing.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::history::MasteryState;

use super::chrome;
use super::keymap::{Action, Context};
use super::text::inert;
use super::theme::Theme;
use super::transition::{Command, Ctx, Transition};
use super::view::{Tone, View};
use super::widgets::number_field::NumberField;

/// Questions in a drill unless changed.
pub const DRILL_COUNT: u32 = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DrillField {
    Task,
    Topic,
    Count,
}

/// Choosing what to drill: a task statement, optionally one of its topics, and how many.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrillSetup {
    /// Index into the exam's tasks.
    pub task: usize,
    /// 0 for every topic of the task, else 1 + the topic's index.
    pub topic: usize,
    pub count: NumberField,
    pub field: DrillField,
}

impl Default for DrillSetup {
    fn default() -> DrillSetup {
        DrillSetup {
            task: 0,
            topic: 0,
            count: NumberField::new(DRILL_COUNT, 1),
            field: DrillField::Task,
        }
    }
}

impl DrillSetup {
    pub fn update(&mut self, ctx: &mut Ctx<'_>, action: Action) -> Transition {
        let tasks = &ctx.bank.exam.tasks;
        // Validation ensures a task, but a bank may come from elsewhere: never index blindly.
        let Some(chosen) = tasks.get(self.task) else {
            ctx.say("This bank has no task statement to drill", Tone::Warning);
            return Transition::Home;
        };
        let topics = chosen.topics.len();
        let step = |value: usize, count: usize, forward: bool| {
            if forward {
                (value + 1) % count
            } else {
                (value + count - 1) % count
            }
        };
        match (action, self.field) {
            (Action::NextField, field) | (Action::PrevField, field) => {
                let order = [DrillField::Task, DrillField::Topic, DrillField::Count];
                let here = order.iter().position(|f| *f == field).unwrap_or(0);
                let there = step(here, order.len(), action == Action::NextField);
                self.field = order[there];
                self.count.enter();
            }
            (Action::Left | Action::Right, DrillField::Task) => {
                self.task = step(self.task, tasks.len(), action == Action::Right);
                self.topic = 0;
            }
            (Action::Left | Action::Right, DrillField::Topic) => {
                self.topic = step(self.topic, topics + 1, action == Action::Right);
            }
            (edit, DrillField::Count) if self.count.edit(edit) => {}
            (Action::Choose, _) => {
                if self.count.value == 0 {
                    ctx.say("Drill at least 1 question", Tone::Warning);
                } else {
                    let topic = self
                        .topic
                        .checked_sub(1)
                        .and_then(|index| chosen.topics.get(index))
                        .map(|topic| topic.id.clone());
                    return Transition::Command(Command::StartDrill {
                        task: chosen.id.clone(),
                        topic,
                        count: self.count.value as usize,
                    });
                }
            }
            (Action::StartPlan, _) => return Transition::Command(Command::StartPlan),
            (Action::Back | Action::Quit, _) => return Transition::Home,
            _ => {}
        }
        Transition::Stay
    }
}

pub fn render(view: &View<'_>, setup: &DrillSetup, area: Rect, buf: &mut Buffer, theme: Theme) {
    let page = chrome::Page::new(area, true);
    let body = page.body;
    page.title(&view.bank.exam.title, Line::from(""), buf, theme);
    let Some(task) = view.bank.exam.tasks.get(setup.task) else {
        Paragraph::new("This bank has no task statement to drill.").render(body, buf);
        page.finish(view.message, None, Context::DrillSetup, buf, theme);
        return;
    };
    let topic = setup
        .topic
        .checked_sub(1)
        .and_then(|index| task.topics.get(index));
    let in_scope: Vec<&str> = view
        .bank
        .questions
        .iter()
        .filter(|q| q.task == task.id && topic.is_none_or(|t| t.id == q.topic))
        .map(|q| q.id.as_str())
        .collect();
    // Questions on a subject the official exam guide leaves out (`blueprint = []`).
    let outside = view
        .bank
        .questions
        .iter()
        .filter(|q| q.task == task.id && topic.is_none_or(|t| t.id == q.topic))
        .filter(|q| q.blueprint.as_ref().is_some_and(Vec::is_empty))
        .count();
    let mastery = &view.derived().mastery;
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
    let plan = &view.derived().plan;
    lines.push(Line::from(""));
    lines.push(Line::styled(
        format!(
            "t starts today's plan ({} questions). {}",
            plan.size(),
            plan.line()
        ),
        theme.key(),
    ));
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
    page.finish(view.message, None, Context::DrillSetup, buf, theme);
}
