//! The history file: `history.jsonl` in the data directory, one attempt per line, only ever
//! appended to. Each append writes the whole line at once under an exclusive lock and is
//! synced to disk, so two certsim processes finishing at the same moment both land intact.
//! Loading never rewrites the file: a line that cannot be read is reported and skipped.

use std::ffi::OsStr;
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use super::record::Attempt;

pub const HISTORY_FILE: &str = "history.jsonl";

/// A history operation that failed, with the path it was about.
#[derive(Debug)]
pub struct HistoryError {
    pub path: PathBuf,
    /// What was being done: "create the data directory", "append to", "read"…
    pub action: &'static str,
    pub source: std::io::Error,
}

impl std::fmt::Display for HistoryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "cannot {} {}: {}",
            self.action,
            self.path.display(),
            self.source
        )
    }
}

impl std::error::Error for HistoryError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// What `load` found: every readable attempt in file order, and one message per line that
/// was skipped.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HistoryFound {
    pub attempts: Vec<Attempt>,
    /// `<file>:<line>: <error>; the line was skipped`
    pub problems: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryStore {
    dir: PathBuf,
}

impl HistoryStore {
    /// The history kept in `dir` (created on the first append).
    pub fn new(dir: impl Into<PathBuf>) -> HistoryStore {
        HistoryStore { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The history file itself.
    pub fn path(&self) -> PathBuf {
        self.dir.join(HISTORY_FILE)
    }

    /// Adds one attempt as one line, unless an attempt with its id is already there (two
    /// processes that resumed one session both finishing it): then nothing is written. The
    /// line is written with a single `write_all` while an exclusive lock is held, then
    /// synced. If the file ends in a torn line (a crash in the middle of an earlier write),
    /// a newline goes first so this record stays on its own line.
    pub fn append(&self, attempt: &Attempt) -> Result<(), HistoryError> {
        let path = self.path();
        std::fs::create_dir_all(&self.dir)
            .map_err(error("create the data directory", &self.dir))?;
        let mut line = serde_json::to_vec(attempt)
            .map_err(|e| error("write a record to", &path)(std::io::Error::other(e)))?;
        line.push(b'\n');
        let mut file = OpenOptions::new()
            .read(true)
            .append(true)
            .create(true)
            .open(&path)
            .map_err(error("open", &path))?;
        file.lock().map_err(error("lock", &path))?;
        let written = match recorded_already(&mut file, &attempt.id) {
            Ok(true) => Ok(()),
            Ok(false) => write_line(&mut file, line),
            Err(failed) => Err(failed),
        };
        // Closing the file releases the lock too; unlocking first is just tidy.
        let unlocked = file.unlock();
        written.map_err(error("append to", &path))?;
        unlocked.map_err(error("unlock", &path))
    }

    /// Every attempt in the file, in file order. A missing file is an empty history; a line
    /// that is not a valid record is reported with its line number and skipped. The file is
    /// only read, never rewritten.
    pub fn load(&self) -> Result<HistoryFound, HistoryError> {
        let path = self.path();
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(source) if source.kind() == std::io::ErrorKind::NotFound => {
                return Ok(HistoryFound::default());
            }
            Err(source) => {
                return Err(HistoryError {
                    path,
                    action: "read",
                    source,
                });
            }
        };
        Ok(parse_lines(&path.display().to_string(), &bytes))
    }
}

/// Turns an I/O error into a `HistoryError` about `path`.
fn error<'p>(
    action: &'static str,
    path: &'p Path,
) -> impl FnOnce(std::io::Error) -> HistoryError + 'p {
    move |source| HistoryError {
        path: path.to_path_buf(),
        action,
        source,
    }
}

/// Whether a line of the file (read under the caller's lock) records attempt `id`.
fn recorded_already(file: &mut File, id: &str) -> std::io::Result<bool> {
    /// Only the id is decoded; every other field is skipped.
    #[derive(serde::Deserialize)]
    struct IdOnly {
        id: String,
    }
    let mut bytes = Vec::new();
    file.seek(SeekFrom::Start(0))?;
    file.read_to_end(&mut bytes)?;
    Ok(bytes
        .split(|&b| b == b'\n')
        .filter_map(|line| serde_json::from_slice::<IdOnly>(line).ok())
        .any(|record| record.id == id))
}

/// Appends `line` (already ending in a newline) under the caller's lock.
fn write_line(file: &mut File, mut line: Vec<u8>) -> std::io::Result<()> {
    if file.metadata()?.len() > 0 {
        let mut last = [0u8; 1];
        file.seek(SeekFrom::End(-1))?;
        file.read_exact(&mut last)?;
        if last[0] != b'\n' {
            line.insert(0, b'\n');
        }
    }
    // Append mode: the write goes to the end whatever the read position.
    file.write_all(&line)?;
    file.sync_all()
}

/// Parses JSON lines; blank lines are ignored.
fn parse_lines(name: &str, bytes: &[u8]) -> HistoryFound {
    let mut loaded = HistoryFound::default();
    for (index, line) in bytes.split(|&b| b == b'\n').enumerate() {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match serde_json::from_slice::<Attempt>(line) {
            Ok(attempt) => loaded.attempts.push(attempt),
            Err(error) => loaded.problems.push(format!(
                "{name}:{}: {error}; the line was skipped",
                index + 1
            )),
        }
    }
    loaded
}

/// Where certsim keeps its state, from (first that is set and not empty): `explicit`
/// (`--data-dir`), the `CERTSIM_DATA_DIR` environment variable, `$XDG_DATA_HOME/certsim`
/// (only an absolute path, as the XDG spec asks), then the platform's data directory.
/// `None` only when none of these is known.
pub fn resolve_data_dir(
    explicit: Option<&Path>,
    certsim_data_dir: Option<&OsStr>,
    xdg_data_home: Option<&OsStr>,
    platform_default: Option<PathBuf>,
) -> Option<PathBuf> {
    let set = |value: Option<&OsStr>| value.filter(|v| !v.is_empty()).map(PathBuf::from);
    explicit
        .filter(|p| !p.as_os_str().is_empty())
        .map(Path::to_path_buf)
        .or_else(|| set(certsim_data_dir))
        .or_else(|| {
            set(xdg_data_home)
                .filter(|p| p.is_absolute())
                .map(|p| p.join("certsim"))
        })
        .or(platform_default)
}

/// `resolve_data_dir` with this process's environment and the platform's data directory
/// (`~/.local/share/certsim`, `~/Library/Application Support/certsim`,
/// `%APPDATA%\certsim\data`).
pub fn default_data_dir(explicit: Option<&Path>) -> Option<PathBuf> {
    let certsim = std::env::var_os("CERTSIM_DATA_DIR");
    let xdg = std::env::var_os("XDG_DATA_HOME");
    let platform =
        directories::ProjectDirs::from("", "", "certsim").map(|dirs| dirs.data_dir().to_path_buf());
    resolve_data_dir(explicit, certsim.as_deref(), xdg.as_deref(), platform)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::record::Mode;
    use crate::history::test_support::attempt;

    fn temp_store(name: &str) -> HistoryStore {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let unique = format!("certsim-history-{name}-{}-{nanos}", std::process::id());
        let dir = std::env::temp_dir().join(unique);
        let _ = std::fs::remove_dir_all(&dir);
        HistoryStore::new(dir.join("nested"))
    }

    fn cleanup(store: &HistoryStore) {
        if let Some(parent) = store.dir().parent() {
            let _ = std::fs::remove_dir_all(parent);
        }
    }

    #[test]
    fn a_missing_file_is_an_empty_history() {
        let store = temp_store("missing");
        assert_eq!(store.load().unwrap(), HistoryFound::default());
    }

    #[test]
    fn attempts_round_trip_through_the_file() {
        let store = temp_store("round-trip");
        let first = attempt(Mode::Mock, 100, &[("q-alpha-1", true), ("q-beta-1", false)]);
        let mut second = attempt(Mode::Review, 200, &[("q-beta-1", true)]);
        second.task = Some("1.1".into());
        store.append(&first).unwrap();
        store.append(&second).unwrap();
        let loaded = store.load().unwrap();
        assert_eq!(loaded.problems, Vec::<String>::new());
        assert_eq!(loaded.attempts, vec![first, second]);
        let text = std::fs::read_to_string(store.path()).unwrap();
        assert_eq!(text.lines().count(), 2);
        assert!(text.ends_with('\n'));
        cleanup(&store);
    }

    #[test]
    fn a_corrupted_line_is_reported_and_skipped_and_the_file_left_alone() {
        let store = temp_store("corrupt");
        std::fs::create_dir_all(store.dir()).unwrap();
        let good = attempt(Mode::Drill, 100, &[("q-alpha-1", true)]);
        let later = attempt(Mode::Drill, 300, &[("q-gamma-1", false)]);
        let line = |a: &Attempt| serde_json::to_string(a).unwrap();
        let bytes = format!(
            "{}\n{{\"id\": \"torn\", \"mode\": \"mo\n\n{}\n",
            line(&good),
            line(&later)
        );
        std::fs::write(store.path(), &bytes).unwrap();
        let loaded = store.load().unwrap();
        assert_eq!(loaded.attempts, vec![good, later]);
        assert_eq!(loaded.problems.len(), 1, "{:?}", loaded.problems);
        let expected_start = format!("{}:2: ", store.path().display());
        assert!(
            loaded.problems[0].starts_with(&expected_start),
            "{:?}",
            loaded.problems
        );
        assert!(loaded.problems[0].ends_with("; the line was skipped"));
        assert_eq!(std::fs::read(store.path()).unwrap(), bytes.as_bytes());
        cleanup(&store);
    }

    #[test]
    fn an_append_after_a_torn_last_line_starts_a_new_line() {
        let store = temp_store("torn");
        std::fs::create_dir_all(store.dir()).unwrap();
        std::fs::write(store.path(), "{\"id\": \"torn").unwrap();
        let record = attempt(Mode::Review, 100, &[("q-alpha-1", false)]);
        store.append(&record).unwrap();
        let loaded = store.load().unwrap();
        assert_eq!(loaded.attempts, vec![record]);
        assert_eq!(loaded.problems.len(), 1);
        assert!(loaded.problems[0].contains(":1: "));
        cleanup(&store);
    }

    #[test]
    fn concurrent_appends_all_land_intact() {
        let store = temp_store("concurrent");
        let threads: Vec<_> = (0..8)
            .map(|i| {
                let store = store.clone();
                std::thread::spawn(move || {
                    let answers: Vec<(&str, bool)> = vec![("q-alpha-1", true); 200];
                    store
                        .append(&attempt(Mode::Drill, 100 + i, &answers))
                        .unwrap();
                })
            })
            .collect();
        for thread in threads {
            thread.join().unwrap();
        }
        let loaded = store.load().unwrap();
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        assert_eq!(loaded.attempts.len(), 8);
        cleanup(&store);
    }

    #[test]
    fn the_data_directory_comes_from_the_first_source_set() {
        let platform = || Some(PathBuf::from("/platform/certsim"));
        let explicit = Path::new("/explicit");
        let env = Some(OsStr::new("/from-env"));
        let xdg = Some(OsStr::new("/xdg"));
        let resolve = resolve_data_dir;
        assert_eq!(
            resolve(Some(explicit), env, xdg, platform()),
            Some(PathBuf::from("/explicit"))
        );
        assert_eq!(
            resolve(None, env, xdg, platform()),
            Some(PathBuf::from("/from-env"))
        );
        assert_eq!(
            resolve(None, None, xdg, platform()),
            Some(PathBuf::from("/xdg/certsim"))
        );
        assert_eq!(resolve(None, None, None, platform()), platform());
        // Empty values are unset; a relative XDG_DATA_HOME is ignored, as the spec says.
        let empty = Some(OsStr::new(""));
        assert_eq!(
            resolve(Some(Path::new("")), empty, empty, platform()),
            platform()
        );
        assert_eq!(
            resolve(None, None, Some(OsStr::new("relative")), platform()),
            platform()
        );
        assert_eq!(resolve(None, None, None, None), None);
    }

    #[test]
    fn an_attempt_already_recorded_is_not_recorded_again() {
        let store = temp_store("twice");
        let record = attempt(Mode::Mock, 100, &[("q-alpha-1", true)]);
        let other = attempt(Mode::Mock, 200, &[("q-alpha-1", false)]);
        store.append(&record).unwrap();
        store.append(&other).unwrap();
        store.append(&record).unwrap();
        let loaded = store.load().unwrap();
        assert_eq!(loaded.attempts, vec![record, other]);
        cleanup(&store);
    }
}
