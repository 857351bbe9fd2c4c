//! Hostile and broken input: escape sequences drawn inert, size limits, and a loader that
//! never panics on mutated or random bank text and always says where a problem is.

mod common;

use std::path::Path;

use certsim::bank::{self, BankFile, ProblemKind, limits};
use proptest::prelude::*;

fn fixture_text(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
    )
    .unwrap()
}

fn bank_of(questions: String) -> Vec<BankFile> {
    vec![
        BankFile {
            name: "bank/exam.toml".into(),
            text: fixture_text("valid/exam.toml"),
        },
        BankFile {
            name: "bank/questions.toml".into(),
            text: questions,
        },
    ]
}

#[test]
fn escape_sequences_in_a_bank_are_drawn_inert() {
    let mut app = common::app("hostile");
    common::press(&mut app, "Enter Enter");
    let screen = common::render(&mut app, 80, 24);
    assert!(
        !screen.contains('\u{1b}'),
        "no raw ESC reaches the terminal"
    );
    assert!(!screen.contains('\u{7}'), "no raw BEL reaches the terminal");
    insta::assert_snapshot!("hostile_question_80x24", screen);
}

#[test]
fn validate_warns_about_escape_sequences() {
    let warnings = bank::lint::warnings(&common::fixture("hostile"));
    assert_eq!(warnings.len(), 5, "{warnings:#?}");
    assert!(warnings[0].contains("question q-hostile-1: prompt contains an escape sequence"));
    assert!(warnings[4].contains("option C text contains the bidirectional override U+202E"));
    assert!(bank::lint::warnings(&common::fixture("valid")).is_empty());
}

#[test]
fn a_text_over_the_limit_is_refused_with_its_place() {
    let questions = fixture_text("valid/questions.toml").replacen(
        "Which letter comes first in the alphabet?",
        &"x".repeat(limits::MAX_TEXT_CHARS + 1),
        1,
    );
    let error = bank::load_files(bank_of(questions)).unwrap_err();
    let problem = &error.problems[0];
    assert_eq!(problem.kind, ProblemKind::TooLarge);
    assert_eq!(problem.location.line, 7);
    assert_eq!(problem.question.as_deref(), Some("q-alpha-1"));
}

#[test]
fn a_file_over_eight_mib_is_refused() {
    let mut questions = fixture_text("valid/questions.toml");
    questions.push_str(&format!("# {}\n", "x".repeat(limits::MAX_FILE_BYTES)));
    let error = bank::load_files(bank_of(questions)).unwrap_err();
    assert_eq!(error.problems[0].kind, ProblemKind::TooLarge);
    assert!(error.problems[0].to_string().contains("8 MiB"));
}

/// Scoring values far past any exam's made the scaled score overflow; they are refused with
/// the key's place and the allowed range.
#[test]
fn a_scoring_value_out_of_range_is_refused_with_its_place() {
    for (key, line, column, written) in [
        ("min", 9, 7, "min = -9223372036854775808"),
        ("max", 10, 7, "max = 9223372036854775807"),
        ("pass", 11, 8, "pass = 1000001"),
    ] {
        let original = match key {
            "min" => "min = 100",
            "max" => "max = 1000",
            _ => "pass = 700",
        };
        let mut files = bank_of(fixture_text("valid/questions.toml"));
        files[0].text = files[0].text.replacen(original, written, 1);
        // Keep min < pass <= max, so only the range is wrong.
        if key == "pass" {
            files[0].text = files[0].text.replacen("max = 1000", "max = 2000000", 1);
        }
        let error = bank::load_files(files).unwrap_err();
        let problem = error
            .problems
            .iter()
            .find(|p| p.message.contains(&format!("[scoring] {key} =")))
            .unwrap_or_else(|| panic!("{key}: {error}"));
        assert_eq!(problem.kind, ProblemKind::BadExamSetting, "{problem}");
        assert_eq!(problem.location.file, "bank/exam.toml");
        assert_eq!(
            (problem.location.line, problem.location.column),
            (line, column),
            "{problem}"
        );
        assert!(
            problem.to_string().contains("-1000000 to 1000000"),
            "{problem}"
        );
    }
}

#[test]
fn a_bank_over_twenty_thousand_questions_is_refused() {
    let one = |n: usize| {
        format!(
            "[[question]]\nid = \"q{n}\"\ntask = \"1.1\"\ntopic = \"alpha\"\ndifficulty = \"easy\"\nprompt = \"p\"\n\
             explanation = \"e\"\nreferences = [\"https://x.example\"]\n\
             option = [{{ text = \"a\", correct = true, why = \"w\" }}, {{ text = \"b\", correct = false, why = \"w\" }}, \
             {{ text = \"c\", correct = false, why = \"w\" }}, {{ text = \"d\", correct = false, why = \"w\" }}]\n"
        )
    };
    // Two files keep each under the size limit.
    let half = limits::MAX_QUESTIONS / 2 + 1;
    let mut files = bank_of((0..half).map(one).collect());
    files.push(BankFile {
        name: "bank/more.toml".into(),
        text: (half..2 * half).map(one).collect(),
    });
    let error = bank::load_files(files).unwrap_err();
    let problems: Vec<_> = error
        .problems
        .iter()
        .filter(|p| p.kind == ProblemKind::TooLarge)
        .collect();
    assert_eq!(problems.len(), 1, "said once");
    assert!(problems[0].message.contains("more than 20000 questions"));
}

/// Characters that break TOML in interesting ways.
const NOISE: &[&str] = &[
    "\"", "[", "]", "[[", "=", "\n", "#", "\\", "{", "}", ",", "x", "\"\"\"", "\u{0}", "é",
    "\u{1b}",
];

fn assert_located(files: Vec<BankFile>) {
    if let Err(error) = bank::load_files(files) {
        assert!(!error.problems.is_empty());
        for problem in &error.problems {
            assert!(
                problem.location.line >= 1 && problem.location.column >= 1,
                "{problem}"
            );
            assert!(problem.location.file.starts_with("bank/"), "{problem}");
            assert!(!problem.message.is_empty());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_banks_never_panic_and_every_problem_has_a_place(
        edits in proptest::collection::vec((0usize..4000, 0usize..NOISE.len(), 0usize..3), 1..6)
    ) {
        let mut text = fixture_text("valid/questions.toml");
        for (at, noise, kind) in edits {
            let mut at = at % (text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            match kind {
                0 => text.insert_str(at, NOISE[noise]),
                1 => {
                    let mut end = (at + 1 + noise).min(text.len());
                    while !text.is_char_boundary(end) {
                        end += 1;
                    }
                    text.replace_range(at..end, "");
                }
                _ => {
                    let mut end = (at + 4).min(text.len());
                    while !text.is_char_boundary(end) {
                        end += 1;
                    }
                    text.replace_range(at..end, NOISE[noise]);
                }
            }
        }
        assert_located(bank_of(text));
    }

    #[test]
    fn random_text_never_panics(text in "\\PC{0,400}") {
        assert_located(bank_of(text.clone()));
        let mut files = bank_of(String::new());
        files[0].text = text;
        assert_located(files);
    }
}

/// A bank with no task statement (which validation refuses, but a forged cache entry once
/// delivered) made the drill setup index an empty task list and panic.
#[test]
fn the_drill_setup_of_an_exam_without_tasks_does_not_panic() {
    let mut bank = common::fixture("valid");
    bank.exam.tasks.clear();
    let mut app = certsim::ui::app::App::new(
        bank,
        certsim::ui::app::AppOptions {
            seed: Some(1),
            ..Default::default()
        },
        common::t0(),
    );
    common::press(&mut app, "↓ Enter");
    common::render(&mut app, 80, 24);
    common::press(&mut app, "→ ← Tab → Enter");
    common::render(&mut app, 80, 24);
}

/// An id is printed in messages, commands and reports: one with an escape in it is an
/// error with its place, in a question and in exam.toml alike.
#[test]
fn an_id_with_a_control_character_is_an_error_with_its_place() {
    let questions = fixture_text("valid/questions.toml").replacen(
        "id = \"q-alpha-1\"",
        "id = \"q-alpha-\\u001b]0;pwned\\u0007\"",
        1,
    );
    let error = bank::load_files(bank_of(questions)).unwrap_err();
    let bad: Vec<_> = error
        .problems
        .iter()
        .filter(|p| p.kind == ProblemKind::BadId)
        .collect();
    assert_eq!(bad.len(), 1, "{error}");
    assert_eq!(bad[0].location.file, "bank/questions.toml");
    assert!(bad[0].to_string().contains("U+001B"), "{}", bad[0]);
    let exam = fixture_text("valid/exam.toml").replacen(
        "id = \"fixture-exam\"",
        "id = \"fixture\\u0007exam\"",
        1,
    );
    let files = vec![
        BankFile {
            name: "bank/exam.toml".into(),
            text: exam,
        },
        BankFile {
            name: "bank/questions.toml".into(),
            text: fixture_text("valid/questions.toml"),
        },
    ];
    let error = bank::load_files(files).unwrap_err();
    assert!(
        error.problems.iter().any(|p| p.kind == ProblemKind::BadId
            && p.location.file == "bank/exam.toml"
            && p.location.line == 1),
        "{error}"
    );
}
