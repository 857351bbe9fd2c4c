//! Exports of history: a Markdown report of one attempt or all of them, and the same reports
//! as pretty-printed JSON (schema in the README). Every report stands on its own: prompts,
//! every option chosen and/or correct with its why, explanations, references, scores per
//! task statement and topic, time.

use std::fmt::Write;

use chrono::{DateTime, TimeDelta, Utc};

use super::attempt_report::{AttemptReport, QuestionReport};
use super::record::{Attempt, Mode};
use crate::bank::Bank;
use crate::width::inert;

/// One attempt as a Markdown report: when, what, the score, then every question with its
/// topic, the options chosen, the correct answer, right or wrong and the time taken. `bank`
/// supplies topics and correct answers; a question no longer in it is marked as such.
pub fn attempt_markdown(bank: &Bank, attempt: &Attempt) -> String {
    let mut out = String::new();
    write_attempt(&mut out, bank, attempt, 1);
    out
}

/// Every attempt, oldest first, as one Markdown document.
pub fn history_markdown(bank: &Bank, attempts: &[Attempt]) -> String {
    let mut sorted: Vec<&Attempt> = attempts.iter().collect();
    sorted.sort_by_key(|a| (a.ended_at, a.started_at));
    let mut out = format!("# certsim history: {}\n\n", bank.exam.title);
    let _ = writeln!(out, "{} attempts.", sorted.len());
    for attempt in sorted {
        out.push('\n');
        write_attempt(&mut out, bank, attempt, 2);
    }
    out
}

/// One attempt as pretty-printed JSON: its full report (see `attempt_report` and the
/// README for the schema), the seed as a string.
pub fn attempt_json(bank: &Bank, attempt: &Attempt) -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(&AttemptReport::of(bank, attempt))
}

/// Every attempt's report, oldest first, as a pretty-printed JSON array.
pub fn history_json(bank: &Bank, attempts: &[Attempt]) -> Result<String, serde_json::Error> {
    let mut sorted: Vec<&Attempt> = attempts.iter().collect();
    sorted.sort_by_key(|a| (a.ended_at, a.started_at));
    let reports: Vec<AttemptReport> = sorted
        .into_iter()
        .map(|attempt| AttemptReport::of(bank, attempt))
        .collect();
    serde_json::to_string_pretty(&reports)
}

fn write_attempt(out: &mut String, bank: &Bank, attempt: &Attempt, level: usize) {
    let report = AttemptReport::of(bank, attempt);
    let heading = "#".repeat(level);
    let _ = writeln!(
        out,
        "{heading} {} · {}\n",
        attempt.mode.title(),
        date(attempt.started_at)
    );
    let exam = if attempt.bank_id == bank.exam.id {
        format!("{} (`{}`)", inert(&bank.exam.title), attempt.bank_id)
    } else {
        format!("`{}`", inert(&attempt.bank_id))
    };
    let _ = writeln!(out, "- Exam: {exam}");
    let _ = writeln!(out, "- Attempt: `{}` (seed {})", attempt.id, attempt.seed);
    let _ = writeln!(
        out,
        "- Time: {} to {} ({})",
        date(attempt.started_at),
        attempt.ended_at.format("%H:%M:%S UTC"),
        duration(attempt.duration())
    );
    if let Some(minutes) = attempt.minutes_allowed {
        let _ = writeln!(out, "- Time allowed: {minutes} min");
    }
    let filters: Vec<String> = [("task", &attempt.task), ("topic", &attempt.topic)]
        .into_iter()
        .filter_map(|(name, value)| value.as_ref().map(|v| format!("{name} {}", inert(v))))
        .collect();
    if !filters.is_empty() {
        let _ = writeln!(out, "- Only: {}", filters.join(", "));
    }
    let score = &report.score;
    let mut line = format!(
        "{}/{} right ({} %)",
        score.correct, score.total, score.percent
    );
    if let Some(scaled) = score.scaled {
        let _ = write!(line, ", scaled score {scaled}");
    }
    if let Some(passed) = score.passed {
        line.push_str(if passed { ", PASS" } else { ", FAIL" });
    }
    let _ = writeln!(out, "- Score: {line}");
    if report.bank_changed {
        let _ = writeln!(out, "- The bank has changed since this attempt.");
    }
    for (label, groups) in [
        ("By task statement", &report.tasks),
        ("By topic", &report.topics),
    ] {
        if groups.is_empty() {
            continue;
        }
        let _ = writeln!(out, "- {label}:");
        for group in groups {
            let _ = writeln!(
                out,
                "  - {} {}: {}/{}",
                group.id,
                inert(&group.title),
                group.correct,
                group.total
            );
        }
    }
    for question in &report.questions {
        out.push('\n');
        write_question(out, attempt.mode, question, level + 1);
    }
}

fn write_question(out: &mut String, mode: Mode, question: &QuestionReport, level: usize) {
    let verdict = match (question.correct, question.response.is_empty(), mode) {
        (true, _, _) => "right",
        (false, true, Mode::Mock) => "wrong (not answered)",
        (false, _, _) => "wrong",
    };
    let flag = if question.flagged { " (flagged)" } else { "" };
    let _ = writeln!(
        out,
        "{} {}. `{}`: {verdict}{flag}\n",
        "#".repeat(level),
        question.number,
        inert(&question.id)
    );
    let gone = "unknown: the question is no longer in the bank";
    let Some(prompt) = &question.prompt else {
        let _ = writeln!(out, "- Topic: {gone}");
        write_texts(out, "Chosen", &question.response, "no answer");
        let _ = writeln!(out, "- Correct answer: {gone}");
        let _ = writeln!(out, "- Time: {} s", question.seconds);
        return;
    };
    let topic = question
        .topic_title
        .clone()
        .or_else(|| question.topic.clone())
        .unwrap_or_default();
    let task = question.task.clone().unwrap_or_default();
    let _ = writeln!(out, "- Topic: {} (task {})", inert(&topic), inert(&task));
    let _ = writeln!(out, "- Time: {} s\n", question.seconds);
    let _ = writeln!(out, "{}\n", inert(prompt.trim()));
    for option in &question.options {
        let mark = match (option.chosen, option.correct) {
            (true, true) => "[x] ✓ ",
            (true, false) => "[x] ✗ ",
            (false, true) => "[ ] ✓ ",
            (false, false) => "[ ] ",
        };
        let _ = writeln!(out, "- {mark}{}", one_line(&option.text));
        if !option.why.is_empty() {
            let _ = writeln!(out, "  - Why: {}", one_line(&option.why));
        }
    }
    if !question.parts.is_empty() {
        write_texts(out, "Answered", &question.response, "no answer");
        let _ = writeln!(out, "- Key, with why:");
        for (place, part) in question.parts.iter().enumerate() {
            let _ = writeln!(out, "  {}. {}", place + 1, one_line(&part.text));
            if !part.why.is_empty() {
                let _ = writeln!(out, "     - Why: {}", one_line(&part.why));
            }
        }
    } else {
        write_texts(out, "Chosen", &question.response, "no answer");
        write_texts(out, "Correct answer", &question.key, "none");
    }
    if let Some(explanation) = question.explanation.as_ref().filter(|e| !e.is_empty()) {
        let _ = writeln!(out, "\nExplanation: {}", one_line(explanation));
    }
    if !question.references.is_empty() {
        let _ = writeln!(out, "\nReferences:");
        for reference in &question.references {
            let _ = writeln!(out, "- {}", inert(reference));
        }
    }
}

/// `- Label: text`, or a nested list when there are several.
fn write_texts(out: &mut String, label: &str, texts: &[String], none: &str) {
    match texts {
        [] => {
            let _ = writeln!(out, "- {label}: ({none})");
        }
        [one] => {
            let _ = writeln!(out, "- {label}: {}", one_line(one));
        }
        several => {
            let _ = writeln!(out, "- {label}:");
            for text in several {
                let _ = writeln!(out, "  - {}", one_line(text));
            }
        }
    }
}

/// Bank text on one line, inert: no control character or escape sequence reaches a
/// terminal the report is printed to.
fn one_line(text: &str) -> String {
    inert(&text.split_whitespace().collect::<Vec<_>>().join(" "))
}

fn date(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M:%S UTC").to_string()
}

/// "45 s", "3 min 5 s", "1 h 2 min".
fn duration(span: TimeDelta) -> String {
    let seconds = span.num_seconds().max(0);
    let (hours, minutes, seconds) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    match (hours, minutes) {
        (0, 0) => format!("{seconds} s"),
        (0, _) => format!("{minutes} min {seconds} s"),
        _ => format!("{hours} h {minutes} min"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::record::Filters;
    use crate::history::test_support::{at, attempt, fixture_bank};

    fn mock() -> Attempt {
        let mut mock = attempt(
            Mode::Mock,
            3725,
            &[("q-beta-1", false), ("q-alpha-1", true), ("retired", false)],
        );
        mock.started_at = at(0);
        mock.answers[0].chosen = vec!["2".into(), "5".into()];
        mock.answers[1].chosen = vec!["A".into()];
        mock.answers[2].chosen = vec![];
        mock.scaled = Some(400);
        mock.passed = Some(false);
        mock.minutes_allowed = Some(90);
        mock
    }

    #[test]
    fn an_attempt_reads_as_a_report() {
        let bank = fixture_bank();
        let report = attempt_markdown(&bank, &mock());
        for expected in [
            "# Mock exam · 2023-11-14 22:13:20 UTC\n",
            "- Exam: Fixture Exam (`fixture-exam`)\n",
            "- Time: 2023-11-14 22:13:20 UTC to 23:15:25 UTC (1 h 2 min)\n",
            "- Time allowed: 90 min\n",
            "- Score: 1/3 right (33 %), scaled score 400, FAIL\n",
            "- The bank has changed since this attempt.\n",
            "## 1. `q-beta-1`: wrong\n\n- Topic: Beta (task 1.1)\n- Time: 10 s\n",
            "- [x] ✓ 2\n",
            "- [x] ✗ 5\n",
            "- [ ] ✓ 4\n",
            "- By task statement:\n  - 1.1 First task: 1/2\n",
            "Explanation: ",
            "References:\n- https://",
            "## 2. `q-alpha-1`: right\n\n- Topic: Alpha (task 1.1)\n",
            "## 3. `retired`: wrong (not answered)\n\n\
             - Topic: unknown: the question is no longer in the bank\n- Chosen: (no answer)\n",
        ] {
            assert!(
                report.contains(expected),
                "missing {expected:?} in\n{report}"
            );
        }
    }

    #[test]
    fn filters_and_whole_history() {
        let bank = fixture_bank();
        let mut drill = attempt(Mode::Drill, 100, &[("q-gamma-1", true)]);
        let filters = Filters {
            task: Some("1.2".into()),
            topic: Some("gamma".into()),
        };
        (drill.task, drill.topic) = (filters.task, filters.topic);
        let report = history_markdown(&bank, &[mock(), drill]);
        assert!(report.starts_with("# certsim history: Fixture Exam\n\n2 attempts.\n"));
        let drill_at = report.find("## Drill").unwrap();
        assert!(
            drill_at < report.find("## Mock exam").unwrap(),
            "oldest first"
        );
        assert!(report.contains("- Only: task 1.2, topic gamma\n"));
        assert!(report.contains("### 1. `q-gamma-1`: right\n"));
    }

    /// The JSON report keeps the seed exactly (a string: doubles would round it) and holds
    /// every question's prompt, options and scores.
    #[test]
    fn json_reports_keep_the_seed_and_the_questions() {
        let bank = fixture_bank();
        let mut mock = mock();
        mock.seed = 10528673764927820671;
        let text = attempt_json(&bank, &mock).unwrap();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["seed"], "10528673764927820671");
        assert_eq!(value["score"]["total"], 3);
        assert_eq!(value["tasks"][0]["id"], "1.1");
        let first = &value["questions"][0];
        assert_eq!(first["id"], "q-beta-1");
        assert!(first["prompt"].as_str().unwrap().len() > 10);
        assert!(first["options"][0]["why"].as_str().is_some());
        assert_eq!(value["questions"][2]["in_bank"], false);
        let review = attempt(Mode::Review, 50, &[("q-alpha-1", true)]);
        let all = history_json(&bank, &[mock, review]).unwrap();
        let all: serde_json::Value = serde_json::from_str(&all).unwrap();
        assert_eq!(all.as_array().unwrap().len(), 2);
    }
}
