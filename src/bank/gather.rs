//! Putting parsed pieces back in reading order as they arrive from the cores. Each piece's
//! questions move into the bank's one list as soon as every piece before them is in, so a
//! piece's own list is freed while the bank grows and the questions are never held twice.

use std::collections::{BTreeMap, HashMap};

use super::problem::{ProblemKind, Problems};
use super::{Location, Problem, Question, limits};

/// Questions with the place of each id, and problems: what a piece or a whole file yields.
pub struct FileYield {
    /// The file's index in the bank's names.
    pub file: usize,
    pub questions: Vec<Question>,
    /// Where each question's id is, as line and column: a full location is made only for
    /// the rare message that needs one.
    pub id_places: Vec<(usize, usize)>,
    /// Questions that failed their own checks but have an id: checked for duplicates too.
    pub broken_ids: Vec<BrokenId>,
    pub problems: Vec<Problem>,
}

/// The id of a question that failed its own checks, and where it stands.
pub struct BrokenId {
    /// How many good questions come before it (in its file, then in the bank's list).
    pub after: usize,
    pub id: String,
    pub place: (usize, usize),
}

impl FileYield {
    /// A yield of problems and no questions.
    pub fn only(file: usize, problems: Vec<Problem>) -> Self {
        FileYield {
            file,
            questions: Vec::new(),
            id_places: Vec::new(),
            broken_ids: Vec::new(),
            problems,
        }
    }
}

/// What parsing one piece gave.
pub enum PieceYield {
    Questions(FileYield),
    /// The piece has a problem: its file is read again whole to report it.
    Problems,
    NotUtf8,
}

/// The question files' pieces, gathered in order. Files are counted by their place in the
/// reading order ("slots"); pieces by their place in their file.
pub struct Gathering {
    /// How many pieces each file was cut into, once it has been read to its end.
    cut: Vec<Option<usize>>,
    pub failed: Vec<bool>,
    pub not_utf8: Vec<bool>,
    /// Pieces that arrived before one ahead of them.
    early: BTreeMap<(usize, usize), FileYield>,
    /// The piece the bank's list waits for.
    next: (usize, usize),
    /// Where the questions of the file at `next` start in the list.
    file_start: usize,
    questions: Vec<Question>,
    /// Each question's file (its index in the names) and id place.
    id_places: Vec<(usize, (usize, usize))>,
    /// Failed questions' ids, placed among `questions`, with their file.
    broken_ids: Vec<(usize, BrokenId)>,
    problems: Vec<Problem>,
}

impl Gathering {
    pub fn new(files: usize) -> Self {
        Gathering {
            cut: vec![None; files],
            failed: vec![false; files],
            not_utf8: vec![false; files],
            early: BTreeMap::new(),
            next: (0, 0),
            file_start: 0,
            questions: Vec::new(),
            id_places: Vec::new(),
            broken_ids: Vec::new(),
            problems: Vec::new(),
        }
    }

    /// The file in `slot` has been read to its end, in `pieces` pieces.
    pub fn file_read(&mut self, slot: usize, pieces: usize) {
        self.cut[slot] = Some(pieces);
        self.advance();
    }

    pub fn piece(&mut self, slot: usize, piece: usize, parsed: PieceYield) {
        match parsed {
            PieceYield::Questions(parsed) => {
                self.early.insert((slot, piece), parsed);
            }
            PieceYield::Problems => self.failed[slot] = true,
            PieceYield::NotUtf8 => self.not_utf8[slot] = true,
        }
        self.advance();
    }

    /// Moves every piece that is next in order into the list.
    fn advance(&mut self) {
        while let Some(&cut) = self.cut.get(self.next.0) {
            let (slot, piece) = self.next;
            // A failed file waits for its whole reading at the end.
            if self.failed[slot] || self.not_utf8[slot] {
                return;
            }
            if let Some(parsed) = self.early.remove(&(slot, piece)) {
                self.take(parsed);
                self.next = (slot, piece + 1);
            } else if cut == Some(piece) {
                self.next = (slot + 1, 0);
                self.file_start = self.questions.len();
            } else {
                return;
            }
        }
    }

    fn take(&mut self, parsed: FileYield) {
        self.problems.extend(parsed.problems);
        let file = parsed.file;
        let before = self.questions.len();
        self.broken_ids
            .extend(parsed.broken_ids.into_iter().map(|mut broken| {
                broken.after += before;
                (file, broken)
            }));
        self.questions.extend(parsed.questions);
        self.id_places
            .extend(parsed.id_places.into_iter().map(|place| (file, place)));
    }

    /// Every piece is in: the rest of the list, with each failed file's whole reading in
    /// place of its pieces.
    pub fn finish(mut self, mut whole: impl FnMut(usize) -> FileYield) -> Gathered {
        let mut pieces = std::mem::take(&mut self.early).into_iter().peekable();
        for slot in self.next.0..self.cut.len() {
            let of_this_file = std::iter::from_fn(|| pieces.next_if(|((s, _), _)| *s == slot));
            if self.failed[slot] || self.not_utf8[slot] {
                of_this_file.for_each(drop);
                // Pieces of this file already in the list give way to the whole reading.
                if slot == self.next.0 {
                    self.questions.truncate(self.file_start);
                    self.id_places.truncate(self.file_start);
                }
                if self.failed[slot] {
                    self.take(whole(slot));
                }
            } else {
                for (_, parsed) in of_this_file {
                    self.take(parsed);
                }
            }
        }
        Gathered {
            questions: self.questions,
            id_places: self.id_places,
            broken_ids: self.broken_ids,
            problems: self.problems,
        }
    }
}

/// Every question file's questions in reading order, and their problems.
pub struct Gathered {
    pub questions: Vec<Question>,
    id_places: Vec<(usize, (usize, usize))>,
    broken_ids: Vec<(usize, BrokenId)>,
    pub problems: Vec<Problem>,
}

impl Gathered {
    /// The rules across files: ids are unique and the bank is within the size limit.
    pub fn check_across_files(&self, names: &[String], problems: &mut Problems) {
        let location = |(file, (line, column)): (usize, (usize, usize))| Location {
            file: names[file].clone(),
            line,
            column,
        };
        let mut first_seen: HashMap<&str, (usize, (usize, usize))> =
            HashMap::with_capacity(self.questions.len());
        let mut counted = 0;
        let mut too_many = false;
        // A failed question's id takes its place in the reading order, so whichever of two
        // comes first is the one the other is said to repeat; failed ones are not counted.
        let mut broken = self.broken_ids.iter().peekable();
        let mut good = self.questions.iter().zip(&self.id_places).enumerate();
        loop {
            let (id, place, counts) = match broken.peek() {
                Some((file, failed))
                    if good.len() == 0 || failed.after <= self.questions.len() - good.len() =>
                {
                    let entry = (failed.id.as_str(), (*file, failed.place), false);
                    broken.next();
                    entry
                }
                _ => match good.next() {
                    Some((_, (question, &place))) => (question.id.as_str(), place, true),
                    None => break,
                },
            };
            if let Some(&first) = first_seen.get(id) {
                problems.push(
                    ProblemKind::DuplicateId,
                    location(place),
                    Some(id),
                    format!("id is already used at {}", location(first)),
                    "give this question a new id (ids are never reused)",
                );
                continue;
            }
            if counts && counted == limits::MAX_QUESTIONS {
                if !too_many {
                    problems.push(
                        ProblemKind::TooLarge,
                        location(place),
                        Some(id),
                        format!("the bank has more than {} questions", limits::MAX_QUESTIONS),
                        "split it into several banks",
                    );
                }
                too_many = true;
                continue;
            }
            first_seen.insert(id, place);
            counted += usize::from(counts);
        }
    }
}
