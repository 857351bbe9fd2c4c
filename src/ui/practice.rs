//! A drill or review question: answered like in the exam, then checked with immediate
//! feedback (the verdict, every option's why, the explanation and the references).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::app::{App, PracticeScreen};
use super::keymap::Context;
use super::question::{Body, SessionView};
use super::theme::Theme;

pub fn render(app: &App, practice: &PracticeScreen, area: Rect, buf: &mut Buffer, theme: Theme) {
    let exam = &app.bank.exam;
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
    let view = SessionView {
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
        context: Context::Practice,
        status: Some(format!("{} of {checked} right", practice.correct_so_far())),
    };
    view.render(app, area, buf, theme);
}
