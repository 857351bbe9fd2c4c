//! Where the app meets the disk: loading history and the unfinished session at launch, and
//! carrying out the effects that updates queue (autosaves, finished attempts, discards).
//! Updates never call the disk themselves; the run loop calls `execute` after drawing.
//! Every failure here becomes a message; none stops the app or loses what is on disk.

use std::path::PathBuf;

use chrono::{DateTime, Utc};

use crate::exam::saved::SavedSession;
use crate::history::{
    Attempt, Autosave, AutosaveStore, Filters, HistoryStore, LockRefused, Mode, SessionLock,
    move_aside,
};

use super::super::practice::PracticeScreen;
use super::super::question::ExamScreen;
use super::super::screen::Screen;
use super::super::view::Tone;
use super::App;
use super::effects::{Effect, coalesce};

/// Why an effect could not be carried out.
#[derive(Debug)]
enum EffectFailure {
    /// Another certsim holds the session lock.
    InUse(String),
    /// The finished attempt could not be appended to history.
    Record(String),
    Io(String),
}

fn failed(error: crate::history::HistoryError) -> EffectFailure {
    EffectFailure::Io(error.to_string())
}

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
        match crate::history::PlanStore::new(&storage.dir).load() {
            Ok(date) => self.exam_date = date.or(self.options.default_exam_date),
            Err(problem) => notices.push(format!("{problem} (the exam date is ignored)")),
        }
        if let Some(in_use) = SessionLock::holder(&storage.dir) {
            // Offering it here too would let both processes submit it.
            let text = format!("{in_use}; it is not offered here");
            notices.push(text.clone());
            self.session_notice = Some(text);
        } else {
            let loaded = storage.autosave.load(now);
            if let Some(notice) = loaded.notice {
                notices.push(notice.clone());
                self.session_notice = Some(notice);
            }
            match loaded.autosave {
                Some(autosave) if autosave.session.bank_id != self.bank.exam.id => {
                    let text = self.belongs_to_another_bank(&autosave, &storage);
                    notices.push(text.clone());
                    self.session_notice = Some(text);
                    self.other_bank_session = Some(autosave);
                }
                found => self.unfinished = found,
            }
        }
        if !notices.is_empty() {
            self.say(notices.join(" · "), Tone::Warning);
        }
    }

    /// Where a session of another bank is and the command that resumes it: it is left as
    /// it is, never resumed against this bank nor silently replaced.
    fn belongs_to_another_bank(&self, autosave: &Autosave, storage: &Storage) -> String {
        let mut command = "certsim".to_string();
        if let Some(dir) = &self.options.data_dir_flag {
            command.push_str(&format!(" --data-dir {}", dir.display()));
        }
        if let Some(dir) = &autosave.bank_dir {
            command.push_str(&format!(" --bank {}", dir.display()));
        }
        format!(
            "The unfinished {} in {} belongs to the bank {:?}, not this one: it is kept as it is; \
             resume it with: {command} exam --resume",
            autosave.mode.title().to_lowercase(),
            storage.autosave.path().display(),
            autosave.session.bank_id,
        )
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
                bank_dir: self.options.bank_dir.clone(),
                session: SavedSession::capture(&exam.session, &self.bank, now),
            },
            Some(Screen::Practice(practice)) => Autosave {
                mode: practice.mode,
                task: practice.filters.task.clone(),
                topic: practice.filters.topic.clone(),
                checked: practice.checked.clone(),
                bank_dir: self.options.bank_dir.clone(),
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
        self.other_bank_session = None;
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
    /// Returns whether one of them asks to quit (and whether by Ctrl-C). The session file is
    /// written or removed only while this process holds the session lock.
    pub fn execute(&mut self, effects: Vec<Effect>) -> Option<bool> {
        let mut quit = None;
        for effect in coalesce(effects) {
            let Some(storage) = self.storage.clone() else {
                match effect {
                    Effect::Quit { interrupted } => quit = Some(interrupted),
                    // Without a data directory the date lasts as long as the app.
                    Effect::SetExamDate(date) => self.exam_date_kept(date),
                    _ => {}
                }
                continue;
            };
            let result = match &effect {
                Effect::Quit { interrupted } => {
                    quit = Some(*interrupted);
                    Ok(())
                }
                Effect::SaveSession(autosave) => self
                    .hold_session_lock(&storage)
                    .and_then(|()| storage.autosave.save(autosave).map_err(failed)),
                Effect::DiscardSession => self
                    .hold_session_lock(&storage)
                    .and_then(|()| storage.autosave.discard().map_err(failed))
                    .map(|()| self.session_lock = None),
                Effect::SetExamDate(date) => {
                    let store = crate::history::PlanStore::new(&storage.dir);
                    let kept = match date {
                        Some(date) => store.save(*date),
                        None => store.clear(),
                    };
                    match kept {
                        Ok(()) => {
                            self.exam_date_kept(*date);
                            Ok(())
                        }
                        Err(error) => Err(EffectFailure::Io(format!(
                            "The exam date could not be kept: {error}"
                        ))),
                    }
                }
                Effect::RecordAttempt(attempt) => match storage.history.append(attempt) {
                    Err(error) => Err(EffectFailure::Record(error.to_string())),
                    // The session file is another process's now: it is not ours to remove.
                    Ok(()) => match self.hold_session_lock(&storage) {
                        Err(EffectFailure::InUse(_)) => Ok(()),
                        held => held
                            .and_then(|()| storage.autosave.discard().map_err(failed))
                            .map(|()| self.session_lock = None),
                    },
                },
            };
            self.effect_done(&effect, result);
        }
        if quit.is_some() {
            // Said after the last save was tried, so it says whether that save worked.
            self.farewell = self.farewell_for_running(self.now);
        }
        quit
    }

    /// The exam date is on disk (or, without a data directory, in memory): plan by it.
    fn exam_date_kept(&mut self, date: Option<chrono::NaiveDate>) {
        self.set_exam_date(date);
        let text = match date {
            Some(date) => format!(
                "The exam date is {}: {}",
                date.format("%Y-%m-%d"),
                self.derived().plan.line()
            ),
            None => "The exam date is cleared".to_string(),
        };
        self.say(text, Tone::Info);
    }

    /// Takes the session lock unless this process has it already.
    fn hold_session_lock(&mut self, storage: &Storage) -> Result<(), EffectFailure> {
        if self.session_lock.is_none() {
            self.session_lock =
                Some(
                    SessionLock::acquire(&storage.dir).map_err(|refused| match refused {
                        LockRefused::InUse { .. } => EffectFailure::InUse(refused.to_string()),
                        LockRefused::Failed(error) => EffectFailure::Io(error.to_string()),
                    })?,
                );
        }
        Ok(())
    }

    /// Says what failed, once per run of failures for autosaves rather than on every key.
    fn effect_done(&mut self, effect: &Effect, result: Result<(), EffectFailure>) {
        match (effect, result) {
            (Effect::SaveSession(_), Ok(())) => self.autosave_failure = None,
            // Another certsim has the session open: this one cannot be kept, so it closes
            // before anything is answered in it (its first save is at its start).
            (_, Err(EffectFailure::InUse(text))) => {
                if self.is_exam_running() {
                    self.overlays.clear();
                    self.go_home();
                    self.say(
                        format!(
                            "{text}: a second session cannot be saved beside it, so it was \
                             not started here. Finish or leave that one first, or use another \
                             --data-dir"
                        ),
                        Tone::Warning,
                    );
                }
            }
            (Effect::SaveSession(_), Err(EffectFailure::Io(error))) => {
                if self.autosave_failure.is_none() {
                    self.say(format!("Autosave failed: {error}"), Tone::Warning);
                }
                self.autosave_failure = Some(error);
            }
            (Effect::RecordAttempt(_), Err(EffectFailure::Record(error))) => {
                // The autosave was not removed: the answers are still on disk, and resuming
                // and submitting again records them once the history can be written.
                let kept = self
                    .storage
                    .as_ref()
                    .map(|s| s.autosave.path())
                    .filter(|path| path.exists());
                let text = match kept {
                    Some(path) => format!(
                        "The result could not be saved: {error}. Your answers are kept in {}: \
                         once the history can be written, resume and submit again ({})",
                        path.display(),
                        self.options.resume_command()
                    ),
                    None => format!("The result could not be saved: {error}"),
                };
                if let Some(Screen::Summary(summary)) = self.stack.last_mut() {
                    summary.saved = Err(error);
                }
                self.say(text, Tone::Warning);
            }
            (_, Err(EffectFailure::Io(error) | EffectFailure::Record(error))) => {
                self.say(error, Tone::Warning)
            }
            (_, Ok(())) => {}
        }
    }

    /// Picks up the unfinished session with the time it had left.
    pub fn resume(&mut self, now: DateTime<Utc>) {
        self.overlays.clear();
        // Resuming answers the offer: a session asked for in its place does not start.
        self.requested = None;
        let Some(unfinished) = self.unfinished.clone() else {
            match self.session_notice.clone() {
                // Why there is none: moved aside, open elsewhere, or another bank's.
                Some(notice) => self.say(
                    format!("There is no unfinished session to resume here. {notice}"),
                    Tone::Warning,
                ),
                None => self.say("There is no unfinished session to resume", Tone::Info),
            }
            return;
        };
        let Some(restored) = unfinished.session.restore(&self.bank, now) else {
            let kept = self.autosave_path().map(|p| p.display().to_string());
            self.say(
                format!(
                    "None of the unfinished session's questions is in this bank any more; it \
                     is kept in {} (d on the resume offer discards it)",
                    kept.unwrap_or_else(|| "memory".into())
                ),
                Tone::Warning,
            );
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
    /// exiting): called by the run loop, never by an update. What to print once the
    /// terminal is restored says whether it was saved.
    pub fn save_now(&mut self, now: DateTime<Utc>) {
        self.autosave(now);
        let effects = self.take_effects();
        self.execute(effects);
        self.farewell = self.farewell_for_running(now);
    }

    /// Where the autosave is, for the crash message.
    pub fn autosave_path(&self) -> Option<PathBuf> {
        self.storage.as_ref().map(|s| s.autosave.path())
    }
}
