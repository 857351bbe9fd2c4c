//! The exam clock: a deadline, never a decremented counter, so a slow frame or a
//! suspended process can never make the exam longer than allowed.

use chrono::{DateTime, TimeDelta, Utc};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timer {
    pub allowed: TimeDelta,
    pub deadline: DateTime<Utc>,
}

impl Timer {
    pub fn start(now: DateTime<Utc>, allowed: TimeDelta) -> Timer {
        Timer {
            allowed,
            deadline: now + allowed,
        }
    }

    /// Time left, never negative.
    pub fn remaining(&self, now: DateTime<Utc>) -> TimeDelta {
        (self.deadline - now).max(TimeDelta::zero())
    }

    pub fn is_expired(&self, now: DateTime<Utc>) -> bool {
        now >= self.deadline
    }

    /// The share of the allowed time still left, from 1.0 down to 0.0.
    pub fn fraction_left(&self, now: DateTime<Utc>) -> f64 {
        let allowed = self.allowed.num_milliseconds();
        if allowed <= 0 {
            return 0.0;
        }
        (self.remaining(now).num_milliseconds() as f64 / allowed as f64).clamp(0.0, 1.0)
    }
}

/// Minutes-remaining marks at which the exam warns the user.
pub const WARNING_MINUTES: [i64; 3] = [10, 5, 1];

/// How long the 10- and 5-minute warnings stay up; the last-minute one stays to the end.
const WARNING_SECONDS: i64 = 30;

impl Timer {
    /// The warning due now, as minutes remaining: 10 and 5 show for a while after the mark is
    /// passed, 1 stays up to the end. Marks at or above the whole exam's length never show.
    pub fn warning(&self, now: DateTime<Utc>) -> Option<i64> {
        let remaining = self.remaining(now);
        WARNING_MINUTES.iter().rev().copied().find(|&minutes| {
            let mark = TimeDelta::minutes(minutes);
            self.allowed > mark
                && remaining <= mark
                && (minutes == 1 || remaining > mark - TimeDelta::seconds(WARNING_SECONDS))
        })
    }
}

/// `m:ss`, or `h:mm:ss` from an hour up: the one way certsim writes a duration.
pub fn format_clock(duration: TimeDelta) -> String {
    let seconds = duration.num_seconds().max(0);
    let (hours, minutes, seconds) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if hours > 0 {
        format!("{hours}:{minutes:02}:{seconds:02}")
    } else {
        format!("{minutes}:{seconds:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(seconds: i64) -> DateTime<Utc> {
        Utc.timestamp_opt(1_700_000_000 + seconds, 0).unwrap()
    }

    #[test]
    fn remaining_is_deadline_minus_now_and_never_negative() {
        let timer = Timer::start(at(0), TimeDelta::minutes(60));
        assert_eq!(timer.remaining(at(0)), TimeDelta::minutes(60));
        assert_eq!(timer.remaining(at(90)), TimeDelta::seconds(3510));
        assert!(!timer.is_expired(at(3599)));
        assert!(timer.is_expired(at(3600)));
        assert_eq!(timer.remaining(at(5000)), TimeDelta::zero());
        assert!((timer.fraction_left(at(1800)) - 0.5).abs() < 1e-9);
    }

    #[test]
    fn warnings_at_ten_five_and_one_minute() {
        let timer = Timer::start(at(0), TimeDelta::minutes(60));
        let left = |seconds: i64| timer.warning(at(3600 - seconds));
        assert_eq!(left(601), None);
        assert_eq!(left(600), Some(10));
        assert_eq!(left(571), Some(10));
        assert_eq!(left(570), None);
        assert_eq!(left(300), Some(5));
        assert_eq!(left(200), None);
        assert_eq!(left(60), Some(1));
        assert_eq!(left(1), Some(1));
        let short = Timer::start(at(0), TimeDelta::minutes(5));
        assert_eq!(
            short.warning(at(0)),
            None,
            "a 5-minute exam starts without a 5-minute warning"
        );
        assert_eq!(short.warning(at(240)), Some(1));
    }

    #[test]
    fn clock_format() {
        assert_eq!(format_clock(TimeDelta::seconds(59)), "0:59");
        assert_eq!(format_clock(TimeDelta::seconds(600)), "10:00");
        assert_eq!(format_clock(TimeDelta::seconds(3661)), "1:01:01");
        assert_eq!(format_clock(TimeDelta::seconds(-5)), "0:00");
        assert_eq!(format_clock(TimeDelta::seconds(103)), "1:43");
    }
}
