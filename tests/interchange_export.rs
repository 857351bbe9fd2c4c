//! `certsim export-bank`: the shipped bank's round trip through GIFT and Moodle XML (export,
//! import, the same questions), the command as a process, and the Anki file.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use certsim::bank::{self, Bank, BankFile};
use certsim::interchange::{self, ImportOptions, SourceFormat, TargetFormat};
use common::Scratch;

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

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// What a round trip must keep of every question.
fn essentials(bank: &Bank) -> Vec<String> {
    bank.questions
        .iter()
        .map(|q| {
            let options: Vec<String> = q
                .options()
                .iter()
                .map(|o| format!("{} | {} | {}", o.text, o.correct, o.why))
                .collect();
            format!(
                "{} [{} / {}] {:?} {:?} {:?}\n{}\n{}\n{}",
                q.id,
                q.task,
                q.topic,
                q.difficulty,
                q.services,
                q.references,
                q.prompt,
                options.join("\n"),
                q.explanation
            )
        })
        .collect()
}

fn round_trip(bank: &Bank, to: TargetFormat, from: SourceFormat) -> Bank {
    let exported = interchange::export(bank, to);
    assert!(exported.left_out.is_empty());
    let options = ImportOptions {
        format: from,
        task: "1".into(),
        title: Some(bank.exam.title.clone()),
    };
    let source = [BankFile {
        name: "shipped".into(),
        text: exported.text,
    }];
    let imported = interchange::import(&source, &options).expect("imports");
    assert!(imported.skipped.is_empty(), "{:?}", imported.skipped);
    bank::load_files(imported.files).expect("the imported bank loads")
}

#[test]
fn the_shipped_bank_survives_gift_and_moodle_xml() {
    let shipped = certsim::embedded::load().expect("the embedded bank");
    for (to, from) in [
        (TargetFormat::Gift, SourceFormat::Gift),
        (TargetFormat::MoodleXml, SourceFormat::MoodleXml),
    ] {
        let back = round_trip(&shipped, to, from);
        assert_eq!(back.questions.len(), shipped.questions.len());
        for (before, after) in essentials(&shipped).iter().zip(essentials(&back)) {
            assert_eq!(before, &after, "{to:?}");
        }
        let topics = |bank: &Bank| -> Vec<(String, Vec<String>)> {
            bank.exam
                .tasks
                .iter()
                .map(|t| {
                    (
                        t.id.clone(),
                        t.topics.iter().map(|t| t.id.clone()).collect(),
                    )
                })
                .collect()
        };
        let mut expected = topics(&shipped);
        let mut actual = topics(&back);
        // Only topics with questions travel.
        for (_, list) in expected.iter_mut().chain(actual.iter_mut()) {
            list.sort();
        }
        let used: std::collections::HashSet<&str> =
            shipped.questions.iter().map(|q| q.topic.as_str()).collect();
        for (_, list) in &mut expected {
            list.retain(|topic| used.contains(topic.as_str()));
        }
        assert_eq!(expected, actual, "{to:?}");
    }
}

#[test]
fn export_bank_writes_files_as_a_process() {
    let scratch = Scratch::new("export-bank");
    std::fs::create_dir_all(scratch.path()).expect("scratch");
    for format in ["gift", "moodle-xml", "anki"] {
        let file = scratch.join(format).display().to_string();
        let output = certsim(&["export-bank", "--to", format, "-o", &file]);
        assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
        assert!(
            text(&output.stdout).contains("Wrote 372 questions"),
            "{}",
            text(&output.stdout)
        );
    }
    // A bank with ordering and matching questions: those are named and left out.
    let file = scratch.join("kinds.gift").display().to_string();
    let kinds = format!("{}/tests/fixtures/kinds", env!("CARGO_MANIFEST_DIR"));
    let output = certsim(&["export-bank", "--to", "gift", &kinds, "-o", &file]);
    assert_eq!(output.status.code(), Some(3));
    assert!(
        text(&output.stderr).contains("(ordering): only choice questions are exported"),
        "{}",
        text(&output.stderr)
    );
}

#[test]
fn the_anki_file_has_import_headers_and_one_note_a_line() {
    let mut bank = certsim::embedded::load().expect("the embedded bank");
    bank.questions.truncate(1);
    let question = &mut bank.questions[0];
    question.prompt = "Pick <one>\tor\nanother & \"go\"".into();
    question.explanation = "Because.".into();
    let exported = interchange::export(&bank, TargetFormat::Anki);
    let lines: Vec<&str> = exported.text.lines().collect();
    assert_eq!(
        lines[..5],
        [
            "#separator:tab",
            "#html:true",
            "#notetype:Basic",
            "#columns:Front\tBack\tTags",
            "#tags column:3"
        ]
    );
    assert_eq!(lines.len(), 6);
    let fields: Vec<&str> = lines[5].split('\t').collect();
    assert_eq!(fields.len(), 3);
    let q = &bank.questions[0];
    assert!(
        fields[0].starts_with("Pick &lt;one&gt;&#9;or<br>another &amp; &quot;go&quot;<br>A. "),
        "{}",
        fields[0]
    );
    let key: Vec<String> = q
        .options()
        .iter()
        .enumerate()
        .filter(|(_, o)| o.correct)
        .map(|(i, _)| bank::letter(i).to_string())
        .collect();
    assert!(
        fields[1].starts_with(&format!("<b>{}</b><br><br>Because.<br>A. ", key.join(", "))),
        "{}",
        fields[1]
    );
    assert_eq!(fields[2], format!("task::{} topic::{}", q.task, q.topic));
}
