//! Shared fixtures for the history tests: the fixture bank, a fixed clock and hand-built
//! attempts.

use chrono::{DateTime, TimeZone, Utc};

use super::record::{AnswerRecord, Attempt, Mode, attempt_id};
use crate::bank::Bank;

pub fn fixture_bank() -> Bank {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid");
    crate::bank::load_dir(&dir).unwrap()
}

/// A fixed clock: `seconds` after 2023-11-14T22:13:20Z.
pub fn at(seconds: i64) -> DateTime<Utc> {
    Utc.timestamp_opt(1_700_000_000 + seconds, 0).unwrap()
}

/// An attempt on the fixture exam ending at `at(end)` with these (question, right?) answers.
pub fn attempt(mode: Mode, end: i64, answers: &[(&str, bool)]) -> Attempt {
    Attempt {
        id: attempt_id(at(end - 60), end as u64),
        mode,
        bank_id: "fixture-exam".into(),
        bank_hash: "0".into(),
        started_at: at(end - 60),
        ended_at: at(end),
        seed: end as u64,
        task: None,
        topic: None,
        scaled: None,
        passed: None,
        minutes_allowed: None,
        answers: answers
            .iter()
            .map(|&(question, correct)| AnswerRecord {
                question: question.into(),
                chosen: vec![if correct { "right" } else { "wrong" }.into()],
                correct,
                seconds: 10,
                flagged: false,
            })
            .collect(),
    }
}

/// A scratch folder under the temp dir, removed when dropped (failing tests included).
pub struct Scratch(pub std::path::PathBuf);

impl Scratch {
    pub fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("certsim-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
