//! A session asked for on the command line (`exam`, `drill`, `review`).

/// A session asked for on the command line. It starts at once, or, when an unfinished
/// session is on offer, once that one is discarded (resuming it drops the request).
#[derive(Debug, Clone, PartialEq)]
pub enum Requested {
    Exam {
        questions: u32,
        minutes: u32,
    },
    Drill {
        task: String,
        topic: Option<String>,
        count: usize,
        minutes: Option<u32>,
    },
    Review {
        task: Option<String>,
        count: usize,
    },
}

impl Requested {
    /// How the resume offer names it.
    pub fn describe(&self) -> String {
        match self {
            Requested::Exam { questions, minutes } => {
                format!("the {questions}-question, {minutes}-minute mock exam")
            }
            Requested::Drill { task, topic, .. } => match topic {
                Some(topic) => format!("the drill on {task} · {topic}"),
                None => format!("the drill on task {task}"),
            },
            Requested::Review { .. } => "the review".to_string(),
        }
    }
}
