//! What the command line prints: bank text never reaches the terminal raw (validate,
//! stats, export), a closed pipe ends quietly, and a full disk is an error, not a panic.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};

use certsim::ui::app::{App, AppOptions};

fn certsim(data: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_certsim"));
    command
        .env("CERTSIM_CACHE_DIR", data.join("cache"))
        .env("CERTSIM_DATA_DIR", data);
    command
}

fn hostile_bank() -> String {
    format!(
        "{}/tests/fixtures/hostile-titles",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// No escape (ESC, BEL, CSI as C1), so nothing can retitle a pane or write a clipboard.
fn assert_inert(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    for bad in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}'] {
        assert!(!text.contains(bad), "{what} printed {bad:?} raw:\n{text}");
    }
}

/// A finished mock exam on the hostile bank, its chosen option's text full of escapes.
fn record_an_attempt(data: &Path) {
    let mut app = App::new(
        certsim::bank::load_dir(Path::new(&hostile_bank())).unwrap(),
        AppOptions {
            seed: Some(1),
            data_dir: Some(data.to_path_buf()),
            ..Default::default()
        },
        common::t0(),
    );
    app.start_exam(1, 10, common::t0());
    common::settle(&mut app);
    common::press(&mut app, "a b s y");
    let history = certsim::history::HistoryStore::new(data).load().unwrap();
    assert_eq!(history.attempts.len(), 1);
    assert!(
        history.attempts[0].answers[0]
            .chosen
            .iter()
            .any(|text| text.contains(['\u{1b}', '\u{202e}'])),
        "the record holds the raw text: {:?}",
        history.attempts[0].answers
    );
}

#[test]
fn bank_text_is_printed_inert_by_validate_stats_and_export() {
    let data = common::Scratch::new("cli-inert");
    record_an_attempt(&data);
    let bank = hostile_bank();
    let runs: [&[&str]; 5] = [
        &["validate", &bank],
        &["--bank", &bank, "stats"],
        &["--bank", &bank, "export"],
        &["--bank", &bank, "export", "--format", "json"],
        &["validate", "tests/fixtures/no-such-\u{1b}]0;x\u{7}folder"],
    ];
    for args in runs {
        let output = certsim(&data).args(args).output().unwrap();
        assert_inert(&format!("{args:?} (stdout)"), &output.stdout);
        assert_inert(&format!("{args:?} (stderr)"), &output.stderr);
    }
    let output = certsim(&data)
        .args(["--bank", &bank, "stats"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("Fixture ␛]0;pwned\\x07Exam"), "{stdout}");
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let data = common::Scratch::new("cli-pipe");
    for args in [&["validate"][..], &["export"], &["stats"], &["man"]] {
        let mut child = certsim(&data)
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The reader is gone before the first line is written.
        drop(child.stdout.take());
        let output = child.wait_with_output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&output.stderr), "", "{args:?}");
    }
}

#[test]
fn a_full_disk_is_an_error_not_a_panic() {
    let data = common::Scratch::new("cli-full");
    let Ok(full) = std::fs::File::create("/dev/full") else {
        return; // Not every system has /dev/full.
    };
    for args in [&["validate"][..], &["stats"], &["export"]] {
        let output = certsim(&data)
            .args(args)
            .stdout(full.try_clone().unwrap())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(
            stderr.contains("cannot write to standard output"),
            "{args:?}: {stderr}"
        );
    }
}
