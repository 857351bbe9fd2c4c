//! End to end, through the real binary in a pseudo-terminal: input that must never stop
//! the clock, signals or the terminal's restoration.

mod common;
mod pty;

use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use pty::{Session, data_dir};

fn valid_bank() -> String {
    format!("{}/tests/fixtures/valid", env!("CARGO_MANIFEST_DIR"))
}

/// An unfinished one-minute exam with `seconds_left` to go, saved in `data`.
fn exam_nearly_out_of_time(data: &str, seconds_left: i64) {
    let bank = valid_bank();
    let mut app = Session::start(
        data,
        &[
            "--bank",
            &bank,
            "exam",
            "--questions",
            "3",
            "--minutes",
            "1",
            "--seed",
            "1",
        ],
    );
    app.wait_for("Question 1 of 3");
    app.keys("a");
    app.wait_for("(•) A.");
    app.signal("KILL");
    app.exit_code();
    let path = Path::new(data).join("session.json");
    let mut saved: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).expect("an autosave")).expect("json");
    saved["session"]["elapsed_ms"] = serde_json::json!(60_000 - seconds_left * 1000);
    std::fs::write(&path, serde_json::to_vec(&saved).unwrap()).unwrap();
}

/// After the bytes of an unfinished escape sequence (Alt+[ is `ESC [`; a paste that never
/// ends starts with `ESC [200~`), the countdown still runs, the exam is submitted at zero,
/// and SIGTERM still ends certsim promptly with the terminal restored, cursor shown.
#[test]
fn an_unfinished_escape_sequence_never_stops_the_clock_or_the_signals() {
    for (name, bytes) in [("alt", &b"\x1b["[..]), ("paste", &b"\x1b[200~"[..])] {
        let data = data_dir(&format!("partial-escape-{name}"));
        exam_nearly_out_of_time(&data.text(), 3);
        let mut app = Session::start(&data.text(), &["--bank", &valid_bank(), "exam", "--resume"]);
        app.wait_for("Question 1 of 3");
        app.writer.write_all(bytes).unwrap();
        app.writer.flush().unwrap();
        app.wait_for("Scaled score");
        app.wait_for("Time is up");
        app.signal("TERM");
        let start = Instant::now();
        assert_eq!(app.exit_code(), 143, "{name}");
        assert!(
            start.elapsed() < Duration::from_millis(900),
            "{name}: ended by the loop, not by the watchdog"
        );
        std::thread::sleep(Duration::from_millis(100));
        assert_eq!(
            app.modes(),
            (false, false, vt100::MouseProtocolMode::None),
            "{name}: main screen, cursor shown, mouse reporting off"
        );
    }
}
