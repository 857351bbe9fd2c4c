//! A bank as Moodle XML: a category entry wherever the task statement or topic changes,
//! the question id as `<name>`, each option's `why` as its `<feedback>`, the explanation as
//! `<generalfeedback>`, and difficulty, services and references as `certsim-…:` tags.

use quick_xml::escape::escape as xml;

use super::{category_path, html, meta_lines};
use crate::bank::{Bank, Question};

pub fn write(bank: &Bank, questions: &[&Question]) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n");
    out.push_str(&format!(
        "<!-- {} (certsim bank {}) -->\n",
        xml(bank.exam.title.replace("--", "- -")),
        xml(bank.exam.id.replace("--", "- -"))
    ));
    let mut category = String::new();
    for question in questions {
        let path = category_path(question);
        if path != category {
            out.push_str(&format!(
                "  <question type=\"category\">\n    <category><text>{}</text></category>\n  </question>\n",
                xml(&path)
            ));
            category = path;
        }
        write_question(&mut out, question);
    }
    out.push_str("</quiz>\n");
    out
}

fn write_question(out: &mut String, question: &Question) {
    let options = question.options();
    let correct = options.iter().filter(|o| o.correct).count();
    out.push_str("  <question type=\"multichoice\">\n");
    out.push_str(&format!(
        "    <name><text>{}</text></name>\n",
        xml(&question.id)
    ));
    out.push_str(&format!(
        "    <questiontext format=\"html\"><text>{}</text></questiontext>\n",
        formatted(&question.prompt)
    ));
    out.push_str(&format!(
        "    <generalfeedback format=\"html\"><text>{}</text></generalfeedback>\n",
        formatted(&question.explanation)
    ));
    out.push_str(
        "    <defaultgrade>1</defaultgrade>\n    <penalty>0</penalty>\n    <hidden>0</hidden>\n",
    );
    out.push_str(&format!("    <single>{}</single>\n", correct <= 1));
    out.push_str(
        "    <shuffleanswers>true</shuffleanswers>\n    <answernumbering>ABCD</answernumbering>\n",
    );
    for option in options {
        let fraction = match (option.correct, correct > 1) {
            (true, false) => "100".to_string(),
            (true, true) => format!("{:.5}", 100.0 / correct as f64),
            (false, false) => "0".to_string(),
            (false, true) => "-100".to_string(),
        };
        out.push_str(&format!(
            "    <answer fraction=\"{fraction}\" format=\"html\">\n      <text>{}</text>\n      <feedback format=\"html\"><text>{}</text></feedback>\n    </answer>\n",
            formatted(&option.text),
            formatted(&option.why)
        ));
    }
    out.push_str("    <tags>\n");
    for tag in meta_lines(question) {
        out.push_str(&format!("      <tag><text>{}</text></tag>\n", xml(&tag)));
    }
    out.push_str("    </tags>\n  </question>\n");
}

/// Plain text as Moodle's HTML, escaped for XML.
fn formatted(text: &str) -> String {
    xml(html::from_text(text)).into_owned()
}
