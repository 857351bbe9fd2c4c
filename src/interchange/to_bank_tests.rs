use super::*;

fn options(format: SourceFormat) -> ImportOptions {
    ImportOptions {
        format,
        task: "1".into(),
        title: Some("My Exam".into()),
    }
}

fn source(name: &str, text: &str) -> Vec<BankFile> {
    vec![BankFile {
        name: name.into(),
        text: text.into(),
    }]
}

const FOUR: &str = "::q::Q? {=a#why a ~b#why b ~c#why c ~d#why d ####because}";

#[test]
fn ids_are_made_safe_and_unique() {
    assert_eq!(
        id_safe("  Alarm One: Part 2! ").as_deref(),
        Some("alarm-one-part-2")
    );
    assert_eq!(id_safe("4.1_x-y").as_deref(), Some("4.1_x-y"));
    assert_eq!(id_safe("!!!"), None);
    let mut taken = HashSet::new();
    assert_eq!(unique("a", &mut taken), "a");
    assert_eq!(unique("a", &mut taken), "a-2");
    assert_eq!(unique("a", &mut taken), "a-3");
}

#[test]
fn the_bank_written_names_what_the_source_has_and_omits_the_rest() {
    let text = format!("$CATEGORY: Storage/S3 buckets\n\n{FOUR}\n\n{FOUR}\n");
    let imported = import(&source("dir/aws.gift", &text), &options(SourceFormat::Gift)).unwrap();
    assert_eq!(imported.questions, 2);
    let exam = &imported.files[0].text;
    assert!(
        exam.contains("id = \"my-exam\"\ntitle = \"My Exam\""),
        "{exam}"
    );
    assert!(
        exam.contains("[mock]\nquestions = 2\nminutes = 4"),
        "{exam}"
    );
    assert!(
        exam.contains("id = \"storage\"\ntitle = \"Storage\""),
        "{exam}"
    );
    assert!(
        exam.contains("{ id = \"s3-buckets\", title = \"S3 buckets\" }"),
        "{exam}"
    );
    let questions = &imported.files[1].text;
    assert!(
        questions.contains("id = \"q\"\n") && questions.contains("id = \"q-2\"\n"),
        "{questions}"
    );
    for absent in ["difficulty", "references", "services", "\"\""] {
        assert!(!questions.contains(absent), "{absent} in {questions}");
    }
    let bank = bank::load_files(imported.files).unwrap();
    assert_eq!(bank.questions[0].options()[0].why, "why a");
    assert_eq!(bank.questions[0].explanation, "because");
}

#[test]
fn questions_the_loader_rejects_are_skipped_with_its_reason() {
    let text = format!("{FOUR}\n\n::short::Q? {{=a ~b ~c}}\n");
    let imported = import(&source("a.gift", &text), &options(SourceFormat::Gift)).unwrap();
    assert_eq!(imported.questions, 1);
    assert_eq!(imported.skipped.len(), 1);
    let report = imported.skipped[0].to_string();
    assert!(
        report.starts_with("a.gift:3: skipped question \"short\""),
        "{report}"
    );
    assert!(report.contains("at least 4"), "{report}");
}

#[test]
fn nothing_importable_and_bad_input_are_errors() {
    let error = import(&source("a.gift", "Essay {}"), &options(SourceFormat::Gift)).unwrap_err();
    assert!(
        matches!(&error, ImportError::Nothing(skipped) if skipped.len() == 1),
        "{error}"
    );
    let error = import(
        &source("a.txt", "Q?\nA. x\n"),
        &options(SourceFormat::Aiken),
    )
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        "a.txt:1: this question has no ANSWER: line — end the question with a line such as ANSWER: B"
    );
}
