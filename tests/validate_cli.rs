//! `certsim validate` run as a process: exit codes and output.

mod common;

use std::process::Command;

fn certsim() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_certsim"));
    // Never the user's own cache.
    // Cargo's scratch folder for integration tests, inside target/: never the user's cache.
    command.env(
        "CERTSIM_CACHE_DIR",
        std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-cache"),
    );
    command
}

fn temp_dir(name: &str) -> common::Scratch {
    common::Scratch::new(&format!("cli-{name}"))
}

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn validate_accepts_a_valid_bank_with_a_summary() {
    let output = certsim()
        .args(["validate", &fixture("valid")])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("4 questions"), "{stdout}");
    assert!(stdout.contains("multiple response 1"), "{stdout}");
    assert!(
        stdout.contains("warning: task 1.2 topic `delta` has no question yet"),
        "{stdout}"
    );
}

#[test]
fn validate_rejects_a_broken_bank_listing_every_problem() {
    let output = certsim()
        .args(["validate", &fixture("several-problems")])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("questions.toml:3:8: question q-alpha-1: task `9.9`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("questions.toml:48:1: question q-beta-1: unknown key `correkt`"),
        "{stderr}"
    );
    assert!(stderr.contains("3 problems"), "{stderr}");
}

#[test]
fn validate_defaults_to_the_embedded_bank() {
    let output = certsim().arg("validate").output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("aws-dea-domain4"), "{stdout}");
}

#[test]
fn help_describes_every_command() {
    let output = certsim().arg("--help").output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    for word in ["validate", "--bank", "--data-dir"] {
        assert!(stdout.contains(word), "--help mentions {word}: {stdout}");
    }
}

/// A data directory holding one finished drill, made through the library as the app does.
fn data_dir_with_a_drill(name: &str) -> (common::Scratch, String) {
    use certsim::exam::{Session, assemble, rng_from_seed};
    use certsim::history::{Attempt, Filters, HistoryStore, Mode};
    use chrono::{TimeZone, Utc};
    let dir = temp_dir(name);
    let bank = certsim::bank::load_dir(std::path::Path::new(&fixture("valid"))).unwrap();
    let at = Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap();
    let mut session = Session::new(assemble(&bank, 2, &mut rng_from_seed(3)), 3, at, None);
    let key = session.current_item().correct_positions();
    for position in key {
        session.toggle_option(position).unwrap();
    }
    session.go_to(1, at + chrono::TimeDelta::seconds(40));
    session.toggle_option(0).unwrap();
    session.submit(at + chrono::TimeDelta::seconds(70));
    let attempt = Attempt::from_session(Mode::Drill, &session, &bank, Filters::default(), None);
    HistoryStore::new(dir.path()).append(&attempt).unwrap();
    (dir, attempt.id)
}

#[test]
fn stats_prints_the_summary_as_text() {
    let (dir, id) = data_dir_with_a_drill("stats");
    let output = certsim()
        .args([
            "--bank",
            &fixture("valid"),
            "--data-dir",
            &dir.display().to_string(),
            "stats",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("1 attempt, 2 answers"), "{stdout}");
    assert!(stdout.contains("Readiness: not enough data ("), "{stdout}");
    assert!(stdout.contains(&id), "{stdout}");
}

#[test]
fn export_writes_one_attempt_or_all_as_markdown_or_json() {
    let (dir, id) = data_dir_with_a_drill("export");
    let data = dir.display().to_string();
    let bank = fixture("valid");
    let run = |args: &[&str]| {
        let mut all = vec![
            "--bank",
            bank.as_str(),
            "--data-dir",
            data.as_str(),
            "export",
        ];
        all.extend_from_slice(args);
        certsim().args(&all).output().unwrap()
    };
    let json = run(&["--format", "json"]);
    assert_eq!(json.status.code(), Some(0));
    let parsed: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(parsed.as_array().map(Vec::len), Some(1));
    let one = run(&["--attempt", &id, "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&one.stdout).unwrap();
    assert_eq!(report["id"], id.as_str());
    assert_eq!(report["seed"], "3", "the seed is a string");
    assert!(report["questions"][0]["prompt"].is_string());
    assert!(report["questions"][0]["options"][0]["why"].is_string());
    assert!(report["tasks"].as_array().is_some_and(|t| !t.is_empty()));
    let markdown = run(&["--attempt", &id]);
    let text = String::from_utf8_lossy(&markdown.stdout);
    assert_eq!(markdown.status.code(), Some(0), "{text}");
    assert!(text.starts_with('#'), "{text}");
    assert!(
        text.contains("Explanation: ") && text.contains("- Why: "),
        "{text}"
    );
    let missing = run(&["--attempt", "no-such-attempt"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("certsim stats"));
}

#[test]
fn a_bank_folder_is_cached_and_the_cache_can_be_turned_off() {
    let cache = temp_dir("cache-flag");
    let bank = fixture("valid");
    let data = temp_dir("cache-flag-data");
    let cache_text = cache.display().to_string();
    let stats = |cache_flags: &[&str]| {
        let output = certsim()
            .args(["--bank", &bank, "--data-dir"])
            .arg(data.path())
            .args(["--cache-dir", &cache_text])
            .args(cache_flags)
            .arg("stats")
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0));
        String::from_utf8(output.stdout).unwrap()
    };
    let entries = || {
        std::fs::read_dir(cache.join("banks"))
            .map(|entries| entries.count())
            .unwrap_or(0)
    };
    let off = stats(&["--no-cache"]);
    assert_eq!(entries(), 0);
    let built = stats(&[]);
    assert_eq!(entries(), 1);
    let hit = stats(&[]);
    assert_eq!(entries(), 1);
    assert_eq!(off, built);
    assert_eq!(built, hit);
}

/// A reader that stops early (`certsim validate | head -1`) ends certsim quietly: no panic,
/// no "Broken pipe" on stderr.
#[test]
fn a_closed_pipe_ends_quietly() {
    for args in [
        &["validate"][..],
        &["export", "--format", "json"][..],
        &["man"][..],
        &["completions", "zsh"][..],
    ] {
        let data = temp_dir("closed-pipe");
        let mut child = certsim()
            .args(["--data-dir"])
            .arg(data.path())
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // The reader goes before certsim has written a line (it is still starting): every
        // write meets a closed pipe.
        drop(child.stdout.take());
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_ne!(output.status.code(), Some(101), "{args:?}: {stderr}");
    }
}

/// `certsim completions SHELL` prints a script for every shell clap_complete knows, naming
/// the subcommands and flags; bash's is valid bash. `certsim man` prints a roff page.
#[test]
fn completions_and_the_manual_page_are_generated() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let output = certsim().args(["completions", shell]).output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{shell}");
        let script = String::from_utf8(output.stdout).unwrap();
        for word in ["certsim", "validate", "drill", "data-dir"] {
            assert!(script.contains(word), "{shell} completes {word}");
        }
        if shell == "bash" {
            let dir = temp_dir("completions");
            std::fs::create_dir_all(dir.path()).unwrap();
            let path = dir.path().join("certsim.bash");
            std::fs::write(&path, &script).unwrap();
            let check = std::process::Command::new("bash")
                .arg("-n")
                .arg(&path)
                .output();
            // Only where bash exists (it does wherever .ci/run runs).
            if let Ok(check) = check {
                assert!(
                    check.status.success(),
                    "{}",
                    String::from_utf8_lossy(&check.stderr)
                );
            }
        }
    }
    let unknown = certsim().args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("possible values"));

    let output = certsim().arg("man").output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let page = String::from_utf8(output.stdout).unwrap();
    assert!(page.contains(".TH certsim 1"), "{page}");
    for word in ["validate", "export", "completions", r"\-\-data\-dir"] {
        assert!(page.contains(word), "the page names {word}");
    }
}

/// An empty folder is named as itself, not as "the bank folder".
#[test]
fn validate_names_an_empty_folder() {
    let dir = temp_dir("empty-bank");
    std::fs::create_dir_all(dir.path()).unwrap();
    let output = certsim().arg("validate").arg(dir.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let folder = dir.path().display().to_string();
    assert!(stderr.contains(&format!("{folder}:1:1:")), "{stderr}");
    assert!(stderr.contains("no exam.toml"), "{stderr}");
}

#[test]
fn a_missing_why_is_a_warning_and_an_error_with_strict() {
    let output = certsim()
        .args(["validate", &fixture("missing-why")])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains("warning: ")
            && stdout.contains("question q-alpha-1: lacks a why for option C"),
        "{stdout}"
    );
    let output = certsim()
        .args(["validate", "--strict", &fixture("missing-why")])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("questions.toml:1:1: question q-alpha-1: lacks a why for option C"),
        "{stderr}"
    );
    assert!(stderr.contains("1 problem with --strict"), "{stderr}");
    let output = certsim().args(["validate", "--strict"]).output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "the shipped bank keeps the strict bar"
    );
}
