//! The one table that turns keys into actions. The footer hints and the `?` help overlay are
//! generated from this same table, so what they say can never drift from what keys do.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where the user is; each binding applies to some of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Home,
    /// Setting up a mock exam.
    Setup,
    /// Choosing a drill (or starting today's plan).
    DrillSetup,
    /// The exam date.
    Settings,
    Question,
    Grid,
    Results,
    Review,
    /// A drill or review-of-missed question, answered with immediate feedback.
    Practice,
    /// The same question once checked: its feedback is shown and Enter goes on.
    Feedback,
    /// The end of a drill or review session.
    Summary,
    History,
    /// The offer to resume an unfinished session.
    Resume,
    Confirm,
    /// `q` during a mock exam: save and exit, abandon, or cancel.
    QuitExam,
    /// `q` during a drill or review: the same, or end it now and record what was checked.
    QuitPractice,
    Help,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// A letter: choose an option, place a step, or match an answer.
    ToggleOption(usize),
    /// A digit on a question: the option with that number, or a matching prompt.
    Number(usize),
    StrikeOption(usize),
    Next,
    Previous,
    ToggleFlag,
    /// Jump to the next flagged question (wrapping).
    NextFlagged,
    /// Jump to the next question not answered in full (wrapping).
    NextNotDone,
    OpenGrid,
    Submit,
    Yes,
    No,
    Up,
    Down,
    Left,
    Right,
    Choose,
    /// Start today's plan (drill setup).
    StartPlan,
    /// History: the attempts or the analytics.
    SwitchPane,
    /// Settings: forget the exam date.
    ClearDate,
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
    /// Save the running session and leave; resume it later.
    SaveAndExit,
    /// Throw the running session away (asks again).
    Abandon,
    /// End a drill or review now, recording what was checked.
    EndNow,
}

/// What keys a binding answers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

    /// How the keys are written in the footer and the help, e.g. "n", "→", "a-h".
    pub fn label(self) -> String {
        match self {
            Keys::Char(c) => c.to_string(),
            Keys::Code(code) => code_label(code).to_string(),
            Keys::OptionLetters => "a-h".into(),
            Keys::OptionDigits => "1-8".into(),
            Keys::ShiftLetters => "A-H".into(),
            Keys::Digits => "0-9".into(),
            Keys::CtrlC => "Ctrl-C".into(),
        }
    }

    /// Every concrete key these keys answer to (for conflict checks).
    pub fn events(self) -> Vec<KeyEvent> {
        let chars = |range: std::ops::RangeInclusive<char>| -> Vec<KeyEvent> {
            range.filter_map(|c| parse_key(&c.to_string())).collect()
        };
        match self {
            Keys::Char(c) => parse_key(&c.to_string()).into_iter().collect(),
            Keys::Code(code) => vec![KeyEvent::new(code, KeyModifiers::NONE)],
            Keys::OptionLetters => chars('a'..='h'),
            Keys::OptionDigits => chars('1'..='8'),
            Keys::ShiftLetters => chars('A'..='H'),
            Keys::Digits => chars('0'..='9'),
            Keys::CtrlC => vec![KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)],
        }
    }
}

fn code_label(code: KeyCode) -> &'static str {
    match code {
        KeyCode::Enter => "Enter",
        KeyCode::Esc => "Esc",
        KeyCode::Tab => "Tab",
        KeyCode::BackTab => "Shift-Tab",
        KeyCode::Backspace => "Backspace",
        KeyCode::PageUp => "PgUp",
        KeyCode::PageDown => "PgDn",
        KeyCode::Up => "↑",
        KeyCode::Down => "↓",
        KeyCode::Left => "←",
        KeyCode::Right => "→",
        _ => "?",
    }
}

#[derive(Debug, Clone, Copy)]
pub enum Act {
    Fixed(Action),
    Indexed(fn(usize) -> Action),
}

/// Where a binding applies. `Screens` and `Everywhere` follow from what a context is, so a
/// new screen gets the global keys (`?`, `q`, Ctrl-C) without being added to any list.
#[derive(Debug, Clone, Copy)]
pub enum Scope {
    Only(&'static [Context]),
    /// Every screen, no overlay.
    Screens,
    /// Every screen and every overlay.
    Everywhere,
    /// Every screen and every overlay but the help itself.
    AllButHelp,
}

impl Scope {
    pub fn applies(self, context: Context) -> bool {
        match self {
            Scope::Only(contexts) => contexts.contains(&context),
            Scope::Screens => !context.is_overlay(),
            Scope::Everywhere => true,
            Scope::AllButHelp => context != Help,
        }
    }
}

// `Help` stays the last variant: a context added before it without an entry in `ALL`
// stops the build here.
const _: () = assert!(Context::ALL.len() == Context::Help as usize + 1);

impl Context {
    /// Every context, in declaration order.
    pub const ALL: [Context; 17] = [
        Home,
        Setup,
        DrillSetup,
        Settings,
        Question,
        Grid,
        Results,
        Review,
        Practice,
        Feedback,
        Summary,
        History,
        Resume,
        Confirm,
        QuitExam,
        QuitPractice,
        Help,
    ];

    /// Overlays sit over a screen and take its keys; they get only the keys bound to them.
    pub fn is_overlay(self) -> bool {
        match self {
            Resume | Confirm | QuitExam | QuitPractice | Help => true,
            Home | Setup | DrillSetup | Settings | Question | Grid | Results | Review
            | Practice | Feedback | Summary | History => false,
        }
    }
}

/// What a binding does in a context: (description for the help, word for the footer).
pub type Says = fn(Context) -> (&'static str, &'static str);

#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub scope: Scope,
    pub keys: &'static [Keys],
    pub act: Act,
    pub description: &'static str,
    /// The footer's short word for it; empty keeps it out of the footer (help shows all).
    pub hint: &'static str,
    /// For a key that means different things on different screens (`q`): what it does in
    /// this context, as (description, hint). The binding still applies by its scope.
    pub says: Option<Says>,
}

impl Binding {
    /// What the binding does in `context`, for the help.
    pub fn description_in(&self, context: Context) -> &'static str {
        self.says.map_or(self.description, |says| says(context).0)
    }

    /// The footer's word for it in `context` (empty: not in the footer).
    pub fn hint_in(&self, context: Context) -> &'static str {
        self.says.map_or(self.hint, |says| says(context).1)
    }

    /// How the keys are written in the help, derived from the keys: "n/→", "a-h/1-8".
    pub fn label(&self) -> String {
        let labels: Vec<String> = self.keys.iter().map(|k| k.label()).collect();
        labels.join("/")
    }

    /// The footer names one key where a letter has an alternative ("n/→" → "n") and keeps
    /// names and arrows whole ("Enter/Esc").
    pub fn footer_label(&self) -> String {
        match self.keys.first() {
            Some(Keys::Char(c)) if c.is_ascii() => c.to_string(),
            Some(Keys::OptionLetters) => Keys::OptionLetters.label(),
            _ => self.label(),
        }
    }
}

use Context::*;

const EXAM: &[Context] = &[Question, Grid];
const ANSWERING: &[Context] = &[Question, Practice];
const READING: &[Context] = &[
    Question, Review, Practice, Feedback, History, Results, Summary,
];
const LINES: &[Context] = &[Question, Review, Practice, Feedback, Results, Summary];
/// Where option letters mean something or, on a checked drill question, say why not.
const LETTERS: &[Context] = &[Question, Practice, Feedback];
const LISTS: &[Context] = &[Home, Grid];
const SETUPS: &[Context] = &[Setup, DrillSetup];
const QUITTING: &[Context] = &[QuitExam, QuitPractice];
const FINISHED: &[Context] = &[Results, Summary];

macro_rules! bind {
    ($scope:expr, [$($keys:expr),+], $act:expr, $description:expr, $hint:expr) => {
        Binding {
            scope: $scope,
            keys: &[$($keys),+],
            act: $act,
            description: $description,
            hint: $hint,
            says: None,
        }
    };
    ($scope:expr, [$($keys:expr),+], $act:expr, $says:expr) => {
        Binding {
            scope: $scope,
            keys: &[$($keys),+],
            act: $act,
            description: "",
            hint: "",
            says: Some($says),
        }
    };
}

/// Option keys answer, except on a checked drill question, where they only say to go on.
fn letters_say(context: Context) -> (&'static str, &'static str) {
    match context {
        Feedback => ("nothing: the answer is checked (Enter or n goes on)", ""),
        _ => (
            "choose an option / place a step / match an answer",
            "choose",
        ),
    }
}

fn digits_say(context: Context) -> (&'static str, &'static str) {
    match context {
        Feedback => ("nothing: the answer is checked", ""),
        _ => ("an option by number / pick a matching prompt", ""),
    }
}

fn strike_says(context: Context) -> (&'static str, &'static str) {
    match context {
        Feedback => ("nothing: the answer is checked", ""),
        _ => ("strike an option through / restore it", ""),
    }
}

/// A dialog lists its keys on its last line, so `?` stays out of it there.
fn help_says(context: Context) -> (&'static str, &'static str) {
    if context.is_overlay() {
        ("show every key of this dialog", "")
    } else {
        ("show every key of this screen", "help")
    }
}

/// What `q` does where the user is.
fn quit_says(context: Context) -> (&'static str, &'static str) {
    match context {
        Home => ("quit certsim", "quit"),
        Question | Grid | Practice | Feedback => {
            ("leave: save and exit, abandon, or cancel", "quit")
        }
        Review => ("back to the results", "back"),
        Results | Summary => ("back (home, or to History for a reopened attempt)", "back"),
        _ => ("back to the home screen", "home"),
    }
}

use Act::{Fixed, Indexed};
use Keys::{Char, Code};
use Scope::{AllButHelp, Everywhere, Only, Screens};

#[rustfmt::skip]
pub static BINDINGS: &[Binding] = &[
    bind!(Only(LETTERS), [Keys::OptionLetters], Indexed(Action::ToggleOption), letters_say),
    bind!(Only(LETTERS), [Keys::OptionDigits], Indexed(Action::Number), digits_say),
    bind!(Only(LETTERS), [Keys::ShiftLetters], Indexed(Action::StrikeOption), strike_says),
    bind!(Only(&[Question, Review]), [Char('n'), Code(KeyCode::Right)], Fixed(Action::Next), "next question", "next"),
    bind!(Only(&[Question, Review]), [Char('p'), Code(KeyCode::Left)], Fixed(Action::Previous), "previous question", "prev"),
    bind!(Only(&[Question]), [Char('m')], Fixed(Action::ToggleFlag), "mark / unmark for review (the flag)", "flag"),
    // `f` also jumps (see the letters above) unless the question has a sixth option; `M` always does.
    bind!(Only(&[Question]), [Char('M')], Fixed(Action::NextFlagged), "next flagged question (so does f, where there is no option F)", ""),
    bind!(Only(&[Question]), [Char('u')], Fixed(Action::NextNotDone), "next question not done (unanswered or incomplete)", ""),
    bind!(Only(&[Question]), [Char('r')], Fixed(Action::OpenGrid), "open the review grid", "grid"),
    bind!(Only(EXAM), [Char('s')], Fixed(Action::Submit), "submit the exam (asks to confirm)", "submit"),
    bind!(Only(READING), [Code(KeyCode::PageUp)], Fixed(Action::PageUp), "scroll up a page", ""),
    bind!(Only(READING), [Code(KeyCode::PageDown)], Fixed(Action::PageDown), "scroll down a page", ""),
    bind!(Only(LINES), [Code(KeyCode::Up), Char('k')], Fixed(Action::Up), "scroll up a line", ""),
    bind!(Only(LINES), [Code(KeyCode::Down), Char('j')], Fixed(Action::Down), "scroll down a line", ""),
    bind!(Only(&[History]), [Code(KeyCode::Up), Char('k')], Fixed(Action::Up), "select the newer attempt", ""),
    bind!(Only(&[History]), [Code(KeyCode::Down), Char('j')], Fixed(Action::Down), "select the older attempt", ""),
    bind!(Only(&[History]), [Code(KeyCode::Enter)], Fixed(Action::Choose), "open the selected attempt: its results and review", "open"),
    bind!(Only(&[History]), [Code(KeyCode::Tab)], Fixed(Action::SwitchPane), "switch between the attempts and the analytics (services, qualifiers, pace, trend)", "analytics"),
    bind!(Only(&[History]), [Code(KeyCode::Esc)], Fixed(Action::Back), "back to the home screen", "back"),
    bind!(Only(&[Practice]), [Code(KeyCode::Enter)], Fixed(Action::Choose), "check the answer", "check"),
    bind!(Only(&[Practice]), [Char('n'), Code(KeyCode::Right)], Fixed(Action::Next), "next question (once checked)", ""),
    bind!(Only(&[Feedback]), [Code(KeyCode::Enter), Char('n'), Code(KeyCode::Right)], Fixed(Action::Next), "next question (the summary after the last)", "next"),
    bind!(Only(&[Summary]), [Code(KeyCode::Enter), Code(KeyCode::Esc)], Fixed(Action::Back), "back", "back"),
    bind!(Only(&[Resume]), [Char('r'), Code(KeyCode::Enter)], Fixed(Action::Resume), "resume the unfinished session", "resume"),
    bind!(Only(&[Resume]), [Char('d')], Fixed(Action::Discard), "discard it (asks to confirm)", "discard"),
    bind!(Only(&[Resume]), [Code(KeyCode::Esc)], Fixed(Action::Back), "decide later (the home menu keeps it)", "later"),
    bind!(Only(LISTS), [Code(KeyCode::Up), Char('k')], Fixed(Action::Up), "move up", ""),
    bind!(Only(LISTS), [Code(KeyCode::Down), Char('j')], Fixed(Action::Down), "move down", ""),
    bind!(Only(&[Grid]), [Code(KeyCode::Left)], Fixed(Action::Left), "move left", ""),
    bind!(Only(&[Grid]), [Code(KeyCode::Right)], Fixed(Action::Right), "move right", ""),
    bind!(Only(&[Home, Grid]), [Code(KeyCode::Enter)], Fixed(Action::Choose), "open the selected entry", "open"),
    bind!(Only(&[Grid]), [Code(KeyCode::Tab)], Fixed(Action::CycleFilter), "cycle the filter: all → not done → flagged", "filter"),
    bind!(Only(&[Grid]), [Code(KeyCode::Esc), Char('r')], Fixed(Action::Back), "back to the current question", "back"),
    bind!(Only(SETUPS), [Code(KeyCode::Down), Code(KeyCode::Tab)], Fixed(Action::NextField), "next field", "field"),
    bind!(Only(SETUPS), [Code(KeyCode::Up), Code(KeyCode::BackTab)], Fixed(Action::PrevField), "previous field", ""),
    bind!(Only(SETUPS), [Code(KeyCode::Left), Char('-')], Fixed(Action::Left), "decrease the value", "change"),
    bind!(Only(SETUPS), [Code(KeyCode::Right), Char('+')], Fixed(Action::Right), "increase the value", ""),
    bind!(Only(SETUPS), [Keys::Digits], Indexed(digit), "type a number", ""),
    bind!(Only(SETUPS), [Code(KeyCode::Backspace)], Fixed(Action::DeleteDigit), "delete a digit", ""),
    bind!(Only(SETUPS), [Code(KeyCode::Enter)], Fixed(Action::Choose), "start", "start"),
    bind!(Only(SETUPS), [Code(KeyCode::Esc)], Fixed(Action::Back), "back to the home screen", "back"),
    bind!(Only(&[Settings]), [Keys::Digits], Indexed(digit), "type the exam date, YYYYMMDD", "type"),
    bind!(Only(&[Settings]), [Code(KeyCode::Backspace)], Fixed(Action::DeleteDigit), "delete a digit", ""),
    bind!(Only(&[Settings]), [Code(KeyCode::Enter)], Fixed(Action::Choose), "keep the exam date", "keep"),
    bind!(Only(&[Settings]), [Char('c')], Fixed(Action::ClearDate), "clear the exam date", "clear"),
    bind!(Only(&[Settings]), [Code(KeyCode::Esc)], Fixed(Action::Back), "back to the home screen", "back"),
    bind!(Only(&[DrillSetup]), [Char('t')], Fixed(Action::StartPlan), "start today's plan: the reviews due and today's new questions", "today's plan"),
    bind!(Only(FINISHED), [Char('a')], Fixed(Action::ReviewAll), "review all questions", "all"),
    bind!(Only(FINISHED), [Char('m')], Fixed(Action::ReviewMissed), "review missed questions", "missed"),
    bind!(Only(FINISHED), [Char('f')], Fixed(Action::ReviewFlagged), "review flagged questions", "flagged"),
    bind!(Only(&[Review]), [Code(KeyCode::Esc)], Fixed(Action::Back), "back to the results", "results"),
    bind!(Only(&[Results]), [Code(KeyCode::Esc)], Fixed(Action::Back), "back", ""),
    bind!(Only(QUITTING), [Char('s'), Code(KeyCode::Enter)], Fixed(Action::SaveAndExit), "save and exit: resume it later", "save & exit"),
    bind!(Only(QUITTING), [Char('a')], Fixed(Action::Abandon), "abandon it (asks again; nothing is kept)", "abandon"),
    bind!(Only(&[QuitPractice]), [Char('e')], Fixed(Action::EndNow), "end it now and record what was checked", "end now"),
    bind!(Only(QUITTING), [Code(KeyCode::Esc)], Fixed(Action::Back), "cancel: back to the question", "cancel"),
    bind!(Only(&[Confirm]), [Char('y')], Fixed(Action::Yes), "yes", "yes"),
    bind!(Only(&[Confirm]), [Char('n'), Code(KeyCode::Esc)], Fixed(Action::No), "no", "no"),
    bind!(Only(&[Help]), [Char('?'), Code(KeyCode::Esc), Char('q')], Fixed(Action::Back), "close this help", "close"),
    bind!(Only(&[Help]), [Code(KeyCode::Up), Char('k')], Fixed(Action::Up), "scroll the keys up", ""),
    bind!(Only(&[Help]), [Code(KeyCode::Down), Char('j')], Fixed(Action::Down), "scroll the keys down", ""),
    bind!(Only(&[Help]), [Code(KeyCode::PageUp)], Fixed(Action::PageUp), "scroll the keys up a page", ""),
    bind!(Only(&[Help]), [Code(KeyCode::PageDown)], Fixed(Action::PageDown), "scroll the keys down a page", ""),
    bind!(AllButHelp, [Char('?')], Fixed(Action::Help), help_says),
    bind!(Screens, [Char('q')], Fixed(Action::Quit), quit_says),
    bind!(Everywhere, [Keys::CtrlC], Fixed(Action::ForceQuit), "quit at once (a running session is kept)", ""),
];

/// What the mouse does, where: listed in the help beside the keys.
pub struct PointerBinding {
    pub scope: Scope,
    pub what: &'static str,
    pub description: &'static str,
}

pub static POINTER: &[PointerBinding] = &[
    PointerBinding {
        scope: Only(ANSWERING),
        what: "click",
        description: "choose / unchoose the option under the pointer",
    },
    PointerBinding {
        scope: Only(&[
            Question, Practice, Feedback, Review, Results, Summary, History,
        ]),
        what: "wheel",
        description: "scroll",
    },
];

fn digit(n: usize) -> Action {
    Action::Digit(n as u8)
}

/// The action a key stands for where the user is, if any.
pub fn action_for(context: Context, key: &KeyEvent) -> Option<Action> {
    BINDINGS
        .iter()
        .filter(|b| b.scope.applies(context))
        .find_map(|binding| {
            let index = binding.keys.iter().find_map(|keys| keys.matches(key))?;
            Some(match binding.act {
                Fixed(action) => action,
                Indexed(make) => make(index),
            })
        })
}

/// The bindings of a context (for help and the footer).
pub fn bindings_for(context: Context) -> impl Iterator<Item = &'static Binding> {
    BINDINGS.iter().filter(move |b| b.scope.applies(context))
}

/// What the mouse does in a context.
pub fn pointer_for(context: Context) -> impl Iterator<Item = &'static PointerBinding> {
    POINTER.iter().filter(move |p| p.scope.applies(context))
}

/// `(key, hint)` pairs for the footer of a context: the first key of each main binding.
pub fn footer_hints(context: Context) -> Vec<(String, &'static str)> {
    bindings_for(context)
        .filter(|b| !b.hint_in(context).is_empty())
        .map(|b| (b.footer_label(), b.hint_in(context)))
        .collect()
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
        "Shift-Tab" => KeyCode::BackTab,
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
mod tests;
