//! What every screen shares: the page frame (title bar, message line, footer of key hints
//! generated from the keymap), centred dialogs, and the too-small notice.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

use super::geometry::Geometry;
use super::view::{Message, Tone};

/// Below this size certsim asks for a larger window instead of drawing a broken layout.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 20;
use super::keymap::{Context, footer_hints};
use super::text::inert;
use super::theme::Theme;
use crate::width::truncate;

/// The frame every full screen shares: a title bar on top (optionally a blank line under
/// it), the message line and the key footer at the bottom. The screen lays out `body`.
pub struct Page {
    title: Rect,
    pub body: Rect,
    message: Rect,
    footer: Rect,
}

impl Page {
    pub fn new(area: Rect, gap: bool) -> Page {
        let [title, _, body, message, footer] = area.layout(&ratatui::layout::Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(u16::from(gap)),
            Constraint::Fill(1),
            Constraint::Length(1),
            Constraint::Length(1),
        ]));
        Page {
            title,
            body,
            message,
            footer,
        }
    }

    pub fn title(&self, left: &str, right: Line<'_>, buf: &mut Buffer, theme: Theme) {
        title_bar(left, right, self.title, buf, theme);
    }

    /// The message line (with the scroll position, when the body scrolls) and the footer.
    pub fn finish(
        &self,
        message: Option<&Message>,
        scroll: Option<ScrollState>,
        context: Context,
        buf: &mut Buffer,
        theme: Theme,
    ) {
        message_and_scroll(message, scroll, self.message, buf, theme);
        footer(context, self.footer, buf, theme);
    }
}

/// One topic's score: `  3/4   75%  Title (task 4.1)`, the title cut to fit `width`.
pub fn topic_score_line(
    topic: &crate::exam::TopicScore,
    style: Style,
    width: u16,
) -> Line<'static> {
    let tally = topic.tally;
    Line::from(vec![
        Span::styled(
            format!(
                "  {:>2}/{:<2} {:>3}%  ",
                tally.correct,
                tally.total,
                tally.percent()
            ),
            style,
        ),
        Span::raw(truncate(
            &inert(&format!("{} (task {})", topic.title, topic.task)),
            usize::from(width.saturating_sub(16)),
        )),
    ])
}

/// A one-line title bar: `left` truncated to leave room for `right`.
pub fn title_bar(left: &str, right: Line<'_>, area: Rect, buf: &mut Buffer, theme: Theme) {
    let right_width = right.width() as u16;
    let [left_area, right_area] = area.layout(&ratatui::layout::Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(right_width.min(area.width)),
    ]));
    let title = truncate(&inert(left), left_area.width.saturating_sub(1) as usize);
    Line::styled(title, theme.title()).render(left_area, buf);
    right.alignment(Alignment::Right).render(right_area, buf);
}

/// The footer: the context's main keys, straight from the keymap table.
pub fn footer(context: Context, area: Rect, buf: &mut Buffer, theme: Theme) {
    let mut hints = footer_hints(context);
    // On a narrow window, hints go from the middle until the rest fits: the first ones (the
    // screen's own keys) and the last two (help and quit) always stay.
    let width = |hints: &[(String, &str)]| -> usize {
        hints
            .iter()
            .map(|(keys, word)| crate::width::columns(keys) + 1 + crate::width::columns(word))
            .sum::<usize>()
            + 3 * hints.len().saturating_sub(1)
    };
    while width(&hints) > usize::from(area.width) && hints.len() > 3 {
        hints.remove(hints.len() - 3);
    }
    let mut spans = Vec::new();
    for (index, (keys, description)) in hints.into_iter().enumerate() {
        if index > 0 {
            spans.push(Span::styled(" · ", theme.dim()));
        }
        spans.push(Span::styled(keys, theme.key()));
        spans.push(Span::raw(" "));
        spans.push(Span::raw(description));
    }
    Paragraph::new(Line::from(spans)).render(area, buf);
}

/// Where a scrollable text stands: `(scroll, max)`.
pub type ScrollState = (u16, u16);

/// Draws `lines` in `area` from `scroll` (held to what the text allows), records the limits
/// for the next update and returns where it stands, for the message line's hint.
pub fn scroll_paragraph(
    geometry: &Geometry,
    lines: Vec<Line<'_>>,
    scroll: u16,
    area: Rect,
    buf: &mut Buffer,
) -> ScrollState {
    let max = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_sub(area.height);
    geometry.record_scroll(max, area.height.saturating_sub(1));
    let scroll = scroll.min(max);
    Paragraph::new(lines).scroll((scroll, 0)).render(area, buf);
    (scroll, max)
}

/// The message line with, at its right, a hint when the text above scrolls.
pub fn message_and_scroll(
    message: Option<&Message>,
    scroll: Option<ScrollState>,
    area: Rect,
    buf: &mut Buffer,
    theme: Theme,
) {
    let hint = match scroll {
        Some((_, 0)) | None => "",
        Some((at, max)) if at >= max => "▲ PgUp: more above",
        Some((0, _)) => "▼ PgDn: more below",
        Some(_) => "▲▼ PgUp/PgDn: more",
    };
    let [text_area, hint_area] = area.layout(&ratatui::layout::Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(hint.chars().count() as u16 + 1),
    ]));
    Line::styled(hint, theme.dim())
        .alignment(Alignment::Right)
        .render(hint_area, buf);
    let area = text_area;
    if let Some(message) = message {
        let style = match message.tone {
            Tone::Info => theme.title(),
            Tone::Warning => theme.warn(),
        };
        Line::styled(truncate(&message.text, area.width as usize), style).render(area, buf);
    }
}

/// Clears and frames a centred box of at most `width`×`height`, returning its inside.
pub fn dialog(
    title: &str,
    width: u16,
    height: u16,
    area: Rect,
    buf: &mut Buffer,
    theme: Theme,
) -> Rect {
    let rect = area.centered(
        Constraint::Length(width.min(area.width)),
        Constraint::Length(height.min(area.height)),
    );
    Clear.render(rect, buf);
    let block = Block::bordered()
        .title(Span::styled(format!(" {title} "), theme.title()))
        .border_style(theme.title());
    let inner = block.inner(rect);
    block.render(rect, buf);
    inner.inner(ratatui::layout::Margin::new(1, 0))
}

/// A dialog sized to its text: `lines` wrapped to fit `width` (or the screen, if narrower),
/// a blank line, and the key footer of `context`. Nothing is cut unless the screen itself is
/// too short.
pub fn text_dialog(
    title: &str,
    lines: Vec<Line<'_>>,
    width: u16,
    context: Context,
    area: Rect,
    buf: &mut Buffer,
    theme: Theme,
) {
    let width = width.min(area.width);
    // Borders and a margin of one column each side.
    let text_width = usize::from(width.saturating_sub(4)).max(1);
    let rows: usize = lines
        .iter()
        .map(|line| super::text::wrapped_rows(line, text_width))
        .sum();
    let height = u16::try_from(rows + 4).unwrap_or(u16::MAX);
    let inner = dialog(title, width, height, area, buf, theme);
    let [text, _, keys] = inner.layout(&ratatui::layout::Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ]));
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .render(text, buf);
    footer(context, keys, buf, theme);
}

pub fn too_small(area: Rect, buf: &mut Buffer, theme: Theme) {
    let text = vec![
        Line::styled("certsim needs a larger window", theme.warn()),
        Line::from(format!(
            "at least {MIN_WIDTH}×{MIN_HEIGHT}; this one is {}×{}",
            area.width, area.height
        )),
        Line::from("Enlarge the terminal to go on (Ctrl-C quits)."),
    ];
    Paragraph::new(text)
        .alignment(Alignment::Center)
        .wrap(Wrap { trim: true })
        .style(Style::new())
        .render(area, buf);
}
