//! One exam in progress: a list of items, each with its response, strike-throughs, flag and
//! time spent, and where the user is. Every change takes `now` so time is accounted exactly.
//! One answering path serves every kind of question and every mode (exam, drill, review).

use std::collections::BTreeSet;

use chrono::{DateTime, TimeDelta, Utc};

use super::assembly::ExamItem;
use super::timer::Timer;
use crate::bank::{Kind, Question};

/// Why an answer was not taken. Data, not English: the screens say it in words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The question takes `choose` options and that many are chosen already.
    TooMany {
        choose: usize,
    },
    NoSuchOption,
    /// A matching question: a letter was pressed before a prompt was picked.
    NoPromptSelected,
    /// A matching question: there is no prompt with this number.
    NoSuchPrompt,
    Submitted,
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

/// What the user has answered to one question, by its kind. Positions are shown positions
/// (after shuffling).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Response {
    /// The options chosen.
    Choice(BTreeSet<usize>),
    /// The steps placed so far, in the order placed.
    Order(Vec<usize>),
    /// For each prompt (in bank order), the answer matched to it.
    Match(Vec<Option<usize>>),
}

impl Response {
    /// An empty response for a question.
    pub fn empty(question: &Question) -> Response {
        match question.kind() {
            Kind::Choice => Response::Choice(BTreeSet::new()),
            Kind::Ordering => Response::Order(Vec::new()),
            Kind::Matching => Response::Match(vec![None; question.shuffled_count()]),
        }
    }

    /// How many options, steps or pairs are chosen, placed or matched.
    pub fn given(&self) -> usize {
        match self {
            Response::Choice(chosen) => chosen.len(),
            Response::Order(placed) => placed.len(),
            Response::Match(matched) => matched.iter().flatten().count(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.given() == 0
    }

    /// Whether a shown option, step or answer is part of the response.
    pub fn uses(&self, shown: usize) -> bool {
        match self {
            Response::Choice(chosen) => chosen.contains(&shown),
            Response::Order(placed) => placed.contains(&shown),
            Response::Match(matched) => matched.contains(&Some(shown)),
        }
    }
}

/// How far a question is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    Unanswered,
    /// Something is given, but fewer than the question takes.
    Incomplete,
    Complete,
}

/// Everything a session holds about one question.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionItem {
    pub shown: ExamItem,
    pub response: Response,
    /// Shown positions struck through (visual only).
    pub struck: BTreeSet<usize>,
    pub flagged: bool,
    pub time_spent: TimeDelta,
}

impl SessionItem {
    pub fn new(shown: ExamItem) -> SessionItem {
        SessionItem {
            response: Response::empty(&shown.question),
            shown,
            struck: BTreeSet::new(),
            flagged: false,
            time_spent: TimeDelta::zero(),
        }
    }

    pub fn progress(&self) -> Progress {
        let given = self.response.given();
        if given == 0 {
            Progress::Unanswered
        } else if given < self.shown.choose() {
            Progress::Incomplete
        } else {
            Progress::Complete
        }
    }

    /// The response in words, as history keeps it: chosen option texts in bank order,
    /// placed steps in the order placed, matched pairs as "prompt → answer".
    pub fn response_texts(&self) -> Vec<String> {
        let texts = self.shown.question.shuffled_texts();
        let text_at = |shown: usize| self.shown.order.get(shown).map(|&i| texts[i]);
        match &self.response {
            Response::Choice(chosen) => {
                let mut by_bank: Vec<usize> = chosen
                    .iter()
                    .filter_map(|&p| self.shown.order.get(p).copied())
                    .collect();
                by_bank.sort_unstable();
                by_bank.into_iter().map(|i| texts[i].to_string()).collect()
            }
            Response::Order(placed) => placed
                .iter()
                .filter_map(|&p| text_at(p))
                .map(String::from)
                .collect(),
            Response::Match(matched) => {
                let prompts = match &self.shown.question.body {
                    crate::bank::Body::Matching { pairs } => {
                        pairs.iter().map(|p| p.prompt.as_str()).collect()
                    }
                    _ => Vec::new(),
                };
                matched
                    .iter()
                    .zip(prompts)
                    .filter_map(|(answer, prompt)| {
                        Some(format!("{prompt} → {}", text_at((*answer)?)?))
                    })
                    .collect()
            }
        }
    }

    /// All-or-nothing: every chosen option right, the exact order, every pair right.
    pub fn is_correct(&self) -> bool {
        let order = &self.shown.order;
        match &self.response {
            Response::Choice(chosen) => *chosen == self.shown.correct_positions(),
            Response::Order(placed) => {
                placed.len() == order.len()
                    && placed
                        .iter()
                        .enumerate()
                        .all(|(place, &shown)| order.get(shown) == Some(&place))
            }
            Response::Match(matched) => {
                matched.len() == order.len()
                    && matched
                        .iter()
                        .enumerate()
                        .all(|(prompt, answer)| answer.and_then(|a| order.get(a)) == Some(&prompt))
            }
        }
    }

    /// The one answering path for every kind: a letter chooses an option, places (or takes
    /// back) a step, or matches an answer to `prompt`.
    pub fn answer(&mut self, shown: usize, prompt: Option<usize>) -> Result<(), Refusal> {
        if shown >= self.shown.option_count() {
            return Err(Refusal::NoSuchOption);
        }
        let choose = self.shown.choose();
        match &mut self.response {
            Response::Choice(chosen) => {
                if chosen.remove(&shown) {
                    return Ok(());
                }
                if choose == 1 {
                    chosen.clear();
                } else if chosen.len() >= choose {
                    return Err(Refusal::TooMany { choose });
                }
                chosen.insert(shown);
            }
            // Taking a placed step out closes the gap behind it.
            Response::Order(placed) => match placed.iter().position(|&p| p == shown) {
                Some(at) => {
                    placed.remove(at);
                }
                None => placed.push(shown),
            },
            Response::Match(matched) => {
                let prompt = prompt.ok_or(Refusal::NoPromptSelected)?;
                let slot = matched.get_mut(prompt).ok_or(Refusal::NoSuchPrompt)?;
                if *slot == Some(shown) {
                    *slot = None;
                } else {
                    // An answer matches one prompt: moving it frees its old prompt.
                    for other in matched.iter_mut() {
                        if *other == Some(shown) {
                            *other = None;
                        }
                    }
                    matched[prompt] = Some(shown);
                }
            }
        }
        // Choosing an option lifts its strike-through: a struck option is one ruled out.
        if self.response.uses(shown) {
            self.struck.remove(&shown);
        }
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    pub items: Vec<SessionItem>,
    pub seed: u64,
    pub current: usize,
    pub started_at: DateTime<Utc>,
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
        (0..self.len()).filter(|&i| !self.is_answered(i)).count()
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
        let struck = &mut self.items[current].struck;
        if !struck.remove(&shown) {
            struck.insert(shown);
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

    fn kinds_item(id: &str, seed: u64) -> SessionItem {
        let bank = crate::bank::load_dir(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/kinds"),
        )
        .unwrap();
        let question = bank.question(id).unwrap();
        SessionItem::new(ExamItem::shuffled(question, &mut rng_from_seed(seed)))
    }

    /// The shown position of the bank's step (or answer) `index`.
    fn shown(item: &SessionItem, index: usize) -> usize {
        item.shown.order.iter().position(|&i| i == index).unwrap()
    }

    #[test]
    fn ordering_places_steps_takes_them_back_and_closes_the_gap() {
        let mut item = kinds_item("order-001", 3);
        let step = |n| shown(&item, n);
        let (first, second, third, fourth) = (step(0), step(1), step(2), step(3));
        assert_eq!(item.progress(), Progress::Unanswered);
        item.answer(second, None).unwrap();
        item.answer(first, None).unwrap();
        assert_eq!(item.response, Response::Order(vec![second, first]));
        assert_eq!(item.progress(), Progress::Incomplete);
        item.answer(second, None).unwrap();
        assert_eq!(
            item.response,
            Response::Order(vec![first]),
            "the gap closes"
        );
        for position in [second, third, fourth] {
            item.answer(position, None).unwrap();
        }
        assert_eq!(item.progress(), Progress::Complete);
        assert!(item.is_correct());
        assert_eq!(
            item.response_texts()[0],
            "Land the raw files in the bucket",
            "history keeps the order placed"
        );
        for position in [fourth, third, fourth, third] {
            item.answer(position, None).unwrap();
        }
        assert_eq!(
            item.response,
            Response::Order(vec![first, second, fourth, third])
        );
        assert_eq!(item.progress(), Progress::Complete);
        assert!(!item.is_correct(), "all placed, but not in the exact order");
        assert_eq!(item.answer(9, None), Err(Refusal::NoSuchOption));
    }

    #[test]
    fn matching_assigns_moves_and_unassigns_answers() {
        let mut item = kinds_item("match-001", 5);
        let answer = |n| shown(&item, n);
        let (athena, steps, events) = (answer(0), answer(1), answer(2));
        assert_eq!(item.answer(athena, None), Err(Refusal::NoPromptSelected));
        assert_eq!(item.answer(athena, Some(7)), Err(Refusal::NoSuchPrompt));
        item.answer(steps, Some(0)).unwrap();
        assert_eq!(item.progress(), Progress::Incomplete);
        // The same answer for another prompt moves it there.
        item.answer(steps, Some(1)).unwrap();
        assert_eq!(
            item.response,
            Response::Match(vec![None, Some(steps), None])
        );
        // The same letter again for the same prompt takes it off.
        item.answer(steps, Some(1)).unwrap();
        assert!(item.response.is_empty());
        item.answer(athena, Some(0)).unwrap();
        item.answer(steps, Some(1)).unwrap();
        item.answer(events, Some(2)).unwrap();
        assert_eq!(item.progress(), Progress::Complete);
        assert!(item.is_correct());
        item.answer(events, Some(1)).unwrap();
        item.answer(steps, Some(2)).unwrap();
        assert_eq!(item.progress(), Progress::Complete);
        assert!(!item.is_correct(), "every pair must be right");
        assert_eq!(
            item.response_texts(),
            [
                "Run SQL on files in object storage → Athena",
                "Orchestrate steps with retries → EventBridge",
                "React to an object landing → Step Functions",
            ]
        );
    }

    #[test]
    fn choosing_a_struck_option_lifts_the_strike() {
        let mut item = kinds_item("choice-001", 1);
        item.struck.insert(2);
        item.answer(2, None).unwrap();
        assert!(item.struck.is_empty());
    }
}
