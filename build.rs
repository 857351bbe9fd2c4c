//! Checks the shipped question bank (`questions/`) and turns it into its loaded form at build
//! time: a broken shipped bank fails the build, and start-up only decodes a compact binary.
//! The TOML sources are embedded too, for `certsim validate`.

use std::fs;
use std::path::PathBuf;

// The loader itself, so the build checks the bank by exactly the rules the app applies.
#[allow(dead_code, unused_imports)]
#[path = "src/bank/mod.rs"]
mod bank;

fn main() {
    let root =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let questions = root.join("questions");
    // Cargo rescans a folder given here, subfolders included, for any change: a bank edit
    // or a loader change rebuilds the embedded bank.
    println!("cargo:rerun-if-changed={}", questions.display());
    println!("cargo:rerun-if-changed={}", root.join("src/bank").display());
    let mut files = bank::read_dir_files(&questions)
        .unwrap_or_else(|error| panic!("cannot read the shipped question bank:\n{error}"));
    let mut sources = String::from("pub static FILES: &[(&str, &str)] = &[\n");
    for file in &mut files {
        let path = PathBuf::from(&file.name);
        let relative = path
            .strip_prefix(&questions)
            .expect("read below the bank folder")
            .to_string_lossy()
            .replace('\\', "/");
        sources.push_str(&format!(
            "    ({relative:?}, include_str!({:?})),\n",
            path.display().to_string()
        ));
        // The names the app shows for the embedded bank, so its content hash is the same.
        file.name = format!("questions/{relative}");
    }
    sources.push_str("];\n");
    fs::write(out.join("embedded_bank.rs"), sources).expect("OUT_DIR is writable");

    let key = bank::binary::SourceKey::of_files(&files);
    let loaded = bank::load_files(files).unwrap_or_else(|error| {
        panic!("the shipped question bank in questions/ is broken:\n{error}")
    });
    // The shipped bank keeps the strict bar (`certsim validate --strict`): nothing a
    // personal bank may leave out is missing from it.
    let missing = bank::lint::missing(&loaded);
    if !missing.is_empty() {
        panic!(
            "the shipped question bank in questions/ misses what --strict requires:\n{}",
            missing.join("\n")
        );
    }
    let mut encoded = Vec::new();
    bank::binary::write(&loaded, key, &mut encoded).expect("writing to memory succeeds");
    fs::write(out.join("embedded_bank.bin"), encoded).expect("OUT_DIR is writable");
}
