//! Drill, review of missed questions, history, autosave and resume, driven by keys.

mod common;

use std::path::Path;

use certsim::history::{AutosaveStore, HistoryStore, Mode};
use certsim::ui::app::{App, AppOptions, Confirm, Overlay, Requested, Screen};
use certsim::ui::keymap::Context;
use common::{fixture, press, t0};

fn temp_dir(name: &str) -> common::Scratch {
    common::Scratch::new(&format!("flow-{name}"))
}

fn app_with_data(dir: &Path) -> App {
    App::new(
        fixture("valid"),
        AppOptions {
            seed: Some(1),
            data_dir: Some(dir.to_path_buf()),
            ..Default::default()
        },
        t0(),
    )
}

fn in_memory() -> App {
    common::app("valid")
}

/// Presses the letter of each correct (or, with `right = false`, one wrong) option of the
/// current drill question, then Enter to check it.
fn answer_practice(app: &mut App, right: bool) {
    let Some(Screen::Practice(practice)) = app.screen() else {
        panic!("practice expected")
    };
    let item = practice.session.current_item();
    let key = item.correct_positions();
    let positions: Vec<usize> = if right {
        key.into_iter().collect()
    } else {
        vec![(0..item.option_count()).find(|p| !key.contains(p)).unwrap()]
    };
    for position in positions {
        press(app, &char::from(b'a' + position as u8).to_string());
    }
    press(app, "Enter");
}

#[test]
fn a_drill_from_the_home_menu_gives_feedback_and_a_summary_and_is_recorded() {
    let mut app = in_memory();
    press(&mut app, "↓ Enter");
    assert!(matches!(app.screen(), Some(Screen::DrillSetup(_))));
    press(&mut app, "Enter");
    assert_eq!(app.context(), Context::Practice);
    press(&mut app, "Enter");
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .text
            .contains("Choose an answer first")
    );
    press(&mut app, "n");
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .text
            .contains("Check your answer first")
    );
    answer_practice(&mut app, true);
    let Some(Screen::Practice(practice)) = app.screen() else {
        panic!()
    };
    assert!(practice.is_checked(), "Enter checks the answer");
    assert_eq!(practice.correct_so_far(), 1);
    // Checked, the footer offers going on, not choosing.
    assert_eq!(app.context(), Context::Feedback);
    let hints = certsim::ui::keymap::footer_hints(Context::Feedback);
    assert!(hints.iter().any(|(_, word)| *word == "next"), "{hints:?}");
    assert!(hints.iter().all(|(_, word)| *word != "choose"), "{hints:?}");
    press(&mut app, "a");
    assert!(
        app.message.as_ref().unwrap().text.contains("checked"),
        "a checked answer cannot change"
    );
    press(&mut app, "n");
    answer_practice(&mut app, false);
    press(&mut app, "Enter");
    let Some(Screen::Summary(summary)) = app.screen() else {
        panic!("summary expected, got {:?}", app.screen())
    };
    assert_eq!(
        (summary.results.tally.correct, summary.results.tally.total),
        (1, 2)
    );
    assert_eq!(summary.results.topics.len(), 2, "task 1.1 has two topics");
    assert_eq!(app.attempts.len(), 1);
    assert_eq!(app.attempts[0].mode, Mode::Drill);
    assert_eq!(app.attempts[0].task.as_deref(), Some("1.1"));
    press(&mut app, "Enter");
    assert_eq!(app.context(), Context::Home);
}

#[test]
fn the_drill_setup_picks_the_task_topic_and_count() {
    let mut app = in_memory();
    press(&mut app, "↓ Enter → ↓ → → ↓ 1 Enter");
    assert!(
        matches!(app.screen(), Some(Screen::DrillSetup(_))),
        "delta has no question yet"
    );
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .text
            .contains("No question matches")
    );
    press(&mut app, "↑ ← Enter");
    let Some(Screen::Practice(practice)) = app.screen() else {
        panic!("practice expected")
    };
    assert_eq!(practice.filters.task.as_deref(), Some("1.2"));
    assert_eq!(practice.filters.topic.as_deref(), Some("gamma"));
    assert_eq!(practice.session.len(), 1, "the count typed was 1");
}

/// Reviews every question of the pool right, from the home menu.
fn review_all_right(app: &mut App) {
    press(app, "↓ ↓ Enter");
    let Some(Screen::Practice(practice)) = app.screen() else {
        panic!("review expected, found {:?}", app.screen())
    };
    assert_eq!(practice.mode, Mode::Review);
    for _ in 0..practice.session.len() {
        answer_practice(app, true);
        press(app, "n");
    }
    assert!(matches!(app.screen(), Some(Screen::Summary(_))));
    press(app, "Enter");
}

#[test]
fn missed_questions_come_back_in_review_spaced_over_days_until_mastered() {
    let mut app = in_memory();
    // A mock exam with nothing answered: every question is missed.
    press(&mut app, "Enter Enter s y q");
    assert_eq!(app.derived().stats.mastery.in_review, 4);
    assert_eq!(app.due_count(), 0, "just seen with its key: not due yet");
    // Right three times within minutes of seeing the key is memory of the key: not mastered.
    for _ in 0..3 {
        review_all_right(&mut app);
        common::wait(&mut app, 60);
    }
    assert_eq!(app.derived().stats.mastery.mastered, 0);
    // Spaced out over weeks, each review when it comes due, they are.
    let started = app.now;
    let mut rounds = 0;
    while app.derived().stats.mastery.mastered < 4 {
        rounds += 1;
        assert!(rounds <= 8, "mastered within a few spaced reviews");
        let next = app.derived().next_due.expect("a review comes due");
        let wait = (next - app.now).num_seconds() + 60;
        common::wait(&mut app, wait);
        assert_eq!(app.due_count(), 4, "all four come due together");
        review_all_right(&mut app);
    }
    assert!(
        app.now - started >= chrono::TimeDelta::days(14),
        "{rounds} rounds"
    );
    assert_eq!(app.due_count(), 0);
}

#[test]
fn todays_plan_starts_from_the_drill_setup_with_one_key() {
    let mut app = in_memory();
    press(&mut app, "↓ Enter t");
    let Some(Screen::Practice(practice)) = app.screen() else {
        panic!("today's plan expected, found {:?}", app.screen())
    };
    assert_eq!(practice.mode, Mode::Drill);
    assert_eq!(practice.filters.task, None, "every task statement");
    assert_eq!(
        practice.session.len(),
        4,
        "no exam date: up to 10 new, all 4 unseen"
    );

    // Two days to the exam: half the unseen questions today.
    let mut app = in_memory();
    app.set_exam_date(Some(t0().date_naive() + chrono::TimeDelta::days(2)));
    assert_eq!(app.derived().plan.new_today, Some(2));
    press(&mut app, "↓ Enter t");
    let Some(Screen::Practice(practice)) = app.screen() else {
        panic!("today's plan expected")
    };
    assert_eq!(practice.session.len(), 2);
}

#[test]
fn ending_a_drill_early_keeps_what_was_checked() {
    let mut app = in_memory();
    press(&mut app, "↓ Enter Enter");
    answer_practice(&mut app, true);
    press(&mut app, "n q");
    assert_eq!(
        app.overlay(),
        Some(Overlay::Quit(certsim::ui::transition::QuitKind::Practice {
            checked: 1
        }))
    );
    press(&mut app, "e");
    let Some(Screen::Summary(summary)) = app.screen() else {
        panic!("summary expected")
    };
    assert_eq!((summary.answered, summary.questions), (1, 2));
    assert_eq!(app.attempts[0].answers.len(), 1);
}

#[test]
fn history_is_kept_on_disk_and_shown() {
    let dir = temp_dir("history");
    let mut app = app_with_data(&dir);
    press(&mut app, "Enter Enter a s y");
    press(&mut app, "q ↓ ↓ ↓ Enter");
    assert_eq!(app.context(), Context::History);
    let loaded = HistoryStore::new(dir.path()).load().unwrap();
    assert_eq!(loaded.attempts.len(), 1);
    assert_eq!(loaded.attempts[0].mode, Mode::Mock);
    assert!(loaded.attempts[0].scaled.is_some());
    let again = app_with_data(&dir);
    assert_eq!(again.attempts.len(), 1, "a new run sees the history");
    assert!(
        !AutosaveStore::new(dir.path()).path().exists(),
        "a finished exam leaves no autosave"
    );
}

#[test]
fn an_unfinished_exam_is_offered_at_launch_and_resumes_as_it_was() {
    let dir = temp_dir("resume");
    let mut first = app_with_data(&dir);
    press(&mut first, "Enter Enter a m n c n");
    let before = common::exam(&first).session.clone();
    drop(first); // the process dies: no quit, no submit
    let mut second = app_with_data(&dir);
    assert_eq!(second.overlay(), Some(Overlay::Resume));
    assert_eq!(second.context(), Context::Resume);
    press(&mut second, "r");
    let after = &common::exam(&second).session;
    let responses = |s: &certsim::exam::Session| -> Vec<_> {
        s.items.iter().map(|item| item.response.clone()).collect()
    };
    assert_eq!(responses(after), responses(&before));
    assert_eq!(common::flags(after), common::flags(&before));
    assert_eq!(after.current, before.current);
    assert_eq!(after.remaining(second.now), before.remaining(t0()));
}

#[test]
fn a_session_asked_for_on_the_command_line_starts_once_the_unfinished_one_is_discarded() {
    let dir = temp_dir("requested");
    let mut first = app_with_data(&dir);
    press(&mut first, "Enter Enter a");
    drop(first);
    let mut second = app_with_data(&dir);
    let exam = Requested::Exam {
        questions: 2,
        minutes: 7,
    };
    second.request(exam, t0());
    assert_eq!(
        second.overlay(),
        Some(Overlay::Resume),
        "the offer comes first"
    );
    assert!(
        second
            .screen()
            .is_some_and(|s| matches!(s, Screen::Home(_)))
    );
    press(&mut second, "d y");
    let session = &common::exam(&second).session;
    assert_eq!(session.items.len(), 2, "the question count asked for");
    assert_eq!(
        session.remaining(second.now),
        Some(chrono::TimeDelta::minutes(7)),
        "the minutes asked for"
    );

    // A drill asked for while a session waits: resuming keeps the old one, nothing else starts.
    drop(second);
    let mut third = app_with_data(&dir);
    let drill = Requested::Drill {
        task: "1.2".into(),
        topic: None,
        count: 1,
        minutes: None,
    };
    third.request(drill.clone(), t0());
    press(&mut third, "r");
    assert_eq!(
        common::exam(&third).session.items.len(),
        2,
        "the saved exam"
    );
    assert_eq!(third.requested, None);

    // "Later" starts nothing either; with nothing waiting, the request starts at once.
    drop(third);
    let mut fourth = app_with_data(&dir);
    fourth.request(drill.clone(), t0());
    press(&mut fourth, "Esc");
    assert_eq!(fourth.context(), Context::Home);
    press(&mut fourth, "d y");
    let mut fifth = app_with_data(&temp_dir("requested-empty"));
    fifth.request(drill, t0());
    let Some(Screen::Practice(practice)) = fifth.screen() else {
        panic!("expected the drill, found {:?}", fifth.screen());
    };
    assert_eq!(practice.filters.task.as_deref(), Some("1.2"));
    assert_eq!(practice.session.items.len(), 1);
}

#[test]
fn discarding_the_unfinished_session_asks_first() {
    let dir = temp_dir("discard");
    let mut first = app_with_data(&dir);
    press(&mut first, "Enter Enter a");
    drop(first);
    let mut second = app_with_data(&dir);
    press(&mut second, "d");
    assert_eq!(second.overlay(), Some(Overlay::Confirm(Confirm::Discard)));
    press(&mut second, "n");
    assert!(second.unfinished.is_some(), "n keeps it");
    press(&mut second, "Esc");
    assert_eq!(second.context(), Context::Home, "Esc decides later");
    press(&mut second, "↓ Enter");
    assert_eq!(
        second.overlay(),
        Some(Overlay::Confirm(Confirm::ReplaceUnfinished(
            certsim::ui::transition::NewSession::Mock
        ))),
        "a new mock exam asks before replacing the unfinished one"
    );
    press(&mut second, "n ↑ Enter");
    assert!(
        matches!(second.screen(), Some(Screen::Exam(_))),
        "the first entry resumes"
    );
    press(&mut second, "q a y");
    assert!(!AutosaveStore::new(dir.path()).path().exists());
}

#[test]
fn a_corrupt_autosave_is_moved_aside_and_the_app_starts() {
    let dir = temp_dir("corrupt");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("session.json"), b"\x00garbage").unwrap();
    std::fs::write(dir.join("history.jsonl"), b"not json\n").unwrap();
    let app = app_with_data(&dir);
    assert_eq!(app.context(), Context::Home);
    let text = &app.message.as_ref().unwrap().text;
    assert!(text.contains("moved to"), "{text}");
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().any(|n| n.starts_with("session.json.corrupt-")),
        "{names:?}"
    );
    assert!(
        names
            .iter()
            .any(|n| n.starts_with("history.jsonl.corrupt-")),
        "{names:?}"
    );
}

/// The history table scrolls by what the last frame showed: past the end it stays at the
/// last page, so the first PgUp after many PgDn moves the table at once.
#[test]
fn the_history_table_has_no_dead_zone_at_its_end() {
    let mut app = in_memory();
    for _ in 0..40 {
        press(&mut app, "j Enter ↓ ↓ 1 Enter a Enter Enter Esc");
    }
    assert_eq!(app.attempts.len(), 40);
    press(&mut app, "j j j Enter");
    assert_eq!(app.context(), Context::History);
    let top = common::render(&mut app, 80, 24);
    press(
        &mut app,
        "PgDn PgDn PgDn PgDn PgDn PgDn PgDn PgDn PgDn PgDn",
    );
    let bottom = common::render(&mut app, 80, 24);
    assert_ne!(top, bottom, "PgDn moved the table");
    let Some(Screen::History(history)) = app.screen() else {
        panic!("history expected")
    };
    let scroll = history.scroll;
    let max = app.geometry.scroll().max;
    assert_eq!(scroll, max, "the offset stops at the last page");
    press(&mut app, "PgUp");
    assert_ne!(
        common::render(&mut app, 80, 24),
        bottom,
        "one PgUp moves the table at once"
    );
}

/// Ordering and matching answers survive a crash: the autosave keeps the order placed and
/// each prompt's answer, and the resumed exam shows them again.
#[test]
fn ordering_and_matching_answers_resume_as_they_were() {
    let dir = temp_dir("resume-kinds");
    let app_on = |dir: &Path| {
        App::new(
            fixture("kinds"),
            AppOptions {
                seed: Some(4),
                data_dir: Some(dir.to_path_buf()),
                ..Default::default()
            },
            t0(),
        )
    };
    let mut first = app_on(&dir);
    press(&mut first, "Enter Enter");
    // Whatever kind comes first, place or match something on every question.
    press(&mut first, "c a 1 b n c a 1 b n c a 1 b");
    let before = common::exam(&first).session.clone();
    assert!(before.items.iter().all(|item| !item.response.is_empty()));
    drop(first);
    let mut second = app_on(&dir);
    press(&mut second, "r");
    let after = &common::exam(&second).session;
    for (old, new) in before.items.iter().zip(&after.items) {
        assert_eq!(new.response, old.response, "{}", old.shown.question.id);
        assert_eq!(new.shown.order, old.shown.order);
    }
}

/// A drill serves ordering and matching questions too: answered by keys, checked with Enter,
/// their feedback drawn beside the key, and the drill recorded.
#[test]
fn a_drill_checks_ordering_and_matching_answers() {
    let mut app = common::app("kinds");
    press(&mut app, "j Enter ↓ ↓ 3 Enter");
    assert_eq!(app.context(), Context::Practice);
    for _ in 0..3 {
        let Some(Screen::Practice(practice)) = app.screen() else {
            panic!("practice expected")
        };
        let item = practice.session.current_item().clone();
        let letter = |shown: usize| char::from(b'a' + shown as u8).to_string();
        let shown_of = |index: usize| item.order.iter().position(|&i| i == index).unwrap();
        let keys = match item.kind() {
            certsim::bank::Kind::Ordering => (0..item.order.len())
                .map(|i| letter(shown_of(i)))
                .collect::<Vec<_>>()
                .join(" "),
            certsim::bank::Kind::Matching => (0..item.order.len())
                .map(|i| format!("{} {}", i + 1, letter(shown_of(i))))
                .collect::<Vec<_>>()
                .join(" "),
            certsim::bank::Kind::Choice => item
                .correct_positions()
                .into_iter()
                .map(letter)
                .collect::<Vec<_>>()
                .join(" "),
        };
        press(&mut app, &keys);
        press(&mut app, "Enter");
        let screen = common::render(&mut app, 100, 40);
        assert!(screen.contains("✓ Correct"), "{screen}");
        press(&mut app, "Enter");
    }
    let Some(Screen::Summary(summary)) = app.screen() else {
        panic!("summary expected, found {:?}", app.screen())
    };
    assert_eq!(summary.results.tally.correct, 3);
    assert_eq!(app.attempts.len(), 1);
    assert_eq!(app.attempts[0].answers.len(), 3);
}

/// Enter on an attempt in History reopens it as it ended: a mock exam's results (score, per
/// task, seed) and from there its review; a drill's summary and its review. `q` goes back to
/// History.
#[test]
fn past_attempts_open_again_from_history() {
    let mut app = in_memory();
    press(&mut app, "Enter Enter a m n b s y");
    let submitted = common::results(&app).clone();
    press(&mut app, "q ↓ Enter ↓ ↓ 1 Enter");
    answer_practice(&mut app, true);
    press(&mut app, "n Esc ↓ ↓ ↓ Enter");
    assert_eq!(app.context(), Context::History);
    // Newest first: the drill, then the mock exam.
    press(&mut app, "Enter");
    let Some(Screen::Summary(summary)) = app.screen() else {
        panic!("the drill's summary expected, found {:?}", app.screen())
    };
    assert_eq!(summary.results.tally.correct, 1);
    press(&mut app, "a");
    assert_eq!(app.context(), Context::Review);
    press(&mut app, "Esc q ↓ Enter");
    let reopened = common::results(&app);
    assert_eq!(reopened.results.tally, submitted.results.tally);
    assert_eq!(reopened.results.scaled, submitted.results.scaled);
    assert_eq!(reopened.session.seed, submitted.session.seed);
    assert_eq!(
        common::flags(&reopened.session),
        common::flags(&submitted.session),
        "flags are recorded with each answer"
    );
    press(&mut app, "f");
    assert_eq!(common::review(&app).indices.len(), 1);
    press(&mut app, "Esc q");
    assert_eq!(app.context(), Context::History, "q goes back to History");
}

/// `e` in a drill's leave dialog records what was checked; with nothing checked it refuses
/// rather than throw the drill away (only Abandon discards).
#[test]
fn ending_a_drill_with_nothing_checked_keeps_it() {
    let mut app = in_memory();
    press(&mut app, "↓ Enter Enter q e");
    assert!(app.is_exam_running(), "the drill is still there");
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .text
            .contains("Nothing is checked yet")
    );
    assert!(matches!(
        app.overlay(),
        Some(Overlay::Quit(certsim::ui::transition::QuitKind::Practice {
            checked: 0
        }))
    ));
}

#[test]
fn the_exam_date_is_kept_from_the_settings_screen() {
    let dir = temp_dir("settings");
    let mut app = app_with_data(&dir);
    press(&mut app, "↓ ↓ ↓ ↓ Enter");
    assert_eq!(app.context(), Context::Settings);
    // Not a date, then a past one: refused with a reason, nothing kept.
    press(&mut app, "2 0 2 6 1 3 4 0 Enter");
    assert!(app.message.as_ref().unwrap().text.contains("is not a date"));
    press(
        &mut app,
        "Backspace Backspace Backspace Backspace 0 1 0 1 Enter",
    );
    assert!(app.message.as_ref().unwrap().text.contains("in the past"));
    assert_eq!(app.exam_date, None);
    // 2026-12-20: kept on disk, and the plan follows.
    press(&mut app, "Backspace Backspace Backspace Backspace 1 2 2 0");
    let effects = press(&mut app, "Enter");
    let date = chrono::NaiveDate::from_ymd_opt(2026, 12, 20);
    assert!(effects.contains(&certsim::ui::app::Effect::SetExamDate(date)));
    assert_eq!(app.exam_date, date);
    assert_eq!(app.derived().plan.days_left, Some(25));
    let said = &app.message.as_ref().unwrap().text;
    assert!(
        said.contains("The exam date is 2026-12-20: 25 days to the exam"),
        "{said}"
    );
    assert_eq!(
        certsim::history::PlanStore::new(dir.path()).load(),
        Ok(date)
    );
    // A new launch plans by it; c clears it.
    drop(app);
    let mut again = app_with_data(&dir);
    assert_eq!(again.exam_date, date);
    press(&mut again, "↓ ↓ ↓ ↓ Enter c");
    assert_eq!(again.exam_date, None);
    assert_eq!(
        certsim::history::PlanStore::new(dir.path()).load(),
        Ok(None)
    );
}

/// A personal bank's question with no why, explanation or references: the feedback leaves
/// those parts out (no empty "Why:" line, no "Explanation" heading) but keeps the one why
/// it has.
#[test]
fn feedback_leaves_out_what_a_personal_bank_does_not_give() {
    let mut app = common::app("personal");
    app.start_drill("1", None, 2, None, t0());
    common::settle(&mut app);
    answer_practice(&mut app, true);
    let screen = common::render(&mut app, 100, 40);
    assert!(screen.contains("Correct"), "{screen}");
    assert!(!screen.contains("Explanation"), "{screen}");
    assert!(!screen.contains("References"), "{screen}");
    let whys = screen.matches("Why:").count();
    let has_8443 = screen.contains("8443");
    assert_eq!(
        whys,
        usize::from(has_8443),
        "only the option with a why shows one: {screen}"
    );
}
