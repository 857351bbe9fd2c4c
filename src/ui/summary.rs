//! The end of a drill or review: how many were right, per topic, and whether it was saved.

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use super::app::{App, PracticeSummary};
use super::chrome;
use super::keymap::Context;
use super::theme::Theme;

pub fn render(app: &App, summary: &PracticeSummary, area: Rect, buf: &mut Buffer, theme: Theme) {
    let page = chrome::Page::new(area, true);
    let body = page.body;
    page.title(
        &app.bank.exam.title,
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
                "{} of the {} questions were checked; the rest are left for another time.",
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
    Paragraph::new(lines).render(body, buf);
    page.finish(app.message.as_ref(), None, Context::Summary, buf, theme);
}
