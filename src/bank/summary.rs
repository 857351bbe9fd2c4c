//! What a valid bank holds, for `certsim validate` and the home screen.

use std::fmt;

use super::{Bank, Difficulty};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicCount {
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
    /// Easy, medium, hard.
    pub difficulty: [usize; 3],
    pub tasks: Vec<TaskCount>,
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
                    })
                    .collect(),
            })
            .collect();
        Summary {
            exam_id: bank.exam.id.clone(),
            title: bank.exam.title.clone(),
            total: questions.len(),
            single_answer: questions.len() - multiple_response,
            multiple_response,
            difficulty: [Difficulty::Easy, Difficulty::Medium, Difficulty::Hard]
                .map(|level| count(&|q| q.difficulty == level)),
            tasks,
        }
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
        writeln!(
            f,
            "  single answer {} · multiple response {} ({}%)",
            self.single_answer,
            self.multiple_response,
            percent(self.multiple_response, self.total)
        )?;
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
                writeln!(
                    f,
                    "  {:>4}  {} ({})",
                    topic.questions, topic.title, topic.id
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
