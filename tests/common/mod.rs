//! Shared helpers for flow and screen tests: a fixed clock, fixture banks, key presses by
//! name, and rendering to a test backend.
#![allow(dead_code)]

use std::path::Path;

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use certsim::bank::{self, Bank};
use certsim::ui::app::{App, AppOptions, Effect, Screen};
use certsim::ui::keymap::{action_for, parse_key};
use certsim::ui::question::ExamScreen;

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
            ..Default::default()
        },
        t0(),
    )
}

/// Presses keys named as in the keymap ("a", "Enter", "Esc", "→", "A" for shift-a),
/// separated by spaces, at the app's current time. As in the run loop, the screen is drawn
/// (at `app.size`) before each key, and each key's effects are carried out before the next;
/// all of them are returned.
pub fn press(app: &mut App, keys: &str) -> Vec<Effect> {
    let mut all = Vec::new();
    for name in keys.split_whitespace() {
        let (width, height) = app.size;
        render(app, width, height);
        let key = parse_key(name).unwrap_or_else(|| panic!("unknown key name {name}"));
        if let Some(action) = action_for(app.context(), &key) {
            let now = app.now;
            let effects = app.handle(action, now);
            all.extend(effects.iter().cloned());
            app.execute(effects);
        }
    }
    all
}

/// Carries out whatever is queued (after a direct call such as `start_drill`).
pub fn settle(app: &mut App) -> Vec<Effect> {
    let effects = app.take_effects();
    app.execute(effects.clone());
    effects
}

/// Lets time pass; returns (and carries out) what the tick queued.
pub fn wait(app: &mut App, seconds: i64) -> Vec<Effect> {
    let now = app.now + TimeDelta::seconds(seconds);
    app.tick(now);
    settle(app)
}

/// The running mock exam, wherever it is in the stack (under the grid, too).
pub fn exam(app: &App) -> &ExamScreen {
    app.stack
        .iter()
        .rev()
        .find_map(|screen| match screen {
            Screen::Exam(exam) => Some(exam.as_ref()),
            _ => None,
        })
        .unwrap_or_else(|| panic!("expected an exam, found {:?}", app.screen()))
}

/// The results of the submitted exam, wherever they are in the stack (under the review).
pub fn results(app: &App) -> &certsim::ui::results::ResultsScreen {
    app.stack
        .iter()
        .rev()
        .find_map(|screen| match screen {
            Screen::Results(results) => Some(results.as_ref()),
            _ => None,
        })
        .unwrap_or_else(|| panic!("expected results, found {:?}", app.screen()))
}

/// The post-exam review on top.
pub fn review(app: &App) -> &certsim::ui::review::ReviewState {
    match app.screen() {
        Some(Screen::Review(review)) => review,
        other => panic!("expected the review, found {other:?}"),
    }
}

/// Moves to the first question of the exam that takes `choose` answers.
pub fn go_to_question_choosing(app: &mut App, choose: usize) {
    let target = exam(app)
        .session
        .items
        .iter()
        .position(|item| item.shown.choose() == choose)
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

/// A scratch folder under the temp dir, removed when the guard goes out of scope — also
/// when the test fails, since unwinding drops it.
pub struct Scratch(std::path::PathBuf);

impl Scratch {
    /// A fresh, empty folder named for the test and this process.
    pub fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("certsim-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        Scratch(dir)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl std::ops::Deref for Scratch {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl AsRef<Path> for Scratch {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl Scratch {
    /// The path as text, for command lines and environment variables.
    pub fn text(&self) -> String {
        self.0.display().to_string()
    }
}

/// The options chosen on question `index` of a session (a choice question).
pub fn chosen(session: &certsim::exam::Session, index: usize) -> std::collections::BTreeSet<usize> {
    match &session.items[index].response {
        certsim::exam::Response::Choice(chosen) => chosen.clone(),
        other => panic!("a choice question expected, found {other:?}"),
    }
}

/// Every question's flag, in order.
pub fn flags(session: &certsim::exam::Session) -> Vec<bool> {
    session.items.iter().map(|item| item.flagged).collect()
}

/// The kind of the question shown in the post-exam review.
pub fn review_question_kind(app: &App) -> certsim::bank::Kind {
    results(app)
        .session
        .item(review(app).current())
        .shown
        .kind()
}
