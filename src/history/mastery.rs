//! The review pool, as Leitner boxes replayed from history in chronological order:
//!
//! - a question answered wrong in any mode goes to box 1 and so enters the review pool;
//! - each right answer in a review moves it up one box;
//! - after `MASTERED_AFTER` right answers in a row in review it is mastered and leaves the
//!   pool; a later miss anywhere brings it back to box 1;
//! - right answers in mock exams and drills do not move it.
//!
//! Answers to questions no longer in the bank stay in history but are ignored here, as are
//! attempts on other exams.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};

use super::chronological;
use super::record::{Attempt, Mode};
use crate::bank::{Bank, Question};

/// Right answers in review, in a row, that master a question.
pub const MASTERED_AFTER: u8 = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MasteryState {
    NeverSeen,
    /// Answered, always right: never in the review pool.
    SeenNeverMissed,
    /// In the review pool: box 1 after a miss, one box up per right review answer.
    Learning {
        box_number: u8,
    },
    /// Left the pool after `MASTERED_AFTER` right review answers in a row.
    Mastered,
}

/// What history says about one question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionRecord {
    pub state: MasteryState,
    /// Times answered, in every mode.
    pub answers: usize,
    pub misses: usize,
    /// End of the latest attempt that answered it.
    pub last_seen: DateTime<Utc>,
    /// End of the latest attempt that answered it wrong.
    pub last_miss: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MasteryCounts {
    /// Questions counted (the bank's, or one task's).
    pub total: usize,
    pub never_seen: usize,
    pub seen_never_missed: usize,
    /// In the review pool (any box).
    pub in_review: usize,
    pub mastered: usize,
}

/// The state of every question of a bank after replaying history.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Mastery {
    records: HashMap<String, QuestionRecord>,
}

impl Mastery {
    pub fn compute(bank: &Bank, attempts: &[Attempt]) -> Mastery {
        let in_bank: HashSet<&str> = bank.questions.iter().map(|q| q.id.as_str()).collect();
        let mut records: HashMap<String, QuestionRecord> = HashMap::new();
        for attempt in chronological(bank, attempts) {
            let when = attempt.ended_at;
            for answer in &attempt.answers {
                if !in_bank.contains(answer.question.as_str()) {
                    continue;
                }
                let record = records
                    .entry(answer.question.clone())
                    .or_insert(QuestionRecord {
                        state: MasteryState::NeverSeen,
                        answers: 0,
                        misses: 0,
                        last_seen: when,
                        last_miss: None,
                    });
                record.answers += 1;
                record.last_seen = when;
                if !answer.correct {
                    record.misses += 1;
                    record.last_miss = Some(when);
                }
                record.state = next_state(record.state, attempt.mode, answer.correct);
            }
        }
        Mastery { records }
    }

    pub fn state(&self, question: &str) -> MasteryState {
        self.records
            .get(question)
            .map_or(MasteryState::NeverSeen, |r| r.state)
    }

    /// `None` for a question never answered (or not in the bank).
    pub fn record(&self, question: &str) -> Option<&QuestionRecord> {
        self.records.get(question)
    }

    /// The review pool, optionally of one task statement: lower boxes first, then the
    /// oldest last miss first, then bank order.
    pub fn due_questions(&self, bank: &Bank, task: Option<&str>) -> Vec<String> {
        let mut due: Vec<&Question> = self.due_unordered(bank, task);
        due.sort_by_key(|q| self.due_key(&q.id));
        due.into_iter().map(|q| q.id.clone()).collect()
    }

    /// The pool's questions in bank order.
    pub(crate) fn due_unordered<'b>(
        &self,
        bank: &'b Bank,
        task: Option<&str>,
    ) -> Vec<&'b Question> {
        bank.questions
            .iter()
            .filter(|q| task.is_none_or(|t| q.task == t))
            .filter(|q| matches!(self.state(&q.id), MasteryState::Learning { .. }))
            .collect()
    }

    /// Sort key of a question in the pool: its box, then when it was last missed.
    pub(crate) fn due_key(&self, question: &str) -> (u8, Option<DateTime<Utc>>) {
        let record = self.records.get(question);
        let box_number = match record.map(|r| r.state) {
            Some(MasteryState::Learning { box_number }) => box_number,
            _ => u8::MAX,
        };
        (box_number, record.and_then(|r| r.last_miss))
    }

    /// How many questions of the bank (or of one task statement) are in each state.
    pub fn counts(&self, bank: &Bank, task: Option<&str>) -> MasteryCounts {
        let mut counts = MasteryCounts::default();
        for question in bank
            .questions
            .iter()
            .filter(|q| task.is_none_or(|t| q.task == t))
        {
            counts.total += 1;
            match self.state(&question.id) {
                MasteryState::NeverSeen => counts.never_seen += 1,
                MasteryState::SeenNeverMissed => counts.seen_never_missed += 1,
                MasteryState::Learning { .. } => counts.in_review += 1,
                MasteryState::Mastered => counts.mastered += 1,
            }
        }
        counts
    }
}

fn next_state(state: MasteryState, mode: Mode, correct: bool) -> MasteryState {
    use MasteryState::*;
    if !correct {
        return Learning { box_number: 1 };
    }
    match state {
        NeverSeen | SeenNeverMissed => SeenNeverMissed,
        Learning { box_number } if mode == Mode::Review => {
            if box_number >= MASTERED_AFTER {
                Mastered
            } else {
                Learning {
                    box_number: box_number + 1,
                }
            }
        }
        Learning { .. } | Mastered => state,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::test_support::{attempt, fixture_bank};
    use MasteryState::*;

    #[test]
    fn a_miss_enters_box_one_and_three_right_reviews_master_it() {
        let bank = fixture_bank();
        let mut history = vec![attempt(Mode::Mock, 100, &[("q-alpha-1", false)])];
        let state = |history: &[Attempt]| Mastery::compute(&bank, history).state("q-alpha-1");
        assert_eq!(state(&history), Learning { box_number: 1 });
        history.push(attempt(Mode::Review, 200, &[("q-alpha-1", true)]));
        assert_eq!(state(&history), Learning { box_number: 2 });
        // Right answers outside review do not move the box.
        history.push(attempt(Mode::Drill, 250, &[("q-alpha-1", true)]));
        history.push(attempt(Mode::Mock, 260, &[("q-alpha-1", true)]));
        assert_eq!(state(&history), Learning { box_number: 2 });
        history.push(attempt(Mode::Review, 300, &[("q-alpha-1", true)]));
        assert_eq!(state(&history), Learning { box_number: 3 });
        history.push(attempt(Mode::Review, 400, &[("q-alpha-1", true)]));
        assert_eq!(state(&history), Mastered);
        assert!(
            Mastery::compute(&bank, &history)
                .due_questions(&bank, None)
                .is_empty()
        );
        // A later miss, in any mode, brings it back.
        history.push(attempt(Mode::Drill, 500, &[("q-alpha-1", false)]));
        assert_eq!(state(&history), Learning { box_number: 1 });
        let record = Mastery::compute(&bank, &history);
        let record = record.record("q-alpha-1").unwrap();
        assert_eq!((record.answers, record.misses), (7, 2));
    }

    #[test]
    fn a_miss_in_review_starts_the_run_again() {
        let bank = fixture_bank();
        let history = vec![
            attempt(Mode::Drill, 100, &[("q-beta-1", false)]),
            attempt(Mode::Review, 200, &[("q-beta-1", true)]),
            attempt(Mode::Review, 300, &[("q-beta-1", true)]),
            attempt(Mode::Review, 400, &[("q-beta-1", false)]),
            attempt(Mode::Review, 500, &[("q-beta-1", true)]),
        ];
        let mastery = Mastery::compute(&bank, &history);
        assert_eq!(mastery.state("q-beta-1"), Learning { box_number: 2 });
    }

    #[test]
    fn history_is_replayed_in_time_order_whatever_the_file_order() {
        let bank = fixture_bank();
        let history = vec![
            attempt(Mode::Review, 300, &[("q-beta-1", true)]),
            attempt(Mode::Drill, 100, &[("q-beta-1", false)]),
        ];
        let mastery = Mastery::compute(&bank, &history);
        assert_eq!(mastery.state("q-beta-1"), Learning { box_number: 2 });
    }

    #[test]
    fn due_questions_lower_boxes_first_then_oldest_miss() {
        let bank = fixture_bank();
        let history = vec![
            attempt(
                Mode::Mock,
                100,
                &[("q-gamma-2", false), ("q-alpha-1", true)],
            ),
            attempt(
                Mode::Mock,
                200,
                &[("q-beta-1", false), ("q-gamma-1", false)],
            ),
            attempt(Mode::Review, 300, &[("q-beta-1", true)]),
        ];
        let mastery = Mastery::compute(&bank, &history);
        assert_eq!(
            mastery.due_questions(&bank, None),
            vec!["q-gamma-2", "q-gamma-1", "q-beta-1"]
        );
        assert_eq!(mastery.due_questions(&bank, Some("1.1")), vec!["q-beta-1"]);
        assert_eq!(
            mastery.counts(&bank, None),
            MasteryCounts {
                total: 4,
                never_seen: 0,
                seen_never_missed: 1,
                in_review: 3,
                mastered: 0,
            }
        );
    }

    #[test]
    fn questions_gone_from_the_bank_and_other_exams_are_ignored() {
        let bank = fixture_bank();
        let mut other_exam = attempt(Mode::Mock, 100, &[("q-alpha-1", false)]);
        other_exam.bank_id = "another-exam".into();
        let history = vec![
            other_exam,
            attempt(Mode::Mock, 200, &[("retired-question", false)]),
        ];
        let mastery = Mastery::compute(&bank, &history);
        assert_eq!(mastery.state("q-alpha-1"), NeverSeen);
        assert_eq!(mastery.record("retired-question"), None);
        assert_eq!(mastery.counts(&bank, None).never_seen, 4);
        assert_eq!(mastery.counts(&bank, Some("1.2")).total, 2);
    }
}
