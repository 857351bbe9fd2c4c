//! What an update asks the outside world to do. Updates change only the app's state and
//! queue effects; the run loop carries them out after the frame is drawn, so no disk write
//! stands between a key and its frame, and every change is on disk before the next key.

use crate::history::{Attempt, Autosave};

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Write the running session's autosave (crash-safe: temp file, fsync, rename).
    SaveSession(Box<Autosave>),
    /// Append a finished attempt to history, then end its autosave.
    RecordAttempt(Box<Attempt>),
    /// Remove the autosave: the unfinished session was abandoned or replaced.
    DiscardSession,
    /// Keep the exam date in the data directory (None forgets it).
    SetExamDate(Option<chrono::NaiveDate>),
    /// Leave certsim; `interrupted` for Ctrl-C (exit status 130).
    Quit { interrupted: bool },
}

impl Effect {
    pub fn is_quit(&self) -> bool {
        matches!(self, Effect::Quit { .. })
    }
}

/// Only the last autosave of a batch needs writing: each one holds the whole session, and
/// a later record or discard supersedes any save before it.
pub fn coalesce(effects: Vec<Effect>) -> Vec<Effect> {
    let last_disk_write = effects
        .iter()
        .rposition(|e| !matches!(e, Effect::Quit { .. }));
    effects
        .into_iter()
        .enumerate()
        .filter(|(index, effect)| {
            !matches!(effect, Effect::SaveSession(_)) || Some(*index) == last_disk_write
        })
        .map(|(_, effect)| effect)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exam::saved::SavedSession;
    use crate::history::Mode;

    fn save(seed: u64) -> Effect {
        let at = chrono::DateTime::UNIX_EPOCH;
        Effect::SaveSession(Box::new(Autosave {
            mode: Mode::Mock,
            task: None,
            topic: None,
            checked: Vec::new(),
            bank_dir: None,
            session: SavedSession {
                bank_id: "bank".into(),
                bank_hash: "hash".into(),
                seed,
                started_at: at,
                began_at: None,
                saved_at: at,
                elapsed_ms: 0,
                allowed_seconds: None,
                current: 0,
                questions: Vec::new(),
            },
        }))
    }

    #[test]
    fn only_the_last_save_of_a_batch_is_written() {
        let quit = Effect::Quit { interrupted: true };
        assert_eq!(
            coalesce(vec![save(1), save(2), quit.clone()]),
            [save(2), quit.clone()]
        );
        assert_eq!(
            coalesce(vec![save(1), Effect::DiscardSession, quit.clone()]),
            [Effect::DiscardSession, quit]
        );
        assert_eq!(
            coalesce(vec![Effect::DiscardSession, save(3)]),
            [Effect::DiscardSession, save(3)]
        );
    }
}
