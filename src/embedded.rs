//! The bank shipped inside the binary: the `questions/` folder, checked and converted to its
//! loaded form at build time (see `build.rs`).

use crate::bank::binary::{self, Miss};
use crate::bank::{Bank, BankFile};

mod generated {
    include!(concat!(env!("OUT_DIR"), "/embedded_bank.rs"));
}

static LOADED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/embedded_bank.bin"));

/// The shipped bank's source files, as `validate` reads them.
pub fn files() -> Vec<BankFile> {
    generated::FILES
        .iter()
        .map(|(name, text)| BankFile {
            name: format!("questions/{name}"),
            text: (*text).to_string(),
        })
        .collect()
}

/// The shipped bank, decoded from the form the build produced.
pub fn load() -> Result<Bank, Miss> {
    binary::read(LOADED).map(|stored| stored.bank)
}
