//! The state each screen keeps: plain data, read by the drawing code and changed only by
//! the action handlers in this module's siblings.

use crate::exam::Session;
use crate::exam::scoring::Results;
use crate::history::{Filters, Mode};

use super::super::keymap::Context;
use super::super::widgets::number_field::NumberField;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HomeEntry {
    Resume,
    MockExam,
    Drill,
    ReviewMissed,
    History,
    Quit,
}

impl HomeEntry {
    pub fn label(self) -> &'static str {
        match self {
            HomeEntry::Resume => "Resume the unfinished session",
            HomeEntry::MockExam => "Mock exam",
            HomeEntry::Drill => "Drill a task statement",
            HomeEntry::ReviewMissed => "Review missed questions",
            HomeEntry::History => "History and stats",
            HomeEntry::Quit => "Quit",
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            HomeEntry::Resume => "with the time that was left",
            HomeEntry::MockExam => "timed, every task statement, scored",
            HomeEntry::Drill => "one task or topic, feedback at once",
            HomeEntry::ReviewMissed => "what you got wrong, until mastered",
            HomeEntry::History => "attempts, accuracy, readiness",
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
    pub questions: NumberField,
    pub minutes: NumberField,
    pub field: SetupField,
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
    /// A matching question's prompt picked with its number, waiting for an answer letter.
    pub prompt: Option<usize>,
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
                GridFilter::Flagged => session.item(i).flagged,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DrillField {
    Task,
    Topic,
    Count,
}

/// Choosing what to drill: a task statement, optionally one of its topics, and how many.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrillSetup {
    /// Index into the exam's tasks.
    pub task: usize,
    /// 0 for every topic of the task, else 1 + the topic's index.
    pub topic: usize,
    pub count: NumberField,
    pub field: DrillField,
}

/// A drill or review of missed questions: answer, check, learn, next.
#[derive(Debug, Clone, PartialEq)]
pub struct PracticeScreen {
    pub mode: Mode,
    pub filters: Filters,
    pub session: Session,
    /// Which questions have been checked (their feedback shown).
    pub checked: Vec<bool>,
    pub scroll: u16,
    /// A matching question's prompt picked with its number, waiting for an answer letter.
    pub prompt: Option<usize>,
}

impl PracticeScreen {
    pub fn is_checked(&self) -> bool {
        self.checked
            .get(self.session.current)
            .copied()
            .unwrap_or(false)
    }

    pub fn correct_so_far(&self) -> usize {
        (0..self.session.len())
            .filter(|&i| self.checked[i] && self.session.is_correct(i))
            .count()
    }
}

/// The end of a drill or review: how it went, per topic.
#[derive(Debug, Clone, PartialEq)]
pub struct PracticeSummary {
    pub mode: Mode,
    pub filters: Filters,
    pub answered: usize,
    pub questions: usize,
    pub results: Results,
    /// Where it was saved, or why it could not be.
    pub saved: Result<(), String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Screen {
    Home { selected: usize },
    Setup(Setup),
    Exam(Box<ExamScreen>),
    Results(Box<ResultsScreen>),
    DrillSetup(DrillSetup),
    Practice(Box<PracticeScreen>),
    Summary(Box<PracticeSummary>),
    History { scroll: u16 },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirm {
    Submit {
        unanswered: usize,
        flagged: usize,
    },
    QuitExam,
    /// End a drill or review early; what was checked is kept.
    EndPractice {
        checked: usize,
    },
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    /// Help for the context underneath.
    Help(Context),
    Confirm(Confirm),
    /// At launch: resume or discard the unfinished session.
    Resume,
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
    /// Where history and the unfinished session live; None keeps everything in memory.
    pub data_dir: Option<std::path::PathBuf>,
}
