//! Never lose an attempt or an unfinished session: what the app does when history cannot be
//! written, when the session belongs to another bank or is open in another certsim, when
//! it is damaged, and when autosaves fail. Driven by keys, checked on disk.

mod common;

use std::path::Path;

use certsim::history::{AutosaveStore, HistoryStore};
use certsim::ui::app::{App, AppOptions, Screen};
use certsim::ui::keymap::Context;
use certsim::ui::requested::Requested;
use certsim::ui::transition::{Confirm, NewSession, Overlay};
use common::{fixture, press, t0};

fn temp_dir(name: &str) -> common::Scratch {
    common::Scratch::new(&format!("reliability-{name}"))
}

fn app_on(bank: &str, dir: &Path) -> App {
    App::new(
        fixture(bank),
        AppOptions {
            seed: Some(1),
            data_dir: Some(dir.to_path_buf()),
            bank_dir: Some(Path::new("tests/fixtures").join(bank)),
            ..Default::default()
        },
        t0(),
    )
}

fn message(app: &App) -> String {
    app.message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

fn exam_request() -> Requested {
    Requested::Exam {
        questions: 2,
        minutes: 10,
    }
}

/// An exam on the valid fixture with one answer given, then left (Ctrl-C).
fn leave_an_exam(dir: &Path) {
    let mut first = app_on("valid", dir);
    first.request(exam_request(), t0());
    press(&mut first, "a Ctrl-C");
    assert!(AutosaveStore::new(dir).path().exists());
}

#[test]
fn a_result_that_cannot_be_appended_keeps_the_session_and_says_how_to_retry() {
    let dir = temp_dir("append-fails");
    let mut app = app_on("valid", &dir);
    app.request(exam_request(), t0());
    press(&mut app, "a n b");
    // history.jsonl cannot be opened for appending (a directory is in its place: this
    // fails for every user, root included).
    std::fs::create_dir_all(HistoryStore::new(dir.path()).path()).unwrap();
    press(&mut app, "s y");
    assert!(matches!(app.screen(), Some(Screen::Results(_))));
    let said = message(&app);
    assert!(said.contains("could not be saved"), "{said}");
    assert!(
        said.contains("session.json") && said.contains("exam --resume"),
        "{said}"
    );
    let kept = AutosaveStore::new(dir.path()).load(t0());
    let kept = kept.autosave.expect("the answers are still on disk");
    assert_eq!(kept.session.questions.len(), 2);
    assert!(kept.session.questions.iter().all(|q| !q.chosen.is_empty()));

    // Once the history can be written, resuming and submitting records the attempt once.
    drop(app);
    std::fs::remove_dir(HistoryStore::new(dir.path()).path()).unwrap();
    let mut again = app_on("valid", &dir);
    press(&mut again, "r s y");
    let history = HistoryStore::new(dir.path()).load().unwrap();
    assert_eq!(history.attempts.len(), 1);
    assert!(!AutosaveStore::new(dir.path()).path().exists());
}

#[test]
fn another_banks_session_is_neither_resumed_nor_replaced_without_asking() {
    let dir = temp_dir("other-bank");
    leave_an_exam(&dir);
    let saved = std::fs::read(AutosaveStore::new(dir.path()).path()).unwrap();

    let mut other = app_on("kinds", &dir);
    assert_eq!(other.overlay(), None, "not offered to resume here");
    let said = message(&other);
    assert!(said.contains("fixture-exam"), "names its bank: {said}");
    assert!(
        said.contains("--bank tests/fixtures/valid exam --resume"),
        "says how to resume it: {said}"
    );
    other.resume(t0());
    let said = message(&other);
    assert!(said.contains("belongs to the bank"), "{said}");
    drop(other);
    assert_eq!(
        std::fs::read(AutosaveStore::new(dir.path()).path()).unwrap(),
        saved,
        "untouched"
    );

    // Starting something here asks first; "no" keeps it.
    let mut other = app_on("kinds", &dir);
    other.request(exam_request(), t0());
    assert_eq!(
        other.overlay(),
        Some(Overlay::Confirm(Confirm::ReplaceUnfinished(
            NewSession::Mock
        )))
    );
    press(&mut other, "n");
    assert_eq!(other.context(), Context::Home);
    press(&mut other, "Enter");
    assert_eq!(
        other.overlay(),
        Some(Overlay::Confirm(Confirm::ReplaceUnfinished(
            NewSession::Mock
        ))),
        "the home menu asks too"
    );
    press(&mut other, "n");
    drop(other);
    assert_eq!(
        std::fs::read(AutosaveStore::new(dir.path()).path()).unwrap(),
        saved
    );
    // With its own bank it resumes as ever.
    let mut own = app_on("valid", &dir);
    assert_eq!(own.overlay(), Some(Overlay::Resume));
    press(&mut own, "r");
    assert!(matches!(own.screen(), Some(Screen::Exam(_))));
}

#[test]
fn a_session_open_in_one_app_is_not_offered_by_another_nor_recorded_twice() {
    let dir = temp_dir("two-apps");
    leave_an_exam(&dir);
    let mut first = app_on("valid", &dir);
    press(&mut first, "r");
    assert!(matches!(first.screen(), Some(Screen::Exam(_))));

    let mut second = app_on("valid", &dir);
    assert_eq!(
        second.overlay(),
        None,
        "not offered while open in the first"
    );
    let said = message(&second);
    assert!(
        said.contains(&format!("PID {}", std::process::id())),
        "says who has it: {said}"
    );
    // A new session of its own cannot be saved beside the open one: it does not start.
    second.request(exam_request(), t0());
    common::settle(&mut second);
    assert_eq!(second.context(), Context::Home, "{}", message(&second));
    assert!(message(&second).contains("another certsim"));

    press(&mut first, "s y");
    drop(first);
    let history = HistoryStore::new(dir.path()).load().unwrap();
    assert_eq!(history.attempts.len(), 1);
}

#[test]
fn two_apps_that_resumed_one_file_record_it_once() {
    let dir = temp_dir("resumed-twice");
    leave_an_exam(&dir);
    // Both launched before either took the session: both offer it.
    let mut first = app_on("valid", &dir);
    let mut second = app_on("valid", &dir);
    press(&mut first, "r");
    press(&mut second, "r");
    assert!(matches!(first.screen(), Some(Screen::Exam(_))));
    assert_eq!(
        second.context(),
        Context::Home,
        "the second resume is closed at once: {}",
        message(&second)
    );
    press(&mut first, "s y");
    assert_eq!(
        HistoryStore::new(dir.path()).load().unwrap().attempts.len(),
        1
    );
}

#[test]
fn resume_with_a_damaged_session_says_where_it_went() {
    let dir = temp_dir("damaged-resume");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("session.json"), b"{ torn").unwrap();
    let mut app = app_on("valid", &dir);
    app.resume(t0());
    let said = message(&app);
    assert!(said.contains("no unfinished session to resume"), "{said}");
    assert!(said.contains("session.json.corrupt-"), "says where: {said}");
}

#[test]
fn a_failing_autosave_is_said_once_and_again_on_leaving_with_nothing_left_behind() {
    let dir = temp_dir("autosave-fails");
    // A directory where session.json should go: every save fails, for every user.
    std::fs::create_dir_all(dir.join("session.json").join("in-the-way")).unwrap();
    let mut app = App::new(
        fixture("valid"),
        AppOptions {
            seed: Some(1),
            data_dir: Some(dir.to_path_buf()),
            ..Default::default()
        },
        t0(),
    );
    assert_eq!(app.overlay(), None);
    app.start_exam(2, 10, t0());
    common::settle(&mut app);
    let said = message(&app);
    assert!(
        said.starts_with("Autosave failed"),
        "the first failure is said: {said}"
    );
    press(&mut app, "a");
    assert_eq!(app.message, None, "not repeated on every key");
    press(&mut app, "Ctrl-C");
    let farewell = app.farewell.clone().unwrap_or_default();
    assert!(farewell.contains("could not be saved"), "{farewell}");
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("session.json.tmp"))
        .collect();
    assert_eq!(names, Vec::<String>::new(), "no temporary file left behind");
}
