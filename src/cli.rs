//! The command line: global flags and subcommands.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Debug, Clone, Parser)]
#[command(
    name = "certsim",
    version,
    about = "A terminal practice-exam simulator: timed mock exams, drills and review of missed questions",
    long_about = "A terminal practice-exam simulator. Without a command it opens the home screen on the \
                  question bank embedded in the binary (or the one given with --bank)."
)]
pub struct Cli {
    /// Load the question bank from this folder (exam.toml plus question files) instead of the embedded one
    #[arg(long, global = true, value_name = "DIR")]
    pub bank: Option<PathBuf>,

    /// Where certsim keeps its state (history, unfinished sessions) [default: the platform data directory]
    #[arg(long, global = true, value_name = "DIR", env = "CERTSIM_DATA_DIR")]
    pub data_dir: Option<PathBuf>,

    /// Where certsim caches parsed --bank folders, rebuilt whenever a file changes [default: the platform cache directory]
    #[arg(long, global = true, value_name = "DIR", env = "CERTSIM_CACHE_DIR")]
    pub cache_dir: Option<PathBuf>,

    /// Parse the --bank folder from its files without reading or writing the cache
    #[arg(long, global = true)]
    pub no_cache: bool,

    /// Plain mode: every job as lines of text, one command a line from standard input (for
    /// screen readers, braille displays and scripts; also with TERM=dumb or CERTSIM_PLAIN=1)
    #[arg(long, global = true)]
    pub plain: bool,

    #[command(subcommand)]
    pub command: Option<Command>,

    /// The configuration file's settings (not a flag): what flags and the environment leave
    /// open.
    #[arg(skip)]
    pub config: crate::config::Config,
}

impl Cli {
    /// Whether to run in plain mode: `--plain`, else `CERTSIM_PLAIN` (1 or true), else
    /// `TERM=dumb`, else the configuration file's `plain`.
    pub fn is_plain(&self, certsim_plain: Option<&str>, term: Option<&str>) -> bool {
        if self.plain {
            return true;
        }
        match certsim_plain.map(str::trim) {
            Some("1" | "true" | "yes") => return true,
            Some("0" | "false" | "no") => return false,
            _ => {}
        }
        term == Some("dumb") || self.config.plain == Some(true)
    }

    /// Takes the configuration file's values where no flag or environment variable set
    /// one: flags override the environment, which overrides the file.
    pub fn apply(&mut self, config: crate::config::Config) {
        if self.bank.is_none() {
            self.bank = config.bank.clone();
        }
        self.config = config;
    }

    /// The bank cache folder: none with `--no-cache`, else `--cache-dir` /
    /// `CERTSIM_CACHE_DIR`, else the platform's (`~/.cache/certsim`,
    /// `~/Library/Caches/certsim`, `%LOCALAPPDATA%\certsim\cache`).
    pub fn cache_dir(&self) -> Option<PathBuf> {
        if self.no_cache {
            return None;
        }
        match &self.cache_dir {
            Some(dir) if !dir.as_os_str().is_empty() => Some(dir.clone()),
            _ => directories::ProjectDirs::from("", "", "certsim")
                .map(|dirs| dirs.cache_dir().to_path_buf()),
        }
    }
}

#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Check a question bank and print what it holds; exit 1 listing every problem if it is broken
    Validate {
        /// The bank folder to check [default: the embedded bank, or --bank]
        dir: Option<PathBuf>,
        /// Keep every rule of the shipped bank: a missing why, explanation, reference,
        /// difficulty, service or topic is an error, not a warning
        #[arg(long)]
        strict: bool,
    },
    /// Start a timed mock exam straight away
    Exam(ExamArgs),
    /// Drill one task statement (or one of its topics) with feedback after every question
    Drill(DrillArgs),
    /// Review the questions you got wrong, until they are mastered
    Review(ReviewArgs),
    /// Print the history summary (accuracy, weakest topics, mastery, readiness), as text or
    /// as one JSON object
    Stats {
        /// text (the default) or json (keys documented in the README)
        #[arg(long, value_enum, default_value_t = StatsFormat::Text)]
        format: StatsFormat,
    },
    /// Write one attempt's full report, or every attempt's, to standard output
    Export(ExportArgs),
    /// Set or clear the exam date, or print today's plan (the reviews due and the new
    /// questions a day that show every question before the exam)
    Plan(PlanArgs),
    // Questions in other tools' formats (src/interchange).
    /// Turn GIFT, Aiken, Moodle XML or CSV questions into a certsim bank folder; exit 3 when
    /// some questions could not be represented (each listed on stderr with its file:line)
    Import(ImportArgs),
    /// Write a bank as GIFT, Moodle XML or an Anki text-import file
    ExportBank(ExportBankArgs),
    /// Print a shell completion script to standard output (see the README for where it goes)
    Completions {
        /// The shell to complete for
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print certsim's manual page (roff) to standard output, e.g. `certsim man > certsim.1`
    Man,
}

impl Cli {
    /// The completion script for `shell`, as bytes ready to print.
    pub fn completions(shell: clap_complete::Shell) -> Vec<u8> {
        let mut command = <Cli as clap::CommandFactory>::command();
        let mut script = Vec::new();
        clap_complete::generate(shell, &mut command, "certsim", &mut script);
        script
    }

    /// The manual page in roff, as bytes ready to print.
    pub fn manual() -> std::io::Result<Vec<u8>> {
        let mut page = Vec::new();
        clap_mangen::Man::new(<Cli as clap::CommandFactory>::command()).render(&mut page)?;
        Ok(page)
    }
}

#[derive(Debug, Clone, clap::Args)]
pub struct DrillArgs {
    /// The task statement to drill, e.g. 4.2
    #[arg(long, value_name = "ID")]
    pub task: String,

    /// Only this topic of the task statement (see `certsim validate` for topic ids)
    #[arg(long, value_name = "ID")]
    pub topic: Option<String>,

    /// How many questions
    #[arg(long, value_name = "N", default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..=999))]
    pub count: u32,

    /// A time limit in minutes [default: untimed]
    #[arg(long, value_name = "M", value_parser = clap::value_parser!(u32).range(1..=999))]
    pub minutes: Option<u32>,

    /// Fix the random choices (tie order, option order)
    #[arg(long, value_name = "S")]
    pub seed: Option<u64>,
}

#[derive(Debug, Clone, clap::Args)]
pub struct ReviewArgs {
    /// Only missed questions of this task statement
    #[arg(long, value_name = "ID")]
    pub task: Option<String>,

    /// How many questions at most
    #[arg(long, value_name = "N", default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..=999))]
    pub count: u32,

    /// Fix the random choices (tie order, option order)
    #[arg(long, value_name = "S")]
    pub seed: Option<u64>,
}

#[derive(Debug, Clone, clap::Args)]
pub struct PlanArgs {
    /// The day of the real exam, as YYYY-MM-DD
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_exam_date, conflicts_with = "clear")]
    pub exam_date: Option<chrono::NaiveDate>,
    /// Forget the exam date
    #[arg(long)]
    pub clear: bool,
}

fn parse_exam_date(text: &str) -> Result<chrono::NaiveDate, String> {
    crate::history::plan::parse_date(text)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StatsFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Markdown,
    Json,
}

#[derive(Debug, Clone, clap::Args)]
pub struct ExportArgs {
    /// The attempt's id (as `certsim stats` lists it) [default: every attempt]
    #[arg(long, value_name = "ID")]
    pub attempt: Option<String>,

    #[arg(long, value_enum, default_value_t = ExportFormat::Markdown)]
    pub format: ExportFormat,
}

#[derive(Debug, Clone, clap::Args)]
pub struct ExamArgs {
    /// How many questions [default: `questions` of [mock] in exam.toml]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=999))]
    pub questions: Option<u32>,

    /// How many minutes [default: `minutes` of [mock] in exam.toml]
    #[arg(long, value_name = "M", value_parser = clap::value_parser!(u32).range(1..=999))]
    pub minutes: Option<u32>,

    /// Replay an exam: the same bank and seed give the same questions in the same order
    #[arg(long, value_name = "S", conflicts_with = "resume")]
    pub seed: Option<u64>,

    /// Resume the unfinished session instead of starting a new exam
    #[arg(long, conflicts_with_all = ["questions", "minutes"])]
    pub resume: bool,
}

// Questions in other tools' formats (src/interchange).

#[derive(Debug, Clone, clap::Args)]
pub struct ImportArgs {
    /// The files to read, all in the --from format
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Their format
    #[arg(long, value_enum)]
    pub from: crate::interchange::SourceFormat,

    /// The task statement of questions whose file names none (no category, no task column)
    #[arg(long, value_name = "ID", default_value = "1")]
    pub task: String,

    /// The exam's title [default: the first file's name]
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,

    /// The bank folder to write: new or empty
    #[arg(short, long, value_name = "DIR")]
    pub output: PathBuf,
}

#[derive(Debug, Clone, clap::Args)]
pub struct ExportBankArgs {
    /// The format to write
    #[arg(long, value_enum)]
    pub to: crate::interchange::TargetFormat,

    /// The bank folder to export [default: the embedded bank, or --bank]
    pub dir: Option<PathBuf>,

    /// The file to write
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
}
