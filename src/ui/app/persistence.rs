//! Where the app meets the disk: loading history and the unfinished session at launch, and
//! carrying out the effects that updates queue (autosaves, finished attempts, discards).
//! Updates never call the disk themselves; the run loop calls `execute` after drawing.
//! Every failure here becomes a message; none stops the app or loses what is on disk.

use std::path::PathBuf;

use chrono::{DateTime, Utc};

use crate::exam::saved::SavedSession;
use crate::history::{
    Attempt, Autosave, AutosaveStore, Filters, HistoryError, HistoryStore, Mode, move_aside,
};

use super::super::practice::PracticeScreen;
use super::super::question::ExamScreen;
use super::super::screen::Screen;
use super::super::view::Tone;
use super::App;
use super::effects::{Effect, coalesce};

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

    /// Queues a save of the running session (a no-op when none runs).
    pub(super) fn autosave(&mut self, now: DateTime<Utc>) {
        let running = self
            .stack
            .iter()
            .rev()
            .find(|s| matches!(s, Screen::Exam(_) | Screen::Practice(_)));
        let autosave = match running {
            Some(Screen::Exam(exam)) => Autosave {
                mode: Mode::Mock,
                task: None,
                topic: None,
                checked: Vec::new(),
                session: SavedSession::capture(&exam.session, &self.bank, now),
            },
            Some(Screen::Practice(practice)) => Autosave {
                mode: practice.mode,
                task: practice.filters.task.clone(),
                topic: practice.filters.topic.clone(),
                checked: practice.checked.clone(),
                session: SavedSession::capture(&practice.session, &self.bank, now),
            },
            _ => return,
        };
        self.last_autosave = Some(now);
        self.effects.push(Effect::SaveSession(Box::new(autosave)));
    }

    /// Forgets the unfinished session; its file goes when the effect is carried out.
    pub(super) fn discard_unfinished(&mut self) {
        self.unfinished = None;
        self.last_autosave = None;
        self.effects.push(Effect::DiscardSession);
    }

    /// Keeps a finished attempt in history; on disk it is appended before its autosave
    /// is removed, so a crash in between leaves both rather than neither.
    pub(super) fn record(&mut self, attempt: Attempt) {
        self.unfinished = None;
        self.last_autosave = None;
        self.attempts.push(attempt.clone());
        self.history_changed();
        self.effects.push(Effect::RecordAttempt(Box::new(attempt)));
    }

    /// The effects queued since the last call, in order.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    /// Carries out effects: the only place the running app writes to the data directory.
    /// Returns whether one of them asks to quit (and whether by Ctrl-C).
    pub fn execute(&mut self, effects: Vec<Effect>) -> Option<bool> {
        let mut quit = None;
        for effect in coalesce(effects) {
            let result = match (&effect, &self.storage) {
                (Effect::Quit { interrupted }, _) => {
                    quit = Some(*interrupted);
                    Ok(())
                }
                (_, None) => Ok(()),
                (Effect::SaveSession(autosave), Some(storage)) => {
                    storage.autosave.save(autosave).map_err(|e| e.to_string())
                }
                (Effect::DiscardSession, Some(storage)) => {
                    storage.autosave.discard().map_err(|e| e.to_string())
                }
                (Effect::RecordAttempt(attempt), Some(storage)) => storage
                    .history
                    .append(attempt)
                    .map_err(|e: HistoryError| e.to_string())
                    .and_then(|()| storage.autosave.discard().map_err(|e| e.to_string())),
            };
            self.effect_done(&effect, result);
        }
        quit
    }

    /// Says what failed, once per run of failures for autosaves rather than on every key.
    fn effect_done(&mut self, effect: &Effect, result: Result<(), String>) {
        match (effect, result) {
            (Effect::SaveSession(_), Ok(())) => self.autosave_failing = false,
            (Effect::SaveSession(_), Err(error)) => {
                if !self.autosave_failing {
                    self.say(format!("Autosave failed: {error}"), Tone::Warning);
                }
                self.autosave_failing = true;
            }
            (Effect::RecordAttempt(_), Err(error)) => {
                let text = format!("The result could not be saved: {error}");
                if let Some(Screen::Summary(summary)) = self.stack.last_mut() {
                    summary.saved = Err(error);
                }
                self.say(text, Tone::Warning);
            }
            (_, Err(error)) => self.say(error, Tone::Warning),
            (_, Ok(())) => {}
        }
    }

    /// Picks up the unfinished session with the time it had left.
    pub fn resume(&mut self, now: DateTime<Utc>) {
        self.overlays.clear();
        // Resuming answers the offer: a session asked for in its place does not start.
        self.requested = None;
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
        let screen = match unfinished.mode {
            Mode::Mock => Screen::Exam(Box::new(ExamScreen::new(session))),
            mode => {
                let filters = Filters {
                    task: unfinished.task.clone(),
                    topic: unfinished.topic.clone(),
                };
                let checked = unfinished.checked.clone();
                Screen::Practice(Box::new(PracticeScreen::new(
                    mode, filters, session, checked,
                )))
            }
        };
        self.show(screen);
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
    }

    /// Saves the running session at once, with anything still queued (on a signal, before
    /// exiting): called by the run loop, never by an update.
    pub fn save_now(&mut self, now: DateTime<Utc>) {
        self.autosave(now);
        let effects = self.take_effects();
        self.execute(effects);
    }

    /// Where the autosave is, for the crash message.
    pub fn autosave_path(&self) -> Option<PathBuf> {
        self.storage.as_ref().map(|s| s.autosave.path())
    }
}
