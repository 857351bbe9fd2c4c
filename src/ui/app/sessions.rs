//! Starting and ending sessions: a mock exam, a drill, a review of missed questions; the
//! clock's ticks (autosave now and then, the end at zero); submitting and finishing.

use chrono::{DateTime, TimeDelta, Utc};

use crate::exam::scoring;
use crate::exam::{ExamItem, Session, assemble, rng_from_seed};
use crate::history::rebuild::rebuild;
use crate::history::{Attempt, Filters, Mode, drill_items, plan_items, review_items};

use super::super::practice::PracticeScreen;
use super::super::question::ExamScreen;
use super::super::requested::Requested;
use super::super::results::ResultsScreen;
use super::super::screen::Screen;
use super::super::summary::PracticeSummary;
use super::super::transition::{Confirm, NewSession, Overlay};
use super::super::view::Tone;
use super::App;

impl App {
    /// Starts what the command line asked for, or keeps it until the unfinished session on
    /// offer is resumed (the request is dropped) or discarded (it starts then).
    pub fn request(&mut self, requested: Requested, now: DateTime<Utc>) {
        if self.unfinished.is_some() {
            self.requested = Some(requested);
        } else if self.other_bank_session.is_some() {
            // Another bank's session would be replaced: only once the user says so.
            let new = match requested {
                Requested::Exam { .. } => NewSession::Mock,
                Requested::Drill { .. } => NewSession::Drill,
                Requested::Review { .. } => NewSession::Review,
            };
            self.requested = Some(requested);
            self.overlays
                .push(Overlay::Confirm(Confirm::ReplaceUnfinished(new)));
        } else {
            self.start_requested(requested, now);
        }
    }

    pub(super) fn start_requested(&mut self, requested: Requested, now: DateTime<Utc>) {
        match requested {
            Requested::Exam { questions, minutes } => self.start_exam(questions, minutes, now),
            Requested::Drill {
                task,
                topic,
                count,
                minutes,
            } => self.start_drill(&task, topic.as_deref(), count, minutes, now),
            Requested::Review { task, count } => self.start_review(task.as_deref(), count, now),
        }
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
        self.overlays.clear();
        self.discard_unfinished();
        self.show(Screen::Exam(Box::new(ExamScreen::new(session))));
        self.now = now;
        self.autosave(now);
    }

    /// Time passes: the countdown moves, at zero the session ends itself, and a running
    /// session is saved now and then so a crash loses at most a few seconds of its clock.
    pub fn tick(&mut self, now: DateTime<Utc>) {
        self.now = now;
        if self.derived.is_stale(now) {
            // A question came due: the counts on screen follow the clock.
            self.history_changed();
        }
        let expired = self.running_session().is_some_and(|s| s.is_expired(now));
        if expired {
            self.overlays.clear();
            if self.stack.iter().any(|s| matches!(s, Screen::Exam(_))) {
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

    /// Scores the running exam; its results replace it (and the grid, if open).
    pub(super) fn submit(&mut self, now: DateTime<Utc>) {
        let Some(mut session) = self.stack.iter().find_map(|s| match s {
            Screen::Exam(exam) => Some(exam.session.clone()),
            _ => None,
        }) else {
            return;
        };
        session.submit(now);
        let results = scoring::score(&session, &self.bank.exam);
        let attempt = Attempt::from_session(
            Mode::Mock,
            &session,
            &self.bank,
            Filters::default(),
            Some(&results),
        );
        self.show(Screen::Results(Box::new(ResultsScreen {
            session,
            results,
            scroll: 0,
        })));
        self.record(attempt);
    }

    /// Starts a drill on a task statement (and topic): unseen questions first, then the
    /// most recently missed. Untimed unless `minutes` is given.
    pub fn start_drill(
        &mut self,
        task: &str,
        topic: Option<&str>,
        count: usize,
        minutes: Option<u32>,
        now: DateTime<Utc>,
    ) {
        let seed = self.seed();
        self.now = now;
        let items = drill_items(
            &self.bank,
            &self.derived().mastery,
            task,
            topic,
            count,
            &mut rng_from_seed(seed),
        );
        let filters = Filters {
            task: Some(task.to_string()),
            topic: topic.map(str::to_string),
        };
        if items.is_empty() {
            self.say(
                "No question matches that task statement and topic yet",
                Tone::Warning,
            );
            return;
        }
        self.start_practice(Mode::Drill, filters, items, seed, minutes, now);
    }

    /// Starts a review of missed questions: due ones first, the lowest predicted recall first.
    pub fn start_review(&mut self, task: Option<&str>, count: usize, now: DateTime<Utc>) {
        let seed = self.seed();
        self.now = now;
        let items = review_items(
            &self.bank,
            &self.derived().mastery,
            task,
            count,
            &mut rng_from_seed(seed),
        );
        if items.is_empty() {
            self.say(
                "No question has been missed yet: answer some in a mock exam or a drill first",
                Tone::Info,
            );
            return;
        }
        let filters = Filters {
            task: task.map(str::to_string),
            topic: None,
        };
        self.start_practice(Mode::Review, filters, items, seed, None, now);
    }

    /// Starts today's plan: the reviews due (most overdue first), then today's new
    /// questions from the weakest task statement first, with feedback after each, as a drill.
    pub fn start_plan(&mut self, now: DateTime<Utc>) {
        let seed = self.seed();
        self.now = now;
        let derived = self.derived();
        let items = plan_items(
            &self.bank,
            &derived.mastery,
            &derived.plan,
            &mut rng_from_seed(seed),
        );
        if items.is_empty() {
            self.say(
                "Nothing is planned today: no review is due and every question has been seen",
                Tone::Info,
            );
            return;
        }
        self.start_practice(Mode::Drill, Filters::default(), items, seed, None, now);
    }

    fn start_practice(
        &mut self,
        mode: Mode,
        filters: Filters,
        items: Vec<ExamItem>,
        seed: u64,
        minutes: Option<u32>,
        now: DateTime<Utc>,
    ) {
        let allowed = minutes.map(|m| TimeDelta::minutes(i64::from(m)));
        let session = Session::new(items, seed, now, allowed);
        self.overlays.clear();
        self.discard_unfinished();
        let practice = PracticeScreen::new(mode, filters, session, Vec::new());
        self.show(Screen::Practice(Box::new(practice)));
        self.now = now;
        self.autosave(now);
    }

    /// Ends a drill or review: the checked questions are scored, summarised and recorded.
    pub(super) fn finish_practice(&mut self, now: DateTime<Utc>) {
        let Some(practice) = self.stack.iter().find_map(|s| match s {
            Screen::Practice(practice) => Some(practice.as_ref().clone()),
            _ => None,
        }) else {
            return;
        };
        let mut session = practice.session.clone();
        session.submit(now);
        // Only what was checked counts: a question left unanswered was never attempted.
        let parts: Vec<_> = (0..session.len())
            .filter(|&index| practice.checked[index])
            .map(|index| session.items[index].clone())
            .collect();
        let answered = parts.len();
        if answered == 0 {
            self.discard_unfinished();
            self.go_home();
            self.say("Nothing was checked, so nothing was saved", Tone::Info);
            return;
        }
        let mut done = Session::restored(
            parts,
            session.seed,
            session.started_at,
            session.timer,
            0,
            now,
        );
        done.submit(session.submitted_at.unwrap_or(now));
        let results = scoring::score(&done, &self.bank.exam);
        let attempt = Attempt::from_session(
            practice.mode,
            &done,
            &self.bank,
            practice.filters.clone(),
            None,
        );
        self.record(attempt);
        self.show(Screen::Summary(Box::new(PracticeSummary {
            mode: practice.mode,
            filters: practice.filters,
            answered,
            questions: session.len(),
            results,
            saved: Ok(()),
            session: done,
            scroll: 0,
        })));
    }

    /// Reopens a past attempt over the History screen: a mock exam's results, a drill's or
    /// review's summary, and from either its review. Rebuilt from the record and today's
    /// bank; questions removed since are named and skipped.
    pub(super) fn open_attempt(&mut self, place: usize) {
        let Some(attempt) = self.attempts.get(place).cloned() else {
            return;
        };
        let Some(rebuilt) = rebuild(&self.bank, &attempt) else {
            self.say(
                "None of this attempt's questions is in the bank any more",
                Tone::Warning,
            );
            return;
        };
        let mut notes = Vec::new();
        if !rebuilt.missing.is_empty() {
            notes.push(format!(
                "{} question(s) no longer in the bank are left out: {}",
                rebuilt.missing.len(),
                rebuilt.missing.join(", ")
            ));
        }
        if rebuilt.bank_changed {
            notes.push("the bank changed since; scored against it as it is now".to_string());
        }
        if !notes.is_empty() {
            self.say(notes.join(" · "), Tone::Warning);
        }
        let session = rebuilt.session;
        let results = scoring::score(&session, &self.bank.exam);
        let screen = match attempt.mode {
            Mode::Mock => Screen::Results(Box::new(ResultsScreen {
                session,
                results,
                scroll: 0,
            })),
            mode => Screen::Summary(Box::new(PracticeSummary {
                mode,
                filters: Filters {
                    task: attempt.task.clone(),
                    topic: attempt.topic.clone(),
                },
                answered: session.len(),
                questions: session.len(),
                results,
                saved: Ok(()),
                session,
                scroll: 0,
            })),
        };
        self.stack.push(screen);
    }
}
