//! The application state and what each action does to it. No drawing and no terminal I/O
//! here: the event loop feeds actions and ticks in, screens read the state out.

use chrono::{DateTime, TimeDelta, Utc};

use crate::bank::Bank;
use crate::exam::scoring::{self, Results};
use crate::exam::{Session, assemble, rng_from_seed};

use super::keymap::{Action, Context};
use super::{grid, question, review};

/// Below this size the app asks for a larger window instead of drawing a broken layout.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 20;

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

    fn next(self) -> GridFilter {
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

pub struct App {
    pub bank: Bank,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    pub message: Option<Message>,
    /// The time of the last event or tick; drawing reads the countdown from it.
    pub now: DateTime<Utc>,
    /// The terminal's size as last seen, for scrolling and mouse hit-testing.
    pub size: (u16, u16),
    pub options: AppOptions,
    pub quit: bool,
    /// Quit through Ctrl-C rather than the menu.
    pub interrupted: bool,
}

impl App {
    pub fn new(bank: Bank, options: AppOptions, now: DateTime<Utc>) -> App {
        App {
            bank,
            screen: Screen::Home { selected: 0 },
            overlay: None,
            message: None,
            now,
            size: (80, 24),
            options,
            quit: false,
            interrupted: false,
        }
    }

    /// Where the user is, for the keymap: an overlay first, then the screen.
    pub fn context(&self) -> Context {
        match (&self.overlay, &self.screen) {
            (Some(Overlay::Help(_)), _) => Context::Help,
            (Some(Overlay::Confirm(_)), _) => Context::Confirm,
            (None, screen) => screen_context(screen),
        }
    }

    pub fn is_exam_running(&self) -> bool {
        matches!(self.screen, Screen::Exam(_))
    }

    fn say(&mut self, text: impl Into<String>, tone: Tone) {
        self.message = Some(Message {
            text: text.into(),
            tone,
        });
    }

    /// Starts a mock exam now; the seed comes from the options or is drawn at random.
    pub fn start_exam(&mut self, questions: u32, minutes: u32, now: DateTime<Utc>) {
        let seed = self.options.seed.unwrap_or_else(rand::random);
        let items = assemble(&self.bank, questions as usize, &mut rng_from_seed(seed));
        if items.is_empty() {
            self.say(
                "The bank has no questions to build an exam from",
                Tone::Warning,
            );
            return;
        }
        let session = Session::new(
            items,
            seed,
            now,
            Some(TimeDelta::minutes(i64::from(minutes))),
        );
        self.overlay = None;
        self.screen = Screen::Exam(Box::new(ExamScreen {
            session,
            view: ExamView::Question,
            scroll: 0,
            grid_cursor: 0,
            grid_filter: GridFilter::All,
        }));
        self.now = now;
    }

    /// Time passes: the countdown moves, and at zero the exam submits itself.
    pub fn tick(&mut self, now: DateTime<Utc>) {
        self.now = now;
        if let Screen::Exam(exam) = &self.screen
            && exam.session.is_expired(now)
        {
            self.overlay = None;
            self.submit(now);
            self.say(
                "Time is up: the exam was submitted automatically",
                Tone::Warning,
            );
        }
    }

    fn submit(&mut self, now: DateTime<Utc>) {
        let Screen::Exam(exam) = &mut self.screen else {
            return;
        };
        let mut session = exam.session.clone();
        session.submit(now);
        let results = scoring::score(&session, &self.bank.exam);
        self.screen = Screen::Results(Box::new(ResultsScreen {
            session,
            results,
            review: None,
        }));
    }

    pub fn handle(&mut self, action: Action, now: DateTime<Utc>) {
        self.tick(now);
        self.message = None;
        if action == Action::ForceQuit {
            self.quit = true;
            self.interrupted = true;
            return;
        }
        match self.overlay {
            Some(Overlay::Help(_)) => {
                if action == Action::Back {
                    self.overlay = None;
                }
                return;
            }
            Some(Overlay::Confirm(confirm)) => {
                match action {
                    Action::Yes => self.confirmed(confirm, now),
                    Action::No => self.overlay = None,
                    _ => {}
                }
                return;
            }
            None => {}
        }
        if action == Action::Help {
            self.overlay = Some(Overlay::Help(self.context()));
            return;
        }
        match &self.screen {
            Screen::Home { .. } => self.home(action, now),
            Screen::Setup(_) => self.setup(action, now),
            Screen::Exam(exam) if exam.view == ExamView::Question => self.question(action, now),
            Screen::Exam(_) => self.grid(action, now),
            Screen::Results(results) if results.review.is_some() => self.review(action),
            Screen::Results(_) => self.results(action),
        }
    }

    fn confirmed(&mut self, confirm: Confirm, now: DateTime<Utc>) {
        self.overlay = None;
        match confirm {
            Confirm::Submit { .. } => self.submit(now),
            Confirm::QuitExam => {
                self.screen = Screen::Home { selected: 0 };
                self.say("The exam was abandoned", Tone::Info);
            }
        }
    }

    fn home(&mut self, action: Action, now: DateTime<Utc>) {
        let Screen::Home { selected } = &mut self.screen else {
            return;
        };
        let count = HomeEntry::ALL.len();
        match action {
            Action::Up => *selected = (*selected + count - 1) % count,
            Action::Down => *selected = (*selected + 1) % count,
            Action::Choose => match HomeEntry::ALL[*selected] {
                HomeEntry::MockExam => self.open_setup(),
                HomeEntry::Quit => self.quit = true,
            },
            Action::Quit => self.quit = true,
            _ => {}
        }
        let _ = now;
    }

    pub fn open_setup(&mut self) {
        let mock = self.bank.exam.mock;
        self.screen = Screen::Setup(Setup {
            questions: mock.questions.min(self.bank.questions.len() as u32),
            minutes: mock.minutes,
            field: SetupField::Questions,
            fresh: true,
        });
    }

    fn setup(&mut self, action: Action, now: DateTime<Utc>) {
        let available = self.bank.questions.len() as u32;
        let Screen::Setup(setup) = &mut self.screen else {
            return;
        };
        let (value, step) = match setup.field {
            SetupField::Questions => (&mut setup.questions, 1),
            SetupField::Minutes => (&mut setup.minutes, 5),
        };
        match action {
            Action::NextField => {
                setup.field = match setup.field {
                    SetupField::Questions => SetupField::Minutes,
                    SetupField::Minutes => SetupField::Questions,
                };
                setup.fresh = true;
            }
            Action::Left => {
                *value = value.saturating_sub(step).max(1);
                setup.fresh = true;
            }
            Action::Right => {
                *value = (*value + step).min(999);
                setup.fresh = true;
            }
            Action::Digit(digit) => {
                let digit = u32::from(digit);
                *value = if setup.fresh {
                    digit
                } else {
                    (*value * 10 + digit).min(999)
                };
                setup.fresh = false;
            }
            Action::DeleteDigit => {
                *value /= 10;
                setup.fresh = false;
            }
            Action::Choose => {
                let (questions, minutes) = (setup.questions, setup.minutes);
                if questions == 0 || questions > available {
                    self.say(
                        format!("Choose between 1 and {available} questions"),
                        Tone::Warning,
                    );
                } else if minutes == 0 {
                    self.say("Allow at least 1 minute", Tone::Warning);
                } else {
                    self.start_exam(questions, minutes, now);
                }
            }
            Action::Back | Action::Quit => self.screen = Screen::Home { selected: 0 },
            _ => {}
        }
    }

    fn question(&mut self, action: Action, now: DateTime<Utc>) {
        let size = self.size;
        let Screen::Exam(exam) = &mut self.screen else {
            return;
        };
        let session = &mut exam.session;
        let mut refusal = None;
        match action {
            Action::ToggleOption(option) => {
                if let Err(error) = session.toggle_option(option) {
                    refusal = Some(error.to_string());
                }
            }
            Action::StrikeOption(option) => {
                if let Err(error) = session.toggle_strike(option) {
                    refusal = Some(error.to_string());
                }
            }
            Action::Next => {
                if session.next(now) {
                    exam.scroll = 0;
                } else {
                    refusal = Some(
                        "This is the last question: r opens the review grid, s submits".into(),
                    );
                }
            }
            Action::Previous => {
                if session.previous(now) {
                    exam.scroll = 0;
                } else {
                    refusal = Some("This is the first question".into());
                }
            }
            Action::ToggleFlag => session.toggle_flag(),
            Action::OpenGrid => {
                exam.view = ExamView::Grid;
                exam.grid_filter = GridFilter::All;
                exam.grid_cursor = session.current;
            }
            Action::PageUp | Action::PageDown => {
                let (max, page) = question::scroll_limits(exam, size, now);
                exam.scroll = scrolled(exam.scroll, action, page, max);
            }
            Action::Submit => self.ask_submit(),
            Action::Quit => self.overlay = Some(Overlay::Confirm(Confirm::QuitExam)),
            _ => {}
        }
        if let Some(text) = refusal {
            self.say(text, Tone::Warning);
        }
    }

    fn ask_submit(&mut self) {
        if let Screen::Exam(exam) = &self.screen {
            self.overlay = Some(Overlay::Confirm(Confirm::Submit {
                unanswered: exam.session.unanswered_count(),
                flagged: exam.session.flagged_count(),
            }));
        }
    }

    fn grid(&mut self, action: Action, now: DateTime<Utc>) {
        let columns = grid::columns(self.size.0);
        let Screen::Exam(exam) = &mut self.screen else {
            return;
        };
        let visible = exam.grid_indices();
        let position = visible.iter().position(|&i| i == exam.grid_cursor);
        let moved = |offset: isize| -> Option<usize> {
            let here = position? as isize;
            let there = here + offset;
            (0..visible.len() as isize)
                .contains(&there)
                .then(|| visible[there as usize])
        };
        match action {
            Action::Left => exam.grid_cursor = moved(-1).unwrap_or(exam.grid_cursor),
            Action::Right => exam.grid_cursor = moved(1).unwrap_or(exam.grid_cursor),
            Action::Up => exam.grid_cursor = moved(-(columns as isize)).unwrap_or(exam.grid_cursor),
            Action::Down => exam.grid_cursor = moved(columns as isize).unwrap_or(exam.grid_cursor),
            Action::CycleFilter => {
                exam.grid_filter = exam.grid_filter.next();
                let visible = exam.grid_indices();
                if !visible.contains(&exam.grid_cursor) {
                    exam.grid_cursor = visible.first().copied().unwrap_or(exam.session.current);
                }
            }
            Action::Choose if position.is_some() => {
                exam.session.go_to(exam.grid_cursor, now);
                exam.scroll = 0;
                exam.view = ExamView::Question;
            }
            Action::Back => exam.view = ExamView::Question,
            Action::Submit => self.ask_submit(),
            Action::Quit => self.overlay = Some(Overlay::Confirm(Confirm::QuitExam)),
            _ => {}
        }
    }

    fn results(&mut self, action: Action) {
        let Screen::Results(results) = &mut self.screen else {
            return;
        };
        let filter = match action {
            Action::ReviewAll => ReviewFilter::All,
            Action::ReviewMissed => ReviewFilter::Missed,
            Action::ReviewFlagged => ReviewFilter::Flagged,
            Action::Quit => {
                self.screen = Screen::Home { selected: 0 };
                return;
            }
            _ => return,
        };
        let session = &results.session;
        let indices: Vec<usize> = (0..session.len())
            .filter(|&i| match filter {
                ReviewFilter::All => true,
                ReviewFilter::Missed => !session.is_correct(i),
                ReviewFilter::Flagged => session.flags[i],
            })
            .collect();
        if indices.is_empty() {
            let text = match filter {
                ReviewFilter::Missed => "No missed questions: every answer was right",
                _ => "No question was flagged for review",
            };
            self.say(text, Tone::Info);
            return;
        }
        results.review = Some(ReviewState {
            filter,
            indices,
            position: 0,
            scroll: 0,
        });
    }

    fn review(&mut self, action: Action) {
        let size = self.size;
        let Screen::Results(results) = &mut self.screen else {
            return;
        };
        let max = review::max_scroll(results, size);
        let Some(review) = &mut results.review else {
            return;
        };
        match action {
            Action::Next if review.position + 1 < review.indices.len() => {
                review.position += 1;
                review.scroll = 0;
            }
            Action::Previous if review.position > 0 => {
                review.position -= 1;
                review.scroll = 0;
            }
            Action::Next => self.say("This is the last question of the review", Tone::Info),
            Action::Previous => self.say("This is the first question of the review", Tone::Info),
            Action::Up | Action::Down | Action::PageUp | Action::PageDown => {
                let page = review::page_height(size);
                review.scroll = scrolled(review.scroll, action, page, max);
            }
            Action::Back | Action::Quit => results.review = None,
            _ => {}
        }
    }

    /// A left click: on the question screen, toggles the option under the pointer.
    pub fn click(&mut self, column: u16, row: u16, now: DateTime<Utc>) {
        if self.overlay.is_some() {
            return;
        }
        let size = self.size;
        if let Screen::Exam(exam) = &self.screen
            && exam.view == ExamView::Question
            && let Some(option) = question::option_at(exam, size, now, column, row)
        {
            self.handle(Action::ToggleOption(option), now);
        }
    }

    /// The mouse wheel scrolls long text by a few lines.
    pub fn wheel(&mut self, down: bool, now: DateTime<Utc>) {
        let line = if down { Action::Down } else { Action::Up };
        match self.context() {
            Context::Review => {
                for _ in 0..3 {
                    self.handle(line, now);
                }
            }
            Context::Question => {
                let size = self.size;
                let page = if down {
                    Action::PageDown
                } else {
                    Action::PageUp
                };
                if let Screen::Exam(exam) = &mut self.screen {
                    let (max, _) = question::scroll_limits(exam, size, now);
                    exam.scroll = scrolled(exam.scroll, page, 3, max);
                }
            }
            _ => {}
        }
    }
}

fn screen_context(screen: &Screen) -> Context {
    match screen {
        Screen::Home { .. } => Context::Home,
        Screen::Setup(_) => Context::Setup,
        Screen::Exam(exam) if exam.view == ExamView::Question => Context::Question,
        Screen::Exam(_) => Context::Grid,
        Screen::Results(results) if results.review.is_some() => Context::Review,
        Screen::Results(_) => Context::Results,
    }
}

/// A scroll offset moved by a line (Up/Down) or a page (PageUp/PageDown), kept in 0..=max.
fn scrolled(scroll: u16, action: Action, page: u16, max: u16) -> u16 {
    let next = match action {
        Action::Up => scroll.saturating_sub(1),
        Action::Down => scroll.saturating_add(1),
        Action::PageUp => scroll.saturating_sub(page.max(1)),
        Action::PageDown => scroll.saturating_add(page.max(1)),
        _ => scroll,
    };
    next.min(max)
}
