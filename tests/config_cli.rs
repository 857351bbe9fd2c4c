//! The configuration file, run as a process: where it is found, what it sets, that flags
//! and the environment override it, and that a bad file is an error naming file, line and
//! key. Also: `exam --resume` on a damaged session says where the file went.

mod common;

use std::path::Path;
use std::process::Command;

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// certsim with `XDG_CONFIG_HOME` at `root/xdg` and nothing else from this environment.
fn certsim(root: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_certsim"));
    command
        .env("XDG_CONFIG_HOME", root.join("xdg"))
        .env("HOME", root.join("home"))
        .env("CERTSIM_CACHE_DIR", root.join("cache"))
        .env_remove("CERTSIM_DATA_DIR")
        .env_remove("XDG_DATA_HOME");
    command
}

fn write_config(root: &Path, text: &str) -> std::path::PathBuf {
    let dir = root.join("xdg/certsim");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("config.toml");
    std::fs::write(&path, text).unwrap();
    path
}

fn json(output: std::process::Output) -> serde_json::Value {
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("JSON")
}

#[test]
fn the_file_sets_bank_data_dir_and_exam_date_and_flags_and_environment_win() {
    let root = common::Scratch::new("config-cli");
    let data = root.join("data");
    write_config(
        &root,
        &format!(
            "# certsim\nbank = \"{}\"\ndata_dir = \"{}\"\ncolor = false\ndesired_retention = 0.85\nexam_date = \"2099-01-10\"\n",
            fixture("valid"),
            data.display()
        ),
    );
    let stats = json(
        certsim(&root)
            .args(["stats", "--format", "json"])
            .output()
            .unwrap(),
    );
    assert_eq!(
        stats["bank"]["id"], "fixture-exam",
        "the bank from the file"
    );
    assert_eq!(stats["exam_date"], "2099-01-10");
    // `plan` keeps its date in the file's data directory, and it wins over the file's.
    let output = certsim(&root)
        .args(["plan", "--exam-date", "2099-02-01"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(data.join("plan.toml").exists());
    let stats = json(
        certsim(&root)
            .args(["stats", "--format", "json"])
            .output()
            .unwrap(),
    );
    assert_eq!(stats["exam_date"], "2099-02-01");
    // The environment overrides the file; a flag overrides both.
    let env_dir = root.join("from-env");
    let stats = json(
        certsim(&root)
            .env("CERTSIM_DATA_DIR", &env_dir)
            .args(["stats", "--format", "json"])
            .output()
            .unwrap(),
    );
    assert_eq!(
        stats["exam_date"], "2099-01-10",
        "no plan.toml in the env's folder"
    );
    let flag_dir = root.join("from-flag");
    certsim(&root)
        .env("CERTSIM_DATA_DIR", &env_dir)
        .args([
            "--data-dir",
            &flag_dir.display().to_string(),
            "plan",
            "--exam-date",
            "2099-03-01",
        ])
        .output()
        .unwrap();
    assert!(flag_dir.join("plan.toml").exists());
    assert!(!env_dir.join("plan.toml").exists());
    let stats = json(
        certsim(&root)
            .args(["--bank", &fixture("kinds"), "stats", "--format", "json"])
            .output()
            .unwrap(),
    );
    assert_eq!(
        stats["bank"]["id"], "kinds-exam",
        "--bank wins over the file"
    );
}

#[test]
fn a_bad_file_is_an_error_naming_the_file_the_line_and_the_key() {
    let root = common::Scratch::new("config-bad");
    let path = write_config(&root, "color = true\ndesired_retention = 2\n");
    let output = certsim(&root).args(["stats"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "{}:2: desired_retention: 2 is outside",
            path.display()
        )),
        "{stderr}"
    );
    // The manual and completions never need the file.
    let output = certsim(&root).args(["man"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn resume_of_a_damaged_session_says_where_it_was_moved() {
    let root = common::Scratch::new("config-resume");
    let data = root.join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(data.join("session.json"), b"{ torn").unwrap();
    let output = certsim(&root)
        .args([
            "--data-dir",
            &data.display().to_string(),
            "exam",
            "--resume",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("no unfinished session to resume"),
        "{stderr}"
    );
    assert!(stderr.contains("session.json.corrupt-"), "{stderr}");
}
