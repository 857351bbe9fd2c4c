//! Text as a terminal shows it: measured in columns rather than chars (a CJK character or
//! an emoji takes two, a combining mark none), and made inert (control characters and
//! escape sequences shown, never sent). Shared by the engine's reports and the screens; no
//! terminal code here.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Makes bank text safe to show: control characters and escape sequences become visible
/// (`␛`, `\x07`…) so a bank can never move the cursor, retitle the window or hide text.
pub fn inert(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => out.push('\n'),
            '\t' => out.push_str("    "),
            '\u{1b}' => out.push('␛'),
            c if c.is_control() => out.push_str(&format!("\\x{:02x}", c as u32)),
            // Bidirectional overrides can reorder what is shown; show them instead.
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
                out.push_str(&format!("\\u{{{:04x}}}", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

/// Columns `text` takes on a terminal.
pub fn columns(text: &str) -> usize {
    text.width()
}

/// `text` cut to at most `width` columns, ending in "…" when something was cut.
pub fn truncate(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let room = width.saturating_sub(1);
    let mut used = 0;
    let mut out = String::new();
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > room {
            break;
        }
        used += w;
        out.push(c);
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// `text` cut to `width` columns and padded with spaces to exactly `width`.
pub fn fit(text: &str, width: usize) -> String {
    let cut = truncate(text, width);
    let pad = width.saturating_sub(cut.width());
    cut + &" ".repeat(pad)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_characters_count_two_columns() {
        assert_eq!(truncate("データエンジニア", 7), "データ…");
        assert_eq!(columns(&truncate("データエンジニア", 7)), 7);
        assert_eq!(truncate("短い", 4), "短い");
        assert_eq!(truncate("🚀🚀🚀", 4), "🚀…");
        assert_eq!(truncate("plain text", 6), "plain…");
        assert_eq!(truncate("anything", 0), "");
    }

    #[test]
    fn fit_pads_to_the_exact_width() {
        assert_eq!(fit("ab", 4), "ab  ");
        assert_eq!(columns(&fit("データエンジニア", 9)), 9);
        assert_eq!(fit("abcdef", 4), "abc…");
    }
}
