//! The engine never imports terminal crates: everything under `src/` except the UI layer
//! and the binary's entry point must stay free of ratatui and crossterm.

use std::path::{Path, PathBuf};

const TERMINAL_ONLY: &[&str] = &["src/ui", "src/main.rs", "src/terminal.rs"];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn engine_modules_do_not_import_terminal_crates() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    let mut offenders = Vec::new();
    for file in files {
        let relative = file
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if TERMINAL_ONLY
            .iter()
            .any(|allowed| relative.starts_with(allowed))
        {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        for (number, line) in text.lines().enumerate() {
            if line.contains("ratatui") || line.contains("crossterm") {
                offenders.push(format!("{relative}:{}: {line}", number + 1));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "engine code imports a terminal crate:\n{}",
        offenders.join("\n")
    );
}
