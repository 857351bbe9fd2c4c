//! How likely the user is to pass a full mock exam now.
//!
//! # The model
//!
//! A full mock exam has `[mock] questions` questions (fewer if the bank holds fewer), split
//! across the task statements by weight exactly as a mock exam is assembled
//! (`split_by_weight`): `n_t` questions of task `t`, `N = Σ n_t` in all.
//!
//! For each task, `p_t` is the share right of the user's most recent answers to that task's
//! questions (the last 50, in every mode, counting only questions still in the bank). Each
//! question of task `t` is taken to be answered right independently with probability `p_t`,
//! so the number right is `K = Σ_t Binomial(n_t, p_t)`. Its distribution is computed exactly,
//! by convolving one Bernoulli trial at a time (no normal approximation). The exam is passed
//! when the scaled score `min + (max − min) · K / N`, rounded as the real scoring rounds it
//! (`scaled_score`), is at least the pass mark; the estimate is `P(pass)` under that
//! distribution.
//!
//! Uncertainty: each `p_t` comes from a limited number of answers, so the same probability is
//! also computed with every `p_t` at the lower, then at the upper bound of its 80 % Wilson
//! score interval. `P(pass)` grows with every `p_t`, so these give a low and a high estimate.
//!
//! With fewer than 40 recent answers in all, or fewer than 5 for any task statement on the
//! exam, there is no estimate: the answer is "not enough data".
//!
//! The model is deliberately simple: it ignores difficulty, assumes answers are independent,
//! and treats drill and review answers (often on questions seen before) like exam answers, so
//! it tends to be optimistic for someone who has drilled the same questions many times.

use std::collections::HashMap;

use super::chronological;
use super::record::Attempt;
use crate::bank::{Bank, Scoring};
use crate::exam::assembly::split_by_weight;
use crate::exam::{Tally, scaled_score};

/// Recent answers per task statement that feed the estimate.
pub const RECENT_PER_TASK: usize = 50;
/// Recent answers needed in all before estimating.
pub const MIN_ANSWERS: usize = 40;
/// Recent answers needed for every task statement on the exam.
pub const MIN_PER_TASK: usize = 5;
/// The z value of a two-sided 80 % interval.
const Z_80: f64 = 1.281_551_565_544_600_4;

#[derive(Debug, Clone, PartialEq)]
pub enum Readiness {
    Estimate {
        /// P(pass) with every task at its observed accuracy.
        probability: f64,
        /// P(pass) with every task at the low end of its 80 % interval.
        low: f64,
        /// P(pass) with every task at the high end of its 80 % interval.
        high: f64,
        answers_used: usize,
        tasks: Vec<TaskReadiness>,
    },
    NotEnoughData {
        /// Recent answers available, over the tasks on the exam.
        answers: usize,
        /// `MIN_ANSWERS`.
        needed: usize,
        /// Tasks on the exam with fewer than `MIN_PER_TASK` answers.
        short_tasks: Vec<String>,
    },
}

/// One task statement's part in the estimate.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskReadiness {
    pub id: String,
    /// Questions of this task on a full mock exam.
    pub questions: usize,
    /// Its recent answers (at most `RECENT_PER_TASK`).
    pub recent: Tally,
    /// The 80 % Wilson interval of the accuracy.
    pub low: f64,
    pub high: f64,
}

/// The readiness estimate for a full mock exam of `bank`, from `history`.
pub fn readiness(bank: &Bank, history: &[Attempt]) -> Readiness {
    let task_of: HashMap<&str, &str> = bank
        .questions
        .iter()
        .map(|q| (q.id.as_str(), q.task.as_str()))
        .collect();
    let mut recent: HashMap<&str, Vec<bool>> = HashMap::new();
    for attempt in chronological(bank, history) {
        for answer in &attempt.answers {
            if let Some(task) = task_of.get(answer.question.as_str()) {
                recent.entry(task).or_default().push(answer.correct);
            }
        }
    }
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
            let answers = recent.get(task.id.as_str()).map_or(&[][..], Vec::as_slice);
            let last = &answers[answers.len().saturating_sub(RECENT_PER_TASK)..];
            let tally = Tally {
                correct: last.iter().filter(|&&right| right).count(),
                total: last.len(),
            };
            let (low, high) = wilson_interval(tally, Z_80);
            TaskReadiness {
                id: task.id.clone(),
                questions,
                recent: tally,
                low,
                high,
            }
        })
        .collect();
    let answers_used: usize = tasks.iter().map(|t| t.recent.total).sum();
    let short_tasks: Vec<String> = tasks
        .iter()
        .filter(|t| t.recent.total < MIN_PER_TASK)
        .map(|t| t.id.clone())
        .collect();
    if answers_used < MIN_ANSWERS || !short_tasks.is_empty() {
        return Readiness::NotEnoughData {
            answers: answers_used,
            needed: MIN_ANSWERS,
            short_tasks,
        };
    }
    let at = |accuracy: &dyn Fn(&TaskReadiness) -> f64| {
        let parts: Vec<(usize, f64)> = tasks.iter().map(|t| (t.questions, accuracy(t))).collect();
        pass_probability(bank.exam.scoring, &parts)
    };
    Readiness::Estimate {
        probability: at(&|t| t.recent.fraction()),
        low: at(&|t| t.low),
        high: at(&|t| t.high),
        answers_used,
        tasks,
    }
}

/// P(scaled score ≥ pass) when the number right is `Σ Binomial(n, p)` over `tasks` as
/// `(n, p)`. Each task's binomial is computed only where its probability is at least 1e-18
/// of the most likely count's (the tails left out weigh under 1e-13 in all, far below
/// anything shown), then the tasks are convolved: about linear in the exam's size rather
/// than quadratic, so a 20,000-question mock takes milliseconds.
pub fn pass_probability(scoring: Scoring, tasks: &[(usize, f64)]) -> f64 {
    let total: usize = tasks.iter().map(|&(n, _)| n).sum();
    // P(k right so far) for k = offset, offset + 1, …
    let mut offset = 0;
    let mut distribution = vec![1.0f64];
    for &(n, p) in tasks {
        let (start, binomial) = binomial_weights(n, p);
        let mut next = vec![0.0f64; distribution.len() + binomial.len() - 1];
        for (i, &a) in distribution.iter().enumerate() {
            if a == 0.0 {
                continue;
            }
            for (j, &b) in binomial.iter().enumerate() {
                next[i + j] += a * b;
            }
        }
        offset += start;
        distribution = next;
    }
    let passing: f64 = distribution
        .iter()
        .enumerate()
        .filter(|&(index, _)| {
            let correct = offset + index;
            scaled_score(scoring, Tally { correct, total }) >= scoring.pass
        })
        .map(|(_, probability)| probability)
        .sum();
    passing.clamp(0.0, 1.0)
}

/// Binomial(n, p) as `(first count, probabilities from it on)`, only over the counts whose
/// probability is not negligible. Built outwards from the mode by the ratio of neighbours,
/// then normalised, so it needs no factorials and never overflows.
fn binomial_weights(n: usize, p: f64) -> (usize, Vec<f64>) {
    let p = if p.is_nan() { 0.0 } else { p.clamp(0.0, 1.0) };
    if p == 0.0 || n == 0 {
        return (0, vec![1.0]);
    }
    if p == 1.0 {
        return (n, vec![1.0]);
    }
    const NEGLIGIBLE: f64 = 1e-18;
    let odds = p / (1.0 - p);
    let mode = (((n + 1) as f64) * p).floor().min(n as f64) as usize;
    let mut above = Vec::new();
    let mut weight = 1.0;
    for k in mode..n {
        weight *= (n - k) as f64 / (k + 1) as f64 * odds;
        if weight < NEGLIGIBLE {
            break;
        }
        above.push(weight);
    }
    let mut below = Vec::new();
    weight = 1.0;
    for k in (1..=mode).rev() {
        weight *= k as f64 / (n - k + 1) as f64 / odds;
        if weight < NEGLIGIBLE {
            break;
        }
        below.push(weight);
    }
    let start = mode - below.len();
    let mut weights: Vec<f64> = below.into_iter().rev().collect();
    weights.push(1.0);
    weights.extend(above);
    let sum: f64 = weights.iter().sum();
    weights.iter_mut().for_each(|w| *w /= sum);
    (start, weights)
}

/// The Wilson score interval of a proportion; the whole range when there is no data.
pub fn wilson_interval(tally: Tally, z: f64) -> (f64, f64) {
    if tally.total == 0 {
        return (0.0, 1.0);
    }
    let n = tally.total as f64;
    let p = tally.fraction();
    let z2 = z * z;
    let denominator = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denominator;
    let half = z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / denominator;
    // At 0 or all right the bound is exactly 0 or 1; rounding would leave a crumb.
    let low = if tally.correct == 0 {
        0.0
    } else {
        (centre - half).max(0.0)
    };
    let high = if tally.correct == tally.total {
        1.0
    } else {
        (centre + half).min(1.0)
    };
    (low, high)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::record::Mode;
    use crate::history::test_support::{attempt, fixture_bank};

    const SCORING: Scoring = Scoring {
        min: 100,
        max: 1000,
        pass: 700,
    };

    /// `per_task` answers to each task of the fixture bank, right when `right(i)`.
    fn history(per_task: usize, right: impl Fn(usize) -> bool) -> Vec<Attempt> {
        (0..per_task)
            .map(|i| {
                let answers = [("q-alpha-1", right(i)), ("q-gamma-1", right(i))];
                attempt(Mode::Drill, 100 * (i as i64 + 1), &answers)
            })
            .collect()
    }

    fn estimate(readiness: Readiness) -> (f64, f64, f64, usize) {
        match readiness {
            Readiness::Estimate {
                probability,
                low,
                high,
                answers_used,
                ..
            } => (probability, low, high, answers_used),
            other => panic!("expected an estimate, got {other:?}"),
        }
    }

    #[test]
    fn the_convolution_is_exact() {
        // 4 questions, pass needs 3 right (775 ≥ 700; 2 right is 550).
        assert!((pass_probability(SCORING, &[(4, 0.5)]) - 5.0 / 16.0).abs() < 1e-12);
        assert!((pass_probability(SCORING, &[(2, 1.0), (2, 0.5)]) - 0.75).abs() < 1e-12);
        assert_eq!(pass_probability(SCORING, &[(2, 0.0), (2, 1.0)]), 0.0);
        assert_eq!(pass_probability(SCORING, &[(2, 1.0), (2, 1.0)]), 1.0);
    }

    #[test]
    fn the_wilson_interval_brackets_the_observed_share() {
        let (low, high) = wilson_interval(
            Tally {
                correct: 25,
                total: 25,
            },
            Z_80,
        );
        assert!((0.9..0.95).contains(&low) && high == 1.0, "{low} {high}");
        let (low, high) = wilson_interval(
            Tally {
                correct: 5,
                total: 10,
            },
            Z_80,
        );
        assert!(low < 0.5 && high > 0.5 && ((low + high) / 2.0 - 0.5).abs() < 1e-9);
    }

    #[test]
    fn all_right_is_near_certain_and_all_wrong_near_hopeless() {
        let bank = fixture_bank();
        let (probability, low, high, used) = estimate(readiness(&bank, &history(25, |_| true)));
        assert_eq!((probability, high, used), (1.0, 1.0, 50));
        assert!(low > 0.95, "{low}");
        let (probability, low, high, _) = estimate(readiness(&bank, &history(25, |_| false)));
        assert_eq!((probability, low), (0.0, 0.0));
        assert!(high < 0.01, "{high}");
    }

    #[test]
    fn only_the_last_fifty_answers_per_task_count() {
        let bank = fixture_bank();
        let (probability, _, _, used) = estimate(readiness(&bank, &history(110, |i| i >= 60)));
        assert_eq!((probability, used), (1.0, 100));
        let (probability, low, high, _) = estimate(readiness(&bank, &history(50, |i| i % 2 == 0)));
        assert!((probability - 5.0 / 16.0).abs() < 1e-9);
        assert!(low < probability && probability < high);
    }

    #[test]
    fn too_little_data_gives_no_estimate() {
        let bank = fixture_bank();
        assert_eq!(
            readiness(&bank, &history(10, |_| true)),
            Readiness::NotEnoughData {
                answers: 20,
                needed: 40,
                short_tasks: vec![],
            }
        );
        let mut lopsided: Vec<Attempt> = (0..45)
            .map(|i| attempt(Mode::Drill, i * 10 + 10, &[("q-beta-1", true)]))
            .collect();
        lopsided.push(attempt(Mode::Mock, 1000, &[("q-gamma-2", true)]));
        assert_eq!(
            readiness(&bank, &lopsided),
            Readiness::NotEnoughData {
                answers: 46,
                needed: 40,
                short_tasks: vec!["1.2".into()],
            }
        );
    }

    /// The windowed computation agrees with convolving one answer at a time.
    #[test]
    fn pass_probability_matches_the_trial_by_trial_convolution() {
        fn reference(scoring: Scoring, tasks: &[(usize, f64)]) -> f64 {
            let total: usize = tasks.iter().map(|&(n, _)| n).sum();
            let mut distribution = vec![0.0f64; total + 1];
            distribution[0] = 1.0;
            let mut trials = 0;
            for &(n, p) in tasks {
                for _ in 0..n {
                    trials += 1;
                    for k in (1..=trials).rev() {
                        distribution[k] = distribution[k] * (1.0 - p) + distribution[k - 1] * p;
                    }
                    distribution[0] *= 1.0 - p;
                }
            }
            (0..=total)
                .filter(|&correct| scaled_score(scoring, Tally { correct, total }) >= scoring.pass)
                .map(|k| distribution[k])
                .sum()
        }
        let cases: [&[(usize, f64)]; 6] = [
            &[(30, 0.7)],
            &[(10, 0.55), (12, 0.8), (8, 0.62)],
            &[(65, 0.71), (1, 0.0), (3, 1.0)],
            &[(400, 0.699), (300, 0.72)],
            &[(50, 0.01), (50, 0.99)],
            &[(0, 0.5), (7, 0.3)],
        ];
        for tasks in cases {
            let fast = pass_probability(SCORING, tasks);
            let exact = reference(SCORING, tasks);
            assert!((fast - exact).abs() < 1e-9, "{tasks:?}: {fast} vs {exact}");
        }
    }
}
