//! One exam in progress: answers, flags, strike-throughs, where the user is and how long
//! each question has taken. Every change takes `now` so time is accounted exactly.

use std::collections::BTreeSet;

use chrono::{DateTime, TimeDelta, Utc};

use super::assembly::ExamItem;
use super::timer::Timer;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ToggleError {
    /// The question takes `choose` options and that many are chosen already.
    TooMany {
        choose: usize,
    },
    NoSuchOption,
    Submitted,
}

impl std::fmt::Display for ToggleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ToggleError::TooMany { choose } => write!(
                f,
                "Choose {} only: deselect an option before choosing another",
                number_word(*choose)
            ),
            ToggleError::NoSuchOption => write!(f, "This question has no such option"),
            ToggleError::Submitted => write!(f, "The exam has been submitted"),
        }
    }
}

/// "TWO", "THREE"…, as the real exam writes "(Choose TWO)".
pub fn number_word(n: usize) -> String {
    const WORDS: [&str; 9] = [
        "ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT",
    ];
    WORDS
        .get(n)
        .map_or_else(|| n.to_string(), |w| (*w).to_string())
}

/// Everything a session holds about one question, for rebuilding a saved session.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionState {
    pub item: ExamItem,
    pub chosen: BTreeSet<usize>,
    pub struck: BTreeSet<usize>,
    pub flagged: bool,
    pub time_spent: TimeDelta,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    pub items: Vec<ExamItem>,
    pub seed: u64,
    /// Shown positions chosen, per question.
    pub answers: Vec<BTreeSet<usize>>,
    pub flags: Vec<bool>,
    /// Shown positions struck through, per question (visual only).
    pub struck: Vec<BTreeSet<usize>>,
    pub current: usize,
    pub time_spent: Vec<TimeDelta>,
    pub started_at: DateTime<Utc>,
    /// None for an untimed session.
    pub timer: Option<Timer>,
    pub submitted_at: Option<DateTime<Utc>>,
    /// When the user arrived at the current question.
    visit_started: DateTime<Utc>,
}

impl Session {
    pub fn new(
        items: Vec<ExamItem>,
        seed: u64,
        now: DateTime<Utc>,
        allowed: Option<TimeDelta>,
    ) -> Session {
        let count = items.len();
        Session {
            items,
            seed,
            answers: vec![BTreeSet::new(); count],
            flags: vec![false; count],
            struck: vec![BTreeSet::new(); count],
            current: 0,
            time_spent: vec![TimeDelta::zero(); count],
            started_at: now,
            timer: allowed.map(|allowed| Timer::start(now, allowed)),
            submitted_at: None,
            visit_started: now,
        }
    }

    /// A session rebuilt from saved questions, resuming at `now`.
    pub fn restored(
        parts: Vec<QuestionState>,
        seed: u64,
        started_at: DateTime<Utc>,
        timer: Option<Timer>,
        current: usize,
        now: DateTime<Utc>,
    ) -> Session {
        let count = parts.len();
        let mut session = Session {
            items: Vec::with_capacity(count),
            seed,
            answers: Vec::with_capacity(count),
            flags: Vec::with_capacity(count),
            struck: Vec::with_capacity(count),
            current: current.min(count.saturating_sub(1)),
            time_spent: Vec::with_capacity(count),
            started_at,
            timer,
            submitted_at: None,
            visit_started: now,
        };
        for part in parts {
            session.items.push(part.item);
            session.answers.push(part.chosen);
            session.struck.push(part.struck);
            session.flags.push(part.flagged);
            session.time_spent.push(part.time_spent);
        }
        session
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn current_item(&self) -> &ExamItem {
        &self.items[self.current]
    }

    pub fn is_submitted(&self) -> bool {
        self.submitted_at.is_some()
    }

    pub fn is_answered(&self, index: usize) -> bool {
        self.answers.get(index).is_some_and(|a| !a.is_empty())
    }

    pub fn unanswered_count(&self) -> usize {
        (0..self.len()).filter(|&i| !self.is_answered(i)).count()
    }

    pub fn flagged_count(&self) -> usize {
        self.flags.iter().filter(|&&f| f).count()
    }

    /// Chooses or un-chooses an option of the current question. A single-answer question
    /// behaves like radio buttons; a multiple-response one refuses more than its N.
    pub fn toggle_option(&mut self, shown: usize) -> Result<(), ToggleError> {
        if self.is_submitted() {
            return Err(ToggleError::Submitted);
        }
        let item = &self.items[self.current];
        if shown >= item.option_count() {
            return Err(ToggleError::NoSuchOption);
        }
        let choose = item.choose();
        let answer = &mut self.answers[self.current];
        if answer.remove(&shown) {
            return Ok(());
        }
        if choose == 1 {
            answer.clear();
        } else if answer.len() >= choose {
            return Err(ToggleError::TooMany { choose });
        }
        answer.insert(shown);
        Ok(())
    }

    /// Strikes an option through, or restores it.
    pub fn toggle_strike(&mut self, shown: usize) -> Result<(), ToggleError> {
        if shown >= self.current_item().option_count() {
            return Err(ToggleError::NoSuchOption);
        }
        let struck = &mut self.struck[self.current];
        if !struck.remove(&shown) {
            struck.insert(shown);
        }
        Ok(())
    }

    pub fn toggle_flag(&mut self) {
        let flag = &mut self.flags[self.current];
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
        if self.is_submitted() {
            return;
        }
        // Time after the deadline does not count: the exam was over then.
        let end = self.timer.map_or(now, |t| now.min(t.deadline));
        let spent = (end - self.visit_started).max(TimeDelta::zero());
        self.time_spent[self.current] += spent;
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
        self.answers[index] == self.items[index].correct_positions()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exam::assembly::{assemble, rng_from_seed};
    use chrono::TimeZone;

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
        let index = s.items.iter().position(|i| i.choose() == 2).unwrap();
        s.go_to(index, at(0));
    }

    #[test]
    fn single_answer_options_behave_like_radio_buttons() {
        let mut s = session();
        let index = s.items.iter().position(|i| i.choose() == 1).unwrap();
        s.go_to(index, at(0));
        s.toggle_option(0).unwrap();
        s.toggle_option(2).unwrap();
        assert_eq!(s.answers[index], BTreeSet::from([2]));
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
        assert_eq!(refused, ToggleError::TooMany { choose: 2 });
        assert!(refused.to_string().contains("Choose TWO"));
        assert_eq!(s.answers[s.current], BTreeSet::from([0, 1]));
        assert_eq!(s.toggle_option(9), Err(ToggleError::NoSuchOption));
    }

    #[test]
    fn flags_and_strikes_toggle() {
        let mut s = session();
        s.toggle_flag();
        assert_eq!(s.flagged_count(), 1);
        s.toggle_strike(1).unwrap();
        assert!(s.struck[0].contains(&1));
        s.toggle_strike(1).unwrap();
        assert!(s.struck[0].is_empty());
        s.toggle_flag();
        assert_eq!(s.flagged_count(), 0);
    }

    #[test]
    fn time_is_booked_to_the_question_being_viewed() {
        let mut s = session();
        s.go_to(1, at(30));
        s.go_to(0, at(50));
        s.go_to(1, at(60));
        assert_eq!(s.time_spent[0], TimeDelta::seconds(40));
        assert_eq!(s.time_spent[1], TimeDelta::seconds(20));
        s.submit(at(70));
        assert_eq!(s.time_spent[1], TimeDelta::seconds(30));
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
            s.time_spent.iter().copied().sum::<TimeDelta>(),
            TimeDelta::minutes(10)
        );
        assert_eq!(s.toggle_option(0), Err(ToggleError::Submitted));
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
