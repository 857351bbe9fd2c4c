//! Settings, reached from Home: the exam date that plans each day's questions and judges
//! mastery. Typed as eight digits (YYYYMMDD, shown as YYYY-MM-DD); Enter keeps it, `c`
//! clears it. Keeping it is an effect: the run loop writes `plan.toml` after the frame.

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::chrome;
use super::keymap::{Action, Context};
use super::theme::Theme;
use super::transition::{Command, Ctx, Transition};
use super::view::{Tone, View};

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SettingsScreen {
    /// The digits typed so far (at most 8: YYYYMMDD).
    pub digits: String,
}

impl SettingsScreen {
    /// The screen with `date` filled in.
    pub fn new(date: Option<NaiveDate>) -> SettingsScreen {
        SettingsScreen {
            digits: date.map_or_else(String::new, |d| d.format("%Y%m%d").to_string()),
        }
    }

    /// The digits as a date, shown YYYY-MM-DD with the parts still to type as underscores.
    pub fn shown(&self) -> String {
        let mut padded: Vec<char> = self.digits.chars().collect();
        padded.resize(8, '_');
        let part = |range: std::ops::Range<usize>| padded[range].iter().collect::<String>();
        format!("{}-{}-{}", part(0..4), part(4..6), part(6..8))
    }

    pub fn update(&mut self, ctx: &mut Ctx<'_>, action: Action) -> Transition {
        match action {
            Action::Digit(digit) if self.digits.len() < 8 => {
                self.digits.push(char::from(b'0' + digit.min(9)));
            }
            Action::Digit(_) => ctx.say("The date is complete: Backspace to change it", Tone::Info),
            Action::DeleteDigit => {
                self.digits.pop();
            }
            Action::ClearDate => {
                self.digits.clear();
                return Transition::Command(Command::SetExamDate(None));
            }
            Action::Choose => {
                if self.digits.is_empty() {
                    return Transition::Command(Command::SetExamDate(None));
                }
                match NaiveDate::parse_from_str(&self.digits, "%Y%m%d") {
                    Ok(date) if self.digits.len() == 8 && date >= ctx.now.date_naive() => {
                        return Transition::Command(Command::SetExamDate(Some(date)));
                    }
                    Ok(_) if self.digits.len() == 8 => ctx.say(
                        "The exam date is in the past: type a later one",
                        Tone::Warning,
                    ),
                    _ => ctx.say(
                        format!("{} is not a date: type it as YYYYMMDD", self.shown()),
                        Tone::Warning,
                    ),
                }
            }
            Action::Back | Action::Quit => return Transition::Home,
            _ => {}
        }
        Transition::Stay
    }
}

pub fn render(
    view: &View<'_>,
    settings: &SettingsScreen,
    area: Rect,
    buf: &mut Buffer,
    theme: Theme,
) {
    let page = chrome::Page::new(area, true);
    page.title("Settings", Line::from(""), buf, theme);
    let kept = view
        .schedule
        .exam_date
        .map_or_else(|| "none".to_string(), |d| d.format("%Y-%m-%d").to_string());
    let lines = vec![
        Line::from(vec![
            Span::raw("▶ "),
            Span::raw(format!("{:<16}", "Exam date")),
            Span::styled(format!(" {} ", settings.shown()), theme.selected()),
        ]),
        Line::from(""),
        Line::from(format!(
            "Kept now: {kept}. Type the date as YYYYMMDD; Enter keeps it, c clears it. With a \
             date, Home plans each day's new questions so every question is seen before the \
             exam, and a question counts as mastered when its predicted recall on that day is \
             at least 90%."
        )),
        Line::from(""),
        Line::from(format!(
            "Desired retention: {:.0}% (reviews come due when predicted recall falls below it).",
            view.schedule.desired_retention * 100.0
        )),
    ];
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(page.body, buf);
    page.finish(view.message, None, Context::Settings, buf, theme);
}
