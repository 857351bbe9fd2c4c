//! The one answering path: what answer keys do to the question on screen, for every kind of
//! question and in every mode (mock exam, drill, review). The engine refuses with data; the
//! words for it are here.

use crate::bank::Kind;
use crate::exam::Session;
use crate::exam::session::{Refusal, number_word};

use super::keymap::Action;

/// Applies an answer key to the current question. `prompt` is the matching prompt picked
/// with a digit, kept by the screen between keys. Returns what to say when refused.
pub fn answer(session: &mut Session, prompt: &mut Option<usize>, action: Action) -> Option<String> {
    let kind = session.current_item().kind();
    let result = match (action, kind) {
        (Action::ToggleOption(shown), Kind::Matching) => {
            let picked = *prompt;
            session.answer(shown, picked).map(|()| {
                *prompt = next_open_prompt(session, picked);
            })
        }
        (Action::Number(number), Kind::Matching) => {
            if number < session.current_item().option_count() {
                *prompt = Some(number);
                Ok(())
            } else {
                Err(Refusal::NoSuchPrompt)
            }
        }
        (Action::ToggleOption(shown) | Action::Number(shown), _) => session.answer(shown, None),
        (Action::StrikeOption(shown), _) => session.toggle_strike(shown),
        _ => Ok(()),
    };
    result.err().map(|refusal| refusal_text(refusal, kind))
}

/// After a match, the next prompt still without an answer (after `from`, wrapping).
fn next_open_prompt(session: &Session, from: Option<usize>) -> Option<usize> {
    let crate::exam::Response::Match(matched) = &session.current().response else {
        return None;
    };
    let count = matched.len();
    let start = from.map_or(0, |p| p + 1);
    (0..count)
        .map(|offset| (start + offset) % count)
        .find(|&p| matched[p].is_none())
}

pub fn refusal_text(refusal: Refusal, kind: Kind) -> String {
    match refusal {
        Refusal::TooMany { choose } => format!(
            "Choose {} only: deselect an option before choosing another",
            number_word(choose)
        ),
        Refusal::NoSuchOption => match kind {
            Kind::Choice => "This question has no such option".into(),
            Kind::Ordering => "This question has no such step".into(),
            Kind::Matching => "This question has no such answer".into(),
        },
        Refusal::NoPromptSelected => {
            "Pick a prompt first: press its number, then the letter of its answer".into()
        }
        Refusal::NoSuchPrompt => "This question has no prompt with that number".into(),
        Refusal::Submitted => "The exam has been submitted".into(),
    }
}
