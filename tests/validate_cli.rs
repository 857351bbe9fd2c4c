//! `certsim validate` run as a process: exit codes and output.

use std::process::Command;

fn certsim() -> Command {
    Command::new(env!("CARGO_BIN_EXE_certsim"))
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
