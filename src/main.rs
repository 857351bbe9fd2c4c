use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use chrono::Utc;
use clap::Parser;

use certsim::bank::{self, Bank, summary::Summary};
use certsim::cli::{Cli, Command};
use certsim::ui::app::{App, AppOptions};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(error) => {
            // The terminal is restored by now: errors print on a normal screen.
            eprintln!("certsim: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match &cli.command {
        Some(Command::Validate { dir }) => Ok(validate(dir.as_deref().or(cli.bank.as_deref()))),
        Some(Command::Exam(args)) => {
            let bank = load_bank(&cli)?;
            let questions = args.questions.unwrap_or(bank.exam.mock.questions);
            let minutes = args.minutes.unwrap_or(bank.exam.mock.minutes);
            let mut app = App::new(bank, AppOptions { seed: args.seed }, Utc::now());
            app.start_exam(questions, minutes, Utc::now());
            interactive(app)
        }
        None => {
            let bank = load_bank(&cli)?;
            interactive(App::new(bank, AppOptions::default(), Utc::now()))
        }
    }
}

fn interactive(mut app: App) -> anyhow::Result<ExitCode> {
    certsim::ui::run::run(&mut app)?;
    // 130 is the shell's convention for a program ended by Ctrl-C.
    Ok(if app.interrupted {
        ExitCode::from(130)
    } else {
        ExitCode::SUCCESS
    })
}

fn load_bank(cli: &Cli) -> anyhow::Result<Bank> {
    match &cli.bank {
        Some(dir) => bank::load_dir(dir)
            .with_context(|| format!("cannot load the question bank in {}", dir.display())),
        None => bank::load_embedded().context("the embedded question bank is broken"),
    }
}

fn validate(dir: Option<&Path>) -> ExitCode {
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
