//! One finished attempt as it is kept in history. Answers are stored by question id and the
//! chosen options' text, never by shown position, so a record means the same thing whatever
//! order the options were shuffled into.

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use crate::bank::Bank;
use crate::exam::{Results, Session, Tally};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    Mock,
    Drill,
    Review,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Mock => "mock",
            Mode::Drill => "drill",
            Mode::Review => "review",
        }
    }

    /// "Mock exam", "Drill", "Review", for headings.
    pub fn title(self) -> &'static str {
        match self {
            Mode::Mock => "Mock exam",
            Mode::Drill => "Drill",
            Mode::Review => "Review",
        }
    }
}

/// What an attempt was restricted to: a task statement and, within it, a topic.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub task: Option<String>,
    pub topic: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerRecord {
    /// The question's id.
    pub question: String,
    /// The response in words, empty when unanswered: for a choice question every option
    /// chosen, in the bank's option order; for ordering the steps in the order placed; for
    /// matching each pair as "prompt → answer".
    pub chosen: Vec<String>,
    pub correct: bool,
    /// Time spent on the question, whole seconds.
    pub seconds: u64,
    /// Flagged for review when the attempt ended (lines written before this was recorded
    /// read as not flagged).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub flagged: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attempt {
    /// Unique: the start as a compact UTC timestamp, then the seed in hex.
    pub id: String,
    pub mode: Mode,
    /// The exam's id (`id` of exam.toml).
    pub bank_id: String,
    /// `Bank::content_hash` when the attempt was made.
    pub bank_hash: String,
    /// RFC 3339.
    pub started_at: DateTime<Utc>,
    pub ended_at: DateTime<Utc>,
    pub seed: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
    /// Mock exams: the scaled score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scaled: Option<i64>,
    /// Mock exams: whether the score reached the pass mark.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub passed: Option<bool>,
    /// Timed sessions: the minutes allowed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes_allowed: Option<u32>,
    pub answers: Vec<AnswerRecord>,
}

/// `20231114T221320Z-00000000000000ff`: sorts by start time, unique per start and seed.
pub fn attempt_id(started_at: DateTime<Utc>, seed: u64) -> String {
    format!("{}-{seed:016x}", started_at.format("%Y%m%dT%H%M%SZ"))
}

impl Attempt {
    /// The record of a session. A mock exam keeps every question (an unanswered one is
    /// wrong, as in scoring); a drill or review keeps only the questions answered, since the
    /// user may stop one early. The end is the submission time, or for a session never
    /// submitted the start plus the time booked to its questions. `results` (mock exams)
    /// gives the scaled score and pass/fail.
    pub fn from_session(
        mode: Mode,
        session: &Session,
        bank: &Bank,
        filters: Filters,
        results: Option<&Results>,
    ) -> Attempt {
        let answers = session
            .items
            .iter()
            .enumerate()
            .filter(|&(index, _)| mode == Mode::Mock || session.is_answered(index))
            .map(|(index, item)| AnswerRecord {
                question: item.shown.question.id.clone(),
                chosen: item.response_texts(),
                correct: session.is_correct(index),
                seconds: u64::try_from(item.time_spent.num_seconds()).unwrap_or(0),
                flagged: item.flagged,
            })
            .collect();
        let booked: TimeDelta = session.items.iter().map(|item| item.time_spent).sum();
        let ended_at = session.submitted_at.unwrap_or(session.started_at + booked);
        Attempt {
            id: attempt_id(session.began_at, session.seed),
            mode,
            bank_id: bank.exam.id.clone(),
            bank_hash: bank.content_hash.clone(),
            started_at: session.started_at,
            ended_at,
            seed: session.seed,
            task: filters.task,
            topic: filters.topic,
            scaled: results.map(|r| r.scaled),
            passed: results.map(|r| r.passed),
            minutes_allowed: session
                .timer
                .and_then(|t| u32::try_from(t.allowed.num_minutes()).ok()),
            answers,
        }
    }

    /// Answers right out of answers recorded.
    pub fn tally(&self) -> Tally {
        Tally {
            correct: self.answers.iter().filter(|a| a.correct).count(),
            total: self.answers.len(),
        }
    }

    /// Wall time from start to end, never negative.
    pub fn duration(&self) -> TimeDelta {
        (self.ended_at - self.started_at).max(TimeDelta::zero())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exam::{ExamItem, rng_from_seed};
    use crate::history::test_support::{at, fixture_bank};

    /// A session on one question, answered with the options whose text is in `texts`.
    fn answered_with(question_id: &str, seed: u64, texts: &[&str]) -> (Session, Bank) {
        let bank = fixture_bank();
        let question = bank.question(question_id).unwrap();
        let item = ExamItem::shuffled(question, &mut rng_from_seed(seed));
        let mut session = Session::new(vec![item], seed, at(0), None);
        let positions: Vec<usize> = (0..session.items[0].shown.option_count())
            .filter(|&p| texts.contains(&session.items[0].shown.option(p).unwrap().text.as_str()))
            .collect();
        for position in positions {
            session.toggle_option(position).unwrap();
        }
        session.submit(at(42));
        (session, bank)
    }

    #[test]
    fn chosen_options_survive_reshuffling() {
        let mut orders = Vec::new();
        let mut records = Vec::new();
        for seed in [1, 2, 3, 4] {
            let (session, bank) = answered_with("q-beta-1", seed, &["5", "2"]);
            orders.push(session.items[0].shown.order.clone());
            let attempt =
                Attempt::from_session(Mode::Drill, &session, &bank, Filters::default(), None);
            records.push(attempt.answers);
        }
        assert!(
            orders.windows(2).any(|w| w[0] != w[1]),
            "the seeds shuffle the options differently"
        );
        for answers in &records {
            assert_eq!(answers[0].chosen, vec!["2".to_string(), "5".to_string()]);
            assert!(!answers[0].correct);
            assert_eq!(answers[0].seconds, 42);
        }
    }

    #[test]
    fn a_mock_attempt_records_score_time_and_unanswered_questions() {
        let bank = fixture_bank();
        let items = crate::exam::assemble(&bank, 4, &mut rng_from_seed(9));
        let mut session = Session::new(items, 0xab, at(0), Some(TimeDelta::minutes(10)));
        for position in session.current_item().correct_positions() {
            session.toggle_option(position).unwrap();
        }
        session.submit(at(90));
        let results = crate::exam::scoring::score(&session, &bank.exam);
        let filters = Filters {
            task: Some("1.1".into()),
            topic: None,
        };
        let attempt = Attempt::from_session(Mode::Mock, &session, &bank, filters, Some(&results));
        assert_eq!(attempt.id, "20231114T221320Z-00000000000000ab");
        assert_eq!(attempt.answers.len(), 4);
        assert_eq!(
            attempt.tally(),
            Tally {
                correct: 1,
                total: 4
            }
        );
        assert!(attempt.answers[1..].iter().all(|a| a.chosen.is_empty()));
        assert_eq!(attempt.scaled, Some(results.scaled));
        assert_eq!(attempt.passed, Some(false));
        assert_eq!(attempt.minutes_allowed, Some(10));
        assert_eq!(attempt.ended_at, at(90));
        assert_eq!(attempt.bank_hash, bank.content_hash);
        assert_eq!(attempt.task.as_deref(), Some("1.1"));

        let json = serde_json::to_string(&attempt).unwrap();
        assert!(json.contains(r#""mode":"mock""#), "{json}");
        assert!(
            json.contains(r#""started_at":"2023-11-14T22:13:20Z""#),
            "{json}"
        );
        assert!(
            !json.contains("topic"),
            "absent filters are left out: {json}"
        );
        let back: Attempt = serde_json::from_str(&json).unwrap();
        assert_eq!(back, attempt);
    }

    #[test]
    fn a_drill_stopped_early_keeps_only_what_was_answered() {
        let bank = fixture_bank();
        let items = crate::exam::assemble(&bank, 4, &mut rng_from_seed(3));
        let mut session = Session::new(items, 3, at(0), None);
        session.toggle_option(0).unwrap();
        session.go_to(1, at(30));
        let attempt =
            Attempt::from_session(Mode::Review, &session, &bank, Filters::default(), None);
        assert_eq!(attempt.answers.len(), 1);
        assert_eq!(attempt.answers[0].seconds, 30);
        assert_eq!(
            attempt.ended_at,
            at(30),
            "never submitted: start + booked time"
        );
        assert_eq!(attempt.scaled, None);
        assert_eq!(attempt.minutes_allowed, None);
    }
}
