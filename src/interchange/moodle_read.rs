//! Moodle XML (`<quiz>` of `<question>`s): multichoice questions, single and multiple,
//! become drafts; category entries set the task statement and topic of the questions after
//! them; every other type is reported skipped. HTML text becomes plain text.

use super::xml_tree::{self, Element};
use super::{
    Draft, DraftOption, Read, ReadError, Skipped, apply_meta, category_labels, html, line_at,
};

pub fn read(text: &str) -> Result<Read, ReadError> {
    let quiz = xml_tree::parse(text)?;
    if quiz.name != "quiz" {
        return Err(ReadError::new(
            line_at(text, quiz.offset),
            format!("the root element is <{}>, not <quiz>", quiz.name),
            "export the questions from Moodle as \"Moodle XML format\"",
        ));
    }
    let mut read = Read::default();
    let mut category = (None, None);
    for question in quiz.children("question") {
        let line = line_at(text, question.offset);
        match question.attribute("type").unwrap_or("") {
            "category" => {
                let path = question
                    .child("category")
                    .and_then(|c| c.child("text"))
                    .map_or("", |t| t.text.as_str());
                category = category_labels(path);
            }
            "multichoice" => {
                let mut draft = multichoice(question, line)?;
                draft.task = category.0.clone();
                draft.topic = category.1.clone();
                read.drafts.push(draft);
            }
            other => {
                let name = text_of(question.child("name"));
                let kind = if other.is_empty() { "untyped" } else { other };
                read.skipped.push(Skipped {
                    line,
                    reason: format!(
                        "{kind} question{}: certsim imports only multichoice questions",
                        name.map_or_else(String::new, |n| format!(" \"{n}\""))
                    ),
                });
            }
        }
    }
    Ok(read)
}

fn multichoice(question: &Element, line: usize) -> Result<Draft, ReadError> {
    let single = question
        .child("single")
        .is_none_or(|s| matches!(s.text.trim(), "true" | "1"));
    let mut answers = Vec::new();
    for answer in question.children("answer") {
        let fraction_text = answer.attribute("fraction").unwrap_or("0");
        let fraction: f64 = fraction_text.trim().parse().map_err(|_| {
            ReadError::new(
                line,
                format!("answer fraction {fraction_text:?} is not a number"),
                "give each <answer> a fraction such as \"100\", \"50\" or \"0\"",
            )
        })?;
        answers.push((fraction, answer));
    }
    // A single-answer question may give partial credit; its key is the best answer.
    let best = answers.iter().map(|(f, _)| *f).fold(0.0_f64, f64::max);
    let options = answers
        .iter()
        .map(|(fraction, answer)| DraftOption {
            text: formatted(answer).unwrap_or_default(),
            correct: *fraction > 0.0 && (!single || *fraction >= best),
            why: formatted_child(answer, "feedback"),
        })
        .collect();
    let mut draft = Draft {
        line,
        name: text_of(question.child("name")),
        prompt: formatted_child(question, "questiontext").unwrap_or_default(),
        options,
        explanation: formatted_child(question, "generalfeedback"),
        ..Draft::default()
    };
    if let Some(tags) = question.child("tags") {
        for tag in tags.children("tag") {
            if let Some(tag) = text_of(Some(tag)) {
                apply_meta(&mut draft, &tag);
            }
        }
    }
    Ok(draft)
}

/// The `<text>` inside `element`, trimmed, or `None` when empty.
fn text_of(element: Option<&Element>) -> Option<String> {
    let text = element?.child("text")?.text.trim().to_string();
    (!text.is_empty()).then_some(text)
}

/// The `<text>` of the child `name`, as plain text by the child's `format`.
fn formatted_child(element: &Element, name: &str) -> Option<String> {
    formatted(element.child(name)?)
}

/// An element with a `format` attribute and a `<text>`, as plain text: HTML (Moodle's
/// default) is converted; plain, Moodle auto-format and Markdown text is kept as written.
fn formatted(element: &Element) -> Option<String> {
    let text = element.child("text")?.text.as_str();
    let plain = match element.attribute("format").unwrap_or("html") {
        "html" => html::to_text(text),
        _ => text.trim().to_string(),
    };
    (!plain.is_empty()).then_some(plain)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category">
    <category><text>$course$/top/4.1/cloudwatch</text></category>
  </question>
  <question type="multichoice">
    <name><text>alarm-1</text></name>
    <questiontext format="html"><text><![CDATA[<p>Which <b>two</b> alarms?</p><p>Pick&nbsp;two.</p>]]></text></questiontext>
    <generalfeedback format="html"><text>Because &amp;lt;metrics&amp;gt;.</text></generalfeedback>
    <single>false</single>
    <answer fraction="50" format="html"><text>A</text><feedback format="html"><text>yes</text></feedback></answer>
    <answer fraction="50"><text>B</text></answer>
    <answer fraction="-100"><text>C</text></answer>
    <tags><tag><text>certsim-difficulty: hard</text></tag></tags>
  </question>
  <question type="essay">
    <name><text>tell me</text></name>
  </question>
</quiz>
"#;

    #[test]
    fn multichoice_categories_and_skipped_types() {
        let read = read(SAMPLE).unwrap();
        let draft = &read.drafts[0];
        assert_eq!(draft.line, 6);
        assert_eq!(draft.name.as_deref(), Some("alarm-1"));
        assert_eq!(draft.task.as_deref(), Some("4.1"));
        assert_eq!(draft.topic.as_deref(), Some("cloudwatch"));
        assert_eq!(draft.prompt, "Which two alarms?\n\nPick two.");
        assert_eq!(draft.explanation.as_deref(), Some("Because <metrics>."));
        let correct: Vec<bool> = draft.options.iter().map(|o| o.correct).collect();
        assert_eq!(correct, [true, true, false]);
        assert_eq!(draft.options[0].why.as_deref(), Some("yes"));
        assert_eq!(draft.options[1].why, None);
        assert_eq!(draft.difficulty.as_deref(), Some("hard"));
        assert_eq!(read.skipped.len(), 1);
        assert_eq!(read.skipped[0].line, 16);
        assert!(
            read.skipped[0]
                .reason
                .starts_with("essay question \"tell me\"")
        );
    }

    #[test]
    fn single_answer_partial_credit_keys_the_best_answer() {
        let xml = r#"<quiz><question type="multichoice"><single>true</single>
            <answer fraction="100"><text>a</text></answer><answer fraction="50"><text>b</text></answer>
            </question></quiz>"#;
        let read = read(xml).unwrap();
        let correct: Vec<bool> = read.drafts[0].options.iter().map(|o| o.correct).collect();
        assert_eq!(correct, [true, false]);
    }

    #[test]
    fn broken_xml_is_an_error_at_its_line() {
        let error = read("<quiz>\n<question type=\"multichoice\">\n<name><text>x</name>\n</quiz>")
            .unwrap_err();
        assert_eq!(error.line, 3, "{error}");
        let error = read("<quiz>\n<question type=\"multichoice\">\n<answer fraction=\"lots\"/>\n</question></quiz>").unwrap_err();
        assert_eq!(error.line, 2, "{error}");
        assert!(read("<notquiz/>").is_err());
    }
}
