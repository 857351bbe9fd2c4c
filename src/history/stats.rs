//! Statistics over history for one bank: accuracy per task statement (all time and recent),
//! the weakest topics, the review pool's counts, mock scores over time and the readiness
//! estimate. Only attempts on this exam count, and only answers to questions still in the
//! bank.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::analytics::Analytics;
use super::chronological;
use super::mastery::{Mastery, MasteryCounts, Schedule};
use super::readiness::{Readiness, evidence_answers, readiness};
use super::record::{Attempt, Mode};
use crate::bank::{Bank, Question};
use crate::exam::Tally;

/// Attempts that make up "recent" accuracy, per task statement.
pub const RECENT_ATTEMPTS: usize = 5;
/// Answers a topic needs before it can be called weak.
pub const WEAK_TOPIC_MIN_ANSWERS: usize = 2;

#[derive(Debug, Clone, PartialEq)]
pub struct Stats {
    /// Attempts on this exam.
    pub attempts: usize,
    /// Answers to questions still in the bank.
    pub answers: usize,
    /// Every task statement, in exam order.
    pub tasks: Vec<TaskAccuracy>,
    /// Topics with at least `WEAK_TOPIC_MIN_ANSWERS` answers, weakest first (lowest share
    /// right, then most misses, then exam order): take as many as there is room for.
    pub weakest_topics: Vec<TopicAccuracy>,
    /// Every topic of the bank, in exam order.
    pub topics: Vec<TopicAccuracy>,
    pub mastery: MasteryCounts,
    /// Mock exams, oldest first, for a chart.
    pub mock_scores: Vec<MockScore>,
    pub readiness: Readiness,
    /// By service, by qualifier, pace and trends.
    pub analytics: Analytics,
    /// Accuracy per official exam guide task statement (answers count toward every entry
    /// their question names), in guide order; empty when the bank declares no blueprint.
    pub blueprint: Vec<BlueprintAccuracy>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BlueprintAccuracy {
    pub id: String,
    pub title: String,
    pub tally: Tally,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TaskAccuracy {
    pub id: String,
    pub title: String,
    /// Every answer to this task's questions.
    pub all: Tally,
    /// Answers in the last `RECENT_ATTEMPTS` attempts that included this task.
    pub recent: Tally,
    /// Evidence answers (see `readiness`): first answers, and answers a week after the key.
    pub evidence: Tally,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TopicAccuracy {
    pub id: String,
    pub title: String,
    pub task: String,
    pub tally: Tally,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MockScore {
    pub attempt_id: String,
    /// When the exam started, the time every attempt list shows.
    pub started_at: DateTime<Utc>,
    pub scaled: i64,
    pub passed: bool,
    pub tally: Tally,
}

fn add(tally: &mut Tally, correct: bool) {
    tally.total += 1;
    tally.correct += usize::from(correct);
}

impl Stats {
    pub fn compute(bank: &Bank, history: &[Attempt], schedule: Schedule) -> Stats {
        Stats::compute_with(bank, history, &Mastery::compute(bank, history, schedule))
    }

    /// As `compute`, with the review pool already replayed from the same history.
    pub fn compute_with(bank: &Bank, history: &[Attempt], mastery: &Mastery) -> Stats {
        let attempts = chronological(bank, history);
        let questions: HashMap<&str, &Question> =
            bank.questions.iter().map(|q| (q.id.as_str(), q)).collect();
        let mut tasks: Vec<TaskAccuracy> = bank
            .exam
            .tasks
            .iter()
            .map(|t| TaskAccuracy {
                id: t.id.clone(),
                title: t.title.clone(),
                all: Tally::default(),
                recent: Tally::default(),
                evidence: Tally::default(),
            })
            .collect();
        let mut topics: Vec<TopicAccuracy> = bank
            .exam
            .tasks
            .iter()
            .flat_map(|task| {
                task.topics.iter().map(|topic| TopicAccuracy {
                    id: topic.id.clone(),
                    title: topic.title.clone(),
                    task: task.id.clone(),
                    tally: Tally::default(),
                })
            })
            .collect();
        let task_index: HashMap<&str, usize> = bank
            .exam
            .tasks
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.as_str(), i))
            .collect();
        let topic_index: HashMap<String, usize> = topics
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.clone(), i))
            .collect();

        let mut blueprint: Vec<BlueprintAccuracy> = bank
            .exam
            .blueprint
            .iter()
            .map(|entry| BlueprintAccuracy {
                id: entry.id.clone(),
                title: entry.title.clone(),
                tally: Tally::default(),
            })
            .collect();
        let mut answers = 0;
        // Newest first, so each task's recent window is its latest attempts.
        let mut recent_attempts = vec![0usize; tasks.len()];
        for attempt in attempts.iter().rev() {
            let mut in_attempt = vec![Tally::default(); tasks.len()];
            for answer in &attempt.answers {
                let Some(question) = questions.get(answer.question.as_str()) else {
                    continue;
                };
                answers += 1;
                if let Some(&t) = task_index.get(question.task.as_str()) {
                    add(&mut tasks[t].all, answer.correct);
                    add(&mut in_attempt[t], answer.correct);
                }
                if let Some(&t) = topic_index.get(&question.topic) {
                    add(&mut topics[t].tally, answer.correct);
                }
                for id in question.blueprint.iter().flatten() {
                    if let Some(entry) = blueprint.iter_mut().find(|e| &e.id == id) {
                        add(&mut entry.tally, answer.correct);
                    }
                }
            }
            for (t, tally) in in_attempt.into_iter().enumerate() {
                if tally.total > 0 && recent_attempts[t] < RECENT_ATTEMPTS {
                    recent_attempts[t] += 1;
                    tasks[t].recent.correct += tally.correct;
                    tasks[t].recent.total += tally.total;
                }
            }
        }

        for (question, right) in evidence_answers(bank, history) {
            if let Some(&t) = task_index.get(question.task.as_str()) {
                tasks[t].evidence.add(right);
            }
        }
        let all_topics = topics.clone();
        let mut weakest: Vec<(usize, TopicAccuracy)> = topics
            .into_iter()
            .enumerate()
            .filter(|(_, t)| t.tally.total >= WEAK_TOPIC_MIN_ANSWERS)
            .collect();
        weakest.sort_by(|(a_order, a), (b_order, b)| {
            let misses = |t: &TopicAccuracy| t.tally.total - t.tally.correct;
            a.tally
                .fraction()
                .total_cmp(&b.tally.fraction())
                .then(misses(b).cmp(&misses(a)))
                .then(a_order.cmp(b_order))
        });

        let mock_scores = attempts
            .iter()
            .filter(|a| a.mode == Mode::Mock)
            .filter_map(|a| {
                let scaled = a.scaled?;
                Some(MockScore {
                    attempt_id: a.id.clone(),
                    started_at: a.started_at,
                    scaled,
                    passed: a.passed.unwrap_or(scaled >= bank.exam.scoring.pass),
                    tally: a.tally(),
                })
            })
            .collect();

        Stats {
            attempts: attempts.len(),
            answers,
            tasks,
            weakest_topics: weakest.into_iter().map(|(_, t)| t).collect(),
            topics: all_topics,
            analytics: Analytics::compute(bank, history),
            mastery: mastery.counts(bank, None),
            mock_scores,
            readiness: readiness(bank, history),
            blueprint,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::test_support::{at, attempt, fixture_bank};

    #[test]
    fn accuracy_per_task_all_time_and_over_the_last_five_attempts() {
        let bank = fixture_bank();
        let mut history: Vec<Attempt> = (0..6)
            .map(|i| attempt(Mode::Drill, 100 + i * 100, &[("q-alpha-1", i != 0)]))
            .collect();
        history.push(attempt(Mode::Drill, 50, &[("q-gamma-1", false)]));
        history.push(attempt(Mode::Drill, 60, &[("retired", false)]));
        let mut other = attempt(Mode::Drill, 70, &[("q-alpha-1", false)]);
        other.bank_id = "another-exam".into();
        history.push(other);
        let stats = Stats::compute(
            &bank,
            &history,
            Schedule::at(crate::history::test_support::at(1_000)),
        );
        assert_eq!((stats.attempts, stats.answers), (8, 7));
        let task = |id: &str| stats.tasks.iter().find(|t| t.id == id).unwrap();
        assert_eq!(
            task("1.1").all,
            Tally {
                correct: 5,
                total: 6
            }
        );
        assert_eq!(
            task("1.1").recent,
            Tally {
                correct: 5,
                total: 5
            }
        );
        // The recent window is per task: a drill on 1.1 does not push 1.2's out.
        assert_eq!(
            task("1.2").recent,
            Tally {
                correct: 0,
                total: 1
            }
        );
        assert_eq!(
            stats.mastery.in_review, 2,
            "right answers minutes later do not clear a miss"
        );
        assert_eq!(stats.mastery.mastered, 0);
    }

    #[test]
    fn weakest_topics_need_two_answers_and_come_lowest_first() {
        let bank = fixture_bank();
        let history = vec![
            attempt(Mode::Mock, 100, &[("q-alpha-1", true), ("q-beta-1", false)]),
            attempt(
                Mode::Mock,
                200,
                &[("q-alpha-1", false), ("q-beta-1", false)],
            ),
            attempt(
                Mode::Mock,
                300,
                &[("q-gamma-1", false), ("q-gamma-2", true)],
            ),
            attempt(Mode::Mock, 400, &[("q-gamma-1", true)]),
        ];
        let stats = Stats::compute(
            &bank,
            &history,
            Schedule::at(crate::history::test_support::at(1_000)),
        );
        let weakest: Vec<(&str, usize, usize)> = stats
            .weakest_topics
            .iter()
            .map(|t| (t.id.as_str(), t.tally.correct, t.tally.total))
            .collect();
        assert_eq!(
            weakest,
            vec![("beta", 0, 2), ("alpha", 1, 2), ("gamma", 2, 3)]
        );
    }

    #[test]
    fn mock_scores_are_listed_oldest_first() {
        let bank = fixture_bank();
        let mut second = attempt(Mode::Mock, 300, &[("q-alpha-1", true)]);
        second.scaled = Some(1000);
        second.passed = Some(true);
        let mut first = attempt(Mode::Mock, 100, &[("q-alpha-1", false)]);
        first.scaled = Some(100);
        let drill = attempt(Mode::Drill, 200, &[("q-alpha-1", true)]);
        let stats = Stats::compute(
            &bank,
            &[second, drill, first],
            Schedule::at(crate::history::test_support::at(1_000)),
        );
        let scores: Vec<(DateTime<Utc>, i64, bool)> = stats
            .mock_scores
            .iter()
            .map(|s| (s.started_at, s.scaled, s.passed))
            .collect();
        assert_eq!(scores, vec![(at(40), 100, false), (at(240), 1000, true)]);
        // Three answers to one question within minutes: only the first is evidence.
        assert!(matches!(
            stats.readiness,
            Readiness::NotEnoughData {
                evidence_answers: 1,
                ..
            }
        ));
    }
}
