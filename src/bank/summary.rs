//! What a valid bank holds, for `certsim validate` and the content tests: counts per task
//! statement, topic, kind and difficulty, and coverage of the official blueprint.

use std::fmt;

use super::{Bank, Difficulty, Kind};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicCount {
    pub id: String,
    pub title: String,
    pub questions: usize,
    /// Questions whose subject the official exam guide leaves out (`blueprint = []`).
    pub out_of_scope: usize,
}

/// How many questions serve one official task statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlueprintCount {
    pub id: String,
    pub title: String,
    pub questions: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskCount {
    pub id: String,
    pub title: String,
    pub questions: usize,
    pub multiple_response: usize,
    pub topics: Vec<TopicCount>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub exam_id: String,
    pub title: String,
    pub total: usize,
    pub single_answer: usize,
    pub multiple_response: usize,
    pub ordering: usize,
    pub matching: usize,
    /// Easy, medium, hard.
    pub difficulty: [usize; 3],
    pub tasks: Vec<TaskCount>,
    /// Coverage of the official task statements; empty when the bank declares none.
    pub blueprint: Vec<BlueprintCount>,
    /// With a blueprint declared: questions that name none of it (no `blueprint` key).
    pub unmapped: usize,
}

impl Summary {
    pub fn of(bank: &Bank) -> Summary {
        let questions = &bank.questions;
        let count =
            |pred: &dyn Fn(&super::Question) -> bool| questions.iter().filter(|q| pred(q)).count();
        let multiple_response = count(&|q| q.is_multiple_response());
        let tasks = bank
            .exam
            .tasks
            .iter()
            .map(|task| TaskCount {
                id: task.id.clone(),
                title: task.title.clone(),
                questions: count(&|q| q.task == task.id),
                multiple_response: count(&|q| q.task == task.id && q.is_multiple_response()),
                topics: task
                    .topics
                    .iter()
                    .map(|topic| TopicCount {
                        id: topic.id.clone(),
                        title: topic.title.clone(),
                        questions: count(&|q| q.topic == topic.id),
                        out_of_scope: count(&|q| {
                            q.topic == topic.id && q.blueprint.as_ref().is_some_and(Vec::is_empty)
                        }),
                    })
                    .collect(),
            })
            .collect();
        Summary {
            exam_id: bank.exam.id.clone(),
            title: bank.exam.title.clone(),
            total: questions.len(),
            single_answer: count(&|q| q.kind() == Kind::Choice && !q.is_multiple_response()),
            multiple_response,
            ordering: count(&|q| q.kind() == Kind::Ordering),
            matching: count(&|q| q.kind() == Kind::Matching),
            difficulty: [Difficulty::Easy, Difficulty::Medium, Difficulty::Hard]
                .map(|level| count(&|q| q.difficulty == Some(level))),
            tasks,
            blueprint: bank
                .exam
                .blueprint
                .iter()
                .map(|entry| BlueprintCount {
                    id: entry.id.clone(),
                    title: entry.title.clone(),
                    questions: count(&|q| {
                        q.blueprint
                            .as_ref()
                            .is_some_and(|ids| ids.contains(&entry.id))
                    }),
                })
                .collect(),
            unmapped: if bank.exam.blueprint.is_empty() {
                0
            } else {
                count(&|q| q.blueprint.is_none())
            },
        }
    }

    /// Questions outside the official guide's scope, over the whole bank.
    pub fn out_of_scope(&self) -> usize {
        self.tasks
            .iter()
            .flat_map(|task| &task.topics)
            .map(|topic| topic.out_of_scope)
            .sum()
    }

    /// Topics with no question yet, as (task id, topic id).
    pub fn empty_topics(&self) -> Vec<(&str, &str)> {
        self.tasks
            .iter()
            .flat_map(|task| {
                task.topics
                    .iter()
                    .filter(|topic| topic.questions == 0)
                    .map(move |topic| (task.id.as_str(), topic.id.as_str()))
            })
            .collect()
    }
}

fn percent(part: usize, whole: usize) -> usize {
    (part * 100 + whole / 2).checked_div(whole).unwrap_or(0)
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} ({})", self.title, self.exam_id)?;
        writeln!(f, "{} questions", self.total)?;
        write!(
            f,
            "  single answer {} · multiple response {} ({}%)",
            self.single_answer,
            self.multiple_response,
            percent(self.multiple_response, self.total)
        )?;
        if self.ordering + self.matching > 0 {
            write!(
                f,
                " · ordering {} · matching {}",
                self.ordering, self.matching
            )?;
        }
        writeln!(f)?;
        let [easy, medium, hard] = self.difficulty;
        writeln!(
            f,
            "  difficulty: easy {easy} ({}%) · medium {medium} ({}%) · hard {hard} ({}%)",
            percent(easy, self.total),
            percent(medium, self.total),
            percent(hard, self.total)
        )?;
        for task in &self.tasks {
            writeln!(
                f,
                "\nTask {} {}: {} questions ({} multiple response, {}%)",
                task.id,
                task.title,
                task.questions,
                task.multiple_response,
                percent(task.multiple_response, task.questions)
            )?;
            for topic in &task.topics {
                write!(
                    f,
                    "  {:>4}  {} ({})",
                    topic.questions, topic.title, topic.id
                )?;
                if topic.out_of_scope > 0 {
                    write!(
                        f,
                        " · {} outside the official exam guide",
                        topic.out_of_scope
                    )?;
                }
                writeln!(f)?;
            }
        }
        if !self.blueprint.is_empty() {
            writeln!(
                f,
                "\nOfficial exam guide coverage (questions per task statement):"
            )?;
            for entry in &self.blueprint {
                writeln!(f, "  {:>4}  {} {}", entry.questions, entry.id, entry.title)?;
            }
            let outside = self.out_of_scope();
            if outside > 0 {
                writeln!(
                    f,
                    "  {outside:>4}  outside the official exam guide's scope (blueprint = [])"
                )?;
            }
            if self.unmapped > 0 {
                writeln!(
                    f,
                    "warning: {} questions name no official task statement (add blueprint = [...])",
                    self.unmapped
                )?;
            }
        }
        let empty = self.empty_topics();
        if !empty.is_empty() {
            writeln!(f)?;
            for (task, topic) in empty {
                writeln!(
                    f,
                    "warning: task {task} topic `{topic}` has no question yet"
                )?;
            }
        }
        Ok(())
    }
}
