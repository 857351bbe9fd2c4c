//! Whole flows driven by keys, asserting on the app's state.

mod common;

use std::collections::BTreeSet;

use certsim::ui::app::{Confirm, Effect, Overlay, Screen};
use certsim::ui::grid::GridFilter;
use certsim::ui::keymap::Context;
use certsim::ui::setup::SetupField;
use certsim::ui::transition::{QuitKind, ReviewFilter};
use common::{app, exam, go_to_question_choosing, press, render, wait};

#[test]
fn the_home_menu_starts_a_mock_exam_with_the_banks_defaults() {
    let mut app = app("valid");
    assert_eq!(app.context(), Context::Home);
    press(&mut app, "Enter");
    let Some(Screen::Setup(setup)) = app.screen() else {
        panic!("setup expected")
    };
    assert_eq!((setup.questions.value, setup.minutes.value), (4, 10));
    press(&mut app, "Enter");
    let session = &exam(&app).session;
    assert_eq!(session.len(), 4);
    assert_eq!(session.seed, 1);
    assert_eq!(session.remaining(app.now).unwrap().num_minutes(), 10);
}

#[test]
fn the_setup_values_are_editable_and_checked() {
    let mut app = app("valid");
    press(&mut app, "Enter 3 Tab 2 5");
    let Some(Screen::Setup(setup)) = app.screen() else {
        panic!("setup expected")
    };
    assert_eq!(
        (setup.questions.value, setup.minutes.value, setup.field),
        (3, 25, SetupField::Minutes)
    );
    press(&mut app, "← ← Tab 9 Enter");
    assert!(
        matches!(app.screen(), Some(Screen::Setup(_))),
        "9 questions is more than the bank holds"
    );
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .text
            .contains("between 1 and 4")
    );
    press(&mut app, "Backspace 2 Enter");
    let session = &exam(&app).session;
    assert_eq!(session.len(), 2);
    assert_eq!(session.timer.unwrap().allowed.num_minutes(), 15);
}

#[test]
fn answering_flagging_and_moving_between_questions() {
    let mut app = app("valid");
    press(&mut app, "Enter Enter a m n b n");
    let session = &exam(&app).session;
    assert_eq!(session.current, 2);
    assert_eq!(common::chosen(session, 0), BTreeSet::from([0]));
    assert_eq!(common::chosen(session, 1), BTreeSet::from([1]));
    assert_eq!(common::flags(session), vec![true, false, false, false]);
    press(&mut app, "p p ←");
    assert_eq!(exam(&app).session.current, 0);
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .text
            .contains("first question")
    );
    press(&mut app, "3");
    assert_eq!(
        common::chosen(&exam(&app).session, 0),
        BTreeSet::from([2]),
        "digits choose too; single answer replaces"
    );
}

#[test]
fn a_multiple_response_question_refuses_more_than_n() {
    let mut app = app("valid");
    press(&mut app, "Enter Enter");
    go_to_question_choosing(&mut app, 2);
    press(&mut app, "a b c");
    let session = &exam(&app).session;
    assert_eq!(
        common::chosen(session, session.current),
        BTreeSet::from([0, 1])
    );
    assert!(app.message.as_ref().unwrap().text.contains("Choose TWO"));
    press(&mut app, "b c");
    let session = &exam(&app).session;
    assert_eq!(
        common::chosen(session, session.current),
        BTreeSet::from([0, 2])
    );
    assert!(app.message.is_none(), "a successful key clears the message");
}

#[test]
fn strike_through_is_visual_and_toggles() {
    let mut app = app("valid");
    press(&mut app, "Enter Enter B C B");
    let session = &exam(&app).session;
    assert_eq!(session.items[0].struck, BTreeSet::from([2]));
    assert!(common::chosen(session, 0).is_empty());
}

#[test]
fn the_review_grid_filters_and_jumps() {
    let mut app = app("valid");
    press(&mut app, "Enter Enter a n m n c r");
    assert_eq!(app.context(), Context::Grid);
    let grid = |app: &certsim::ui::app::App| match app.screen() {
        Some(Screen::Grid(grid)) => *grid,
        other => panic!("the grid expected, found {other:?}"),
    };
    assert_eq!(grid(&app).cursor, 2);
    assert_eq!(app.stack.len(), 3, "the grid is pushed over the exam");
    press(&mut app, "Tab");
    assert_eq!(grid(&app).filter, GridFilter::NotDone);
    let session = &exam(&app).session;
    let not_done: Vec<usize> = (0..4).filter(|&i| !session.is_done(i)).collect();
    assert!(not_done.contains(&1) && not_done.contains(&3));
    assert_eq!(grid(&app).indices(exam(&app)), not_done);
    assert!(
        not_done.contains(&grid(&app).cursor),
        "the cursor is on a visible cell"
    );
    press(&mut app, "Tab");
    assert_eq!(grid(&app).indices(exam(&app)), vec![1]);
    press(&mut app, "Tab → Enter");
    assert_eq!(app.context(), Context::Question);
    assert_eq!(exam(&app).session.current, 2);
    press(&mut app, "r Esc");
    assert_eq!(app.context(), Context::Question);
    assert_eq!(app.stack.len(), 2, "closing the grid pops it");
}

#[test]
fn submitting_asks_first_and_counts_unanswered_and_flagged() {
    let mut app = app("valid");
    press(&mut app, "Enter Enter a m s");
    assert_eq!(
        app.overlay(),
        Some(Overlay::Confirm(Confirm::Submit {
            unanswered: 3,
            incomplete: 0,
            flagged: 1
        }))
    );
    press(&mut app, "n");
    assert!(app.overlay().is_none());
    assert!(app.is_exam_running());
    press(&mut app, "r s y");
    let Some(Screen::Results(results)) = app.screen() else {
        panic!("results expected")
    };
    assert_eq!(results.results.tally.total, 4);
    assert!(!results.results.passed);
}

#[test]
fn a_perfect_exam_passes_with_the_maximum_score() {
    let mut app = app("valid");
    press(&mut app, "Enter Enter");
    for index in 0..4 {
        let key = exam(&app).session.items[index].shown.correct_positions();
        for position in key {
            let letter = char::from(b'a' + position as u8).to_string();
            press(&mut app, &letter);
        }
        press(&mut app, "n");
    }
    press(&mut app, "s y");
    let Some(Screen::Results(results)) = app.screen() else {
        panic!("results expected")
    };
    assert_eq!(results.results.scaled, 1000);
    assert!(results.results.passed);
}

#[test]
fn the_exam_submits_itself_when_the_clock_passes_the_deadline() {
    let mut app = app("valid");
    press(&mut app, "Enter Enter a s");
    wait(&mut app, 599);
    assert!(app.is_exam_running());
    wait(&mut app, 2);
    let Some(Screen::Results(results)) = app.screen() else {
        panic!("results expected")
    };
    assert!(
        app.overlay().is_none(),
        "the confirm dialog closes with the exam"
    );
    assert!(app.message.as_ref().unwrap().text.contains("Time is up"));
    assert_eq!(
        results.results.time_used.num_seconds(),
        600,
        "time stops at the deadline"
    );
}

/// `q` in an exam never throws it away by accident: Esc cancels, `a` asks again before
/// abandoning (the only path that discards), `s` or Enter saves and exits with a line that
/// says how to resume.
#[test]
fn quitting_a_running_exam_asks_first() {
    let mut app = app("valid");
    press(&mut app, "Enter Enter a q");
    assert_eq!(app.overlay(), Some(Overlay::Quit(QuitKind::Exam)));
    assert_eq!(app.context(), Context::QuitExam);
    // `?` opens the dialog's keys over it; closing them goes back to the dialog.
    press(&mut app, "?");
    assert_eq!(
        app.overlay(),
        Some(Overlay::Help {
            context: Context::QuitExam,
            scroll: 0
        })
    );
    press(&mut app, "Esc");
    assert_eq!(app.context(), Context::QuitExam);
    press(&mut app, "Esc");
    assert!(app.overlay().is_none() && app.is_exam_running());
    press(&mut app, "q a");
    assert_eq!(app.overlay(), Some(Overlay::Confirm(Confirm::Abandon)));
    press(&mut app, "n");
    assert!(app.is_exam_running(), "no keeps the exam");
    assert_eq!(
        app.overlay(),
        Some(Overlay::Quit(QuitKind::Exam)),
        "and goes back to the leave dialog"
    );
    press(&mut app, "Esc");
    let abandoned = press(&mut app, "q a y");
    assert_eq!(abandoned.last(), Some(&Effect::DiscardSession));
    assert_eq!(app.context(), Context::Home);
    assert_eq!(press(&mut app, "q"), [Effect::Quit { interrupted: false }]);
}

#[test]
fn save_and_exit_keeps_the_exam_and_says_how_to_resume_it() {
    for key in ["s", "Enter"] {
        let mut app = app("valid");
        press(&mut app, "Enter Enter");
        let keys = right_keys(&app);
        press(&mut app, &keys);
        press(&mut app, "q");
        let effects = press(&mut app, key);
        assert!(
            matches!(
                effects.as_slice(),
                [Effect::SaveSession(_), Effect::Quit { interrupted: false }]
            ),
            "{key}: {effects:?}"
        );
        let farewell = app.farewell.clone().expect("a line to print");
        assert!(farewell.contains("1 of 4 answered"), "{farewell}");
        assert!(farewell.contains("10:00 left"), "{farewell}");
        assert!(farewell.ends_with("certsim exam --resume"), "{farewell}");
    }
}

#[test]
fn results_lead_to_the_review_of_missed_and_flagged_questions() {
    let mut app = app("valid");
    press(&mut app, "Enter Enter m s y f");
    assert_eq!(app.context(), Context::Review);
    let review = common::review(&app);
    assert_eq!(
        (review.filter, review.indices.clone()),
        (ReviewFilter::Flagged, vec![0])
    );
    press(&mut app, "Esc m n n n");
    let review = common::review(&app);
    assert_eq!(
        review.indices,
        vec![0, 1, 2, 3],
        "nothing answered: everything missed"
    );
    assert_eq!(review.position, 3);
    press(&mut app, "n");
    assert!(app.message.as_ref().unwrap().text.contains("last question"));
    press(&mut app, "Esc q");
    assert_eq!(app.context(), Context::Home);
}

#[test]
fn help_opens_over_any_screen_and_closes() {
    let mut app = app("valid");
    press(&mut app, "Enter Enter ?");
    assert_eq!(
        app.overlay(),
        Some(Overlay::Help {
            context: Context::Question,
            scroll: 0
        })
    );
    press(&mut app, "a");
    assert!(
        common::chosen(&exam(&app).session, 0).is_empty(),
        "keys under the overlay do nothing"
    );
    press(&mut app, "?");
    assert!(app.overlay().is_none());
}

#[test]
fn ctrl_c_quits_at_once() {
    let mut app = app("valid");
    press(&mut app, "Enter Enter a");
    let effects = press(&mut app, "Ctrl-C");
    assert!(
        matches!(
            effects.as_slice(),
            [Effect::SaveSession(_), Effect::Quit { interrupted: true }]
        ),
        "Ctrl-C saves the session, then quits: {effects:?}"
    );
}

#[test]
fn a_click_on_an_option_chooses_it() {
    let mut app = app("valid");
    press(&mut app, "Enter Enter");
    let screen = render(&mut app, 80, 24);
    let row = screen
        .lines()
        .position(|line| line.contains("B. "))
        .expect("option B is on screen") as u16;
    let now = app.now;
    let effects = app.click(10, row, now);
    app.execute(effects);
    assert_eq!(common::chosen(&exam(&app).session, 0), BTreeSet::from([1]));
    let effects = app.click(10, 0, now);
    app.execute(effects);
    assert_eq!(
        common::chosen(&exam(&app).session, 0),
        BTreeSet::from([1]),
        "a click off the options does nothing"
    );
}

#[test]
fn long_text_scrolls_with_page_keys_and_the_wheel() {
    let mut app = app("screens");
    press(&mut app, "Enter Enter");
    let long = exam(&app)
        .session
        .items
        .iter()
        .position(|i| i.shown.question.id == "q-delta-long")
        .unwrap();
    while exam(&app).session.current < long {
        press(&mut app, "n");
    }
    app.size = (60, 20);
    press(&mut app, "PgDn");
    let after_page = exam(&app).scroll;
    assert!(after_page > 0);
    press(&mut app, "PgDn PgDn PgDn PgDn PgDn");
    let bottom = exam(&app).scroll;
    press(&mut app, "PgDn");
    assert_eq!(exam(&app).scroll, bottom, "scrolling stops at the end");
    let now = app.now;
    let effects = app.wheel(false, now);
    app.execute(effects);
    assert_eq!(exam(&app).scroll, bottom - 3);
    press(&mut app, "n p");
    assert_eq!(exam(&app).scroll, 0, "a new question starts at the top");
    press(&mut app, "↓ j");
    assert_eq!(exam(&app).scroll, 2, "↓ and j scroll a line");
    press(&mut app, "k");
    assert_eq!(exam(&app).scroll, 1);
}

/// Updates do no I/O: each returns what must reach the disk, and the run loop carries it
/// out after drawing. A change in an exam asks for a save; submitting records the attempt
/// (which ends the autosave); abandoning discards the session.
#[test]
fn updates_return_their_effects_instead_of_writing() {
    let mut app = app("valid");
    let started = press(&mut app, "Enter Enter");
    assert!(
        matches!(started.last(), Some(Effect::SaveSession(_))),
        "{started:?}"
    );
    let Some(Effect::SaveSession(saved)) = press(&mut app, "a").pop() else {
        panic!("an answer is saved")
    };
    assert_eq!(saved.session.questions[0].chosen, [0]);
    let submitted = press(&mut app, "s y");
    let Some(Effect::RecordAttempt(attempt)) = submitted.last() else {
        panic!("submitting records the attempt: {submitted:?}")
    };
    assert_eq!(attempt.answers.len(), exam_len(&app));
    assert_eq!(
        app.attempts.len(),
        1,
        "the history in memory has it at once"
    );
    let abandoned = press(&mut app, "q Enter Enter a q a y");
    assert_eq!(abandoned.last(), Some(&Effect::DiscardSession));
}

fn exam_len(app: &certsim::ui::app::App) -> usize {
    let Some(Screen::Results(results)) = app.screen() else {
        panic!("results expected")
    };
    results.session.len()
}

/// Keys that answer the current kinds-fixture question right: an ordering question's steps
/// in bank order, a matching question's prompts each with its answer, a choice question's key.
fn right_keys(app: &certsim::ui::app::App) -> String {
    use certsim::bank::Kind;
    let item = exam(app).session.current_item();
    let letter = |shown: usize| char::from(b'a' + shown as u8).to_string();
    let shown_of = |index: usize| item.order.iter().position(|&i| i == index).unwrap();
    match item.kind() {
        Kind::Ordering => (0..item.order.len())
            .map(|index| letter(shown_of(index)))
            .collect::<Vec<_>>()
            .join(" "),
        Kind::Matching => (0..item.order.len())
            .map(|index| format!("{} {}", index + 1, letter(shown_of(index))))
            .collect::<Vec<_>>()
            .join(" "),
        Kind::Choice => item
            .correct_positions()
            .into_iter()
            .map(letter)
            .collect::<Vec<_>>()
            .join(" "),
    }
}

#[test]
fn ordering_and_matching_are_answered_by_keys_and_scored_all_or_nothing() {
    let mut app = app("kinds");
    press(&mut app, "Enter Enter");
    for _ in 0..3 {
        let keys = right_keys(&app);
        press(&mut app, &keys);
        press(&mut app, "n");
    }
    let session = &exam(&app).session;
    assert!((0..3).all(|i| session.is_correct(i)), "every kind right");
    // One pair swapped, one step out of place: both are wrong, all-or-nothing.
    while exam(&app).session.current_item().kind() != certsim::bank::Kind::Matching {
        press(&mut app, "p");
    }
    let before = exam(&app).session.current().response.clone();
    let Some((a, b)) = (match &before {
        certsim::exam::Response::Match(m) => Some((m[0].unwrap(), m[1].unwrap())),
        _ => None,
    }) else {
        panic!("matching expected")
    };
    let letter = |shown: usize| char::from(b'a' + shown as u8).to_string();
    press(&mut app, &format!("1 {}", letter(b)));
    let session = &exam(&app).session;
    assert_eq!(
        session.progress(session.current),
        certsim::exam::Progress::Incomplete,
        "moving an answer to another prompt frees the prompt it had"
    );
    press(&mut app, &format!("2 {}", letter(a)));
    let session = &exam(&app).session;
    assert_eq!(
        session.progress(session.current),
        certsim::exam::Progress::Complete
    );
    assert!(!session.is_correct(session.current), "two pairs swapped");
    press(&mut app, "s y");
    let Some(Screen::Results(results)) = app.screen() else {
        panic!("results expected")
    };
    assert_eq!(results.results.tally.correct, 2);
}

#[test]
fn a_letter_before_a_prompt_number_is_refused_with_a_message() {
    let mut app = app("kinds");
    press(&mut app, "Enter Enter");
    while exam(&app).session.current_item().kind() != certsim::bank::Kind::Matching {
        press(&mut app, "n");
    }
    press(&mut app, "a");
    let message = app
        .message
        .as_ref()
        .expect("a refusal is said")
        .text
        .clone();
    assert!(message.contains("Pick a prompt first"), "{message}");
    press(&mut app, "8");
    assert!(app.message.as_ref().unwrap().text.contains("no prompt"));
}

/// With an official blueprint, results and stats show accuracy per official task statement
/// beside the study guide's; a question serving two counts toward both.
#[test]
fn results_and_stats_break_down_by_the_official_blueprint() {
    let mut app = app("blueprint");
    press(&mut app, "Enter Enter s y");
    let Some(Screen::Results(results)) = app.screen() else {
        panic!("results expected")
    };
    let official: Vec<(&str, usize)> = results
        .results
        .blueprint
        .iter()
        .map(|b| (b.id.as_str(), b.tally.total))
        .collect();
    assert_eq!(official, [("3.3", 2), ("1.3", 1)]);
    let screen = render(&mut app, 80, 24);
    assert!(
        screen.contains("By official exam guide task statement"),
        "{screen}"
    );
    let lines = certsim::history::report::summary_lines(&app.derived().stats);
    assert!(
        lines
            .iter()
            .any(|l| l == "Official guide: 3.3 0% of 2 · 1.3 0% of 1"),
        "{lines:?}"
    );
}

/// A multiple-response question with fewer options chosen than it takes is incomplete, not
/// answered: the grid marks it, counts it and filters it as not done, and the submit dialog
/// names it.
#[test]
fn incomplete_is_not_answered() {
    let mut app = app("valid");
    press(&mut app, "Enter Enter");
    go_to_question_choosing(&mut app, 2);
    press(&mut app, "a");
    let session = &exam(&app).session;
    assert_eq!(
        (
            session.answered_count(),
            session.incomplete_count(),
            session.unanswered_count()
        ),
        (0, 1, 3)
    );
    press(&mut app, "r");
    let screen = render(&mut app, 80, 24);
    assert!(
        screen.contains("0 answered · 1 incomplete · 3 unanswered"),
        "{screen}"
    );
    assert!(screen.contains("◐ incomplete"), "{screen}");
    press(&mut app, "Tab");
    let Some(Screen::Grid(grid)) = app.screen() else {
        panic!("grid expected")
    };
    assert_eq!(
        grid.indices(exam(&app)).len(),
        4,
        "not done: unanswered and incomplete"
    );
    press(&mut app, "s");
    assert_eq!(
        app.overlay(),
        Some(Overlay::Confirm(Confirm::Submit {
            unanswered: 3,
            incomplete: 1,
            flagged: 0
        }))
    );
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("3 unanswered and 1 incomplete"), "{screen}");
}

/// `M` jumps to the next flagged question and `u` to the next not done, both wrapping, each
/// saying so when there is none; ↑/↓ scroll long text.
#[test]
fn jumps_to_the_next_flagged_and_the_next_not_done() {
    let mut app = app("valid");
    press(&mut app, "Enter Enter M");
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .text
            .contains("No question is flagged")
    );
    press(&mut app, "n n m p p");
    assert_eq!(exam(&app).session.current, 0);
    press(&mut app, "M");
    assert_eq!(exam(&app).session.current, 2);
    press(&mut app, "M");
    assert_eq!(exam(&app).session.current, 2, "wraps round to itself");
    press(&mut app, "u");
    assert_eq!(
        exam(&app).session.current,
        3,
        "the next not done, after the current"
    );
    for _ in 0..4 {
        let keys = right_keys(&app);
        press(&mut app, &keys);
        press(&mut app, "u");
    }
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .text
            .contains("Every question is answered")
    );
}

/// `f`, as the issue names it, jumps to the next flagged question too; on a question with a
/// sixth option it is that option's letter, and `M` still jumps from there.
#[test]
fn f_jumps_to_the_next_flagged_unless_the_question_has_an_option_f() {
    let mut app = app("valid");
    press(&mut app, "Enter Enter n n m p p f");
    assert_eq!(exam(&app).session.current, 2);

    let bank = certsim::embedded::load().unwrap();
    let options = certsim::ui::app::AppOptions {
        seed: Some(1),
        ..Default::default()
    };
    let mut app = certsim::ui::app::App::new(bank, options, common::t0());
    app.start_exam(30, 130, common::t0());
    let items = &exam(&app).session.items;
    let six = (0..items.len())
        .find(|&i| exam(&app).session.items[i].shown.option_count() >= 6)
        .expect("a 30-question mock of the shipped bank holds a six-option question");
    let other = (six + 1) % items.len();
    // Flag another question, then come to the six-option one.
    for _ in 0..other {
        press(&mut app, "n");
    }
    press(&mut app, "m");
    for _ in 0..other {
        press(&mut app, "p");
    }
    for _ in 0..six {
        press(&mut app, "n");
    }
    press(&mut app, "f");
    let session = &exam(&app).session;
    assert_eq!(session.current, six, "f chose option F here");
    assert!(
        matches!(&session.items[six].response, certsim::exam::Response::Choice(c) if c.contains(&5))
    );
    press(&mut app, "M");
    assert_eq!(exam(&app).session.current, other, "M jumps anywhere");
}

/// On the smallest window the help scrolls and says when there is more.
#[test]
fn help_scrolls_on_a_short_window() {
    let mut app = app("valid");
    app.size = (60, 20);
    press(&mut app, "Enter Enter ?");
    let screen = render(&mut app, 60, 20);
    assert!(screen.contains("▼ more"), "{screen}");
    assert!(!screen.contains("close this help"), "{screen}");
    press(&mut app, "PgDn PgDn PgDn");
    let screen = render(&mut app, 60, 20);
    assert!(screen.contains("close this help"), "{screen}");
    assert!(!screen.contains("▼ more"), "{screen}");
    press(&mut app, "Esc");
    assert!(app.overlay().is_none());
}

/// Striking a chosen option out unchooses it: an option cannot be both.
#[test]
fn striking_a_chosen_option_unchooses_it() {
    let mut app = app("valid");
    press(&mut app, "Enter Enter b B");
    let session = &exam(&app).session;
    assert!(common::chosen(session, 0).is_empty());
    assert!(session.items[0].struck.contains(&1));
}
