//! End to end: the real binary in a pseudo-terminal, driven by keys, read back as a screen.

mod common;
mod pty;

use std::io::Write;
use std::time::{Duration, Instant};

use pty::{Session, data_dir};

#[test]
fn a_three_question_exam_from_start_to_review_and_out() {
    let bank = format!("{}/tests/fixtures/valid", env!("CARGO_MANIFEST_DIR"));
    let data = data_dir("exam");
    let mut app = Session::start(
        &data.text(),
        &["--bank", &bank, "exam", "--questions", "3", "--seed", "1"],
    );
    app.wait_for("Question 1 of 3");
    app.keys("a");
    app.wait_for("(•) A.");
    app.keys("m n");
    app.wait_for("Question 2 of 3");
    app.keys("b n");
    app.wait_for("Question 3 of 3");
    app.keys("r");
    app.wait_for("2 answered · 0 incomplete · 1 unanswered");
    app.keys("s");
    app.wait_for("Submit the exam?");
    app.wait_for("1 question is unanswered");
    app.keys("y");
    app.wait_for("Scaled score");
    app.wait_for("seed 1");
    app.wait_for("By task statement");
    app.keys("f");
    app.wait_for("Review · flagged questions");
    app.wait_for("Explanation");
    app.keys("Esc a");
    app.wait_for("Review · all questions");
    app.keys("n n");
    app.wait_for("3 of 3");
    app.wait_for("Not answered");
    app.keys("Esc q");
    app.wait_for("Mock exam");
    app.keys("q");
    assert_eq!(app.exit_code(), 0);
}

#[test]
fn the_home_screen_shows_the_embedded_bank_and_quits_on_q() {
    let home = data_dir("home");
    let mut app = Session::start(&home.text(), &[]);
    app.wait_for("AWS Certified Data Engineer");
    app.wait_for("Task 4.1 Monitor and troubleshoot data pipelines");
    app.keys("?");
    app.wait_for("Keys");
    app.keys("Esc q");
    assert_eq!(app.exit_code(), 0);
}

fn start_exam(data: &str) -> Session {
    let bank = format!("{}/tests/fixtures/valid", env!("CARGO_MANIFEST_DIR"));
    let app = Session::start(
        data,
        &["--bank", &bank, "exam", "--questions", "3", "--seed", "1"],
    );
    app.wait_for("Question 1 of 3");
    app
}

/// Relaunches on the same data directory and resumes; checks every answer and flag.
fn resume_and_check(data: &str) {
    let bank = format!("{}/tests/fixtures/valid", env!("CARGO_MANIFEST_DIR"));
    let mut again = Session::start(data, &["--bank", &bank]);
    again.wait_for("Resume?");
    again.wait_for("1 flagged");
    again.keys("r");
    again.wait_for("Question 2 of 3");
    again.wait_for("(•) B.");
    again.keys("p");
    again.wait_for("⚑ Marked for review");
    again.wait_for("(•) A.");
    again.keys("q a y q");
    assert_eq!(again.exit_code(), 0);
}

#[test]
fn killed_with_sigkill_then_resumed_with_every_answer_and_flag() {
    let data = data_dir("sigkill");
    let mut app = start_exam(&data.text());
    app.keys("a m n b");
    app.wait_for("(•) B.");
    // The autosave is written right after the frame that shows the change (before the next
    // key is read): kill once it is on disk, not merely on screen.
    wait_for_saved_answer(&data.text(), 1);
    app.signal("KILL");
    app.exit_code();
    resume_and_check(&data.text());
}

/// Waits until session.json holds an answer to question `index` (0-based).
fn wait_for_saved_answer(data: &str, index: usize) {
    let path = std::path::Path::new(data).join("session.json");
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(10) {
        let saved: Option<serde_json::Value> = std::fs::read(&path)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok());
        let answered = saved.is_some_and(|saved| {
            saved["session"]["questions"][index]["chosen"]
                .as_array()
                .is_some_and(|chosen| !chosen.is_empty())
        });
        if answered {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!(
        "question {} was never saved in {}",
        index + 1,
        path.display()
    );
}

#[test]
fn sigterm_and_sighup_save_restore_the_terminal_and_exit_non_zero() {
    for (signal, code) in [("TERM", 143), ("HUP", 129)] {
        let data = data_dir(&format!("sig{signal}"));
        let mut app = start_exam(&data.text());
        assert!(app.modes().0, "certsim draws on the alternate screen");
        app.keys("a m n b");
        app.wait_for("(•) B.");
        app.signal(signal);
        assert_eq!(app.exit_code(), code, "SIG{signal}");
        std::thread::sleep(Duration::from_millis(100));
        assert_eq!(
            app.modes(),
            (false, false, vt100::MouseProtocolMode::None),
            "SIG{signal}: main screen, cursor shown, mouse reporting off"
        );
        resume_and_check(&data.text());
    }
}

#[test]
fn ctrl_c_keeps_the_session_and_exits_130() {
    let data = data_dir("ctrlc");
    let mut app = start_exam(&data.text());
    app.keys("a m n b");
    app.wait_for("(•) B.");
    app.writer.write_all(b"\x03").unwrap();
    assert_eq!(app.exit_code(), 130);
    app.wait_for("2 of 3 answered, ");
    app.wait_for("exam --resume");
    resume_and_check(&data.text());
}

#[test]
fn closing_the_terminal_window_saves_and_ends_certsim() {
    let data = data_dir("hangup");
    let mut app = start_exam(&data.text());
    app.keys("a m n b");
    app.wait_for("(•) B.");
    // The window closes: every handle on the terminal's master side goes (the reader lets go
    // at the next countdown redraw), and the kernel hangs the session up.
    app.stop_reading
        .store(true, std::sync::atomic::Ordering::SeqCst);
    app.writer = Box::new(std::io::sink());
    drop(app.master.take());
    let start = Instant::now();
    let code = app.exit_code();
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "certsim ended promptly, not spinning on the dead tty"
    );
    assert_eq!(code, 129, "SIGHUP");
    resume_and_check(&data.text());
}

/// Ordering and matching questions through the real binary: placed and matched by keys,
/// shown as answered, submitted, and reviewed beside the key.
#[test]
fn ordering_and_matching_questions_from_start_to_review() {
    let bank = format!("{}/tests/fixtures/kinds", env!("CARGO_MANIFEST_DIR"));
    let data = data_dir("kinds");
    let mut app = Session::start(
        &data.text(),
        &["--bank", &bank, "exam", "--questions", "3", "--seed", "1"],
    );
    app.wait_for("Question 1 of 3");
    // Whatever kind each question is, these keys answer something on it: a letter places a
    // step or chooses an option, a digit then a letter matches an answer.
    for question in 1..=3 {
        let screen = app.contents();
        if screen.contains("Your order so far") {
            app.keys("b a");
            app.wait_for("  2. A ");
        } else if screen.contains("Match each prompt") {
            app.keys("1 c");
            app.wait_for("→ C.");
        } else {
            app.keys("a");
            app.wait_for("(•) A.");
        }
        if question < 3 {
            app.keys("n");
            app.wait_for(&format!("Question {} of 3", question + 1));
        }
    }
    app.keys("s");
    app.wait_for("Submit the exam?");
    app.keys("y");
    app.wait_for("Scaled score");
    app.keys("a");
    app.wait_for("Review · all questions");
    let mut seen = (false, false);
    for _ in 0..3 {
        let screen = app.contents();
        seen.0 |= screen.contains("The correct order, beside yours");
        seen.1 |= screen.contains("Each prompt with its answer, beside yours");
        app.keys("n");
    }
    assert!(seen.0 && seen.1, "both kinds are reviewed beside their key");
    app.keys("Esc q q");
    assert_eq!(app.exit_code(), 0);
}

/// `q` then `s`: the session is saved, the terminal restored, one line says what was saved
/// and how to resume it, and that command brings every answer and flag back.
#[test]
fn save_and_exit_prints_how_to_resume_and_resume_brings_it_back() {
    let data = data_dir("save-exit");
    let bank = format!("{}/tests/fixtures/valid", env!("CARGO_MANIFEST_DIR"));
    let mut app = start_exam(&data.text());
    app.keys("a m n b");
    app.wait_for("(•) B.");
    app.keys("q");
    app.wait_for("Leave the exam?");
    app.keys("s");
    assert_eq!(app.exit_code(), 0);
    app.wait_for("is saved (");
    app.wait_for(&format!(
        "Resume it with: certsim --data-dir {} --bank {bank} exam --resume",
        data.text()
    ));
    let (alternate, hidden, _) = app.modes();
    assert!(!alternate && !hidden, "the terminal is restored");
    let mut again = Session::start(&data.text(), &["--bank", &bank, "exam", "--resume"]);
    again.wait_for("Question 2 of 3");
    again.wait_for("(•) B.");
    again.keys("p");
    again.wait_for("⚑ Marked for review");
    again.wait_for("(•) A.");
    again.keys("q a y q");
    assert_eq!(again.exit_code(), 0);
}
