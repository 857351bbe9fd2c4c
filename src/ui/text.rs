//! Text helpers for drawing: untrusted bank text made inert, and word wrapping with a
//! hanging indent so options line up under their letter.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

pub use crate::width::inert;

/// Wraps `text` to `width` columns, keeping its paragraphs, all lines in one style.
pub fn wrap(text: &str, width: u16, style: Style) -> Vec<Line<'static>> {
    wrap_indented(text, width, "", "", style)
}

/// The widest a line of wrapped text grows, however wide the window.
pub const MAX_TEXT_WIDTH: usize = 100;

/// Wraps `text` with `first` before its first line and `rest` (usually spaces of the same
/// width) before every later line.
pub fn wrap_indented(
    text: &str,
    width: u16,
    first: &str,
    rest: &str,
    style: Style,
) -> Vec<Line<'static>> {
    let clean = inert(text);
    // Long lines are hard to read on a wide window: text stops at about 100 columns.
    let width = usize::from(width.max(8)).min(MAX_TEXT_WIDTH);
    // Never at a hyphen inside a word: "us-east-1" and "X-Ray" stay whole.
    let options = textwrap::Options::new(width)
        .initial_indent(first)
        .subsequent_indent(rest)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    let mut lines = Vec::new();
    for (index, paragraph) in clean.split('\n').enumerate() {
        let options = if index == 0 {
            options.clone()
        } else {
            options.clone().initial_indent(rest)
        };
        if paragraph.trim().is_empty() {
            lines.push(Line::from(""));
            continue;
        }
        for piece in textwrap::wrap(paragraph, &options) {
            lines.push(Line::from(Span::styled(piece.into_owned(), style)));
        }
    }
    lines
}

/// How many rows `line` takes when word-wrapped to `width` columns (at least one).
pub fn wrapped_rows(line: &Line<'_>, width: usize) -> usize {
    let text: String = line
        .spans
        .iter()
        .map(|span| span.content.as_ref())
        .collect();
    if text.trim().is_empty() {
        return 1;
    }
    let options =
        textwrap::Options::new(width.max(1)).word_splitter(textwrap::WordSplitter::NoHyphenation);
    textwrap::wrap(&text, &options).len().max(1)
}

#[cfg(test)]
mod tests {
    #[test]
    fn wrapping_never_breaks_a_hyphenated_word_and_stops_at_a_hundred_columns() {
        let text = "Deploy the stack to us-east-1 and enable AWS X-Ray tracing for the function";
        for width in 20..40 {
            let lines = super::wrap(text, width, ratatui::style::Style::new());
            let joined: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            assert!(
                joined.iter().any(|l| l.contains("us-east-1")),
                "{width}: {joined:?}"
            );
            assert!(
                joined.iter().any(|l| l.contains("X-Ray")),
                "{width}: {joined:?}"
            );
        }
        let long = "word ".repeat(60);
        let lines = super::wrap(&long, 200, ratatui::style::Style::new());
        assert!(lines.iter().all(|l| l.width() <= super::MAX_TEXT_WIDTH));
    }

    use super::*;

    #[test]
    fn escape_sequences_and_controls_become_visible() {
        assert_eq!(inert("a\u{1b}[2Jb"), "a␛[2Jb");
        assert_eq!(inert("bell\u{7}"), "bell\\x07");
        assert_eq!(inert("osc\u{1b}]52;c;aGk=\u{7}"), "osc␛]52;c;aGk=\\x07");
        assert_eq!(inert("csi\u{9b}"), "csi\\x9b");
        assert_eq!(inert("line\nnext"), "line\nnext");
        assert_eq!(inert("rtl\u{202e}x"), "rtl\\u{202e}x");
    }

    #[test]
    fn wrapping_hangs_under_the_first_line() {
        let lines = wrap_indented(
            "one two three four five six",
            14,
            "A. ",
            "   ",
            Style::new(),
        );
        let text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        assert_eq!(text, vec!["A. one two", "   three four", "   five six"]);
    }
}
