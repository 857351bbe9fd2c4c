//! What a screen may read while it draws, and the few types every screen shares: the
//! message line's text and tone, and the figures drawn from the whole history. The app
//! builds a `View` for each frame; screens never see the app itself.

use chrono::{DateTime, Utc};

use crate::bank::Bank;
use crate::history::{Attempt, Autosave, Mastery, Plan, Schedule, Stats};

use super::geometry::Geometry;

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

impl Message {
    pub fn new(text: impl Into<String>, tone: Tone) -> Message {
        Message {
            text: text.into(),
            tone,
        }
    }
}

/// Figures drawn from every attempt on record: computed when history changes, not on
/// every frame.
pub struct Derived {
    pub mastery: Mastery,
    pub stats: Stats,
    /// Questions of the review pool due now.
    pub due: usize,
    /// When the next one not due yet becomes due.
    pub next_due: Option<DateTime<Utc>>,
    /// Today's plan: the reviews due and the new questions for today.
    pub plan: Plan,
}

impl Derived {
    pub fn of(bank: &Bank, attempts: &[Attempt], schedule: Schedule) -> Derived {
        let mastery = Mastery::compute(bank, attempts, schedule);
        let stats = Stats::compute_with(bank, attempts, &mastery);
        Derived {
            plan: Plan::today(bank, &mastery, &stats, schedule.exam_date),
            due: stats.mastery.due,
            next_due: mastery.next_due(),
            stats,
            mastery,
        }
    }
}

/// `Derived`, computed the first time a screen asks for it after history changed: a mock
/// exam started from the command line never pays for it (it replays the whole history,
/// several milliseconds on a large bank).
#[derive(Default)]
pub struct LazyDerived(std::cell::OnceCell<Derived>);

impl LazyDerived {
    pub fn get(&self, bank: &Bank, attempts: &[Attempt], schedule: Schedule) -> &Derived {
        self.0.get_or_init(|| Derived::of(bank, attempts, schedule))
    }

    /// Whether a question has come due since it was computed (the review counts moved on
    /// with the clock, not with history).
    pub fn is_stale(&self, now: DateTime<Utc>) -> bool {
        self.0
            .get()
            .and_then(|derived| derived.next_due)
            .is_some_and(|next| now >= next)
    }

    /// History changed: compute again when next asked.
    pub fn reset(&mut self) {
        self.0 = std::cell::OnceCell::new();
    }
}

/// Everything drawing reads besides the screen's own state.
pub struct View<'a> {
    pub bank: &'a Bank,
    pub now: DateTime<Utc>,
    pub message: Option<&'a Message>,
    pub attempts: &'a [Attempt],
    pub derived: &'a LazyDerived,
    /// The unfinished session found at launch, if still on offer.
    pub unfinished: Option<&'a Autosave>,
    /// The session the command line asked for, started if the unfinished one is discarded.
    pub requested: Option<&'a super::requested::Requested>,
    /// Where screens record their scroll limits and click targets while drawing.
    pub geometry: &'a Geometry,
    /// The clock times are shown on.
    pub zone: crate::history::report::Zone,
    /// What review is scheduled against: now, the desired retention, the exam date.
    pub schedule: Schedule,
}

impl View<'_> {
    /// What the whole history says (computed once after each change).
    pub fn derived(&self) -> &Derived {
        self.derived.get(self.bank, self.attempts, self.schedule)
    }
}
