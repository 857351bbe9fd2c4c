//! `certsim import` and `certsim export-bank`: files in, files out, around the engine in
//! `certsim::interchange`. Everything printed goes through `out!` and `err!`.

use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, bail};

use certsim::bank::{self, BankFile, limits};
use certsim::cli::{Cli, ExportBankArgs, ImportArgs};
use certsim::interchange::{self, ImportError, ImportOptions};

use crate::write_line;

/// The exit status when some questions could not be carried over (listed on stderr).
const SOME_SKIPPED: u8 = 3;

pub fn import(args: &ImportArgs) -> anyhow::Result<ExitCode> {
    let mut sources = Vec::with_capacity(args.files.len());
    for path in &args.files {
        sources.push(BankFile {
            name: path.display().to_string(),
            text: read_text(path)?,
        });
    }
    ensure_empty_folder(&args.output)?;
    let options = ImportOptions {
        format: args.from,
        task: args.task.clone(),
        title: args.title.clone(),
    };
    let imported = match interchange::import(&sources, &options) {
        Ok(imported) => imported,
        Err(ImportError::Nothing(skipped)) => {
            for report in &skipped {
                err!("certsim: {report}");
            }
            bail!("{}", ImportError::Nothing(Vec::new()));
        }
        Err(error) => bail!("{error}"),
    };
    std::fs::create_dir_all(&args.output)
        .with_context(|| format!("cannot create {}", args.output.display()))?;
    for file in &imported.files {
        let path = args.output.join(&file.name);
        std::fs::write(&path, &file.text)
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    for report in &imported.skipped {
        err!("certsim: {report}");
    }
    out!(
        "Imported {} question{} into {}; {} skipped. Check it with: certsim validate {}",
        imported.questions,
        if imported.questions == 1 { "" } else { "s" },
        args.output.display(),
        imported.skipped.len(),
        args.output.display()
    );
    Ok(exit_status(imported.skipped.is_empty()))
}

pub fn export_bank(cli: &Cli, args: &ExportBankArgs) -> anyhow::Result<ExitCode> {
    let bank = match args.dir.as_deref().or(cli.bank.as_deref()) {
        Some(dir) => bank::load_dir(dir)
            .map_err(|error| anyhow::anyhow!("{error}"))
            .with_context(|| format!("cannot load the question bank in {}", dir.display()))?,
        None => certsim::embedded::load().context("the embedded question bank is broken")?,
    };
    let exported = interchange::export(&bank, args.to);
    std::fs::write(&args.output, &exported.text)
        .with_context(|| format!("cannot write {}", args.output.display()))?;
    for question in &exported.left_out {
        err!("certsim: left out {question}: only choice questions are exported");
    }
    out!(
        "Wrote {} question{} to {}.",
        exported.questions,
        if exported.questions == 1 { "" } else { "s" },
        args.output.display()
    );
    Ok(exit_status(exported.left_out.is_empty()))
}

fn exit_status(complete: bool) -> ExitCode {
    if complete {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(SOME_SKIPPED)
    }
}

/// A source file's text; a file larger than a whole bank may be is refused unread.
fn read_text(path: &Path) -> anyhow::Result<String> {
    let size = std::fs::metadata(path)
        .with_context(|| format!("cannot read {}", path.display()))?
        .len();
    if size > limits::MAX_BANK_BYTES as u64 {
        bail!(
            "{} is {size} bytes; certsim reads at most {} bytes — split it into smaller files",
            path.display(),
            limits::MAX_BANK_BYTES
        );
    }
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    String::from_utf8(bytes).map_err(|error| {
        let at = error.utf8_error().valid_up_to();
        let line = error.as_bytes()[..at]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        anyhow::anyhow!(
            "{}:{line}: the file is not UTF-8 text — save it as UTF-8",
            path.display()
        )
    })
}

/// The output folder must not hold anything yet: an import never overwrites files.
fn ensure_empty_folder(dir: &Path) -> anyhow::Result<()> {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                bail!(
                    "{} is not empty — give -o a new or empty folder",
                    dir.display()
                );
            }
            Ok(())
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(error) => Err(error).with_context(|| format!("cannot open {}", dir.display())),
    }
}
