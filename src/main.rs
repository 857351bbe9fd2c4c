use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use chrono::Utc;
use clap::Parser;

use certsim::bank::{self, Bank, summary::Summary};
use certsim::cli::{Cli, Command, ExportFormat, StatsFormat};
use certsim::history::{self, HistoryStore, Stats, report};
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
        Some(Command::Validate { dir, strict }) => {
            Ok(validate(dir.as_deref().or(cli.bank.as_deref()), strict))
        }
        Some(Command::Stats { format }) => stats(&cli, format),
        Some(Command::Import(args)) => interchange_commands::import(&args),
        Some(Command::ExportBank(args)) => interchange_commands::export_bank(&cli, &args),
        Some(Command::Completions { shell }) => print_bytes(&Cli::completions(shell)),
        Some(Command::Man) => {
            print_bytes(&Cli::manual().context("could not write the manual page")?)
        }
        Some(Command::Export(args)) => export(&cli, args.attempt.as_deref(), args.format),
        Some(Command::Plan(args)) => plan(&cli, args.exam_date, args.clear),
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

/// The exam date kept in the data directory (none without a data directory).
fn exam_date(cli: &Cli) -> anyhow::Result<Option<chrono::NaiveDate>> {
    let kept = match data_dir(cli) {
        Some(dir) => history::PlanStore::new(dir)
            .load()
            .map_err(|problem| anyhow::anyhow!("{problem}"))?,
        None => None,
    };
    // One set with `certsim plan` or Settings, else the configuration file's.
    Ok(kept.or(cli.config.exam_date))
}

/// What review is scheduled against now, with the configured retention.
fn schedule(cli: &Cli, exam_date: Option<chrono::NaiveDate>) -> history::Schedule {
    history::Schedule {
        exam_date,
        desired_retention: cli
            .config
            .desired_retention
            .unwrap_or(history::DEFAULT_RETENTION),
        ..history::Schedule::at(Utc::now())
    }
}

/// `certsim plan`: sets or clears the exam date, then prints today's plan.
fn plan(cli: &Cli, set: Option<chrono::NaiveDate>, clear: bool) -> anyhow::Result<ExitCode> {
    let Some(dir) = data_dir(cli) else {
        bail!("no data directory: pass --data-dir DIR or set CERTSIM_DATA_DIR");
    };
    let store = history::PlanStore::new(&dir);
    if clear {
        store.clear().context("cannot clear the exam date")?;
        out!("The exam date is cleared.");
    }
    if let Some(date) = set {
        store.save(date).context("cannot keep the exam date")?;
        out!("The exam date is {}.", date.format("%Y-%m-%d"));
    }
    let bank = load_bank(cli)?;
    let attempts = history_of(cli, &bank)?;
    let exam_date = exam_date(cli)?;
    let mastery = history::Mastery::compute(&bank, &attempts, schedule(cli, exam_date));
    let stats = Stats::compute_with(&bank, &attempts, &mastery);
    let plan = history::Plan::today(&bank, &mastery, &stats, exam_date);
    out!("{}", bank.exam.title);
    out!("{}", plan.line());
    if let Some(next) = mastery.next_due().filter(|_| plan.due_reviews == 0) {
        out!("Next review {}", report::time_until(Utc::now(), next));
    }
    Ok(ExitCode::SUCCESS)
}

fn stats(cli: &Cli, format: StatsFormat) -> anyhow::Result<ExitCode> {
    let bank = load_bank(cli)?;
    let attempts = history_of(cli, &bank)?;
    let exam_date = exam_date(cli)?;
    let mastery = history::Mastery::compute(&bank, &attempts, schedule(cli, exam_date));
    let stats = Stats::compute_with(&bank, &attempts, &mastery);
    if format == StatsFormat::Json {
        let json = history::stats_json::StatsJson::new(&bank, &stats, &mastery, exam_date);
        out!("{}", json.to_json()?);
        return Ok(ExitCode::SUCCESS);
    }
    out!("{}", bank.exam.title);
    for line in report::summary_lines(&stats) {
        out!("{line}");
    }
    for line in report::analytics_lines(&stats.analytics) {
        out!("{line}");
    }
    if !stats.mock_scores.is_empty() {
        out!("Mock exams (oldest first):");
        for score in &stats.mock_scores {
            let verdict = if score.passed { "PASS" } else { "FAIL" };
            out!(
                "  {}  {}  {verdict}  {}",
                report::Zone::Local.format(score.started_at, "%Y-%m-%d %H:%M"),
                score.scaled,
                score.attempt_id
            );
        }
    }
    out!("Attempts (newest first):");
    let mut sorted = attempts;
    sorted.sort_by_key(|a| std::cmp::Reverse(a.started_at));
    for attempt in &sorted {
        out!(
            "  {}  {}",
            report::attempt_row(attempt, report::Zone::Local),
            attempt.id
        );
    }
    if sorted.is_empty() {
        out!("  none yet");
    }
    Ok(ExitCode::SUCCESS)
}

fn export(cli: &Cli, attempt: Option<&str>, format: ExportFormat) -> anyhow::Result<ExitCode> {
    let bank = load_bank(cli)?;
    let attempts = history_of(cli, &bank)?;
    let text = match attempt {
        Some(id) => {
            let Some(attempt) = attempts.iter().find(|a| a.id == id) else {
                if let Some(other) = all_history(cli)?.into_iter().find(|a| a.id == id) {
                    bail!(
                        "attempt {id:?} was made on the bank {:?}, not on {:?}: pass --bank with that bank's folder",
                        other.bank_id,
                        bank.exam.id
                    );
                }
                bail!("no attempt {id:?} in the history; `certsim stats` lists the attempt ids");
            };
            match format {
                ExportFormat::Markdown => history::attempt_markdown(&bank, attempt),
                ExportFormat::Json => history::attempt_json(&bank, attempt)?,
            }
        }
        None => match format {
            ExportFormat::Markdown => history::history_markdown(&bank, &attempts),
            ExportFormat::Json => history::history_json(&bank, &attempts)?,
        },
    };
    out!("{text}");
    Ok(ExitCode::SUCCESS)
}

/// How many of a personal bank's gaps `validate` lists without `--strict`.
const GAPS_LISTED: usize = 5;

fn validate(dir: Option<&Path>, strict: bool) -> ExitCode {
    let loaded = match dir {
        Some(dir) => bank::load_dir(dir),
        None => bank::load_files(certsim::embedded::files()),
    };
    match loaded {
        Ok(bank) => {
            out!("{}", Summary::of(&bank));
            for warning in bank::lint::warnings(&bank) {
                out!("warning: {warning}");
            }
            let gaps = bank::lint::missing(&bank);
            if strict && !gaps.is_empty() {
                for gap in &gaps {
                    err!("{gap}");
                }
                err!(
                    "{} problem{} with --strict: every option needs a why, and every question an explanation, references, a difficulty, services and a topic",
                    gaps.len(),
                    if gaps.len() == 1 { "" } else { "s" }
                );
                return ExitCode::FAILURE;
            }
            for gap in gaps.iter().take(GAPS_LISTED) {
                out!("warning: {gap}");
            }
            if gaps.len() > GAPS_LISTED {
                out!(
                    "warning: and {} more like these (certsim validate --strict lists them all)",
                    gaps.len() - GAPS_LISTED
                );
            }
            out!(
                "ok: the bank is valid{}",
                if strict { " (strict)" } else { "" }
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            err!("{error}");
            ExitCode::FAILURE
        }
    }
}
