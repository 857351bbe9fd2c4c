//! The application state and what each action does to it. No drawing, no terminal I/O and
//! no file I/O in an update: actions and ticks change the state and queue `Effect`s, which
//! the run loop carries out (through `persistence`) after the frame is drawn.

use chrono::{DateTime, TimeDelta, Utc};

use crate::bank::Bank;
use crate::exam::scoring;
use crate::exam::{Session, assemble, rng_from_seed};
use crate::history::{Attempt, Autosave, Filters, Mastery, Mode, Stats};

use super::geometry::Geometry;
use super::keymap::{Action, Context};
use super::widgets::number_field::NumberField;

mod answering;
mod effects;
mod exam_actions;
mod persistence;
mod practice_actions;
mod results_actions;
mod state;

pub use effects::Effect;
pub use persistence::Storage;
pub use state::*;

/// Below this size the app asks for a larger window instead of drawing a broken layout.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 20;

/// Questions in a drill, and in a review session started from the home menu.
pub const DRILL_COUNT: u32 = 10;
pub const REVIEW_COUNT: usize = 10;

pub struct App {
    pub bank: Bank,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    pub message: Option<Message>,
    /// The time of the last event or tick; drawing reads the countdown from it.
    pub now: DateTime<Utc>,
    /// The terminal's size as last seen.
    pub size: (u16, u16),
    /// Scroll limits and click targets, recorded by the last frame drawn.
    pub geometry: Geometry,
    pub options: AppOptions,
    /// Where history and the unfinished session are kept (None: in memory only).
    pub storage: Option<Storage>,
    /// Every finished attempt on record, this run's included.
    pub attempts: Vec<Attempt>,
    /// The unfinished session found at launch, until it is resumed or discarded.
    pub unfinished: Option<Autosave>,
    /// What the whole history says, computed when it changes rather than on every frame.
    pub derived: Derived,
    /// Effects queued by updates, for the run loop to carry out after drawing.
    effects: Vec<Effect>,
    /// When the running session was last queued for saving.
    last_autosave: Option<DateTime<Utc>>,
    /// The last autosave failed: say so once, not on every key.
    autosave_failing: bool,
}

/// Figures drawn from every attempt on record: screens read these instead of replaying the
/// history on each frame.
pub struct Derived {
    pub mastery: Mastery,
    pub stats: Stats,
    /// Questions waiting in the review pool.
    pub due: usize,
}

impl Derived {
    pub fn of(bank: &Bank, attempts: &[Attempt]) -> Derived {
        let mastery = Mastery::compute(bank, attempts);
        let due = mastery.due_questions(bank, None).len();
        Derived {
            stats: Stats::compute(bank, attempts),
            mastery,
            due,
        }
    }
}

impl App {
    /// An app on `bank`. With a data directory in `options`, history and any unfinished
    /// session are loaded from it; what cannot be read is reported, never fatal.
    pub fn new(bank: Bank, options: AppOptions, now: DateTime<Utc>) -> App {
        let storage = options.data_dir.clone().map(Storage::at);
        let derived = Derived::of(&bank, &[]);
        let mut app = App {
            bank,
            screen: Screen::Home { selected: 0 },
            overlay: None,
            message: None,
            now,
            size: (80, 24),
            geometry: Geometry::default(),
            options,
            storage,
            attempts: Vec::new(),
            unfinished: None,
            derived,
            effects: Vec::new(),
            last_autosave: None,
            autosave_failing: false,
        };
        app.load_storage(now);
        app.history_changed();
        if app.unfinished.is_some() {
            app.overlay = Some(Overlay::Resume);
        }
        app
    }

    /// Where the user is, for the keymap: an overlay first, then the screen.
    pub fn context(&self) -> Context {
        match (&self.overlay, &self.screen) {
            (Some(Overlay::Help(_)), _) => Context::Help,
            (Some(Overlay::Confirm(_)), _) => Context::Confirm,
            (Some(Overlay::Resume), _) => Context::Resume,
            (None, screen) => screen_context(screen),
        }
    }

    /// A mock exam, drill or review is under way (and would be lost without its autosave).
    pub fn is_exam_running(&self) -> bool {
        matches!(self.screen, Screen::Exam(_) | Screen::Practice(_))
    }

    /// The home menu as it stands: entries appear once they have something to offer.
    pub fn home_entries(&self) -> Vec<HomeEntry> {
        let mut entries = Vec::new();
        if self.unfinished.is_some() {
            entries.push(HomeEntry::Resume);
        }
        entries.extend([
            HomeEntry::MockExam,
            HomeEntry::Drill,
            HomeEntry::ReviewMissed,
            HomeEntry::History,
            HomeEntry::Quit,
        ]);
        entries
    }

    /// How many questions are waiting in the review pool.
    pub fn due_count(&self) -> usize {
        self.derived.due
    }

    /// Recomputes what screens show from the whole history, after it changed.
    fn history_changed(&mut self) {
        self.derived = Derived::of(&self.bank, &self.attempts);
    }

    fn say(&mut self, text: impl Into<String>, tone: Tone) {
        self.message = Some(Message {
            text: text.into(),
            tone,
        });
    }

    fn go_home(&mut self) {
        self.screen = Screen::Home { selected: 0 };
    }

    fn seed(&self) -> u64 {
        self.options.seed.unwrap_or_else(rand::random)
    }

    /// Starts a mock exam now; the seed comes from the options or is drawn at random.
    pub fn start_exam(&mut self, questions: u32, minutes: u32, now: DateTime<Utc>) {
        let seed = self.seed();
        let items = assemble(&self.bank, questions as usize, &mut rng_from_seed(seed));
        if items.is_empty() {
            self.say(
                "The bank has no questions to build an exam from",
                Tone::Warning,
            );
            return;
        }
        let allowed = Some(TimeDelta::minutes(i64::from(minutes)));
        let session = Session::new(items, seed, now, allowed);
        self.overlay = None;
        self.discard_unfinished();
        self.screen = Screen::Exam(Box::new(ExamScreen {
            session,
            view: ExamView::Question,
            scroll: 0,
            prompt: None,
            grid_cursor: 0,
            grid_filter: GridFilter::All,
        }));
        self.now = now;
        self.autosave(now);
    }

    /// Time passes: the countdown moves, at zero the session ends itself, and a running
    /// session is saved now and then so a crash loses at most a few seconds of its clock.
    pub fn tick(&mut self, now: DateTime<Utc>) {
        self.now = now;
        let expired = match &self.screen {
            Screen::Exam(exam) => exam.session.is_expired(now),
            Screen::Practice(practice) => practice.session.is_expired(now),
            _ => false,
        };
        if expired {
            self.overlay = None;
            if matches!(self.screen, Screen::Exam(_)) {
                self.submit(now);
                self.say(
                    "Time is up: the exam was submitted automatically",
                    Tone::Warning,
                );
            } else {
                self.finish_practice(now);
                self.say("Time is up: the session ended", Tone::Warning);
            }
            return;
        }
        let stale = self
            .last_autosave
            .is_none_or(|last| now - last >= TimeDelta::seconds(15));
        if self.is_exam_running() && stale {
            self.autosave(now);
        }
    }

    fn submit(&mut self, now: DateTime<Utc>) {
        let Screen::Exam(exam) = &mut self.screen else {
            return;
        };
        let mut session = exam.session.clone();
        session.submit(now);
        let results = scoring::score(&session, &self.bank.exam);
        let attempt = Attempt::from_session(
            Mode::Mock,
            &session,
            &self.bank,
            Filters::default(),
            Some(&results),
        );
        self.screen = Screen::Results(Box::new(ResultsScreen {
            session,
            results,
            review: None,
        }));
        self.record(attempt);
    }

    /// What an action does: the state changes now; what must reach the disk (or end the
    /// program) is returned as effects, with anything queued since the last call.
    #[must_use = "effects must be carried out (App::execute) or asserted on"]
    pub fn handle(&mut self, action: Action, now: DateTime<Utc>) -> Vec<Effect> {
        self.update(action, now);
        self.take_effects()
    }

    fn update(&mut self, action: Action, now: DateTime<Utc>) {
        self.tick(now);
        self.message = None;
        if action == Action::ForceQuit {
            self.autosave(now);
            self.effects.push(Effect::Quit { interrupted: true });
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
            Some(Overlay::Resume) => {
                match action {
                    Action::Resume => self.resume(now),
                    Action::Discard => self.overlay = Some(Overlay::Confirm(Confirm::Discard)),
                    Action::Back => self.overlay = None,
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
            Screen::DrillSetup(_) => self.drill_setup(action, now),
            Screen::Practice(_) => self.practice(action, now),
            Screen::Summary(_) => {
                if matches!(action, Action::Back | Action::Quit) {
                    self.go_home();
                }
            }
            Screen::History { .. } => self.history(action),
        }
        if self.is_exam_running() {
            self.autosave(now);
        }
    }

    fn confirmed(&mut self, confirm: Confirm, now: DateTime<Utc>) {
        self.overlay = None;
        match confirm {
            Confirm::Submit { .. } => self.submit(now),
            Confirm::QuitExam => {
                self.discard_unfinished();
                self.go_home();
                self.say("The exam was abandoned", Tone::Info);
            }
            Confirm::EndPractice { .. } => self.finish_practice(now),
            Confirm::Discard => {
                self.discard_unfinished();
                self.go_home();
                self.say("The unfinished session was discarded", Tone::Info);
            }
            Confirm::ReplaceUnfinished(NewSession::Mock) => self.open_setup(),
            Confirm::ReplaceUnfinished(NewSession::Drill) => self.open_drill_setup(),
            Confirm::ReplaceUnfinished(NewSession::Review) => {
                self.discard_unfinished();
                self.start_review(None, REVIEW_COUNT, now);
            }
        }
    }

    fn home(&mut self, action: Action, now: DateTime<Utc>) {
        let entries = self.home_entries();
        let Screen::Home { selected } = &mut self.screen else {
            return;
        };
        let count = entries.len();
        *selected = (*selected).min(count - 1);
        match action {
            Action::Up => *selected = (*selected + count - 1) % count,
            Action::Down => *selected = (*selected + 1) % count,
            Action::Choose => match entries[*selected] {
                HomeEntry::Resume => self.resume(now),
                entry @ (HomeEntry::MockExam | HomeEntry::Drill | HomeEntry::ReviewMissed)
                    if self.unfinished.is_some() =>
                {
                    let new = match entry {
                        HomeEntry::MockExam => NewSession::Mock,
                        HomeEntry::Drill => NewSession::Drill,
                        _ => NewSession::Review,
                    };
                    self.overlay = Some(Overlay::Confirm(Confirm::ReplaceUnfinished(new)));
                }
                HomeEntry::MockExam => self.open_setup(),
                HomeEntry::Drill => self.open_drill_setup(),
                HomeEntry::ReviewMissed => self.start_review(None, REVIEW_COUNT, now),
                HomeEntry::History => self.screen = Screen::History { scroll: 0 },
                HomeEntry::Quit => self.effects.push(Effect::Quit { interrupted: false }),
            },
            Action::Quit => self.effects.push(Effect::Quit { interrupted: false }),
            _ => {}
        }
    }

    pub fn open_setup(&mut self) {
        let mock = self.bank.exam.mock;
        self.screen = Screen::Setup(Setup {
            questions: NumberField::new(mock.questions.min(self.bank.questions.len() as u32), 1),
            minutes: NumberField::new(mock.minutes, 5),
            field: SetupField::Questions,
        });
    }

    /// A left click: on a question, toggles the option under the pointer.
    #[must_use = "effects must be carried out (App::execute) or asserted on"]
    pub fn click(&mut self, column: u16, row: u16, now: DateTime<Utc>) -> Vec<Effect> {
        if self.overlay.is_some() {
            return self.take_effects();
        }
        let option = match &self.screen {
            Screen::Exam(exam) if exam.view == ExamView::Question => {
                self.geometry.option_at(column, row)
            }
            Screen::Practice(practice) if !practice.is_checked() => {
                self.geometry.option_at(column, row)
            }
            _ => None,
        };
        if let Some(option) = option {
            self.update(Action::ToggleOption(option), now);
        }
        self.take_effects()
    }

    /// The mouse wheel scrolls long text by a few lines.
    #[must_use = "effects must be carried out (App::execute) or asserted on"]
    pub fn wheel(&mut self, down: bool, now: DateTime<Utc>) -> Vec<Effect> {
        let line = if down { Action::Down } else { Action::Up };
        let page = if down {
            Action::PageDown
        } else {
            Action::PageUp
        };
        let max = self.geometry.scroll().max;
        match &mut self.screen {
            Screen::Results(_) | Screen::History { .. } => {
                for _ in 0..3 {
                    self.update(line, now);
                }
            }
            Screen::Exam(exam) if exam.view == ExamView::Question => {
                exam.scroll = scrolled(exam.scroll, page, 3, max);
            }
            Screen::Practice(practice) => {
                practice.scroll = scrolled(practice.scroll, page, 3, max);
            }
            _ => {}
        }
        self.take_effects()
    }
}

fn screen_context(screen: &Screen) -> Context {
    match screen {
        Screen::Home { .. } => Context::Home,
        Screen::Setup(_) | Screen::DrillSetup(_) => Context::Setup,
        Screen::Exam(exam) if exam.view == ExamView::Question => Context::Question,
        Screen::Exam(_) => Context::Grid,
        Screen::Results(results) if results.review.is_some() => Context::Review,
        Screen::Results(_) => Context::Results,
        Screen::Practice(_) => Context::Practice,
        Screen::Summary(_) => Context::Summary,
        Screen::History { .. } => Context::History,
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
