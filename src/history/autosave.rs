//! The unfinished session, saved after every change so a closed terminal, a crash or a lost
//! connection never loses an answer. Written crash-safely: a temporary file, synced, then
//! renamed over the old one. A file that cannot be read is moved aside, never trusted.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::exam::saved::SavedSession;

use super::record::Mode;
use super::store::HistoryError;

pub const AUTOSAVE_FILE: &str = "session.json";

/// An unfinished mock exam, drill or review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Autosave {
    pub mode: Mode,
    pub task: Option<String>,
    pub topic: Option<String>,
    /// Drill and review: which questions have been checked already.
    #[serde(default)]
    pub checked: Vec<bool>,
    /// The bank folder it was started with (None: the embedded bank), to say how to
    /// resume it when another bank finds it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bank_dir: Option<PathBuf>,
    pub session: SavedSession,
}

/// What was found where the autosave lives.
#[derive(Debug, Default, PartialEq)]
pub struct AutosaveFound {
    pub autosave: Option<Autosave>,
    /// Said to the user once: a damaged file and where it was moved.
    pub notice: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AutosaveStore {
    dir: PathBuf,
}

impl AutosaveStore {
    pub fn new(dir: impl Into<PathBuf>) -> AutosaveStore {
        AutosaveStore { dir: dir.into() }
    }

    pub fn path(&self) -> PathBuf {
        self.dir.join(AUTOSAVE_FILE)
    }

    /// Replaces the autosave atomically: the old file stays whole until the new one is on disk.
    pub fn save(&self, autosave: &Autosave) -> Result<(), HistoryError> {
        let json = serde_json::to_vec(autosave).map_err(|error| HistoryError {
            path: self.path(),
            action: "encode",
            source: std::io::Error::other(error.to_string()),
        })?;
        replace_file(&self.dir, AUTOSAVE_FILE, &json)
    }

    /// The autosave, if there is one. A file that cannot be read or parsed is moved to
    /// `session.json.corrupt-<time>` and reported; it never stops the app.
    pub fn load(&self, now: DateTime<Utc>) -> AutosaveFound {
        let path = self.path();
        let problem = match std::fs::read(&path) {
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return AutosaveFound::default();
            }
            Err(error) => error.to_string(),
            Ok(bytes) => match serde_json::from_slice::<Autosave>(&bytes) {
                Ok(autosave) => match autosave.session.impossible_value() {
                    None => {
                        return AutosaveFound {
                            autosave: Some(autosave),
                            notice: None,
                        };
                    }
                    Some(problem) => problem,
                },
                Err(error) => error.to_string(),
            },
        };
        let notice = match move_aside(&path, now) {
            Ok(moved) => format!(
                "The unfinished session in {} could not be read ({problem}); it was moved to {}",
                path.display(),
                moved.display()
            ),
            Err(error) => format!(
                "The unfinished session in {} could not be read ({problem}) nor moved aside ({error})",
                path.display()
            ),
        };
        AutosaveFound {
            autosave: None,
            notice: Some(notice),
        }
    }

    /// Removes the autosave (the session finished or was discarded).
    pub fn discard(&self) -> Result<(), HistoryError> {
        match std::fs::remove_file(self.path()) {
            Err(source) if source.kind() != std::io::ErrorKind::NotFound => Err(HistoryError {
                path: self.path(),
                action: "remove",
                source,
            }),
            _ => Ok(()),
        }
    }
}

/// Replaces `dir/name` with `bytes` crash-safely: a temporary file beside it, synced, then
/// renamed over it, and the folder synced. The old file stays whole until the new one is
/// on disk, and a failed write leaves no temporary file behind.
pub fn replace_file(dir: &Path, name: &str, bytes: &[u8]) -> Result<(), HistoryError> {
    let failed = |action: &'static str, path: &Path| {
        let path = path.to_path_buf();
        move |source| HistoryError {
            path,
            action,
            source,
        }
    };
    std::fs::create_dir_all(dir).map_err(failed("create the data directory", dir))?;
    let path = dir.join(name);
    let temporary = dir.join(format!("{name}.tmp-{}", std::process::id()));
    let written = write_synced(&temporary, bytes)
        .map_err(failed("write", &temporary))
        .and_then(|()| std::fs::rename(&temporary, &path).map_err(failed("replace", &path)));
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written?;
    // The rename itself is durable only once the directory is synced; best effort.
    if let Ok(dir) = File::open(dir) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// Writes `bytes` to a new file at `path` and syncs it.
fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Renames a damaged file to `<name>.corrupt-<UTC time>` beside it (then `-2`, `-3`… when
/// that name is taken) and returns the new path. The name is reserved with an exclusive
/// create first, so a file moved aside earlier, even in the same second, is never replaced.
pub fn move_aside(path: &Path, now: DateTime<Utc>) -> std::io::Result<PathBuf> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stamp = now.format("%Y%m%dT%H%M%SZ");
    for copy in 1..=MAX_DAMAGED_COPIES {
        let suffix = if copy == 1 {
            String::new()
        } else {
            format!("-{copy}")
        };
        let target = path.with_file_name(format!("{name}.corrupt-{stamp}{suffix}"));
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&target)
        {
            Ok(_) => {}
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(error) => return Err(error),
        }
        return match std::fs::rename(path, &target) {
            Ok(()) => Ok(target),
            Err(error) => {
                let _ = std::fs::remove_file(&target);
                Err(error)
            }
        };
    }
    Err(std::io::Error::other(format!(
        "{MAX_DAMAGED_COPIES} damaged copies of {name} from this second are already there"
    )))
}

/// How many damaged copies of one file may be moved aside within one second.
const MAX_DAMAGED_COPIES: u32 = 1000;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exam::Session;
    use crate::exam::assembly::{assemble, rng_from_seed};
    use crate::history::test_support::Scratch;
    use chrono::{TimeDelta, TimeZone};

    fn temp_dir(name: &str) -> Scratch {
        Scratch::new(&format!("autosave-{name}"))
    }

    fn at(seconds: i64) -> DateTime<Utc> {
        Utc.timestamp_opt(1_700_000_000 + seconds, 0).unwrap()
    }

    fn autosave() -> Autosave {
        let bank = crate::bank::load_dir(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid"),
        )
        .unwrap();
        let mut session = Session::new(
            assemble(&bank, 4, &mut rng_from_seed(2)),
            2,
            at(0),
            Some(TimeDelta::minutes(5)),
        );
        session.toggle_option(0).unwrap();
        Autosave {
            mode: Mode::Mock,
            task: None,
            topic: None,
            checked: Vec::new(),
            bank_dir: None,
            session: SavedSession::capture(&session, &bank, at(10)),
        }
    }

    #[test]
    fn save_load_and_discard() {
        let dir = temp_dir("roundtrip");
        let store = AutosaveStore::new(&dir.0);
        assert_eq!(store.load(at(0)), AutosaveFound::default());
        let saved = autosave();
        store.save(&saved).unwrap();
        store.save(&saved).unwrap();
        assert_eq!(store.load(at(0)).autosave, Some(saved));
        store.discard().unwrap();
        store.discard().unwrap();
        assert_eq!(store.load(at(0)), AutosaveFound::default());
    }

    #[test]
    fn a_corrupt_autosave_is_moved_aside_and_reported() {
        let scratch = temp_dir("corrupt");
        let dir = &scratch.0;
        std::fs::create_dir_all(dir).unwrap();
        let store = AutosaveStore::new(dir);
        std::fs::write(store.path(), b"{ not json").unwrap();
        let loaded = store.load(at(0));
        assert!(loaded.autosave.is_none());
        let notice = loaded.notice.unwrap();
        let moved = dir.join("session.json.corrupt-20231114T221320Z");
        assert!(notice.contains(&moved.display().to_string()), "{notice}");
        assert_eq!(
            std::fs::read(&moved).unwrap(),
            b"{ not json",
            "the damaged file is kept as it was"
        );
        assert!(!store.path().exists());
    }

    #[test]
    fn moving_aside_twice_in_one_second_keeps_both_copies() {
        let scratch = temp_dir("aside-twice");
        let dir = &scratch.0;
        std::fs::create_dir_all(dir).unwrap();
        let path = dir.join("session.json");
        std::fs::write(&path, b"first").unwrap();
        let first = move_aside(&path, at(0)).unwrap();
        std::fs::write(&path, b"second").unwrap();
        let second = move_aside(&path, at(0)).unwrap();
        assert_ne!(first, second);
        assert_eq!(std::fs::read(&first).unwrap(), b"first");
        assert_eq!(std::fs::read(&second).unwrap(), b"second");
        assert!(second.display().to_string().ends_with("Z-2"), "{second:?}");
    }

    #[test]
    fn an_autosave_with_impossible_numbers_is_moved_aside_and_reported() {
        let scratch = temp_dir("impossible");
        let store = AutosaveStore::new(&scratch.0);
        let mut saved = autosave();
        saved.session.elapsed_ms = i64::MAX;
        store.save(&saved).unwrap();
        let loaded = store.load(at(0));
        assert_eq!(loaded.autosave, None);
        let notice = loaded.notice.unwrap();
        assert!(
            notice.contains("elapsed_ms") && notice.contains("moved to"),
            "{notice}"
        );
        assert!(!store.path().exists());
    }

    #[test]
    fn a_failed_save_leaves_no_temporary_file_and_the_old_one_whole() {
        let scratch = temp_dir("failed-save");
        let store = AutosaveStore::new(&scratch.0);
        // A directory where the file should go: the rename over it fails, even for root.
        std::fs::create_dir_all(store.path().join("in-the-way")).unwrap();
        assert!(store.save(&autosave()).is_err());
        let names: Vec<String> = std::fs::read_dir(&scratch.0)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            names,
            ["session.json"],
            "no session.json.tmp-<pid> left behind"
        );
    }
}
