//! One exam in progress: a list of items (see `item`), where the user is, the clock, and
//! how long each question has taken. Every change takes `now` so time is accounted exactly.

use chrono::{DateTime, TimeDelta, Utc};

use super::assembly::ExamItem;
pub use super::item::{Progress, Refusal, Response, SessionItem, number_word};
use super::timer::Timer;

#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    pub items: Vec<SessionItem>,
    pub seed: u64,
    pub current: usize,
    /// The start the clock counts from: moved on by the time certsim was closed when a
    /// session is resumed, so the time used never includes it.
    pub started_at: DateTime<Utc>,
    /// When the session first began, kept across resumes: with the seed it names the
    /// attempt, so a session resumed twice can still be recorded only once.
    pub began_at: DateTime<Utc>,
    /// None for an untimed session.
    pub timer: Option<Timer>,
    pub submitted_at: Option<DateTime<Utc>>,
    /// When the user arrived at the current question.
    visit_started: DateTime<Utc>,
}

impl Session {
    pub fn new(
        shown: Vec<ExamItem>,
        seed: u64,
        now: DateTime<Utc>,
        allowed: Option<TimeDelta>,
    ) -> Session {
        let items = shown.into_iter().map(SessionItem::new).collect();
        Session::restored(
            items,
            seed,
            now,
            allowed.map(|allowed| Timer::start(now, allowed)),
            0,
            now,
        )
    }

    /// A session rebuilt from saved items, resuming at `now`.
    pub fn restored(
        items: Vec<SessionItem>,
        seed: u64,
        started_at: DateTime<Utc>,
        timer: Option<Timer>,
        current: usize,
        now: DateTime<Utc>,
    ) -> Session {
        Session {
            current: current.min(items.len().saturating_sub(1)),
            items,
            seed,
            started_at,
            began_at: started_at,
            timer,
            submitted_at: None,
            visit_started: now,
        }
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn current_item(&self) -> &ExamItem {
        &self.items[self.current].shown
    }

    pub fn current(&self) -> &SessionItem {
        &self.items[self.current]
    }

    pub fn item(&self, index: usize) -> &SessionItem {
        &self.items[index]
    }

    pub fn is_submitted(&self) -> bool {
        self.submitted_at.is_some()
    }

    /// Something is given (complete or not).
    pub fn is_answered(&self, index: usize) -> bool {
        self.items
            .get(index)
            .is_some_and(|item| !item.response.is_empty())
    }

    pub fn progress(&self, index: usize) -> Progress {
        self.items[index].progress()
    }

    pub fn unanswered_count(&self) -> usize {
        self.count(Progress::Unanswered)
    }

    /// Questions with something chosen, but fewer options (steps, pairs) than they take:
    /// scored wrong, as on the real exam.
    pub fn incomplete_count(&self) -> usize {
        self.count(Progress::Incomplete)
    }

    /// Questions answered in full.
    pub fn answered_count(&self) -> usize {
        self.count(Progress::Complete)
    }

    fn count(&self, progress: Progress) -> usize {
        self.items
            .iter()
            .filter(|item| item.progress() == progress)
            .count()
    }

    /// Not answered in full: unanswered or incomplete.
    pub fn is_done(&self, index: usize) -> bool {
        self.items[index].progress() == Progress::Complete
    }

    /// The next question after the current one (wrapping) that `wanted` picks, if any.
    pub fn next_where(&self, wanted: impl Fn(&SessionItem) -> bool) -> Option<usize> {
        let count = self.len();
        (1..=count)
            .map(|step| (self.current + step) % count)
            .find(|&index| wanted(&self.items[index]))
    }

    pub fn flagged_count(&self) -> usize {
        self.items.iter().filter(|item| item.flagged).count()
    }

    /// Answers the current question (see `SessionItem::answer`).
    pub fn answer(&mut self, shown: usize, prompt: Option<usize>) -> Result<(), Refusal> {
        if self.is_submitted() {
            return Err(Refusal::Submitted);
        }
        let current = self.current;
        self.items[current].answer(shown, prompt)
    }

    /// Chooses or un-chooses an option of the current question (choice questions; for the
    /// other kinds, as `answer` with no prompt).
    pub fn toggle_option(&mut self, shown: usize) -> Result<(), Refusal> {
        self.answer(shown, None)
    }

    /// Strikes an option through, or restores it.
    pub fn toggle_strike(&mut self, shown: usize) -> Result<(), Refusal> {
        if shown >= self.current_item().option_count() {
            return Err(Refusal::NoSuchOption);
        }
        let current = self.current;
        let item = &mut self.items[current];
        if !item.struck.remove(&shown) {
            item.struck.insert(shown);
            // Striking an option out rules it out: it cannot stay chosen.
            if let Response::Choice(chosen) = &mut item.response {
                chosen.remove(&shown);
            }
        }
        Ok(())
    }

    pub fn toggle_flag(&mut self) {
        let current = self.current;
        let flag = &mut self.items[current].flagged;
        *flag = !*flag;
    }

    /// Moves to question `index` (clamped), booking the time spent on the one left.
    pub fn go_to(&mut self, index: usize, now: DateTime<Utc>) {
        self.close_visit(now);
        self.current = index.min(self.len().saturating_sub(1));
    }

    pub fn next(&mut self, now: DateTime<Utc>) -> bool {
        if self.current + 1 < self.len() {
            self.go_to(self.current + 1, now);
            true
        } else {
            false
        }
    }

    pub fn previous(&mut self, now: DateTime<Utc>) -> bool {
        if self.current > 0 {
            self.go_to(self.current - 1, now);
            true
        } else {
            false
        }
    }

    fn close_visit(&mut self, now: DateTime<Utc>) {
        if self.is_submitted() || self.items.is_empty() {
            return;
        }
        // Time after the deadline does not count: the exam was over then.
        let end = self.timer.map_or(now, |t| now.min(t.deadline));
        let spent = (end - self.visit_started).max(TimeDelta::zero());
        let current = self.current;
        self.items[current].time_spent += spent;
        self.visit_started = now;
    }

    pub fn remaining(&self, now: DateTime<Utc>) -> Option<TimeDelta> {
        self.timer.map(|t| t.remaining(now))
    }

    pub fn is_expired(&self, now: DateTime<Utc>) -> bool {
        self.timer.is_some_and(|t| t.is_expired(now))
    }

    /// Ends the exam. Past the deadline, the end time is the deadline itself.
    pub fn submit(&mut self, now: DateTime<Utc>) {
        if self.is_submitted() {
            return;
        }
        self.close_visit(now);
        let end = self.timer.map_or(now, |t| now.min(t.deadline));
        self.submitted_at = Some(end);
    }

    /// Wall time from start to submission (or to `now` while running).
    pub fn time_used(&self, now: DateTime<Utc>) -> TimeDelta {
        let end = self.submitted_at.unwrap_or(now);
        (end - self.started_at).max(TimeDelta::zero())
    }

    /// Whether question `index` was answered exactly right: all-or-nothing.
    pub fn is_correct(&self, index: usize) -> bool {
        self.items[index].is_correct()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exam::assembly::{assemble, rng_from_seed};
    use chrono::TimeZone;
    use std::collections::BTreeSet;

    fn at(seconds: i64) -> DateTime<Utc> {
        Utc.timestamp_opt(1_700_000_000 + seconds, 0).unwrap()
    }

    fn session() -> Session {
        let bank = crate::bank::load_dir(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid"),
        )
        .unwrap();
        let items = assemble(&bank, 4, &mut rng_from_seed(1));
        Session::new(items, 1, at(0), Some(TimeDelta::minutes(10)))
    }

    fn go_to_multi(s: &mut Session) {
        let index = s.items.iter().position(|i| i.shown.choose() == 2).unwrap();
        s.go_to(index, at(0));
    }

    #[test]
    fn single_answer_options_behave_like_radio_buttons() {
        let mut s = session();
        let index = s.items.iter().position(|i| i.shown.choose() == 1).unwrap();
        s.go_to(index, at(0));
        s.toggle_option(0).unwrap();
        s.toggle_option(2).unwrap();
        assert_eq!(
            s.items[index].response,
            Response::Choice(BTreeSet::from([2]))
        );
        s.toggle_option(2).unwrap();
        assert!(!s.is_answered(index));
    }

    #[test]
    fn choosing_more_than_n_is_refused() {
        let mut s = session();
        go_to_multi(&mut s);
        s.toggle_option(0).unwrap();
        s.toggle_option(1).unwrap();
        let refused = s.toggle_option(2).unwrap_err();
        assert_eq!(refused, Refusal::TooMany { choose: 2 });
        assert_eq!(
            s.current().response,
            Response::Choice(BTreeSet::from([0, 1]))
        );
        assert_eq!(s.toggle_option(9), Err(Refusal::NoSuchOption));
    }

    #[test]
    fn flags_and_strikes_toggle() {
        let mut s = session();
        s.toggle_flag();
        assert_eq!(s.flagged_count(), 1);
        s.toggle_strike(1).unwrap();
        assert!(s.items[0].struck.contains(&1));
        s.toggle_strike(1).unwrap();
        assert!(s.items[0].struck.is_empty());
        s.toggle_flag();
        assert_eq!(s.flagged_count(), 0);
    }

    #[test]
    fn time_is_booked_to_the_question_being_viewed() {
        let mut s = session();
        s.go_to(1, at(30));
        s.go_to(0, at(50));
        s.go_to(1, at(60));
        assert_eq!(s.items[0].time_spent, TimeDelta::seconds(40));
        assert_eq!(s.items[1].time_spent, TimeDelta::seconds(20));
        s.submit(at(70));
        assert_eq!(s.items[1].time_spent, TimeDelta::seconds(30));
        assert_eq!(s.time_used(at(999)), TimeDelta::seconds(70));
    }

    #[test]
    fn submitting_after_the_deadline_stops_the_clock_at_the_deadline() {
        let mut s = session();
        assert!(!s.is_expired(at(599)));
        assert!(s.is_expired(at(600)));
        s.submit(at(900));
        assert_eq!(s.time_used(at(900)), TimeDelta::minutes(10));
        assert_eq!(
            s.items.iter().map(|i| i.time_spent).sum::<TimeDelta>(),
            TimeDelta::minutes(10)
        );
        assert_eq!(s.toggle_option(0), Err(Refusal::Submitted));
    }

    #[test]
    fn correctness_is_all_or_nothing() {
        let mut s = session();
        go_to_multi(&mut s);
        let key: Vec<usize> = s.current_item().correct_positions().into_iter().collect();
        let wrong = (0..5).find(|p| !key.contains(p)).unwrap();
        s.toggle_option(key[0]).unwrap();
        assert!(!s.is_correct(s.current), "half the key is wrong");
        s.toggle_option(wrong).unwrap();
        assert!(!s.is_correct(s.current));
        s.toggle_option(wrong).unwrap();
        s.toggle_option(key[1]).unwrap();
        assert!(s.is_correct(s.current));
    }
}
