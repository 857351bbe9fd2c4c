//! The one table that turns keys into actions. The footer hints and the `?` help overlay are
//! generated from this same table, so what they say can never drift from what keys do.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where the user is; each binding applies to some of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Home,
    Setup,
    Question,
    Grid,
    Results,
    Review,
    /// A drill or review-of-missed question, answered with immediate feedback.
    Practice,
    /// The end of a drill or review session.
    Summary,
    History,
    /// The offer to resume an unfinished session.
    Resume,
    Confirm,
    Help,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    ToggleOption(usize),
    StrikeOption(usize),
    Next,
    Previous,
    ToggleFlag,
    OpenGrid,
    Submit,
    Yes,
    No,
    Up,
    Down,
    Left,
    Right,
    Choose,
    CycleFilter,
    ReviewAll,
    ReviewMissed,
    ReviewFlagged,
    Back,
    Help,
    Quit,
    ForceQuit,
    PageUp,
    PageDown,
    Digit(u8),
    DeleteDigit,
    NextField,
    PrevField,
    Resume,
    Discard,
}

/// What keys a binding answers to.
#[derive(Debug, Clone, Copy)]
pub enum Keys {
    Char(char),
    Code(KeyCode),
    /// `a`–`h`: option 0–7.
    OptionLetters,
    /// `1`–`8`: option 0–7.
    OptionDigits,
    /// `A`–`H`: option 0–7.
    ShiftLetters,
    /// `0`–`9`.
    Digits,
    CtrlC,
}

impl Keys {
    /// The index the key stands for (0 for keys without one), if the key matches.
    fn matches(self, key: &KeyEvent) -> Option<usize> {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match (self, key.code) {
            (Keys::CtrlC, KeyCode::Char('c')) if ctrl => Some(0),
            (_, _) if ctrl => None,
            (Keys::Char(want), KeyCode::Char(got)) if want == got => Some(0),
            (Keys::Code(want), got) if want == got => Some(0),
            (Keys::OptionLetters, KeyCode::Char(c @ 'a'..='h')) => Some(c as usize - 'a' as usize),
            (Keys::OptionDigits, KeyCode::Char(c @ '1'..='8')) => Some(c as usize - '1' as usize),
            (Keys::ShiftLetters, KeyCode::Char(c @ 'A'..='H')) => Some(c as usize - 'A' as usize),
            (Keys::Digits, KeyCode::Char(c @ '0'..='9')) => Some(c as usize - '0' as usize),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub enum Act {
    Fixed(Action),
    Indexed(fn(usize) -> Action),
}

#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub contexts: &'static [Context],
    pub keys: &'static [Keys],
    pub act: Act,
    /// How the keys are written in hints, e.g. "n/→".
    pub label: &'static str,
    pub description: &'static str,
    /// The footer's short word for it; empty keeps it out of the footer (help shows all).
    pub hint: &'static str,
}

use Context::*;

const EXAM: &[Context] = &[Question, Grid];
const ANSWERING: &[Context] = &[Question, Practice];
const READING: &[Context] = &[Question, Review, Practice, History];
const LISTS: &[Context] = &[Home, Grid];
const SCREENS: &[Context] = &[
    Home, Setup, Question, Grid, Results, Review, Practice, Summary, History,
];
const EVERYWHERE: &[Context] = &[
    Home, Setup, Question, Grid, Results, Review, Practice, Summary, History, Resume, Confirm, Help,
];

macro_rules! bind {
    ($contexts:expr, [$($keys:expr),+], $act:expr, $label:expr, $description:expr, $hint:expr) => {
        Binding {
            contexts: $contexts,
            keys: &[$($keys),+],
            act: $act,
            label: $label,
            description: $description,
            hint: $hint,
        }
    };
}

use Act::{Fixed, Indexed};
use Keys::{Char, Code};

#[rustfmt::skip]
pub static BINDINGS: &[Binding] = &[
    bind!(ANSWERING, [Keys::OptionLetters, Keys::OptionDigits], Indexed(Action::ToggleOption), "a-h", "choose / unchoose an option (also 1-8)", "choose"),
    bind!(ANSWERING, [Keys::ShiftLetters], Indexed(Action::StrikeOption), "A-H", "strike an option through / restore it", ""),
    bind!(&[Question, Review], [Char('n'), Code(KeyCode::Right)], Fixed(Action::Next), "n/→", "next question", "next"),
    bind!(&[Question, Review], [Char('p'), Code(KeyCode::Left)], Fixed(Action::Previous), "p/←", "previous question", "prev"),
    bind!(&[Question], [Char('m')], Fixed(Action::ToggleFlag), "m", "mark / unmark for review (the flag)", "flag"),
    bind!(&[Question], [Char('r')], Fixed(Action::OpenGrid), "r", "open the review grid", "grid"),
    bind!(EXAM, [Char('s')], Fixed(Action::Submit), "s", "submit the exam (asks to confirm)", "submit"),
    bind!(READING, [Code(KeyCode::PageUp)], Fixed(Action::PageUp), "PgUp", "scroll up", ""),
    bind!(READING, [Code(KeyCode::PageDown)], Fixed(Action::PageDown), "PgDn", "scroll down", ""),
    bind!(&[Review, History], [Code(KeyCode::Up), Char('k')], Fixed(Action::Up), "↑/k", "scroll up a line", ""),
    bind!(&[Review, History], [Code(KeyCode::Down), Char('j')], Fixed(Action::Down), "↓/j", "scroll down a line", ""),
    bind!(&[Practice], [Code(KeyCode::Enter)], Fixed(Action::Choose), "Enter", "check the answer, then go to the next question", "check"),
    bind!(&[Practice], [Char('n'), Code(KeyCode::Right)], Fixed(Action::Next), "n/→", "next question (once checked)", "next"),
    bind!(&[Summary, History], [Code(KeyCode::Enter), Code(KeyCode::Esc)], Fixed(Action::Back), "Enter/Esc", "back to the home screen", "back"),
    bind!(&[Resume], [Char('r'), Code(KeyCode::Enter)], Fixed(Action::Resume), "r/Enter", "resume the unfinished session", "resume"),
    bind!(&[Resume], [Char('d')], Fixed(Action::Discard), "d", "discard it (asks to confirm)", "discard"),
    bind!(&[Resume], [Code(KeyCode::Esc)], Fixed(Action::Back), "Esc", "decide later (the home menu keeps it)", "later"),
    bind!(LISTS, [Code(KeyCode::Up), Char('k')], Fixed(Action::Up), "↑/k", "move up", ""),
    bind!(LISTS, [Code(KeyCode::Down), Char('j')], Fixed(Action::Down), "↓/j", "move down", ""),
    bind!(&[Grid], [Code(KeyCode::Left)], Fixed(Action::Left), "←", "move left", ""),
    bind!(&[Grid], [Code(KeyCode::Right)], Fixed(Action::Right), "→", "move right", ""),
    bind!(&[Home, Grid], [Code(KeyCode::Enter)], Fixed(Action::Choose), "Enter", "open the selected entry", "open"),
    bind!(&[Grid], [Code(KeyCode::Tab)], Fixed(Action::CycleFilter), "Tab", "cycle the filter: all → unanswered → flagged", "filter"),
    bind!(&[Grid], [Code(KeyCode::Esc), Char('r')], Fixed(Action::Back), "Esc", "back to the current question", "back"),
    bind!(&[Setup], [Code(KeyCode::Down), Code(KeyCode::Tab)], Fixed(Action::NextField), "↑/↓", "move between the fields (also Tab)", "field"),
    bind!(&[Setup], [Code(KeyCode::Up)], Fixed(Action::PrevField), "", "", ""),
    bind!(&[Setup], [Code(KeyCode::Left), Char('-')], Fixed(Action::Left), "←/→", "decrease / increase the value", "change"),
    bind!(&[Setup], [Code(KeyCode::Right), Char('+')], Fixed(Action::Right), "", "", ""),
    bind!(&[Setup], [Keys::Digits], Indexed(digit), "0-9", "type a number", ""),
    bind!(&[Setup], [Code(KeyCode::Backspace)], Fixed(Action::DeleteDigit), "Backspace", "delete a digit", ""),
    bind!(&[Setup], [Code(KeyCode::Enter)], Fixed(Action::Choose), "Enter", "start", "start"),
    bind!(&[Setup], [Code(KeyCode::Esc)], Fixed(Action::Back), "Esc", "back to the home screen", "back"),
    bind!(&[Results], [Char('a')], Fixed(Action::ReviewAll), "a", "review all questions", "all"),
    bind!(&[Results], [Char('m')], Fixed(Action::ReviewMissed), "m", "review missed questions", "missed"),
    bind!(&[Results], [Char('f')], Fixed(Action::ReviewFlagged), "f", "review flagged questions", "flagged"),
    bind!(&[Review], [Code(KeyCode::Esc)], Fixed(Action::Back), "Esc", "back to the results", "results"),
    bind!(&[Confirm], [Char('y')], Fixed(Action::Yes), "y", "yes", "yes"),
    bind!(&[Confirm], [Char('n'), Code(KeyCode::Esc)], Fixed(Action::No), "n/Esc", "no", "no"),
    bind!(&[Help], [Char('?'), Code(KeyCode::Esc), Char('q')], Fixed(Action::Back), "?/Esc", "close help", "close"),
    bind!(SCREENS, [Char('?')], Fixed(Action::Help), "?", "show every key of this screen", "help"),
    bind!(SCREENS, [Char('q')], Fixed(Action::Quit), "q", "quit or go back (asks to confirm during an exam)", "quit"),
    bind!(EVERYWHERE, [Keys::CtrlC], Fixed(Action::ForceQuit), "Ctrl-C", "quit certsim at once", ""),
];

fn digit(n: usize) -> Action {
    Action::Digit(n as u8)
}

/// The action a key stands for where the user is, if any.
pub fn action_for(context: Context, key: &KeyEvent) -> Option<Action> {
    BINDINGS
        .iter()
        .filter(|b| b.contexts.contains(&context))
        .find_map(|binding| {
            let index = binding.keys.iter().find_map(|keys| keys.matches(key))?;
            Some(match binding.act {
                Fixed(action) => action,
                Indexed(make) => make(index),
            })
        })
}

/// The bindings of a context that have something to say (for help and the footer).
pub fn bindings_for(context: Context) -> impl Iterator<Item = &'static Binding> {
    BINDINGS
        .iter()
        .filter(move |b| b.contexts.contains(&context) && !b.label.is_empty())
}

/// `(key, hint)` pairs for the footer of a context: the first key of each main binding.
pub fn footer_hints(context: Context) -> Vec<(&'static str, &'static str)> {
    bindings_for(context)
        .filter(|b| !b.hint.is_empty())
        .map(|b| (footer_key(b.label), b.hint))
        .collect()
}

/// The footer names one key where a letter has an alternative ("n/→" → "n"), and keeps
/// pairs of arrows or names whole ("↑/↓", "Enter/Esc").
fn footer_key(label: &'static str) -> &'static str {
    match label.split_once('/') {
        Some((first, _)) if first.len() == 1 && first.is_ascii() => first,
        _ => label,
    }
}

/// Parses a key written as in the keymap table ("a", "Enter", "Esc", "→", "PgDn", "Ctrl-C",
/// "A" for shift-a) into a key event; used by tests and end-to-end scripts.
pub fn parse_key(text: &str) -> Option<KeyEvent> {
    let code = match text {
        "Enter" => KeyCode::Enter,
        "Esc" => KeyCode::Esc,
        "Tab" => KeyCode::Tab,
        "Backspace" => KeyCode::Backspace,
        "PgUp" => KeyCode::PageUp,
        "PgDn" => KeyCode::PageDown,
        "↑" | "Up" => KeyCode::Up,
        "↓" | "Down" => KeyCode::Down,
        "←" | "Left" => KeyCode::Left,
        "→" | "Right" => KeyCode::Right,
        "Ctrl-C" => return Some(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
        _ => {
            let mut chars = text.chars();
            let c = chars.next()?;
            if chars.next().is_some() {
                return None;
            }
            let modifiers = if c.is_ascii_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            return Some(KeyEvent::new(KeyCode::Char(c), modifiers));
        }
    };
    Some(KeyEvent::new(code, KeyModifiers::NONE))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_keys_map_to_their_actions() {
        use Action::{
            Back, Choose, CycleFilter, Digit, Down, ForceQuit, Next, No, OpenGrid, PageDown,
            Previous, Quit, ReviewAll, ReviewFlagged, ReviewMissed, Right, StrikeOption, Submit,
            ToggleFlag, ToggleOption, Up, Yes,
        };
        let cases: &[(Context, &str, Option<Action>)] = &[
            (Question, "a", Some(ToggleOption(0))),
            (Question, "h", Some(ToggleOption(7))),
            (Question, "1", Some(ToggleOption(0))),
            (Question, "8", Some(ToggleOption(7))),
            (Question, "i", None),
            (Question, "A", Some(StrikeOption(0))),
            (Question, "H", Some(StrikeOption(7))),
            (Question, "n", Some(Next)),
            (Question, "→", Some(Next)),
            (Question, "p", Some(Previous)),
            (Question, "←", Some(Previous)),
            (Question, "m", Some(ToggleFlag)),
            (Question, "r", Some(OpenGrid)),
            (Question, "s", Some(Submit)),
            (Question, "?", Some(Action::Help)),
            (Question, "q", Some(Quit)),
            (Question, "PgDn", Some(PageDown)),
            (Grid, "s", Some(Submit)),
            (Grid, "Enter", Some(Choose)),
            (Grid, "Tab", Some(CycleFilter)),
            (Grid, "↑", Some(Up)),
            (Grid, "→", Some(Right)),
            (Grid, "Esc", Some(Back)),
            (Confirm, "y", Some(Yes)),
            (Confirm, "n", Some(No)),
            (Confirm, "Esc", Some(No)),
            (Confirm, "q", None),
            (Results, "a", Some(ReviewAll)),
            (Results, "m", Some(ReviewMissed)),
            (Results, "f", Some(ReviewFlagged)),
            (Review, "n", Some(Next)),
            (Review, "←", Some(Previous)),
            (Review, "Esc", Some(Back)),
            (Home, "j", Some(Down)),
            (Home, "k", Some(Up)),
            (Home, "Enter", Some(Choose)),
            (Setup, "5", Some(Digit(5))),
            (Setup, "→", Some(Right)),
            (Setup, "↑", Some(Action::PrevField)),
            (Setup, "↓", Some(Action::NextField)),
            (Practice, "a", Some(ToggleOption(0))),
            (Practice, "Enter", Some(Choose)),
            (Practice, "n", Some(Next)),
            (Practice, "m", None),
            (Summary, "Enter", Some(Back)),
            (History, "↓", Some(Down)),
            (History, "Esc", Some(Back)),
            (Resume, "r", Some(Action::Resume)),
            (Resume, "d", Some(Action::Discard)),
            (Context::Help, "?", Some(Back)),
            (Review, "Ctrl-C", Some(ForceQuit)),
        ];
        for &(context, key, expected) in cases {
            let event = parse_key(key).unwrap();
            assert_eq!(action_for(context, &event), expected, "{context:?} {key}");
        }
    }

    #[test]
    fn no_key_means_two_things_in_one_context() {
        let all = EVERYWHERE;
        let probes = [
            "a",
            "b",
            "h",
            "A",
            "1",
            "8",
            "n",
            "p",
            "m",
            "r",
            "s",
            "q",
            "y",
            "f",
            "j",
            "k",
            "?",
            "Enter",
            "Esc",
            "Tab",
            "↑",
            "↓",
            "←",
            "→",
            "PgUp",
            "PgDn",
            "Ctrl-C",
            "Backspace",
            "0",
            "+",
            "-",
        ];
        for &context in all {
            for key in probes {
                let event = parse_key(key).unwrap();
                let matching: Vec<_> = BINDINGS
                    .iter()
                    .filter(|b| b.contexts.contains(&context))
                    .filter(|b| b.keys.iter().any(|k| k.matches(&event).is_some()))
                    .map(|b| b.description)
                    .collect();
                assert!(matching.len() <= 1, "{context:?} {key}: {matching:?}");
            }
        }
    }

    #[test]
    fn every_context_has_help_and_a_footer() {
        for &context in EVERYWHERE {
            assert!(bindings_for(context).count() > 0, "{context:?}");
            assert!(!footer_hints(context).is_empty(), "{context:?}");
        }
        assert!(footer_hints(Question).contains(&("m", "flag")));
        assert!(footer_hints(Question).contains(&("n", "next")));
    }
}
