//! Loading a bank folder through a cache of its parsed form in a folder the caller names
//! (the platform cache folder, in the app). The entry is keyed by every file's name and
//! bytes, so any change rebuilds it; a stale or corrupt entry is ignored and rewritten, and
//! a cache that cannot be read or written only costs the time to parse the sources.

use std::fs::File;
use std::io::{BufReader, BufWriter, Read};
use std::path::{Path, PathBuf};

use xxhash_rust::xxh3::xxh3_64;

use super::binary::{self, SourceKey};
use super::pieces::PIECE_BYTES;
use super::{Bank, BankError, BankFolder, disk, limits, load};

/// What a load did with the cache, for tests and measurements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CacheUse {
    /// The bank came from the cache.
    Hit,
    /// The bank was parsed from the sources and the cache entry written.
    Rebuilt,
    /// The bank was parsed from the sources; the cache could not be written.
    Unwritable,
    /// The sources have problems: nothing was cached.
    Invalid,
    /// A file changed while it was read: the bank was parsed but not cached.
    Changing,
    /// No cache folder: the bank was parsed from the sources.
    Off,
}

/// Loads `dir` through the cache in `cache_dir`; without one, from the sources.
pub fn load_dir(dir: &Path, cache_dir: Option<&Path>) -> Result<Bank, BankError> {
    load_dir_reporting(dir, cache_dir).0
}

/// [`load_dir`], also saying how the cache was used.
pub fn load_dir_reporting(
    dir: &Path,
    cache_dir: Option<&Path>,
) -> (Result<Bank, BankError>, CacheUse) {
    let Some(cache_dir) = cache_dir else {
        return (super::load_dir(dir), CacheUse::Off);
    };
    let entry = entry_path(dir, cache_dir);
    // With no entry yet (a first launch) there is nothing to check the sources against.
    if let Ok(stored) = disk::open_regular(&entry) {
        // Hash the sources on one thread while the entry is read on this one.
        let (key, stored) = std::thread::scope(|scope| {
            let key = scope.spawn(|| key_of_folder(dir));
            // An entry longer than any bank's is cut short, which reads as corrupt.
            let stored = stored.take(limits::MAX_CACHE_ENTRY_BYTES);
            let stored = binary::read(BufReader::with_capacity(64 * 1024, stored));
            (key.join().ok().flatten(), stored)
        });
        if let (Some(key), Ok(stored)) = (key, stored)
            && stored.key == key
        {
            return (Ok(stored.bank), CacheUse::Hit);
        }
    }
    let sources = match BankFolder::open(dir) {
        Ok(folder) => folder.into_sources(),
        Err(error) => return (Err(error), CacheUse::Invalid),
    };
    // The entry is keyed by the very bytes parsed, so a file edited meanwhile is never
    // cached under its old content.
    let loaded = load::load(&sources, PIECE_BYTES);
    match (loaded.bank, loaded.key) {
        (Ok(bank), Some(key)) => {
            let used = match write_entry(&entry, &bank, key) {
                Ok(()) => CacheUse::Rebuilt,
                Err(_) => CacheUse::Unwritable,
            };
            (Ok(bank), used)
        }
        (Ok(bank), None) => (Ok(bank), CacheUse::Changing),
        (Err(error), _) => (Err(error), CacheUse::Invalid),
    }
}

/// Where the entry for `dir` lives: one per folder, replaced when its files change.
pub fn entry_path(dir: &Path, cache_dir: &Path) -> PathBuf {
    let folder = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    let name = xxh3_64(folder.display().to_string().as_bytes());
    cache_dir.join("banks").join(format!("{name:016x}.bank"))
}

/// The key of the files below `dir` as they are now (see [`BankFolder::key`]).
fn key_of_folder(dir: &Path) -> Option<SourceKey> {
    BankFolder::open(dir).ok()?.key()
}

/// Writes beside the entry and renames over it, so readers see the old entry or the new one.
fn write_entry(entry: &Path, bank: &Bank, key: SourceKey) -> std::io::Result<()> {
    let folder = entry
        .parent()
        .ok_or_else(|| std::io::Error::other("the cache entry has no folder"))?;
    std::fs::create_dir_all(folder)?;
    let temporary = entry.with_extension(format!("tmp-{}", std::process::id()));
    // Whatever a crashed run or anyone else left there (a FIFO would block the open) goes;
    // `create_new` then refuses anything that appears in between, symlinks included.
    let _ = std::fs::remove_file(&temporary);
    let created = File::options()
        .write(true)
        .create_new(true)
        .open(&temporary);
    let written = created.and_then(|file| {
        binary::write(bank, key, BufWriter::with_capacity(64 * 1024, file))?;
        std::fs::rename(&temporary, entry)
    });
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A copy of the valid fixture bank and a cache folder beside it, removed when dropped
    /// (a failing test included).
    struct Scratch {
        root: PathBuf,
        bank: PathBuf,
        cache: PathBuf,
    }

    impl Scratch {
        fn new(name: &str) -> Scratch {
            let root =
                std::env::temp_dir().join(format!("certsim-cache-{name}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&root);
            let bank = root.join("bank");
            std::fs::create_dir_all(&bank).unwrap();
            let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid");
            for name in ["exam.toml", "questions.toml"] {
                std::fs::copy(from.join(name), bank.join(name)).unwrap();
            }
            let cache = root.join("cache");
            Scratch { root, bank, cache }
        }

        fn load(&self) -> (Result<Bank, BankError>, CacheUse) {
            load_dir_reporting(&self.bank, Some(&self.cache))
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.root);
        }
    }

    #[test]
    fn the_second_load_is_a_hit_and_equal_to_the_sources() {
        let scratch = Scratch::new("hit");
        let (first, used) = scratch.load();
        assert_eq!(used, CacheUse::Rebuilt);
        let (second, used) = scratch.load();
        assert_eq!(used, CacheUse::Hit);
        assert_eq!(first.unwrap(), second.unwrap());
        assert_eq!(
            super::super::load_dir(&scratch.bank).unwrap(),
            load_dir(&scratch.bank, Some(&scratch.cache)).unwrap()
        );
    }

    #[test]
    fn any_edit_rebuilds() {
        let scratch = Scratch::new("edit");
        let _ = scratch.load();
        let questions = scratch.bank.join("questions.toml");
        let text = std::fs::read_to_string(&questions).unwrap();
        // Same length, one character different: only the bytes tell.
        let edited = text.replacen("Which", "WHICH", 1);
        assert_ne!(edited, text);
        assert_eq!(edited.len(), text.len());
        std::fs::write(&questions, &edited).unwrap();
        let (bank, used) = scratch.load();
        assert_eq!(used, CacheUse::Rebuilt);
        assert!(
            bank.unwrap()
                .questions
                .iter()
                .any(|q| q.prompt.contains("WHICH"))
        );
        // A new file counts too.
        std::fs::write(scratch.bank.join("more.toml"), "").unwrap();
        let (_, used) = scratch.load();
        assert_eq!(used, CacheUse::Rebuilt);
    }

    #[test]
    fn a_corrupt_entry_is_ignored_and_rewritten() {
        let scratch = Scratch::new("corrupt");
        let (clean, _) = scratch.load();
        let entry = entry_path(&scratch.bank, &scratch.cache);
        let mut bytes = std::fs::read(&entry).unwrap();
        let middle = bytes.len() / 2;
        bytes[middle] ^= 1;
        std::fs::write(&entry, &bytes).unwrap();
        let (bank, used) = scratch.load();
        assert_eq!(used, CacheUse::Rebuilt);
        assert_eq!(bank.unwrap(), clean.unwrap());
        std::fs::write(&entry, b"garbage").unwrap();
        assert_eq!(scratch.load().1, CacheUse::Rebuilt);
        assert_eq!(scratch.load().1, CacheUse::Hit);
    }

    /// A FIFO in place of the entry would block the open forever: it is a miss instead.
    #[cfg(unix)]
    #[test]
    fn a_fifo_in_place_of_the_entry_is_a_miss_not_a_hang() {
        let scratch = Scratch::new("fifo");
        let entry = entry_path(&scratch.bank, &scratch.cache);
        std::fs::create_dir_all(entry.parent().unwrap()).unwrap();
        let status = std::process::Command::new("mkfifo")
            .arg(&entry)
            .status()
            .unwrap();
        assert!(status.success());
        let (bank, cache) = (scratch.bank.clone(), scratch.cache.clone());
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = sender.send(load_dir_reporting(&bank, Some(&cache)).1);
        });
        let used = receiver
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("no hang on a FIFO");
        assert_eq!(used, CacheUse::Rebuilt);
        assert_eq!(scratch.load().1, CacheUse::Hit);
    }

    /// The checksum guards against corruption, not against a changed entry: one written
    /// with the right key and checksum but breaking the bank's rules is ignored and the bank
    /// read again from its sources.
    #[test]
    fn a_forged_entry_that_breaks_the_bank_rules_is_ignored() {
        let scratch = Scratch::new("forged");
        let clean = scratch.load().0.unwrap();
        let key = BankFolder::open(&scratch.bank).unwrap().key().unwrap();
        let entry = entry_path(&scratch.bank, &scratch.cache);
        type Forgery = fn(&mut Bank);
        let forgeries: [(&str, Forgery); 8] = [
            ("no task", |bank| bank.exam.tasks.clear()),
            ("a key out of range", |bank| {
                if let super::super::Body::Choice { choose, .. } = &mut bank.questions[0].body {
                    *choose = 99;
                }
            }),
            ("no options", |bank| {
                if let super::super::Body::Choice { options, .. } = &mut bank.questions[0].body {
                    options.clear();
                }
            }),
            ("scoring past its bounds", |bank| {
                bank.exam.scoring.min = i64::MIN;
            }),
            ("pass above max", |bank| bank.exam.scoring.pass = 5000),
            ("no mock questions", |bank| bank.exam.mock.questions = 0),
            ("a repeated id", |bank| {
                bank.questions[1].id = bank.questions[0].id.clone();
            }),
            ("an unknown task", |bank| {
                bank.questions[0].task = "9.9".to_string();
            }),
        ];
        for (what, forge) in forgeries {
            let mut forged = clean.clone();
            forge(&mut forged);
            write_entry(&entry, &forged, key).unwrap();
            let (bank, used) = scratch.load();
            assert_eq!(used, CacheUse::Rebuilt, "{what}");
            assert_eq!(bank.unwrap(), clean, "{what}");
        }
        // Written the same way but unaltered, the entry is used: the rules alone refused.
        write_entry(&entry, &clean, key).unwrap();
        assert_eq!(scratch.load().1, CacheUse::Hit);
    }

    #[test]
    fn an_invalid_bank_is_reported_every_time_and_never_cached() {
        let scratch = Scratch::new("invalid");
        std::fs::write(scratch.bank.join("broken.toml"), "[[question]\n").unwrap();
        for _ in 0..2 {
            let (loaded, used) = scratch.load();
            assert_eq!(used, CacheUse::Invalid);
            assert!(loaded.is_err());
        }
        assert!(!entry_path(&scratch.bank, &scratch.cache).exists());
    }

    #[test]
    fn an_unwritable_cache_only_costs_time() {
        let scratch = Scratch::new("unwritable");
        // A file where the cache folder should be: nothing can be created below it.
        std::fs::write(&scratch.cache, "not a folder").unwrap();
        let (bank, used) = scratch.load();
        assert_eq!(used, CacheUse::Unwritable);
        assert_eq!(
            bank.unwrap(),
            super::super::load_dir(&scratch.bank).unwrap()
        );
    }
}
