//! An attempt brought back from `history.jsonl` against today's bank, as a submitted session
//! its results and review can be drawn from. History keeps responses as texts, so options
//! come back in the bank's order (the shuffle is not kept); a question removed from the bank
//! since is named and skipped.

use std::collections::BTreeSet;

use chrono::TimeDelta;

use super::record::Attempt;
use crate::bank::{Bank, Body};
use crate::exam::{ExamItem, Response, Session, SessionItem, Timer};

pub struct Rebuilt {
    pub session: Session,
    /// Ids of questions no longer in the bank: left out.
    pub missing: Vec<String>,
    /// The bank's content differs from when the attempt was made.
    pub bank_changed: bool,
}

/// None when none of the attempt's questions is in the bank any more.
pub fn rebuild(bank: &Bank, attempt: &Attempt) -> Option<Rebuilt> {
    let mut items = Vec::new();
    let mut missing = Vec::new();
    for answer in &attempt.answers {
        let Some(question) = bank.question(&answer.question) else {
            missing.push(answer.question.clone());
            continue;
        };
        let shown = ExamItem {
            question: question.clone(),
            order: (0..question.shuffled_count()).collect(),
        };
        let response = match &question.body {
            Body::Choice { options, .. } => Response::Choice(
                options
                    .iter()
                    .enumerate()
                    .filter(|(_, o)| answer.chosen.contains(&o.text))
                    .map(|(i, _)| i)
                    .collect::<BTreeSet<_>>(),
            ),
            Body::Ordering { steps } => Response::Order(
                answer
                    .chosen
                    .iter()
                    .filter_map(|text| steps.iter().position(|s| &s.text == text))
                    .collect(),
            ),
            Body::Matching { pairs } => Response::Match(
                pairs
                    .iter()
                    .map(|pair| {
                        answer.chosen.iter().find_map(|text| {
                            let (prompt, given) = text.split_once(" → ")?;
                            (prompt == pair.prompt)
                                .then(|| pairs.iter().position(|p| p.answer == given))
                                .flatten()
                        })
                    })
                    .collect(),
            ),
        };
        items.push(SessionItem {
            shown,
            response,
            struck: BTreeSet::new(),
            flagged: answer.flagged,
            time_spent: TimeDelta::seconds(i64::try_from(answer.seconds).unwrap_or(0)),
        });
    }
    if items.is_empty() {
        return None;
    }
    let timer = attempt.minutes_allowed.map(|minutes| {
        let allowed = TimeDelta::minutes(i64::from(minutes));
        Timer {
            allowed,
            deadline: attempt.started_at + allowed,
        }
    });
    let mut session = Session::restored(
        items,
        attempt.seed,
        attempt.started_at,
        timer,
        0,
        attempt.ended_at,
    );
    session.submit(attempt.ended_at);
    Some(Rebuilt {
        session,
        missing,
        bank_changed: attempt.bank_id == bank.exam.id && attempt.bank_hash != bank.content_hash,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exam::{assemble, rng_from_seed};
    use crate::history::record::{Filters, Mode};
    use crate::history::test_support::{at, fixture_bank};

    /// A recorded attempt comes back with the same answers, flags, time and correctness.
    #[test]
    fn an_attempt_comes_back_as_it_was_answered() {
        let bank = fixture_bank();
        let items = assemble(&bank, 4, &mut rng_from_seed(5));
        let mut session = Session::new(items, 5, at(0), Some(TimeDelta::minutes(10)));
        let key: Vec<usize> = session
            .current_item()
            .correct_positions()
            .into_iter()
            .collect();
        for position in key {
            session.toggle_option(position).unwrap();
        }
        session.toggle_flag();
        session.go_to(1, at(30));
        session.toggle_option(0).unwrap();
        session.submit(at(70));
        let attempt = Attempt::from_session(Mode::Mock, &session, &bank, Filters::default(), None);
        let back = rebuild(&bank, &attempt).unwrap();
        assert!(back.missing.is_empty() && !back.bank_changed);
        let s = &back.session;
        assert_eq!(s.len(), 4);
        for index in 0..4 {
            assert_eq!(s.is_correct(index), session.is_correct(index), "{index}");
            assert_eq!(s.item(index).flagged, session.item(index).flagged);
            assert_eq!(s.item(index).time_spent, session.item(index).time_spent);
            assert_eq!(
                s.item(index).response_texts(),
                session.item(index).response_texts()
            );
        }
        assert_eq!(s.time_used(at(999)), TimeDelta::seconds(70));
    }

    #[test]
    fn questions_gone_from_the_bank_are_named_and_skipped() {
        let bank = fixture_bank();
        let mut attempt = crate::history::test_support::attempt(
            Mode::Drill,
            100,
            &[("q-alpha-1", true), ("gone", false)],
        );
        attempt.answers[0].chosen = vec!["A".into()];
        let back = rebuild(&bank, &attempt).unwrap();
        assert_eq!(back.missing, ["gone"]);
        assert_eq!(back.session.len(), 1);
        assert!(back.session.is_correct(0));
    }
}
