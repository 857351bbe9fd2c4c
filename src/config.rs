//! The configuration file: `$XDG_CONFIG_HOME/certsim/config.toml`, else
//! `~/.config/certsim/config.toml` (on macOS too, as terminal users expect). Every key is
//! optional; flags override environment variables, which override the file. A file that
//! cannot be used is an error naming the file, the line and the key, never a silent
//! default.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Deserialize;
use toml::Spanned;

/// The lowest and highest desired retention accepted (FSRS's sensible range).
pub const RETENTION_RANGE: (f64, f64) = (0.70, 0.97);

/// What the file says; `None` where it says nothing.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    /// Where it was read from (None: there is no file).
    pub path: Option<PathBuf>,
    /// The bank folder used without `--bank`.
    pub bank: Option<PathBuf>,
    /// The data directory used without `--data-dir` or `CERTSIM_DATA_DIR`.
    pub data_dir: Option<PathBuf>,
    /// `false` turns colour off (so does `NO_COLOR`).
    pub color: Option<bool>,
    pub desired_retention: Option<f64>,
    /// Used when no exam date was set with `certsim plan` or Settings.
    pub exam_date: Option<NaiveDate>,
    /// Linear text instead of the full-screen interface.
    pub plain: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    bank: Option<Spanned<String>>,
    data_dir: Option<Spanned<String>>,
    color: Option<bool>,
    desired_retention: Option<Spanned<f64>>,
    exam_date: Option<Spanned<String>>,
    plain: Option<bool>,
}

/// Where the file is: `$XDG_CONFIG_HOME/certsim/config.toml` (an absolute path only, as
/// the XDG spec asks), else `~/.config/certsim/config.toml`.
pub fn config_path(xdg_config_home: Option<&OsStr>, home: Option<&OsStr>) -> Option<PathBuf> {
    let set = |value: Option<&OsStr>| value.filter(|v| !v.is_empty()).map(PathBuf::from);
    set(xdg_config_home)
        .filter(|p| p.is_absolute())
        .map(|dir| dir.join("certsim"))
        .or_else(|| set(home).map(|home| home.join(".config").join("certsim")))
        .map(|dir| dir.join("config.toml"))
}

impl Config {
    /// The file for this process's environment; no file is an empty configuration.
    pub fn load() -> Result<Config, String> {
        let path = config_path(
            std::env::var_os("XDG_CONFIG_HOME").as_deref(),
            std::env::var_os("HOME").as_deref(),
        );
        match path {
            Some(path) => Config::read(&path),
            None => Ok(Config::default()),
        }
    }

    /// The file at `path`; a missing file is an empty configuration.
    pub fn read(path: &Path) -> Result<Config, String> {
        match std::fs::read_to_string(path) {
            Ok(text) => Config::parse(path, &text),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(error) => Err(format!("cannot read {}: {error}", path.display())),
        }
    }

    pub fn parse(path: &Path, text: &str) -> Result<Config, String> {
        let line_of = |offset: usize| {
            text.as_bytes()[..offset.min(text.len())]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1
        };
        let at = |offset: usize, key: &str, problem: &str| {
            format!(
                "{}:{}: {key}: {problem} (see the README's configuration example)",
                path.display(),
                line_of(offset)
            )
        };
        let file: ConfigFile = toml::from_str(text).map_err(|error| {
            let line = error.span().map_or(1, |span| line_of(span.start));
            format!(
                "{}:{line}: {} (see the README's configuration example)",
                path.display(),
                error.message().trim_end()
            )
        })?;
        let folder =
            |value: Option<Spanned<String>>, key: &str| -> Result<Option<PathBuf>, String> {
                match value {
                    Some(value) if value.get_ref().trim().is_empty() => Err(at(
                        value.span().start,
                        key,
                        "is empty: give a folder, or leave the key out",
                    )),
                    Some(value) => Ok(Some(expand_home(value.get_ref()))),
                    None => Ok(None),
                }
            };
        let desired_retention = match file.desired_retention {
            Some(value) => {
                let retention = *value.get_ref();
                let (low, high) = RETENTION_RANGE;
                if !(low..=high).contains(&retention) {
                    return Err(at(
                        value.span().start,
                        "desired_retention",
                        &format!("{retention} is outside {low}–{high}"),
                    ));
                }
                Some(retention)
            }
            None => None,
        };
        let exam_date = match file.exam_date {
            Some(value) => Some(
                crate::history::plan::parse_date(value.get_ref())
                    .map_err(|problem| at(value.span().start, "exam_date", &problem))?,
            ),
            None => None,
        };
        Ok(Config {
            path: Some(path.to_path_buf()),
            bank: folder(file.bank, "bank")?,
            data_dir: folder(file.data_dir, "data_dir")?,
            color: file.color,
            desired_retention,
            exam_date,
            plain: file.plain,
        })
    }
}

/// `~/…` as the home folder, as a shell would.
fn expand_home(text: &str) -> PathBuf {
    match (text.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, String> {
        Config::parse(Path::new("/home/u/.config/certsim/config.toml"), text)
    }

    #[test]
    fn the_file_is_found_where_xdg_says_else_under_home() {
        let xdg = Some(OsStr::new("/xdg"));
        let home = Some(OsStr::new("/home/u"));
        assert_eq!(
            config_path(xdg, home),
            Some(PathBuf::from("/xdg/certsim/config.toml"))
        );
        assert_eq!(
            config_path(Some(OsStr::new("relative")), home),
            Some(PathBuf::from("/home/u/.config/certsim/config.toml"))
        );
        assert_eq!(
            config_path(Some(OsStr::new("")), home),
            Some(PathBuf::from("/home/u/.config/certsim/config.toml"))
        );
        assert_eq!(config_path(None, None), None);
    }

    #[test]
    fn every_key_is_read() {
        let config = parse(
            "bank = \"/banks/saa\"\ndata_dir = \"/data\"\ncolor = false\n\
             desired_retention = 0.85\nexam_date = \"2026-12-20\"\nplain = true\n",
        )
        .unwrap();
        assert_eq!(config.bank, Some(PathBuf::from("/banks/saa")));
        assert_eq!(config.data_dir, Some(PathBuf::from("/data")));
        assert_eq!(config.color, Some(false));
        assert_eq!(config.desired_retention, Some(0.85));
        assert_eq!(config.exam_date, NaiveDate::from_ymd_opt(2026, 12, 20));
        assert_eq!(config.plain, Some(true));
        assert_eq!(parse("").unwrap().bank, None);
    }

    #[test]
    fn a_bad_file_names_the_file_the_line_and_the_key() {
        let error = parse("color = true\n\ndesired_retention = 1.5\n").unwrap_err();
        assert!(
            error.starts_with(
                "/home/u/.config/certsim/config.toml:3: desired_retention: 1.5 is outside"
            ),
            "{error}"
        );
        let error = parse("colour = false\n").unwrap_err();
        assert!(
            error.contains("config.toml:1: unknown field `colour`"),
            "{error}"
        );
        let error = parse("\ncolor = \"no\"\n").unwrap_err();
        assert!(error.contains("config.toml:2:"), "{error}");
        let error = parse("exam_date = \"next week\"\n").unwrap_err();
        assert!(
            error.contains(":1: exam_date: \"next week\" is not a date"),
            "{error}"
        );
        let error = parse("\n\nbank = \" \"\n").unwrap_err();
        assert!(error.contains(":3: bank: is empty"), "{error}");
    }
}
