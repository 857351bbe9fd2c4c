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
}
