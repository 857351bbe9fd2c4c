//! The loader must give exactly what parsing each file whole gives, whatever the pieces.

use std::path::{Path, PathBuf};

use proptest::prelude::*;

use super::*;
use crate::bank::reading::Sources;
use crate::bank::{BankFile, read_dir_files};
use crate::bank::{limits, pieces};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn questions_text() -> String {
    std::fs::read_to_string(fixture("valid/questions.toml")).expect("the fixture")
}

/// The valid fixture's exam with `questions` as its one question file.
fn bank_of(questions: &str) -> Vec<BankFile> {
    vec![
        BankFile {
            name: "bank/exam.toml".into(),
            text: std::fs::read_to_string(fixture("valid/exam.toml")).expect("the fixture"),
        },
        BankFile {
            name: "bank/questions.toml".into(),
            text: questions.to_string(),
        },
    ]
}

fn load_in_pieces(files: &[BankFile], piece_bytes: usize) -> Result<Bank, BankError> {
    load(&Sources::Memory(files.to_vec()), piece_bytes).bank
}

/// Pieces of one question, of 64 KiB, and whole files must all agree.
fn assert_same_as_whole(files: &[BankFile]) -> Result<Bank, BankError> {
    let whole = load_in_pieces(files, usize::MAX);
    assert_eq!(load_in_pieces(files, 1), whole);
    assert_eq!(load_in_pieces(files, pieces::PIECE_BYTES), whole);
    whole
}

/// The content hash as history first stored it: FNV-1a over each file's path within the
/// bank and its text, in path order. Written out again here so a change to the streaming
/// hasher cannot go unnoticed.
fn content_hash_as_first_stored(files: &[BankFile], root: &Path) -> String {
    let mut named: Vec<(String, &str)> = files
        .iter()
        .map(|f| {
            let path = Path::new(&f.name);
            let relative = path.strip_prefix(root).unwrap_or(path);
            (
                relative.to_string_lossy().replace('\\', "/"),
                f.text.as_str(),
            )
        })
        .collect();
    named.sort();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (name, text) in named {
        for byte in name.bytes().chain([0]).chain(text.bytes()).chain([0]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

#[test]
fn a_large_bank_reads_the_same_in_pieces_of_any_size() {
    let files = crate::synthetic::generate_split(400, 150, 7);
    assert!(files.iter().any(|f| f.text.len() > 2 * pieces::PIECE_BYTES));
    let bank = assert_same_as_whole(&files).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(bank.questions.len(), 400);
    assert_eq!(
        bank.content_hash,
        content_hash_as_first_stored(&files, Path::new("synthetic"))
    );
}

#[test]
fn a_folder_reads_the_same_as_its_files_in_memory() {
    let folder = fixture("valid");
    let from_folder = load(&Sources::Folder(vec![]), 1).bank;
    assert!(from_folder.is_err(), "no files, no exam file");
    let files = read_dir_files(&folder).expect("the fixture");
    let paths: Vec<PathBuf> = files.iter().map(|f| PathBuf::from(&f.name)).collect();
    let loaded = load(&Sources::Folder(paths), 1);
    assert_eq!(loaded.bank, load_in_pieces(&files, usize::MAX));
    assert_eq!(
        loaded.key,
        Some(crate::bank::binary::SourceKey::of_files(&{
            let mut in_hashing_order = files.clone();
            in_hashing_order.sort_by(|a, b| a.name.cmp(&b.name));
            in_hashing_order
        }))
    );
    let bank = loaded.bank.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        bank.content_hash,
        content_hash_as_first_stored(&files, &folder)
    );
}

#[test]
fn a_header_inside_a_multi_line_string_is_text() {
    let text = questions_text().replacen(
        "prompt = \"Which TWO numbers are even?\"",
        "prompt = \"\"\"\nWhich TWO numbers are even?\n[[question]]\n\"\"\"",
        1,
    );
    let bank = assert_same_as_whole(&bank_of(&text)).unwrap_or_else(|e| panic!("{e}"));
    assert!(bank.questions[1].prompt.ends_with("[[question]]"));
    assert_eq!(bank.questions.len(), 4);
}

#[test]
fn problems_anywhere_are_those_of_the_whole_file() {
    let text = questions_text();
    let last = text.rfind("[[question]]").expect("a question");
    let broken = [
        format!("question = [{{ id = \"inline\" }}]\n{text}"),
        format!("title = \"stray\"\n{text}"),
        format!("{text}\n[extra]\nkey = 1\n"),
        format!("{}[question]\nid = \"x\"\n{}", &text[..last], &text[last..]),
        format!("{}\"\"\"\n{}", &text[..last], &text[last..]),
        format!("{text}\n{}", &text[last..]),
        text.replacen("why = \"D is the fourth letter.\"", "why = \"\"", 1),
        text.replacen("correct = false", "correct = \"no\"", 1),
    ];
    for text in broken {
        let error = assert_same_as_whole(&bank_of(&text)).expect_err(&text);
        assert!(!error.problems.is_empty());
    }
}

#[test]
fn lines_are_counted_across_pieces() {
    let text = format!("{}\n[[question]]\nid = 1\n", questions_text());
    let error = load_in_pieces(&bank_of(&text), 1).expect_err("a question without fields");
    let line = text.lines().count() - 1;
    assert!(
        error.problems.iter().any(|p| p.location.line == line),
        "{error}"
    );
}

#[test]
fn a_file_that_is_not_utf8_is_named() {
    let dir = std::env::temp_dir().join(format!("certsim-not-utf8-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    std::fs::copy(fixture("valid/exam.toml"), dir.join("exam.toml")).expect("copy");
    let mut bytes = questions_text().into_bytes();
    bytes.extend_from_slice(b"\n# \xff\xfe\n");
    std::fs::write(dir.join("questions.toml"), bytes).expect("write");
    let loaded = load(
        &crate::bank::BankFolder::open(&dir)
            .expect("listed")
            .into_sources(),
        1,
    );
    let _ = std::fs::remove_dir_all(&dir);
    let error = loaded.bank.expect_err("not UTF-8");
    assert_eq!(error.problems.len(), 1, "{error}");
    assert_eq!(error.problems[0].kind, ProblemKind::Io);
    assert!(error.problems[0].message.contains("UTF-8"), "{error}");
    assert!(error.problems[0].location.file.ends_with("questions.toml"));
    assert_eq!(loaded.key, None);
}

#[test]
fn a_file_edited_between_its_two_readings_is_reported_not_trusted() {
    let files = bank_of(&questions_text());
    let sources = Sources::Memory(files);
    let read = read_question_file(&sources, (1, "bank/questions.toml"), Some(0), None);
    assert!(read.questions.is_empty());
    assert_eq!(read.problems.len(), 1);
    assert!(
        read.problems[0]
            .message
            .contains("changed while certsim was reading it")
    );
}

/// Snippets that open or close strings, arrays and tables, or start a question.
const NOISE: &[&str] = &[
    "\n[[question]]\n",
    "[[question]]",
    "\"\"\"",
    "'''",
    "[",
    "]",
    "\n",
    "\"",
    "#",
    "\n[question]\n",
    "\nid = \"x\"\n",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_edit_reads_the_same_in_pieces_as_whole(
        edits in proptest::collection::vec((0usize..4000, 0usize..NOISE.len()), 1..4)
    ) {
        let mut text = questions_text();
        for (at, noise) in edits {
            let at = at % (text.len() + 1);
            text.insert_str(at, NOISE[noise]);
        }
        assert_same_as_whole(&bank_of(&text)).ok();
    }
}

#[test]
fn files_read_in_hashing_order_still_join_the_bank_in_reading_order() {
    let mut files = crate::synthetic::generate_split(60, 20, 3);
    assert_eq!(files.len(), 4);
    // Hashing order (by path) is a-b/x, a/y, z; reading order (by depth) is z, a-b/x, a/y.
    for (file, name) in files[1..]
        .iter_mut()
        .zip(["z.toml", "a-b/x.toml", "a/y.toml"])
    {
        file.name = format!("synthetic/{name}");
    }
    let bank = assert_same_as_whole(&files).unwrap_or_else(|e| panic!("{e}"));
    let first_ids: Vec<&str> = files[1..]
        .iter()
        .map(|f| {
            let at = f.text.find("id = \"").expect("an id") + 6;
            &f.text[at..at + f.text[at..].find('"').expect("a closing quote")]
        })
        .collect();
    for (file, first) in first_ids.iter().enumerate() {
        assert_eq!(bank.questions[file * 20].id, *first);
    }
    assert_eq!(
        bank.content_hash,
        content_hash_as_first_stored(&files, Path::new("synthetic"))
    );
}

/// A question with problems of its own still has its id checked: a duplicate shows with the
/// other problems, not only after they are fixed, and whichever comes first is named.
#[test]
fn a_duplicate_id_shows_even_when_either_question_has_other_problems() {
    let text = questions_text();
    let first = text.find("[[question]]").expect("a question");
    let second = text[first + 1..].find("[[question]]").expect("two") + first + 1;
    let alpha = &text[first..second];
    let broken_alpha = alpha.replacen("difficulty = \"easy\"", "difficulty = \"simple\"", 1);
    for (earlier, later) in [
        (alpha, broken_alpha.as_str()),
        (broken_alpha.as_str(), alpha),
    ] {
        let files = vec![
            bank_of("")[0].clone(),
            BankFile {
                name: "bank/a.toml".into(),
                text: earlier.to_string(),
            },
            BankFile {
                name: "bank/b.toml".into(),
                text: later.to_string(),
            },
        ];
        let error = assert_same_as_whole(&files).expect_err("two problems");
        let found: Vec<(ProblemKind, &str)> = error
            .problems
            .iter()
            .map(|p| (p.kind, p.location.file.as_str()))
            .collect();
        assert!(
            found.contains(&(ProblemKind::DuplicateId, "bank/b.toml")),
            "{found:?}"
        );
        assert!(
            found.contains(&(
                ProblemKind::BadDifficulty,
                if earlier == alpha {
                    "bank/b.toml"
                } else {
                    "bank/a.toml"
                }
            )),
            "{found:?}"
        );
        assert!(
            error
                .problems
                .iter()
                .any(|p| p.message.contains("bank/a.toml:2:6")),
            "{found:?}"
        );
    }
}

/// A file of 20,000 unknown keys lists 100 problems and, after them, one line counting the
/// rest, which are never built: building them all made such a bank slow on every launch.
#[test]
fn problems_in_a_file_stop_at_a_hundred_with_a_count_of_the_rest() {
    let unknown: String = (0..20_000).map(|n| format!("unknown_{n} = 1\n")).collect();
    for file in ["bank/exam.toml", "bank/questions.toml"] {
        let mut files = bank_of(&questions_text());
        let index = files.iter().position(|f| f.name == file).expect("named");
        files[index].text = format!("{unknown}{}", files[index].text);
        let error = load_in_pieces(&files, pieces::PIECE_BYTES).expect_err("unknown keys");
        let in_file: Vec<&Problem> = error
            .problems
            .iter()
            .filter(|p| p.location.file == file)
            .collect();
        assert_eq!(in_file.len(), 101, "{file}");
        assert!(
            in_file[..100]
                .iter()
                .all(|p| p.kind == ProblemKind::UnknownKey)
        );
        let rest = in_file[100];
        assert_eq!(rest.kind, ProblemKind::MoreProblems);
        assert!(
            rest.message
                .contains(&format!("and at least 19900 more problems in {file}")),
            "{rest}"
        );
        assert!(
            error
                .to_string()
                .ends_with("100 problems listed, and more not listed, in the question bank")
        );
    }
}

/// Every file may be under its own limit and the bank still too large in all.
#[test]
fn a_bank_over_64_mib_in_all_is_refused_at_the_file_that_passes_the_limit() {
    let filler = format!("# {}\n", "x".repeat(limits::MAX_FILE_BYTES - 16));
    let mut files = bank_of(&questions_text());
    files.extend((0..9).map(|n| BankFile {
        name: format!("bank/filler-{n}.toml"),
        text: filler.clone(),
    }));
    let error = load(&Sources::Memory(files), pieces::PIECE_BYTES)
        .bank
        .expect_err("too large in all");
    assert_eq!(error.problems.len(), 1, "{error}");
    let problem = &error.problems[0];
    assert_eq!(problem.kind, ProblemKind::TooLarge);
    assert_eq!(problem.location.file, "bank/filler-7.toml");
    assert!(problem.message.contains("64 MiB"), "{problem}");
}
