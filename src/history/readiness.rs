//! P(passing a full mock exam of this bank): what the readiness estimate says, and only
//! from answers that predict performance on a question not seen before.
//!
//! # The model
//!
//! **Evidence.** A question's first answer, and any later answer given at least
//! `EVIDENCE_GAP_DAYS` (7) days after that question was last shown with its key (every
//! attempt shows the key at its end: a drill or review after each answer, a mock exam in
//! its review). Answering again minutes after seeing the key measures memory of the key,
//! not knowledge, so it is not evidence.
//!
//! **Accuracy per task statement.** A Beta posterior on the share answered right, from a
//! uniform prior and the task's most recent `RECENT_PER_TASK` (50) evidence answers:
//! Beta(1 + right, 1 + wrong).
//!
//! **P(pass).** A full mock exam has `[mock] questions` questions (fewer if the bank holds
//! fewer), split across task statements by weight exactly as a mock exam is assembled. For
//! accuracies `p_t`, the number right is `Σ_t Binomial(n_t, p_t)` and the exam is passed
//! when the scaled score, rounded as the real scoring rounds it, reaches the pass mark
//! (`pass_probability`: exact, or normal beyond 1,000 questions). The estimate integrates
//! that over the posterior by seeded sampling (`DRAWS` draws of every `p_t`): the point
//! estimate is the mean, the interval the 10th to 90th percentile (80 %). The same history
//! always gives the same figures.
//!
//! With fewer than `MIN_ANSWERS` (40) evidence answers in all, or fewer than
//! `MIN_PER_TASK` (5) for a task statement on the exam, there is no estimate: "not enough
//! data", and how many more are needed.
//!
//! Calibration is tested by simulation (`tests/readiness_calibration.rs`).

use std::collections::HashMap;

use chrono::{DateTime, TimeDelta, Utc};
use rand::SeedableRng;
use rand::rngs::Xoshiro256PlusPlus;
use rand_distr::{Beta, Distribution};

use super::chronological;
use super::pass_probability::{pass_probability_fast, passing_count};
use super::record::Attempt;
use crate::bank::{Bank, Question};
use crate::exam::Tally;
use crate::exam::assembly::split_by_weight;

/// Evidence answers per task statement that feed the estimate (the most recent).
pub const RECENT_PER_TASK: usize = 50;
/// Evidence answers needed in all before estimating.
pub const MIN_ANSWERS: usize = 40;
/// Evidence answers needed for every task statement on the exam.
pub const MIN_PER_TASK: usize = 5;
/// Days after a question was last shown with its key before an answer to it is evidence.
pub const EVIDENCE_GAP_DAYS: i64 = 7;
/// Posterior draws.
pub const DRAWS: usize = 400;
/// The sampling seed: the same history always gives the same estimate.
const SEED: u64 = 0x00c0_ffee;

#[derive(Debug, Clone, PartialEq)]
pub enum Readiness {
    Estimate {
        /// P(pass), integrated over the posterior.
        probability: f64,
        /// The 80 % interval of P(pass) under the posterior.
        low: f64,
        high: f64,
        /// Evidence answers the estimate rests on (at most `RECENT_PER_TASK` a task).
        evidence_answers: usize,
        tasks: Vec<TaskReadiness>,
    },
    NotEnoughData {
        /// Evidence answers available, over the tasks on the exam (as counted for the
        /// estimate).
        evidence_answers: usize,
        /// `MIN_ANSWERS`.
        needed: usize,
        /// Tasks on the exam with fewer than `MIN_PER_TASK` evidence answers.
        short_tasks: Vec<String>,
        /// The fewest more evidence answers that would allow an estimate.
        more_needed: usize,
    },
}

/// One task statement's part in the estimate.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskReadiness {
    pub id: String,
    /// Questions of this task on a full mock exam.
    pub questions: usize,
    /// Its most recent evidence answers (at most `RECENT_PER_TASK`).
    pub recent: Tally,
}

/// Every evidence answer, oldest first: the question and whether it was right. A question's
/// first answer, and answers given `EVIDENCE_GAP_DAYS` or more after it was last shown with
/// its key; answers to questions no longer in the bank are left out.
pub fn evidence_answers<'b>(bank: &'b Bank, history: &[Attempt]) -> Vec<(&'b Question, bool)> {
    let by_id: HashMap<&str, &Question> =
        bank.questions.iter().map(|q| (q.id.as_str(), q)).collect();
    let gap = TimeDelta::days(EVIDENCE_GAP_DAYS);
    // When each question was last shown with its key.
    let mut key_shown: HashMap<&str, DateTime<Utc>> = HashMap::new();
    let mut evidence = Vec::new();
    for attempt in chronological(bank, history) {
        for answer in &attempt.answers {
            let Some(&question) = by_id.get(answer.question.as_str()) else {
                continue;
            };
            let fresh = key_shown
                .get(question.id.as_str())
                .is_none_or(|&shown| attempt.started_at - shown >= gap);
            if fresh {
                evidence.push((question, answer.correct));
            }
            key_shown.insert(question.id.as_str(), attempt.ended_at);
        }
    }
    evidence
}

/// Every evidence answer per task statement, oldest first, right or wrong.
pub fn evidence_by_task<'b>(bank: &'b Bank, history: &[Attempt]) -> HashMap<&'b str, Vec<bool>> {
    let mut by_task: HashMap<&'b str, Vec<bool>> = HashMap::new();
    for (question, right) in evidence_answers(bank, history) {
        by_task
            .entry(question.task.as_str())
            .or_default()
            .push(right);
    }
    by_task
}

/// The readiness estimate for a full mock exam of `bank`, from `history`.
pub fn readiness(bank: &Bank, history: &[Attempt]) -> Readiness {
    let evidence = evidence_by_task(bank, history);
    let weights: Vec<f64> = bank.exam.tasks.iter().map(|t| t.weight).collect();
    let available: Vec<usize> = bank
        .exam
        .tasks
        .iter()
        .map(|t| bank.questions.iter().filter(|q| q.task == t.id).count())
        .collect();
    let quota = split_by_weight(&weights, &available, bank.exam.mock.questions as usize);
    let tasks: Vec<TaskReadiness> = bank
        .exam
        .tasks
        .iter()
        .zip(quota)
        .filter(|&(_, questions)| questions > 0)
        .map(|(task, questions)| {
            let answers = evidence
                .get(task.id.as_str())
                .map_or(&[][..], Vec::as_slice);
            let last = &answers[answers.len().saturating_sub(RECENT_PER_TASK)..];
            TaskReadiness {
                id: task.id.clone(),
                questions,
                recent: Tally {
                    correct: last.iter().filter(|&&right| right).count(),
                    total: last.len(),
                },
            }
        })
        .collect();
    let evidence_answers: usize = tasks.iter().map(|t| t.recent.total).sum();
    let short: Vec<&TaskReadiness> = tasks
        .iter()
        .filter(|t| t.recent.total < MIN_PER_TASK)
        .collect();
    if evidence_answers < MIN_ANSWERS || !short.is_empty() {
        let per_task: usize = short.iter().map(|t| MIN_PER_TASK - t.recent.total).sum();
        return Readiness::NotEnoughData {
            evidence_answers,
            needed: MIN_ANSWERS,
            short_tasks: short.iter().map(|t| t.id.clone()).collect(),
            more_needed: per_task.max(MIN_ANSWERS.saturating_sub(evidence_answers)),
        };
    }
    let (probability, low, high) = posterior_pass(bank, &tasks);
    Readiness::Estimate {
        probability,
        low,
        high,
        evidence_answers,
        tasks,
    }
}

/// P(pass) over the Beta posteriors of the tasks' accuracies: (mean, 10th, 90th percentile).
fn posterior_pass(bank: &Bank, tasks: &[TaskReadiness]) -> (f64, f64, f64) {
    let scoring = bank.exam.scoring;
    let total: usize = tasks.iter().map(|t| t.questions).sum();
    let needed = passing_count(scoring, total);
    let posteriors: Vec<Option<Beta<f64>>> = tasks
        .iter()
        .map(|t| {
            let right = t.recent.correct as f64;
            let wrong = (t.recent.total - t.recent.correct) as f64;
            Beta::new(1.0 + right, 1.0 + wrong).ok()
        })
        .collect();
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(SEED);
    let mut draws: Vec<f64> = (0..DRAWS)
        .map(|_| {
            let parts: Vec<(usize, f64)> = tasks
                .iter()
                .zip(&posteriors)
                .map(|(task, posterior)| {
                    let p = posterior.as_ref().map_or(0.5, |beta| beta.sample(&mut rng));
                    (task.questions, p)
                })
                .collect();
            pass_probability_fast(scoring, &parts, needed)
        })
        .collect();
    draws.sort_by(f64::total_cmp);
    let mean = draws.iter().sum::<f64>() / draws.len() as f64;
    let at = |q: f64| draws[((draws.len() as f64 * q) as usize).min(draws.len() - 1)];
    (mean, at(0.1), at(0.9))
}

/// A probability as shown: never "100%" or "0%", which no estimate can honestly claim.
pub fn format_probability(p: f64) -> String {
    if p >= 0.995 {
        "> 99%".to_string()
    } else if p < 0.005 {
        "< 1%".to_string()
    } else {
        format!("{:.0}%", (p * 100.0).round().clamp(1.0, 99.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::record::Mode;
    use crate::history::test_support::attempt;

    const DAY: i64 = 86_400;

    /// 300 synthetic questions in 3 tasks of 100; a 65-question mock (22/22/21), pass 720.
    fn bank() -> Bank {
        crate::bank::load_files(crate::synthetic::generate(300, 1)).unwrap()
    }

    fn with_bank_id(mut attempt: Attempt, bank: &Bank) -> Attempt {
        attempt.bank_id = bank.exam.id.clone();
        attempt
    }

    /// One drill ending at `end` answering these question numbers, right when `right(n)`.
    fn drill(bank: &Bank, end: i64, questions: &[usize], right: impl Fn(usize) -> bool) -> Attempt {
        let ids: Vec<String> = questions.iter().map(|n| format!("q-{n:05}")).collect();
        let answers: Vec<(&str, bool)> = ids
            .iter()
            .zip(questions)
            .map(|(id, &n)| (id.as_str(), right(n)))
            .collect();
        with_bank_id(attempt(Mode::Drill, end, &answers), bank)
    }

    fn estimate(readiness: &Readiness) -> (f64, f64, f64, usize) {
        match readiness {
            Readiness::Estimate {
                probability,
                low,
                high,
                evidence_answers,
                ..
            } => (*probability, *low, *high, *evidence_answers),
            other => panic!("expected an estimate, got {other:?}"),
        }
    }

    #[test]
    fn only_first_answers_and_answers_a_week_after_the_key_are_evidence() {
        let bank = bank();
        let first = drill(&bank, 1_000, &[0, 1, 2], |_| false);
        let soon = drill(&bank, 1_000 + DAY, &[0, 1, 2], |_| true);
        let later = drill(&bank, 1_000 + 9 * DAY, &[0], |_| true);
        let evidence = evidence_by_task(&bank, &[later, soon, first]);
        // q-00000 is task 1, q-00001 task 2, q-00002 task 3.
        assert_eq!(
            evidence["1"],
            [false, true],
            "first, then 8 days after the key"
        );
        assert_eq!(evidence["2"], [false], "a day later is memory of the key");
        assert_eq!(evidence["3"], [false]);
    }

    #[test]
    fn not_enough_data_says_how_many_more_are_needed() {
        let bank = bank();
        // 30 first answers, all in tasks 1 and 2 (numbers ≡ 0, 1 mod 3).
        let numbers: Vec<usize> = (0..45).filter(|n| n % 3 != 2).take(30).collect();
        let history = [drill(&bank, 1_000, &numbers, |_| true)];
        assert_eq!(
            readiness(&bank, &history),
            Readiness::NotEnoughData {
                evidence_answers: 30,
                needed: 40,
                short_tasks: vec!["3".into()],
                more_needed: 10,
            }
        );
    }

    #[test]
    fn the_estimate_is_seeded_bounded_and_follows_accuracy() {
        let bank = bank();
        let numbers: Vec<usize> = (0..90).collect();
        let strong = [drill(&bank, 1_000, &numbers, |n| n % 10 != 0)];
        let weak = [drill(&bank, 1_000, &numbers, |n| n % 2 == 0)];
        let (p_strong, low, high, used) = estimate(&readiness(&bank, &strong));
        assert_eq!(used, 90);
        assert!(low <= p_strong && p_strong <= high);
        assert!(p_strong > 0.8, "{p_strong}");
        let (p_weak, ..) = estimate(&readiness(&bank, &weak));
        assert!(p_weak < 0.05, "{p_weak}");
        assert_eq!(
            readiness(&bank, &strong),
            readiness(&bank, &strong),
            "seeded"
        );
    }

    #[test]
    fn only_the_last_fifty_evidence_answers_per_task_count() {
        let bank = bank();
        // 300 first answers (100 a task): the first 150 wrong, the last 150 right.
        let numbers: Vec<usize> = (0..300).collect();
        let history = [drill(&bank, 1_000, &numbers, |n| n >= 150)];
        let Readiness::Estimate { tasks, .. } = readiness(&bank, &history) else {
            panic!("an estimate")
        };
        for task in tasks {
            assert_eq!(task.recent.total, 50);
            assert_eq!(task.recent.correct, 50, "task {}", task.id);
        }
    }

    #[test]
    fn probabilities_never_show_as_certain() {
        assert_eq!(format_probability(1.0), "> 99%");
        assert_eq!(format_probability(0.996), "> 99%");
        assert_eq!(format_probability(0.994), "99%");
        assert_eq!(format_probability(0.0), "< 1%");
        assert_eq!(format_probability(0.006), "1%");
        assert_eq!(format_probability(0.42), "42%");
    }
}
