//! The bank shipped inside the binary: the `questions/` folder at build time.

use crate::bank::{self, Bank, BankError, BankFile};

mod generated {
    include!(concat!(env!("OUT_DIR"), "/embedded_bank.rs"));
}

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

pub fn load() -> Result<Bank, BankError> {
    bank::load_files(files())
}
