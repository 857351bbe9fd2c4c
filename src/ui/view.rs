//! What a screen may read while it draws, and the few types every screen shares: the
//! message line's text and tone, and the figures drawn from the whole history. The app
//! builds a `View` for each frame; screens never see the app itself.

use chrono::{DateTime, Utc};

use crate::bank::Bank;
use crate::history::{Attempt, Autosave, Mastery, Stats};

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

/// Everything drawing reads besides the screen's own state.
pub struct View<'a> {
    pub bank: &'a Bank,
    pub now: DateTime<Utc>,
    pub message: Option<&'a Message>,
    pub attempts: &'a [Attempt],
    pub derived: &'a Derived,
    /// The unfinished session found at launch, if still on offer.
    pub unfinished: Option<&'a Autosave>,
    /// Where screens record their scroll limits and click targets while drawing.
    pub geometry: &'a Geometry,
}
