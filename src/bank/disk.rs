//! Opening bank bytes on disk: regular files only, read up to a limit counted in bytes
//! actually read. A FIFO named `*.toml` would block `open` forever, and a device such as
//! `/dev/zero` reports a length of 0 while giving bytes without end, so neither the name
//! nor the metadata's length can be trusted.

use std::fmt;
use std::fs::{File, FileType, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

/// Why a path that should hold a bank file does not: it is a FIFO, device, socket or folder.
#[derive(Debug)]
pub struct NotRegular {
    pub what: &'static str,
}

impl fmt::Display for NotRegular {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "it is {}, not a regular file", self.what)
    }
}

impl std::error::Error for NotRegular {}

/// What a file type is, in words, when it is not a regular file.
pub fn not_regular(file_type: FileType) -> Option<NotRegular> {
    if file_type.is_file() {
        return None;
    }
    let what = if file_type.is_dir() {
        "a folder"
    } else {
        special_kind(file_type)
    };
    Some(NotRegular { what })
}

#[cfg(unix)]
fn special_kind(file_type: FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if file_type.is_fifo() {
        "a named pipe (FIFO)"
    } else if file_type.is_char_device() || file_type.is_block_device() {
        "a device"
    } else if file_type.is_socket() {
        "a socket"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_kind(_: FileType) -> &'static str {
    "a special file"
}

/// Opens `path` for reading if it is a regular file (a symlink to one included). The type
/// is checked before opening and again on the opened handle, which is what is read: a file
/// swapped for a FIFO in between is refused too, and on unix the open itself cannot block.
pub fn open_regular(path: &Path) -> io::Result<File> {
    refuse_irregular(std::fs::metadata(path)?.file_type())?;
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Only FIFOs and devices heed it; reads of a regular file are unaffected.
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    refuse_irregular(file.metadata()?.file_type())?;
    Ok(file)
}

fn refuse_irregular(file_type: FileType) -> io::Result<()> {
    match not_regular(file_type) {
        Some(why) => Err(io::Error::new(io::ErrorKind::InvalidInput, why)),
        None => Ok(()),
    }
}

/// The bytes of `input` up to `limit`, and one more if there are more: a result longer than
/// `limit` means the input is too large, however it described its own length.
pub fn read_at_most(input: impl Read, limit: u64) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    input
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}
