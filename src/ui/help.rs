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
    let mut entries: Vec<(String, &str, Style)> = bindings_for(context)
        .map(|binding| {
            (
                binding.label(),
                binding.description_in(context),
                Style::new(),
            )
        })
        .collect();
    entries.extend(pointer_for(context).map(|p| (p.what.to_string(), p.description, Style::new())));
    let closing: Vec<(String, &str, Style)> = bindings_for(Context::Help)
        .filter(|b| !b.hint.is_empty())
        .map(|binding| (binding.label(), binding.description, theme.dim()))
        .collect();
    // As wide as the longest row (borders and a margin included), never wider than the
    // window; descriptions wrap under themselves rather than being cut.
    let widest = entries
        .iter()
        .chain(&closing)
        .map(|(keys, description, _)| {
            12.max(keys.chars().count() + 2) + description.chars().count()
        })
        .max()
        .unwrap_or(0);
    let width = u16::try_from(widest + 5)
        .unwrap_or(u16::MAX)
        .max(40)
        .min(area.width);
    let text_width = usize::from(width.saturating_sub(4 + 12)).max(10);
    let row = |(keys, description, style): &(String, &str, Style)| -> Vec<Line<'static>> {
        textwrap::wrap(description, text_width)
            .into_iter()
            .enumerate()
            .map(|(index, piece)| {
                let keys = if index == 0 { keys.as_str() } else { "" };
                Line::from(vec![
                    Span::styled(format!("{keys:>10}  "), theme.key()),
                    Span::styled(piece.into_owned(), *style),
                ])
            })
            .collect()
    };
    let mut lines: Vec<Line> = entries.iter().flat_map(row).collect();
    lines.push(Line::from(""));
    lines.extend(closing.iter().flat_map(row));
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
