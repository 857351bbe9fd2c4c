//! Is the readiness estimate calibrated? Simulated learners with known accuracy per task
//! statement answer questions for the first time; their true P(pass) is known exactly, so
//! the estimate can be checked against it: the 80% interval must contain it at least 75%
//! of the time, and the point estimate's Brier score must beat the previous model's (the
//! share right of the last 50 answers of every kind, plugged in). A learner who drills the
//! same questions over and over must not look ready. Seeded: the same figures every run.

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use rand::rngs::Xoshiro256PlusPlus;
use rand::seq::SliceRandom;
use rand::{RngExt, SeedableRng};

use certsim::bank::{self, Bank};
use certsim::history::{AnswerRecord, Attempt, Mode, Readiness, pass_probability, readiness};

const LEARNERS: u64 = 200;

fn bank() -> Bank {
    bank::load_files(certsim::synthetic::generate(600, 7)).expect("a valid synthetic bank")
}

fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 10, 1, 9, 0, 0)
        .single()
        .expect("a time")
}

fn attempt(bank: &Bank, at: DateTime<Utc>, seed: u64, answers: Vec<AnswerRecord>) -> Attempt {
    Attempt {
        id: certsim::history::attempt_id(at, seed),
        mode: Mode::Drill,
        bank_id: bank.exam.id.clone(),
        bank_hash: bank.content_hash.clone(),
        started_at: at,
        ended_at: at + TimeDelta::minutes(30),
        seed,
        task: None,
        topic: None,
        scaled: None,
        passed: None,
        minutes_allowed: None,
        answers,
    }
}

fn answer(question: &str, correct: bool) -> AnswerRecord {
    AnswerRecord {
        question: question.to_string(),
        chosen: Vec::new(),
        correct,
        seconds: 60,
        flagged: false,
    }
}

/// Questions of each task on a full mock (from the estimate itself, which splits the mock
/// exactly as an exam is assembled).
fn split(bank: &Bank) -> Vec<(String, usize)> {
    let everything: Vec<AnswerRecord> =
        bank.questions.iter().map(|q| answer(&q.id, true)).collect();
    match readiness(bank, &[attempt(bank, start(), 0, everything)]) {
        Readiness::Estimate { tasks, .. } => {
            tasks.into_iter().map(|t| (t.id, t.questions)).collect()
        }
        other => panic!("an estimate expected, got {other:?}"),
    }
}

/// The previous model: each task's share right over its last 50 answers of any kind,
/// plugged into the same pass probability.
fn previous_model(bank: &Bank, history: &[Attempt], split: &[(String, usize)]) -> f64 {
    let parts: Vec<(usize, f64)> = split
        .iter()
        .map(|(task, questions)| {
            let answers: Vec<bool> = history
                .iter()
                .flat_map(|a| &a.answers)
                .filter(|a| bank.question(&a.question).is_some_and(|q| &q.task == task))
                .map(|a| a.correct)
                .collect();
            let last = &answers[answers.len().saturating_sub(50)..];
            let share = last.iter().filter(|&&r| r).count() as f64 / last.len().max(1) as f64;
            (*questions, share)
        })
        .collect();
    pass_probability(bank.exam.scoring, &parts)
}

fn estimate(readiness: &Readiness) -> (f64, f64, f64) {
    match readiness {
        Readiness::Estimate {
            probability,
            low,
            high,
            ..
        } => (*probability, *low, *high),
        other => panic!("an estimate expected, got {other:?}"),
    }
}

#[test]
fn the_interval_covers_the_truth_and_the_point_estimate_beats_the_previous_model() {
    let bank = bank();
    let split = split(&bank);
    let mut covered = 0;
    let mut brier_new = 0.0;
    let mut brier_previous = 0.0;
    for learner in 0..LEARNERS {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(learner);
        let accuracy: Vec<f64> = split.iter().map(|_| rng.random_range(0.4..0.95)).collect();
        let truth = pass_probability(
            bank.exam.scoring,
            &split
                .iter()
                .zip(&accuracy)
                .map(|((_, n), &p)| (*n, p))
                .collect::<Vec<_>>(),
        );
        // 45 to 150 first-time answers to questions drawn at random.
        let count = 45 + (learner as usize * 7) % 106;
        let mut questions: Vec<&bank::Question> = bank.questions.iter().collect();
        questions.shuffle(&mut rng);
        let answers = questions[..count]
            .iter()
            .map(|q| {
                let task = split.iter().position(|(id, _)| *id == q.task).unwrap_or(0);
                answer(&q.id, rng.random_bool(accuracy[task]))
            })
            .collect();
        let history = [attempt(&bank, start(), learner, answers)];
        let (probability, low, high) = estimate(&readiness(&bank, &history));
        covered += usize::from(low <= truth && truth <= high);
        // The expected Brier score against an exam passed with probability `truth`.
        let brier = |q: f64| (q - truth).powi(2) + truth * (1.0 - truth);
        brier_new += brier(probability);
        brier_previous += brier(previous_model(&bank, &history, &split));
    }
    let coverage = covered as f64 / LEARNERS as f64;
    let (brier_new, brier_previous) = (
        brier_new / LEARNERS as f64,
        brier_previous / LEARNERS as f64,
    );
    println!(
        "coverage of the 80% interval: {coverage:.3}; Brier: {brier_new:.4} (previous model {brier_previous:.4})"
    );
    assert!(coverage >= 0.75, "coverage {coverage}");
    assert!(
        brier_new < brier_previous,
        "Brier {brier_new} vs previous {brier_previous}"
    );
}

#[test]
fn drilling_the_same_questions_over_and_over_does_not_look_ready() {
    let bank = bank();
    let split = split(&bank);
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(99);
    // 90 first answers at 55%, then the same 40 questions drilled ten times over three days,
    // right 95% of the time: the key was always fresh in memory.
    let first: Vec<AnswerRecord> = bank.questions[..90]
        .iter()
        .map(|q| answer(&q.id, rng.random_bool(0.55)))
        .collect();
    let mut history = vec![attempt(&bank, start(), 0, first)];
    for round in 0..10 {
        let at = start() + TimeDelta::hours(6 * (round + 1));
        let drilled = bank.questions[..40]
            .iter()
            .map(|q| answer(&q.id, rng.random_bool(0.95)))
            .collect();
        history.push(attempt(&bank, at, round as u64 + 1, drilled));
    }
    let (probability, _, high) = estimate(&readiness(&bank, &history));
    let previous = previous_model(&bank, &history, &split);
    println!(
        "drilling learner: {probability:.3} (80% up to {high:.3}); previous model {previous:.3}"
    );
    assert!(probability < 0.30, "{probability}");
    assert!(previous > 0.5, "the previous model was fooled: {previous}");
}
