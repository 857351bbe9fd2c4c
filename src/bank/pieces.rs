//! Question files are parsed in pieces on every core. A file is cut just before some of its
//! top-level `[[question]]` headers, and each piece is parsed as a document of its own: the
//! cores share even a single large file, and each parser holds the tokens and tree of
//! one piece rather than of the whole file, which keeps memory and page faults down.
//!
//! Cutting is safe because a question file's root holds nothing but the `question` array:
//! every table after a `[[question]]` header belongs to that question, so no piece can
//! see or change another's. Should a cut fall inside a multi-line string or array, the
//! piece before it ends unterminated and fails to parse. Any piece with any problem sends
//! its whole file down the ordinary whole-file path, so the problems reported, and their
//! wording, are exactly those of parsing the file in one go.

use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};

use toml::de::DeTable;

use super::problem::{self, ProblemKind, Problems, SourceFile};
use super::{BankFile, Exam, Location, Problem, Question, limits, parse_document, question_file};

/// About how much text each piece holds: large enough that the per-parse overhead is
/// small, small enough that a parser's working memory stays in cache and is reused.
pub const PIECE_BYTES: usize = 64 * 1024;

/// What one question file yields: its questions with the place of each id, and its problems.
pub type FileYield = (Vec<(Question, Location)>, Vec<Problem>);

/// Ranges that cover `text` in order. Every piece after the first starts at a line that
/// opens a top-level `[[question]]`; the first also holds whatever precedes the first
/// question, so root keys written there are checked together with a question header.
/// `lines` is `line_starts(text)`.
pub fn split(text: &str, lines: &[usize], target: usize) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut seen_question = false;
    for &line in lines {
        if !opens_question(&bytes[line..]) {
            continue;
        }
        if seen_question && line - start >= target {
            pieces.push(start..line);
            start = line;
        }
        seen_question = true;
    }
    pieces.push(start..text.len());
    pieces
}

/// Whether a line is exactly the header `[[question]]`, perhaps followed by a comment.
fn opens_question(line: &[u8]) -> bool {
    line.strip_prefix(b"[[question]]").is_some_and(|after| {
        matches!(
            after.first(),
            None | Some(b' ' | b'\t' | b'\r' | b'\n' | b'#')
        )
    })
}

/// Reads question files on every core, cut into pieces of about `piece_bytes`; returns
/// the results in file order.
pub fn read_question_files(
    files: &[BankFile],
    exam: Option<&Exam>,
    piece_bytes: usize,
) -> Vec<FileYield> {
    let cut: Vec<(Vec<usize>, Vec<Range<usize>>)> = on_every_core(files, |file| {
        let lines = problem::line_starts(&file.text);
        let pieces = if file.text.len() > limits::MAX_FILE_BYTES {
            Vec::new()
        } else {
            split(&file.text, &lines, piece_bytes)
        };
        (lines, pieces)
    });
    let jobs: Vec<(usize, Range<usize>)> = cut
        .iter()
        .enumerate()
        .flat_map(|(index, (_, pieces))| pieces.iter().map(move |piece| (index, piece.clone())))
        .collect();
    let read = on_every_core(&jobs, |(index, piece)| {
        let (lines, _) = &cut[*index];
        read_piece(&files[*index], lines, piece.clone(), exam)
    });
    // Gather each file's pieces; a file with any failed piece is read again whole.
    let mut gathered: Vec<Option<Vec<(Question, Location)>>> = cut
        .iter()
        .map(|(_, pieces)| (!pieces.is_empty()).then(Vec::new))
        .collect();
    for ((index, _), piece) in jobs.iter().zip(read) {
        let file = &mut gathered[*index];
        match piece {
            Some(questions) => {
                if let Some(file) = file {
                    file.extend(questions);
                }
            }
            None => *file = None,
        }
    }
    let again: Vec<usize> = (0..files.len())
        .filter(|&index| gathered[index].is_none())
        .collect();
    let mut reread = on_every_core(&again, |&index| {
        read_question_file(&files[index], &cut[index].0, exam)
    })
    .into_iter();
    gathered
        .into_iter()
        .map(|questions| match questions {
            Some(questions) => (questions, Vec::new()),
            None => reread.next().unwrap_or_default(),
        })
        .collect()
}

/// One piece's questions, or None if the piece has any problem at all.
fn read_piece(
    file: &BankFile,
    lines: &[usize],
    piece: Range<usize>,
    exam: Option<&Exam>,
) -> Option<Vec<(Question, Location)>> {
    let source = SourceFile {
        name: &file.name,
        text: &file.text,
        lines,
        base: piece.start,
    };
    let root = DeTable::parse(&file.text[piece]).ok()?.into_inner();
    let mut problems = Problems::default();
    let parsed = question_file::parse_question_file(source, &root, exam, &mut problems);
    if !problems.list.is_empty() {
        return None;
    }
    Some(
        parsed
            .into_iter()
            .map(|parsed| {
                let id_location = source.location(&parsed.id_span);
                (parsed.question, id_location)
            })
            .collect(),
    )
}

/// A whole file in one parse, reporting every problem it has.
fn read_question_file(file: &BankFile, lines: &[usize], exam: Option<&Exam>) -> FileYield {
    let mut problems = Problems::default();
    if file.text.len() > limits::MAX_FILE_BYTES {
        problems.push(
            ProblemKind::TooLarge,
            super::whole_file(&file.name),
            None,
            format!(
                "the file is {} bytes; a bank file may be at most 8 MiB",
                file.text.len()
            ),
            "split it into several files",
        );
        return (Vec::new(), problems.list);
    }
    let Some((source, root)) = parse_document(file, lines, &mut problems) else {
        return (Vec::new(), problems.list);
    };
    let parsed = question_file::parse_question_file(source, &root, exam, &mut problems)
        .into_iter()
        .map(|parsed| {
            let id_location = source.location(&parsed.id_span);
            (parsed.question, id_location)
        })
        .collect();
    (parsed, problems.list)
}

/// `work` applied to every item, the items shared out to every core as each finishes its
/// last one; the results in item order.
fn on_every_core<T: Sync, R: Send>(items: &[T], work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let workers = cores.min(items.len());
    if workers < 2 {
        return items.iter().map(work).collect();
    }
    let next = AtomicUsize::new(0);
    let mut results: Vec<(usize, R)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(index) else {
                            return done;
                        };
                        done.push((index, work(item)));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| {
                // A panic in a worker is a bug; surface it rather than lose the files.
                worker
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    results.sort_by_key(|(index, _)| *index);
    results.into_iter().map(|(_, result)| result).collect()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use proptest::prelude::*;

    use super::*;

    fn valid_fixture() -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid")
    }

    fn questions_text() -> String {
        std::fs::read_to_string(valid_fixture().join("questions.toml")).expect("the fixture")
    }

    fn exam() -> Exam {
        super::super::load_dir(&valid_fixture())
            .expect("the valid fixture")
            .exam
    }

    fn split_at(text: &str, target: usize) -> Vec<Range<usize>> {
        split(text, &problem::line_starts(text), target)
    }

    fn read(text: &str, piece_bytes: usize) -> Vec<FileYield> {
        let files = vec![BankFile {
            name: "bank/questions.toml".into(),
            text: text.to_string(),
        }];
        read_question_files(&files, Some(&exam()), piece_bytes)
    }

    /// Reading in the smallest pieces must give exactly what reading whole files gives.
    fn assert_same_as_whole(text: &str) {
        assert_eq!(read(text, usize::MAX), read(text, 1), "{text}");
    }

    #[test]
    fn pieces_cover_the_text_and_start_only_at_question_headers() {
        let text = "# a bank\n[[question]]\nid = \"a\"\n[[question.option]]\ntext = \"x\"\n\
                    [[question]] # second\r\nid = \"b\"\n  [[question]]\n[[questions]]\n\
                    [[question]]x\n[[question]]";
        let pieces = split_at(text, 1);
        assert_eq!(pieces.len(), 3);
        assert!(text[pieces[0].clone()].starts_with("# a bank\n[[question]]\nid = \"a\""));
        assert!(text[pieces[1].clone()].starts_with("[[question]] # second\r\n"));
        assert!(text[pieces[1].clone()].ends_with("[[question]]x\n"));
        assert_eq!(&text[pieces[2].clone()], "[[question]]");
        assert_eq!(pieces[0].start, 0);
        assert_eq!(pieces[2].end, text.len());
        assert!(pieces.windows(2).all(|pair| pair[0].end == pair[1].start));
    }

    #[test]
    fn pieces_hold_at_least_the_target_and_the_first_holds_the_first_question() {
        let text = questions_text();
        assert_eq!(split_at(&text, 1).len(), 4, "one piece per question");
        assert_eq!(split_at(&text, usize::MAX).len(), 1);
        let half = text.len() / 2;
        let pieces = split_at(&text, half);
        assert_eq!(pieces.len(), 2);
        assert!(pieces[0].len() >= half);
        // A long preamble never makes a piece of its own.
        let preamble = format!("# {}\n", "a long comment ".repeat(100));
        let with_preamble = format!("{preamble}{text}");
        assert_eq!(
            split_at(&with_preamble, 1)[0].end,
            preamble.len() + split_at(&text, 1)[0].end
        );
    }

    #[test]
    fn a_valid_file_reads_the_same_in_pieces() {
        let text = questions_text();
        let (questions, problems) = &read(&text, 1)[0];
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(questions.len(), 4);
        assert_same_as_whole(&text);
        assert_same_as_whole(&text.replace('\n', "\r\n"));
    }

    #[test]
    fn a_header_inside_a_multi_line_string_is_text() {
        let text = questions_text().replacen(
            "prompt = \"Which TWO numbers are even?\"",
            "prompt = \"\"\"\nWhich TWO numbers are even?\n[[question]]\n\"\"\"",
            1,
        );
        assert_same_as_whole(&text);
        let (questions, problems) = &read(&text, 1)[0];
        assert!(problems.is_empty(), "{problems:?}");
        assert!(questions[1].0.prompt.ends_with("[[question]]"));
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
            text.replacen("why = \"D is the fourth letter.\"", "", 1),
            text.replacen("correct = false", "correct = \"no\"", 1),
        ];
        for text in broken {
            let (_, problems) = &read(&text, 1)[0];
            assert!(!problems.is_empty(), "{text}");
            assert_same_as_whole(&text);
        }
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
            assert_same_as_whole(&text);
        }
    }
}
