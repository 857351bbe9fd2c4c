//! The dialog `q` opens while a session runs: save and exit (the default), abandon (asks
//! again; the only way to throw a session away), cancel, and in a drill or review, end it
//! now with what was checked.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::chrome;
use super::keymap::Context;
use super::theme::Theme;
use super::transition::QuitKind;

pub fn render(kind: QuitKind, resume: &str, area: Rect, buf: &mut Buffer, theme: Theme) {
    let (title, context) = match kind {
        QuitKind::Exam => ("Leave the exam?", Context::QuitExam),
        QuitKind::Practice { .. } => ("Leave this session?", Context::QuitPractice),
    };
    let keeps = match kind {
        QuitKind::Exam => "every answer and flag, and the time left (the clock stops)",
        QuitKind::Practice { .. } => "every answer, checked or not",
    };
    let mut lines = vec![
        Line::from(format!(
            "Save and exit keeps {keeps}. Resume it with: {resume}"
        )),
        Line::from(""),
        Line::from("Abandon deletes it: nothing goes into history."),
    ];
    if let QuitKind::Practice { checked } = kind {
        lines.push(Line::from(match checked {
            0 => "End now would record nothing: no question is checked yet.".to_string(),
            1 => "End now records the 1 question checked so far.".to_string(),
            n => format!("End now records the {n} questions checked so far."),
        }));
    }
    chrome::text_dialog(title, lines, 68, context, area, buf, theme);
}
