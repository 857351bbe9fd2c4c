//! Scoring a submitted session: all-or-nothing per question, a breakdown per task statement
//! and per topic, and a scaled score that is linear in the fraction correct. AWS's real
//! scaling is not public; this linear mapping is certsim's own.

use chrono::TimeDelta;

use crate::bank::{Exam, Scoring};

use super::session::Session;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub correct: usize,
    pub total: usize,
}

impl Tally {
    pub fn fraction(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.correct as f64 / self.total as f64
        }
    }

    pub fn percent(&self) -> u32 {
        (self.fraction() * 100.0).round() as u32
    }

    pub fn add(&mut self, correct: bool) {
        self.total += 1;
        self.correct += usize::from(correct);
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct TaskScore {
    pub id: String,
    pub title: String,
    pub tally: Tally,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TopicScore {
    pub id: String,
    pub title: String,
    pub task: String,
    pub tally: Tally,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    pub tally: Tally,
    pub scaled: i64,
    pub scoring: Scoring,
    pub passed: bool,
    /// Every task statement of the exam that had questions, in exam order.
    pub tasks: Vec<TaskScore>,
    /// Every topic that had questions, in exam order.
    pub topics: Vec<TopicScore>,
    /// The official exam guide's task statements that had questions, in guide order (empty
    /// when the bank declares no blueprint). A question serving two counts toward both.
    pub blueprint: Vec<TaskScore>,
    pub time_used: TimeDelta,
    pub time_allowed: Option<TimeDelta>,
    pub seed: u64,
}

impl Results {
    /// Topics with a miss, the lowest share correct first (more questions missed breaks ties).
    pub fn weakest_topics(&self, count: usize) -> Vec<&TopicScore> {
        let mut topics: Vec<&TopicScore> = self
            .topics
            .iter()
            .filter(|t| t.tally.correct < t.tally.total)
            .collect();
        topics.sort_by(|a, b| {
            a.tally
                .fraction()
                .total_cmp(&b.tally.fraction())
                .then((b.tally.total - b.tally.correct).cmp(&(a.tally.total - a.tally.correct)))
        });
        topics.truncate(count);
        topics
    }

    /// The pass mark as a fraction correct, for drawing the pass line on per-task bars.
    /// "time used 42:10 of 60:00" (or without the allowance when untimed).
    pub fn time_text(&self) -> String {
        use super::timer::format_clock;
        match self.time_allowed {
            Some(allowed) => format!(
                "time used {} of {}",
                format_clock(self.time_used),
                format_clock(allowed)
            ),
            None => format!("time used {}", format_clock(self.time_used)),
        }
    }

    pub fn pass_fraction(&self) -> f64 {
        let Scoring { min, max, pass } = self.scoring;
        if max == min {
            return 1.0;
        }
        // In i128: the differences of two i64 values do not fit an i64.
        (i128::from(pass) - i128::from(min)) as f64 / (i128::from(max) - i128::from(min)) as f64
    }
}

/// `min + (max − min) × correct / total`, rounded to the nearest whole point (halves away
/// from zero). Worked in i128, so even scoring that validation would refuse cannot overflow.
pub fn scaled_score(scoring: Scoring, tally: Tally) -> i64 {
    let min = i128::from(scoring.min);
    let span = i128::from(scoring.max) - min;
    let (correct, total) = (tally.correct as i128, tally.total as i128);
    let gained = if total == 0 {
        0
    } else {
        match span.checked_mul(correct) {
            Some(product) => divide_rounded(product, total),
            // Only for counts beyond any session: the share as a float is close enough.
            None => (span as f64 * tally.fraction()).round() as i128,
        }
    };
    let scaled = min + gained;
    i64::try_from(scaled).unwrap_or(if scaled < 0 { i64::MIN } else { i64::MAX })
}

/// `numerator / denominator` rounded to the nearest whole number, halves away from zero;
/// `denominator` is positive.
fn divide_rounded(numerator: i128, denominator: i128) -> i128 {
    let quotient = numerator / denominator;
    let remainder = numerator % denominator;
    if remainder.abs() >= denominator - remainder.abs() {
        quotient + numerator.signum()
    } else {
        quotient
    }
}

pub fn score(session: &Session, exam: &Exam) -> Results {
    let mut tally = Tally::default();
    let mut tasks: Vec<TaskScore> = exam
        .tasks
        .iter()
        .map(|t| TaskScore {
            id: t.id.clone(),
            title: t.title.clone(),
            tally: Tally::default(),
        })
        .collect();
    let mut topics: Vec<TopicScore> = exam
        .tasks
        .iter()
        .flat_map(|task| {
            task.topics.iter().map(|topic| TopicScore {
                id: topic.id.clone(),
                title: topic.title.clone(),
                task: task.id.clone(),
                tally: Tally::default(),
            })
        })
        .collect();
    let mut blueprint: Vec<TaskScore> = exam
        .blueprint
        .iter()
        .map(|entry| TaskScore {
            id: entry.id.clone(),
            title: entry.title.clone(),
            tally: Tally::default(),
        })
        .collect();
    for (index, item) in session.items.iter().enumerate() {
        let correct = session.is_correct(index);
        tally.add(correct);
        for id in item.shown.question.blueprint.iter().flatten() {
            if let Some(entry) = blueprint.iter_mut().find(|e| &e.id == id) {
                entry.tally.add(correct);
            }
        }
        if let Some(task) = tasks.iter_mut().find(|t| t.id == item.shown.question.task) {
            task.tally.add(correct);
        }
        if let Some(topic) = topics
            .iter_mut()
            .find(|t| t.id == item.shown.question.topic)
        {
            topic.tally.add(correct);
        }
    }
    tasks.retain(|t| t.tally.total > 0);
    topics.retain(|t| t.tally.total > 0);
    blueprint.retain(|t| t.tally.total > 0);
    let scaled = scaled_score(exam.scoring, tally);
    Results {
        tally,
        scaled,
        scoring: exam.scoring,
        passed: scaled >= exam.scoring.pass,
        tasks,
        topics,
        blueprint,
        time_used: session.time_used(session.submitted_at.unwrap_or(session.started_at)),
        time_allowed: session.timer.map(|t| t.allowed),
        seed: session.seed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exam::assembly::{assemble, rng_from_seed};
    use chrono::{DateTime, TimeZone, Utc};

    fn at(seconds: i64) -> DateTime<Utc> {
        Utc.timestamp_opt(1_700_000_000 + seconds, 0).unwrap()
    }

    const SCORING: Scoring = Scoring {
        min: 100,
        max: 1000,
        pass: 720,
    };

    #[test]
    fn scaled_score_is_linear_and_rounded() {
        let tally = |correct, total| Tally { correct, total };
        assert_eq!(scaled_score(SCORING, tally(0, 30)), 100);
        assert_eq!(scaled_score(SCORING, tally(30, 30)), 1000);
        assert_eq!(scaled_score(SCORING, tally(21, 30)), 730);
        assert_eq!(scaled_score(SCORING, tally(1, 3)), 400);
        assert_eq!(scaled_score(SCORING, tally(0, 0)), 100);
    }

    /// Extreme scoring (refused by validation, but a bank may come from elsewhere) gives
    /// a score between min and max, never a wrapped one.
    #[test]
    fn scaled_score_cannot_overflow_at_the_extremes() {
        let widest = Scoring {
            min: i64::MIN,
            max: i64::MAX,
            pass: 0,
        };
        let tally = |correct, total| Tally { correct, total };
        assert_eq!(scaled_score(widest, tally(0, 4)), i64::MIN);
        assert_eq!(scaled_score(widest, tally(1, 4)), -(1 << 62));
        assert_eq!(scaled_score(widest, tally(2, 4)), 0);
        assert_eq!(scaled_score(widest, tally(4, 4)), i64::MAX);
        assert_eq!(
            scaled_score(widest, tally(usize::MAX, usize::MAX)),
            i64::MAX
        );
        let upside_down = Scoring {
            min: i64::MAX,
            max: i64::MIN,
            pass: 0,
        };
        assert_eq!(scaled_score(upside_down, tally(4, 4)), i64::MIN);
        assert_eq!(scaled_score(upside_down, tally(3, 4)), -(1 << 62));
        let results = Results {
            tally: tally(1, 4),
            scaled: 0,
            scoring: widest,
            passed: false,
            tasks: Vec::new(),
            topics: Vec::new(),
            blueprint: Vec::new(),
            time_used: TimeDelta::zero(),
            time_allowed: None,
            seed: 0,
        };
        assert!((results.pass_fraction() - 0.5).abs() < 1e-9);
    }

    fn answered(answer_right: impl Fn(usize) -> bool) -> (Session, Exam) {
        let bank = crate::bank::load_dir(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid"),
        )
        .unwrap();
        let items = assemble(&bank, 4, &mut rng_from_seed(5));
        let mut session = Session::new(items, 5, at(0), Some(TimeDelta::minutes(10)));
        for index in 0..session.len() {
            session.go_to(index, at(index as i64));
            if answer_right(index) {
                for position in session.current_item().correct_positions() {
                    session.toggle_option(position).unwrap();
                }
            } else {
                let wrong = (0..session.current_item().option_count())
                    .find(|p| !session.current_item().correct_positions().contains(p))
                    .unwrap();
                session.toggle_option(wrong).unwrap();
            }
        }
        session.submit(at(120));
        (session, bank.exam)
    }

    #[test]
    fn all_right_passes_with_the_maximum() {
        let (session, exam) = answered(|_| true);
        let results = score(&session, &exam);
        assert_eq!(
            results.tally,
            Tally {
                correct: 4,
                total: 4
            }
        );
        assert_eq!(results.scaled, 1000);
        assert!(results.passed);
        assert_eq!(results.time_used, TimeDelta::seconds(120));
        assert_eq!(results.time_allowed, Some(TimeDelta::minutes(10)));
    }

    #[test]
    fn breakdown_per_task_and_topic_and_weakest_topics() {
        let (session, exam) = answered(|_| false);
        let results = score(&session, &exam);
        assert_eq!(results.scaled, 100);
        assert!(!results.passed);
        let tasks: Vec<(&str, Tally)> = results
            .tasks
            .iter()
            .map(|t| (t.id.as_str(), t.tally))
            .collect();
        assert_eq!(
            tasks,
            vec![
                (
                    "1.1",
                    Tally {
                        correct: 0,
                        total: 2
                    }
                ),
                (
                    "1.2",
                    Tally {
                        correct: 0,
                        total: 2
                    }
                )
            ]
        );
        // gamma has two misses, so it is the weakest of the all-wrong topics.
        assert_eq!(results.weakest_topics(3)[0].id, "gamma");
        assert_eq!(results.weakest_topics(3).len(), 3);
        assert!((results.pass_fraction() - 600.0 / 900.0).abs() < 1e-9);
    }

    #[test]
    fn unanswered_counts_wrong_and_partial_multi_response_scores_nothing() {
        let bank = crate::bank::load_dir(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid"),
        )
        .unwrap();
        let items = assemble(&bank, 4, &mut rng_from_seed(5));
        let mut session = Session::new(items, 5, at(0), None);
        let multi = session
            .items
            .iter()
            .position(|i| i.shown.choose() == 2)
            .unwrap();
        session.go_to(multi, at(0));
        let first_correct = *session.current_item().correct_positions().first().unwrap();
        session.toggle_option(first_correct).unwrap();
        session.submit(at(10));
        let results = score(&session, &bank.exam);
        assert_eq!(
            results.tally,
            Tally {
                correct: 0,
                total: 4
            }
        );
        assert_eq!(results.time_allowed, None);
    }
}
