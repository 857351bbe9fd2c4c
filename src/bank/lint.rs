//! Warnings about a valid bank: text that would be unsafe to print raw. certsim always
//! shows such characters inert, but an author should know they are there.

use super::Bank;

/// Control characters (other than newline and tab), escape sequences and bidirectional
/// overrides in any text of the bank, one warning per field.
pub fn warnings(bank: &Bank) -> Vec<String> {
    let mut found = Vec::new();
    let suspicious = |text: &str| {
        text.chars().find(|&c| {
            (c.is_control() && c != '\n' && c != '\t')
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
    };
    let mut check = |location: String, field: &str, text: &str| {
        if let Some(c) = suspicious(text) {
            let what = if c == '\u{1b}' {
                "an escape sequence (ESC)".to_string()
            } else if c.is_control() {
                format!("the control character U+{:04X}", c as u32)
            } else {
                format!("the bidirectional override U+{:04X}", c as u32)
            };
            found.push(format!(
                "{location}: {field} contains {what}; certsim shows it inert, but remove it from the bank"
            ));
        }
    };
    check(format!("{}: exam", bank.exam.id), "title", &bank.exam.title);
    for question in &bank.questions {
        let at = format!("{}: question {}", question.location, question.id);
        check(at.clone(), "prompt", &question.prompt);
        check(at.clone(), "explanation", &question.explanation);
        for (index, option) in question.options.iter().enumerate() {
            let letter = super::letter(index);
            check(at.clone(), &format!("option {letter} text"), &option.text);
            check(at.clone(), &format!("option {letter} why"), &option.why);
        }
    }
    found
}
