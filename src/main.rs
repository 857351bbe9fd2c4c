use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;

use certsim::bank::{self, Bank, summary::Summary};
use certsim::cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("certsim: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match &cli.command {
        Some(Command::Validate { dir }) => Ok(validate(dir.as_deref().or(cli.bank.as_deref()))),
        None => {
            let bank = load_bank(&cli)?;
            println!("{}", Summary::of(&bank));
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn load_bank(cli: &Cli) -> anyhow::Result<Bank> {
    match &cli.bank {
        Some(dir) => bank::load_dir(dir)
            .with_context(|| format!("cannot load the question bank in {}", dir.display())),
        None => bank::load_embedded().context("the embedded question bank is broken"),
    }
}

fn validate(dir: Option<&std::path::Path>) -> ExitCode {
    let loaded = match dir {
        Some(dir) => bank::load_dir(dir),
        None => bank::load_embedded(),
    };
    match loaded {
        Ok(bank) => {
            println!("{}", Summary::of(&bank));
            println!("ok: the bank is valid");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{error}");
            ExitCode::FAILURE
        }
    }
}
