//! The offer, at launch, to resume an unfinished session.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

use chrono::TimeDelta;

use crate::exam::Progress;
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
    // Counted as the grid counts: a partial answer is incomplete, not answered.
    let count = |progress: Progress| {
        saved
            .questions
            .iter()
            .filter(|q| q.progress(view.bank) == progress)
            .count()
    };
    let incomplete = match count(Progress::Incomplete) {
        0 => String::new(),
        n => format!(", {n} incomplete"),
    };
    let mut lines = vec![
        Line::from(format!(
            "An unfinished {} from {} ({}).",
            unfinished.mode.title().to_lowercase(),
            view.zone.format(saved.saved_at, "%Y-%m-%d %H:%M"),
            view.zone.label()
        )),
        Line::from(format!(
            "{} of {} questions answered{incomplete}, {} flagged.",
            count(Progress::Complete),
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
    if let Some(requested) = view.requested {
        lines.push(Line::from(format!(
            "Discarding it starts {}.",
            requested.describe()
        )));
    }
    chrome::text_dialog("Resume?", lines, 64, Context::Resume, area, buf, theme);
}
