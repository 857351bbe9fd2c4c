//! The state each screen keeps: plain data, read by the drawing code and changed only by
//! the action handlers in this module's siblings.

use crate::exam::Session;
use crate::exam::scoring::Results;

use super::super::keymap::Context;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HomeEntry {
    MockExam,
    Quit,
}

impl HomeEntry {
    pub const ALL: [HomeEntry; 2] = [HomeEntry::MockExam, HomeEntry::Quit];

    pub fn label(self) -> &'static str {
        match self {
            HomeEntry::MockExam => "Mock exam",
            HomeEntry::Quit => "Quit",
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            HomeEntry::MockExam => {
                "a timed exam across every task statement, scored like the real one"
            }
            HomeEntry::Quit => "leave certsim",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetupField {
    Questions,
    Minutes,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setup {
    pub questions: u32,
    pub minutes: u32,
    pub field: SetupField,
    /// The next digit typed replaces the value instead of extending it.
    pub fresh: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GridFilter {
    All,
    Unanswered,
    Flagged,
}

impl GridFilter {
    pub fn label(self) -> &'static str {
        match self {
            GridFilter::All => "all",
            GridFilter::Unanswered => "unanswered",
            GridFilter::Flagged => "flagged",
        }
    }

    pub(super) fn next(self) -> GridFilter {
        match self {
            GridFilter::All => GridFilter::Unanswered,
            GridFilter::Unanswered => GridFilter::Flagged,
            GridFilter::Flagged => GridFilter::All,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExamView {
    Question,
    Grid,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ExamScreen {
    pub session: Session,
    pub view: ExamView,
    /// Lines the question body is scrolled down.
    pub scroll: u16,
    pub grid_cursor: usize,
    pub grid_filter: GridFilter,
}

impl ExamScreen {
    /// The question indices the grid shows under its filter.
    pub fn grid_indices(&self) -> Vec<usize> {
        let session = &self.session;
        (0..session.len())
            .filter(|&i| match self.grid_filter {
                GridFilter::All => true,
                GridFilter::Unanswered => !session.is_answered(i),
                GridFilter::Flagged => session.flags[i],
            })
            .collect()
    }
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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewState {
    pub filter: ReviewFilter,
    /// Session indices being stepped through.
    pub indices: Vec<usize>,
    pub position: usize,
    pub scroll: u16,
}

impl ReviewState {
    pub fn current(&self) -> usize {
        self.indices[self.position]
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ResultsScreen {
    pub session: Session,
    pub results: Results,
    pub review: Option<ReviewState>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Screen {
    Home { selected: usize },
    Setup(Setup),
    Exam(Box<ExamScreen>),
    Results(Box<ResultsScreen>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirm {
    Submit { unanswered: usize, flagged: usize },
    QuitExam,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    /// Help for the context underneath.
    Help(Context),
    Confirm(Confirm),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Info,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub tone: Tone,
}

#[derive(Debug, Clone, Default)]
pub struct AppOptions {
    /// Every exam started in this run uses this seed (replays); otherwise a random one.
    pub seed: Option<u64>,
}
