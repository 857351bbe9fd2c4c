//! A session in a form that survives the process: question ids and option texts rather
//! than positions, so a resumed exam finds its questions even if the bank was edited, and
//! says which it could not find. Remaining time is stored, not the deadline: the clock does
//! not run while certsim is closed.

use std::collections::BTreeSet;

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use crate::bank::Bank;

use super::assembly::ExamItem;
use super::session::{Progress, Response, Session, SessionItem};
use super::timer::Timer;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedQuestion {
    pub id: String,
    /// Option (step, answer) texts in the order they were shown.
    pub options: Vec<String>,
    /// Shown positions chosen (choice), or placed in this order (ordering).
    pub chosen: Vec<usize>,
    /// Matching: for each prompt in bank order, the shown position matched to it. Absent in
    /// files written before matching questions existed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub matched: Vec<Option<usize>>,
    pub struck: Vec<usize>,
    pub flagged: bool,
    pub seconds: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedSession {
    pub bank_id: String,
    pub bank_hash: String,
    pub seed: u64,
    pub started_at: DateTime<Utc>,
    /// When the session first began (`Session::began_at`); absent in older files, where
    /// `started_at` stands in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub began_at: Option<DateTime<Utc>>,
    pub saved_at: DateTime<Utc>,
    /// Time the session had run when saved, in milliseconds.
    pub elapsed_ms: i64,
    pub allowed_seconds: Option<i64>,
    pub current: usize,
    pub questions: Vec<SavedQuestion>,
}

/// A session brought back, with what could not be brought back.
#[derive(Debug, Clone, PartialEq)]
pub struct Restored {
    pub session: Session,
    /// Ids of saved questions the bank no longer has; they were dropped.
    pub dropped: Vec<String>,
    /// Ids of questions whose options changed; answers to missing options were cleared.
    pub changed: Vec<String>,
    /// The bank's content differs from when the session began.
    pub bank_changed: bool,
}

impl SavedQuestion {
    /// How far it was answered, judged by the bank's question as an exam item would be; a
    /// question no longer in the bank counts as answered when anything was given.
    pub fn progress(&self, bank: &Bank) -> Progress {
        let given = if self.matched.is_empty() {
            self.chosen.len()
        } else {
            self.matched.iter().flatten().count()
        };
        let takes = bank.question(&self.id).map_or(1, |q| q.choose());
        if given == 0 {
            Progress::Unanswered
        } else if given < takes {
            Progress::Incomplete
        } else {
            Progress::Complete
        }
    }
}

/// The longest a saved session may have run, or any of its questions been looked at: ten
/// years. Larger values can only come from a damaged or forged file, and would overflow
/// the clock's arithmetic.
pub const MAX_SAVED_SECONDS: i64 = 10 * 366 * 24 * 60 * 60;

impl SavedSession {
    /// Why the file cannot be a session certsim wrote (a time out of any possible range),
    /// or `None` when every number is possible.
    pub fn impossible_value(&self) -> Option<String> {
        let in_range = |seconds: i64| (0..=MAX_SAVED_SECONDS).contains(&seconds);
        if !in_range(self.elapsed_ms / 1000) {
            return Some(format!("elapsed_ms {} is out of range", self.elapsed_ms));
        }
        if let Some(allowed) = self.allowed_seconds.filter(|&a| !in_range(a)) {
            return Some(format!("allowed_seconds {allowed} is out of range"));
        }
        self.questions
            .iter()
            .find(|q| !in_range(q.seconds))
            .map(|q| format!("question {}: seconds {} is out of range", q.id, q.seconds))
    }

    pub fn capture(session: &Session, bank: &Bank, now: DateTime<Utc>) -> SavedSession {
        let elapsed = session.time_used(now);
        let elapsed = match session.timer {
            Some(timer) => elapsed.min(timer.allowed),
            None => elapsed,
        };
        SavedSession {
            bank_id: bank.exam.id.clone(),
            bank_hash: bank.content_hash.clone(),
            seed: session.seed,
            started_at: session.started_at,
            began_at: Some(session.began_at),
            saved_at: now,
            elapsed_ms: elapsed.num_milliseconds(),
            allowed_seconds: session.timer.map(|t| t.allowed.num_seconds()),
            current: session.current,
            questions: session
                .items
                .iter()
                .map(|item| {
                    let (chosen, matched) = match &item.response {
                        Response::Choice(chosen) => (chosen.iter().copied().collect(), Vec::new()),
                        Response::Order(placed) => (placed.clone(), Vec::new()),
                        Response::Match(matched) => (Vec::new(), matched.clone()),
                    };
                    SavedQuestion {
                        id: item.shown.question.id.clone(),
                        options: item
                            .shown
                            .shown_texts()
                            .into_iter()
                            .map(String::from)
                            .collect(),
                        chosen,
                        matched,
                        struck: item.struck.iter().copied().collect(),
                        flagged: item.flagged,
                        seconds: item.time_spent.num_seconds(),
                    }
                })
                .collect(),
        }
    }

    /// Rebuilds the session against `bank` as it is now; the clock resumes from `now` with
    /// the time that was left. None when none of its questions exist any more.
    pub fn restore(&self, bank: &Bank, now: DateTime<Utc>) -> Option<Restored> {
        let mut parts = Vec::new();
        let mut dropped = Vec::new();
        let mut changed = Vec::new();
        let mut current = 0;
        for (index, saved) in self.questions.iter().enumerate() {
            // The current question's new place (the next kept one if it was dropped).
            if index == self.current {
                current = parts.len();
            }
            let Some(question) = bank.question(&saved.id) else {
                dropped.push(saved.id.clone());
                continue;
            };
            let texts = question.shuffled_texts();
            let position_of = |text: &String| texts.iter().position(|t| t == text);
            // The shown order, by text; options the bank added since go last.
            let mut order: Vec<usize> = saved.options.iter().filter_map(position_of).collect();
            let lost = order.len() != saved.options.len();
            for index in 0..texts.len() {
                if !order.contains(&index) {
                    order.push(index);
                }
            }
            // A saved shown position, as a shown position today (None: its text is gone).
            let remap = |position: usize| -> Option<usize> {
                let original = position_of(saved.options.get(position)?)?;
                order.iter().position(|&i| i == original)
            };
            let struck: BTreeSet<usize> = saved.struck.iter().filter_map(|&p| remap(p)).collect();
            let mut response = Response::empty(question);
            let mut kept_all = !lost;
            match &mut response {
                Response::Choice(chosen) => {
                    chosen.extend(saved.chosen.iter().filter_map(|&p| remap(p)));
                    kept_all &= chosen.len() == saved.chosen.len() && saved.matched.is_empty();
                    if chosen.len() > question.choose() {
                        chosen.clear();
                    }
                }
                Response::Order(placed) => {
                    for position in saved.chosen.iter().filter_map(|&p| remap(p)) {
                        if !placed.contains(&position) {
                            placed.push(position);
                        }
                    }
                    kept_all &= placed.len() == saved.chosen.len() && saved.matched.is_empty();
                }
                Response::Match(matched) => {
                    if saved.matched.len() == matched.len() {
                        for (slot, saved) in matched.iter_mut().zip(&saved.matched) {
                            *slot = saved.and_then(remap);
                        }
                    }
                    let given = saved.matched.iter().flatten().count();
                    kept_all &=
                        matched.iter().flatten().count() == given && saved.chosen.is_empty();
                }
            }
            if !kept_all {
                changed.push(saved.id.clone());
            }
            parts.push(SessionItem {
                shown: ExamItem {
                    question: question.clone(),
                    order,
                },
                response,
                struck,
                flagged: saved.flagged,
                time_spent: seconds(saved.seconds),
            });
        }
        if parts.is_empty() {
            return None;
        }
        // Checked arithmetic throughout: a file can hold any number (`impossible_value`
        // lets the loader refuse one; this must not panic even when it was not asked).
        let elapsed =
            TimeDelta::try_milliseconds(self.elapsed_ms.clamp(0, MAX_SAVED_SECONDS * 1000))
                .unwrap_or_default();
        let timer = self.allowed_seconds.map(|allowed| {
            let allowed = seconds(allowed).max(TimeDelta::seconds(1));
            let left = (allowed - elapsed).max(TimeDelta::zero());
            Timer {
                allowed,
                deadline: now.checked_add_signed(left).unwrap_or(now),
            }
        });
        let started_at = now.checked_sub_signed(elapsed).unwrap_or(now);
        let mut session = Session::restored(parts, self.seed, started_at, timer, current, now);
        session.began_at = self.began_at.unwrap_or(self.started_at);
        Some(Restored {
            session,
            dropped,
            changed,
            bank_changed: bank.content_hash != self.bank_hash,
        })
    }
}

/// Whole seconds as a time span, clamped to what a session can hold.
fn seconds(value: i64) -> TimeDelta {
    TimeDelta::try_seconds(value.clamp(0, MAX_SAVED_SECONDS)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::{self, BankFile};
    use crate::exam::assembly::{assemble, rng_from_seed};
    use chrono::TimeZone;

    fn at(seconds: i64) -> DateTime<Utc> {
        Utc.timestamp_opt(1_700_000_000 + seconds, 0).unwrap()
    }

    fn fixture_files() -> Vec<BankFile> {
        bank::read_dir_files(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid"),
        )
        .unwrap()
    }

    fn answered_session(bank: &Bank) -> Session {
        let items = assemble(bank, 4, &mut rng_from_seed(9));
        let mut session = Session::new(items, 9, at(0), Some(TimeDelta::minutes(10)));
        session.toggle_option(1).unwrap();
        session.toggle_flag();
        session.go_to(2, at(30));
        session.toggle_option(0).unwrap();
        session.toggle_strike(3).unwrap();
        session.go_to(3, at(50));
        session
    }

    #[test]
    fn a_saved_question_counts_as_answered_only_when_complete_as_the_session_does() {
        let bank = bank::load_files(
            bank::read_dir_files(
                &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/kinds"),
            )
            .unwrap(),
        )
        .unwrap();
        let items = assemble(&bank, 3, &mut rng_from_seed(4));
        let mut session = Session::new(items, 4, at(0), None);
        // Every question gets one answer: complete for a single choice, incomplete for an
        // ordering (several steps) and a matching (several pairs).
        for index in 0..session.len() {
            session.go_to(index, at(index as i64));
            session.answer(0, Some(0)).unwrap();
        }
        let saved = SavedSession::capture(&session, &bank, at(10));
        let progress: Vec<Progress> = saved.questions.iter().map(|q| q.progress(&bank)).collect();
        let expected: Vec<Progress> = (0..session.len()).map(|i| session.progress(i)).collect();
        assert_eq!(progress, expected);
        assert!(progress.contains(&Progress::Incomplete));
        assert!(progress.contains(&Progress::Complete));
    }

    #[test]
    fn a_saved_session_comes_back_as_it_was_with_the_time_that_was_left() {
        let bank = bank::load_files(fixture_files()).unwrap();
        let session = answered_session(&bank);
        let saved = SavedSession::capture(&session, &bank, at(100));
        let json = serde_json::to_string(&saved).unwrap();
        let saved: SavedSession = serde_json::from_str(&json).unwrap();
        // Reopened a day later: the clock did not run while closed.
        let restored = saved.restore(&bank, at(86_400)).unwrap();
        let resumed = &restored.session;
        assert!(
            restored.dropped.is_empty() && restored.changed.is_empty() && !restored.bank_changed
        );
        assert_eq!(resumed.current, 3);
        assert_eq!(resumed.remaining(at(86_400)), Some(TimeDelta::seconds(500)));
        let time_free = |s: &Session| -> Vec<SessionItem> {
            s.items
                .iter()
                .cloned()
                .map(|mut item| {
                    item.time_spent = TimeDelta::zero();
                    item
                })
                .collect()
        };
        assert_eq!(time_free(resumed), time_free(&session));
    }

    #[test]
    fn questions_gone_from_the_bank_are_dropped_and_named() {
        let bank = bank::load_files(fixture_files()).unwrap();
        let session = answered_session(&bank);
        let saved = SavedSession::capture(&session, &bank, at(100));
        let gone = session.items[0].shown.question.id.clone();
        let mut files = fixture_files();
        let questions = &mut files[1].text;
        *questions = questions.replace(&format!("id = \"{gone}\""), "id = \"renamed\"");
        let edited = bank::load_files(files).unwrap();
        let restored = saved.restore(&edited, at(200)).unwrap();
        assert_eq!(restored.dropped, vec![gone]);
        assert!(restored.bank_changed);
        assert_eq!(restored.session.len(), 3);
        assert_eq!(restored.session.current, 2, "still on the same question");
        assert_eq!(
            restored.session.items[1].response,
            session.items[2].response
        );
    }

    /// Numbers no session can hold (from the attack on certsim: each one overflowed the
    /// clock and panicked on every resume) are named, and restoring never panics on them.
    #[test]
    fn impossible_numbers_are_named_and_never_panic_a_restore() {
        let bank = bank::load_files(fixture_files()).unwrap();
        let good = SavedSession::capture(&answered_session(&bank), &bank, at(100));
        assert_eq!(good.impossible_value(), None);
        let mut elapsed = good.clone();
        elapsed.elapsed_ms = i64::MAX;
        let mut allowed = good.clone();
        allowed.allowed_seconds = Some(10_000_000_000_000);
        let mut question = good.clone();
        question.questions[1].seconds = i64::MAX;
        let mut negative = good.clone();
        negative.elapsed_ms = i64::MIN;
        for (damaged, names) in [
            (elapsed, "elapsed_ms"),
            (allowed, "allowed_seconds"),
            (question, "seconds"),
            (negative, "elapsed_ms"),
        ] {
            let problem = damaged.impossible_value().expect("refused");
            assert!(problem.contains(names), "{problem}");
            let restored = damaged.restore(&bank, at(200)).expect("restored");
            assert_eq!(restored.session.len(), good.questions.len());
        }
    }

    /// Two resumes of one file, at different times, are one session: the start that names
    /// its attempt comes from the file, not from the moment of resuming.
    #[test]
    fn every_resume_of_a_file_keeps_the_first_start() {
        let bank = bank::load_files(fixture_files()).unwrap();
        let session = answered_session(&bank);
        let saved = SavedSession::capture(&session, &bank, at(100));
        let first = saved.restore(&bank, at(5_000)).unwrap().session;
        let second = saved.restore(&bank, at(9_000)).unwrap().session;
        assert_ne!(
            first.started_at, second.started_at,
            "the clock resumes from now"
        );
        assert_eq!(first.began_at, session.began_at);
        assert_eq!(second.began_at, session.began_at);
        let again = SavedSession::capture(&second, &bank, at(9_100));
        assert_eq!(
            again.restore(&bank, at(20_000)).unwrap().session.began_at,
            session.began_at
        );
    }
}
