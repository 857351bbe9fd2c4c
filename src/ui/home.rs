//! The home screen: the bank at a glance and the menu.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::app::{App, HomeEntry};
use super::chrome;
use super::keymap::Context;
use super::text::inert;
use super::theme::Theme;

pub fn render(app: &App, selected: usize, area: Rect, buf: &mut Buffer, theme: Theme) {
    let bank = &app.bank;
    let entries = app.home_entries();
    let due = app.due_count();
    let page = chrome::Page::new(area, true);
    let [bank_area, _, menu_area] = page.body.layout(&Layout::vertical([
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(entries.len() as u16),
    ]));
    page.title(
        "certsim",
        Line::styled("practice exams in the terminal", theme.dim()),
        buf,
        theme,
    );

    let mut lines = vec![
        Line::styled(inert(&bank.exam.title), theme.title()),
        Line::from(format!(
            "{} questions · mock exam: {} questions in {} minutes · pass mark {} of {}",
            bank.questions.len(),
            bank.exam.mock.questions,
            bank.exam.mock.minutes,
            bank.exam.scoring.pass,
            bank.exam.scoring.max
        )),
        Line::from(""),
    ];
    for task in &bank.exam.tasks {
        let count = bank.questions.iter().filter(|q| q.task == task.id).count();
        lines.push(Line::from(vec![
            Span::styled(format!("{:>5}  ", count), theme.key()),
            Span::raw(inert(&format!("Task {} {}", task.id, task.title))),
        ]));
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(bank_area, buf);

    let mut menu = Vec::new();
    for (index, entry) in entries.iter().enumerate() {
        let marker = if index == selected { "▶ " } else { "  " };
        let label = match entry {
            HomeEntry::ReviewMissed => format!("{} ({due} due)", entry.label()),
            HomeEntry::Resume => match &app.unfinished {
                Some(unfinished) => format!(
                    "Resume the unfinished {}",
                    unfinished.mode.title().to_lowercase()
                ),
                None => entry.label().to_string(),
            },
            _ => entry.label().to_string(),
        };
        let style = if index == selected {
            theme.selected()
        } else {
            theme.title()
        };
        menu.push(Line::from(vec![
            Span::raw(marker),
            Span::styled(format!(" {label} "), style),
            Span::raw(" ".repeat(34usize.saturating_sub(label.chars().count() + 2))),
            Span::styled(entry.description(), theme.dim()),
        ]));
    }
    Paragraph::new(menu).render(menu_area, buf);
    page.finish(app.message.as_ref(), None, Context::Home, buf, theme);
}
