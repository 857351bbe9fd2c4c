//! The offer, at launch, to resume an unfinished session.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

use chrono::TimeDelta;

use crate::exam::timer::format_clock;

use super::chrome;
use super::keymap::Context;
use super::theme::Theme;
use super::view::View;

pub fn render(view: &View<'_>, area: Rect, buf: &mut Buffer, theme: Theme) {
    let Some(unfinished) = view.unfinished else {
        return;
    };
    let saved = &unfinished.session;
    let answered = saved
        .questions
        .iter()
        .filter(|q| !q.chosen.is_empty())
        .count();
    let mut lines = vec![
        Line::from(format!(
            "An unfinished {} from {} ({}).",
            unfinished.mode.title().to_lowercase(),
            view.zone.format(saved.saved_at, "%Y-%m-%d %H:%M"),
            view.zone.label()
        )),
        Line::from(format!(
            "{answered} of {} questions answered, {} flagged.",
            saved.questions.len(),
            saved.questions.iter().filter(|q| q.flagged).count()
        )),
    ];
    if let Some(allowed) = saved.allowed_seconds {
        let left = TimeDelta::seconds(allowed) - TimeDelta::milliseconds(saved.elapsed_ms);
        lines.push(Line::from(format!(
            "{} left on its clock (it stood still while certsim was closed).",
            format_clock(left)
        )));
    }
    if saved.bank_hash != view.bank.content_hash {
        lines.push(Line::styled(
            "The question bank has changed since it began.",
            theme.warn(),
        ));
    }
    chrome::text_dialog("Resume?", lines, 64, Context::Resume, area, buf, theme);
}
