//! HTML as Moodle stores question text, turned into plain text (tags stripped, entities
//! decoded, `<br>` and paragraphs as new lines), and plain text escaped for HTML.

/// Plain text from an HTML fragment. Line breaks in the source are only spacing in HTML,
/// so only `<br>` and block tags make new lines; paragraphs are separated by a blank line.
pub fn to_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    let mut hidden_until: Option<&str> = None;
    while let Some(c) = rest.chars().next() {
        if c == '<' {
            let Some(end) = rest.find('>') else {
                // A lone `<` is text, as browsers read it.
                text.push('<');
                rest = &rest[1..];
                continue;
            };
            let tag = rest[1..end].trim().to_ascii_lowercase();
            rest = &rest[end + 1..];
            let name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            if let Some(closing) = hidden_until {
                if tag.starts_with('/') && name == closing {
                    hidden_until = None;
                }
                continue;
            }
            match name.as_str() {
                "br" => text.push('\n'),
                "p" | "div" | "tr" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "ul" | "ol"
                | "pre" | "blockquote" | "table" => text.push('\n'),
                "li" if !tag.starts_with('/') => text.push_str("\n- "),
                "script" if !tag.starts_with('/') => hidden_until = Some("script"),
                "style" if !tag.starts_with('/') => hidden_until = Some("style"),
                _ => {}
            }
            continue;
        }
        rest = &rest[c.len_utf8()..];
        if hidden_until.is_some() {
            continue;
        }
        if c == '&' {
            if let Some((decoded, length)) = entity(rest) {
                text.push_str(&decoded);
                rest = &rest[length..];
            } else {
                text.push('&');
            }
        } else if c.is_whitespace() && c != '\u{a0}' && c != ' ' {
            // Source line breaks and tabs are spacing.
            if !text.ends_with(' ') {
                text.push(' ');
            }
        } else {
            text.push(c);
        }
    }
    tidy(&text)
}

/// Lines trimmed, at most one blank line in a row, no blank lines at either end.
fn tidy(text: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    for line in text.split('\n').map(str::trim) {
        if line.is_empty() && out.last().is_none_or(|last| last.is_empty()) {
            continue;
        }
        out.push(line);
    }
    while out.last().is_some_and(|last| last.is_empty()) {
        out.pop();
    }
    out.join("\n").replace('\u{a0}', " ")
}

/// The entity at the start of `rest` (just after `&`): its text and its length with `;`.
fn entity(rest: &str) -> Option<(String, usize)> {
    let end = rest.get(..rest.len().min(12))?.find(';')?;
    let name = &rest[..end];
    let decoded = if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        char::from_u32(code)?.to_string()
    } else {
        let text = match name {
            "amp" => "&",
            "lt" => "<",
            "gt" => ">",
            "quot" => "\"",
            "apos" => "'",
            "nbsp" => "\u{a0}",
            "ndash" => "–",
            "mdash" => "—",
            "hellip" => "…",
            "lsquo" => "‘",
            "rsquo" => "’",
            "ldquo" => "“",
            "rdquo" => "”",
            "times" => "×",
            "middot" => "·",
            "bull" => "•",
            "rarr" => "→",
            "larr" => "←",
            "le" => "≤",
            "ge" => "≥",
            "copy" => "©",
            "reg" => "®",
            "trade" => "™",
            "euro" => "€",
            "deg" => "°",
            _ => return None,
        };
        text.to_string()
    };
    Some((decoded, end + 1))
}

/// Plain text as HTML: special characters escaped, new lines as `<br>`.
pub fn from_text(text: &str) -> String {
    escape(text).replace('\n', "<br>")
}

/// `& < > "` as entities (enough for text and attribute values).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_stripped_entities_decoded_and_breaks_kept() {
        assert_eq!(
            to_text(
                "<p>Which <b>two</b> &amp; why?</p>\n<p>Line&nbsp;two<br/>three &#8212; &#x41;</p>"
            ),
            "Which two & why?\n\nLine two\nthree — A"
        );
        assert_eq!(to_text("a < b &unknown; c"), "a < b &unknown; c");
        assert_eq!(to_text("<script>alert(1)</script>ok"), "ok");
        assert_eq!(to_text("<ul><li>one</li><li>two</li></ul>"), "- one\n- two");
    }

    #[test]
    fn plain_text_survives_the_trip_through_html() {
        for text in ["a < b & \"c\"\nnext line", "p1\n\np2", "x  y"] {
            assert_eq!(to_text(&from_text(text)), text);
        }
    }
}
