//! A drill or review question: answered like in the exam, then checked with immediate
//! feedback (the verdict, every option's why, the explanation and the references).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::exam::Session;
use crate::history::{Filters, Mode};

use super::answering::answer;
use super::keymap::{Action, Context};
use super::question::{Body, SessionView};
use super::theme::Theme;
use super::transition::{Command, Ctx, Overlay, QuitKind, Transition, scrolled};
use super::view::{Tone, View};

/// A drill or review of missed questions: answer, check, learn, next.
#[derive(Debug, Clone, PartialEq)]
pub struct PracticeScreen {
    pub mode: Mode,
    pub filters: Filters,
    pub session: Session,
    /// Which questions have been checked (their feedback shown).
    pub checked: Vec<bool>,
    pub scroll: u16,
    /// A matching question's prompt picked with its number, waiting for an answer letter.
    pub prompt: Option<usize>,
}

impl PracticeScreen {
    pub fn new(mode: Mode, filters: Filters, session: Session, checked: Vec<bool>) -> Self {
        let mut checked = checked;
        checked.resize(session.len(), false);
        PracticeScreen {
            mode,
            filters,
            session,
            checked,
            scroll: 0,
            prompt: None,
        }
    }

    pub fn is_checked(&self) -> bool {
        self.checked
            .get(self.session.current)
            .copied()
            .unwrap_or(false)
    }

    pub fn correct_so_far(&self) -> usize {
        (0..self.session.len())
            .filter(|&i| self.checked[i] && self.session.is_correct(i))
            .count()
    }

    pub fn update(&mut self, ctx: &mut Ctx<'_>, action: Action) -> Transition {
        let checked = self.is_checked();
        let mut notice = None;
        match action {
            Action::ToggleOption(_) | Action::Number(_) | Action::StrikeOption(_) if !checked => {
                notice = answer(&mut self.session, &mut self.prompt, action);
            }
            Action::ToggleOption(_) | Action::Number(_) | Action::StrikeOption(_) => {
                notice =
                    Some("This question is checked: Enter or n goes to the next one".to_string());
            }
            Action::Choose if !checked => {
                let current = self.session.current;
                if self.session.is_answered(current) {
                    self.checked[current] = true;
                    self.scroll = 0;
                } else {
                    notice = Some("Choose an answer first (a-h); Enter then checks it".to_string());
                }
            }
            Action::Choose | Action::Next if checked => {
                if self.session.next(ctx.now) {
                    self.scroll = 0;
                    self.prompt = None;
                } else {
                    return Transition::Command(Command::FinishPractice);
                }
            }
            Action::Next => notice = Some("Check your answer first: press Enter".to_string()),
            Action::PageUp | Action::PageDown | Action::Up | Action::Down => {
                self.scroll = scrolled(self.scroll, action, ctx.scroll.page, ctx.scroll.max);
            }
            Action::Quit => {
                let checked = self.checked.iter().filter(|&&c| c).count();
                return Transition::Overlay(Overlay::Quit(QuitKind::Practice { checked }));
            }
            _ => {}
        }
        if let Some(text) = notice {
            ctx.say(text, Tone::Warning);
        }
        Transition::Stay
    }
}

pub fn render(
    view: &View<'_>,
    practice: &PracticeScreen,
    area: Rect,
    buf: &mut Buffer,
    theme: Theme,
) {
    let exam = &view.bank.exam;
    let scope = match (&practice.filters.task, &practice.filters.topic) {
        (Some(task), Some(topic)) => {
            let title = exam
                .topic(topic)
                .map_or(topic.as_str(), |(_, t)| t.title.as_str());
            format!("Task {task} · {title}")
        }
        (Some(task), None) => {
            let title = exam.task(task).map_or("", |t| t.title.as_str());
            format!("Task {task} {title}")
        }
        _ => "all task statements".to_string(),
    };
    let title = format!("{} · {scope}", practice.mode.title());
    let checked = practice.checked.iter().filter(|&&c| c).count();
    let screen = SessionView {
        session: &practice.session,
        scroll: practice.scroll,
        prompt: practice.prompt,
        title: &title,
        flagged: false,
        body: if practice.is_checked() {
            Body::Feedback
        } else {
            Body::Question
        },
        context: if practice.is_checked() {
            Context::Feedback
        } else {
            Context::Practice
        },
        status: Some(format!("{} of {checked} right", practice.correct_so_far())),
    };
    screen.render(view, area, buf, theme);
}
