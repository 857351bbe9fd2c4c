//! Loading a bank from its files. The exam file is read first, since every question is
//! checked against it. Then this thread reads the question files one after another (see
//! `reading`), hashing every byte and cutting each file into pieces (see `pieces`), while
//! every core parses pieces as they come and each piece's text is freed once parsed. A
//! bounded queue keeps the reading only a few pieces ahead, and parsed pieces join the
//! bank's list as soon as they are next in order (see `gather`): a load holds the bank it
//! builds and little more.

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError, mpsc};

use toml::de::DeTable;
use xxhash_rust::xxh3::xxh3_64;

use super::binary::SourceKey;
use super::gather::{BrokenId, FileYield, Gathering, PieceYield};
use super::pieces::Piece;
use super::problem::{self, ProblemKind, Problems, SourceFile};
use super::reading::{ReadEvent, Reader, Sources, read_whole};
use super::{
    Bank, BankError, BankFile, Exam, Problem, exam_file, parse_document, question_file, whole_file,
};

/// What a load gives: the bank or every problem, and the key of the bytes it read (`None`
/// when the bank is invalid or a file changed while it was read: nothing to cache).
pub struct LoadOutcome {
    pub bank: Result<Bank, BankError>,
    pub key: Option<SourceKey>,
}

/// Loads the bank in `sources`, cutting question files into pieces of about `piece_bytes`.
pub fn load(sources: &Sources, piece_bytes: usize) -> LoadOutcome {
    let names = sources.names();
    // Messages follow the reading order people expect: the exam file, then by depth and name.
    let mut order: Vec<usize> = (0..names.len()).collect();
    order.sort_by_key(|&index| {
        let name = &names[index];
        (
            !super::is_exam_file(name),
            Path::new(name).components().count(),
            name.clone(),
        )
    });
    let Some(&exam_index) = order.first().filter(|&&i| super::is_exam_file(&names[i])) else {
        let folder = order
            .first()
            .and_then(|&i| {
                Path::new(&names[i])
                    .parent()
                    .map(|p| p.display().to_string())
            })
            .unwrap_or_else(|| "the bank folder".to_string());
        let mut problems = Problems::default();
        problems.push(
            ProblemKind::NoExamFile,
            whole_file(&folder),
            None,
            "the bank has no exam.toml",
            "add exam.toml with id, title, [mock], [scoring] and [[task]] entries",
        );
        return invalid(problems.into_list());
    };
    let mut io_problems = Problems::default();
    let mut problems = Problems::default();
    let exam_text = read_whole(sources, exam_index, &names[exam_index], &mut io_problems);
    let exam = exam_text.as_ref().and_then(|text| {
        let file = BankFile {
            name: names[exam_index].clone(),
            text: text.clone(),
        };
        let lines = problem::line_starts(&file.text);
        parse_document(&file, &lines, &mut problems)
            .and_then(|(source, root)| exam_file::parse_exam(source, &root, &mut problems))
    });
    // Question files by their place in `order`, for the results.
    let question_files = &order[1..];
    let mut place = vec![usize::MAX; names.len()];
    for (slot, &index) in question_files.iter().enumerate() {
        place[index] = slot;
    }

    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let (queue, jobs) = mpsc::sync_channel::<(usize, usize, Piece)>(2 * workers);
    let jobs = Mutex::new(jobs);
    let (parsed_sender, parsed) = mpsc::channel();
    let mut gathering = Gathering::new(question_files.len());
    let reading = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..workers)
            .map(|_| {
                let parsed_sender = parsed_sender.clone();
                let jobs = &jobs;
                let names = &names;
                let exam = exam.as_ref();
                scope.spawn(move || {
                    loop {
                        let job = jobs.lock().unwrap_or_else(PoisonError::into_inner).recv();
                        let Ok((slot, piece_index, piece)) = job else {
                            return;
                        };
                        let file = (question_files[slot], names[question_files[slot]].as_str());
                        let result = read_piece(file, piece, exam);
                        // This thread waits for every result, so the receiver outlives us.
                        let _ = parsed_sender.send((slot, piece_index, result));
                    }
                })
            })
            .collect();
        drop(parsed_sender);
        let reader = Reader {
            sources,
            names: &names,
            exam: (exam_index, exam_text.as_deref()),
            place: &place,
            piece_bytes,
        };
        // Between pieces, move whatever the workers have finished into the bank's list.
        let reading = reader.read_all(queue, &mut |event| {
            if let ReadEvent::FileRead { slot, pieces } = event {
                gathering.file_read(slot, pieces);
            }
            for (slot, piece, result) in parsed.try_iter() {
                gathering.piece(slot, piece, result);
            }
        });
        for (slot, piece, result) in parsed.iter() {
            gathering.piece(slot, piece, result);
        }
        for worker in workers {
            // A panic in a worker is a bug; surface it rather than lose the files.
            worker
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        }
        reading
    });
    for problem in reading.problems {
        io_problems.add(problem);
    }
    for slot in (0..question_files.len()).filter(|&slot| gathering.not_utf8[slot]) {
        io_problems.push(
            ProblemKind::Io,
            whole_file(&names[question_files[slot]]),
            None,
            "cannot read the file: stream did not contain valid UTF-8",
            "check that it exists, is readable and is UTF-8 text",
        );
    }
    if !io_problems.is_empty() {
        return invalid(sorted(io_problems.into_list(), &names, &order));
    }
    // A file with any failed piece is read again whole, all such files on every core.
    let again: Vec<usize> = (0..question_files.len())
        .filter(|&slot| gathering.failed[slot])
        .collect();
    let mut whole: HashMap<usize, FileYield> = again
        .iter()
        .copied()
        .zip(on_every_core(&again, |&slot| {
            let index = question_files[slot];
            read_question_file(
                sources,
                (index, &names[index]),
                reading.digests[index],
                exam.as_ref(),
            )
        }))
        .collect();
    let gathered = gathering.finish(|slot| {
        whole
            .remove(&slot)
            .unwrap_or_else(|| FileYield::only(question_files[slot], Vec::new()))
    });
    gathered.check_across_files(&names, &mut problems);
    // Each file's own problems are already listed up to its limit, with a line for the rest.
    let mut problems = problems.into_list();
    problems.extend(gathered.problems);
    let bank = match exam {
        Some(exam) if problems.is_empty() => Ok(Bank {
            exam,
            questions: gathered.questions,
            content_hash: reading.content_hash,
        }),
        _ => Err(BankError {
            problems: sorted(problems, &names, &order),
        }),
    };
    let key = reading.key.filter(|_| bank.is_ok());
    LoadOutcome { bank, key }
}

fn invalid(problems: Vec<Problem>) -> LoadOutcome {
    LoadOutcome {
        bank: Err(BankError { problems }),
        key: None,
    }
}

/// Problems in reading order: file by file as `order` lists them, top to bottom, each
/// file's count of unlisted problems after its listed ones.
fn sorted(mut problems: Vec<Problem>, names: &[String], order: &[usize]) -> Vec<Problem> {
    let mut rank = std::collections::HashMap::new();
    for (position, &index) in order.iter().enumerate() {
        rank.insert(names[index].as_str(), position);
    }
    problems.sort_by_key(|p| {
        let file = rank.get(p.location.file.as_str()).copied();
        let unlisted = p.kind == ProblemKind::MoreProblems;
        (file, unlisted, p.location.line, p.location.column)
    });
    problems
}

fn read_piece((file, name): (usize, &str), piece: Piece, exam: Option<&Exam>) -> PieceYield {
    let Ok(text) = String::from_utf8(piece.bytes) else {
        return PieceYield::NotUtf8;
    };
    let lines = problem::line_starts(&text);
    let source = SourceFile {
        name,
        text: &text,
        lines: &lines,
        lines_before: piece.lines_before,
    };
    let Ok(root) = DeTable::parse(&text) else {
        return PieceYield::Problems;
    };
    let mut problems = Problems::default();
    let parsed = question_file::parse_question_file(source, root.get_ref(), exam, &mut problems);
    if !problems.is_empty() {
        return PieceYield::Problems;
    }
    PieceYield::Questions(yield_of(file, source, parsed, Vec::new()))
}

/// A whole file in one parse, reporting every problem it has. Its pieces had a problem,
/// but the cut may have been the cause (a header inside a multi-line string): the whole
/// file's reading decides, provided it is the same text the pieces were cut from.
fn read_question_file(
    sources: &Sources,
    (index, name): (usize, &str),
    digest: Option<u64>,
    exam: Option<&Exam>,
) -> FileYield {
    let mut problems = Problems::default();
    let Some(text) = read_whole(sources, index, name, &mut problems) else {
        return FileYield::only(index, problems.into_list());
    };
    if digest != Some(xxh3_64(text.as_bytes())) {
        problems.push(
            ProblemKind::Io,
            whole_file(name),
            None,
            "the file changed while certsim was reading it",
            "run certsim again once the file is saved",
        );
        return FileYield::only(index, problems.into_list());
    }
    let file = BankFile {
        name: name.to_string(),
        text,
    };
    let lines = problem::line_starts(&file.text);
    let Some((source, root)) = parse_document(&file, &lines, &mut problems) else {
        return FileYield::only(index, problems.into_list());
    };
    let parsed = question_file::parse_question_file(source, &root, exam, &mut problems);
    yield_of(index, source, parsed, problems.into_list())
}

fn yield_of(
    file: usize,
    source: SourceFile<'_>,
    parsed: Vec<question_file::ParsedQuestion>,
    problems: Vec<Problem>,
) -> FileYield {
    let mut questions = Vec::with_capacity(parsed.len());
    let mut id_places = Vec::with_capacity(parsed.len());
    let mut broken_ids = Vec::new();
    for parsed in parsed {
        let place = source.line_column(&parsed.id_span);
        match parsed.question {
            Ok(question) => {
                id_places.push(place);
                questions.push(question);
            }
            Err(id) => broken_ids.push(BrokenId {
                after: questions.len(),
                id,
                place,
            }),
        }
    }
    FileYield {
        file,
        questions,
        id_places,
        broken_ids,
        problems,
    }
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
#[path = "load_tests.rs"]
mod tests;
