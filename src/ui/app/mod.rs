//! The application state and what each action does to it. No drawing and no terminal I/O
//! here: the event loop feeds actions and ticks in, screens read the state out.

use chrono::{DateTime, TimeDelta, Utc};

use crate::bank::Bank;
use crate::exam::scoring;
use crate::exam::{Session, assemble, rng_from_seed};

use super::keymap::{Action, Context};
use super::question;

mod exam_actions;
mod results_actions;
mod state;

pub use state::*;

/// Below this size the app asks for a larger window instead of drawing a broken layout.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 20;
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
            Screen::Home { .. } => self.home(action),
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

    fn home(&mut self, action: Action) {
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
