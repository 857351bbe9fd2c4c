//! What keys do in drills and reviews of missed questions: choosing what to drill,
//! answering with immediate feedback, the summary, and the history screen.

use chrono::{DateTime, TimeDelta, Utc};

use crate::exam::scoring;
use crate::exam::{ExamItem, Session, rng_from_seed};
use crate::history::{Attempt, Filters, Mode, drill_items, review_items};

use super::super::keymap::Action;
use super::super::widgets::number_field::NumberField;
use super::answering::answer;
use super::{
    App, Confirm, DRILL_COUNT, DrillField, DrillSetup, Overlay, PracticeScreen, PracticeSummary,
    Screen, Tone, scrolled,
};

impl App {
    pub fn open_drill_setup(&mut self) {
        self.screen = Screen::DrillSetup(DrillSetup {
            task: 0,
            topic: 0,
            count: NumberField::new(DRILL_COUNT, 1),
            field: DrillField::Task,
        });
    }

    pub(super) fn drill_setup(&mut self, action: Action, now: DateTime<Utc>) {
        let tasks = &self.bank.exam.tasks;
        let Screen::DrillSetup(setup) = &mut self.screen else {
            return;
        };
        let topics = tasks[setup.task].topics.len();
        let step = |value: usize, count: usize, forward: bool| {
            if forward {
                (value + 1) % count
            } else {
                (value + count - 1) % count
            }
        };
        match (action, setup.field) {
            (Action::NextField, field) | (Action::PrevField, field) => {
                let order = [DrillField::Task, DrillField::Topic, DrillField::Count];
                let here = order.iter().position(|f| *f == field).unwrap_or(0);
                let there = step(here, order.len(), action == Action::NextField);
                setup.field = order[there];
                setup.count.enter();
            }
            (Action::Left | Action::Right, DrillField::Task) => {
                setup.task = step(setup.task, tasks.len(), action == Action::Right);
                setup.topic = 0;
            }
            (Action::Left | Action::Right, DrillField::Topic) => {
                setup.topic = step(setup.topic, topics + 1, action == Action::Right);
            }
            (edit, DrillField::Count) if setup.count.edit(edit) => {}
            (Action::Choose, _) => {
                let task = tasks[setup.task].id.clone();
                let topic = setup
                    .topic
                    .checked_sub(1)
                    .map(|index| tasks[setup.task].topics[index].id.clone());
                if setup.count.value == 0 {
                    self.say("Drill at least 1 question", Tone::Warning);
                } else {
                    let count = setup.count.value as usize;
                    self.start_drill(&task, topic.as_deref(), count, None, now);
                }
            }
            (Action::Back | Action::Quit, _) => self.go_home(),
            _ => {}
        }
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
        let items = drill_items(
            &self.bank,
            &self.attempts,
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

    /// Starts a review of missed questions, lowest Leitner box first.
    pub fn start_review(&mut self, task: Option<&str>, count: usize, now: DateTime<Utc>) {
        let seed = self.seed();
        let items = review_items(
            &self.bank,
            &self.attempts,
            task,
            count,
            &mut rng_from_seed(seed),
        );
        if items.is_empty() {
            self.say(
                "No missed questions are due: answer some in a mock exam or a drill first",
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
        self.overlay = None;
        self.discard_unfinished();
        self.screen = Screen::Practice(Box::new(PracticeScreen {
            mode,
            filters,
            checked: vec![false; session.len()],
            session,
            scroll: 0,
            prompt: None,
        }));
        self.now = now;
        self.autosave(now);
    }

    pub(super) fn practice(&mut self, action: Action, now: DateTime<Utc>) {
        let limits = self.geometry.scroll();
        let Screen::Practice(practice) = &mut self.screen else {
            return;
        };
        let checked = practice.is_checked();
        let mut notice = None;
        let mut finished = false;
        match action {
            Action::ToggleOption(_) | Action::Number(_) | Action::StrikeOption(_) if !checked => {
                notice = answer(&mut practice.session, &mut practice.prompt, action);
            }
            Action::ToggleOption(_) | Action::Number(_) | Action::StrikeOption(_) => {
                notice =
                    Some("This question is checked: Enter or n goes to the next one".to_string());
            }
            Action::Choose if !checked => {
                let current = practice.session.current;
                if practice.session.is_answered(current) {
                    practice.checked[current] = true;
                    practice.scroll = 0;
                } else {
                    notice = Some("Choose an answer first (a-h); Enter then checks it".to_string());
                }
            }
            Action::Choose | Action::Next if checked => {
                if practice.session.next(now) {
                    practice.scroll = 0;
                    practice.prompt = None;
                } else {
                    finished = true;
                }
            }
            Action::Next => notice = Some("Check your answer first: press Enter".to_string()),
            Action::PageUp | Action::PageDown => {
                practice.scroll = scrolled(practice.scroll, action, limits.page, limits.max);
            }
            Action::Quit => {
                let checked = practice.checked.iter().filter(|&&c| c).count();
                self.overlay = Some(Overlay::Confirm(Confirm::EndPractice { checked }));
            }
            _ => {}
        }
        if let Some(text) = notice {
            self.say(text, Tone::Warning);
        }
        if finished {
            self.finish_practice(now);
        }
    }

    /// Ends a drill or review: the checked questions are scored, summarised and recorded.
    pub(super) fn finish_practice(&mut self, now: DateTime<Utc>) {
        let Screen::Practice(practice) = &self.screen else {
            return;
        };
        let practice = practice.as_ref().clone();
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
        self.screen = Screen::Summary(Box::new(PracticeSummary {
            mode: practice.mode,
            filters: practice.filters,
            answered,
            questions: session.len(),
            results,
            saved: Ok(()),
        }));
    }

    pub(super) fn history(&mut self, action: Action) {
        let limits = self.geometry.scroll();
        let Screen::History { scroll } = &mut self.screen else {
            return;
        };
        match action {
            Action::Up | Action::Down | Action::PageUp | Action::PageDown => {
                *scroll = scrolled(*scroll, action, limits.page, limits.max);
            }
            Action::Back | Action::Quit => self.go_home(),
            _ => {}
        }
    }
}
