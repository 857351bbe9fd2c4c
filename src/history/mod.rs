//! History: every finished attempt (mock exam, drill or review) as one line of
//! `history.jsonl`, and what certsim derives from it: the spaced review pool (FSRS), drill
//! selection, statistics with a readiness estimate, and exports. Pure like the rest of the
//! engine: no terminal code, and time and randomness are passed in. Only `store` (the
//! history file), `autosave` (the unfinished session) and `session_lock` touch the file
//! system.

pub mod analytics;
pub mod attempt_report;
pub mod autosave;
pub mod drill;
pub mod export;
pub mod mastery;
pub mod pass_probability;
pub mod plan;
pub mod readiness;
pub mod rebuild;
pub mod record;
pub mod report;
pub mod session_lock;
pub mod stats;
pub mod stats_json;
pub mod store;

#[cfg(test)]
pub(crate) mod test_support;

pub use autosave::{AUTOSAVE_FILE, Autosave, AutosaveFound, AutosaveStore, move_aside};
pub use drill::{drill_items, plan_items, review_items};
pub use export::{attempt_json, attempt_markdown, history_json, history_markdown};
pub use mastery::{
    DEFAULT_RETENTION, Mastery, MasteryCounts, MasteryState, QuestionRecord, Rating, Schedule,
};
pub use pass_probability::pass_probability;
pub use plan::{Plan, PlanStore};
pub use readiness::{Readiness, TaskReadiness, evidence_by_task, format_probability, readiness};
pub use record::{AnswerRecord, Attempt, Filters, Mode, attempt_id};
pub use session_lock::{LOCK_FILE, LockRefused, SessionLock};
pub use stats::{MockScore, Stats, TaskAccuracy, TopicAccuracy};
pub use store::{
    HISTORY_FILE, HistoryError, HistoryFound, HistoryStore, default_data_dir, resolve_data_dir,
};

use crate::bank::Bank;

/// The attempts made on this bank's exam (matched by exam id: a bank edited since still
/// counts, since question ids are never reused), oldest first by end time. Attempts on
/// other exams sharing the data directory are left out.
pub(crate) fn chronological<'a>(bank: &Bank, attempts: &'a [Attempt]) -> Vec<&'a Attempt> {
    let mut mine: Vec<&Attempt> = attempts
        .iter()
        .filter(|attempt| attempt.bank_id == bank.exam.id)
        .collect();
    // Stable: attempts ending at the same instant keep their order in the file.
    mine.sort_by_key(|attempt| (attempt.ended_at, attempt.started_at));
    mine
}
