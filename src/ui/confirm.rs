//! Confirmation dialogs: submitting, and abandoning a running exam.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::chrome;
use super::keymap::Context;
use super::theme::Theme;
use super::transition::Confirm;

pub fn render(confirm: Confirm, area: Rect, buf: &mut Buffer, theme: Theme) {
    let (title, lines) = match confirm {
        Confirm::Submit {
            unanswered,
            incomplete,
            flagged,
        } => (
            "Submit the exam?",
            vec![
                Line::from(match (unanswered, incomplete) {
                    (0, 0) => "Every question is answered.".to_string(),
                    (1, 0) => "1 question is unanswered (it counts as wrong).".to_string(),
                    (n, 0) => format!("{n} questions are unanswered (they count as wrong)."),
                    (0, 1) => "1 question is incomplete (it counts as wrong).".to_string(),
                    (0, n) => format!("{n} questions are incomplete (they count as wrong)."),
                    (u, i) => format!("{u} unanswered and {i} incomplete (all count as wrong)."),
                }),
                Line::from(match flagged {
                    0 => "No question is flagged for review.".to_string(),
                    1 => "1 question is flagged for review.".to_string(),
                    n => format!("{n} questions are flagged for review."),
                }),
                Line::from(""),
                Line::styled(
                    "After submitting, answers can no longer change.",
                    theme.dim(),
                ),
            ],
        ),
        Confirm::Abandon => (
            "Abandon this session?",
            vec![
                Line::from(
                    "Its answers are deleted: nothing goes into history and it cannot be resumed.",
                ),
                Line::styled(
                    "(n goes back to the leave dialog, where s saves it.)",
                    theme.dim(),
                ),
            ],
        ),
        Confirm::EndPractice { checked } => (
            "End this session?",
            vec![
                Line::from(match checked {
                    0 => "No question has been checked yet: nothing will be saved.".to_string(),
                    1 => "The 1 question checked so far is saved to history.".to_string(),
                    n => format!("The {n} questions checked so far are saved to history."),
                }),
                Line::from("Questions not yet checked are left out."),
            ],
        ),
        Confirm::Discard => (
            "Discard the unfinished session?",
            vec![
                Line::from("Its answers are deleted and cannot be resumed."),
                Line::from("Nothing of it goes into history."),
            ],
        ),
        Confirm::ReplaceUnfinished(_) => (
            "Start something new?",
            vec![Line::from(
                "A session is unfinished. Starting a new one discards it (its answers are \
                     lost). Choose n to keep it and resume it instead: from the home menu, or \
                     with its own bank if it is another bank's.",
            )],
        ),
    };
    chrome::text_dialog(title, lines, 56, Context::Confirm, area, buf, theme);
}
