//! The end of a drill or review: how many were right, per topic, and whether it was saved.

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::text::Line;

use crate::exam::Session;
use crate::exam::scoring::Results;
use crate::history::{Filters, Mode};

use super::chrome;
use super::keymap::{Action, Context};
use super::results::review_of;
use super::theme::Theme;
use super::transition::{Ctx, Transition, scrolled};
use super::view::View;

/// The end of a drill or review: how it went, per topic.
#[derive(Debug, Clone, PartialEq)]
pub struct PracticeSummary {
    pub mode: Mode,
    pub filters: Filters,
    pub answered: usize,
    pub questions: usize,
    pub results: Results,
    /// Saved, or why it could not be.
    pub saved: Result<(), String>,
    /// The questions checked, as answered: what the review steps through.
    pub session: Session,
    /// Lines scrolled off the top: a short window cannot show every topic at once.
    pub scroll: u16,
}

impl PracticeSummary {
    pub fn update(&mut self, ctx: &mut Ctx<'_>, action: Action) -> Transition {
        match action {
            Action::ReviewAll | Action::ReviewMissed | Action::ReviewFlagged => {
                review_of(&self.session, ctx, action)
            }
            Action::Back | Action::Quit => Transition::Pop,
            Action::PageUp | Action::PageDown | Action::Up | Action::Down => {
                self.scroll = scrolled(self.scroll, action, ctx.scroll.page, ctx.scroll.max);
                Transition::Stay
            }
            _ => Transition::Stay,
        }
    }
}

pub fn render(
    view: &View<'_>,
    summary: &PracticeSummary,
    area: Rect,
    buf: &mut Buffer,
    theme: Theme,
) {
    let page = chrome::Page::new(area, true);
    let body = page.body;
    page.title(
        &view.bank.exam.title,
        Line::styled(format!("{} complete", summary.mode.title()), theme.title()),
        buf,
        theme,
    );
    let body = body.inner(Margin::new(1, 0));
    let results = &summary.results;
    let mut lines = vec![Line::styled(
        format!(
            "{} of {} right ({}%)",
            results.tally.correct,
            results.tally.total,
            results.tally.percent()
        ),
        theme.title(),
    )];
    if summary.answered < summary.questions {
        lines.push(Line::styled(
            format!(
                "{} of the {} questions checked; the rest are left for another time.",
                summary.answered, summary.questions
            ),
            theme.dim(),
        ));
    }
    lines.push(Line::from(""));
    lines.push(Line::styled("By topic", theme.title()));
    for topic in &results.topics {
        let style = if topic.tally.correct == topic.tally.total {
            theme.good()
        } else {
            theme.bad()
        };
        lines.push(chrome::topic_score_line(topic, style, body.width));
    }
    lines.push(Line::from(""));
    lines.push(match &summary.saved {
        Ok(()) => Line::styled(
            "Saved to history. Missed questions come back in Review missed questions.",
            theme.dim(),
        ),
        Err(error) => Line::styled(format!("Not saved: {error}"), theme.warn()),
    });
    let scroll = chrome::scroll_paragraph(view.geometry, lines, summary.scroll, body, buf);
    page.finish(view.message, Some(scroll), Context::Summary, buf, theme);
}
