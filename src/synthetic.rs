//! Synthetic banks in the documented format, for benchmarks and load tests: realistic text
//! lengths (a ~250-character prompt, 4–6 options, a `why` each), deterministic for a seed.

use rand::rngs::Xoshiro256PlusPlus;
use rand::seq::IndexedRandom;
use rand::{RngExt, SeedableRng};

use crate::bank::BankFile;

const WORDS: &[&str] = &[
    "pipeline",
    "stream",
    "partition",
    "shard",
    "cluster",
    "query",
    "table",
    "bucket",
    "metric",
    "alarm",
    "latency",
    "throughput",
    "schema",
    "crawler",
    "workflow",
    "event",
    "function",
    "capacity",
    "storage",
    "cost",
    "replica",
    "snapshot",
    "lifecycle",
    "compression",
    "format",
    "the",
    "a",
    "with",
    "for",
    "each",
    "every",
    "daily",
    "hourly",
    "must",
    "should",
    "without",
    "data",
    "engineer",
    "company",
    "records",
    "files",
    "jobs",
    "errors",
    "retries",
    "limits",
];

fn sentence(rng: &mut Xoshiro256PlusPlus, characters: usize) -> String {
    let mut text = String::with_capacity(characters + 16);
    while text.len() < characters {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(WORDS.choose(rng).copied().unwrap_or("data"));
    }
    text.push('.');
    text
}

/// Questions per file unless told otherwise: about the size of a hand-written bank's files.
pub const PER_FILE: usize = 1000;

/// A bank of `questions` questions over 3 task statements of 6 topics each, split into
/// files of at most [`PER_FILE`] questions.
pub fn generate(questions: usize, seed: u64) -> Vec<BankFile> {
    generate_split(questions, PER_FILE, seed)
}

/// [`generate`] with at most `per_file` questions a file (at least 1).
pub fn generate_split(questions: usize, per_file: usize, seed: u64) -> Vec<BankFile> {
    let per_file = per_file.max(1);
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let mut exam = String::from(
        "id = \"synthetic\"\ntitle = \"Synthetic benchmark exam\"\n\n[mock]\nquestions = 65\nminutes = 130\n\n\
         [scoring]\nmin = 100\nmax = 1000\npass = 720\n",
    );
    for task in 1..=3 {
        exam.push_str(&format!(
            "\n[[task]]\nid = \"{task}\"\ntitle = \"Task {task}\"\nweight = 1\ntopics = [\n"
        ));
        for topic in 1..=6 {
            exam.push_str(&format!(
                "  {{ id = \"t{task}-{topic}\", title = \"Topic {task}.{topic}\" }},\n"
            ));
        }
        exam.push_str("]\n");
    }
    let mut files = vec![BankFile {
        name: "synthetic/exam.toml".into(),
        text: exam,
    }];
    for (chunk, start) in (0..questions).step_by(per_file).enumerate() {
        let mut text = String::new();
        for index in start..(start + per_file).min(questions) {
            let task = index % 3 + 1;
            let topic = index / 3 % 6 + 1;
            let options = rng.random_range(4..=6usize);
            let correct = if options == 4 { 1 } else { 2 };
            text.push_str(&format!(
                "[[question]]\nid = \"q-{index:05}\"\ntask = \"{task}\"\ntopic = \"t{task}-{topic}\"\n\
                 services = [\"Amazon S3\"]\ndifficulty = \"medium\"\nprompt = \"\"\"\n{}\n\"\"\"\n\
                 explanation = \"{}\"\nreferences = [\"https://docs.aws.amazon.com/\"]\n",
                sentence(&mut rng, 250),
                sentence(&mut rng, 200)
            ));
            for option in 0..options {
                text.push_str(&format!(
                    "\n[[question.option]]\ntext = \"{option}: {}\"\ncorrect = {}\nwhy = \"{}\"\n",
                    sentence(&mut rng, 80),
                    option < correct,
                    sentence(&mut rng, 120)
                ));
            }
            text.push('\n');
        }
        files.push(BankFile {
            name: format!("synthetic/questions-{chunk:04}.toml"),
            text,
        });
    }
    files
}

/// Writes a generated bank into `dir` (created), for whole-process measurements.
pub fn write(
    dir: &std::path::Path,
    questions: usize,
    per_file: usize,
    seed: u64,
) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for file in generate_split(questions, per_file, seed) {
        let name = file.name.trim_start_matches("synthetic/");
        std::fs::write(dir.join(name), file.text)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_bank_is_valid_and_sized_as_asked() {
        let bank = crate::bank::load_files(generate(1200, 1)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(bank.questions.len(), 1200);
        let prompt = bank.questions[0].prompt.len();
        assert!((240..300).contains(&prompt), "{prompt}");
        assert_eq!(generate(10, 7), generate(10, 7));
    }
}
