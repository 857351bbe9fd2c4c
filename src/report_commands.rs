//! The commands that print and end: `stats`, `plan`, `export` and `validate`, around the
//! engine's history, plan and bank checks. Everything printed goes through `out!`/`err!`.

use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, bail};
use chrono::Utc;

use certsim::bank::{self, summary::Summary};
use certsim::cli::{Cli, ExportFormat, StatsFormat};
use certsim::history::{self, Stats, report};

use crate::{all_history, data_dir, history_of, load_bank, write_line};

/// The exam date kept in the data directory (none without a data directory).
pub fn exam_date(cli: &Cli) -> anyhow::Result<Option<chrono::NaiveDate>> {
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
pub fn schedule(cli: &Cli, exam_date: Option<chrono::NaiveDate>) -> history::Schedule {
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
pub fn plan(cli: &Cli, set: Option<chrono::NaiveDate>, clear: bool) -> anyhow::Result<ExitCode> {
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

pub fn stats(cli: &Cli, format: StatsFormat) -> anyhow::Result<ExitCode> {
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

pub fn export(cli: &Cli, attempt: Option<&str>, format: ExportFormat) -> anyhow::Result<ExitCode> {
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

pub fn validate(dir: Option<&Path>, strict: bool) -> ExitCode {
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
