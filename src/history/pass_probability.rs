//! P(passing) a mock exam when each task statement's questions are answered right with a
//! known probability: the number right is `Σ_t Binomial(n_t, p_t)` and the exam is passed
//! when its scaled score, rounded as the real scoring rounds it, reaches the pass mark.

use crate::bank::Scoring;
use crate::exam::{Tally, scaled_score};

/// Above this many questions the sum of binomials is taken as normal (with a continuity
/// correction): within 0.001 of exact there, and it costs nothing per posterior draw.
const EXACT_UP_TO: usize = 1_000;

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

/// The fewest right answers that pass an exam of `total` questions (`total + 1` if none do).
pub fn passing_count(scoring: Scoring, total: usize) -> usize {
    (0..=total)
        .find(|&correct| scaled_score(scoring, Tally { correct, total }) >= scoring.pass)
        .unwrap_or(total + 1)
}

/// `pass_probability`, exact up to `EXACT_UP_TO` questions and by the normal approximation
/// above, with `needed = passing_count(scoring, Σ n)` computed once by the caller.
pub fn pass_probability_fast(scoring: Scoring, tasks: &[(usize, f64)], needed: usize) -> f64 {
    let total: usize = tasks.iter().map(|&(n, _)| n).sum();
    if total <= EXACT_UP_TO {
        return pass_probability(scoring, tasks);
    }
    let mean: f64 = tasks.iter().map(|&(n, p)| n as f64 * p).sum();
    let variance: f64 = tasks.iter().map(|&(n, p)| n as f64 * p * (1.0 - p)).sum();
    if variance <= 0.0 {
        return if mean + 0.5 >= needed as f64 {
            1.0
        } else {
            0.0
        };
    }
    let z = (needed as f64 - 0.5 - mean) / variance.sqrt();
    (1.0 - normal_cdf(z)).clamp(0.0, 1.0)
}

/// The standard normal CDF, from the complementary error function (Numerical Recipes'
/// `erfcc`, fractional error under 1.2e-7).
fn normal_cdf(z: f64) -> f64 {
    let x = -z / std::f64::consts::SQRT_2;
    let t = 1.0 / (1.0 + 0.5 * x.abs());
    let tail = t
        * (-x * x - 1.265_512_23
            + t * (1.000_023_68
                + t * (0.374_091_96
                    + t * (0.096_784_18
                        + t * (-0.186_288_06
                            + t * (0.278_868_07
                                + t * (-1.135_203_98
                                    + t * (1.488_515_87
                                        + t * (-0.822_152_23 + t * 0.170_872_77)))))))))
            .exp();
    let erfc = if x >= 0.0 { tail } else { 2.0 - tail };
    0.5 * erfc
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCORING: Scoring = Scoring {
        min: 100,
        max: 1000,
        pass: 700,
    };

    #[test]
    fn the_convolution_is_exact() {
        // 4 questions, pass needs 3 right (775 ≥ 700; 2 right is 550).
        assert!((pass_probability(SCORING, &[(4, 0.5)]) - 5.0 / 16.0).abs() < 1e-12);
        assert!((pass_probability(SCORING, &[(2, 1.0), (2, 0.5)]) - 0.75).abs() < 1e-12);
        assert_eq!(pass_probability(SCORING, &[(2, 0.0), (2, 1.0)]), 0.0);
        assert_eq!(pass_probability(SCORING, &[(2, 1.0), (2, 1.0)]), 1.0);
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

    #[test]
    fn the_normal_approximation_is_close_on_large_exams() {
        for tasks in [
            &[(700usize, 0.69), (600, 0.71)][..],
            &[(2_000, 0.66), (1_000, 0.7)],
            &[(1_500, 0.5)],
        ] {
            let total: usize = tasks.iter().map(|&(n, _)| n).sum();
            let exact = pass_probability(SCORING, tasks);
            let fast = pass_probability_fast(SCORING, tasks, passing_count(SCORING, total));
            assert!((exact - fast).abs() < 0.002, "{tasks:?}: {exact} vs {fast}");
        }
        assert!((normal_cdf(0.0) - 0.5).abs() < 1e-7);
        assert!((normal_cdf(1.281_551_565_5) - 0.9).abs() < 1e-6);
    }
}
