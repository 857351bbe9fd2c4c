//! The History screen's analytics pane (Tab): the weakest AWS services, accuracy by the
//! qualifier a prompt asks for, pace per task statement against the exam's, and a chart of
//! each task statement's accuracy over time.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::Line;
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, Paragraph, Widget};

use crate::history::analytics::{Analytics, TREND_WINDOW};
use crate::history::report::analytics_lines;

use super::text::{inert, wrap};
use super::theme::Theme;

pub fn render(analytics: &Analytics, area: Rect, buf: &mut Buffer, theme: Theme) {
    let text: Vec<Line> = analytics_lines(analytics)
        .iter()
        .flat_map(|line| wrap(&inert(line), area.width.saturating_sub(2), Style::new()))
        .collect();
    let height = u16::try_from(text.len() + 1).unwrap_or(u16::MAX);
    let [text_area, chart_area] = area.layout(&Layout::vertical([
        Constraint::Length(height),
        Constraint::Fill(1),
    ]));
    Paragraph::new(text).render(text_area.inner(Margin::new(1, 0)), buf);
    if analytics.trend.is_empty() || chart_area.height < 6 {
        return;
    }
    let styles = [
        theme.chosen(),
        theme.key(),
        theme.warn(),
        theme.good(),
        theme.bad(),
    ];
    let points: Vec<Vec<(f64, f64)>> = analytics
        .trend
        .iter()
        .map(|trend| {
            trend
                .points
                .iter()
                .map(|&(index, _, share)| (index as f64, share * 100.0))
                .collect()
        })
        .collect();
    let last = points
        .iter()
        .flatten()
        .map(|&(x, _)| x)
        .fold(1.0f64, f64::max);
    let datasets: Vec<Dataset> = analytics
        .trend
        .iter()
        .zip(&points)
        .enumerate()
        .map(|(index, (trend, data))| {
            Dataset::default()
                .name(inert(&format!("task {}", trend.task)))
                .marker(Marker::Braille)
                .graph_type(GraphType::Line)
                .style(styles[index % styles.len()])
                .data(data)
        })
        .collect();
    let title = format!(
        "Accuracy per task statement over your attempts (latest {TREND_WINDOW} answers at each)"
    );
    let [title_area, plot_area] = chart_area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
    ]));
    Paragraph::new(Line::styled(title, theme.title()))
        .render(title_area.inner(Margin::new(1, 0)), buf);
    Chart::new(datasets)
        .x_axis(Axis::default().bounds([0.0, last]).style(Style::new()))
        .y_axis(Axis::default().bounds([0.0, 100.0]).labels([
            Line::from("0%"),
            Line::from("50%"),
            Line::from("100%"),
        ]))
        .render(plot_area.inner(Margin::new(1, 0)), buf);
}
