//! The rules a loaded bank keeps, on the model rather than on TOML: validation applies
//! them while it parses (with each problem's place), and a bank decoded from a cache entry
//! is checked against them before it is used. An entry's checksum guards against
//! corruption, not against an entry written on purpose, and screens rely on these rules
//! (a drill indexes the task list, a question shows its options).

use std::collections::HashSet;

use super::problem::ProblemKind;
use super::question_body::{MAX_OPTIONS, PAIRS, STEPS};
use super::{AnswerOption, Bank, Body, Exam, limits};

/// Whether a `[scoring]` value is within the bounds that keep scores far from overflow.
pub fn score_in_range(value: i64) -> bool {
    (-limits::MAX_SCORE..=limits::MAX_SCORE).contains(&value)
}

/// Whether the pass mark lies above min and not above max.
pub fn scoring_in_order(min: i64, pass: i64, max: i64) -> bool {
    min < pass && pass <= max
}

/// Whether a task's or blueprint entry's weight can share out a mock exam.
pub fn positive_weight(weight: f64) -> bool {
    weight.is_finite() && weight > 0.0
}

/// What is wrong with a choice question's options and answer key, if anything: how many
/// options, how many correct, and at least one wrong. As kind, message and hint.
pub fn answer_key_failure(options: &[AnswerOption]) -> Option<(ProblemKind, String, String)> {
    let correct = options.iter().filter(|o| o.correct).count();
    let total = options.len();
    if total > MAX_OPTIONS {
        Some((
            ProblemKind::TooManyOptions,
            format!("question has {total} options; at most {MAX_OPTIONS} are allowed"),
            "remove the weakest distractors".to_string(),
        ))
    } else if correct == 0 {
        Some((
            ProblemKind::NoCorrectOption,
            "no option is marked correct = true".to_string(),
            "mark the right answer with correct = true".to_string(),
        ))
    } else if correct == 1 && total < 4 {
        Some((
            ProblemKind::TooFewOptions,
            format!("single-answer question has {total} options; it needs at least 4"),
            "add distractors until there are 4 options".to_string(),
        ))
    } else if correct >= 2 && correct == total {
        Some((
            ProblemKind::NoWrongOption,
            "every option is marked correct".to_string(),
            "a multiple-response question needs at least one wrong option".to_string(),
        ))
    } else if correct >= 2 && total < 5 {
        Some((
            ProblemKind::TooFewOptions,
            format!(
                "multiple-response question ({correct} correct) has {total} options; it needs at least 5"
            ),
            "add distractors until there are 5 options, or mark only one option correct"
                .to_string(),
        ))
    } else {
        None
    }
}

/// The first rule `bank` breaks, in words, or `Ok` when it keeps them all.
pub fn check(bank: &Bank) -> Result<(), String> {
    check_exam(&bank.exam)?;
    if bank.questions.len() > limits::MAX_QUESTIONS {
        return Err(format!("it holds {} questions", bank.questions.len()));
    }
    let blueprint: HashSet<&str> = bank.exam.blueprint.iter().map(|b| b.id.as_str()).collect();
    let mut ids = HashSet::with_capacity(bank.questions.len());
    for question in &bank.questions {
        let id = &question.id;
        if id.trim().is_empty() || !ids.insert(id.as_str()) {
            return Err(format!("question id `{id}` is empty or repeated"));
        }
        let topic_of_task = bank.exam.task(&question.task).is_some_and(|task| {
            question.topic.is_empty() || task.topics.iter().any(|t| t.id == question.topic)
        });
        if !topic_of_task {
            return Err(format!(
                "question {id}: its task and topic are not the exam's"
            ));
        }
        let known = |entry: &String| blueprint.contains(entry.as_str());
        if !question.blueprint.iter().flatten().all(known) {
            return Err(format!("question {id}: a blueprint id is not the exam's"));
        }
        let body_ok = match &question.body {
            Body::Choice { options, choose } => {
                answer_key_failure(options).is_none()
                    && *choose == options.iter().filter(|o| o.correct).count()
            }
            Body::Ordering { steps } => STEPS.contains(&steps.len()),
            Body::Matching { pairs } => PAIRS.contains(&pairs.len()),
        };
        if !body_ok {
            return Err(format!("question {id}: its answer key breaks the rules"));
        }
    }
    Ok(())
}

fn check_exam(exam: &Exam) -> Result<(), String> {
    let scoring = exam.scoring;
    let scores = [scoring.min, scoring.pass, scoring.max];
    if !scores.into_iter().all(score_in_range)
        || !scoring_in_order(scoring.min, scoring.pass, scoring.max)
    {
        return Err(format!("its scoring {scoring:?} breaks the rules"));
    }
    if exam.mock.questions == 0 || exam.mock.minutes == 0 {
        return Err("its mock exam has no questions or no minutes".to_string());
    }
    if exam.tasks.is_empty() {
        return Err("it has no task statement".to_string());
    }
    let mut task_ids = HashSet::new();
    let mut topic_ids = HashSet::new();
    for task in &exam.tasks {
        // A task statement may have no topics (a personal bank).
        let topics_ok = task.topics.iter().all(|t| topic_ids.insert(t.id.as_str()));
        if !task_ids.insert(task.id.as_str()) || !positive_weight(task.weight) || !topics_ok {
            return Err(format!("task {} breaks the rules", task.id));
        }
    }
    let mut blueprint_ids = HashSet::new();
    for entry in &exam.blueprint {
        if !blueprint_ids.insert(entry.id.as_str()) || !positive_weight(entry.weight) {
            return Err(format!("blueprint entry {} breaks the rules", entry.id));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whatever validation accepts keeps the rules, or a good cache entry would be refused.
    #[test]
    fn every_bank_validation_accepts_keeps_the_rules() {
        let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut checked = 0;
        for entry in std::fs::read_dir(fixtures).expect("the fixtures") {
            let path = entry.expect("listed").path();
            if let Ok(bank) = crate::bank::load_dir(&path) {
                assert_eq!(check(&bank), Ok(()), "{}", path.display());
                checked += 1;
            }
        }
        assert!(checked >= 4, "{checked} valid fixtures");
        let synthetic = crate::bank::load_files(crate::synthetic::generate_split(300, 100, 3));
        assert_eq!(check(&synthetic.expect("valid")), Ok(()));
    }
}
