//! Analytics beyond accuracy per task statement: by AWS service (each question's
//! `services`), by the qualifier the prompt asks for in capitals (LEAST operational
//! overhead, MOST cost-effective…), pace per task statement against the exam's, and each
//! task statement's accuracy over time. Only attempts on this exam, only questions still
//! in the bank.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::chronological;
use super::mastery::pace_seconds;
use super::readiness::evidence_answers;
use super::record::Attempt;
use crate::bank::{Bank, Question};
use crate::exam::Tally;

/// Evidence answers a service needs before it can be called weak.
pub const WEAK_SERVICE_MIN_EVIDENCE: usize = 5;
/// Services named as the weakest.
pub const WEAKEST_SERVICES: usize = 5;
/// The answers each point of a trend line averages (the task's latest, at that attempt).
pub const TREND_WINDOW: usize = 20;

/// Accuracy of one group of questions (a service, a qualifier).
#[derive(Debug, Clone, PartialEq)]
pub struct GroupAccuracy {
    pub name: String,
    /// Every answer.
    pub all: Tally,
    /// Evidence answers only (see `readiness`).
    pub evidence: Tally,
}

/// One task statement's pace: the median seconds an answer took, against the exam's.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskPace {
    pub task: String,
    /// None before any timed answer.
    pub median_seconds: Option<u64>,
    pub answers: usize,
}

/// One task statement's accuracy over time: after each attempt that answered it, the share
/// right of its latest `TREND_WINDOW` answers.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskTrend {
    pub task: String,
    pub points: Vec<TrendPoint>,
}

/// (index of the attempt among this bank's attempts, oldest 0; when it ended; share right).
pub type TrendPoint = (usize, DateTime<Utc>, f64);

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Analytics {
    /// Every service named by a question of the bank, by name.
    pub services: Vec<GroupAccuracy>,
    /// Every qualifier found in a prompt, by name.
    pub qualifiers: Vec<GroupAccuracy>,
    /// Every task statement, in exam order.
    pub pace: Vec<TaskPace>,
    /// `minutes · 60 / questions` of a full mock exam.
    pub exam_pace_seconds: f64,
    pub trend: Vec<TaskTrend>,
}

impl Analytics {
    pub fn compute(bank: &Bank, history: &[Attempt]) -> Analytics {
        let attempts = chronological(bank, history);
        let by_id: BTreeMap<&str, &Question> =
            bank.questions.iter().map(|q| (q.id.as_str(), q)).collect();
        let mut services: BTreeMap<&str, GroupAccuracy> = BTreeMap::new();
        for question in &bank.questions {
            for service in &question.services {
                services
                    .entry(service.as_str())
                    .or_insert_with(|| group(service));
            }
        }
        let mut qualifiers: BTreeMap<String, GroupAccuracy> = BTreeMap::new();
        let mut seconds: BTreeMap<&str, Vec<u64>> = BTreeMap::new();
        let mut trend_answers: BTreeMap<&str, Vec<bool>> = BTreeMap::new();
        let mut trend: BTreeMap<&str, Vec<TrendPoint>> = BTreeMap::new();
        for (index, attempt) in attempts.iter().enumerate() {
            let mut touched: Vec<&str> = Vec::new();
            for answer in &attempt.answers {
                let Some(question) = by_id.get(answer.question.as_str()) else {
                    continue;
                };
                for service in &question.services {
                    if let Some(entry) = services.get_mut(service.as_str()) {
                        entry.all.add(answer.correct);
                    }
                }
                if let Some(name) = qualifier(&question.prompt) {
                    qualifiers
                        .entry(name.clone())
                        .or_insert_with(|| group(&name))
                        .all
                        .add(answer.correct);
                }
                if answer.seconds > 0 {
                    seconds
                        .entry(question.task.as_str())
                        .or_default()
                        .push(answer.seconds);
                }
                trend_answers
                    .entry(question.task.as_str())
                    .or_default()
                    .push(answer.correct);
                if !touched.contains(&question.task.as_str()) {
                    touched.push(question.task.as_str());
                }
            }
            for task in touched {
                let answers = &trend_answers[task];
                let window = &answers[answers.len().saturating_sub(TREND_WINDOW)..];
                let share = window.iter().filter(|&&r| r).count() as f64 / window.len() as f64;
                trend
                    .entry(task)
                    .or_default()
                    .push((index, attempt.ended_at, share));
            }
        }
        for (question, right) in evidence_answers(bank, history) {
            for service in &question.services {
                if let Some(entry) = services.get_mut(service.as_str()) {
                    entry.evidence.add(right);
                }
            }
            if let Some(entry) = qualifier(&question.prompt).and_then(|q| qualifiers.get_mut(&q)) {
                entry.evidence.add(right);
            }
        }
        let pace = bank
            .exam
            .tasks
            .iter()
            .map(|task| {
                let mut times = seconds.remove(task.id.as_str()).unwrap_or_default();
                times.sort_unstable();
                TaskPace {
                    task: task.id.clone(),
                    median_seconds: (!times.is_empty()).then(|| times[times.len() / 2]),
                    answers: times.len(),
                }
            })
            .collect();
        let trend = bank
            .exam
            .tasks
            .iter()
            .filter_map(|task| {
                let points = trend.remove(task.id.as_str())?;
                Some(TaskTrend {
                    task: task.id.clone(),
                    points,
                })
            })
            .collect();
        Analytics {
            services: services.into_values().collect(),
            qualifiers: qualifiers.into_values().collect(),
            pace,
            exam_pace_seconds: pace_seconds(bank),
            trend,
        }
    }

    /// The weakest services by evidence accuracy, among those with enough evidence.
    pub fn weakest_services(&self) -> Vec<&GroupAccuracy> {
        let mut weak: Vec<&GroupAccuracy> = self
            .services
            .iter()
            .filter(|s| s.evidence.total >= WEAK_SERVICE_MIN_EVIDENCE)
            .collect();
        weak.sort_by(|a, b| a.evidence.fraction().total_cmp(&b.evidence.fraction()));
        weak.truncate(WEAKEST_SERVICES);
        weak
    }
}

fn group(name: &str) -> GroupAccuracy {
    GroupAccuracy {
        name: name.to_string(),
        all: Tally::default(),
        evidence: Tally::default(),
    }
}

/// The qualifier a prompt asks for in capitals, grouped by what it is about: "LEAST
/// operational overhead", "MOST cost-effective", "LEAST latency", "MOST likely cause";
/// another capitalised LEAST/MOST/… is named by its word. None when there is none.
pub fn qualifier(prompt: &str) -> Option<String> {
    const WORDS: [&str; 7] = [
        "LEAST", "MOST", "FEWEST", "LOWEST", "HIGHEST", "FASTEST", "BEST",
    ];
    let words: Vec<&str> = prompt.split_whitespace().collect();
    let at = words.iter().position(|word| {
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
        WORDS.contains(&bare)
    })?;
    let word = words[at].trim_matches(|c: char| !c.is_alphanumeric());
    let after = words[at + 1..words.len().min(at + 9)]
        .join(" ")
        .to_lowercase();
    let about = |keys: &[&str]| keys.iter().any(|key| after.contains(key));
    let name = if about(&[
        "overhead",
        "effort",
        "management",
        "custom code",
        "to manage",
    ]) {
        "LEAST operational overhead"
    } else if about(&["cost"]) || word == "LOWEST" {
        "MOST cost-effective"
    } else if word == "FASTEST" || about(&["latency", "time", "fast", "runtime", "quick"]) {
        "LEAST latency"
    } else if about(&["likely"]) {
        "MOST likely cause"
    } else {
        return Some(format!("{word} (other)"));
    };
    Some(name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::record::Mode;
    use crate::history::test_support::{attempt, fixture_bank};

    #[test]
    fn qualifiers_are_grouped_by_what_they_ask_for() {
        let q = |text: &str| qualifier(text);
        assert_eq!(
            q("Which solution meets these requirements with the LEAST operational overhead?")
                .as_deref(),
            Some("LEAST operational overhead")
        );
        assert_eq!(
            q("…with the LEAST effort?").as_deref(),
            Some("LEAST operational overhead")
        );
        assert_eq!(
            q("Which option is MOST cost-effective?").as_deref(),
            Some("MOST cost-effective")
        );
        assert_eq!(
            q("at the LOWEST additional cost?").as_deref(),
            Some("MOST cost-effective")
        );
        assert_eq!(
            q("What will MOST reduce the query latency?").as_deref(),
            Some("LEAST latency")
        );
        assert_eq!(
            q("What is the MOST likely cause?").as_deref(),
            Some("MOST likely cause")
        );
        assert_eq!(
            q("Which step is MOST secure?").as_deref(),
            Some("MOST (other)")
        );
        assert_eq!(q("Which two steps? (Choose TWO.)"), None);
        assert_eq!(q("Most people agree"), None, "only in capitals");
    }

    #[test]
    fn services_pace_and_trend_come_from_this_banks_answers() {
        let bank = fixture_bank();
        let history = vec![
            attempt(
                Mode::Mock,
                1_000,
                &[("q-alpha-1", false), ("q-gamma-1", true)],
            ),
            attempt(Mode::Drill, 2_000, &[("q-alpha-1", true)]),
        ];
        let analytics = Analytics::compute(&bank, &history);
        let names: Vec<&str> = analytics.services.iter().map(|s| s.name.as_str()).collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted, "by name");
        assert!(!names.is_empty(), "the fixture's questions name services");
        let alpha = bank.question("q-alpha-1").unwrap();
        let service = analytics
            .services
            .iter()
            .find(|s| s.name == alpha.services[0])
            .unwrap();
        assert!(service.all.total >= 2);
        assert!(service.evidence.total >= 1, "the first answer is evidence");
        assert!(
            service.evidence.total < service.all.total,
            "the re-answer minutes later is not"
        );
        let pace_1_1 = &analytics.pace[0];
        assert_eq!(
            (
                pace_1_1.task.as_str(),
                pace_1_1.median_seconds,
                pace_1_1.answers
            ),
            ("1.1", Some(10), 2)
        );
        assert_eq!(analytics.exam_pace_seconds, 150.0);
        let trend_1_1 = &analytics.trend[0];
        let shares: Vec<f64> = trend_1_1.points.iter().map(|p| p.2).collect();
        assert_eq!(shares, [0.0, 0.5]);
        assert!(
            analytics.weakest_services().is_empty(),
            "fewer than 5 evidence answers"
        );
    }
}
