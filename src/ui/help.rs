//! The `?` overlay: every key of the screen underneath, generated from the keymap table.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::chrome;
use super::keymap::{Context, bindings_for};
use super::theme::Theme;

pub fn render(context: Context, area: Rect, buf: &mut Buffer, theme: Theme) {
    let mut lines: Vec<Line> = bindings_for(context)
        .map(|binding| {
            Line::from(vec![
                Span::styled(format!("{:>10}  ", binding.label), theme.key()),
                Span::raw(binding.description),
            ])
        })
        .collect();
    lines.push(Line::from(""));
    lines.push(Line::from(vec![
        Span::styled(format!("{:>10}  ", "?/Esc"), theme.key()),
        Span::styled("close this help", theme.dim()),
    ]));
    if context == Context::Question {
        lines.push(Line::from(vec![
            Span::styled(format!("{:>10}  ", "mouse"), theme.key()),
            Span::styled("a click chooses an option; the wheel scrolls", theme.dim()),
        ]));
    }
    let inner = chrome::dialog("Keys", 64, lines.len() as u16 + 2, area, buf, theme);
    Paragraph::new(lines).render(inner, buf);
}
