//! The command line: global flags and subcommands.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
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

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a question bank and print what it holds; exit 1 listing every problem if it is broken
    Validate {
        /// The bank folder to check [default: the embedded bank, or --bank]
        dir: Option<PathBuf>,
    },
    /// Start a timed mock exam straight away
    Exam(ExamArgs),
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
    #[arg(long, value_name = "S")]
    pub seed: Option<u64>,
}
