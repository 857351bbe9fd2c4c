//! The app: a stack of screens with a stack of overlays over it, and everything they share.
//! It routes each action to the top overlay or screen, applies the transition that comes
//! back, and carries out commands that start or end a session. No drawing, no terminal I/O
//! and no file I/O in an update: changes that must reach the disk are queued as `Effect`s,
//! which the run loop carries out (through `persistence`) after the frame is drawn.

use chrono::{DateTime, Utc};

use crate::bank::Bank;
use crate::history::{Attempt, Autosave};

use super::geometry::Geometry;
use super::home::HomeScreen;
use super::keymap::{Action, Context};
pub use super::requested::Requested;
pub use super::screen::Screen;
use super::setup::Setup;
use super::transition::QuitKind;
pub use super::transition::{Confirm, Overlay};
use super::view::{Derived, LazyDerived, Message, Tone, View};
use crate::exam::timer::format_clock;

mod effects;
mod persistence;
mod routing;
mod sessions;

pub use effects::Effect;
pub use persistence::Storage;

/// Questions in a review session started from the home menu.
pub const REVIEW_COUNT: usize = 10;

#[derive(Debug, Clone, Default)]
pub struct AppOptions {
    /// Every exam started in this run uses this seed (replays); otherwise a random one.
    pub seed: Option<u64>,
    /// Where history and the unfinished session live; None keeps everything in memory.
    pub data_dir: Option<std::path::PathBuf>,
    /// The bank folder given on the command line, for the resume command certsim prints.
    pub bank_dir: Option<std::path::PathBuf>,
    /// The data directory given with `--data-dir`, for the same command.
    pub data_dir_flag: Option<std::path::PathBuf>,
    /// The clock times are shown on (UTC unless the caller says local).
    pub zone: crate::history::report::Zone,
    /// The recall review keeps questions above (None: the default, 0.9).
    pub desired_retention: Option<f64>,
    /// Colour off, as the configuration file asks (`NO_COLOR` also turns it off).
    pub no_color: bool,
    /// The exam date from the configuration file, used while none is kept in the data
    /// directory.
    pub default_exam_date: Option<chrono::NaiveDate>,
}

impl AppOptions {
    /// The command that resumes a saved session with the same bank.
    pub fn resume_command(&self) -> String {
        let mut command = "certsim".to_string();
        if let Some(dir) = &self.data_dir_flag {
            command.push_str(&format!(" --data-dir {}", dir.display()));
        }
        if let Some(dir) = &self.bank_dir {
            command.push_str(&format!(" --bank {}", dir.display()));
        }
        command + " exam --resume"
    }
}

pub struct App {
    pub bank: Bank,
    /// The screens, home at the bottom; the last one is on screen and takes the keys.
    pub stack: Vec<Screen>,
    /// Layers over the screens (help, confirmations, the resume offer); the last takes the keys.
    pub overlays: Vec<Overlay>,
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
    /// An unfinished session of another bank: never offered nor resumed here, and replaced
    /// only when the user confirms.
    pub other_bank_session: Option<Autosave>,
    /// Why no unfinished session is offered although the data directory has one (moved
    /// aside as damaged, open in another certsim, another bank's), for `exam --resume`.
    session_notice: Option<String>,
    /// Held while this process has the unfinished session open.
    session_lock: Option<crate::history::SessionLock>,
    /// The session the command line asked for, waiting while the unfinished one is on offer.
    pub requested: Option<Requested>,
    /// What the whole history says, computed when it changes rather than on every frame.
    derived: LazyDerived,
    /// Effects queued by updates, for the run loop to carry out after drawing.
    effects: Vec<Effect>,
    /// When the running session was last queued for saving.
    last_autosave: Option<DateTime<Utc>>,
    /// Why the last autosave failed: said once, not on every key, and again on leaving.
    autosave_failure: Option<String>,
    /// The day of the real exam, if the user set one (`certsim plan --exam-date`).
    pub exam_date: Option<chrono::NaiveDate>,
    /// What to print once the terminal is restored (a saved session and how to resume it).
    pub farewell: Option<String>,
}

impl App {
    /// An app on `bank`. With a data directory in `options`, history and any unfinished
    /// session are loaded from it; what cannot be read is reported, never fatal.
    pub fn new(bank: Bank, options: AppOptions, now: DateTime<Utc>) -> App {
        let storage = options.data_dir.clone().map(Storage::at);
        let exam_date = options.default_exam_date;
        let mut app = App {
            bank,
            stack: vec![Screen::Home(HomeScreen::default())],
            overlays: Vec::new(),
            message: None,
            now,
            size: (80, 24),
            geometry: Geometry::default(),
            options,
            storage,
            attempts: Vec::new(),
            unfinished: None,
            other_bank_session: None,
            session_notice: None,
            session_lock: None,
            requested: None,
            derived: LazyDerived::default(),
            effects: Vec::new(),
            last_autosave: None,
            autosave_failure: None,
            farewell: None,
            exam_date,
        };
        app.load_storage(now);
        app.history_changed();
        if app.unfinished.is_some() {
            app.overlays.push(Overlay::Resume);
        }
        app
    }

    /// The screen on top: the one drawn and taking the keys (under any overlay). The home
    /// screen is never popped, so there always is one.
    pub fn screen(&self) -> Option<&Screen> {
        self.stack.last()
    }

    /// The top overlay, if any.
    pub fn overlay(&self) -> Option<Overlay> {
        self.overlays.last().copied()
    }

    /// Where the user is, for the keymap: the top overlay, else the top screen.
    pub fn context(&self) -> Context {
        match self.overlay() {
            Some(Overlay::Help { .. }) => Context::Help,
            Some(Overlay::Confirm(_)) => Context::Confirm,
            Some(Overlay::Resume) => Context::Resume,
            Some(Overlay::Quit(QuitKind::Exam)) => Context::QuitExam,
            Some(Overlay::Quit(QuitKind::Practice { .. })) => Context::QuitPractice,
            None => self.screen().map_or(Context::Home, Screen::context),
        }
    }

    /// What drawing reads.
    pub fn view(&self) -> View<'_> {
        View {
            bank: &self.bank,
            now: self.now,
            message: self.message.as_ref(),
            attempts: &self.attempts,
            derived: &self.derived,
            unfinished: self.unfinished.as_ref(),
            requested: self.requested.as_ref(),
            geometry: &self.geometry,
            zone: self.options.zone,
            schedule: self.schedule(),
        }
    }

    /// A mock exam, drill or review is under way (and would be lost without its autosave).
    pub fn is_exam_running(&self) -> bool {
        self.stack
            .iter()
            .any(|s| matches!(s, Screen::Exam(_) | Screen::Practice(_)))
    }

    /// The running mock exam's or practice session's session, wherever it is in the stack.
    pub fn running_session(&self) -> Option<&crate::exam::Session> {
        self.stack.iter().rev().find_map(|screen| match screen {
            Screen::Exam(exam) => Some(&exam.session),
            Screen::Practice(practice) => Some(&practice.session),
            _ => None,
        })
    }

    /// How many questions are waiting in the review pool.
    pub fn due_count(&self) -> usize {
        self.derived().due
    }

    /// What the whole history says: computed when first asked after it changed.
    pub fn derived(&self) -> &Derived {
        self.derived
            .get(&self.bank, &self.attempts, self.schedule())
    }

    /// Why no unfinished session is offered although the data directory had one: moved
    /// aside as damaged (and where), open in another certsim, or another bank's.
    pub fn session_notice(&self) -> Option<&str> {
        self.session_notice.as_deref()
    }

    /// Plans against another exam date (or none); what screens show follows.
    pub fn set_exam_date(&mut self, date: Option<chrono::NaiveDate>) {
        self.exam_date = date;
        self.history_changed();
    }

    /// What review is scheduled against now.
    pub fn schedule(&self) -> crate::history::Schedule {
        crate::history::Schedule {
            now: self.now,
            desired_retention: self
                .options
                .desired_retention
                .unwrap_or(crate::history::DEFAULT_RETENTION),
            exam_date: self.exam_date,
        }
    }

    /// History changed: what screens show from it is computed again when next needed.
    fn history_changed(&mut self) {
        self.derived.reset();
    }

    fn say(&mut self, text: impl Into<String>, tone: Tone) {
        self.message = Some(Message::new(text, tone));
    }

    /// Back to the home screen, its menu at the top.
    fn go_home(&mut self) {
        self.stack = vec![Screen::Home(HomeScreen::default())];
    }

    /// Replaces everything above home with `screen`.
    fn show(&mut self, screen: Screen) {
        self.stack.truncate(1);
        self.stack.push(screen);
    }

    /// Saves the running session (if any) and quits; the line printed once the terminal is
    /// restored says what was saved and how to resume it.
    fn save_and_exit(&mut self, now: DateTime<Utc>, interrupted: bool) {
        self.autosave(now);
        self.effects.push(Effect::Quit { interrupted });
    }

    /// What to print once the terminal is restored, while a session runs: that it is saved
    /// and how to resume it, or that it could not be saved and why.
    pub(super) fn farewell_for_running(&self, now: DateTime<Utc>) -> Option<String> {
        let practice = self.stack.iter().find_map(|s| match s {
            Screen::Practice(practice) => Some(practice.as_ref()),
            _ => None,
        });
        self.running_session().map(|session| {
            // A mock exam counts answers; a drill or review, what was checked.
            let (mode, done, word) = match practice {
                Some(practice) => (
                    practice.mode.title().to_lowercase(),
                    practice.checked.iter().filter(|&&c| c).count(),
                    "checked",
                ),
                None => (
                    "mock exam".to_string(),
                    session.answered_count(),
                    "answered",
                ),
            };
            let left = session
                .remaining(now)
                .map(|left| format!(", {} left", format_clock(left)))
                .unwrap_or_default();
            match &self.autosave_failure {
                Some(error) => format!(
                    "certsim: your {mode} could not be saved ({done} of {} {word}): {error}",
                    session.len()
                ),
                None => format!(
                    "certsim: your {mode} is saved ({done} of {} {word}{left}). Resume it with: {}",
                    session.len(),
                    self.options.resume_command()
                ),
            }
        })
    }

    pub fn open_setup(&mut self) {
        self.show(Screen::Setup(Setup::new(&self.bank)));
    }

    pub fn open_drill_setup(&mut self) {
        self.show(Screen::DrillSetup(Default::default()));
    }

    /// A left click: on a question being answered, toggles the option under the pointer.
    #[must_use = "effects must be carried out (App::execute) or asserted on"]
    pub fn click(&mut self, column: u16, row: u16, now: DateTime<Utc>) -> Vec<Effect> {
        let answering = match self.screen() {
            Some(Screen::Exam(_)) => true,
            Some(Screen::Practice(practice)) => !practice.is_checked(),
            _ => false,
        };
        if self.overlays.is_empty()
            && answering
            && let Some(option) = self.geometry.option_at(column, row)
        {
            self.update(Action::ToggleOption(option), now);
        }
        self.take_effects()
    }

    /// The mouse wheel scrolls long text by a few lines.
    #[must_use = "effects must be carried out (App::execute) or asserted on"]
    pub fn wheel(&mut self, down: bool, now: DateTime<Utc>) -> Vec<Effect> {
        if !self.overlays.is_empty() {
            return self.take_effects();
        }
        let max = self.geometry.scroll().max;
        let (line, page) = if down {
            (Action::Down, Action::PageDown)
        } else {
            (Action::Up, Action::PageUp)
        };
        match self.stack.last_mut() {
            Some(Screen::Review(_) | Screen::History(_)) => {
                for _ in 0..3 {
                    self.update(line, now);
                }
            }
            Some(Screen::Exam(exam)) => {
                exam.scroll = super::transition::scrolled(exam.scroll, page, 3, max);
            }
            Some(Screen::Practice(practice)) => {
                practice.scroll = super::transition::scrolled(practice.scroll, page, 3, max);
            }
            _ => {}
        }
        self.take_effects()
    }
}
