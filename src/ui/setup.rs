//! Starting a mock exam: the question count and minutes from `[mock]`, editable.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::bank::Bank;

use super::chrome;
use super::keymap::{Action, Context};
use super::text::inert;
use super::theme::Theme;
use super::transition::{Command, Ctx, Transition};
use super::view::{Tone, View};
use super::widgets::number_field::NumberField;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetupField {
    Questions,
    Minutes,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setup {
    pub questions: NumberField,
    pub minutes: NumberField,
    pub field: SetupField,
}

impl Setup {
    /// The bank's `[mock]` defaults (no more questions than the bank has).
    pub fn new(bank: &Bank) -> Setup {
        let mock = bank.exam.mock;
        Setup {
            questions: NumberField::new(mock.questions.min(bank.questions.len() as u32), 1),
            minutes: NumberField::new(mock.minutes, 5),
            field: SetupField::Questions,
        }
    }

    pub fn update(&mut self, ctx: &mut Ctx<'_>, action: Action) -> Transition {
        let value = match self.field {
            SetupField::Questions => &mut self.questions,
            SetupField::Minutes => &mut self.minutes,
        };
        if value.edit(action) {
            return Transition::Stay;
        }
        match action {
            Action::NextField | Action::PrevField => {
                self.field = match self.field {
                    SetupField::Questions => SetupField::Minutes,
                    SetupField::Minutes => SetupField::Questions,
                };
                match self.field {
                    SetupField::Questions => self.questions.enter(),
                    SetupField::Minutes => self.minutes.enter(),
                }
            }
            Action::Choose => {
                let available = ctx.bank.questions.len() as u32;
                let (questions, minutes) = (self.questions.value, self.minutes.value);
                if questions == 0 || questions > available {
                    ctx.say(
                        format!("Choose between 1 and {available} questions"),
                        Tone::Warning,
                    );
                } else if minutes == 0 {
                    ctx.say("Allow at least 1 minute", Tone::Warning);
                } else {
                    return Transition::Command(Command::StartExam { questions, minutes });
                }
            }
            Action::Back | Action::Quit => return Transition::Home,
            _ => {}
        }
        Transition::Stay
    }
}

pub fn render(view: &View<'_>, setup: &Setup, area: Rect, buf: &mut Buffer, theme: Theme) {
    let page = chrome::Page::new(area, true);
    let body = page.body;
    page.title(&view.bank.exam.title, Line::from(""), buf, theme);
    let available = view.bank.questions.len();
    let field = |label: &str, value: u32, which: SetupField, note: String| {
        let active = setup.field == which;
        let value_style = if active {
            theme.selected()
        } else {
            theme.chosen()
        };
        Line::from(vec![
            Span::raw(if active { "▶ " } else { "  " }),
            Span::raw(format!("{label:<11}")),
            Span::styled(format!(" {value:>3} "), value_style),
            Span::styled(format!("  {note}"), theme.dim()),
        ])
    };
    let pace = f64::from(setup.minutes.value) * 60.0 / f64::from(setup.questions.value.max(1));
    let lines = vec![
        Line::styled("Mock exam", theme.title()),
        Line::from(""),
        field(
            "Questions",
            setup.questions.value,
            SetupField::Questions,
            format!("1–{available} in this bank"),
        ),
        field(
            "Minutes",
            setup.minutes.value,
            SetupField::Minutes,
            format!("{pace:.0} seconds a question"),
        ),
        Line::from(""),
        Line::from(inert(&format!(
            "Questions are drawn across the task statements by weight. The real exam's pace is \
             65 questions in 130 minutes. Pass mark: {} on a scale of {}–{}.",
            view.bank.exam.scoring.pass, view.bank.exam.scoring.min, view.bank.exam.scoring.max
        ))),
        Line::from(""),
        Line::from(
            "During the exam the task statement of each question is hidden, as in the real one.",
        ),
    ];
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(body, buf);
    page.finish(view.message, None, Context::Setup, buf, theme);
}
