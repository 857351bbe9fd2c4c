//! A bank as an Anki text-import file: tab-separated, HTML fields, a header naming the
//! separator, the note type, the columns and the tags column. Front: the prompt and the
//! lettered options; back: the correct letters, the explanation and every option's `why`;
//! tags: the task statement and topic (`task::4.1 topic::cloudwatch`).

use super::{html, letter};
use crate::bank::Question;

/// The header lines Anki reads before the notes.
pub const HEADER: &str =
    "#separator:tab\n#html:true\n#notetype:Basic\n#columns:Front\tBack\tTags\n#tags column:3\n";

pub fn write(questions: &[&Question]) -> String {
    let mut out = String::from(HEADER);
    for question in questions {
        out.push_str(&row(question));
        out.push('\n');
    }
    out
}

/// One note: front, back and tags, separated by tabs.
pub fn row(question: &Question) -> String {
    let options = question.options();
    let mut front = field(&question.prompt);
    for (slot, option) in options.iter().enumerate() {
        front.push_str(&format!("<br>{}. {}", letter(slot), field(&option.text)));
    }
    let key: Vec<String> = options
        .iter()
        .enumerate()
        .filter(|(_, o)| o.correct)
        .map(|(slot, _)| letter(slot).to_string())
        .collect();
    let mut back = format!("<b>{}</b>", key.join(", "));
    if !question.explanation.is_empty() {
        back.push_str(&format!("<br><br>{}", field(&question.explanation)));
    }
    for (slot, option) in options.iter().enumerate() {
        if !option.why.is_empty() {
            back.push_str(&format!("<br>{}. {}", letter(slot), field(&option.why)));
        }
    }
    let mut tags = format!("task::{}", tag(&question.task));
    if !question.topic.is_empty() {
        tags.push_str(&format!(" topic::{}", tag(&question.topic)));
    }
    format!("{front}\t{back}\t{tags}")
}

/// Text as an HTML field: escaped, new lines as `<br>`, and no tab (the separator) left.
fn field(text: &str) -> String {
    html::from_text(text)
        .replace('\t', "&#9;")
        .replace('\r', "")
}

/// Anki tags are separated by spaces, so a tag has none.
fn tag(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join("_")
}
