//! What a screen's update can ask for, as data: stay, close itself, go home, open an
//! overlay, or a command that only the app can carry out (it starts or ends a session, or
//! builds the next screen). Screens never build other screens, so no screen module needs
//! another, and none needs the app.

use chrono::{DateTime, Utc};

use crate::bank::Bank;

use super::geometry::ScrollLimits;
use super::keymap::Context;
use super::view::{Message, Tone};

#[derive(Debug, Clone, PartialEq)]
pub enum Transition {
    Stay,
    /// Close this screen: back to the one beneath it.
    Pop,
    /// Back to the home screen.
    Home,
    Overlay(Overlay),
    Command(Command),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    OpenSetup,
    OpenDrillSetup,
    OpenHistory,
    /// The review grid over the running exam.
    OpenGrid,
    /// The post-exam review of these session indices, over the results.
    OpenReview {
        filter: ReviewFilter,
        indices: Vec<usize>,
    },
    StartExam {
        questions: u32,
        minutes: u32,
    },
    StartDrill {
        task: String,
        topic: Option<String>,
        count: usize,
    },
    StartReview,
    /// Today's plan as one session: the reviews due and today's new questions.
    StartPlan,
    OpenSettings,
    /// Keep (or, with None, forget) the exam date.
    SetExamDate(Option<chrono::NaiveDate>),
    /// End a drill or review: score and record what was checked.
    FinishPractice,
    /// Reopen a past attempt (its place in the history): its results or summary, and from
    /// there its review.
    OpenAttempt(usize),
    Resume,
    Quit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewFilter {
    All,
    Missed,
    Flagged,
}

impl ReviewFilter {
    pub fn label(self) -> &'static str {
        match self {
            ReviewFilter::All => "all questions",
            ReviewFilter::Missed => "missed questions",
            ReviewFilter::Flagged => "flagged questions",
        }
    }
}

/// Layers over the screens: each takes the keys until it closes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    /// Help for the context underneath, scrolled down this many rows (on a short window).
    Help {
        context: Context,
        scroll: u16,
    },
    Confirm(Confirm),
    /// At launch: resume or discard the unfinished session.
    Resume,
    /// `q` while a session runs: save and exit, abandon, cancel (or, in a drill or review,
    /// end it now with what was checked).
    Quit(QuitKind),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuitKind {
    Exam,
    Practice { checked: usize },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirm {
    Submit {
        unanswered: usize,
        incomplete: usize,
        flagged: usize,
    },
    /// Abandon the running session: nothing is kept.
    Abandon,
    /// End a drill or review early; what was checked is kept.
    EndPractice { checked: usize },
    /// Throw the unfinished session away.
    Discard,
    /// Start something new although a session is unfinished (it would be discarded).
    ReplaceUnfinished(NewSession),
}

/// What the user asked to start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewSession {
    Mock,
    Drill,
    Review,
}

/// What an update may read, and where it says things for the message line.
pub struct Ctx<'a> {
    pub bank: &'a Bank,
    /// Every finished attempt on record.
    pub attempts: &'a [crate::history::Attempt],
    pub now: DateTime<Utc>,
    /// The scroll limits the last frame recorded.
    pub scroll: ScrollLimits,
    /// Review-grid cells per row in the last frame.
    pub grid_columns: usize,
    /// An unfinished session waits to be resumed.
    pub unfinished: bool,
    /// Another bank's unfinished session is saved here: starting one replaces it.
    pub other_bank_session: bool,
    said: Option<Message>,
}

impl<'a> Ctx<'a> {
    pub fn new(
        bank: &'a Bank,
        attempts: &'a [crate::history::Attempt],
        now: DateTime<Utc>,
        scroll: ScrollLimits,
        grid_columns: usize,
        unfinished: bool,
        other_bank_session: bool,
    ) -> Ctx<'a> {
        Ctx {
            bank,
            attempts,
            now,
            scroll,
            grid_columns,
            unfinished,
            other_bank_session,
            said: None,
        }
    }

    pub fn say(&mut self, text: impl Into<String>, tone: Tone) {
        self.said = Some(Message::new(text, tone));
    }

    /// What the update said, for the message line.
    pub fn said(self) -> Option<Message> {
        self.said
    }
}

/// A scroll offset moved by a line (Up/Down) or a page (PageUp/PageDown), kept in 0..=max.
pub fn scrolled(scroll: u16, action: super::keymap::Action, page: u16, max: u16) -> u16 {
    use super::keymap::Action;
    let next = match action {
        Action::Up => scroll.saturating_sub(1),
        Action::Down => scroll.saturating_add(1),
        Action::PageUp => scroll.saturating_sub(page.max(1)),
        Action::PageDown => scroll.saturating_add(page.max(1)),
        _ => scroll,
    };
    next.min(max)
}
