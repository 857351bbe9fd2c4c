//! History and stats: the summary (shared with `certsim stats`), a chart of mock-exam scores
//! against the pass line, and every attempt, newest first; Enter reopens the selected one.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::Line;
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, Paragraph, Widget};

use crate::bank::Bank;
use crate::history::report::{
    attempt_header, attempt_header_narrow, attempt_row, attempt_row_narrow, summary_lines,
};
use crate::history::{Attempt, Stats};

use super::chrome;
use super::keymap::{Action, Context};
use super::text::{inert, wrap};
use super::theme::Theme;
use super::transition::{Command, Ctx, Transition, scrolled};
use super::view::View;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HistoryScreen {
    /// The selected attempt, as a row of the table (newest first).
    pub selected: usize,
    /// Rows the attempts table is scrolled down.
    pub scroll: u16,
    /// The analytics pane is shown instead of the attempts (Tab switches).
    pub analytics: bool,
}

/// The attempts on this bank's exam, newest first: the table's rows.
pub fn listed<'a>(attempts: &'a [Attempt], bank: &Bank) -> Vec<&'a Attempt> {
    // Recorded order reversed, then a stable sort: attempts started together list the one
    // recorded last first.
    let mut listed: Vec<&Attempt> = attempts
        .iter()
        .rev()
        .filter(|a| a.bank_id == bank.exam.id)
        .collect();
    listed.sort_by_key(|a| std::cmp::Reverse(a.started_at));
    listed
}

impl HistoryScreen {
    pub fn update(&mut self, ctx: &mut Ctx<'_>, action: Action) -> Transition {
        let rows = listed(ctx.attempts, ctx.bank);
        let last = rows.len().saturating_sub(1);
        let page = usize::from(ctx.scroll.page);
        let visible = page + 1;
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            // A page moves the table and the selection together, at once.
            Action::PageUp | Action::PageDown => {
                self.scroll = scrolled(self.scroll, action, ctx.scroll.page, ctx.scroll.max);
                self.selected = if action == Action::PageUp {
                    self.selected.saturating_sub(page)
                } else {
                    (self.selected + page).min(last)
                };
            }
            Action::Choose => {
                let place = rows.get(self.selected).and_then(|selected| {
                    ctx.attempts
                        .iter()
                        .position(|attempt| std::ptr::eq(attempt, *selected))
                });
                return match place {
                    Some(place) => Transition::Command(Command::OpenAttempt(place)),
                    None => Transition::Stay,
                };
            }
            Action::SwitchPane => {
                self.analytics = !self.analytics;
                return Transition::Stay;
            }
            Action::Back | Action::Quit => return Transition::Home,
            _ => return Transition::Stay,
        }
        // Keep the selection in view.
        let scroll = usize::from(self.scroll);
        if self.selected < scroll {
            self.scroll = u16::try_from(self.selected).unwrap_or(u16::MAX);
        } else if self.selected >= scroll + visible {
            self.scroll = u16::try_from(self.selected + 1 - visible).unwrap_or(u16::MAX);
        }
        Transition::Stay
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
    let summary = summary_lines(stats);
    let page = chrome::Page::new(area, false);
    // The summary wraps rather than cutting a line short.
    let lines: Vec<Line> = summary
        .iter()
        .flat_map(|line| wrap(line, page.body.width.saturating_sub(2), Style::new()))
        .collect();
    let summary_height = u16::try_from(lines.len() + 1).unwrap_or(u16::MAX);
    // The chart only where the table keeps room for a few attempts (not at 60×20).
    let room = page.body.height.saturating_sub(summary_height);
    let chart_height = if stats.mock_scores.is_empty() || room < 8 + 5 {
        0
    } else {
        8
    };
    let [summary_area, chart_area, table_area] = page.body.layout(&Layout::vertical([
        Constraint::Length(summary_height),
        Constraint::Length(chart_height),
        Constraint::Fill(1),
    ]));
    page.title("History and stats", Line::from(""), buf, theme);
    Paragraph::new(lines).render(summary_area.inner(Margin::new(1, 0)), buf);
    if history.analytics {
        let [_, pane] = page.body.layout(&Layout::vertical([
            Constraint::Length(summary_height),
            Constraint::Fill(1),
        ]));
        super::analytics::render(&stats.analytics, pane, buf, theme);
        view.geometry.record_scroll(0, 0);
        page.finish(view.message, None, Context::History, buf, theme);
        return;
    }
    if chart_height > 0 {
        render_chart(view, stats, chart_area, buf, theme);
    }
    // Under 80 columns the table drops the year and the scope, so score and time still fit.
    let narrow = table_area.width < 80;
    let header = if narrow {
        attempt_header_narrow
    } else {
        attempt_header
    };
    let row_text = if narrow {
        attempt_row_narrow
    } else {
        attempt_row
    };
    let mut rows = vec![Line::styled(
        format!(" {}", header(view.zone)),
        theme.title(),
    )];
    let attempts = listed(view.attempts, view.bank);
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
            .enumerate()
            .skip(first)
            .take(visible)
            .map(|(row, attempt)| {
                let text = inert(&row_text(attempt, view.zone));
                if row == history.selected {
                    Line::styled(format!("▶{text}"), theme.selected())
                } else {
                    Line::from(format!(" {text}"))
                }
            }),
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
    // One label a row, so the pass mark's label sits on the row its line is drawn in
    // (three labels would be spread evenly, the pass mark's in the middle).
    let rows = usize::from(area.height).max(2);
    let span = (scoring.max - scoring.min).max(1) as f64;
    let pass_row =
        (((scoring.pass - scoring.min) as f64 / span) * (rows - 1) as f64).round() as usize;
    let y_labels: Vec<Line> = (0..rows)
        .map(|row| match row {
            0 => Line::from(scoring.min.to_string()),
            row if row == rows - 1 => Line::from(scoring.max.to_string()),
            row if row == pass_row => Line::from(scoring.pass.to_string()),
            _ => Line::from(""),
        })
        .collect();
    Chart::new(datasets)
        .x_axis(Axis::default().bounds([0.0, last]).style(Style::new()))
        .y_axis(
            Axis::default()
                .bounds([scoring.min as f64, scoring.max as f64])
                .labels(y_labels),
        )
        .render(area.inner(Margin::new(1, 0)), buf);
}
