//! The mock exam's question screen: its state (the session, scroll, a matching prompt
//! picked), its update, and its drawing — a title bar with countdown and flag, a thin time
//! gauge, warnings, the question (scrollable), the message line and the footer. The drawing
//! (`SessionView`) is shared with drills.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{LineGauge, Paragraph, Widget};
use std::ops::Range;

use chrono::{DateTime, Utc};

use crate::exam::timer::format_clock;
use crate::exam::{Progress, Session};

use super::answering::answer;
use super::chrome;
use super::keymap::{Action, Context};
use super::theme::Theme;
use super::transition::{Command, Confirm, Ctx, Overlay, QuitKind, Transition, scrolled};
use super::view::{Tone, View};
use super::widgets::feedback::feedback_lines;
use super::widgets::question_body::question_lines;

struct Areas {
    page: chrome::Page,
    gauge: Rect,
    banner: Option<Rect>,
    body: Rect,
}

fn areas(session: &Session, area: Rect, now: DateTime<Utc>) -> Areas {
    let banner = session.timer.and_then(|t| t.warning(now)).is_some();
    let page = chrome::Page::new(area, false);
    let [gauge, banner_area, _, body] = page.body.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(u16::from(banner)),
        Constraint::Length(1),
        Constraint::Fill(1),
    ]));
    Areas {
        page,
        gauge,
        banner: banner.then_some(banner_area),
        // A margin of one column on each side keeps text off the terminal's edge.
        body: body.inner(ratatui::layout::Margin::new(1, 0)),
    }
}

/// What the body shows: the question to answer, or (in a drill, once checked) the feedback.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Body {
    Question,
    Feedback,
}

fn body_lines(
    session: &Session,
    body: Body,
    prompt: Option<usize>,
    width: u16,
    theme: Theme,
) -> (Vec<Line<'static>>, Vec<Range<usize>>) {
    match body {
        Body::Question => question_lines(session.current(), prompt, width, theme),
        Body::Feedback => (feedback_lines(session.current(), width, theme), Vec::new()),
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ExamScreen {
    pub session: Session,
    /// Lines the question body is scrolled down.
    pub scroll: u16,
    /// A matching question's prompt picked with its number, waiting for an answer letter.
    pub prompt: Option<usize>,
}

impl ExamScreen {
    pub fn new(session: Session) -> ExamScreen {
        ExamScreen {
            session,
            scroll: 0,
            prompt: None,
        }
    }

    /// Moves to question `index`, at the top of its text.
    pub fn go_to(&mut self, index: usize, now: chrono::DateTime<chrono::Utc>) {
        self.session.go_to(index, now);
        self.scroll = 0;
        self.prompt = None;
    }

    /// The submit confirmation, with what is left undone.
    pub fn ask_submit(&self) -> Transition {
        Transition::Overlay(Overlay::Confirm(Confirm::Submit {
            unanswered: self.session.unanswered_count(),
            incomplete: self.session.incomplete_count(),
            flagged: self.session.flagged_count(),
        }))
    }

    pub fn update(&mut self, ctx: &mut Ctx<'_>, action: Action) -> Transition {
        /// Where `f` falls among the option letters.
        const F_LETTER: usize = 5;
        let now = ctx.now;
        match action {
            // `f` is the letter of a sixth option (step, answer) and otherwise jumps to the next
            // flagged question, as the contract asks; `M` always jumps.
            Action::ToggleOption(F_LETTER)
                if self.session.current_item().option_count() <= F_LETTER =>
            {
                return self.update(ctx, Action::NextFlagged);
            }
            Action::ToggleOption(_) | Action::Number(_) | Action::StrikeOption(_) => {
                if let Some(refusal) = answer(&mut self.session, &mut self.prompt, action) {
                    ctx.say(refusal, Tone::Warning);
                }
            }
            Action::Next => {
                if self.session.current + 1 < self.session.len() {
                    self.go_to(self.session.current + 1, now);
                } else {
                    ctx.say(
                        "This is the last question: r opens the review grid, s submits",
                        Tone::Warning,
                    );
                }
            }
            Action::Previous => {
                if self.session.current > 0 {
                    self.go_to(self.session.current - 1, now);
                } else {
                    ctx.say("This is the first question", Tone::Warning);
                }
            }
            Action::ToggleFlag => self.session.toggle_flag(),
            Action::NextFlagged => match self.session.next_where(|item| item.flagged) {
                Some(index) => self.go_to(index, now),
                None => ctx.say("No question is flagged for review", Tone::Info),
            },
            Action::NextNotDone => {
                match self
                    .session
                    .next_where(|item| item.progress() != Progress::Complete)
                {
                    Some(index) => self.go_to(index, now),
                    None => ctx.say("Every question is answered", Tone::Info),
                }
            }
            Action::OpenGrid => return Transition::Command(Command::OpenGrid),
            Action::PageUp | Action::PageDown | Action::Up | Action::Down => {
                self.scroll = scrolled(self.scroll, action, ctx.scroll.page, ctx.scroll.max);
            }
            Action::Submit => return self.ask_submit(),
            Action::Quit => return Transition::Overlay(Overlay::Quit(QuitKind::Exam)),
            _ => {}
        }
        Transition::Stay
    }
}

pub fn render(view: &View<'_>, exam: &ExamScreen, area: Rect, buf: &mut Buffer, theme: Theme) {
    let session = &exam.session;
    let flag = session.current().flagged;
    let screen = SessionView {
        session,
        scroll: exam.scroll,
        prompt: exam.prompt,
        title: &view.bank.exam.title,
        flagged: flag,
        body: Body::Question,
        context: Context::Question,
        status: None,
    };
    screen.render(view, area, buf, theme);
}

/// Where each option's lines landed on screen, clipped to the body, for mouse clicks.
fn option_targets(option_lines: &[Range<usize>], body: Rect, scroll: u16) -> Vec<(Rect, usize)> {
    let top = usize::from(scroll);
    let bottom = top + usize::from(body.height);
    option_lines
        .iter()
        .enumerate()
        .filter_map(|(option, lines)| {
            let start = lines.start.max(top);
            let end = lines.end.min(bottom);
            (start < end).then(|| {
                let y = body.y + (start - top) as u16;
                (
                    Rect::new(body.x, y, body.width, (end - start) as u16),
                    option,
                )
            })
        })
        .collect()
}

/// A question screen for any session: the mock exam's, and the drill's.
pub struct SessionView<'a> {
    pub session: &'a Session,
    pub scroll: u16,
    /// A matching question's prompt picked and waiting for its answer.
    pub prompt: Option<usize>,
    pub title: &'a str,
    pub flagged: bool,
    pub body: Body,
    pub context: Context,
    /// Extra words for the header, e.g. "4 correct so far".
    pub status: Option<String>,
}

impl SessionView<'_> {
    pub fn render(&self, view: &View<'_>, area: Rect, buf: &mut Buffer, theme: Theme) {
        let now = view.now;
        let session = self.session;
        let areas = areas(session, area, now);

        let mut right = Vec::new();
        if self.flagged {
            right.push(Span::styled("⚑ Marked for review", theme.warn()));
            right.push(Span::raw("   "));
        }
        if let Some(status) = &self.status {
            right.push(Span::styled(status.clone(), theme.dim()));
            right.push(Span::raw("   "));
        }
        right.push(Span::raw(format!(
            "Question {} of {}",
            session.current + 1,
            session.len()
        )));
        if let Some(timer) = session.timer {
            let remaining = timer.remaining(now);
            let style = if remaining.num_seconds() < 60 {
                theme.bad()
            } else if remaining.num_seconds() < 600 {
                theme.warn()
            } else {
                theme.title()
            };
            right.push(Span::raw("   "));
            right.push(Span::styled(
                format!("⏱ {}", format_clock(remaining)),
                style,
            ));
        }
        areas.page.title(self.title, Line::from(right), buf, theme);

        if let Some(timer) = session.timer {
            LineGauge::default()
                .ratio(timer.fraction_left(now))
                .label("")
                .filled_symbol("━")
                .unfilled_symbol("─")
                .filled_style(theme.title())
                .unfilled_style(theme.dim())
                .render(areas.gauge, buf);
        }
        if let (Some(banner), Some(minutes)) =
            (areas.banner, session.timer.and_then(|t| t.warning(now)))
        {
            let text = if minutes == 1 {
                " Less than 1 minute remaining: it ends by itself at 00:00 ".to_string()
            } else {
                format!(" {minutes} minutes remaining ")
            };
            let style = if minutes == 1 {
                theme.bad()
            } else {
                theme.warn()
            };
            Line::styled(text, style.add_modifier(ratatui::style::Modifier::REVERSED))
                .centered()
                .render(banner, buf);
        }

        let (lines, option_lines) =
            body_lines(session, self.body, self.prompt, areas.body.width, theme);
        let max = (lines.len() as u16).saturating_sub(areas.body.height);
        let scroll = self.scroll.min(max);
        view.geometry
            .record_scroll(max, areas.body.height.saturating_sub(1));
        view.geometry
            .record_option_targets(option_targets(&option_lines, areas.body, scroll));
        Paragraph::new(lines)
            .scroll((scroll, 0))
            .render(areas.body, buf);
        areas
            .page
            .finish(view.message, Some((scroll, max)), self.context, buf, theme);
    }
}
