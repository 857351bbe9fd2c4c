//! Checks the shipped question bank (`questions/`) and turns it into its loaded form at build
//! time: a broken shipped bank fails the build, and start-up only decodes a compact binary.
//! The TOML sources are embedded too, for `certsim validate`.

use std::fs;
use std::path::{Path, PathBuf};

// The loader itself, so the build checks the bank by exactly the rules the app applies.
#[allow(dead_code, unused_imports)]
#[path = "src/bank/mod.rs"]
mod bank;

fn main() {
    let root =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let questions = root.join("questions");
    println!("cargo:rerun-if-changed={}", questions.display());
    println!("cargo:rerun-if-changed={}", root.join("src/bank").display());
    let mut paths = Vec::new();
    collect(&questions, &mut paths);
    paths.sort();

    let mut sources = String::from("pub static FILES: &[(&str, &str)] = &[\n");
    let mut files = Vec::new();
    for path in &paths {
        let relative = path
            .strip_prefix(&questions)
            .expect("collected below the bank folder");
        let name = relative.to_string_lossy().replace('\\', "/");
        sources.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            path.display().to_string()
        ));
        println!("cargo:rerun-if-changed={}", path.display());
        let text = fs::read_to_string(path)
            .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
        // The names the app shows for the embedded bank, so its content hash is the same.
        files.push(bank::BankFile {
            name: format!("questions/{name}"),
            text,
        });
    }
    sources.push_str("];\n");
    fs::write(out.join("embedded_bank.rs"), sources).expect("OUT_DIR is writable");

    let key = bank::binary::SourceKey::of_files(&files);
    let loaded = bank::load_files(files).unwrap_or_else(|error| {
        panic!("the shipped question bank in questions/ is broken:\n{error}")
    });
    let mut encoded = Vec::new();
    bank::binary::write(&loaded, key, &mut encoded).expect("writing to memory succeeds");
    fs::write(out.join("embedded_bank.bin"), encoded).expect("OUT_DIR is writable");
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        if path.is_dir() {
            println!("cargo:rerun-if-changed={}", path.display());
            collect(&path, files);
        } else if path.extension().is_some_and(|ext| ext == "toml") {
            files.push(path);
        }
    }
}
