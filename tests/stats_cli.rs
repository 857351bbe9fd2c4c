//! `certsim stats --format json` (keys are a contract) and `certsim plan`, run as processes.

mod common;

use std::path::Path;
use std::process::Command;

use certsim::ui::app::{App, AppOptions};

fn certsim(data: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_certsim"));
    command
        .env("CERTSIM_CACHE_DIR", data.join("cache"))
        .args(["--data-dir", &data.display().to_string()])
        .args([
            "--bank",
            &format!("{}/tests/fixtures/valid", env!("CARGO_MANIFEST_DIR")),
        ]);
    command
}

fn run(data: &Path, args: &[&str]) -> (i32, String, String) {
    let output = certsim(data).args(args).output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// A mock exam on the valid fixture: the first question right, the rest unanswered.
fn record_a_mock(data: &Path) {
    let mut app = App::new(
        common::fixture("valid"),
        AppOptions {
            seed: Some(1),
            data_dir: Some(data.to_path_buf()),
            ..Default::default()
        },
        common::t0(),
    );
    app.start_exam(4, 10, common::t0());
    common::settle(&mut app);
    common::press(&mut app, "s y");
}

#[test]
fn stats_as_json_has_every_documented_key() {
    let data = common::Scratch::new("stats-json");
    record_a_mock(&data);
    let (code, stdout, stderr) = run(&data, &["stats", "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("one JSON object");
    assert_eq!(json["bank"]["id"], "fixture-exam");
    assert_eq!(json["bank"]["questions"], 4);
    assert!(json["readiness"].is_null());
    let short = &json["not_enough_data"];
    assert_eq!(short["needed"], 40);
    assert_eq!(short["evidence_answers"], 4);
    assert_eq!(short["short_tasks"], serde_json::json!(["1.1", "1.2"]));
    let questions = &json["questions"];
    let partition = ["unseen", "learning", "mastered"]
        .iter()
        .map(|key| questions[key].as_u64().unwrap())
        .sum::<u64>();
    assert_eq!(
        partition, 4,
        "unseen, learning and mastered partition the bank"
    );
    assert_eq!(questions["learning"], 4);
    assert!(questions["due_now"].is_u64());
    assert!(
        questions["next_due"].is_null()
            || questions["next_due"]
                .as_str()
                .is_some_and(|t| t.ends_with('Z')),
        "{questions}"
    );
    let task = &json["tasks"][0];
    for key in [
        "id",
        "answered",
        "correct",
        "evidence_answers",
        "evidence_correct",
    ] {
        assert!(!task[key].is_null(), "tasks[].{key}");
    }
    assert_eq!(json["tasks"][0]["answered"], 2);
    let topic = &json["topics"][0];
    for key in ["id", "task", "answered", "correct"] {
        assert!(!topic[key].is_null(), "topics[].{key}");
    }
    let service = &json["services"][0];
    for key in ["name", "answered", "correct"] {
        assert!(!service[key].is_null(), "services[].{key}");
    }
    assert!(json["exam_date"].is_null());
}

#[test]
fn plan_sets_prints_and_clears_the_exam_date() {
    let data = common::Scratch::new("plan-cli");
    let (code, stdout, stderr) = run(&data, &["plan", "--exam-date", "2099-01-10"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("The exam date is 2099-01-10."), "{stdout}");
    assert!(
        stdout.contains("days to the exam. Today: 0 reviews due, 1 new question"),
        "{stdout}"
    );
    let (_, json, _) = run(&data, &["stats", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["exam_date"], "2099-01-10");
    let (code, stdout, _) = run(&data, &["plan"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("days to the exam"), "{stdout}");
    let (code, stdout, _) = run(&data, &["plan", "--clear"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("The exam date is cleared."), "{stdout}");
    assert!(stdout.contains("set an exam date"), "{stdout}");
    let (code, _, stderr) = run(&data, &["plan", "--exam-date", "10/01/2099"]);
    assert_eq!(code, 2, "a usage error");
    assert!(stderr.contains("is not a date as YYYY-MM-DD"), "{stderr}");
    std::fs::write(data.join("plan.toml"), "exam_date = 5\n").unwrap();
    let (code, _, stderr) = run(&data, &["plan"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("plan.toml:1:"),
        "names the file and line: {stderr}"
    );
}
