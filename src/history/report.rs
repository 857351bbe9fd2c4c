//! The stats summary as plain lines of text: printed by `certsim stats` and drawn at the top
//! of the History screen, so the two always agree.

use super::analytics::{Analytics, WEAK_SERVICE_MIN_EVIDENCE};
use super::readiness::{MIN_PER_TASK, Readiness, format_probability};
use super::record::{Attempt, Mode};
use super::stats::Stats;

/// How many weakest topics the summary names.
pub const WEAKEST_SHOWN: usize = 3;

/// One line on the readiness estimate, saying exactly what it estimates and what it rests on.
pub fn readiness_line(readiness: &Readiness) -> String {
    match readiness {
        Readiness::Estimate {
            probability,
            low,
            high,
            evidence_answers,
            tasks,
        } => format!(
            "Readiness: P(passing a full {}-question mock exam of this bank) {} (80%: {} to {}), {evidence_answers} evidence answers",
            tasks.iter().map(|t| t.questions).sum::<usize>(),
            format_probability(*probability),
            format_probability(*low),
            format_probability(*high)
        ),
        Readiness::NotEnoughData {
            evidence_answers,
            needed,
            short_tasks,
            more_needed,
        } => {
            let mut line = format!(
                "Readiness: not enough data ({evidence_answers} of {needed} evidence answers; {more_needed} more needed"
            );
            if !short_tasks.is_empty() {
                line.push_str(&format!(
                    ", {MIN_PER_TASK} in each of task {}",
                    short_tasks.join(", ")
                ));
            }
            line.push(')');
            line
        }
    }
}

/// How long until `then`, in the largest whole unit: "in 2 days", "in 5 hours", "in 1
/// minute"; "now" once it has come.
pub fn time_until(
    now: chrono::DateTime<chrono::Utc>,
    then: chrono::DateTime<chrono::Utc>,
) -> String {
    let left = then - now;
    let (count, unit) = if left.num_days() >= 1 {
        (left.num_days(), "day")
    } else if left.num_hours() >= 1 {
        (left.num_hours(), "hour")
    } else if left.num_minutes() >= 1 {
        (left.num_minutes(), "minute")
    } else {
        return "now".to_string();
    };
    format!("in {count} {unit}{}", if count == 1 { "" } else { "s" })
}

/// The summary: mastery, readiness, accuracy per task statement, weakest topics.
pub fn summary_lines(stats: &Stats) -> Vec<String> {
    let mastery = &stats.mastery;
    let mut lines = vec![
        format!(
            "{} attempt{}, {} answers · questions: {} mastered, {} learning, {} unseen · review: {} missed, {} due now",
            stats.attempts,
            if stats.attempts == 1 { "" } else { "s" },
            stats.answers,
            mastery.mastered,
            mastery.learning,
            mastery.never_seen,
            mastery.in_review,
            mastery.due
        ),
        readiness_line(&stats.readiness),
    ];
    for task in &stats.tasks {
        let recent = if task.recent.total == 0 {
            "none".to_string()
        } else {
            format!("{}% of {}", task.recent.percent(), task.recent.total)
        };
        let all = if task.all.total == 0 {
            "no answers yet".to_string()
        } else {
            format!("{}% of {}", task.all.percent(), task.all.total)
        };
        lines.push(format!(
            "Task {:<4} all: {all:<14} last 5 attempts: {recent}",
            task.id
        ));
    }
    let official: Vec<String> = stats
        .blueprint
        .iter()
        .filter(|b| b.tally.total > 0)
        .map(|b| format!("{} {}% of {}", b.id, b.tally.percent(), b.tally.total))
        .collect();
    if !official.is_empty() {
        lines.push(format!("Official guide: {}", official.join(" · ")));
    }
    let weakest: Vec<String> = stats
        .weakest_topics
        .iter()
        .take(WEAKEST_SHOWN)
        .map(|t| {
            format!(
                "{} {}% ({}/{})",
                t.title,
                t.tally.percent(),
                t.tally.correct,
                t.tally.total
            )
        })
        .collect();
    lines.push(if weakest.is_empty() {
        "Weakest topics: none yet (a topic needs 2 answers)".to_string()
    } else {
        format!("Weakest topics: {}", weakest.join(" · "))
    });
    lines
}

/// Where times are shown: history keeps UTC; people read their own clock. Passed in (the
/// app uses `Local`, tests `Utc`) so what is printed never depends on the machine running
/// a test.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Zone {
    #[default]
    Utc,
    /// The machine's local time zone, daylight saving included.
    Local,
}

impl Zone {
    /// `at` on this zone's clock, in `format` (chrono's strftime).
    pub fn format(self, at: chrono::DateTime<chrono::Utc>, format: &str) -> String {
        match self {
            Zone::Utc => at.format(format).to_string(),
            Zone::Local => at.with_timezone(&chrono::Local).format(format).to_string(),
        }
    }

    /// How the zone is named beside a time.
    pub fn label(self) -> &'static str {
        match self {
            Zone::Utc => "UTC",
            Zone::Local => "local",
        }
    }
}

/// The header of the attempts table, aligned with `attempt_row`.
pub fn attempt_header(zone: Zone) -> String {
    format!(
        "{:<16}  {:<9}  {:<12}  {:>5}{:8}  {:<9} {:>7}",
        format!("started ({})", zone.label()),
        "mode",
        "scope",
        "right",
        "",
        "score",
        "time"
    )
}

/// The columns of the narrow table (under 80 columns): no year, no scope.
pub fn attempt_header_narrow(_zone: Zone) -> String {
    format!(
        "{:<11}  {:<6}  {:>5}{:8}  {:<9} {:>7}",
        "started", "mode", "right", "", "score", "time"
    )
}

/// One attempt as a row of the narrow table, aligned with `attempt_header_narrow`.
pub fn attempt_row_narrow(attempt: &Attempt, zone: Zone) -> String {
    let tally = attempt.tally();
    let mode = match attempt.mode {
        Mode::Mock => "Mock",
        Mode::Drill => "Drill",
        Mode::Review => "Review",
    };
    let verdict = match (attempt.scaled, attempt.passed) {
        (Some(scaled), Some(true)) => format!("{scaled} PASS"),
        (Some(scaled), _) => format!("{scaled} FAIL"),
        _ => String::new(),
    };
    format!(
        "{}  {mode:<6}  {:>3}/{:<3} {:>4}%  {verdict:<9} {:>7}",
        zone.format(attempt.started_at, "%m-%d %H:%M"),
        tally.correct,
        tally.total,
        tally.percent(),
        crate::exam::timer::format_clock(attempt.duration())
    )
}

/// One attempt as a table row: date, mode, scope, right, score and verdict, duration.
pub fn attempt_row(attempt: &Attempt, zone: Zone) -> String {
    let tally = attempt.tally();
    let scope = match (&attempt.task, &attempt.topic) {
        (Some(task), Some(topic)) => format!("{task} {topic}"),
        (Some(task), None) => task.clone(),
        _ => "all".to_string(),
    };
    let verdict = match (attempt.scaled, attempt.passed) {
        (Some(scaled), Some(true)) => format!("{scaled} PASS"),
        (Some(scaled), _) => format!("{scaled} FAIL"),
        _ => String::new(),
    };
    let seconds = attempt.duration().num_seconds().max(0);
    format!(
        "{}  {:<9}  {}  {:>3}/{:<3} {:>4}%  {:<9} {:>7}",
        zone.format(attempt.started_at, "%Y-%m-%d %H:%M"),
        attempt.mode.title(),
        crate::width::fit(&scope, 12),
        tally.correct,
        tally.total,
        tally.percent(),
        verdict,
        crate::exam::timer::format_clock(chrono::TimeDelta::seconds(seconds))
    )
}

fn share(tally: crate::exam::Tally) -> String {
    format!("{}% ({}/{})", tally.percent(), tally.correct, tally.total)
}

/// By service, by qualifier and pace, as lines: printed by `certsim stats` and drawn on the
/// History screen's analytics pane.
pub fn analytics_lines(analytics: &Analytics) -> Vec<String> {
    let weakest = analytics.weakest_services();
    let services = if weakest.is_empty() {
        format!(
            "Weakest services: none yet (a service needs {WEAK_SERVICE_MIN_EVIDENCE} evidence answers)"
        )
    } else {
        let listed: Vec<String> = weakest
            .iter()
            .map(|s| format!("{} {}", s.name, share(s.evidence)))
            .collect();
        format!(
            "Weakest services (evidence answers): {}",
            listed.join(" · ")
        )
    };
    let by_service: Vec<String> = analytics
        .services
        .iter()
        .filter(|s| s.all.total > 0)
        .map(|s| format!("{} {}", s.name, share(s.all)))
        .collect();
    let all_services = if by_service.is_empty() {
        "By service: no answers yet".to_string()
    } else {
        format!("By service: {}", by_service.join(" · "))
    };
    let answered: Vec<String> = analytics
        .qualifiers
        .iter()
        .filter(|q| q.all.total > 0)
        .map(|q| format!("{} {}", q.name, share(q.all)))
        .collect();
    let qualifiers = if answered.is_empty() {
        "By qualifier: no answers yet to a prompt that asks for LEAST, MOST…".to_string()
    } else {
        format!("By qualifier: {}", answered.join(" · "))
    };
    let pace: Vec<String> = analytics
        .pace
        .iter()
        .map(|p| match p.median_seconds {
            Some(seconds) => format!(
                "{} {}",
                p.task,
                crate::exam::timer::format_clock(chrono::TimeDelta::seconds(seconds as i64))
            ),
            None => format!("{} no timed answers yet", p.task),
        })
        .collect();
    let exam_pace = crate::exam::timer::format_clock(chrono::TimeDelta::seconds(
        analytics.exam_pace_seconds.round() as i64,
    ));
    vec![
        services,
        all_services,
        qualifiers,
        format!(
            "Pace, median per question (the exam allows {exam_pace}): {}",
            pace.join(" · ")
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exam::Tally;
    use crate::history::readiness::TaskReadiness;

    #[test]
    fn the_readiness_line_says_what_it_estimates_and_never_claims_certainty() {
        let task = |id: &str, questions| TaskReadiness {
            id: id.into(),
            questions,
            recent: Tally {
                correct: 50,
                total: 50,
            },
        };
        let line = readiness_line(&Readiness::Estimate {
            probability: 0.9991,
            low: 0.97,
            high: 1.0,
            evidence_answers: 100,
            tasks: vec![task("1", 33), task("2", 32)],
        });
        assert_eq!(
            line,
            "Readiness: P(passing a full 65-question mock exam of this bank) > 99% (80%: 97% to > 99%), 100 evidence answers"
        );
    }

    #[test]
    fn time_until_says_the_largest_whole_unit() {
        let now = chrono::DateTime::UNIX_EPOCH;
        let later = |seconds| now + chrono::TimeDelta::seconds(seconds);
        assert_eq!(time_until(now, later(2 * 86_400 + 5)), "in 2 days");
        assert_eq!(time_until(now, later(3_600)), "in 1 hour");
        assert_eq!(time_until(now, later(150)), "in 2 minutes");
        assert_eq!(time_until(now, later(30)), "now");
    }
}
