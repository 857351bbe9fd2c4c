//! Choosing the questions of a drill or a review from history. Ties are broken by the
//! seeded generator, so the same history and seed always give the same session.

use chrono::{DateTime, Utc};
use rand::seq::SliceRandom;

use super::mastery::{Mastery, MasteryState};
use super::plan::Plan;
use crate::bank::{Bank, Question};
use crate::exam::assembly::{ExamItem, ExamRng};

/// Up to `count` questions of task statement `task` (and of `topic` within it, if given):
/// questions never seen first, then those missed, most recent miss first, then the rest
/// (seen and never missed); ties in random order. Options are shuffled.
pub fn drill_items(
    bank: &Bank,
    mastery: &Mastery,
    task: &str,
    topic: Option<&str>,
    count: usize,
    rng: &mut ExamRng,
) -> Vec<ExamItem> {
    let mut questions: Vec<&Question> = bank
        .questions
        .iter()
        .filter(|q| q.task == task && topic.is_none_or(|t| q.topic == t))
        .collect();
    questions.shuffle(rng);
    // Stable sort: equal keys keep their shuffled order.
    questions.sort_by_key(|q| drill_key(mastery, &q.id));
    take_shuffled(questions, count, rng)
}

/// Never seen → (0, _), missed → (1, most recent first), seen and never missed → (2, _).
fn drill_key(mastery: &Mastery, question: &str) -> (u8, std::cmp::Reverse<DateTime<Utc>>) {
    let never = std::cmp::Reverse(DateTime::<Utc>::MIN_UTC);
    match mastery.record(question) {
        None => (0, never),
        Some(record) => match record.last_miss {
            Some(miss) => (1, std::cmp::Reverse(miss)),
            None => (2, never),
        },
    }
}

/// Up to `count` questions of the review pool (optionally of one task statement) in the
/// pool's order: due ones first, the lowest predicted recall first.
pub fn review_items(
    bank: &Bank,
    mastery: &Mastery,
    task: Option<&str>,
    count: usize,
    rng: &mut ExamRng,
) -> Vec<ExamItem> {
    take_shuffled(mastery.review_pool(bank, task), count, rng)
}

/// Today's plan as one session: the review questions due now (most overdue first), then
/// today's new questions, from the plan's weakest task statement first; options shuffled.
pub fn plan_items(bank: &Bank, mastery: &Mastery, plan: &Plan, rng: &mut ExamRng) -> Vec<ExamItem> {
    let mut questions: Vec<&Question> = mastery
        .review_pool(bank, None)
        .into_iter()
        .filter(|q| mastery.is_due(&q.id))
        .collect();
    let mut new = plan.size().saturating_sub(questions.len());
    // Every task statement's unseen questions, shuffled; the weakest (first) gets two picks
    // a round and the others one, so today leans toward it without ignoring the rest.
    let mut unseen: Vec<Vec<&Question>> = plan
        .focus
        .iter()
        .map(|task| {
            let mut here: Vec<&Question> = bank
                .questions
                .iter()
                .filter(|q| &q.task == task && mastery.state(&q.id) == MasteryState::NeverSeen)
                .collect();
            here.shuffle(rng);
            here
        })
        .collect();
    while new > 0 && unseen.iter().any(|here| !here.is_empty()) {
        for (rank, here) in unseen.iter_mut().enumerate() {
            let picks = if rank == 0 { 2 } else { 1 };
            for _ in 0..picks {
                if new == 0 {
                    break;
                }
                if let Some(question) = here.pop() {
                    questions.push(question);
                    new -= 1;
                }
            }
        }
    }
    let count = questions.len();
    take_shuffled(questions, count, rng)
}

fn take_shuffled(questions: Vec<&Question>, count: usize, rng: &mut ExamRng) -> Vec<ExamItem> {
    questions
        .into_iter()
        .take(count)
        .map(|question| ExamItem::shuffled(question, rng))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exam::rng_from_seed;
    use crate::history::mastery::Schedule;
    use crate::history::record::Mode;
    use crate::history::test_support::{at, attempt, fixture_bank};

    fn replayed(bank: &Bank, history: &[crate::history::Attempt]) -> Mastery {
        Mastery::compute(bank, history, Schedule::at(at(400)))
    }

    fn ids(items: &[ExamItem]) -> Vec<&str> {
        items.iter().map(|i| i.question.id.as_str()).collect()
    }

    #[test]
    fn a_drill_puts_unseen_first_then_recent_misses_then_the_rest() {
        let bank = fixture_bank();
        // Task 1.2 has q-gamma-1 and q-gamma-2; task 1.1 has q-alpha-1 and q-beta-1.
        let history = vec![
            attempt(
                Mode::Mock,
                100,
                &[("q-gamma-1", true), ("q-alpha-1", false)],
            ),
            attempt(Mode::Drill, 200, &[("q-beta-1", false)]),
        ];
        let history = replayed(&bank, &history);
        for seed in 0..10 {
            let items = drill_items(&bank, &history, "1.2", None, 10, &mut rng_from_seed(seed));
            assert_eq!(ids(&items), vec!["q-gamma-2", "q-gamma-1"]);
            let items = drill_items(&bank, &history, "1.1", None, 10, &mut rng_from_seed(seed));
            assert_eq!(
                ids(&items),
                vec!["q-beta-1", "q-alpha-1"],
                "latest miss first"
            );
        }
        let items = drill_items(&bank, &history, "1.2", None, 1, &mut rng_from_seed(1));
        assert_eq!(ids(&items), vec!["q-gamma-2"]);
        let items = drill_items(
            &bank,
            &history,
            "1.1",
            Some("alpha"),
            10,
            &mut rng_from_seed(1),
        );
        assert_eq!(ids(&items), vec!["q-alpha-1"]);
    }

    #[test]
    fn a_missed_question_comes_before_one_always_right() {
        let bank = fixture_bank();
        let history = vec![
            attempt(Mode::Drill, 100, &[("q-gamma-1", false)]),
            attempt(Mode::Drill, 200, &[("q-gamma-2", true)]),
            attempt(Mode::Review, 300, &[("q-gamma-1", true)]),
        ];
        let history = replayed(&bank, &history);
        let items = drill_items(&bank, &history, "1.2", None, 10, &mut rng_from_seed(4));
        assert_eq!(ids(&items), vec!["q-gamma-1", "q-gamma-2"]);
    }

    #[test]
    fn ties_are_shuffled_by_the_seed_reproducibly() {
        let bank = fixture_bank();
        let empty = replayed(&bank, &[]);
        let drill = |seed| drill_items(&bank, &empty, "1.2", None, 10, &mut rng_from_seed(seed));
        assert_eq!(drill(3), drill(3));
        let orders: std::collections::BTreeSet<Vec<String>> = (0..20)
            .map(|seed| {
                ids(&drill(seed))
                    .into_iter()
                    .map(String::from)
                    .collect::<Vec<_>>()
            })
            .collect();
        assert_eq!(
            orders.len(),
            2,
            "both orders of the two unseen questions occur"
        );
    }

    #[test]
    fn a_review_takes_the_pool_lowest_recall_first() {
        let bank = fixture_bank();
        let history = vec![
            attempt(
                Mode::Mock,
                100,
                &[("q-alpha-1", false), ("q-gamma-1", false)],
            ),
            attempt(Mode::Mock, 150, &[("q-beta-1", true)]),
            attempt(Mode::Review, 200, &[("q-alpha-1", true)]),
            attempt(Mode::Drill, 300, &[("q-gamma-2", false)]),
        ];
        // A day later every missed question is due.
        let mastery = Mastery::compute(&bank, &history, Schedule::at(at(86_400)));
        let items = review_items(&bank, &mastery, None, 10, &mut rng_from_seed(2));
        let mut expected = vec!["q-alpha-1", "q-gamma-1", "q-gamma-2"];
        let recall = |id: &str| mastery.record(id).unwrap().recall;
        expected.sort_by(|a, b| recall(a).total_cmp(&recall(b)));
        assert_eq!(
            ids(&items),
            expected,
            "never-missed q-beta-1 is not in the pool"
        );
        assert!(expected.iter().all(|id| mastery.is_due(id)));
        let items = review_items(&bank, &mastery, Some("1.2"), 1, &mut rng_from_seed(2));
        assert_eq!(ids(&items).len(), 1);
        assert_eq!(mastery.record(ids(&items)[0]).unwrap().misses, 1);
        assert!(
            review_items(
                &bank,
                &replayed(&bank, &[]),
                None,
                10,
                &mut rng_from_seed(2)
            )
            .is_empty()
        );
    }

    #[test]
    fn todays_plan_leans_toward_the_weakest_task_without_ignoring_the_rest() {
        let bank = crate::bank::load_files(crate::synthetic::generate(300, 1)).unwrap();
        let mastery = Mastery::compute(&bank, &[], Schedule::at(at(0)));
        let plan = Plan {
            days_left: Some(25),
            due_reviews: 0,
            unseen: 300,
            new_today: Some(12),
            focus: vec!["2".into(), "1".into(), "3".into()],
        };
        let items = plan_items(&bank, &mastery, &plan, &mut rng_from_seed(5));
        let from = |task: &str| items.iter().filter(|i| i.question.task == task).count();
        assert_eq!((from("2"), from("1"), from("3")), (6, 3, 3));
    }
}
