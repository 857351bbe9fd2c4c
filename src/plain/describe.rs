//! What plain mode says: each screen as short lines of words. No symbols carry meaning
//! ("flagged", "answered", "struck" instead of marks), no tables drawn with characters,
//! and every text from the bank is made inert before it is printed.

use chrono::{DateTime, TimeDelta, Utc};

use crate::bank::{Bank, Body, letter};
use crate::exam::session::number_word;
use crate::exam::timer::format_clock;
use crate::exam::{Progress, Response, Results, Session, SessionItem};
use crate::history::analytics::Analytics;
use crate::history::report::{analytics_lines, summary_lines};
use crate::history::{Attempt, Autosave, Stats};

/// Minutes and seconds in words: "42 minutes left", "1 minute 5 seconds left".
pub fn time_left(left: TimeDelta) -> String {
    // Up to the whole second, as a countdown shows it: a fresh 10-minute exam has 10 left.
    let seconds = (left.num_milliseconds().max(0) + 999) / 1000;
    let (minutes, seconds) = (seconds / 60, seconds % 60);
    let plural = |n: i64, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    match (minutes, seconds) {
        (0, s) => format!("{} left", plural(s, "second")),
        (m, 0) => format!("{} left", plural(m, "minute")),
        (m, s) => format!("{} {} left", plural(m, "minute"), plural(s, "second")),
    }
}

/// The home menu.
pub fn home(bank: &Bank, plan: &str, due: usize, unfinished: Option<&Autosave>) -> Vec<String> {
    let mut lines = vec![
        format!("certsim. {}", bank.exam.title),
        format!(
            "{} questions. A mock exam has {} questions in {} minutes; the pass mark is {} of {}.",
            bank.questions.len(),
            bank.exam.mock.questions,
            bank.exam.mock.minutes,
            bank.exam.scoring.pass,
            bank.exam.scoring.max
        ),
        plan.to_string(),
        "Commands:".to_string(),
    ];
    if let Some(unfinished) = unfinished {
        lines.push(format!(
            "resume: resume the unfinished {}",
            unfinished.mode.title().to_lowercase()
        ));
    }
    lines.extend([
        "exam: a timed mock exam".to_string(),
        "drill TASK [TOPIC]: drill a task statement, for example drill 4.1".to_string(),
        "plan: today's plan, the reviews due and today's new questions".to_string(),
        format!("review: review missed questions, {due} due"),
        "history: history and stats".to_string(),
        "quit: leave certsim".to_string(),
    ]);
    lines
}

/// The offer, at launch, to resume an unfinished session.
pub fn resume_offer(bank: &Bank, unfinished: &Autosave) -> Vec<String> {
    let saved = &unfinished.session;
    let count = |progress: Progress| {
        saved
            .questions
            .iter()
            .filter(|q| q.progress(bank) == progress)
            .count()
    };
    let mut line = format!(
        "An unfinished {} is saved: {} of {} questions answered, {} incomplete, {} flagged.",
        unfinished.mode.title().to_lowercase(),
        count(Progress::Complete),
        saved.questions.len(),
        count(Progress::Incomplete),
        saved.questions.iter().filter(|q| q.flagged).count()
    );
    if let Some(allowed) = saved.allowed_seconds {
        let left = TimeDelta::seconds(allowed) - TimeDelta::milliseconds(saved.elapsed_ms);
        line.push_str(&format!(" {}.", time_left(left)));
    }
    vec![
        line,
        "Type resume to go on with it, discard to delete it (asks first), or later.".to_string(),
    ]
}

/// A question as it is being answered.
pub fn question(session: &Session, now: DateTime<Utc>, practice: bool) -> Vec<String> {
    let index = session.current;
    let item = session.item(index);
    let shown = &item.shown;
    let mut head = format!("Question {} of {}.", index + 1, session.len());
    if let Some(left) = session.remaining(now) {
        head.push_str(&format!(" {}.", capitalised(&time_left(left))));
    }
    head.push_str(&format!(" {}", instruction(item)));
    if item.flagged && !practice {
        head.push_str(" Flagged for review.");
    }
    let mut lines = vec![head, shown.question.prompt.clone()];
    let texts = shown.shown_texts();
    match (&shown.question.body, &item.response) {
        (Body::Matching { pairs }, Response::Match(matched)) => {
            lines.push("Prompts:".to_string());
            for (number, pair) in pairs.iter().enumerate() {
                let answer = matched[number].map_or_else(
                    || "not matched".to_string(),
                    |a| format!("matched to {}", letter(a)),
                );
                lines.push(format!("{}) {}: {answer}.", number + 1, pair.prompt));
            }
            lines.push("Answers:".to_string());
            for (position, text) in texts.iter().enumerate() {
                lines.push(format!(
                    "{}) {text}{}",
                    letter(position),
                    struck(item, position)
                ));
            }
        }
        (_, Response::Order(placed)) => {
            if !placed.is_empty() {
                let order: Vec<String> = placed.iter().map(|&p| letter(p).to_string()).collect();
                lines.push(format!("Your order so far: {}.", order.join(", ")));
            }
            for (position, text) in texts.iter().enumerate() {
                let place = placed
                    .iter()
                    .position(|&p| p == position)
                    .map_or_else(String::new, |place| format!(" (placed {})", place + 1));
                lines.push(format!(
                    "{}) {text}{place}{}",
                    letter(position),
                    struck(item, position)
                ));
            }
        }
        (_, response) => {
            for (position, text) in texts.iter().enumerate() {
                let chosen = if response.uses(position) {
                    " (chosen)"
                } else {
                    ""
                };
                lines.push(format!(
                    "{}) {text}{chosen}{}",
                    letter(position),
                    struck(item, position)
                ));
            }
        }
    }
    lines
}

fn struck(item: &SessionItem, position: usize) -> &'static str {
    if item.struck.contains(&position) {
        " (struck)"
    } else {
        ""
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().collect::<String>() + chars.as_str()
    })
}

/// What the question asks for, and how to answer it in plain mode.
fn instruction(item: &SessionItem) -> String {
    match &item.shown.question.body {
        Body::Choice { choose: 1, .. } => "Choose one: type its letter.".to_string(),
        Body::Choice { choose, .. } => format!(
            "Choose {}: type their letters, for example a c.",
            number_word(*choose).to_uppercase()
        ),
        Body::Ordering { steps } => format!(
            "Put the {} steps in order: type their letters, first to last.",
            steps.len()
        ),
        Body::Matching { pairs } => format!(
            "Match each of the {} prompts to an answer: type pairs, for example 1a 2c.",
            pairs.len()
        ),
    }
}

/// A question once checked: right or wrong, the key with every option's why, the
/// explanation and the references.
pub fn feedback(item: &SessionItem) -> Vec<String> {
    let shown = &item.shown;
    let question = &shown.question;
    let verdict = if item.response.is_empty() {
        "Not answered: it counts as wrong."
    } else if item.is_correct() {
        "Correct."
    } else {
        "Incorrect."
    };
    let mut lines = vec![verdict.to_string()];
    match (&question.body, &item.response) {
        (Body::Choice { options, .. }, Response::Choice(chosen)) => {
            let right: Vec<String> = shown
                .order
                .iter()
                .enumerate()
                .filter(|&(_, &index)| options[index].correct)
                .map(|(position, _)| letter(position).to_string())
                .collect();
            lines.push(format!("The correct answer: {}.", right.join(", ")));
            for (position, &index) in shown.order.iter().enumerate() {
                let option = &options[index];
                let verdict = match (option.correct, chosen.contains(&position)) {
                    (true, true) => "correct, you chose it",
                    (true, false) => "correct, you did not choose it",
                    (false, true) => "wrong, you chose it",
                    (false, false) => "wrong",
                };
                lines.push(
                    format!(
                        "{}) {}: {verdict}. {}",
                        letter(position),
                        option.text,
                        option.why
                    )
                    .trim_end()
                    .to_string(),
                );
            }
        }
        (Body::Ordering { steps }, Response::Order(placed)) => {
            lines.push("The correct order:".to_string());
            for (place, step) in steps.iter().enumerate() {
                let theirs = placed.get(place).and_then(|&p| shown.order.get(p).copied());
                let verdict = match theirs {
                    Some(other) if other == place => "you placed it here".to_string(),
                    Some(other) => format!("you placed here: {}", steps[other].text),
                    None => "you left this place empty".to_string(),
                };
                lines.push(format!(
                    "{}. {}: {verdict}. {}",
                    place + 1,
                    step.text,
                    step.why
                ));
            }
        }
        (Body::Matching { pairs }, Response::Match(matched)) => {
            lines.push("Each prompt with its answer:".to_string());
            for (index, pair) in pairs.iter().enumerate() {
                let theirs = matched[index].and_then(|a| shown.order.get(a).copied());
                let verdict = match theirs {
                    Some(other) if other == index => "you matched it".to_string(),
                    Some(other) => format!("you matched: {}", pairs[other].answer),
                    None => "you left it unmatched".to_string(),
                };
                lines.push(
                    format!(
                        "{}. {} goes with {}: {verdict}. {}",
                        index + 1,
                        pair.prompt,
                        pair.answer,
                        pair.why
                    )
                    .trim_end()
                    .to_string(),
                );
            }
        }
        _ => {}
    }
    if !question.explanation.is_empty() {
        lines.push(format!("Explanation: {}", question.explanation));
    }
    if !question.references.is_empty() {
        lines.push(format!("References: {}", question.references.join(", ")));
    }
    lines
}

/// The review grid, in words: questions by state.
pub fn grid(session: &Session) -> Vec<String> {
    let list = |wanted: &dyn Fn(usize) -> bool| -> String {
        let numbers: Vec<String> = (0..session.len())
            .filter(|&i| wanted(i))
            .map(|i| (i + 1).to_string())
            .collect();
        if numbers.is_empty() {
            "none".to_string()
        } else {
            numbers.join(", ")
        }
    };
    vec![
        format!(
            "Answered: {}.",
            list(&|i| session.progress(i) == Progress::Complete)
        ),
        format!(
            "Incomplete: {}.",
            list(&|i| session.progress(i) == Progress::Incomplete)
        ),
        format!(
            "Unanswered: {}.",
            list(&|i| session.progress(i) == Progress::Unanswered)
        ),
        format!("Flagged: {}.", list(&|i| session.item(i).flagged)),
    ]
}

/// A mock exam's results.
pub fn results(results: &Results) -> Vec<String> {
    let verdict = if results.passed { "PASS" } else { "FAIL" };
    let time = results.time_text();
    let mut lines = vec![
        format!(
            "Result: {verdict}. Scaled score {}; the pass mark is {}, on a scale of {} to {}.",
            results.scaled, results.scoring.pass, results.scoring.min, results.scoring.max
        ),
        format!(
            "{} of {} correct, {}%; {time}; seed {}.",
            results.tally.correct,
            results.tally.total,
            results.tally.percent(),
            results.seed
        ),
        "By task statement:".to_string(),
    ];
    for task in &results.tasks {
        lines.push(format!(
            "Task {} {}: {} of {} correct, {}%.",
            task.id,
            task.title,
            task.tally.correct,
            task.tally.total,
            task.tally.percent()
        ));
    }
    let weakest = results.weakest_topics(3);
    if weakest.is_empty() {
        lines.push("Weakest topics: none, every topic was answered right.".to_string());
    } else {
        let listed: Vec<String> = weakest
            .iter()
            .map(|t| format!("{} {} of {}", t.title, t.tally.correct, t.tally.total))
            .collect();
        lines.push(format!("Weakest topics: {}.", listed.join("; ")));
    }
    lines
}

/// History and stats: the summary, analytics and every attempt, newest first.
pub fn history(stats: &Stats, analytics: &Analytics, attempts: &[&Attempt]) -> Vec<String> {
    let mut lines = summary_lines(stats);
    lines.extend(analytics_lines(analytics));
    if attempts.is_empty() {
        lines.push("No attempts yet.".to_string());
    } else {
        lines.push(format!("Attempts, newest first ({}):", attempts.len()));
    }
    for attempt in attempts {
        let tally = attempt.tally();
        let score = match (attempt.scaled, attempt.passed) {
            (Some(scaled), Some(passed)) => {
                format!(", score {scaled}, {}", if passed { "PASS" } else { "FAIL" })
            }
            _ => String::new(),
        };
        let scope = match (&attempt.task, &attempt.topic) {
            (Some(task), Some(topic)) => format!(" of task {task} topic {topic}"),
            (Some(task), None) => format!(" of task {task}"),
            _ => String::new(),
        };
        lines.push(format!(
            "{}{scope}, started {} UTC: {} of {} right, {}%{score}, time {}.",
            attempt.mode.title(),
            attempt.started_at.format("%Y-%m-%d %H:%M"),
            tally.correct,
            tally.total,
            tally.percent(),
            format_clock(attempt.duration())
        ));
    }
    lines
}
