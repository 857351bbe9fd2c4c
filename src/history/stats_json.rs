//! `certsim stats --format json`: one object whose keys are a contract (scripts outside the
//! project read them; the README documents every one). Built from typed structs so a key
//! cannot be misspelled in one place only.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use serde::Serialize;

use super::mastery::Mastery;
use super::readiness::Readiness;
use super::stats::Stats;
use crate::bank::Bank;

#[derive(Debug, Serialize)]
pub struct StatsJson {
    pub bank: BankJson,
    pub readiness: Option<ReadinessJson>,
    pub not_enough_data: Option<NotEnoughDataJson>,
    pub questions: QuestionsJson,
    pub tasks: Vec<TaskJson>,
    pub topics: Vec<TopicJson>,
    pub services: Vec<ServiceJson>,
    /// `YYYY-MM-DD`, or null when none is set.
    pub exam_date: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct BankJson {
    pub id: String,
    pub questions: usize,
}

#[derive(Debug, Serialize)]
pub struct ReadinessJson {
    pub probability: f64,
    pub low: f64,
    pub high: f64,
    pub evidence_answers: usize,
}

#[derive(Debug, Serialize)]
pub struct NotEnoughDataJson {
    pub evidence_answers: usize,
    pub needed: usize,
    pub short_tasks: Vec<String>,
}

/// `unseen`, `learning` and `mastered` partition the bank's questions.
#[derive(Debug, Serialize)]
pub struct QuestionsJson {
    pub unseen: usize,
    pub learning: usize,
    pub mastered: usize,
    pub due_now: usize,
    /// RFC 3339 (UTC), or null when no missed question is waiting to come due.
    pub next_due: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct TaskJson {
    pub id: String,
    pub answered: usize,
    pub correct: usize,
    pub evidence_answers: usize,
    pub evidence_correct: usize,
}

#[derive(Debug, Serialize)]
pub struct TopicJson {
    pub id: String,
    pub task: String,
    pub answered: usize,
    pub correct: usize,
}

#[derive(Debug, Serialize)]
pub struct ServiceJson {
    pub name: String,
    pub answered: usize,
    pub correct: usize,
}

fn rfc3339(time: DateTime<Utc>) -> String {
    time.to_rfc3339_opts(SecondsFormat::Secs, true)
}

impl StatsJson {
    pub fn new(
        bank: &Bank,
        stats: &Stats,
        mastery: &Mastery,
        exam_date: Option<NaiveDate>,
    ) -> StatsJson {
        let (readiness, not_enough_data) = match &stats.readiness {
            Readiness::Estimate {
                probability,
                low,
                high,
                evidence_answers,
                ..
            } => (
                Some(ReadinessJson {
                    probability: *probability,
                    low: *low,
                    high: *high,
                    evidence_answers: *evidence_answers,
                }),
                None,
            ),
            Readiness::NotEnoughData {
                evidence_answers,
                needed,
                short_tasks,
                ..
            } => (
                None,
                Some(NotEnoughDataJson {
                    evidence_answers: *evidence_answers,
                    needed: *needed,
                    short_tasks: short_tasks.clone(),
                }),
            ),
        };
        let counts = &stats.mastery;
        StatsJson {
            bank: BankJson {
                id: bank.exam.id.clone(),
                questions: bank.questions.len(),
            },
            readiness,
            not_enough_data,
            questions: QuestionsJson {
                unseen: counts.never_seen,
                learning: counts.learning,
                mastered: counts.mastered,
                due_now: counts.due,
                next_due: mastery.next_due().map(rfc3339),
            },
            tasks: stats
                .tasks
                .iter()
                .map(|t| TaskJson {
                    id: t.id.clone(),
                    answered: t.all.total,
                    correct: t.all.correct,
                    evidence_answers: t.evidence.total,
                    evidence_correct: t.evidence.correct,
                })
                .collect(),
            topics: stats
                .topics
                .iter()
                .map(|t| TopicJson {
                    id: t.id.clone(),
                    task: t.task.clone(),
                    answered: t.tally.total,
                    correct: t.tally.correct,
                })
                .collect(),
            services: stats
                .analytics
                .services
                .iter()
                .map(|s| ServiceJson {
                    name: s.name.clone(),
                    answered: s.all.total,
                    correct: s.all.correct,
                })
                .collect(),
            exam_date: exam_date.map(|d| d.format("%Y-%m-%d").to_string()),
        }
    }

    pub fn to_json(&self) -> serde_json::Result<String> {
        serde_json::to_string_pretty(self)
    }
}
