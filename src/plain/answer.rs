//! A line that answers the question on screen: letters for a choice or an ordering, pairs
//! for a matching. It becomes the key presses that take the response to exactly that.

use std::io::Write;

use chrono::{DateTime, Utc};

use super::Plain;
use super::commands::press;
use super::describe;
use crate::bank::letter;
use crate::exam::Response;
use crate::ui::app::{App, Screen};
use crate::ui::keymap::Action;

pub(super) fn letter_index(text: &str) -> Option<usize> {
    let mut chars = text.chars();
    let c = chars.next()?.to_ascii_lowercase();
    (chars.next().is_none() && ('a'..='h').contains(&c)).then(|| c as usize - 'a' as usize)
}

/// A line of letters (or, for matching, pairs like `1a 2c`) becomes the answer: the
/// actions that take the current response to exactly that one. In a drill or review it is
/// then checked and the feedback said.
pub(super) fn answer<W: Write>(
    app: &mut App,
    plain: &mut Plain<W>,
    line: &str,
    now: DateTime<Utc>,
    check: bool,
) {
    let Some(session) = app.running_session() else {
        return;
    };
    let item = session.item(session.current);
    let options = item.shown.option_count();
    let tokens: Vec<&str> = line
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
        .collect();
    let mut actions = Vec::new();
    match &item.response {
        Response::Match(matched) => {
            for token in &tokens {
                let (digits, letters): (String, String) =
                    token.chars().partition(|c| c.is_ascii_digit());
                let prompt = digits
                    .parse::<usize>()
                    .ok()
                    .filter(|&p| (1..=matched.len()).contains(&p));
                let answer = letter_index(&letters).filter(|&a| a < options);
                let (Some(prompt), Some(answer)) = (prompt, answer) else {
                    plain.say(format!(
                        "Not a pair: {token}. Type each prompt's number with its answer's letter, for example 1a 2c."
                    ));
                    return;
                };
                if matched[prompt - 1] != Some(answer) {
                    actions.push(Action::Number(prompt - 1));
                    actions.push(Action::ToggleOption(answer));
                }
            }
        }
        response => {
            let mut wanted = Vec::new();
            for token in &tokens {
                for c in token.chars() {
                    match letter_index(&c.to_string()).filter(|&p| p < options) {
                        Some(position) if !wanted.contains(&position) => wanted.push(position),
                        Some(_) => {}
                        None => {
                            plain.say(format!(
                                "Not a command or an option: {line}. Options are a to {}; type help for the commands.",
                                letter(options.saturating_sub(1)).to_ascii_lowercase()
                            ));
                            return;
                        }
                    }
                }
            }
            match response {
                Response::Order(placed) => {
                    // Take every step back (last first), then place them as typed.
                    actions.extend(placed.iter().rev().map(|&p| Action::ToggleOption(p)));
                    actions.extend(wanted.iter().map(|&p| Action::ToggleOption(p)));
                }
                Response::Choice(chosen) => {
                    actions.extend(
                        chosen
                            .iter()
                            .filter(|p| !wanted.contains(p))
                            .map(|&p| Action::ToggleOption(p)),
                    );
                    actions.extend(
                        wanted
                            .iter()
                            .filter(|p| !chosen.contains(p))
                            .map(|&p| Action::ToggleOption(p)),
                    );
                }
                Response::Match(_) => {}
            }
        }
    }
    for action in actions {
        press(app, plain, action, now);
    }
    if check {
        press(app, plain, Action::Choose, now);
        if let Some(Screen::Practice(practice)) = app.screen()
            && practice.is_checked()
        {
            let item = practice.session.item(practice.session.current);
            let lines = describe::feedback(item);
            plain.say_all(lines);
            plain.say("Type next for the next question.");
        }
        return;
    }
    if let Some(session) = app.running_session() {
        plain.say(given_in_words(&session.item(session.current).response));
    }
}

/// The answer as it now stands, in words.
fn given_in_words(response: &Response) -> String {
    let (what, given): (&str, Vec<String>) = match response {
        Response::Choice(chosen) => (
            "Your answer",
            chosen.iter().map(|&p| letter(p).to_string()).collect(),
        ),
        Response::Order(placed) => (
            "Your order",
            placed.iter().map(|&p| letter(p).to_string()).collect(),
        ),
        Response::Match(matched) => (
            "Your matches",
            matched
                .iter()
                .enumerate()
                .filter_map(|(prompt, answer)| {
                    answer.map(|a| format!("{} {}", prompt + 1, letter(a)))
                })
                .collect(),
        ),
    };
    if given.is_empty() {
        "No answer given.".to_string()
    } else {
        format!("{what}: {}.", given.join(", "))
    }
}
