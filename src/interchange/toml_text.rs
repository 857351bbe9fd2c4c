//! TOML string values written by hand: the bank files certsim writes are meant to be read
//! and edited, so texts with new lines become multi-line strings.

/// `text` as a TOML string: a basic string, or a multi-line basic string when it has new
/// lines. Backslashes, quotes and control characters are escaped in both.
pub fn string(text: &str) -> String {
    let multi_line = text.contains('\n');
    let mut out = String::with_capacity(text.len() + 8);
    out.push_str(if multi_line { "\"\"\"\n" } else { "\"" });
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' if multi_line => out.push('\n'),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push_str(if multi_line { "\"\"\"" } else { "\"" });
    out
}

/// A TOML array of strings, on one line.
pub fn array(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|item| string(item)).collect();
    format!("[{}]", items.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_reads_back_the_same() {
        for text in [
            "plain",
            "a \"quote\" and \\ back",
            "two\nlines\n",
            "tab\there",
            "bell\u{7}",
            "\"\"\"",
            "ends with \"",
        ] {
            let document = format!("value = {}", string(text));
            let table: toml::Table =
                toml::from_str(&document).unwrap_or_else(|e| panic!("{document}: {e}"));
            assert_eq!(table["value"].as_str(), Some(text), "{document}");
        }
    }
}
