//! A bank folder's files: the one place that lists them and the one order they are read
//! and hashed in. The loader, the cache's key and `build.rs` all start here, so a cache
//! entry can only ever be keyed by exactly the bytes a load would read.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::binary::{SourceKey, SourceKeyHasher};
use super::problem::{ProblemKind, Problems};
use super::reading::{self, Sources};
use super::{BankError, BankFile, hashing_order, limits, whole_file};

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
        collect_toml_paths(dir, &mut paths, &mut problems);
        // With no file at all, the folder itself is what the message must name.
        if problems.list.is_empty() && paths.is_empty() {
            problems.push(
                ProblemKind::NoExamFile,
                whole_file(&dir.display().to_string()),
                None,
                "the folder holds no .toml files, so no exam.toml",
                "pass the bank folder (the one with exam.toml), or add exam.toml with id, title, [mock], [scoring] and [[task]] entries",
            );
        }
        if !problems.list.is_empty() {
            return Err(BankError {
                problems: problems.list,
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
        for (path, name) in self.paths.iter().zip(self.names()) {
            let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
            if size > limits::MAX_FILE_BYTES as u64 {
                problems.push(reading::too_large(&name, size));
                continue;
            }
            match std::fs::read_to_string(path) {
                Ok(text) => files.push(BankFile { name, text }),
                Err(error) => problems.push(reading::cannot_read(&name, &error)),
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
        for (index, _) in hashing_order(&names) {
            let mut file = File::open(&self.paths[index]).ok()?;
            let len = file.metadata().ok()?.len();
            hasher.file(&names[index], len);
            let mut seen = 0;
            loop {
                let read = file.read(&mut buffer).ok()?;
                if read == 0 {
                    break;
                }
                hasher.bytes(&buffer[..read]);
                seen += read as u64;
            }
            if seen != len {
                return None;
            }
        }
        Some(hasher.finish())
    }
}

fn collect_toml_paths(dir: &Path, paths: &mut Vec<PathBuf>, problems: &mut Problems) {
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
        if path.is_dir() {
            collect_toml_paths(&path, paths, problems);
        } else if path.extension().is_some_and(|ext| ext == "toml") {
            paths.push(path);
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

    #[test]
    fn a_missing_folder_is_named() {
        let error = BankFolder::open(&fixture("no-such-folder")).unwrap_err();
        assert!(error.problems[0].to_string().contains("no-such-folder"));
    }
}
