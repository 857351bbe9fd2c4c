//! The `?` overlay: every key (and what the mouse does) on the screen underneath, generated
//! from the keymap tables, labels included.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::chrome;
use super::geometry::Geometry;
use super::keymap::{Context, bindings_for, pointer_for};
use super::theme::Theme;

pub fn render(
    context: Context,
    scroll: u16,
    geometry: &Geometry,
    area: Rect,
    buf: &mut Buffer,
    theme: Theme,
) {
    let row = |keys: String, description: &str, style| {
        Line::from(vec![
            Span::styled(format!("{keys:>10}  "), theme.key()),
            Span::styled(description.to_string(), style),
        ])
    };
    let mut lines: Vec<Line> = bindings_for(context)
        .map(|binding| {
            row(
                binding.label(),
                binding.description_in(context),
                Style::new(),
            )
        })
        .collect();
    lines
        .extend(pointer_for(context).map(|p| row(p.what.to_string(), p.description, Style::new())));
    lines.push(Line::from(""));
    lines.extend(
        bindings_for(Context::Help)
            .filter(|b| !b.hint.is_empty())
            .map(|binding| row(binding.label(), binding.description, theme.dim())),
    );
    // As wide as the longest row (borders and a margin included), as tall as the rows.
    let widest = lines.iter().map(Line::width).max().unwrap_or(0);
    let width = u16::try_from(widest + 5).unwrap_or(u16::MAX).max(40);
    let rows = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    let inner = chrome::dialog("Keys", width, rows.saturating_add(2), area, buf, theme);
    // On a short window the keys scroll (↑/↓, PgUp/PgDn) and say that there is more.
    let max = rows.saturating_sub(inner.height);
    geometry.record_scroll(max, inner.height.saturating_sub(1));
    let scroll = scroll.min(max);
    Paragraph::new(lines).scroll((scroll, 0)).render(inner, buf);
    if scroll < max {
        let more = Rect::new(inner.x, inner.bottom().saturating_sub(1), inner.width, 1);
        Line::styled("▼ more: ↓ or PgDn", theme.dim())
            .right_aligned()
            .render(more, buf);
    }
}
