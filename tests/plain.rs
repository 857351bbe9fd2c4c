//! Plain mode as a process: commands piped in, output checked line by line. No byte of
//! output is an escape character; the clock, autosave, resume and history are the same
//! as the full-screen interface's.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use certsim::history::HistoryStore;

fn valid_bank() -> String {
    format!("{}/tests/fixtures/valid", env!("CARGO_MANIFEST_DIR"))
}

fn certsim(data: &Path) -> Command {
    certsim_on(data, &valid_bank())
}

fn certsim_on(data: &Path, bank: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_certsim"));
    command
        .env("CERTSIM_DATA_DIR", data)
        .env("CERTSIM_CACHE_DIR", data.join("cache"))
        .env("XDG_CONFIG_HOME", data.join("no-config"))
        .env_remove("CERTSIM_PLAIN")
        .env("TERM", "xterm-256color")
        .args(["--bank", bank]);
    command
}

/// Runs certsim with `input` on standard input (then closed); returns its output.
fn run(command: &mut Command, input: &str) -> (i32, String) {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert_no_escape(&output.stdout);
    let stdout = String::from_utf8(output.stdout).expect("UTF-8");
    (output.status.code().unwrap_or(-1), stdout)
}

/// Not one byte of output is an escape (or any control character but the newline).
fn assert_no_escape(bytes: &[u8]) {
    if let Some(at) = bytes
        .iter()
        .position(|&b| b < 0x20 && b != b'\n' || b == 0x7f)
    {
        panic!(
            "byte {at} is the control character {:#04x}:\n{}",
            bytes[at],
            String::from_utf8_lossy(bytes)
        );
    }
}

/// `line` is one of the output's lines, whole.
fn has_line(output: &str, line: &str) -> bool {
    output.lines().any(|l| l == line)
}

#[test]
fn a_mock_exam_from_home_to_results_in_lines() {
    let data = common::Scratch::new("plain-exam");
    let (code, out) = run(
        certsim(&data).arg("--plain"),
        "help\nexam\nd\nnext\na c\nb\nflag\nstrike a\ngrid\ngo 1\nsubmit\nno\nsubmit\nyes\nhistory\nquit\n",
    );
    assert_eq!(code, 0, "{out}");
    assert!(has_line(&out, "exam: start a timed mock exam."), "{out}");
    assert!(
        out.lines()
            .any(|l| l.starts_with("Question 1 of 4. 10 minutes left. Choose ")),
        "{out}"
    );
    assert!(has_line(&out, "Your answer: D."), "{out}");
    assert!(has_line(&out, "Flagged for review."), "{out}");
    assert!(has_line(&out, "A struck."), "{out}");
    assert!(has_line(&out, "Flagged: 2."), "{out}");
    assert!(has_line(&out, "Type yes or no."), "{out}");
    assert!(out.lines().any(|l| l.starts_with("Result: ")), "{out}");
    assert!(
        out.lines().any(|l| l.starts_with("Task 1.1 First task: ")),
        "{out}"
    );
    assert!(
        out.lines().any(|l| l.starts_with("Mock exam, started ")),
        "{out}"
    );
    assert_eq!(
        HistoryStore::new(data.path())
            .load()
            .unwrap()
            .attempts
            .len(),
        1
    );
}

#[test]
fn a_drill_says_the_feedback_and_term_dumb_chooses_plain_mode() {
    let data = common::Scratch::new("plain-drill");
    let (code, out) = run(
        certsim(&data)
            .env("TERM", "dumb")
            .args(["drill", "--task", "1.2", "--seed", "1"]),
        "b\nnext\na\nnext\nquit\n",
    );
    assert_eq!(code, 0, "{out}");
    assert!(has_line(&out, "Correct."), "{out}");
    assert!(has_line(&out, "The correct answer: B."), "{out}");
    assert!(
        out.lines()
            .any(|l| l.starts_with("B) Mercury: correct, you chose it. ")),
        "every option's why: {out}"
    );
    assert!(
        has_line(&out, "Explanation: Mercury has the smallest orbit."),
        "{out}"
    );
    assert!(
        has_line(&out, "References: https://example.com/planets"),
        "{out}"
    );
    assert!(
        out.lines()
            .any(|l| l.starts_with("Drill finished: 2 of 2 checked")),
        "{out}"
    );
    let (_, out) = run(certsim(&data).env("CERTSIM_PLAIN", "1"), "quit\n");
    assert!(out.starts_with("certsim. Fixture Exam"), "{out}");
}

#[test]
fn the_end_of_input_saves_and_a_resume_brings_every_answer_back() {
    let data = common::Scratch::new("plain-resume");
    let (code, out) = run(
        certsim(&data).args(["--plain", "exam", "--seed", "1"]),
        "b\nflag\n",
    );
    assert_eq!(code, 0);
    assert!(
        out.lines()
            .last()
            .is_some_and(|l| l.starts_with("certsim: your mock exam is saved (1 of 4 answered")),
        "{out}"
    );
    let (code, out) = run(
        certsim(&data).args(["--plain", "exam", "--resume"]),
        "submit\nyes\nquit\n",
    );
    assert_eq!(code, 0, "{out}");
    assert!(has_line(&out, "B) Venus (chosen)"), "{out}");
    assert!(out.contains("Flagged for review."), "{out}");
    assert!(out.lines().any(|l| l.starts_with("Result: ")), "{out}");
    assert_eq!(
        HistoryStore::new(data.path())
            .load()
            .unwrap()
            .attempts
            .len(),
        1
    );
}

/// Lines of a running child's output, as they come.
fn lines_of(child: &mut Child) -> Receiver<String> {
    let stdout = child.stdout.take().unwrap();
    let (sender, receiver) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if sender.send(line).is_err() {
                break;
            }
        }
    });
    receiver
}

fn wait_for(lines: &Receiver<String>, seen: &mut Vec<String>, wanted: &str) {
    while let Ok(line) = lines.recv_timeout(Duration::from_secs(10)) {
        assert_no_escape(line.as_bytes());
        seen.push(line.clone());
        if line.starts_with(wanted) {
            return;
        }
    }
    panic!("never saw {wanted:?}; saw:\n{}", seen.join("\n"));
}

/// With a test clock 120 times faster, an 11-minute exam runs out in under 6 seconds: the
/// 10, 5 and 1-minute marks are said, then the exam is submitted and its results printed,
/// while standard input is still open and silent.
#[test]
fn a_timed_out_exam_announces_the_marks_and_submits_at_zero() {
    let data = common::Scratch::new("plain-timeout");
    let mut child = certsim(&data)
        .env("CERTSIM_TEST_CLOCK", "2026-11-25T09:00:00Z 120")
        .args(["--plain", "exam", "--minutes", "11", "--questions", "2"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    writeln!(stdin, "d").unwrap();
    let lines = lines_of(&mut child);
    let mut seen = Vec::new();
    wait_for(&lines, &mut seen, "10 minutes left.");
    wait_for(&lines, &mut seen, "5 minutes left.");
    wait_for(&lines, &mut seen, "1 minute left.");
    wait_for(
        &lines,
        &mut seen,
        "Time is up: the exam was submitted automatically",
    );
    wait_for(&lines, &mut seen, "Result: ");
    drop(stdin);
    assert_eq!(child.wait().unwrap().code(), Some(0));
    let history = HistoryStore::new(data.path()).load().unwrap();
    assert_eq!(history.attempts.len(), 1);
    assert_eq!(history.attempts[0].minutes_allowed, Some(11));
}

#[test]
fn ordering_and_matching_are_answered_in_a_line() {
    let data = common::Scratch::new("plain-kinds");
    let kinds = format!("{}/tests/fixtures/kinds", env!("CARGO_MANIFEST_DIR"));
    let (code, out) = run(
        certsim_on(&data, &kinds).args(["--plain", "exam", "--seed", "3"]),
        "b\nn\nb a c d\nn\n1c 2b 3a\nsubmit\nyes\nquit\n",
    );
    assert_eq!(code, 0, "{out}");
    assert!(has_line(&out, "Your order: B, A, C, D."), "{out}");
    assert!(has_line(&out, "Your matches: 1 C, 2 B, 3 A."), "{out}");
    assert!(out.lines().any(|l| l.starts_with("Result: PASS.")), "{out}");
}

/// A bank full of escape sequences: its text is printed inert, never obeyed.
#[test]
fn hostile_bank_text_never_reaches_the_output_raw() {
    let data = common::Scratch::new("plain-hostile");
    let hostile = format!(
        "{}/tests/fixtures/hostile-titles",
        env!("CARGO_MANIFEST_DIR")
    );
    let (code, out) = run(
        certsim_on(&data, &hostile).arg("--plain"),
        "exam\nquestion\nsubmit\nyes\nhistory\nquit\n",
    );
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("␛"), "the escapes are shown, inert: {out}");
}

/// SIGTERM while a session runs: it is saved, the resume line printed, exit 143.
#[test]
fn sigterm_saves_the_session_and_exits_143() {
    let data = common::Scratch::new("plain-sigterm");
    let mut child = certsim(&data)
        .args(["--plain", "exam", "--seed", "1"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    writeln!(stdin, "b").unwrap();
    let lines = lines_of(&mut child);
    let mut seen = Vec::new();
    wait_for(&lines, &mut seen, "Your answer: B.");
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    wait_for(
        &lines,
        &mut seen,
        "certsim: your mock exam is saved (1 of 4 answered",
    );
    assert_eq!(child.wait().unwrap().code(), Some(143));
    drop(stdin);
}

/// Another bank's unfinished session is never replaced by a start in plain mode: it asks
/// for `discard` (and then yes) first.
#[test]
fn another_banks_session_is_kept_until_discarded() {
    let data = common::Scratch::new("plain-other-bank");
    run(
        certsim(&data).args(["--plain", "exam", "--seed", "1"]),
        "b\n",
    );
    let saved = std::fs::read(data.join("session.json")).unwrap();
    let kinds = format!("{}/tests/fixtures/kinds", env!("CARGO_MANIFEST_DIR"));
    let (code, out) = run(certsim_on(&data, &kinds).arg("--plain"), "exam\nquit\n");
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("belongs to the bank \"fixture-exam\""),
        "{out}"
    );
    assert!(out.contains("type discard to delete it first"), "{out}");
    assert_eq!(
        std::fs::read(data.join("session.json")).unwrap(),
        saved,
        "untouched"
    );
    let (_, out) = run(
        certsim_on(&data, &kinds).arg("--plain"),
        "discard\nyes\nquit\n",
    );
    assert!(
        out.contains("The unfinished session was discarded"),
        "{out}"
    );
    assert!(!data.join("session.json").exists());
}
