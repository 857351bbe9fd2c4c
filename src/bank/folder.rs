//! A bank folder's files: the one place that lists them and the one order they are read
//! and hashed in. The loader, the cache's key and `build.rs` all start here, so a cache
//! entry can only ever be keyed by exactly the bytes a load would read.

use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::binary::{SourceKey, SourceKeyHasher};
use super::problem::{ProblemKind, Problems};
use super::reading::{self, Sources};
use super::{BankError, BankFile, disk, hashing_order, limits, whole_file};

/// The `*.toml` files below a folder (hidden entries skipped), sorted by path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankFolder {
    paths: Vec<PathBuf>,
}

impl BankFolder {
    /// Lists the folder; an unreadable folder (or subfolder) is a problem naming it.
    pub fn open(dir: &Path) -> Result<BankFolder, BankError> {
        let mut problems = Problems::default();
        let mut paths = Vec::new();
        let mut walked = HashSet::from([canonical(dir)]);
        collect_toml_paths(dir, &mut walked, &mut paths, &mut problems);
        // With no file at all, the folder itself is what the message must name.
        if problems.is_empty() && paths.is_empty() {
            problems.push(
                ProblemKind::NoExamFile,
                whole_file(&dir.display().to_string()),
                None,
                "the folder holds no .toml files, so no exam.toml",
                "pass the bank folder (the one with exam.toml), or add exam.toml with id, title, [mock], [scoring] and [[task]] entries",
            );
        }
        if !problems.is_empty() {
            return Err(BankError {
                problems: problems.into_list(),
            });
        }
        paths.sort();
        Ok(BankFolder { paths })
    }

    /// Each file as it is named in messages.
    pub fn names(&self) -> Vec<String> {
        self.paths.iter().map(|p| p.display().to_string()).collect()
    }

    /// The files, to be read as a load goes.
    pub(super) fn into_sources(self) -> Sources {
        Sources::Folder(self.paths)
    }

    /// Every file read whole; every file that cannot be read, or is too large, is named.
    pub fn read_files(&self) -> Result<Vec<BankFile>, BankError> {
        let mut problems = Vec::new();
        let mut files = Vec::with_capacity(self.paths.len());
        let mut bank_bytes = reading::BankBytes::default();
        for (path, name) in self.paths.iter().zip(self.names()) {
            let text = disk::open_regular(path)
                .map_err(|error| Box::new(reading::cannot_read(&name, &error)))
                .and_then(|file| reading::read_text(file, &name));
            match text {
                Ok(text) => {
                    if bank_bytes.add(text.len() as u64) {
                        problems.push(reading::bank_too_large(&name));
                        break;
                    }
                    files.push(BankFile { name, text });
                }
                Err(problem) => problems.push(*problem),
            }
        }
        if problems.is_empty() {
            Ok(files)
        } else {
            Err(BankError { problems })
        }
    }

    /// The cache key of the files as they are now: each file's name, length and bytes in
    /// hashing order, as a load computes it while reading. `None` when a file cannot be
    /// read as listed or changes size while read (the load then reports or re-reads it).
    pub fn key(&self) -> Option<SourceKey> {
        let names = self.names();
        let mut hasher = SourceKeyHasher::new();
        let mut buffer = vec![0; 64 * 1024];
        let mut bank_bytes = reading::BankBytes::default();
        for (index, _) in hashing_order(&names) {
            let file = disk::open_regular(&self.paths[index]).ok()?;
            let len = file.metadata().ok()?.len();
            if len > limits::MAX_FILE_BYTES as u64 {
                return None;
            }
            hasher.file(&names[index], len);
            // A file that grows while read stops just past its stated length.
            let mut file = file.take(len + 1);
            let mut seen = 0;
            loop {
                let read = file.read(&mut buffer).ok()?;
                if read == 0 {
                    break;
                }
                hasher.bytes(&buffer[..read]);
                seen += read as u64;
            }
            if seen != len || bank_bytes.add(seen) {
                return None;
            }
        }
        Some(hasher.finish())
    }
}

/// Where a folder really is, so a symlink back to one already walked is seen as such.
fn canonical(dir: &Path) -> PathBuf {
    dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf())
}

/// Adds the `*.toml` files below `dir` to `paths`. Symlinks are followed, but a folder
/// already walked (by its canonical path) is not walked again: two links to `.` would
/// otherwise make the walk exponential. A `*.toml` that is not a regular file is a problem.
fn collect_toml_paths(
    dir: &Path,
    walked: &mut HashSet<PathBuf>,
    paths: &mut Vec<PathBuf>,
    problems: &mut Problems,
) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) => {
            problems.push(
                ProblemKind::Io,
                whole_file(&dir.display().to_string()),
                None,
                format!("cannot read the bank folder: {error}"),
                "pass a folder that holds exam.toml and the question files",
            );
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let is_toml = path.extension().is_some_and(|ext| ext == "toml");
        // Through any symlink; a broken link named *.toml is reported when it is read.
        let Ok(metadata) = std::fs::metadata(&path) else {
            if is_toml {
                paths.push(path);
            }
            continue;
        };
        if metadata.is_dir() {
            if walked.insert(canonical(&path)) {
                collect_toml_paths(&path, walked, paths, problems);
            }
        } else if is_toml {
            match disk::not_regular(metadata.file_type()) {
                None => paths.push(path),
                Some(why) => problems.add(reading::not_a_regular_file(
                    &path.display().to_string(),
                    &why,
                )),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::{load, pieces};

    fn fixture(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name)
    }

    /// The key of a folder is the key a load of it computes while reading, so a cache
    /// entry written after a load is found again by the next launch.
    #[test]
    fn the_folder_key_is_the_key_a_load_computes() {
        for name in ["valid", "kinds", "blueprint", "screens"] {
            let folder = BankFolder::open(&fixture(name)).expect("listed");
            let key = folder.key().expect("readable");
            let loaded = load::load(&folder.clone().into_sources(), pieces::PIECE_BYTES);
            assert_eq!(loaded.key, Some(key), "{name}");
            let files = folder.read_files().expect("readable");
            let from_memory = load::load(&Sources::Memory(files), 1);
            assert_eq!(
                from_memory.key,
                Some(key),
                "{name}: files read whole, pieces of 1 byte"
            );
        }
    }

    /// A bank folder under the temp dir holding the valid fixture, removed when dropped.
    struct ScratchBank(PathBuf);

    impl ScratchBank {
        fn new(name: &str) -> ScratchBank {
            let dir =
                std::env::temp_dir().join(format!("certsim-folder-{name}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).expect("temp dir is writable");
            for file in ["exam.toml", "questions.toml"] {
                std::fs::copy(fixture("valid").join(file), dir.join(file)).expect("copied");
            }
            ScratchBank(dir)
        }
    }

    impl Drop for ScratchBank {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    /// Runs `work` on another thread and fails, rather than hangs, if it takes over 10 s.
    fn promptly<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = sender.send(work());
        });
        receiver
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("finished within 10 s rather than hanging")
    }

    #[cfg(unix)]
    fn mkfifo(path: &Path) {
        let status = std::process::Command::new("mkfifo")
            .arg(path)
            .status()
            .expect("mkfifo runs");
        assert!(status.success());
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_named_toml_is_a_problem_naming_it_not_a_hang() {
        for fifo_name in ["more.toml", "exam.toml"] {
            let bank = ScratchBank::new("fifo");
            let fifo = bank.0.join(fifo_name);
            let _ = std::fs::remove_file(&fifo);
            mkfifo(&fifo);
            let dir = bank.0.clone();
            let error = promptly(move || crate::bank::load_dir(&dir)).unwrap_err();
            assert_eq!(error.problems.len(), 1, "{error}");
            let message = error.problems[0].to_string();
            assert!(message.contains(&fifo.display().to_string()), "{message}");
            assert!(message.contains("not a regular file"), "{message}");
            let dir = bank.0.clone();
            assert!(promptly(move || read_dir_files_of(&dir)).is_err());
        }
    }

    fn read_dir_files_of(dir: &Path) -> Result<Vec<BankFile>, BankError> {
        crate::bank::read_dir_files(dir)
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_loop_ends_and_lists_each_file_once() {
        let bank = ScratchBank::new("loop");
        std::os::unix::fs::symlink(".", bank.0.join("again")).expect("symlink");
        std::os::unix::fs::symlink(".", bank.0.join("and-again")).expect("symlink");
        // A folder elsewhere, linked in, is still read (once).
        let elsewhere = ScratchBank::new("loop-elsewhere");
        std::fs::remove_file(elsewhere.0.join("exam.toml")).expect("removed");
        std::fs::rename(
            elsewhere.0.join("questions.toml"),
            elsewhere.0.join("linked.toml"),
        )
        .expect("renamed");
        std::os::unix::fs::symlink(&elsewhere.0, bank.0.join("linked")).expect("symlink");
        let dir = bank.0.clone();
        let folder = promptly(move || BankFolder::open(&dir)).expect("listed");
        let names: Vec<String> = folder
            .names()
            .iter()
            .map(|name| {
                Path::new(name)
                    .strip_prefix(&bank.0)
                    .expect("below the bank")
                    .display()
                    .to_string()
            })
            .collect();
        assert_eq!(names, ["exam.toml", "linked/linked.toml", "questions.toml"]);
    }

    #[cfg(unix)]
    #[test]
    fn an_exam_file_linked_to_a_device_is_refused_promptly() {
        let bank = ScratchBank::new("device");
        let exam = bank.0.join("exam.toml");
        std::fs::remove_file(&exam).expect("removed");
        std::os::unix::fs::symlink("/dev/zero", &exam).expect("symlink");
        let dir = bank.0.clone();
        let error = promptly(move || crate::bank::load_dir(&dir)).unwrap_err();
        let message = error.problems[0].to_string();
        assert!(message.contains(&exam.display().to_string()), "{message}");
        assert!(message.contains("not a regular file"), "{message}");
        let dir = bank.0.clone();
        assert!(promptly(move || read_dir_files_of(&dir)).is_err());
    }

    #[test]
    fn a_missing_folder_is_named() {
        let error = BankFolder::open(&fixture("no-such-folder")).unwrap_err();
        assert!(error.problems[0].to_string().contains("no-such-folder"));
    }
}
