//! Plain mode's commands: one line each, turned into the same actions the keys give the
//! full-screen interface (or, at home, the same session starts the menu leads to).

use std::io::Write;

use chrono::{DateTime, Utc};

use super::answer;
use super::describe;
use super::{Plain, describe_if_changed};
use crate::bank::letter;
use crate::exam::Session;
use crate::ui::app::{App, Overlay, REVIEW_COUNT, Screen};
use crate::ui::keymap::{Action, Context};
use crate::ui::run::Outcome;
use crate::ui::transition::Confirm;

/// Questions in a drill started in plain mode.
const DRILL_COUNT: usize = 10;

/// Carries out one action as a key would, then its effects (saves, records) at once.
pub(super) fn press<W: Write>(
    app: &mut App,
    plain: &mut Plain<W>,
    action: Action,
    now: DateTime<Utc>,
) {
    let effects = app.handle(action, now);
    app.execute(effects);
    if let Some(message) = app.message.take() {
        plain.say(message.text);
    }
}

/// Leaves the running session as the full-screen leave dialog's Save and exit does.
pub(super) fn save_and_exit<W: Write>(app: &mut App, plain: &mut Plain<W>, now: DateTime<Utc>) {
    press(app, plain, Action::Quit, now);
    press(app, plain, Action::SaveAndExit, now);
}

/// Runs what was asked already (a start, a resume): its effects and what it said.
fn settle<W: Write>(app: &mut App, plain: &mut Plain<W>) {
    let effects = app.take_effects();
    app.execute(effects);
    if let Some(message) = app.message.take() {
        plain.say(message.text);
    }
}

/// One line of input. Returns how the run ends when it ends.
pub(super) fn handle<W: Write>(
    app: &mut App,
    plain: &mut Plain<W>,
    line: &str,
    now: DateTime<Utc>,
) -> Option<Outcome> {
    if line.is_empty() {
        return None;
    }
    let mut words = line.split_whitespace();
    let command = words.next().unwrap_or_default().to_lowercase();
    let rest: Vec<&str> = words.collect();
    if command == "help" {
        plain.say_all(help(app.context()));
        return None;
    }
    match app.context() {
        Context::Resume => match command.as_str() {
            "resume" | "r" => press(app, plain, Action::Resume, now),
            "discard" | "d" => press(app, plain, Action::Discard, now),
            "later" | "l" => press(app, plain, Action::Back, now),
            _ => unknown(plain, line, "resume, discard or later"),
        },
        Context::Confirm => match command.as_str() {
            "yes" | "y" => press(app, plain, Action::Yes, now),
            "no" | "n" => press(app, plain, Action::No, now),
            _ => unknown(plain, line, "yes or no"),
        },
        Context::Home => return home(app, plain, &command, &rest, now),
        Context::Question => exam_command(app, plain, line, &command, &rest, now),
        Context::Practice | Context::Feedback => {
            practice_command(app, plain, line, &command, &rest, now)
        }
        // Screens plain mode does not use: back to where it can go on.
        _ => press(app, plain, Action::Back, now),
    }
    describe_if_changed(app, plain);
    quit_requested(app)
}

/// The app asked to quit (save and exit): the run ends.
fn quit_requested(app: &App) -> Option<Outcome> {
    app.farewell.as_ref().map(|_| Outcome::Quit)
}

fn unknown<W: Write>(plain: &mut Plain<W>, line: &str, expected: &str) {
    plain.say(format!(
        "Not a command here: {line}. Type {expected}, or help."
    ));
}

fn home<W: Write>(
    app: &mut App,
    plain: &mut Plain<W>,
    command: &str,
    rest: &[&str],
    now: DateTime<Utc>,
) -> Option<Outcome> {
    let starts = matches!(command, "exam" | "drill" | "review" | "plan");
    if starts && app.unfinished.is_some() {
        plain.say("An unfinished session is saved: type resume to go on with it first.");
        return None;
    }
    if starts && app.other_bank_session.is_some() {
        // Starting would replace it: only once the user has discarded it, knowingly.
        plain.say(
            "An unfinished session of another bank is saved here: resume it with its bank, or type discard to delete it first.",
        );
        return None;
    }
    match command {
        "discard" if app.unfinished.is_some() || app.other_bank_session.is_some() => {
            app.overlays.push(Overlay::Confirm(Confirm::Discard));
        }
        "exam" => {
            let mock = app.bank.exam.mock;
            app.start_exam(mock.questions, mock.minutes, now);
            settle(app, plain);
        }
        "drill" => {
            let Some(task) = rest.first() else {
                let tasks: Vec<String> = app
                    .bank
                    .exam
                    .tasks
                    .iter()
                    .map(|t| format!("{} {}", t.id, t.title))
                    .collect();
                plain.say(format!(
                    "Which task statement? Type drill and its id. Task statements: {}.",
                    tasks.join("; ")
                ));
                return None;
            };
            let Some(found) = app.bank.exam.task(task) else {
                plain.say(format!("There is no task statement {task} in this bank."));
                return None;
            };
            let topic = rest.get(1).map(|t| t.to_string());
            if let Some(topic) = &topic
                && !found.topics.iter().any(|t| &t.id == topic)
            {
                plain.say(format!("Task {task} has no topic {topic}."));
                return None;
            }
            let task = found.id.clone();
            app.start_drill(&task, topic.as_deref(), DRILL_COUNT, None, now);
            settle(app, plain);
        }
        "review" => {
            app.start_review(None, REVIEW_COUNT, now);
            settle(app, plain);
        }
        "plan" => {
            app.start_plan(now);
            settle(app, plain);
        }
        "resume" => {
            app.resume(now);
            settle(app, plain);
        }
        "history" | "stats" => {
            let derived = app.derived();
            let attempts = crate::ui::history::listed(&app.attempts, &app.bank);
            let lines = describe::history(&derived.stats, &derived.stats.analytics, &attempts);
            plain.say_all(lines);
        }
        "quit" | "q" | "exit" => return Some(Outcome::Quit),
        _ => plain.say(format!(
            "Not a command here: {command}. Type exam, drill TASK, plan, review, history, quit or help."
        )),
    }
    describe_if_changed(app, plain);
    None
}

fn running(app: &App) -> Option<&Session> {
    app.running_session()
}

/// The mock exam's commands.
fn exam_command<W: Write>(
    app: &mut App,
    plain: &mut Plain<W>,
    line: &str,
    command: &str,
    rest: &[&str],
    now: DateTime<Utc>,
) {
    match command {
        "next" | "n" => press(app, plain, Action::Next, now),
        "prev" | "previous" | "p" => press(app, plain, Action::Previous, now),
        "go" => go(app, plain, rest, now),
        "flag" => {
            press(app, plain, Action::ToggleFlag, now);
            let flagged = running(app).is_some_and(|s| s.item(s.current).flagged);
            plain.say(if flagged {
                "Flagged for review."
            } else {
                "No longer flagged."
            });
        }
        "strike" => strike(app, plain, rest, now),
        "grid" => {
            if let Some(session) = running(app) {
                let lines = describe::grid(session);
                plain.say_all(lines);
            }
        }
        "time" => say_time(app, plain, now),
        "question" | "again" | "show" => repeat_question(app, plain, now),
        "submit" => press(app, plain, Action::Submit, now),
        "quit" | "exit" => save_and_exit(app, plain, now),
        _ => answer::answer(app, plain, line, now, false),
    }
}

/// A drill's or review's commands: an answer is checked at once.
fn practice_command<W: Write>(
    app: &mut App,
    plain: &mut Plain<W>,
    line: &str,
    command: &str,
    rest: &[&str],
    now: DateTime<Utc>,
) {
    let checked = app.context() == Context::Feedback;
    match command {
        "next" | "n" if checked => press(app, plain, Action::Next, now),
        "next" | "n" => plain.say("Answer it first: type the letters of your answer."),
        "strike" if !checked => strike(app, plain, rest, now),
        "time" => say_time(app, plain, now),
        "question" | "again" | "show" => repeat_question(app, plain, now),
        "quit" | "exit" => save_and_exit(app, plain, now),
        "end" => {
            press(app, plain, Action::Quit, now);
            press(app, plain, Action::EndNow, now);
        }
        _ if checked => plain.say("This question is checked: type next to go on."),
        _ => answer::answer(app, plain, line, now, true),
    }
}

fn repeat_question<W: Write>(app: &App, plain: &mut Plain<W>, now: DateTime<Utc>) {
    let practice = matches!(app.screen(), Some(Screen::Practice(_)));
    if let Some(session) = running(app) {
        let lines = describe::question(session, now, practice);
        plain.say_all(lines);
    }
}

fn say_time<W: Write>(app: &App, plain: &mut Plain<W>, now: DateTime<Utc>) {
    match running(app).and_then(|s| s.remaining(now)) {
        Some(left) => plain.say(format!("{}.", describe::time_left(left))),
        None => plain.say("This session is not timed."),
    }
}

fn go<W: Write>(app: &mut App, plain: &mut Plain<W>, rest: &[&str], now: DateTime<Utc>) {
    let Some(session) = running(app) else { return };
    let (current, count) = (session.current, session.len());
    let Some(number) = rest
        .first()
        .and_then(|n| n.parse::<usize>().ok())
        .filter(|&n| (1..=count).contains(&n))
    else {
        plain.say(format!("Type go and a question number from 1 to {count}."));
        return;
    };
    let target = number - 1;
    let (action, steps) = if target >= current {
        (Action::Next, target - current)
    } else {
        (Action::Previous, current - target)
    };
    for _ in 0..steps {
        press(app, plain, action, now);
    }
}

fn strike<W: Write>(app: &mut App, plain: &mut Plain<W>, rest: &[&str], now: DateTime<Utc>) {
    let Some(session) = running(app) else { return };
    let options = session.item(session.current).shown.option_count();
    let Some(position) = rest
        .first()
        .and_then(|t| answer::letter_index(t))
        .filter(|&p| p < options)
    else {
        plain.say(format!(
            "Type strike and an option letter from a to {}.",
            letter(options.saturating_sub(1)).to_ascii_lowercase()
        ));
        return;
    };
    press(app, plain, Action::StrikeOption(position), now);
    let struck = running(app).is_some_and(|s| s.item(s.current).struck.contains(&position));
    plain.say(format!(
        "{} {}.",
        letter(position),
        if struck { "struck" } else { "restored" }
    ));
}

/// A confirmation is up: say its question and how to answer.
pub(super) fn confirm_question<W: Write>(app: &App, plain: &mut Plain<W>) {
    let Some(Overlay::Confirm(confirm)) = app.overlay() else {
        return;
    };
    let question = match confirm {
        Confirm::Submit {
            unanswered,
            incomplete,
            flagged,
        } => format!(
            "Submit the exam? {unanswered} unanswered and {incomplete} incomplete (they count as wrong), {flagged} flagged. Answers cannot change after submitting."
        ),
        Confirm::Discard => "Discard the unfinished session? Its answers are deleted.".to_string(),
        Confirm::Abandon => "Abandon this session? Nothing of it is kept.".to_string(),
        Confirm::EndPractice { checked } => {
            format!("End this session? The {checked} questions checked are saved.")
        }
        Confirm::ReplaceUnfinished(_) => {
            "A session is unfinished; starting a new one discards it.".to_string()
        }
    };
    plain.say(question);
    plain.say("Type yes or no.");
}

/// The commands where the user is.
fn help(context: Context) -> Vec<String> {
    let lines: &[&str] = match context {
        Context::Home => &[
            "exam: start a timed mock exam.",
            "drill TASK [TOPIC]: drill a task statement (or one of its topics), feedback after each answer.",
            "plan: today's plan, the reviews due and today's new questions.",
            "review: review missed questions, due ones first.",
            "resume: resume the unfinished session. discard: delete it (asks yes or no).",
            "history: history and stats.",
            "quit: leave certsim.",
        ],
        Context::Question => &[
            "Letters choose those options, for example a c; for an ordering question, the steps first to last; for a matching question, pairs such as 1a 2c.",
            "next or n, prev or p: the next or previous question. go 12: question 12.",
            "flag: flag or unflag for review. strike b: strike option B through, or restore it.",
            "grid: the questions by state. time: the time left. question: say the question again.",
            "submit: submit the exam (asks yes or no). quit: save and exit, to resume later.",
        ],
        Context::Practice | Context::Feedback => &[
            "Letters answer and check at once, for example a c; pairs such as 1a 2c for matching.",
            "next or n: the next question, once checked. strike b: strike option B through.",
            "question: say the question again. end: end now, saving what was checked.",
            "quit: save and exit, to resume later.",
        ],
        Context::Resume => &["resume, discard (asks yes or no) or later."],
        Context::Confirm => &["yes or no."],
        _ => &["quit: leave certsim."],
    };
    lines.iter().map(|l| l.to_string()).collect()
}
