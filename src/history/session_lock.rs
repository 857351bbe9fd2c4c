//! One certsim at a time works on a data directory's unfinished session. Two processes
//! that both resumed it would both submit it; one that started its own would overwrite the
//! other's. The holder keeps an advisory lock on `session.lock` (the OS releases it if the
//! process dies) with its process id inside, so the other can say who has it.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use super::store::HistoryError;

pub const LOCK_FILE: &str = "session.lock";

/// The unfinished session is ours while this lives.
#[derive(Debug)]
pub struct SessionLock {
    /// Holding the open file holds the lock; closing it lets go.
    _file: File,
}

/// Why the lock could not be taken.
#[derive(Debug)]
pub enum LockRefused {
    /// Another certsim holds it (its process id, when it could be read).
    InUse {
        pid: Option<u32>,
        dir: PathBuf,
    },
    Failed(HistoryError),
}

impl std::fmt::Display for LockRefused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LockRefused::InUse { pid, dir } => {
                let by = pid.map_or_else(String::new, |pid| format!(" (PID {pid})"));
                write!(
                    f,
                    "the unfinished session in {} is open in another certsim{by}",
                    dir.display()
                )
            }
            LockRefused::Failed(error) => error.fmt(f),
        }
    }
}

impl SessionLock {
    /// Takes the lock on `dir`'s session without waiting, and writes our process id in it.
    pub fn acquire(dir: &Path) -> Result<SessionLock, LockRefused> {
        let path = dir.join(LOCK_FILE);
        let failed = |action: &'static str| {
            let path = path.clone();
            move |source| {
                LockRefused::Failed(HistoryError {
                    path,
                    action,
                    source,
                })
            }
        };
        std::fs::create_dir_all(dir).map_err(failed("create the data directory"))?;
        // Not truncated on open: the holder's process id must survive until we hold it.
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(failed("open"))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut text = String::new();
                let pid = file
                    .read_to_string(&mut text)
                    .ok()
                    .and_then(|_| text.trim().parse().ok());
                return Err(LockRefused::InUse {
                    pid,
                    dir: dir.to_path_buf(),
                });
            }
            Err(TryLockError::Error(error)) => return Err(failed("lock")(error)),
        }
        file.set_len(0).map_err(failed("write"))?;
        file.seek(SeekFrom::Start(0)).map_err(failed("write"))?;
        write!(file, "{}", std::process::id()).map_err(failed("write"))?;
        Ok(SessionLock { _file: file })
    }

    /// Who holds `dir`'s session, if another certsim does (checked by taking the lock and
    /// letting it go at once).
    pub fn holder(dir: &Path) -> Option<LockRefused> {
        match SessionLock::acquire(dir) {
            Err(in_use @ LockRefused::InUse { .. }) => Some(in_use),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::test_support::Scratch;

    #[test]
    fn a_second_holder_is_refused_with_the_first_ones_process_id() {
        let scratch = Scratch::new("session-lock");
        let held = SessionLock::acquire(&scratch.0).expect("free at first");
        match SessionLock::acquire(&scratch.0) {
            Err(LockRefused::InUse { pid, .. }) => assert_eq!(pid, Some(std::process::id())),
            other => panic!("expected InUse, got {other:?}"),
        }
        assert!(SessionLock::holder(&scratch.0).is_some());
        drop(held);
        assert!(SessionLock::holder(&scratch.0).is_none());
        SessionLock::acquire(&scratch.0).expect("free again once let go");
    }
}
