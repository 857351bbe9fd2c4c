//! Where the app meets the disk: loading history and the unfinished session at launch,
//! autosaving the running session after every change, and recording finished attempts.
//! Every failure here becomes a message; none stops the app or loses what is on disk.

use std::path::PathBuf;

use chrono::{DateTime, Utc};

use crate::exam::saved::SavedSession;
use crate::history::{
    Attempt, Autosave, AutosaveStore, Filters, HistoryError, HistoryStore, Mode, move_aside,
};

use super::{App, ExamScreen, ExamView, GridFilter, Overlay, PracticeScreen, Screen, Tone};

/// The data directory's two files: the history and the unfinished session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Storage {
    pub dir: PathBuf,
    pub history: HistoryStore,
    pub autosave: AutosaveStore,
}

impl Storage {
    pub fn at(dir: PathBuf) -> Storage {
        Storage {
            history: HistoryStore::new(&dir),
            autosave: AutosaveStore::new(&dir),
            dir,
        }
    }
}

impl App {
    /// Reads history and the autosave. Unreadable lines are skipped and reported; a history
    /// with nothing readable in it, or a damaged autosave, is moved aside and reported.
    pub(super) fn load_storage(&mut self, now: DateTime<Utc>) {
        let Some(storage) = self.storage.clone() else {
            return;
        };
        let mut notices = Vec::new();
        match storage.history.load() {
            Ok(loaded) if loaded.attempts.is_empty() && !loaded.problems.is_empty() => {
                let path = storage.history.path();
                match move_aside(&path, now) {
                    Ok(moved) => notices.push(format!(
                        "The history in {} could not be read; it was moved to {}",
                        path.display(),
                        moved.display()
                    )),
                    Err(error) => notices.push(format!(
                        "The history in {} could not be read: {error}",
                        path.display()
                    )),
                }
            }
            Ok(loaded) => {
                if let Some(first) = loaded.problems.first() {
                    let more = loaded.problems.len() - 1;
                    notices.push(if more == 0 {
                        first.clone()
                    } else {
                        format!("{first} (and {more} more unreadable lines)")
                    });
                }
                self.attempts = loaded.attempts;
            }
            Err(error) => notices.push(error.to_string()),
        }
        let loaded = storage.autosave.load(now);
        notices.extend(loaded.notice);
        self.unfinished = loaded.autosave;
        if !notices.is_empty() {
            self.say(notices.join(" · "), Tone::Warning);
        }
    }

    /// Saves the running session (crash-safe); a failure is said once, not repeated per key.
    pub(super) fn autosave(&mut self, now: DateTime<Utc>) {
        let autosave = match &self.screen {
            Screen::Exam(exam) => Autosave {
                mode: Mode::Mock,
                task: None,
                topic: None,
                checked: Vec::new(),
                session: SavedSession::capture(&exam.session, &self.bank, now),
            },
            Screen::Practice(practice) => Autosave {
                mode: practice.mode,
                task: practice.filters.task.clone(),
                topic: practice.filters.topic.clone(),
                checked: practice.checked.clone(),
                session: SavedSession::capture(&practice.session, &self.bank, now),
            },
            _ => return,
        };
        let first_failure = self.last_autosave.is_some();
        self.last_autosave = Some(now);
        if let Some(storage) = &self.storage
            && let Err(error) = storage.autosave.save(&autosave)
            && first_failure
        {
            self.say(format!("Autosave failed: {error}"), Tone::Warning);
        }
    }

    /// Forgets the unfinished session, on disk too.
    pub(super) fn discard_unfinished(&mut self) {
        self.unfinished = None;
        self.last_autosave = None;
        if let Some(storage) = &self.storage
            && let Err(error) = storage.autosave.discard()
        {
            self.say(error.to_string(), Tone::Warning);
        }
    }

    /// Keeps a finished attempt in history and ends its autosave.
    pub(super) fn record(&mut self, attempt: Attempt) -> Result<(), HistoryError> {
        self.discard_unfinished();
        let result = match &self.storage {
            Some(storage) => storage.history.append(&attempt),
            None => Ok(()),
        };
        self.attempts.push(attempt);
        result
    }

    /// Picks up the unfinished session with the time it had left.
    pub fn resume(&mut self, now: DateTime<Utc>) {
        self.overlay = None;
        let Some(unfinished) = self.unfinished.clone() else {
            self.say("There is no unfinished session to resume", Tone::Info);
            return;
        };
        let Some(restored) = unfinished.session.restore(&self.bank, now) else {
            self.say(
                "None of the unfinished session's questions is in this bank any more; it was discarded",
                Tone::Warning,
            );
            self.discard_unfinished();
            return;
        };
        let mut notes = Vec::new();
        if restored.bank_changed {
            notes.push("The question bank changed since this session began".to_string());
        }
        if !restored.dropped.is_empty() {
            notes.push(format!(
                "{} question(s) no longer in the bank were dropped: {}",
                restored.dropped.len(),
                restored.dropped.join(", ")
            ));
        }
        if !restored.changed.is_empty() {
            notes.push(format!("changed since: {}", restored.changed.join(", ")));
        }
        let session = restored.session;
        self.screen = match unfinished.mode {
            Mode::Mock => Screen::Exam(Box::new(ExamScreen {
                grid_cursor: session.current,
                session,
                view: ExamView::Question,
                scroll: 0,
                grid_filter: GridFilter::All,
            })),
            mode => {
                let mut checked = unfinished.checked.clone();
                checked.resize(session.len(), false);
                Screen::Practice(Box::new(PracticeScreen {
                    mode,
                    filters: Filters {
                        task: unfinished.task.clone(),
                        topic: unfinished.topic.clone(),
                    },
                    session,
                    checked,
                    scroll: 0,
                }))
            }
        };
        self.unfinished = None;
        self.now = now;
        self.autosave(now);
        let text = if notes.is_empty() {
            format!(
                "Resumed the unfinished {}",
                unfinished.mode.title().to_lowercase()
            )
        } else {
            notes.join(" · ")
        };
        let tone = if notes.is_empty() {
            Tone::Info
        } else {
            Tone::Warning
        };
        self.say(text, tone);
        if self.overlay == Some(Overlay::Resume) {
            self.overlay = None;
        }
    }

    /// Saves the running session at once (on a signal, before exiting).
    pub fn save_now(&mut self, now: DateTime<Utc>) {
        self.autosave(now);
    }

    /// Where the autosave is, for the crash message.
    pub fn autosave_path(&self) -> Option<PathBuf> {
        self.storage.as_ref().map(|s| s.autosave.path())
    }
}
