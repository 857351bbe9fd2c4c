//! A bank as GIFT: a `$CATEGORY:` line wherever the task statement or topic changes, the
//! question id as `::title::`, each option's `why` as its feedback (`#…`), the explanation
//! as general feedback (`####…`), and difficulty, services and references as
//! `// certsim-…:` comment lines, which Moodle ignores and `certsim import` reads back.

use super::{category_path, meta_lines};
use crate::bank::{Bank, Question};

pub fn write(bank: &Bank, questions: &[&Question]) -> String {
    let mut out = format!(
        "// {}\n// exported by certsim from the bank {}\n",
        one_line(&bank.exam.title),
        bank.exam.id
    );
    let mut category = String::new();
    for question in questions {
        let path = category_path(question);
        if path != category {
            out.push_str(&format!("\n$CATEGORY: {path}\n"));
            category = path;
        }
        out.push('\n');
        for line in meta_lines(question) {
            out.push_str(&format!("// {}\n", one_line(&line)));
        }
        out.push_str(&format!(
            "::{}::{}{{\n",
            escape(&question.id),
            escape(&question.prompt)
        ));
        let options = question.options();
        let correct = options.iter().filter(|o| o.correct).count();
        for option in options {
            let mark = match (correct > 1, option.correct) {
                (false, true) => "=".to_string(),
                (false, false) => "~".to_string(),
                (true, true) => format!("~%{}%", weight(correct)),
                (true, false) => "~%-100%".to_string(),
            };
            out.push_str(&format!("\t{mark}{}", escape(&option.text)));
            if !option.why.is_empty() {
                out.push_str(&format!("#{}", escape(&option.why)));
            }
            out.push('\n');
        }
        if !question.explanation.is_empty() {
            out.push_str(&format!("\t####{}\n", escape(&question.explanation)));
        }
        out.push_str("}\n");
    }
    out
}

/// Each of `correct` right answers' share of 100%, as Moodle writes it (33.33333).
fn weight(correct: usize) -> String {
    let share = 100.0 / correct as f64;
    let text = format!("{share:.5}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// GIFT's special characters escaped; new lines as `\n`, so every text stays one line.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '~' | '=' | '#' | '{' | '}' | ':' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Text for a comment line: no new lines.
fn one_line(text: &str) -> String {
    text.replace(['\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_are_written_as_moodle_writes_them() {
        assert_eq!(weight(2), "50");
        assert_eq!(weight(3), "33.33333");
        assert_eq!(weight(4), "25");
    }

    #[test]
    fn special_characters_are_escaped() {
        assert_eq!(
            escape("a=b ~c #d {e} f:g \\ h\ni"),
            "a\\=b \\~c \\#d \\{e\\} f\\:g \\\\ h\\ni"
        );
    }
}
