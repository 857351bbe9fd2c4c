//! Warnings about a valid bank: text that would be unsafe to print raw. certsim always
//! shows such characters inert, but an author should know they are there.

use super::Bank;

/// Control characters (other than newline and tab), escape sequences and bidirectional
/// overrides in any text of the bank, one warning per field.
pub fn warnings(bank: &Bank) -> Vec<String> {
    let mut found = Vec::new();
    // Where and which field are written out only for a warning: almost every text is clean.
    let mut check = |location: &dyn Fn() -> String, field: &dyn Fn() -> String, text: &str| {
        if let Some(c) = suspicious(text) {
            let what = if c == '\u{1b}' {
                "an escape sequence (ESC)".to_string()
            } else if c.is_control() {
                format!("the control character U+{:04X}", c as u32)
            } else {
                format!("the bidirectional override U+{:04X}", c as u32)
            };
            found.push(format!(
                "{}: {} contains {what}; certsim shows it inert, but remove it from the bank",
                location(),
                field()
            ));
        }
    };
    let exam = || "exam.toml".to_string();
    check(&exam, &|| "the exam id".to_string(), &bank.exam.id);
    check(&exam, &|| "the exam title".to_string(), &bank.exam.title);
    for task in &bank.exam.tasks {
        let at = || format!("exam.toml: task {}", task.id);
        check(&at, &|| "id".to_string(), &task.id);
        check(&at, &|| "title".to_string(), &task.title);
        for topic in &task.topics {
            check(&at, &|| format!("topic {} id", topic.id), &topic.id);
            check(&at, &|| format!("topic {} title", topic.id), &topic.title);
        }
    }
    for entry in &bank.exam.blueprint {
        let at = || format!("exam.toml: blueprint {}", entry.id);
        check(&at, &|| "id".to_string(), &entry.id);
        check(&at, &|| "title".to_string(), &entry.title);
    }
    for question in &bank.questions {
        let at = || format!("{}: question {}", question.location, question.id);
        check(&at, &|| "id".to_string(), &question.id);
        check(&at, &|| "prompt".to_string(), &question.prompt);
        check(&at, &|| "explanation".to_string(), &question.explanation);
        for (index, reference) in question.references.iter().enumerate() {
            check(&at, &|| format!("reference {}", index + 1), reference);
        }
        for service in &question.services {
            check(&at, &|| format!("service {service:?}"), service);
        }
        match &question.body {
            super::Body::Choice { options, .. } => {
                for (index, option) in options.iter().enumerate() {
                    let letter = super::letter(index);
                    check(&at, &|| format!("option {letter} text"), &option.text);
                    check(&at, &|| format!("option {letter} why"), &option.why);
                }
            }
            super::Body::Ordering { steps } => {
                for (index, step) in steps.iter().enumerate() {
                    check(&at, &|| format!("step {} text", index + 1), &step.text);
                    check(&at, &|| format!("step {} why", index + 1), &step.why);
                }
            }
            super::Body::Matching { pairs } => {
                for (index, pair) in pairs.iter().enumerate() {
                    check(&at, &|| format!("pair {} prompt", index + 1), &pair.prompt);
                    check(&at, &|| format!("pair {} answer", index + 1), &pair.answer);
                    check(&at, &|| format!("pair {} why", index + 1), &pair.why);
                }
            }
        }
    }
    found
}

/// The first control character (other than newline and tab) or bidirectional override.
fn suspicious(text: &str) -> Option<char> {
    // Printable ASCII, newline and tab are the usual case and need no decoding.
    let plain = |b: &u8| matches!(b, b' '..=b'~' | b'\n' | b'\t');
    if text.as_bytes().iter().all(plain) {
        return None;
    }
    text.chars().find(|&c| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    })
}

/// What a personal bank may leave out but the shipped bank's bar requires: every option's
/// (step's, pair's) `why`, an explanation, references, a difficulty, services, a topic for
/// a question of a task statement with topics, and topics for every task statement. One
/// line each, with the question's place and id. `validate` shows them as warnings;
/// `validate --strict` (and the build, for the shipped bank) treats them as errors.
pub fn missing(bank: &Bank) -> Vec<String> {
    let mut found = Vec::new();
    for task in &bank.exam.tasks {
        if task.topics.is_empty() {
            found.push(format!(
                "exam.toml: task {}: no topics (drills by topic and the weakest topics need them)",
                task.id
            ));
        }
    }
    for question in &bank.questions {
        let mut lacks: Vec<String> = Vec::new();
        let task_has_topics = bank
            .exam
            .task(&question.task)
            .is_some_and(|task| !task.topics.is_empty());
        if question.topic.is_empty() && task_has_topics {
            lacks.push("a topic".into());
        }
        if question.difficulty.is_none() {
            lacks.push("a difficulty".into());
        }
        if question.services.is_empty() {
            lacks.push("services".into());
        }
        if question.explanation.is_empty() {
            lacks.push("an explanation".into());
        }
        if question.references.is_empty() {
            lacks.push("references".into());
        }
        let whys: Vec<(String, &str)> = match &question.body {
            super::Body::Choice { options, .. } => options
                .iter()
                .enumerate()
                .map(|(i, o)| (format!("option {}", super::letter(i)), o.why.as_str()))
                .collect(),
            super::Body::Ordering { steps } => steps
                .iter()
                .enumerate()
                .map(|(i, s)| (format!("step {}", i + 1), s.why.as_str()))
                .collect(),
            super::Body::Matching { pairs } => pairs
                .iter()
                .enumerate()
                .map(|(i, p)| (format!("pair {}", i + 1), p.why.as_str()))
                .collect(),
        };
        let without_why: Vec<String> = whys
            .into_iter()
            .filter(|(_, why)| why.is_empty())
            .map(|(part, _)| part)
            .collect();
        if !without_why.is_empty() {
            lacks.push(format!("a why for {}", without_why.join(", ")));
        }
        if !lacks.is_empty() {
            found.push(format!(
                "{}: question {}: lacks {}",
                question.location,
                question.id,
                lacks.join(", ")
            ));
        }
    }
    found
}
