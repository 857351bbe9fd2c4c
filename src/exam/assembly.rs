//! Putting a mock exam together: how many questions each task statement gets (by weight,
//! largest remainder), which ones, and in what order, options included. The same bank and
//! seed always give the same exam.

use std::collections::BTreeSet;

use rand::SeedableRng;
use rand::rngs::Xoshiro256PlusPlus;
use rand::seq::SliceRandom;

use crate::bank::{AnswerOption, Bank, Kind, Question};

/// The generator behind every shuffle: a portable algorithm, so a seed replays the same exam
/// on every platform.
pub type ExamRng = Xoshiro256PlusPlus;

pub fn rng_from_seed(seed: u64) -> ExamRng {
    ExamRng::seed_from_u64(seed)
}

/// A question as it is shown in one exam: its options (steps, answers) in shuffled order.
#[derive(Debug, Clone, PartialEq)]
pub struct ExamItem {
    pub question: Question,
    /// `order[shown position] = index in the bank's options, steps or pairs`.
    pub order: Vec<usize>,
}

impl ExamItem {
    pub fn shuffled(question: &Question, rng: &mut ExamRng) -> ExamItem {
        let mut order: Vec<usize> = (0..question.shuffled_count()).collect();
        order.shuffle(rng);
        ExamItem {
            question: question.clone(),
            order,
        }
    }

    /// A choice question's options in the order they are shown (none for other kinds).
    pub fn options(&self) -> impl Iterator<Item = &AnswerOption> {
        let options = self.question.options();
        self.order.iter().filter_map(|&index| options.get(index))
    }

    pub fn option(&self, shown: usize) -> Option<&AnswerOption> {
        self.order
            .get(shown)
            .and_then(|&index| self.question.options().get(index))
    }

    /// The texts shown under letters, in shown order: options, steps or answers.
    pub fn shown_texts(&self) -> Vec<&str> {
        let texts = self.question.shuffled_texts();
        self.order.iter().map(|&index| texts[index]).collect()
    }

    /// How many lettered things are shown: options, steps or answers.
    pub fn option_count(&self) -> usize {
        self.order.len()
    }

    /// How many options must be chosen (steps placed, pairs matched).
    pub fn choose(&self) -> usize {
        self.question.choose()
    }

    pub fn kind(&self) -> Kind {
        self.question.kind()
    }

    /// The shown positions of the correct options.
    pub fn correct_positions(&self) -> BTreeSet<usize> {
        self.options()
            .enumerate()
            .filter(|(_, option)| option.correct)
            .map(|(position, _)| position)
            .collect()
    }
}

/// How many questions each task gets out of `count`: proportional to weight, rounded by
/// largest remainder; a task with too few questions gives the rest to the others.
pub fn split_by_weight(weights: &[f64], available: &[usize], count: usize) -> Vec<usize> {
    let count = count.min(available.iter().sum());
    let mut quota = vec![0usize; weights.len()];
    let mut open: Vec<usize> = (0..weights.len()).filter(|&i| available[i] > 0).collect();
    let mut left = count;
    // Tasks that cannot fill their share are capped and leave the pool, then the rest is
    // shared again among the others.
    loop {
        let total_weight: f64 = open.iter().map(|&i| weights[i]).sum();
        if open.is_empty() || total_weight <= 0.0 {
            break;
        }
        let capped: Vec<usize> = open
            .iter()
            .copied()
            .filter(|&i| left as f64 * weights[i] / total_weight >= available[i] as f64)
            .collect();
        if capped.is_empty() {
            let shares: Vec<(usize, f64)> = open
                .iter()
                .map(|&i| (i, left as f64 * weights[i] / total_weight))
                .collect();
            for &(i, share) in &shares {
                quota[i] = share.floor() as usize;
            }
            let mut remainder = left - shares.iter().map(|&(i, _)| quota[i]).sum::<usize>();
            let mut by_fraction = shares.clone();
            // Largest fractional part first; ties go to the earlier task.
            by_fraction.sort_by(|a, b| {
                (b.1 - b.1.floor())
                    .total_cmp(&(a.1 - a.1.floor()))
                    .then(a.0.cmp(&b.0))
            });
            for (i, _) in by_fraction {
                if remainder == 0 {
                    break;
                }
                if quota[i] < available[i] {
                    quota[i] += 1;
                    remainder -= 1;
                }
            }
            break;
        }
        for i in capped {
            quota[i] = available[i];
            left -= available[i];
            open.retain(|&j| j != i);
        }
    }
    quota
}

/// The formats a mock keeps in the bank's proportions: single answer, multiple response,
/// ordering, matching.
const FORMATS: usize = 4;

fn format_of(question: &Question) -> usize {
    match question.kind() {
        crate::bank::Kind::Choice if question.is_multiple_response() => 1,
        crate::bank::Kind::Choice => 0,
        crate::bank::Kind::Ordering => 2,
        crate::bank::Kind::Matching => 3,
    }
}

/// A mock exam of up to `count` questions (fewer when the bank has fewer), split across the
/// task statements by weight and, across the whole mock, between single answer, multiple
/// response and the other formats in the bank's proportions (largest remainder both ways),
/// so every mock of a size has the same mix; questions and options shuffled.
pub fn assemble(bank: &Bank, count: usize, rng: &mut ExamRng) -> Vec<ExamItem> {
    let tasks = &bank.exam.tasks;
    let by_task: Vec<Vec<&Question>> = tasks
        .iter()
        .map(|task| {
            bank.questions
                .iter()
                .filter(|q| q.task == task.id)
                .collect()
        })
        .collect();
    let available: Vec<[usize; FORMATS]> = by_task
        .iter()
        .map(|questions| {
            let mut counts = [0; FORMATS];
            for question in questions {
                counts[format_of(question)] += 1;
            }
            counts
        })
        .collect();
    let task_totals: Vec<usize> = by_task.iter().map(Vec::len).collect();
    let weights: Vec<f64> = tasks.iter().map(|t| t.weight).collect();
    let task_quota = split_by_weight(&weights, &task_totals, count);
    let format_totals: Vec<usize> = (0..FORMATS)
        .map(|f| available.iter().map(|a| a[f]).sum())
        .collect();
    let share: Vec<f64> = format_totals.iter().map(|&n| n as f64).collect();
    let format_quota = split_by_weight(&share, &format_totals, task_quota.iter().sum());
    let cells = controlled_rounding(&task_quota, &format_quota, &available);
    let mut chosen: Vec<&Question> = Vec::new();
    for (mut questions, mut wanted) in by_task.into_iter().zip(cells) {
        // One shuffle per task, then the first questions of each format it still wants.
        questions.shuffle(rng);
        for question in questions {
            let format = format_of(question);
            if wanted[format] > 0 {
                wanted[format] -= 1;
                chosen.push(question);
            }
        }
    }
    chosen.shuffle(rng);
    chosen
        .into_iter()
        .map(|question| ExamItem::shuffled(question, rng))
        .collect()
}

/// How many questions of each format each task statement gives: rows add up to the task
/// quotas and columns to the format quotas wherever the bank allows, no cell more than the
/// bank has, each as close to the task's own proportions as the totals let it be. Filled one
/// question at a time, always to the cell furthest below its ideal share among those whose
/// task and format still want one (ties to the earlier task and format: deterministic).
fn controlled_rounding(
    task_quota: &[usize],
    format_quota: &[usize],
    available: &[[usize; FORMATS]],
) -> Vec<[usize; FORMATS]> {
    let ideal: Vec<[f64; FORMATS]> = task_quota
        .iter()
        .zip(available)
        .map(|(&quota, have)| {
            let total: usize = have.iter().sum();
            std::array::from_fn(|f| {
                if total == 0 {
                    0.0
                } else {
                    quota as f64 * have[f] as f64 / total as f64
                }
            })
        })
        .collect();
    let mut cells = vec![[0usize; FORMATS]; task_quota.len()];
    // First honour both the task's and the format's quota; then, where the bank's shape makes
    // that impossible, the task's alone.
    for honour_formats in [true, false] {
        loop {
            let mut best: Option<(usize, usize, f64)> = None;
            for t in 0..task_quota.len() {
                if cells[t].iter().sum::<usize>() >= task_quota[t] {
                    continue;
                }
                for f in 0..FORMATS {
                    let column: usize = cells.iter().map(|row| row[f]).sum();
                    if cells[t][f] >= available[t][f]
                        || (honour_formats && column >= format_quota[f])
                    {
                        continue;
                    }
                    let deficit = ideal[t][f] - cells[t][f] as f64;
                    if best.is_none_or(|(_, _, d)| deficit > d) {
                        best = Some((t, f, deficit));
                    }
                }
            }
            match best {
                Some((t, f, _)) => cells[t][f] += 1,
                None if honour_formats
                    && make_room(&mut cells, task_quota, format_quota, available) => {}
                None => break,
            }
        }
    }
    cells
}

/// A task short of questions whose formats are all full: moves one question of another task
/// from such a format to a format with room, freeing a place for it. True when it did.
fn make_room(
    cells: &mut [[usize; FORMATS]],
    task_quota: &[usize],
    format_quota: &[usize],
    available: &[[usize; FORMATS]],
) -> bool {
    let column =
        |cells: &[[usize; FORMATS]], f: usize| cells.iter().map(|row| row[f]).sum::<usize>();
    for t in 0..task_quota.len() {
        if cells[t].iter().sum::<usize>() >= task_quota[t] {
            continue;
        }
        for f in (0..FORMATS).filter(|&f| cells[t][f] < available[t][f]) {
            for other in (0..task_quota.len()).filter(|&o| o != t && cells[o][f] > 0) {
                let free = (0..FORMATS).find(|&g| {
                    g != f
                        && column(cells, g) < format_quota[g]
                        && cells[other][g] < available[other][g]
                });
                if let Some(g) = free {
                    cells[other][f] -= 1;
                    cells[other][g] += 1;
                    cells[t][f] += 1;
                    return true;
                }
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank;

    pub(crate) fn fixture_bank() -> Bank {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid");
        bank::load_dir(&dir).unwrap()
    }

    #[test]
    fn split_follows_weights_with_largest_remainder() {
        assert_eq!(
            split_by_weight(&[1.0, 1.0, 1.0], &[50, 50, 50], 30),
            vec![10, 10, 10]
        );
        assert_eq!(
            split_by_weight(&[1.0, 1.0, 1.0], &[50, 50, 50], 31),
            vec![11, 10, 10]
        );
        assert_eq!(
            split_by_weight(&[1.0, 1.0, 1.0], &[50, 50, 50], 32),
            vec![11, 11, 10]
        );
        // 34/26/40 of 65 questions, like the real exam's domain weights.
        assert_eq!(
            split_by_weight(&[34.0, 26.0, 40.0], &[99, 99, 99], 65),
            vec![22, 17, 26]
        );
    }

    #[test]
    fn a_task_short_of_questions_gives_its_share_to_the_others() {
        assert_eq!(
            split_by_weight(&[1.0, 1.0, 1.0], &[2, 50, 50], 30),
            vec![2, 14, 14]
        );
        assert_eq!(split_by_weight(&[1.0, 1.0], &[0, 50], 10), vec![0, 10]);
        // More asked than the bank holds: everything, no more.
        assert_eq!(split_by_weight(&[1.0, 3.0], &[3, 4], 100), vec![3, 4]);
    }

    #[test]
    fn assembly_is_reproducible_from_the_seed_option_order_included() {
        let bank = fixture_bank();
        let first = assemble(&bank, 4, &mut rng_from_seed(7));
        let again = assemble(&bank, 4, &mut rng_from_seed(7));
        assert_eq!(first, again);
        let ids = |items: &[ExamItem]| {
            items
                .iter()
                .map(|i| i.question.id.clone())
                .collect::<Vec<_>>()
        };
        let differs = (0..20).any(|seed| {
            let other = assemble(&bank, 4, &mut rng_from_seed(seed));
            ids(&other) != ids(&first) || other.iter().zip(&first).any(|(a, b)| a.order != b.order)
        });
        assert!(differs, "different seeds give different exams");
    }

    #[test]
    fn assembly_splits_by_task_weight() {
        let bank = fixture_bank();
        let items = assemble(&bank, 2, &mut rng_from_seed(1));
        let tasks: BTreeSet<&str> = items.iter().map(|i| i.question.task.as_str()).collect();
        assert_eq!(tasks, BTreeSet::from(["1.1", "1.2"]));
        assert_eq!(assemble(&bank, 99, &mut rng_from_seed(1)).len(), 4);
    }

    #[test]
    fn shuffling_options_keeps_the_answer_key() {
        let bank = fixture_bank();
        for seed in 0..30 {
            for item in assemble(&bank, 4, &mut rng_from_seed(seed)) {
                let shown_correct: Vec<&str> = item
                    .correct_positions()
                    .into_iter()
                    .map(|p| item.option(p).unwrap().text.as_str())
                    .collect();
                let mut expected: Vec<&str> = item
                    .question
                    .options()
                    .iter()
                    .filter(|o| o.correct)
                    .map(|o| o.text.as_str())
                    .collect();
                let mut got = shown_correct.clone();
                got.sort();
                expected.sort();
                assert_eq!(got, expected, "seed {seed} question {}", item.question.id);
            }
        }
    }

    /// Over 5,000 seeds a 30-question mock of the shipped bank holds the same number of
    /// multiple-response questions, within one of the bank's share.
    #[test]
    fn every_mock_has_the_banks_mix_of_formats() {
        let bank = crate::embedded::load().unwrap();
        let multi = bank
            .questions
            .iter()
            .filter(|q| q.is_multiple_response())
            .count();
        let share = 30.0 * multi as f64 / bank.questions.len() as f64;
        let mut counts = std::collections::BTreeSet::new();
        for seed in 0..5_000 {
            let items = assemble(&bank, 30, &mut rng_from_seed(seed));
            assert_eq!(items.len(), 30);
            let got = items
                .iter()
                .filter(|i| i.question.is_multiple_response())
                .count();
            assert!(
                (got as f64 - share).abs() <= 1.0,
                "seed {seed}: {got} vs {share:.1}"
            );
            counts.insert(got);
            let per_task: Vec<usize> = bank
                .exam
                .tasks
                .iter()
                .map(|t| items.iter().filter(|i| i.question.task == t.id).count())
                .collect();
            assert_eq!(per_task, [10, 10, 10], "seed {seed}");
        }
        assert_eq!(
            counts.len(),
            1,
            "the mix is the same for every seed: {counts:?}"
        );
    }

    #[test]
    fn rounding_keeps_rows_columns_and_availability() {
        let cells = controlled_rounding(
            &[10, 10, 10],
            &[20, 10, 0, 0],
            &[[80, 40, 0, 0], [84, 40, 0, 0], [83, 41, 0, 0]],
        );
        for row in &cells {
            assert_eq!(row.iter().sum::<usize>(), 10);
        }
        assert_eq!(cells.iter().map(|r| r[1]).sum::<usize>(), 10);
        // A format the bank lacks in a task cannot be drawn from it.
        let cells = controlled_rounding(&[3, 3], &[3, 3, 0, 0], &[[3, 0, 0, 0], [3, 3, 0, 0]]);
        assert_eq!(cells, vec![[3, 0, 0, 0], [0, 3, 0, 0]]);
    }
}
