//! End to end: the real binary in a pseudo-terminal, driven by keys, read back as a screen.

mod common;

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// The real `certsim` running in a pseudo-terminal of 80×24.
struct Session {
    screen: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    /// The terminal's master side; dropping it is closing the terminal window.
    master: Option<Box<dyn portable_pty::MasterPty + Send>>,
    /// Tells the reader thread to let go of its handle on the terminal.
    stop_reading: Arc<std::sync::atomic::AtomicBool>,
}

/// A fresh, empty data directory for one test, so tests never share history or autosaves.
fn data_dir(name: &str) -> common::Scratch {
    common::Scratch::new(&format!("e2e-{name}"))
}

impl Session {
    fn start(data_dir: &str, args: &[&str]) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_certsim"));
        command.args(args);
        command.cwd(env!("CARGO_MANIFEST_DIR"));
        command.env("TERM", "xterm-256color");
        command.env("CERTSIM_DATA_DIR", data_dir);
        command.env("CERTSIM_CACHE_DIR", format!("{data_dir}/cache"));
        let child = pty.slave.spawn_command(command).expect("certsim starts");
        drop(pty.slave);
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            NonZeroU16::new(24).unwrap(),
            NonZeroU16::new(80).unwrap(),
            0,
        )));
        let mut reader = pty.master.try_clone_reader().unwrap();
        let sink = Arc::clone(&screen);
        let stop_reading = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let stop = Arc::clone(&stop_reading);
        std::thread::spawn(move || {
            let mut buffer = [0u8; 4096];
            while let Ok(read) = reader.read(&mut buffer) {
                if read == 0 || stop.load(std::sync::atomic::Ordering::SeqCst) {
                    break;
                }
                sink.lock().unwrap().process(&buffer[..read]);
            }
        });
        let writer = pty.master.take_writer().unwrap();
        Session {
            screen,
            writer,
            child,
            master: Some(pty.master),
            stop_reading,
        }
    }

    fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Waits until the screen shows `text`, failing with the screen after 10 seconds.
    fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if self.contents().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!(
            "the screen never showed {text:?}; it shows:\n{}",
            self.contents()
        );
    }

    fn keys(&mut self, keys: &str) {
        for key in keys.split_whitespace() {
            let bytes: &[u8] = match key {
                "Enter" => b"\r",
                "Esc" => b"\x1b",
                "Tab" => b"\t",
                other => other.as_bytes(),
            };
            self.writer.write_all(bytes).unwrap();
            self.writer.flush().unwrap();
            // A lone Esc is only a key once the next byte is late; give each key its moment.
            std::thread::sleep(Duration::from_millis(60));
        }
    }

    fn exit_code(&mut self) -> u32 {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Only SIGKILL may end certsim by a signal; anything else (an abort) is a bug.
                if let Some(signal) = status.signal().filter(|s| *s != "Killed") {
                    panic!(
                        "certsim was killed by {signal}; the screen shows:\n{}",
                        self.contents()
                    );
                }
                return status.exit_code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        self.child.kill().ok();
        panic!(
            "certsim did not exit; the screen shows:\n{}",
            self.contents()
        );
    }
}

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

impl Session {
    fn pid(&self) -> u32 {
        self.child.process_id().expect("a running child")
    }

    fn signal(&self, name: &str) {
        let status = std::process::Command::new("kill")
            .args([format!("-{name}"), self.pid().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success());
    }

    /// The terminal modes certsim must leave as it found them.
    fn modes(&self) -> (bool, bool, vt100::MouseProtocolMode) {
        let parser = self.screen.lock().unwrap();
        let screen = parser.screen();
        (
            screen.alternate_screen(),
            screen.hide_cursor(),
            screen.mouse_protocol_mode(),
        )
    }
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
    app.signal("KILL");
    app.exit_code();
    resume_and_check(&data.text());
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
