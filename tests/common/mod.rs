//! Shared helpers for flow and screen tests: a fixed clock, fixture banks, key presses by
//! name, and rendering to a test backend.
#![allow(dead_code)]

use std::path::Path;

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use certsim::bank::{self, Bank};
use certsim::ui::app::{App, AppOptions, ExamScreen, Screen};
use certsim::ui::keymap::{action_for, parse_key};

pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap()
}

pub fn fixture(name: &str) -> Bank {
    bank::load_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
    )
    .unwrap()
}

/// An app on a fixture bank at a fixed time, every exam seeded with 1.
pub fn app(bank_name: &str) -> App {
    App::new(
        fixture(bank_name),
        AppOptions {
            seed: Some(1),
            data_dir: None,
        },
        t0(),
    )
}

/// Presses keys named as in the keymap ("a", "Enter", "Esc", "→", "A" for shift-a),
/// separated by spaces, at the app's current time.
pub fn press(app: &mut App, keys: &str) {
    for name in keys.split_whitespace() {
        let key = parse_key(name).unwrap_or_else(|| panic!("unknown key name {name}"));
        if let Some(action) = action_for(app.context(), &key) {
            let now = app.now;
            app.handle(action, now);
        }
    }
}

/// Lets time pass.
pub fn wait(app: &mut App, seconds: i64) {
    let now = app.now + TimeDelta::seconds(seconds);
    app.tick(now);
}

pub fn exam(app: &App) -> &ExamScreen {
    match &app.screen {
        Screen::Exam(exam) => exam,
        other => panic!("expected an exam, found {other:?}"),
    }
}

/// Moves to the first question of the exam that takes `choose` answers.
pub fn go_to_question_choosing(app: &mut App, choose: usize) {
    let target = exam(app)
        .session
        .items
        .iter()
        .position(|item| item.choose() == choose)
        .expect("the fixture has such a question");
    while exam(app).session.current < target {
        press(app, "n");
    }
    while exam(app).session.current > target {
        press(app, "p");
    }
}

/// Draws the app at `width`×`height` and returns the screen as text.
pub fn render(app: &mut App, width: u16, height: u16) -> String {
    app.size = (width, height);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| frame.render_widget(&*app, frame.area()))
        .unwrap();
    terminal.backend().to_string()
}

pub struct ExamRef {
    pub key: std::collections::BTreeSet<usize>,
}

/// The answer key (shown positions) of the current exam question.
pub fn current_key(app: &App) -> ExamRef {
    ExamRef {
        key: exam(app).session.current_item().correct_positions(),
    }
}
