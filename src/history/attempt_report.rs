//! One attempt rebuilt against today's bank, with everything a report needs: the score, per
//! task statement and per topic, the time used, and every question with its prompt, each
//! option marked chosen and/or correct with its `why` (or the steps and pairs of ordering and
//! matching questions), the explanation, the references and the seconds spent. It is the
//! JSON export as it stands (its schema is in the README) and the source of the Markdown
//! one. The seed is written as a string: JSON readers that use doubles would round it.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::record::{AnswerRecord, Attempt, Mode};
use crate::bank::{Bank, Body};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AttemptReport {
    pub id: String,
    pub mode: Mode,
    pub bank_id: String,
    /// The bank's content differs from when the attempt was made.
    pub bank_changed: bool,
    pub started_at: DateTime<Utc>,
    pub ended_at: DateTime<Utc>,
    /// As a string, exactly: a 64-bit number does not survive a JSON reader's doubles.
    pub seed: String,
    pub seconds_used: i64,
    pub minutes_allowed: Option<u32>,
    /// The task statement and topic a drill or review was limited to.
    pub task: Option<String>,
    pub topic: Option<String>,
    pub score: Score,
    pub tasks: Vec<GroupScore>,
    pub topics: Vec<GroupScore>,
    pub questions: Vec<QuestionReport>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Score {
    pub correct: usize,
    pub total: usize,
    pub percent: u32,
    /// Mock exams: the scaled score, pass mark and verdict.
    pub scaled: Option<i64>,
    pub pass_mark: Option<i64>,
    pub passed: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupScore {
    pub id: String,
    pub title: String,
    /// For a topic, its task statement.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task: Option<String>,
    pub correct: usize,
    pub total: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionReport {
    pub number: usize,
    pub id: String,
    /// False when the question has left the bank since: only the record remains.
    pub in_bank: bool,
    pub task: Option<String>,
    pub topic: Option<String>,
    pub topic_title: Option<String>,
    /// "choice", "ordering" or "matching".
    pub kind: Option<&'static str>,
    pub prompt: Option<String>,
    pub correct: bool,
    pub flagged: bool,
    pub seconds: u64,
    /// What was answered, in words (as history keeps it).
    pub response: Vec<String>,
    /// The answer key in words.
    pub key: Vec<String>,
    /// Choice questions: every option in the bank's order.
    pub options: Vec<OptionReport>,
    /// Ordering questions: the steps in the correct order; matching: each pair as
    /// "prompt → answer".
    pub parts: Vec<PartReport>,
    pub explanation: Option<String>,
    pub references: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OptionReport {
    pub text: String,
    pub chosen: bool,
    pub correct: bool,
    pub why: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartReport {
    pub text: String,
    pub why: String,
}

impl AttemptReport {
    pub fn of(bank: &Bank, attempt: &Attempt) -> AttemptReport {
        let questions: Vec<QuestionReport> = attempt
            .answers
            .iter()
            .enumerate()
            .map(|(index, answer)| question_report(bank, index + 1, answer))
            .collect();
        let tally = attempt.tally();
        let mut tasks: BTreeMap<(usize, String), GroupScore> = BTreeMap::new();
        let mut topics: BTreeMap<(usize, String), GroupScore> = BTreeMap::new();
        for (report, answer) in questions.iter().zip(&attempt.answers) {
            let (Some(task), Some(topic)) = (&report.task, &report.topic) else {
                continue;
            };
            let task_place = bank.exam.tasks.iter().position(|t| &t.id == task);
            let task_title = task_place.map_or(String::new(), |i| bank.exam.tasks[i].title.clone());
            let entry = tasks
                .entry((task_place.unwrap_or(usize::MAX), task.clone()))
                .or_insert_with(|| GroupScore {
                    id: task.clone(),
                    title: task_title,
                    task: None,
                    correct: 0,
                    total: 0,
                });
            entry.total += 1;
            entry.correct += usize::from(answer.correct);
            let topic_place = bank
                .exam
                .tasks
                .iter()
                .flat_map(|t| &t.topics)
                .position(|t| &t.id == topic);
            let topic_title = bank
                .exam
                .topic(topic)
                .map_or(String::new(), |(_, t)| t.title.clone());
            let entry = topics
                .entry((topic_place.unwrap_or(usize::MAX), topic.clone()))
                .or_insert_with(|| GroupScore {
                    id: topic.clone(),
                    title: topic_title,
                    task: Some(task.clone()),
                    correct: 0,
                    total: 0,
                });
            entry.total += 1;
            entry.correct += usize::from(answer.correct);
        }
        AttemptReport {
            id: attempt.id.clone(),
            mode: attempt.mode,
            bank_id: attempt.bank_id.clone(),
            bank_changed: attempt.bank_id == bank.exam.id && attempt.bank_hash != bank.content_hash,
            started_at: attempt.started_at,
            ended_at: attempt.ended_at,
            seed: attempt.seed.to_string(),
            seconds_used: attempt.duration().num_seconds(),
            minutes_allowed: attempt.minutes_allowed,
            task: attempt.task.clone(),
            topic: attempt.topic.clone(),
            score: Score {
                correct: tally.correct,
                total: tally.total,
                percent: tally.percent(),
                scaled: attempt.scaled,
                pass_mark: attempt.scaled.map(|_| bank.exam.scoring.pass),
                passed: attempt.passed,
            },
            tasks: tasks.into_values().collect(),
            topics: topics.into_values().collect(),
            questions,
        }
    }
}

fn question_report(bank: &Bank, number: usize, answer: &AnswerRecord) -> QuestionReport {
    let question = bank.question(&answer.question);
    let (options, parts) = match question.map(|q| &q.body) {
        Some(Body::Choice { options, .. }) => (
            options
                .iter()
                .map(|o| OptionReport {
                    text: o.text.clone(),
                    chosen: answer.chosen.contains(&o.text),
                    correct: o.correct,
                    why: o.why.clone(),
                })
                .collect(),
            Vec::new(),
        ),
        Some(Body::Ordering { steps }) => (
            Vec::new(),
            steps
                .iter()
                .map(|s| PartReport {
                    text: s.text.clone(),
                    why: s.why.clone(),
                })
                .collect(),
        ),
        Some(Body::Matching { pairs }) => (
            Vec::new(),
            pairs
                .iter()
                .map(|p| PartReport {
                    text: format!("{} → {}", p.prompt, p.answer),
                    why: p.why.clone(),
                })
                .collect(),
        ),
        None => (Vec::new(), Vec::new()),
    };
    QuestionReport {
        number,
        id: answer.question.clone(),
        in_bank: question.is_some(),
        task: question.map(|q| q.task.clone()),
        topic: question.map(|q| q.topic.clone()),
        topic_title: question
            .and_then(|q| bank.exam.topic(&q.topic))
            .map(|(_, t)| t.title.clone()),
        kind: question.map(|q| q.kind().as_str()),
        prompt: question.map(|q| q.prompt.clone()),
        correct: answer.correct,
        flagged: answer.flagged,
        seconds: answer.seconds,
        response: answer.chosen.clone(),
        key: question.map(|q| q.key_texts()).unwrap_or_default(),
        options,
        parts,
        explanation: question.map(|q| q.explanation.clone()),
        references: question.map(|q| q.references.clone()).unwrap_or_default(),
    }
}
