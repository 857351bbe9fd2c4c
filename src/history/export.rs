//! Exports of history: a readable Markdown report of one attempt or all of them, and the
//! records themselves as pretty-printed JSON.

use std::fmt::Write;

use chrono::{DateTime, TimeDelta, Utc};

use super::record::{AnswerRecord, Attempt, Mode};
use crate::bank::Bank;

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

/// One attempt as pretty-printed JSON, the same fields as in `history.jsonl`.
pub fn attempt_json(attempt: &Attempt) -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(attempt)
}

/// Every attempt as a pretty-printed JSON array.
pub fn history_json(attempts: &[Attempt]) -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(attempts)
}

fn write_attempt(out: &mut String, bank: &Bank, attempt: &Attempt, level: usize) {
    let heading = "#".repeat(level);
    let _ = writeln!(
        out,
        "{heading} {} · {}\n",
        attempt.mode.title(),
        date(attempt.started_at)
    );
    let exam = if attempt.bank_id == bank.exam.id {
        format!("{} (`{}`)", bank.exam.title, attempt.bank_id)
    } else {
        format!("`{}`", attempt.bank_id)
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
        .filter_map(|(name, value)| value.as_ref().map(|v| format!("{name} {v}")))
        .collect();
    if !filters.is_empty() {
        let _ = writeln!(out, "- Only: {}", filters.join(", "));
    }
    let tally = attempt.tally();
    let mut score = format!(
        "{}/{} right ({} %)",
        tally.correct,
        tally.total,
        tally.percent()
    );
    if let Some(scaled) = attempt.scaled {
        let _ = write!(score, ", scaled score {scaled}");
    }
    if let Some(passed) = attempt.passed {
        score.push_str(if passed { ", PASS" } else { ", FAIL" });
    }
    let _ = writeln!(out, "- Score: {score}");
    if attempt.bank_id == bank.exam.id && attempt.bank_hash != bank.content_hash {
        let _ = writeln!(out, "- The bank has changed since this attempt.");
    }
    for (number, answer) in attempt.answers.iter().enumerate() {
        out.push('\n');
        write_answer(out, bank, attempt.mode, number + 1, answer, level + 1);
    }
}

fn write_answer(
    out: &mut String,
    bank: &Bank,
    mode: Mode,
    number: usize,
    answer: &AnswerRecord,
    level: usize,
) {
    let verdict = match (answer.correct, answer.chosen.is_empty(), mode) {
        (true, _, _) => "right",
        (false, true, Mode::Mock) => "wrong (not answered)",
        (false, _, _) => "wrong",
    };
    let _ = writeln!(
        out,
        "{} {number}. `{}`: {verdict}\n",
        "#".repeat(level),
        answer.question
    );
    let gone = "unknown: the question is no longer in the bank";
    let question = bank.question(&answer.question);
    let topic = question.map_or_else(
        || gone.to_string(),
        |q| match bank.exam.topic(&q.topic) {
            Some((task, topic)) => format!("{} (task {})", topic.title, task.id),
            None => q.topic.clone(),
        },
    );
    let _ = writeln!(out, "- Topic: {topic}");
    write_texts(out, "Chosen", &answer.chosen, "no answer");
    match question {
        Some(q) => {
            write_texts(out, "Correct answer", &q.key_texts(), "none");
        }
        None => {
            let _ = writeln!(out, "- Correct answer: {gone}");
        }
    }
    let _ = writeln!(out, "- Time: {} s", answer.seconds);
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

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
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
            "## 1. `q-beta-1`: wrong\n\n- Topic: Beta (task 1.1)\n- Chosen:\n  - 2\n  - 5\n\
             - Correct answer:\n  - 2\n  - 4\n- Time: 10 s\n",
            "## 2. `q-alpha-1`: right\n\n- Topic: Alpha (task 1.1)\n- Chosen: A\n\
             - Correct answer: A\n",
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

    #[test]
    fn json_round_trips() {
        let attempts = vec![mock(), attempt(Mode::Review, 50, &[("q-alpha-1", true)])];
        let one: Attempt = serde_json::from_str(&attempt_json(&attempts[0]).unwrap()).unwrap();
        assert_eq!(one, attempts[0]);
        let text = history_json(&attempts).unwrap();
        assert!(
            text.contains("\n  {\n    \"id\""),
            "pretty printed:\n{text}"
        );
        let all: Vec<Attempt> = serde_json::from_str(&text).unwrap();
        assert_eq!(all, attempts);
    }
}
