//! Two certsim processes finishing sessions at the same moment both land in history intact.
//! The test runs itself twice more as child processes (real processes, not threads), each
//! appending many attempts to the same history file at once.

mod common;

use std::process::Command;

use chrono::{TimeZone, Utc};

use certsim::history::{AnswerRecord, Attempt, HistoryStore, Mode};

const WRITER: &str = "CERTSIM_TEST_HISTORY_WRITER";
const PER_PROCESS: usize = 200;

fn attempt(writer: &str, index: usize) -> Attempt {
    let at = Utc.timestamp_opt(1_700_000_000 + index as i64, 0).unwrap();
    Attempt {
        id: format!("{writer}-{index}"),
        mode: Mode::Drill,
        bank_id: "fixture-exam".into(),
        bank_hash: "0".into(),
        started_at: at,
        ended_at: at,
        seed: index as u64,
        task: Some("1.1".into()),
        topic: None,
        scaled: None,
        passed: None,
        minutes_allowed: None,
        // A long record, so a torn or interleaved write could not go unnoticed.
        answers: (0..40)
            .map(|n| AnswerRecord {
                question: format!("q-{n}"),
                chosen: vec!["x".repeat(200)],
                correct: n % 2 == 0,
                seconds: n,
                flagged: n % 3 == 0,
            })
            .collect(),
    }
}

/// In a child process: append this writer's attempts, then exit.
#[test]
fn writer_child() {
    let Ok(spec) = std::env::var(WRITER) else {
        return; // only meaningful when started by the test below
    };
    let (dir, name) = spec.split_once('|').expect("dir|name");
    let store = HistoryStore::new(dir);
    for index in 0..PER_PROCESS {
        store.append(&attempt(name, index)).expect("append");
    }
}

#[test]
fn two_processes_appending_at_once_both_land_intact() {
    let dir = common::Scratch::new("concurrent");
    let children: Vec<_> = ["one", "two"]
        .iter()
        .map(|name| {
            Command::new(std::env::current_exe().unwrap())
                .args(["--exact", "writer_child", "--nocapture", "--test-threads=1"])
                .env(WRITER, format!("{}|{name}", dir.display()))
                .stdout(std::process::Stdio::null())
                .spawn()
                .expect("the test binary starts")
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    let loaded = HistoryStore::new(dir.path()).load().unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert_eq!(loaded.attempts.len(), 2 * PER_PROCESS);
    for name in ["one", "two"] {
        for index in 0..PER_PROCESS {
            let expected = attempt(name, index);
            assert!(
                loaded.attempts.contains(&expected),
                "{name}-{index} is intact"
            );
        }
    }
}
