//! The review grid before submitting: every question as a numbered cell marked answered,
//! unanswered or flagged, with a filter.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::exam::timer::format_clock;

use super::app::{App, ExamScreen};
use super::chrome;
use super::keymap::Context;
use super::theme::Theme;

/// Each cell is ` 12 ✓⚑ ` wide.
const CELL_WIDTH: u16 = 8;

/// How many cells fit across a terminal `width` columns wide.
fn columns(width: u16) -> usize {
    usize::from((width.saturating_sub(2) / CELL_WIDTH).max(1))
}

pub fn render(app: &App, exam: &ExamScreen, area: Rect, buf: &mut Buffer, theme: Theme) {
    let session = &exam.session;
    let page = chrome::Page::new(area, true);
    let [summary, _, cells, legend] = page.body.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ]));
    let remaining = session
        .remaining(app.now)
        .map(|left| format!("⏱ {}", format_clock(left)))
        .unwrap_or_default();
    page.title(
        "Review grid",
        Line::styled(remaining, theme.title()),
        buf,
        theme,
    );
    let answered = session.len() - session.unanswered_count();
    Line::from(vec![
        Span::raw(format!(" {answered} of {} answered · ", session.len())),
        Span::raw(format!("{} unanswered · ", session.unanswered_count())),
        Span::raw(format!("{} flagged   ", session.flagged_count())),
        Span::styled(
            format!("showing: {}", exam.grid_filter.label()),
            theme.title(),
        ),
    ])
    .render(summary, buf);

    let visible = exam.grid_indices();
    let per_row = columns(area.width);
    app.geometry.record_grid_columns(per_row);
    let mut rows: Vec<Line> = Vec::new();
    for chunk in visible.chunks(per_row) {
        let mut spans = vec![Span::raw(" ")];
        for &index in chunk {
            let answered = session.is_answered(index);
            let flagged = session.item(index).flagged;
            let text = format!(
                " {:>3} {}{} ",
                index + 1,
                if answered { '✓' } else { '·' },
                if flagged { '⚑' } else { ' ' }
            );
            let style = if index == exam.grid_cursor {
                theme.selected()
            } else if flagged {
                theme.warn()
            } else if answered {
                theme.chosen()
            } else {
                theme.dim()
            };
            spans.push(Span::styled(text, style));
        }
        rows.push(Line::from(spans));
        rows.push(Line::from(""));
    }
    if visible.is_empty() {
        rows.push(Line::styled(
            format!(
                " No {} questions. Tab changes the filter.",
                exam.grid_filter.label()
            ),
            theme.dim(),
        ));
    }
    // Keep the cursor's row in view on small screens.
    let cursor_row = visible
        .iter()
        .position(|&i| i == exam.grid_cursor)
        .map_or(0, |p| (p / per_row) as u16 * 2);
    let scroll = cursor_row.saturating_sub(cells.height.saturating_sub(2));
    Paragraph::new(rows).scroll((scroll, 0)).render(cells, buf);
    Line::styled(
        " ✓ answered   · unanswered   ⚑ flagged for review",
        theme.dim(),
    )
    .render(legend, buf);
    page.finish(app.message.as_ref(), None, Context::Grid, buf, theme);
}
