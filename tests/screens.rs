//! Every screen and state drawn at 80×24 and 120×40, compared with reviewed snapshots
//! (tests/snapshots/). Text only: styles are exercised by the NO_COLOR-free render.

mod common;

use certsim::ui::app::App;
use common::{app, go_to_question_choosing, press, render, wait};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn snapshot_at_both_sizes(name: &str, app: &mut App) {
    for (width, height) in SIZES {
        let screen = render(app, width, height);
        insta::assert_snapshot!(format!("{name}_{width}x{height}"), screen);
    }
}

/// An app with an exam under way on the screens fixture.
fn exam_app() -> App {
    let mut app = app("screens");
    press(&mut app, "Enter Enter");
    app
}

#[test]
fn home() {
    snapshot_at_both_sizes("home", &mut app("screens"));
}

#[test]
fn setup() {
    let mut app = app("screens");
    press(&mut app, "Enter Tab");
    snapshot_at_both_sizes("setup", &mut app);
}

#[test]
fn question_single_answer() {
    let mut app = exam_app();
    go_to_question_choosing(&mut app, 1);
    press(&mut app, "b");
    wait(&mut app, 75);
    snapshot_at_both_sizes("question_single", &mut app);
}

#[test]
fn question_multiple_response_flagged_with_a_strike_and_a_refusal() {
    let mut app = exam_app();
    go_to_question_choosing(&mut app, 2);
    press(&mut app, "m a c E e");
    snapshot_at_both_sizes("question_multi", &mut app);
}

#[test]
fn question_with_the_ten_minute_warning() {
    let mut app = app("screens");
    press(&mut app, "Enter Tab 3 0 Enter");
    wait(&mut app, 20 * 60 + 5);
    snapshot_at_both_sizes("question_warning", &mut app);
}

#[test]
fn question_in_the_last_minute() {
    let mut app = exam_app();
    wait(&mut app, 9 * 60 + 30);
    snapshot_at_both_sizes("question_last_minute", &mut app);
}

#[test]
fn grid() {
    let mut app = exam_app();
    press(&mut app, "a m n n b r");
    snapshot_at_both_sizes("grid", &mut app);
}

/// At 60×20 nothing is cut mid-word: the home menu drops its descriptions, the grid puts its
/// filter under the counts and shortens the legend.
#[test]
fn home_and_grid_at_60x20() {
    let mut home = app("screens");
    let screen = render(&mut home, 60, 20);
    assert!(!screen.contains("timed, every"), "{screen}");
    insta::assert_snapshot!("home_60x20", screen);
    let mut grid = exam_app();
    press(&mut grid, "a m n n b r Tab");
    let screen = render(&mut grid, 60, 20);
    assert!(screen.contains(" showing: not done"), "{screen}");
    assert!(screen.contains("⚑ flagged "), "{screen}");
    insta::assert_snapshot!("grid_60x20", screen);
}

#[test]
fn grid_filtered_to_not_done() {
    let mut app = exam_app();
    press(&mut app, "a n n b r Tab");
    snapshot_at_both_sizes("grid_not_done", &mut app);
}

#[test]
fn submit_confirmation() {
    let mut app = exam_app();
    press(&mut app, "a m s");
    snapshot_at_both_sizes("confirm_submit", &mut app);
}

#[test]
fn quit_dialog_and_abandon_confirmation() {
    let mut app = exam_app();
    press(&mut app, "q");
    snapshot_at_both_sizes("quit_dialog", &mut app);
    press(&mut app, "a");
    snapshot_at_both_sizes("confirm_abandon", &mut app);
}

#[test]
fn help_over_the_question() {
    let mut app = exam_app();
    press(&mut app, "?");
    snapshot_at_both_sizes("help_question", &mut app);
}

/// Answers the first two questions right and the rest not at all, then submits.
fn results_app() -> App {
    let mut app = exam_app();
    for _ in 0..2 {
        let common::ExamRef { key } = common::current_key(&app);
        for position in key {
            press(&mut app, &char::from(b'a' + position as u8).to_string());
        }
        press(&mut app, "m n");
    }
    wait(&mut app, 200);
    press(&mut app, "s y");
    app
}

#[test]
fn results() {
    snapshot_at_both_sizes("results", &mut results_app());
}

#[test]
fn review_of_missed_questions() {
    let mut app = results_app();
    press(&mut app, "m");
    snapshot_at_both_sizes("review_missed", &mut app);
}

#[test]
fn review_of_a_long_question_scrolled() {
    let mut app = results_app();
    press(&mut app, "a");
    for _ in 0..5 {
        let done = {
            let results = common::results(&app);
            let review = common::review(&app);
            results.session.items[review.current()].shown.question.id == "q-delta-long"
        };
        if done {
            break;
        }
        press(&mut app, "n");
    }
    app.size = (80, 24);
    press(&mut app, "PgDn");
    snapshot_at_both_sizes("review_long_scrolled", &mut app);
}

#[test]
fn too_small_a_window() {
    let mut app = exam_app();
    let screen = render(&mut app, 40, 10);
    insta::assert_snapshot!("too_small_40x10", screen);
}

#[test]
fn every_screen_draws_at_every_size_without_panicking() {
    let mut apps = vec![app("screens"), exam_app(), results_app()];
    let mut review = results_app();
    press(&mut review, "a");
    apps.push(review);
    let mut grid = exam_app();
    press(&mut grid, "r");
    apps.push(grid);
    let mut help = exam_app();
    press(&mut help, "s");
    apps.push(help);
    let mut setup = app("screens");
    press(&mut setup, "↓ Enter");
    apps.push(setup);
    let mut checked = drill_app();
    press(&mut checked, "a Enter");
    apps.push(checked);
    let mut summary = drill_app();
    press(&mut summary, "a Enter q e");
    apps.push(summary);
    let mut history = results_app();
    press(&mut history, "q ↓ ↓ ↓ Enter");
    apps.push(history);
    for app in &mut apps {
        for width in (1..=200).step_by(13) {
            for height in (1..=60).step_by(7) {
                render(app, width, height);
            }
        }
    }
}

#[test]
fn drill_setup() {
    let mut app = app("screens");
    press(&mut app, "↓ Enter ↓ →");
    snapshot_at_both_sizes("drill_setup", &mut app);
}

/// A drill on task 1.2 of the screens fixture (its long question included).
fn drill_app() -> App {
    let mut app = app("screens");
    press(&mut app, "↓ Enter → Enter");
    app
}

#[test]
fn drill_question_before_checking() {
    let mut app = drill_app();
    press(&mut app, "a");
    snapshot_at_both_sizes("drill_question", &mut app);
}

#[test]
fn drill_feedback_after_checking() {
    let mut app = drill_app();
    press(&mut app, "b Enter");
    snapshot_at_both_sizes("drill_feedback", &mut app);
}

#[test]
fn drill_summary() {
    let mut app = drill_app();
    for _ in 0..3 {
        press(&mut app, "a Enter n");
    }
    snapshot_at_both_sizes("drill_summary", &mut app);
}

#[test]
fn history_with_mock_exams_and_a_drill() {
    let mut app = results_app();
    press(&mut app, "q");
    wait(&mut app, 3600);
    press(&mut app, "Enter Enter");
    let key = common::current_key(&app).key;
    for position in key {
        press(&mut app, &char::from(b'a' + position as u8).to_string());
    }
    press(
        &mut app,
        "s y q ↓ Enter → Enter a Enter q e Enter ↓ ↓ ↓ Enter",
    );
    snapshot_at_both_sizes("history", &mut app);
    // At the 60×20 minimum the table drops the year and scope; score and time still show.
    let small = common::render(&mut app, 60, 20);
    assert!(
        small.contains("325 FAIL") && small.contains("3:20"),
        "{small}"
    );
    insta::assert_snapshot!("history_60x20", small);
    // Tab: the analytics pane, by service, qualifier, pace and a trend chart.
    press(&mut app, "Tab");
    snapshot_at_both_sizes("history_analytics", &mut app);
    press(&mut app, "Tab");
    assert!(
        common::render(&mut app, 80, 24).contains("325 FAIL"),
        "Tab comes back"
    );
}

#[test]
fn resume_offer_at_launch() {
    let dir = common::Scratch::new("screens-resume");
    let options = || certsim::ui::app::AppOptions {
        seed: Some(1),
        data_dir: Some(dir.to_path_buf()),
        ..Default::default()
    };
    let mut first = App::new(common::fixture("screens"), options(), common::t0());
    press(&mut first, "Enter Enter a m n b");
    wait(&mut first, 95);
    press(&mut first, "n");
    drop(first);
    let mut second = App::new(common::fixture("screens"), options(), common::t0());
    snapshot_at_both_sizes("resume_offer", &mut second);
    // `certsim exam --questions 2 --minutes 5` with the session waiting: the offer says
    // what discarding it starts.
    let asked = certsim::ui::app::Requested::Exam {
        questions: 2,
        minutes: 5,
    };
    second.request(asked, common::t0());
    snapshot_at_both_sizes("resume_offer_with_a_request", &mut second);
}

/// An exam on the fixture with an ordering, a matching and a choice question, at the
/// question of the given kind.
fn kinds_exam_at(kind: certsim::bank::Kind) -> App {
    let mut app = app("kinds");
    press(&mut app, "Enter Enter");
    while common::exam(&app).session.current_item().kind() != kind {
        press(&mut app, "n");
    }
    app
}

#[test]
fn ordering_unanswered_and_partly_placed() {
    let mut app = kinds_exam_at(certsim::bank::Kind::Ordering);
    snapshot_at_both_sizes("ordering_unanswered", &mut app);
    press(&mut app, "c a");
    snapshot_at_both_sizes("ordering_partly", &mut app);
}

#[test]
fn matching_unanswered_and_partly_matched() {
    let mut app = kinds_exam_at(certsim::bank::Kind::Matching);
    snapshot_at_both_sizes("matching_unanswered", &mut app);
    press(&mut app, "2 b");
    snapshot_at_both_sizes("matching_partly", &mut app);
}

#[test]
fn ordering_and_matching_in_review() {
    let mut app = kinds_exam_at(certsim::bank::Kind::Ordering);
    press(&mut app, "a b c d");
    let mut app_m = kinds_exam_at(certsim::bank::Kind::Matching);
    press(&mut app_m, "1 a 2 c");
    press(&mut app, "s y a");
    while common::review_question_kind(&app) != certsim::bank::Kind::Ordering {
        press(&mut app, "n");
    }
    snapshot_at_both_sizes("review_ordering", &mut app);
    press(&mut app_m, "s y a");
    while common::review_question_kind(&app_m) != certsim::bank::Kind::Matching {
        press(&mut app_m, "n");
    }
    snapshot_at_both_sizes("review_matching", &mut app_m);
}

#[test]
fn results_scroll_on_a_short_window_to_the_official_guide_section() {
    let bank = certsim::embedded::load().unwrap();
    let options = certsim::ui::app::AppOptions {
        seed: Some(1),
        ..Default::default()
    };
    let mut app = App::new(bank, options, common::t0());
    app.start_exam(30, 130, common::t0());
    press(&mut app, "s y");
    let top = render(&mut app, 60, 20);
    assert!(top.contains("PgDn: more below"), "{top}");
    assert!(!top.contains("By official exam guide"), "{top}");
    press(&mut app, "PgDn PgDn");
    let bottom = render(&mut app, 60, 20);
    assert!(bottom.contains("By official exam guide"), "{bottom}");
    assert!(bottom.contains("PgUp: more above"), "{bottom}");
    press(&mut app, "↑");
    let one_up = render(&mut app, 60, 20);
    assert_ne!(one_up, bottom, "↑ scrolls back a line");
}

#[test]
fn home_with_a_plan_and_the_settings_screen() {
    let mut app = common::app("screens");
    app.set_exam_date(Some(
        common::t0().date_naive() + chrono::TimeDelta::days(20),
    ));
    snapshot_at_both_sizes("home_with_a_plan", &mut app);
    press(&mut app, "↓ ↓ ↓ ↓ Enter");
    press(&mut app, &["Backspace"; 8].join(" "));
    press(&mut app, "2 0 2 6 1");
    snapshot_at_both_sizes("settings", &mut app);
}
