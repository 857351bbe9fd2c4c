//! The exam date and today's plan. The date is kept in the data directory as `plan.toml`
//! (`exam_date = "YYYY-MM-DD"`); today's plan is the review questions due now plus the new
//! questions a day that would show every question at least once before the exam, drawn
//! from the weakest task statement first.

use std::path::PathBuf;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::mastery::{Mastery, MasteryState};
use super::stats::Stats;
use super::store::HistoryError;
use crate::bank::Bank;

pub const PLAN_FILE: &str = "plan.toml";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PlanFile {
    exam_date: String,
}

/// Where the exam date is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanStore {
    dir: PathBuf,
}

impl PlanStore {
    pub fn new(dir: impl Into<PathBuf>) -> PlanStore {
        PlanStore { dir: dir.into() }
    }

    pub fn path(&self) -> PathBuf {
        self.dir.join(PLAN_FILE)
    }

    /// The exam date, if one is set. A file that cannot be read is an error naming it,
    /// with the line and key at fault.
    pub fn load(&self) -> Result<Option<NaiveDate>, String> {
        let path = self.path();
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(error) => return Err(format!("cannot read {}: {error}", path.display())),
        };
        let file: PlanFile = toml::from_str(&text).map_err(|error| {
            let line = error.span().map(|span| {
                text.as_bytes()[..span.start.min(text.len())]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count()
                    + 1
            });
            let at = line.map_or_else(String::new, |line| format!(":{line}"));
            format!(
                "{}{at}: {}; it should hold one line: exam_date = \"YYYY-MM-DD\"",
                path.display(),
                error.message()
            )
        })?;
        parse_date(&file.exam_date)
            .map(Some)
            .map_err(|problem| format!("{}: exam_date: {problem}", path.display()))
    }

    /// Keeps `date` as the exam date (written whole, then renamed into place).
    pub fn save(&self, date: NaiveDate) -> Result<(), HistoryError> {
        let text = format!("exam_date = \"{}\"\n", date.format("%Y-%m-%d"));
        super::autosave::replace_file(&self.dir, PLAN_FILE, text.as_bytes())
    }

    /// Forgets the exam date.
    pub fn clear(&self) -> Result<(), HistoryError> {
        match std::fs::remove_file(self.path()) {
            Err(source) if source.kind() != std::io::ErrorKind::NotFound => Err(HistoryError {
                path: self.path(),
                action: "remove",
                source,
            }),
            _ => Ok(()),
        }
    }
}

/// `YYYY-MM-DD`, or what is wrong with it.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("{text:?} is not a date as YYYY-MM-DD (for example 2026-12-20)"))
}

/// What to do today.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// Whole days from today to the exam date (0 on the day; negative once past).
    pub days_left: Option<i64>,
    /// Questions of the review pool due now.
    pub due_reviews: usize,
    /// Questions never answered.
    pub unseen: usize,
    /// New questions today so that every question is seen before the exam day (None
    /// without an exam date).
    pub new_today: Option<usize>,
    /// Task statements to take new questions from, weakest first (lowest evidence
    /// accuracy; one with no evidence yet comes first of all).
    pub focus: Vec<String>,
}

impl Plan {
    pub fn today(
        bank: &Bank,
        mastery: &Mastery,
        stats: &Stats,
        exam_date: Option<NaiveDate>,
    ) -> Plan {
        let today = mastery.schedule().now.date_naive();
        let days_left = exam_date.map(|date| (date - today).num_days());
        let unseen = bank
            .questions
            .iter()
            .filter(|q| mastery.state(&q.id) == MasteryState::NeverSeen)
            .count();
        // Days left before the exam day itself; on the day, whatever is left.
        let new_today = days_left.map(|days| unseen.div_ceil(days.max(1) as usize));
        let mut tasks: Vec<(&str, Option<f64>, usize)> = stats
            .tasks
            .iter()
            .map(|t| {
                let unseen_here = bank
                    .questions
                    .iter()
                    .filter(|q| q.task == t.id && mastery.state(&q.id) == MasteryState::NeverSeen)
                    .count();
                let accuracy = (t.evidence.total > 0).then(|| t.evidence.fraction());
                (t.id.as_str(), accuracy, unseen_here)
            })
            .filter(|&(_, _, unseen_here)| unseen_here > 0)
            .collect();
        tasks.sort_by(|a, b| {
            let key = |accuracy: Option<f64>| accuracy.unwrap_or(-1.0);
            key(a.1).total_cmp(&key(b.1))
        });
        Plan {
            days_left,
            due_reviews: mastery.counts(bank, None).due,
            unseen,
            new_today,
            focus: tasks.into_iter().map(|(id, _, _)| id.to_string()).collect(),
        }
    }

    /// Questions in today's session: the due reviews and today's new questions (10 new
    /// without an exam date).
    pub fn size(&self) -> usize {
        self.due_reviews + self.new_today.unwrap_or(DEFAULT_NEW).min(self.unseen)
    }

    /// The plan in one line.
    pub fn line(&self) -> String {
        let reviews = match self.due_reviews {
            1 => "1 review due".to_string(),
            n => format!("{n} reviews due"),
        };
        let focus = self
            .focus
            .first()
            .map_or_else(String::new, |task| format!(", from task {task} first"));
        match (self.days_left, self.new_today) {
            (Some(days), _) if days < 0 => {
                format!("The exam date has passed: {reviews}. Set a new one with certsim plan")
            }
            (Some(0), Some(new)) => format!("Exam today: {reviews}, {new} questions never seen"),
            (Some(days), Some(new)) => format!(
                "{days} day{} to the exam. Today: {reviews}, {new} new question{}{focus}",
                if days == 1 { "" } else { "s" },
                if new == 1 { "" } else { "s" }
            ),
            _ => format!(
                "Today: {reviews}, {} new question{}{focus} (set an exam date to plan the rest)",
                DEFAULT_NEW.min(self.unseen),
                if DEFAULT_NEW.min(self.unseen) == 1 {
                    ""
                } else {
                    "s"
                }
            ),
        }
    }
}

/// New questions a day without an exam date.
pub const DEFAULT_NEW: usize = 10;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::mastery::Schedule;
    use crate::history::record::Mode;
    use crate::history::test_support::{Scratch, at, attempt, fixture_bank};

    #[test]
    fn the_date_is_kept_read_and_cleared() {
        let scratch = Scratch::new("plan-store");
        let store = PlanStore::new(&scratch.0);
        assert_eq!(store.load(), Ok(None));
        let date = parse_date("2026-12-20").unwrap();
        store.save(date).unwrap();
        assert_eq!(store.load(), Ok(Some(date)));
        store.clear().unwrap();
        store.clear().unwrap();
        assert_eq!(store.load(), Ok(None));
    }

    #[test]
    fn a_bad_file_names_the_file_the_line_and_the_key() {
        let scratch = Scratch::new("plan-bad");
        std::fs::create_dir_all(&scratch.0).unwrap();
        let store = PlanStore::new(&scratch.0);
        std::fs::write(store.path(), "\nexam_date = \"20 Dec\"\n").unwrap();
        let error = store.load().unwrap_err();
        assert!(
            error.contains("plan.toml: exam_date: \"20 Dec\" is not a date"),
            "{error}"
        );
        std::fs::write(store.path(), "\nexam_day = \"2026-12-20\"\n").unwrap();
        let error = store.load().unwrap_err();
        assert!(
            error.contains("plan.toml:2: unknown field `exam_day`"),
            "{error}"
        );
    }

    #[test]
    fn the_plan_spreads_unseen_questions_over_the_days_left_weakest_task_first() {
        let bank = fixture_bank();
        // q-alpha-1 (task 1.1) missed, q-gamma-1 (task 1.2) right: two unseen remain, one
        // in each task; task 1.1 is the weaker.
        let history = vec![attempt(
            Mode::Mock,
            1_000,
            &[("q-alpha-1", false), ("q-gamma-1", true)],
        )];
        let schedule = Schedule::at(at(1_000 + 2 * 86_400));
        let mastery = Mastery::compute(&bank, &history, schedule);
        let stats = Stats::compute_with(&bank, &history, &mastery);
        let exam = schedule.now.date_naive() + chrono::TimeDelta::days(2);
        let plan = Plan::today(&bank, &mastery, &stats, Some(exam));
        assert_eq!(plan.days_left, Some(2));
        assert_eq!((plan.unseen, plan.new_today), (2, Some(1)));
        assert_eq!(plan.due_reviews, 1, "the miss two days ago is due");
        assert_eq!(plan.focus, ["1.1", "1.2"]);
        assert_eq!(plan.size(), 2);
        assert_eq!(
            plan.line(),
            "2 days to the exam. Today: 1 review due, 1 new question, from task 1.1 first"
        );
        let none = Plan::today(&bank, &mastery, &stats, None);
        assert_eq!(none.new_today, None);
        assert!(none.line().contains("set an exam date"), "{}", none.line());
    }
}
