use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::Parser;

use certsim::bank::{self, Bank};
use certsim::cli::{Cli, Command};
use certsim::history::{self, HistoryStore, report};
use certsim::ui::app::{App, AppOptions, Overlay, Requested};

/// `println!` for command output. Bank text can be anywhere in it, so it is made inert
/// first, as the full-screen UI draws it: no escape sequence a bank holds reaches the
/// terminal. A closed pipe (`certsim validate | head -1`) ends quietly; any other failure
/// to write (a full disk) is an error, never a panic.
macro_rules! out {
    ($($arg:tt)*) => {
        write_line(std::io::stdout(), &format!($($arg)*))
    };
}

/// `eprintln!` for messages, inert like `out!`; a vanished stderr is not a panic either.
macro_rules! err {
    ($($arg:tt)*) => {
        let _ = writeln!(std::io::stderr(), "{}", certsim::width::inert(&format!($($arg)*)));
    };
}

/// One line of output, made inert; see `out!`.
fn write_line(mut stream: impl Write, text: &str) {
    let written = writeln!(stream, "{}", certsim::width::inert(text)).and_then(|()| stream.flush());
    match written {
        Ok(()) => {}
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        Err(error) => {
            err!("certsim: cannot write to standard output: {error}");
            std::process::exit(1);
        }
    }
}

// `certsim import` and `certsim export-bank`; after the macros, which it prints with.
mod interchange_commands;
mod report_commands;

fn main() -> ExitCode {
    let mut cli = Cli::parse();
    // The configuration file fills in what flags and the environment leave open; the
    // generated completion script and manual page never need it.
    if !matches!(
        cli.command,
        Some(Command::Completions { .. } | Command::Man)
    ) {
        match certsim::config::Config::load() {
            Ok(config) => cli.apply(config),
            Err(problem) => {
                err!("certsim: {problem}");
                return ExitCode::FAILURE;
            }
        }
    }
    match run(cli) {
        Ok(code) => code,
        Err(error) => {
            // The terminal is restored by now: errors print on a normal screen (and a
            // vanished one must not turn the error into a panic, so no eprintln!).
            err!("certsim: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let command = cli.command.clone();
    match command {
        Some(Command::Validate { dir, strict }) => Ok(report_commands::validate(
            dir.as_deref().or(cli.bank.as_deref()),
            strict,
        )),
        Some(Command::Stats { format }) => report_commands::stats(&cli, format),
        Some(Command::Import(args)) => interchange_commands::import(&args),
        Some(Command::ExportBank(args)) => interchange_commands::export_bank(&cli, &args),
        Some(Command::Completions { shell }) => print_bytes(&Cli::completions(shell)),
        Some(Command::Man) => {
            print_bytes(&Cli::manual().context("could not write the manual page")?)
        }
        Some(Command::Export(args)) => {
            report_commands::export(&cli, args.attempt.as_deref(), args.format)
        }
        Some(Command::Plan(args)) => report_commands::plan(&cli, args.exam_date, args.clear),
        Some(Command::Exam(args)) => {
            let mut app = app(&cli, args.seed)?;
            if args.resume {
                if app.unfinished.is_none() {
                    // Why not, when there is a reason: moved aside as damaged (and where),
                    // open in another certsim, or another bank's.
                    let why = app
                        .session_notice()
                        .map_or_else(String::new, |notice| format!(". {notice}"));
                    bail!(
                        "there is no unfinished session to resume (data directory: {}){why}",
                        data_dir_text(&cli)
                    );
                }
                app.resume(clock(&cli).now());
            } else {
                let questions = args.questions.unwrap_or(app.bank.exam.mock.questions);
                let minutes = args.minutes.unwrap_or(app.bank.exam.mock.minutes);
                app.request(Requested::Exam { questions, minutes }, clock(&cli).now());
            }
            interactive(&cli, app)
        }
        Some(Command::Drill(args)) => {
            let mut app = app(&cli, args.seed)?;
            let exam = &app.bank.exam;
            let Some(task) = exam.task(&args.task) else {
                let known: Vec<&str> = exam.tasks.iter().map(|t| t.id.as_str()).collect();
                bail!(
                    "there is no task statement {:?}; the bank has {}",
                    args.task,
                    known.join(", ")
                );
            };
            if let Some(topic) = &args.topic
                && !task.topics.iter().any(|t| &t.id == topic)
            {
                let known: Vec<&str> = task.topics.iter().map(|t| t.id.as_str()).collect();
                bail!(
                    "task {} has no topic {topic:?}; its topics are {}",
                    task.id,
                    known.join(", ")
                );
            }
            let requested = Requested::Drill {
                task: task.id.clone(),
                topic: args.topic.clone(),
                count: args.count as usize,
                minutes: args.minutes,
            };
            app.request(requested, clock(&cli).now());
            interactive(&cli, app)
        }
        Some(Command::Review(args)) => {
            let mut app = app(&cli, args.seed)?;
            if let Some(task) = &args.task
                && app.bank.exam.task(task).is_none()
            {
                bail!("there is no task statement {task:?} in this bank");
            }
            let requested = Requested::Review {
                task: args.task.clone(),
                count: args.count as usize,
            };
            app.request(requested, clock(&cli).now());
            interactive(&cli, app)
        }
        None => interactive(&cli, app(&cli, None)?),
    }
}

/// The app on the chosen bank and data directory. An unfinished session found there is
/// offered first, whatever the command asked to start: it is never silently replaced.
fn app(cli: &Cli, seed: Option<u64>) -> anyhow::Result<App> {
    let bank = load_bank(cli)?;
    let options = AppOptions {
        seed,
        data_dir: data_dir(cli),
        bank_dir: cli.bank.clone(),
        data_dir_flag: cli.data_dir.clone(),
        zone: report::Zone::Local,
        desired_retention: cli.config.desired_retention,
        no_color: cli.config.color == Some(false),
        default_exam_date: cli.config.exam_date,
    };
    let app = App::new(bank, options, clock(cli).now());
    debug_assert!(app.unfinished.is_none() || app.overlay() == Some(Overlay::Resume));
    Ok(app)
}

/// `--data-dir` or `CERTSIM_DATA_DIR`, else the configuration file's, else the default.
fn data_dir(cli: &Cli) -> Option<PathBuf> {
    history::default_data_dir(cli.data_dir.as_deref().or(cli.config.data_dir.as_deref()))
}

fn data_dir_text(cli: &Cli) -> String {
    data_dir(cli).map_or_else(|| "none found".to_string(), |d| d.display().to_string())
}

/// Plain mode, when asked for (or when the terminal cannot show a full screen).
fn is_plain(cli: &Cli) -> bool {
    let certsim_plain = std::env::var("CERTSIM_PLAIN").ok();
    let term = std::env::var("TERM").ok();
    cli.is_plain(certsim_plain.as_deref(), term.as_deref())
}

/// The clock sessions run on: the system's, or in plain mode the test clock
/// `CERTSIM_TEST_CLOCK` names (for tests of a timed exam that runs out).
fn clock(cli: &Cli) -> certsim::plain::Clock {
    if is_plain(cli) {
        certsim::plain::Clock::from_env()
    } else {
        certsim::plain::Clock::system()
    }
}

/// The full-screen interface, or plain mode when asked for (or when the terminal cannot
/// show a full screen: `TERM=dumb`).
fn interactive(cli: &Cli, mut app: App) -> anyhow::Result<ExitCode> {
    if is_plain(cli) {
        let outcome = certsim::plain::run(
            &mut app,
            std::io::BufReader::new(std::io::stdin()),
            std::io::stdout(),
            clock(cli),
        );
        return Ok(outcome.exit_code());
    }
    let outcome = certsim::ui::run::run(&mut app)?;
    // The terminal is restored: say what was saved, where a shell will keep it in view.
    if let Some(farewell) = &app.farewell {
        let _ = writeln!(std::io::stdout(), "{}", certsim::width::inert(farewell));
    }
    Ok(outcome.exit_code())
}

fn load_bank(cli: &Cli) -> anyhow::Result<Bank> {
    match &cli.bank {
        Some(dir) => bank::cache::load_dir(dir, cli.cache_dir().as_deref())
            .with_context(|| format!("cannot load the question bank in {}", dir.display())),
        None => certsim::embedded::load().context("the embedded question bank is broken"),
    }
}

fn history_of(cli: &Cli, bank: &Bank) -> anyhow::Result<Vec<history::Attempt>> {
    Ok(all_history(cli)?
        .into_iter()
        .filter(|a| a.bank_id == bank.exam.id)
        .collect())
}

/// Every attempt on record, whatever bank it was made on.
fn all_history(cli: &Cli) -> anyhow::Result<Vec<history::Attempt>> {
    let Some(dir) = data_dir(cli) else {
        bail!("no data directory: pass --data-dir DIR or set CERTSIM_DATA_DIR");
    };
    let loaded = HistoryStore::new(&dir)
        .load()
        .context("cannot read the history")?;
    for problem in &loaded.problems {
        err!("certsim: {problem}");
    }
    Ok(loaded.attempts)
}

/// Generated text (a completion script, the manual) to standard output; a closed pipe ends
/// quietly, as everywhere else.
fn print_bytes(bytes: &[u8]) -> anyhow::Result<ExitCode> {
    use std::io::Write as _;
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(error) => Err(error).context("could not write to standard output"),
    }
}
