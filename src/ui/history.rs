//! History and stats: the summary (shared with `certsim stats`), a chart of mock-exam scores
//! against the pass line, and every attempt, newest first.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::Line;
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, Paragraph, Widget};

use crate::history::Stats;
use crate::history::report::{attempt_header, attempt_row, summary_lines};

use super::chrome;
use super::keymap::{Action, Context};
use super::text::inert;
use super::theme::Theme;
use super::transition::{Ctx, Transition, scrolled};
use super::view::View;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HistoryScreen {
    /// Rows the attempts table is scrolled down.
    pub scroll: u16,
}

impl HistoryScreen {
    pub fn update(&mut self, ctx: &mut Ctx<'_>, action: Action) -> Transition {
        match action {
            Action::Up | Action::Down | Action::PageUp | Action::PageDown => {
                self.scroll = scrolled(self.scroll, action, ctx.scroll.page, ctx.scroll.max);
                Transition::Stay
            }
            Action::Back | Action::Quit => Transition::Home,
            _ => Transition::Stay,
        }
    }
}

pub fn render(
    view: &View<'_>,
    history: &HistoryScreen,
    area: Rect,
    buf: &mut Buffer,
    theme: Theme,
) {
    let scroll = history.scroll;
    let stats = &view.derived().stats;
    let summary = summary_lines(view.bank, stats);
    let chart_height = if stats.mock_scores.is_empty() { 0 } else { 8 };
    let page = chrome::Page::new(area, false);
    let [summary_area, chart_area, table_area] = page.body.layout(&Layout::vertical([
        Constraint::Length(summary.len() as u16 + 1),
        Constraint::Length(chart_height),
        Constraint::Fill(1),
    ]));
    page.title("History and stats", Line::from(""), buf, theme);
    let width = usize::from(summary_area.width.saturating_sub(2));
    let lines: Vec<Line> = summary
        .iter()
        .map(|line| Line::from(crate::width::truncate(&inert(line), width)))
        .collect();
    Paragraph::new(lines).render(summary_area.inner(Margin::new(1, 0)), buf);
    if chart_height > 0 {
        render_chart(view, stats, chart_area, buf, theme);
    }
    let mut rows = vec![Line::styled(attempt_header(), theme.title())];
    let mut attempts: Vec<_> = view
        .attempts
        .iter()
        .filter(|a| a.bank_id == view.bank.exam.id)
        .collect();
    attempts.sort_by_key(|a| std::cmp::Reverse(a.started_at));
    if attempts.is_empty() {
        rows.push(Line::styled(
            "No attempts yet: a mock exam, a drill or a review is recorded here when it ends.",
            theme.dim(),
        ));
    }
    let visible = usize::from(table_area.height.saturating_sub(1));
    let max = attempts.len().saturating_sub(visible);
    let first = usize::from(scroll).min(max);
    view.geometry.record_scroll(
        u16::try_from(max).unwrap_or(u16::MAX),
        u16::try_from(visible.saturating_sub(1)).unwrap_or(u16::MAX),
    );
    rows.extend(
        attempts
            .iter()
            .skip(first)
            .take(visible)
            .map(|attempt| Line::from(inert(&attempt_row(attempt)))),
    );
    Paragraph::new(rows).render(table_area.inner(Margin::new(1, 0)), buf);
    let position = (max > 0).then_some((first as u16, max as u16));
    page.finish(view.message, position, Context::History, buf, theme);
}

fn render_chart(view: &View<'_>, stats: &Stats, area: Rect, buf: &mut Buffer, theme: Theme) {
    let scoring = view.bank.exam.scoring;
    let points: Vec<(f64, f64)> = stats
        .mock_scores
        .iter()
        .enumerate()
        .map(|(index, score)| (index as f64, score.scaled as f64))
        .collect();
    let last = (points.len().saturating_sub(1)).max(1) as f64;
    let pass = [(0.0, scoring.pass as f64), (last, scoring.pass as f64)];
    let datasets = vec![
        Dataset::default()
            .name(format!("pass {}", scoring.pass))
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(theme.dim())
            .data(&pass),
        Dataset::default()
            .name("mock scores")
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(theme.chosen())
            .data(&points),
    ];
    let y_labels = vec![
        Line::from(scoring.min.to_string()),
        Line::from(scoring.pass.to_string()),
        Line::from(scoring.max.to_string()),
    ];
    Chart::new(datasets)
        .x_axis(Axis::default().bounds([0.0, last]).style(Style::new()))
        .y_axis(
            Axis::default()
                .bounds([scoring.min as f64, scoring.max as f64])
                .labels(y_labels),
        )
        .render(area.inner(Margin::new(1, 0)), buf);
}
