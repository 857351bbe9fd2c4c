//! Drafts from any reader into a certsim bank: exam.toml (task statements and topics from
//! the drafts' labels, `[mock]` and `[scoring]` defaults) and one question file. Keys with
//! no value are left out, never filled with placeholders. The bank loader has the last
//! word: a question it rejects is skipped with its reason, so what is written validates.

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::path::Path;

use super::toml_text::{array, string};
use super::{Draft, ReadError, SourceFormat, read};
use crate::bank::{self, BankFile};

/// What the command line says about the bank to write.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    pub format: SourceFormat,
    /// The task statement of questions whose source names none.
    pub task: String,
    /// The exam's title [default: the first file's name].
    pub title: Option<String>,
}

/// A question left out, where it is and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkipReport {
    pub file: String,
    pub line: usize,
    pub reason: String,
}

impl fmt::Display for SkipReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: skipped {}", self.file, self.line, self.reason)
    }
}

/// The bank's files, ready to write into a folder, and what was left out.
#[derive(Debug)]
pub struct Imported {
    pub files: Vec<BankFile>,
    pub questions: usize,
    pub skipped: Vec<SkipReport>,
}

#[derive(Debug)]
pub enum ImportError {
    /// A file that cannot be read in its format.
    Read { file: String, error: ReadError },
    /// Every question was skipped (or there were none): the skipped ones, to list.
    Nothing(Vec<SkipReport>),
    /// The bank written breaks a rule that is not one question's: a fault of certsim's.
    Bank(String),
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Read { file, error } => write!(f, "{file}:{error}"),
            ImportError::Nothing(_) => write!(
                f,
                "no question could be imported — check the --from format, and see the skipped questions above"
            ),
            ImportError::Bank(problems) => write!(
                f,
                "the imported bank does not validate (please report this):\n{problems}"
            ),
        }
    }
}

impl std::error::Error for ImportError {}

/// A draft with the file it came from and its id in the bank.
struct Placed {
    file: String,
    id: String,
    draft: Draft,
}

/// Reads every source in `options.format` and builds the bank.
pub fn import(sources: &[BankFile], options: &ImportOptions) -> Result<Imported, ImportError> {
    let mut placed = Vec::new();
    let mut skipped = Vec::new();
    let mut taken = HashSet::new();
    for source in sources {
        let read = read(options.format, &source.text).map_err(|error| ImportError::Read {
            file: source.name.clone(),
            error,
        })?;
        skipped.extend(read.skipped.into_iter().map(|s| SkipReport {
            file: source.name.clone(),
            line: s.line,
            reason: s.reason,
        }));
        let stem = file_stem(&source.name);
        for (index, draft) in read.drafts.into_iter().enumerate() {
            let base = draft
                .name
                .as_deref()
                .and_then(id_safe)
                .unwrap_or_else(|| format!("{stem}-{:03}", index + 1));
            let id = unique(&base, &mut taken);
            placed.push(Placed {
                file: source.name.clone(),
                id,
                draft,
            });
        }
    }
    let title = options.title.clone().unwrap_or_else(|| {
        sources
            .first()
            .map_or_else(|| "Imported questions".into(), |s| file_stem(&s.name))
    });
    // The loader decides: a question it rejects is skipped with its reason, and the bank is
    // built again without it (one more pass at most per rejected question).
    loop {
        if placed.is_empty() {
            skipped.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
            return Err(ImportError::Nothing(skipped));
        }
        let files = bank_files(&placed, options, &title);
        let problems = match bank::load_files(files.clone()) {
            Ok(_) => {
                skipped.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
                return Ok(Imported {
                    files,
                    questions: placed.len(),
                    skipped,
                });
            }
            Err(error) => error,
        };
        let mut rejected: BTreeMap<String, String> = BTreeMap::new();
        for problem in &problems.problems {
            if let Some(id) = &problem.question {
                rejected
                    .entry(id.clone())
                    .or_insert_with(|| format!("{} — {}", problem.message, problem.hint));
            }
        }
        if rejected.is_empty() {
            return Err(ImportError::Bank(problems.to_string()));
        }
        placed.retain(|p| match rejected.get(&p.id) {
            Some(reason) => {
                skipped.push(SkipReport {
                    file: p.file.clone(),
                    line: p.draft.line,
                    reason: format!("question {:?}: {reason}", p.id),
                });
                false
            }
            None => true,
        });
    }
}

/// Lowercase letters, digits, `-`, `.` and `_`; anything else becomes one `-`. `None` when
/// nothing is left.
pub fn id_safe(text: &str) -> Option<String> {
    let mut id = String::with_capacity(text.len());
    for c in text.trim().chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-') {
            id.push(c);
        } else if !id.ends_with('-') {
            id.push('-');
        }
    }
    let id = id.trim_matches('-').to_string();
    (!id.is_empty()).then_some(id)
}

/// `base`, or `base-2`, `base-3` … whichever is not taken yet.
fn unique(base: &str, taken: &mut HashSet<String>) -> String {
    let mut id = base.to_string();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    taken.insert(id.clone());
    id
}

fn file_stem(name: &str) -> String {
    Path::new(name)
        .file_stem()
        .map_or_else(|| "questions".into(), |s| s.to_string_lossy().into_owned())
}

/// A task statement's topics, in order of first use.
struct TaskEntry {
    id: String,
    title: String,
    topics: Vec<(String, String)>,
}

/// exam.toml and questions.toml for `placed`.
fn bank_files(placed: &[Placed], options: &ImportOptions, title: &str) -> Vec<BankFile> {
    let mut tasks: Vec<TaskEntry> = Vec::new();
    let mut topic_ids: HashSet<String> = HashSet::new();
    let mut questions =
        String::from("# Imported by certsim; see README.md, \"The bank format\".\n");
    for p in placed {
        let label = p
            .draft
            .task
            .as_deref()
            .map(str::trim)
            .filter(|l| !l.is_empty());
        let (task_id, task_title) = match label {
            Some(label) => (
                id_safe(label).unwrap_or_else(|| options.task.clone()),
                label.to_string(),
            ),
            None => (options.task.clone(), title.to_string()),
        };
        let task_index = match tasks.iter().position(|t| t.id == task_id) {
            Some(index) => index,
            None => {
                tasks.push(TaskEntry {
                    id: task_id.clone(),
                    title: task_title,
                    topics: Vec::new(),
                });
                tasks.len() - 1
            }
        };
        let topic = p
            .draft
            .topic
            .as_deref()
            .map(str::trim)
            .filter(|l| !l.is_empty());
        let topic_id = topic.and_then(|label| {
            let task = tasks.get_mut(task_index)?;
            if let Some((id, _)) = task.topics.iter().find(|(_, t)| t == label) {
                return Some(id.clone());
            }
            let base = id_safe(label)?;
            // Topic ids are unique across the exam; another task's topic of the same name
            // gets this task's id in front.
            let id = if topic_ids.contains(&base) {
                unique(&format!("{task_id}-{base}"), &mut topic_ids)
            } else {
                unique(&base, &mut topic_ids)
            };
            task.topics.push((id.clone(), label.to_string()));
            Some(id)
        });
        question_toml(&mut questions, p, &task_id, topic_id.as_deref());
    }
    vec![
        BankFile {
            name: bank::EXAM_FILE.to_string(),
            text: exam_toml(title, &tasks, placed.len()),
        },
        BankFile {
            name: "questions.toml".to_string(),
            text: questions,
        },
    ]
}

fn exam_toml(title: &str, tasks: &[TaskEntry], count: usize) -> String {
    let questions = count.clamp(1, 65);
    let mut out = format!(
        "# Imported by certsim; see README.md, \"The bank format\".\nid = {}\ntitle = {}\n\n\
         [mock]\nquestions = {questions}\nminutes = {}\n\n\
         [scoring]\nmin = 100\nmax = 1000\npass = 720\n",
        string(&id_safe(title).unwrap_or_else(|| "imported".into())),
        string(title),
        questions * 2,
    );
    for task in tasks {
        out.push_str(&format!(
            "\n[[task]]\nid = {}\ntitle = {}\nweight = 1\n",
            string(&task.id),
            string(&task.title)
        ));
        if !task.topics.is_empty() {
            out.push_str("topics = [\n");
            for (id, title) in &task.topics {
                out.push_str(&format!(
                    "  {{ id = {}, title = {} }},\n",
                    string(id),
                    string(title)
                ));
            }
            out.push_str("]\n");
        }
    }
    out
}

fn question_toml(out: &mut String, placed: &Placed, task: &str, topic: Option<&str>) {
    let draft = &placed.draft;
    out.push_str(&format!(
        "\n[[question]]\nid = {}\ntask = {}\n",
        string(&placed.id),
        string(task)
    ));
    if let Some(topic) = topic {
        out.push_str(&format!("topic = {}\n", string(topic)));
    }
    if !draft.services.is_empty() {
        out.push_str(&format!("services = {}\n", array(&draft.services)));
    }
    if let Some(difficulty) = &draft.difficulty {
        out.push_str(&format!("difficulty = {}\n", string(difficulty)));
    }
    out.push_str(&format!("prompt = {}\n", string(&draft.prompt)));
    if let Some(explanation) = &draft.explanation {
        out.push_str(&format!("explanation = {}\n", string(explanation)));
    }
    if !draft.references.is_empty() {
        out.push_str(&format!("references = {}\n", array(&draft.references)));
    }
    for option in &draft.options {
        out.push_str(&format!(
            "\n[[question.option]]\ntext = {}\ncorrect = {}\n",
            string(&option.text),
            option.correct
        ));
        if let Some(why) = &option.why {
            out.push_str(&format!("why = {}\n", string(why)));
        }
    }
}

#[cfg(test)]
#[path = "to_bank_tests.rs"]
mod tests;
