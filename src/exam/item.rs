//! The answer model of one question in a session: what was answered (`Response`, by the
//! question's kind), how far (`Progress`), whether it is right, and the one answering path
//! every kind and every mode goes through. Refusals are data; the screens word them.

use std::collections::BTreeSet;

use chrono::TimeDelta;

use super::assembly::ExamItem;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exam::assembly::rng_from_seed;

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
