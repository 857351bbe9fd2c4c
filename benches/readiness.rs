//! The readiness estimate on the largest bank certsim accepts (20,000 questions) with a
//! mock exam of all of them and a history that answered each once:
//! `cargo bench --bench readiness`. It runs once per history change, so it must stay far
//! below a frame's budget; the README's Performance table keeps the figure.

use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};

use certsim::bank::{self, limits};
use certsim::history::{self, AnswerRecord, Attempt, Mode};
use certsim::synthetic;

fn main() {
    let size = limits::MAX_QUESTIONS;
    let mut files = synthetic::generate(size, 1);
    for file in &mut files {
        file.text = file.text.replace(
            "[mock]\nquestions = 65",
            &format!("[mock]\nquestions = {size}"),
        );
    }
    let bank = bank::load_files(files).expect("a valid synthetic bank");
    assert_eq!(bank.exam.mock.questions as usize, size);
    let start = Utc
        .with_ymd_and_hms(2026, 11, 1, 9, 0, 0)
        .single()
        .expect("a time");
    let attempt = Attempt {
        id: history::attempt_id(start, 1),
        mode: Mode::Mock,
        bank_id: bank.exam.id.clone(),
        bank_hash: bank.content_hash.clone(),
        started_at: start,
        ended_at: start,
        seed: 1,
        task: None,
        topic: None,
        scaled: None,
        passed: None,
        minutes_allowed: None,
        answers: bank
            .questions
            .iter()
            .enumerate()
            .map(|(index, question)| AnswerRecord {
                question: question.id.clone(),
                chosen: Vec::new(),
                correct: index % 10 < 7,
                seconds: 60,
                flagged: false,
            })
            .collect(),
    };
    let history = vec![attempt];
    let mut samples: Vec<Duration> = (0..15)
        .map(|_| {
            let begin = Instant::now();
            let estimate = history::readiness(&bank, &history);
            let elapsed = begin.elapsed();
            std::hint::black_box(estimate);
            elapsed
        })
        .collect();
    samples.sort();
    println!(
        "readiness, {size} questions, mock of {size}: median {:.1} ms (min {:.1}, max {:.1})",
        samples[samples.len() / 2].as_secs_f64() * 1e3,
        samples[0].as_secs_f64() * 1e3,
        samples[samples.len() - 1].as_secs_f64() * 1e3,
    );
}
