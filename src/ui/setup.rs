//! Starting a mock exam: the question count and minutes from `[mock]`, editable.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::app::{App, Setup, SetupField};
use super::chrome;
use super::keymap::Context;
use super::text::inert;
use super::theme::Theme;

pub fn render(app: &App, setup: &Setup, area: Rect, buf: &mut Buffer, theme: Theme) {
    let page = chrome::Page::new(area, true);
    let body = page.body;
    page.title(&app.bank.exam.title, Line::from(""), buf, theme);
    let available = app.bank.questions.len();
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
            app.bank.exam.scoring.pass, app.bank.exam.scoring.min, app.bank.exam.scoring.max
        ))),
        Line::from(""),
        Line::from(
            "During the exam the task statement of each question is hidden, as in the real one.",
        ),
    ];
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(body, buf);
    page.finish(app.message.as_ref(), None, Context::Setup, buf, theme);
}
