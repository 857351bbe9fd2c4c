//! Spaced review, scheduled by FSRS-6 (the `fsrs` crate, default parameters) and replayed
//! from history on every change: there is no other state file.
//!
//! - Every recorded answer to a question is a review at its attempt's end: wrong → Again;
//!   right but flagged, or slower than twice the exam's pace (`minutes / questions`) →
//!   Hard; right → Good. Reviews on the same (UTC) day are same-day reviews: FSRS's
//!   elapsed days are whole days, 0 within a day.
//! - A question's predicted recall at a time is FSRS's retrievability of its memory state.
//!   It is **due** once that has fallen below the desired retention (0.9 unless set).
//! - The **review pool** is every question ever answered wrong; due ones come first, the
//!   most overdue (lowest predicted recall) first.
//! - A question is **mastered** when its last answer was right and its predicted recall on
//!   the exam date is at least 0.9, or, with no exam date, its stability is at least 21
//!   days. A question missed again leaves mastered.
//!
//! Answers to questions no longer in the bank stay in history but are ignored here, as are
//! attempts on other exams.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use fsrs::{FSRS, FSRSItem, FSRSReview, MemoryState};

use super::chronological;
use super::record::{AnswerRecord, Attempt};
use crate::bank::{Bank, Question};

/// The recall a question is kept above unless the user sets another.
pub const DEFAULT_RETENTION: f64 = 0.9;
/// Without an exam date, the stability (days) that counts as mastered.
pub const MASTERED_STABILITY_DAYS: f64 = 21.0;
/// With an exam date, the recall on that day that counts as mastered.
pub const MASTERED_RECALL: f64 = 0.9;

/// FSRS-6's forgetting-curve decay with its default parameters.
const DECAY: f64 = fsrs::FSRS6_DEFAULT_DECAY as f64;

/// What the schedule is judged against: the time now, the recall to keep, the exam date.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Schedule {
    pub now: DateTime<Utc>,
    pub desired_retention: f64,
    pub exam_date: Option<NaiveDate>,
}

impl Schedule {
    /// Default retention and no exam date.
    pub fn at(now: DateTime<Utc>) -> Schedule {
        Schedule {
            now,
            desired_retention: DEFAULT_RETENTION,
            exam_date: None,
        }
    }
}

/// How an answer is graded as a review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rating {
    Again = 1,
    Hard = 2,
    Good = 3,
}

impl Rating {
    /// Wrong → Again; right but flagged or slower than twice `pace_seconds` → Hard; else Good.
    pub fn of(answer: &AnswerRecord, pace_seconds: f64) -> Rating {
        if !answer.correct {
            Rating::Again
        } else if answer.flagged || answer.seconds as f64 > 2.0 * pace_seconds {
            Rating::Hard
        } else {
            Rating::Good
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MasteryState {
    NeverSeen,
    /// Answered, not (or no longer) mastered.
    Learning,
    Mastered,
}

/// What history says about one question.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionRecord {
    pub state: MasteryState,
    /// Times answered, in every mode.
    pub answers: usize,
    pub misses: usize,
    /// End of the latest attempt that answered it.
    pub last_seen: DateTime<Utc>,
    /// End of the latest attempt that answered it wrong.
    pub last_miss: Option<DateTime<Utc>>,
    /// FSRS stability, in days: the time for recall to fall to 90 %.
    pub stability: f64,
    pub difficulty: f64,
    /// Predicted recall now.
    pub recall: f64,
    /// When predicted recall falls below the desired retention.
    pub due_at: DateTime<Utc>,
}

impl QuestionRecord {
    /// In the review pool: answered wrong at least once.
    pub fn in_pool(&self) -> bool {
        self.misses > 0
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MasteryCounts {
    /// Questions counted (the bank's, or one task's).
    pub total: usize,
    pub never_seen: usize,
    /// Answered and not mastered.
    pub learning: usize,
    pub mastered: usize,
    /// Ever answered wrong and not mastered: what review is for.
    pub in_review: usize,
    /// In the review pool and due now.
    pub due: usize,
}

/// The state of every question of a bank after replaying history.
#[derive(Debug, Clone, PartialEq)]
pub struct Mastery {
    records: HashMap<String, QuestionRecord>,
    schedule: Schedule,
}

impl Mastery {
    pub fn compute(bank: &Bank, attempts: &[Attempt], schedule: Schedule) -> Mastery {
        let in_bank: HashSet<&str> = bank.questions.iter().map(|q| q.id.as_str()).collect();
        let pace = pace_seconds(bank);
        // Each question's reviews, oldest first.
        let mut reviews: HashMap<&str, Vec<(DateTime<Utc>, &AnswerRecord)>> = HashMap::new();
        for attempt in chronological(bank, attempts) {
            for answer in &attempt.answers {
                if in_bank.contains(answer.question.as_str()) {
                    reviews
                        .entry(answer.question.as_str())
                        .or_default()
                        .push((attempt.ended_at, answer));
                }
            }
        }
        let fsrs = scheduler();
        let records = reviews
            .into_iter()
            .map(|(id, answers)| {
                let record = replay(fsrs.as_ref(), &answers, pace, &schedule);
                (id.to_string(), record)
            })
            .collect();
        Mastery { records, schedule }
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

    /// Whether the question is in the review pool and due now.
    pub fn is_due(&self, question: &str) -> bool {
        self.records
            .get(question)
            .is_some_and(|r| r.in_pool() && r.recall < self.schedule.desired_retention)
    }

    /// The review pool (optionally of one task statement): due questions first, lowest
    /// predicted recall first, then bank order.
    pub fn review_pool<'b>(&self, bank: &'b Bank, task: Option<&str>) -> Vec<&'b Question> {
        let mut pool: Vec<&Question> = bank
            .questions
            .iter()
            .filter(|q| task.is_none_or(|t| q.task == t))
            .filter(|q| self.records.get(&q.id).is_some_and(QuestionRecord::in_pool))
            .collect();
        pool.sort_by(|a, b| {
            let key = |q: &Question| {
                let recall = self.records.get(&q.id).map_or(1.0, |r| r.recall);
                (!self.is_due(&q.id), recall)
            };
            let (a, b) = (key(a), key(b));
            a.0.cmp(&b.0).then(a.1.total_cmp(&b.1))
        });
        pool
    }

    /// When the next question of the pool that is not due yet becomes due.
    pub fn next_due(&self) -> Option<DateTime<Utc>> {
        self.records
            .values()
            .filter(|r| r.in_pool() && r.due_at > self.schedule.now)
            .map(|r| r.due_at)
            .min()
    }

    pub fn schedule(&self) -> Schedule {
        self.schedule
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
                MasteryState::Learning => counts.learning += 1,
                MasteryState::Mastered => counts.mastered += 1,
            }
            let record = self.records.get(&question.id);
            if record.is_some_and(|r| r.in_pool() && r.state != MasteryState::Mastered) {
                counts.in_review += 1;
            }
            if self.is_due(&question.id) {
                counts.due += 1;
            }
        }
        counts
    }
}

/// The exam's pace: seconds per question of a full mock exam.
pub fn pace_seconds(bank: &Bank) -> f64 {
    let mock = &bank.exam.mock;
    f64::from(mock.minutes) * 60.0 / f64::from(mock.questions.max(1))
}

/// The FSRS scheduler with its default parameters (None only if the crate rejected its own
/// defaults; every question then counts as learning, never mastered).
fn scheduler() -> Option<FSRS> {
    FSRS::new(&[]).ok()
}

/// One question's reviews, oldest first, replayed into its record.
fn replay(
    fsrs: Option<&FSRS>,
    answers: &[(DateTime<Utc>, &AnswerRecord)],
    pace: f64,
    schedule: &Schedule,
) -> QuestionRecord {
    let mut previous_day: Option<NaiveDate> = None;
    let reviews: Vec<FSRSReview> = answers
        .iter()
        .map(|(when, answer)| {
            let day = when.date_naive();
            let delta_t = previous_day.map_or(0, |before| {
                u32::try_from((day - before).num_days().max(0)).unwrap_or(u32::MAX)
            });
            previous_day = Some(day);
            FSRSReview {
                rating: Rating::of(answer, pace) as u32,
                delta_t,
            }
        })
        .collect();
    let memory = fsrs.and_then(|fsrs| fsrs.memory_state(FSRSItem { reviews }, None).ok());
    let (last_seen, last_answer) = answers[answers.len() - 1];
    let misses = answers.iter().filter(|(_, a)| !a.correct).count();
    let last_miss = answers
        .iter()
        .rev()
        .find(|(_, a)| !a.correct)
        .map(|&(when, _)| when);
    let (stability, difficulty) = memory.map_or((0.0, 0.0), |m: MemoryState| {
        (f64::from(m.stability), f64::from(m.difficulty))
    });
    let recall = recall_after(stability, days_between(last_seen, schedule.now));
    let due_at = last_seen + days(interval_days(stability, schedule.desired_retention));
    let mastered = last_answer.correct
        && match schedule.exam_date {
            Some(date) => {
                let exam_day = date
                    .and_hms_opt(0, 0, 0)
                    .map_or(schedule.now, |t| t.and_utc());
                recall_after(stability, days_between(last_seen, exam_day)) >= MASTERED_RECALL
            }
            None => stability >= MASTERED_STABILITY_DAYS,
        };
    QuestionRecord {
        state: if mastered {
            MasteryState::Mastered
        } else {
            MasteryState::Learning
        },
        answers: answers.len(),
        misses,
        last_seen,
        last_miss,
        stability,
        difficulty,
        recall,
        due_at,
    }
}

/// FSRS-6's forgetting curve: predicted recall `days` after a review with stability `s`.
pub fn recall_after(stability: f64, days: f64) -> f64 {
    if stability <= 0.0 {
        return 0.0;
    }
    let factor = 0.9f64.powf(-1.0 / DECAY) - 1.0;
    (1.0 + factor * days.max(0.0) / stability).powf(-DECAY)
}

/// Days after a review until predicted recall falls to `retention` (the inverse curve).
pub fn interval_days(stability: f64, retention: f64) -> f64 {
    let factor = 0.9f64.powf(-1.0 / DECAY) - 1.0;
    let retention = retention.clamp(0.01, 0.999);
    stability / factor * (retention.powf(-1.0 / DECAY) - 1.0)
}

fn days_between(from: DateTime<Utc>, to: DateTime<Utc>) -> f64 {
    (to - from).num_seconds() as f64 / 86_400.0
}

/// A span of (fractional) days, capped far beyond any schedule.
fn days(value: f64) -> TimeDelta {
    let seconds = (value * 86_400.0).clamp(0.0, 100.0 * 366.0 * 86_400.0);
    TimeDelta::try_seconds(seconds as i64).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::record::Mode;
    use crate::history::test_support::{at, attempt, fixture_bank};
    use MasteryState::*;

    const DAY: i64 = 86_400;

    fn schedule(now: i64) -> Schedule {
        Schedule::at(at(now))
    }

    /// Replaying history gives the crate's own memory state for the same reviews.
    #[test]
    fn the_replay_matches_the_crates_own_memory_states() {
        let bank = fixture_bank();
        let fsrs = FSRS::new(&[]).unwrap();
        // (answer time, right?) → the (rating, elapsed days) the crate is given.
        type Case<'a> = (&'a [(i64, bool)], &'a [(u32, u32)]);
        let cases: [Case; 3] = [
            (&[(0, true)], &[(3, 0)]),
            (
                &[(0, false), (3 * DAY, true), (10 * DAY, true)],
                &[(1, 0), (3, 3), (3, 7)],
            ),
            // Two answers the same day: a same-day review (elapsed 0).
            (
                &[(0, false), (60, true), (2 * DAY, true)],
                &[(1, 0), (3, 0), (3, 2)],
            ),
        ];
        for (answers, expected_reviews) in cases {
            let history: Vec<Attempt> = answers
                .iter()
                .map(|&(time, right)| attempt(Mode::Drill, 1_000 + time, &[("q-alpha-1", right)]))
                .collect();
            let mastery = Mastery::compute(&bank, &history, schedule(100 * DAY));
            let record = mastery.record("q-alpha-1").unwrap();
            let reviews = expected_reviews
                .iter()
                .map(|&(rating, delta_t)| FSRSReview { rating, delta_t })
                .collect();
            let expected = fsrs.memory_state(FSRSItem { reviews }, None).unwrap();
            assert!((record.stability - f64::from(expected.stability)).abs() < 1e-4);
            assert!((record.difficulty - f64::from(expected.difficulty)).abs() < 1e-4);
        }
        // One Good review: the crate's documented first stability for Good.
        let one = Mastery::compute(
            &bank,
            &[attempt(Mode::Drill, 1_000, &[("q-alpha-1", true)])],
            schedule(1_000),
        );
        assert!((one.record("q-alpha-1").unwrap().stability - 2.3065).abs() < 1e-3);
    }

    #[test]
    fn right_three_times_in_a_minute_is_not_mastered_but_spread_over_weeks_is() {
        let bank = fixture_bank();
        let minutes: Vec<Attempt> = [(0, false), (60, true), (120, true), (180, true)]
            .iter()
            .map(|&(t, right)| attempt(Mode::Review, 1_000 + t, &[("q-alpha-1", right)]))
            .collect();
        let mastery = Mastery::compute(&bank, &minutes, schedule(1_000 + 200));
        assert_eq!(mastery.state("q-alpha-1"), Learning);

        let weeks: Vec<Attempt> = [
            (0, false),
            (DAY, true),
            (5 * DAY, true),
            (20 * DAY, true),
            (60 * DAY, true),
        ]
        .iter()
        .map(|&(t, right)| attempt(Mode::Review, 1_000 + t, &[("q-alpha-1", right)]))
        .collect();
        let mastery = Mastery::compute(&bank, &weeks, schedule(61 * DAY));
        let record = mastery.record("q-alpha-1").unwrap();
        assert!(record.stability >= MASTERED_STABILITY_DAYS, "{record:?}");
        assert_eq!(mastery.state("q-alpha-1"), Mastered);

        // Missed again: no longer mastered.
        let mut missed = weeks.clone();
        missed.push(attempt(Mode::Mock, 70 * DAY, &[("q-alpha-1", false)]));
        let mastery = Mastery::compute(&bank, &missed, schedule(70 * DAY + 10));
        assert_eq!(mastery.state("q-alpha-1"), Learning);
    }

    #[test]
    fn an_exam_date_judges_mastery_by_the_recall_on_that_day() {
        let bank = fixture_bank();
        let history: Vec<Attempt> = [(0, false), (DAY, true), (5 * DAY, true)]
            .iter()
            .map(|&(t, right)| attempt(Mode::Review, 1_000 + t, &[("q-alpha-1", right)]))
            .collect();
        let now = 5 * DAY + 2_000;
        let stability = Mastery::compute(&bank, &history, schedule(now))
            .record("q-alpha-1")
            .unwrap()
            .stability;
        let exam = |days_ahead: i64| Schedule {
            exam_date: Some((at(now) + TimeDelta::days(days_ahead)).date_naive()),
            ..schedule(now)
        };
        // Recall stays at or above 0.9 until `stability` days after the last review.
        let soon = Mastery::compute(&bank, &history, exam(1));
        assert_eq!(soon.state("q-alpha-1"), Mastered, "stability {stability}");
        let late = Mastery::compute(&bank, &history, exam(stability as i64 + 5));
        assert_eq!(late.state("q-alpha-1"), Learning);
    }

    #[test]
    fn due_and_next_due_follow_the_predicted_recall() {
        let bank = fixture_bank();
        let history = vec![
            attempt(
                Mode::Mock,
                1_000,
                &[("q-gamma-2", false), ("q-alpha-1", true)],
            ),
            attempt(Mode::Mock, 1_000 + 3 * DAY, &[("q-beta-1", false)]),
        ];
        // A minute after a miss: not due yet (recall just after a review is near 1).
        let fresh = Mastery::compute(&bank, &history[..1], schedule(1_000 + 60));
        assert_eq!(fresh.counts(&bank, None).due, 0);
        assert!(fresh.next_due().is_some());
        // q-gamma-2 (missed 3 days earlier, stability of one Again under a day) is due;
        // q-alpha-1 was never missed: not in the pool, never due.
        let later = Mastery::compute(&bank, &history, schedule(1_000 + 3 * DAY + 120));
        assert!(later.is_due("q-gamma-2"));
        assert!(!later.is_due("q-alpha-1"));
        let pool: Vec<&str> = later
            .review_pool(&bank, None)
            .iter()
            .map(|q| q.id.as_str())
            .collect();
        assert_eq!(
            pool,
            ["q-gamma-2", "q-beta-1"],
            "due first, then the rest of the pool"
        );
        let next = later.next_due().expect("q-beta-1 comes due later");
        let record = later.record("q-beta-1").unwrap();
        assert_eq!(next, record.due_at);
        assert!(
            (recall_after(record.stability, interval_days(record.stability, 0.9)) - 0.9).abs()
                < 1e-9
        );
        let counts = later.counts(&bank, None);
        assert_eq!(
            (
                counts.total,
                counts.never_seen,
                counts.learning,
                counts.mastered,
                counts.in_review,
                counts.due
            ),
            (4, 1, 3, 0, 2, 1)
        );
    }

    #[test]
    fn flagged_or_slow_right_answers_are_hard() {
        let mut answer = AnswerRecord {
            question: "q".into(),
            chosen: Vec::new(),
            correct: true,
            seconds: 100,
            flagged: false,
        };
        assert_eq!(Rating::of(&answer, 60.0), Rating::Good);
        answer.seconds = 121;
        assert_eq!(Rating::of(&answer, 60.0), Rating::Hard);
        answer.seconds = 10;
        answer.flagged = true;
        assert_eq!(Rating::of(&answer, 60.0), Rating::Hard);
        answer.correct = false;
        assert_eq!(Rating::of(&answer, 60.0), Rating::Again);
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
        let mastery = Mastery::compute(&bank, &history, schedule(300));
        assert_eq!(mastery.state("q-alpha-1"), NeverSeen);
        assert_eq!(mastery.record("retired-question"), None);
        assert_eq!(mastery.counts(&bank, None).never_seen, 4);
        assert_eq!(mastery.counts(&bank, Some("1.2")).total, 2);
    }
}
