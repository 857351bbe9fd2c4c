//! The bank's model: the exam (task statements, topics, the optional official blueprint,
//! mock defaults, scoring) and its questions, whose body names their kind: a choice with
//! its options, an ordering with its steps, a matching with its pairs.

use serde::{Deserialize, Serialize};

use super::problem::Location;

/// The exam a bank belongs to, from `exam.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Exam {
    pub id: String,
    pub title: String,
    pub mock: MockDefaults,
    pub scoring: Scoring,
    pub tasks: Vec<Task>,
    /// The official exam guide's task statements, when the bank maps its questions to
    /// them (`[[blueprint]]` in exam.toml); empty when it does not.
    pub blueprint: Vec<BlueprintEntry>,
}

impl Exam {
    pub fn task(&self, id: &str) -> Option<&Task> {
        self.tasks.iter().find(|task| task.id == id)
    }

    /// The topic with this id and the task it belongs to.
    pub fn topic(&self, id: &str) -> Option<(&Task, &Topic)> {
        self.tasks
            .iter()
            .find_map(|task| task.topics.iter().find(|t| t.id == id).map(|t| (task, t)))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MockDefaults {
    pub questions: u32,
    pub minutes: u32,
}

/// A linear scaled score: `min + (max - min) × fraction correct`, pass at `pass` or above.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scoring {
    pub min: i64,
    pub max: i64,
    pub pass: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Task {
    pub id: String,
    pub title: String,
    /// Relative share of a mock exam.
    pub weight: f64,
    pub topics: Vec<Topic>,
}

/// One task statement of the official exam guide, with its domain's weight. A bank may
/// organise its questions differently (a study guide's structure) and map each question
/// to these with `blueprint = [...]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BlueprintEntry {
    pub id: String,
    pub title: String,
    pub weight: f64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Topic {
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Difficulty {
    Easy,
    Medium,
    Hard,
}

impl Difficulty {
    pub fn as_str(self) -> &'static str {
        match self {
            Difficulty::Easy => "easy",
            Difficulty::Medium => "medium",
            Difficulty::Hard => "hard",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Question {
    pub id: String,
    pub task: String,
    /// Empty when the question names none (its task statement may have no topics).
    pub topic: String,
    /// The official task statements the question serves: `None` when the question does
    /// not say, an empty list when its subject is outside the official guide's scope.
    pub blueprint: Option<Vec<String>>,
    /// Empty when the bank names none (a personal bank may leave it out).
    pub services: Vec<String>,
    /// None when the bank does not say.
    pub difficulty: Option<Difficulty>,
    pub prompt: String,
    /// Empty when the bank gives none.
    pub explanation: String,
    /// Empty when the bank cites none.
    pub references: Vec<String>,
    /// What is answered, and how: the question's kind with its options, steps or pairs.
    pub body: Body,
    /// Where the question starts, for messages.
    pub location: Location,
}

/// The kinds of question a bank can hold (`kind = "…"`, "choice" when absent).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Kind {
    Choice,
    Ordering,
    Matching,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Choice => "choice",
            Kind::Ordering => "ordering",
            Kind::Matching => "matching",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Body {
    /// Choose `choose` of the options: 1 is a single-answer question, more is multiple
    /// response. `choose` is the number marked correct, counted once at load.
    Choice {
        options: Vec<AnswerOption>,
        choose: usize,
    },
    /// Put the steps in order; they are written in the correct order and always shown
    /// shuffled.
    Ordering { steps: Vec<Step> },
    /// Match each prompt (shown in order) with its answer (shown shuffled).
    Matching { pairs: Vec<Pair> },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub text: String,
    /// Why the step comes where it does.
    pub why: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pair {
    pub prompt: String,
    pub answer: String,
    pub why: String,
}

impl Question {
    pub fn kind(&self) -> Kind {
        match self.body {
            Body::Choice { .. } => Kind::Choice,
            Body::Ordering { .. } => Kind::Ordering,
            Body::Matching { .. } => Kind::Matching,
        }
    }

    /// A choice question's options; empty for the other kinds.
    pub fn options(&self) -> &[AnswerOption] {
        match &self.body {
            Body::Choice { options, .. } => options,
            _ => &[],
        }
    }

    /// How many options a choice question takes (1 for single answer); for ordering and
    /// matching, how many steps or pairs must be placed.
    pub fn choose(&self) -> usize {
        match &self.body {
            Body::Choice { choose, .. } => *choose,
            Body::Ordering { steps } => steps.len(),
            Body::Matching { pairs } => pairs.len(),
        }
    }

    pub fn is_multiple_response(&self) -> bool {
        matches!(self.body, Body::Choice { choose, .. } if choose > 1)
    }

    /// The texts that are shuffled when the question is shown, in bank order: a choice
    /// question's options, an ordering question's steps, a matching question's answers.
    pub fn shuffled_texts(&self) -> Vec<&str> {
        match &self.body {
            Body::Choice { options, .. } => options.iter().map(|o| o.text.as_str()).collect(),
            Body::Ordering { steps } => steps.iter().map(|s| s.text.as_str()).collect(),
            Body::Matching { pairs } => pairs.iter().map(|p| p.answer.as_str()).collect(),
        }
    }

    /// The answer key in words: the correct options (bank order), the steps in order, or
    /// each pair as "prompt → answer".
    pub fn key_texts(&self) -> Vec<String> {
        match &self.body {
            Body::Choice { options, .. } => options
                .iter()
                .filter(|o| o.correct)
                .map(|o| o.text.clone())
                .collect(),
            Body::Ordering { steps } => steps.iter().map(|s| s.text.clone()).collect(),
            Body::Matching { pairs } => pairs
                .iter()
                .map(|p| format!("{} → {}", p.prompt, p.answer))
                .collect(),
        }
    }

    /// How many texts are shuffled (see `shuffled_texts`).
    pub fn shuffled_count(&self) -> usize {
        match &self.body {
            Body::Choice { options, .. } => options.len(),
            Body::Ordering { steps } => steps.len(),
            Body::Matching { pairs } => pairs.len(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerOption {
    pub text: String,
    pub correct: bool,
    pub why: String,
}

/// A loaded, valid bank.
#[derive(Debug, Clone, PartialEq)]
pub struct Bank {
    pub exam: Exam,
    pub questions: Vec<Question>,
    /// A stable hash of every file's name and text, so history can tell when a bank changed.
    pub content_hash: String,
}

impl Bank {
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }
}

/// One file of a bank, named as it should appear in messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankFile {
    pub name: String,
    pub text: String,
}
