//! The home screen: the bank at a glance and the menu. It owns its state (the selected
//! entry), its update and its drawing.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::chrome;
use super::keymap::{Action, Context};
use super::text::inert;
use super::theme::Theme;
use super::transition::{Command, Confirm, Ctx, NewSession, Overlay, Transition};
use super::view::View;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HomeEntry {
    Resume,
    MockExam,
    Drill,
    ReviewMissed,
    History,
    Settings,
    Quit,
}

impl HomeEntry {
    pub fn label(self) -> &'static str {
        match self {
            HomeEntry::Resume => "Resume the unfinished session",
            HomeEntry::MockExam => "Mock exam",
            HomeEntry::Drill => "Drill a task statement",
            HomeEntry::ReviewMissed => "Review missed questions",
            HomeEntry::History => "History and stats",
            HomeEntry::Settings => "Settings",
            HomeEntry::Quit => "Quit",
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            HomeEntry::Resume => "with the time that was left",
            HomeEntry::MockExam => "timed, every task statement, scored",
            HomeEntry::Drill => "one task or topic, feedback at once",
            HomeEntry::ReviewMissed => "what you got wrong, until mastered",
            HomeEntry::History => "attempts, accuracy, readiness",
            HomeEntry::Settings => "the exam date",
            HomeEntry::Quit => "leave certsim",
        }
    }

    /// The menu as it stands: resuming appears only while a session is unfinished.
    pub fn menu(unfinished: bool) -> Vec<HomeEntry> {
        let mut entries = Vec::new();
        if unfinished {
            entries.push(HomeEntry::Resume);
        }
        entries.extend([
            HomeEntry::MockExam,
            HomeEntry::Drill,
            HomeEntry::ReviewMissed,
            HomeEntry::History,
            HomeEntry::Settings,
            HomeEntry::Quit,
        ]);
        entries
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HomeScreen {
    pub selected: usize,
}

impl HomeScreen {
    pub fn update(&mut self, ctx: &mut Ctx<'_>, action: Action) -> Transition {
        let entries = HomeEntry::menu(ctx.unfinished);
        let count = entries.len();
        self.selected = self.selected.min(count - 1);
        match action {
            Action::Up => self.selected = (self.selected + count - 1) % count,
            Action::Down => self.selected = (self.selected + 1) % count,
            Action::Choose => {
                let entry = entries[self.selected];
                let new = match entry {
                    HomeEntry::MockExam => Some(NewSession::Mock),
                    HomeEntry::Drill => Some(NewSession::Drill),
                    HomeEntry::ReviewMissed => Some(NewSession::Review),
                    _ => None,
                };
                if let (Some(new), true) = (new, ctx.unfinished || ctx.other_bank_session) {
                    return Transition::Overlay(Overlay::Confirm(Confirm::ReplaceUnfinished(new)));
                }
                return Transition::Command(match entry {
                    HomeEntry::Resume => Command::Resume,
                    HomeEntry::MockExam => Command::OpenSetup,
                    HomeEntry::Drill => Command::OpenDrillSetup,
                    HomeEntry::ReviewMissed => Command::StartReview,
                    HomeEntry::History => Command::OpenHistory,
                    HomeEntry::Settings => Command::OpenSettings,
                    HomeEntry::Quit => Command::Quit,
                });
            }
            Action::Quit => return Transition::Command(Command::Quit),
            _ => {}
        }
        Transition::Stay
    }
}

pub fn render(view: &View<'_>, home: &HomeScreen, area: Rect, buf: &mut Buffer, theme: Theme) {
    let selected = home.selected;
    let bank = view.bank;
    let entries = HomeEntry::menu(view.unfinished.is_some());
    let due = view.derived().due;
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
        Line::styled(view.derived().plan.line(), theme.key()),
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

    // Descriptions sit in a column at 36; on a narrow window they all go rather than some
    // being cut mid-word (the labels say enough on their own).
    const DESCRIPTION_AT: usize = 36;
    let descriptions_fit = entries.iter().all(|entry| {
        DESCRIPTION_AT + crate::width::columns(entry.description()) <= usize::from(menu_area.width)
    });
    let mut menu = Vec::new();
    for (index, entry) in entries.iter().enumerate() {
        let marker = if index == selected { "▶ " } else { "  " };
        let label = match entry {
            HomeEntry::ReviewMissed => match (due, view.derived().next_due) {
                (0, Some(next)) => format!(
                    "{} (next review {})",
                    entry.label(),
                    crate::history::report::time_until(view.now, next)
                ),
                _ => format!("{} ({due} due)", entry.label()),
            },
            HomeEntry::Resume => match view.unfinished {
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
        let mut line = vec![Span::raw(marker), Span::styled(format!(" {label} "), style)];
        if descriptions_fit {
            let padding = (DESCRIPTION_AT - 2).saturating_sub(label.chars().count() + 2);
            line.push(Span::raw(" ".repeat(padding)));
            line.push(Span::styled(entry.description(), theme.dim()));
        }
        menu.push(Line::from(line));
    }
    Paragraph::new(menu).render(menu_area, buf);
    page.finish(view.message, None, Context::Home, buf, theme);
}
