//! `certsim import` as a process: every format read, the exit status, skipped questions
//! listed by file:line, `certsim validate` on what was written; and the readers fed
//! arbitrary text.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use certsim::bank::{self, Bank};
use certsim::interchange::{self, SourceFormat};
use common::Scratch;
use proptest::prelude::*;

fn certsim(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_certsim"))
        .args(args)
        .env(
            "CERTSIM_CACHE_DIR",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("interchange-cache"),
        )
        .output()
        .expect("certsim runs")
}

fn fixture(name: &str) -> String {
    format!(
        "{}/tests/fixtures/interchange/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Imports `file` into a fresh folder and checks that `certsim validate` accepts it.
fn import_and_validate(
    scratch: &Scratch,
    file: &str,
    from: &str,
    expected_status: i32,
) -> (Output, Bank) {
    let out = scratch.join("bank");
    let output = certsim(&[
        "import",
        &fixture(file),
        "--from",
        from,
        "-o",
        &out.display().to_string(),
    ]);
    assert_eq!(
        output.status.code(),
        Some(expected_status),
        "{}",
        text(&output.stderr)
    );
    let validated = certsim(&["validate", &out.display().to_string()]);
    assert_eq!(
        validated.status.code(),
        Some(0),
        "{}{}",
        text(&validated.stdout),
        text(&validated.stderr)
    );
    (
        output,
        bank::load_dir(&out).expect("the imported bank loads"),
    )
}

#[test]
fn gift_import_keeps_choice_questions_and_lists_the_rest_by_line() {
    let scratch = Scratch::new("import-gift");
    let (output, bank) = import_and_validate(&scratch, "sample.gift", "gift", 3);
    let stderr = text(&output.stderr);
    let file = fixture("sample.gift");
    for (line, what) in [
        (21, "essay question \"Essay\""),
        (23, "true/false question \"TF\""),
        (25, "numerical question \"Number\""),
    ] {
        assert!(
            stderr.contains(&format!("{file}:{line}: skipped {what}")),
            "{stderr}"
        );
    }
    assert_eq!(stderr.lines().count(), 3, "{stderr}");
    assert!(
        text(&output.stdout).contains("Imported 2 questions"),
        "{}",
        text(&output.stdout)
    );

    let dns = bank.question("dns-record").expect("the title is the id");
    assert_eq!(dns.prompt, "Which record maps a name\nto an IPv4 address?");
    assert_eq!(
        (dns.task.as_str(), dns.topic.as_str()),
        ("networking", "dns")
    );
    assert_eq!(
        bank.exam.task("networking").map(|t| t.title.as_str()),
        Some("Networking")
    );
    assert_eq!(dns.options()[1].why, "AAAA holds IPv6.");
    assert_eq!(
        dns.explanation,
        "DNS record types each answer one kind of lookup."
    );
    let ports = bank.question("ports-pick-two").expect("an id-safe title");
    assert_eq!(ports.choose(), 2);
    assert_eq!(ports.options()[2].why, "", "no feedback: no why");
    assert_eq!(bank.exam.mock.questions, 2);
    assert_eq!(bank.exam.mock.minutes, 4);
    assert_eq!(
        (
            bank.exam.scoring.min,
            bank.exam.scoring.max,
            bank.exam.scoring.pass
        ),
        (100, 1000, 720)
    );
    assert_eq!(bank.exam.title, "sample");
}

#[test]
fn aiken_import_with_a_task_and_title_of_its_own() {
    let scratch = Scratch::new("import-aiken");
    let out = scratch.join("bank").display().to_string();
    let output = certsim(&[
        "import",
        &fixture("sample.aiken.txt"),
        "--from",
        "aiken",
        "--task",
        "2.1",
        "--title",
        "Cloud basics",
        "-o",
        &out,
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(certsim(&["validate", &out]).status.code(), Some(0));
    let bank = bank::load_dir(Path::new(&out)).expect("loads");
    assert_eq!(bank.exam.title, "Cloud basics");
    assert_eq!(bank.exam.tasks.len(), 1);
    assert_eq!(bank.exam.tasks[0].id, "2.1");
    assert!(bank.exam.tasks[0].topics.is_empty());
    assert_eq!(bank.questions.len(), 2);
    assert_eq!(bank.questions[1].key_texts(), ["AWS Lambda"]);
    assert_eq!(bank.questions[1].id, "sample.aiken-002");
}

#[test]
fn csv_import_reads_the_documented_columns() {
    let scratch = Scratch::new("import-csv");
    let (_, bank) = import_and_validate(&scratch, "sample.csv", "csv", 0);
    let cold = bank.question("s3-durability").expect("the id column");
    assert_eq!(cold.key_texts(), ["S3 Glacier Deep Archive"]);
    assert_eq!(
        cold.options()[1].why,
        "The cheapest storage for rarely read data."
    );
    assert_eq!(cold.difficulty.map(|d| d.as_str()), Some("easy"));
    assert_eq!((cold.task.as_str(), cold.topic.as_str()), ("storage", "s3"));
    let two = bank.question("two-answers").expect("second row");
    assert_eq!(two.key_texts(), ["AWS Lambda", "AWS Fargate"]);
    assert_eq!(two.topic, "");
    assert_eq!(two.explanation, "");
}

#[test]
fn moodle_xml_import_converts_html_and_skips_other_types() {
    let scratch = Scratch::new("import-xml");
    let (output, bank) = import_and_validate(&scratch, "sample.xml", "moodle-xml", 3);
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains(&format!(
            "{}:16: skipped truefalse question \"MFA\"",
            fixture("sample.xml")
        )),
        "{stderr}"
    );
    let question = bank.question("least-privilege").expect("named");
    assert_eq!(
        question.prompt,
        "Which policy grants only what a role needs?\n\nChoose one."
    );
    assert_eq!(question.explanation, "Least privilege & nothing more.");
    assert_eq!(
        (question.task.as_str(), question.topic.as_str()),
        ("security", "iam")
    );
}

#[test]
fn malformed_input_and_a_used_folder_are_errors() {
    let scratch = Scratch::new("import-errors");
    std::fs::create_dir_all(scratch.path()).expect("scratch");
    let broken = scratch.join("broken.gift");
    std::fs::write(&broken, "::a::Question {\n=right\n~wrong\n").expect("write");
    let out = scratch.join("out").display().to_string();
    let output = certsim(&[
        "import",
        &broken.display().to_string(),
        "--from",
        "gift",
        "-o",
        &out,
    ]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains(&format!("{}:3: GIFT syntax error", broken.display())),
        "{stderr}"
    );
    assert!(!Path::new(&out).exists(), "nothing written on an error");

    let used = scratch.path().display().to_string();
    let output = certsim(&[
        "import",
        &fixture("sample.aiken.txt"),
        "--from",
        "aiken",
        "-o",
        &used,
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stderr).contains("is not empty"),
        "{}",
        text(&output.stderr)
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn gift_and_aiken_readers_never_panic(text in "(?s)[\\PC\n{}=~#%:\\\\$/ATF.)0-9 -]{0,200}") {
        for format in [SourceFormat::Gift, SourceFormat::Aiken, SourceFormat::MoodleXml, SourceFormat::Csv] {
            let _ = interchange::read(format, &text);
        }
    }

    #[test]
    fn gift_reader_never_panics_on_mutated_questions(cut in 0usize..400, insert in "[{}=~#%:\\\\\n]{0,3}") {
        let sample = std::fs::read_to_string(fixture("sample.gift")).unwrap_or_default();
        let at = (0..=cut.min(sample.len())).rev().find(|&i| sample.is_char_boundary(i)).unwrap_or(0);
        let mutated = format!("{}{insert}{}", &sample[..at], &sample[at..]);
        let _ = interchange::read(SourceFormat::Gift, &mutated);
        let _ = interchange::read(SourceFormat::Aiken, &mutated);
    }
}
