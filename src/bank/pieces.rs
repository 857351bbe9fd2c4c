//! Cutting a question file into pieces as it is read. A piece ends just before a line that
//! opens a top-level `[[question]]`, once it holds at least the target size; each piece is
//! then parsed as a document of its own, on any core, and freed once parsed. So the cores
//! share even one large file, and neither a whole file nor its parse tree is ever held.
//!
//! Cutting is safe because a question file's root holds nothing but the `question` array:
//! every table after a `[[question]]` header belongs to that question, so no piece can see
//! or change another's. The first piece holds everything before the first question together
//! with that question, so stray root keys are parsed beside a question header. Should a
//! cut fall inside a multi-line string or array, the piece before it ends unterminated and
//! fails to parse. The loader sends a file with any problem in any piece down the ordinary
//! whole-file path, so the problems reported are exactly those of a whole-file parse.

use std::io::{self, Read};

/// About how much text each piece holds: large enough that the per-parse overhead is
/// small, small enough that a parser's working memory stays in cache and is reused.
pub const PIECE_BYTES: usize = 64 * 1024;

/// A piece of a file: its bytes and how many lines of the file come before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub bytes: Vec<u8>,
    pub lines_before: usize,
}

/// Reads `input` to its end, handing every byte read to `on_bytes` and every piece of at
/// least `target` bytes (the last may be smaller) to `on_piece`, in order. An empty input
/// is one empty piece. Returns how many bytes were read.
pub fn read_pieces(
    mut input: impl Read,
    target: usize,
    mut on_bytes: impl FnMut(&[u8]),
    mut on_piece: impl FnMut(Piece),
) -> io::Result<u64> {
    let mut chunk = vec![0; 64 * 1024];
    let mut cutter = Cutter::new(target);
    let mut total = 0;
    loop {
        let read = match input.read(&mut chunk) {
            Ok(read) => read,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        };
        if read == 0 {
            cutter.finish(&mut on_piece);
            return Ok(total);
        }
        total += read as u64;
        on_bytes(&chunk[..read]);
        cutter.push(&chunk[..read], &mut on_piece);
    }
}

/// The piece being gathered, cut at question headers once it is large enough.
struct Cutter {
    target: usize,
    buffer: Vec<u8>,
    /// Bytes of `buffer` whose lines have been looked at: always at a line start.
    scanned: usize,
    /// Complete lines in `buffer[..scanned]`.
    lines_scanned: usize,
    lines_before: usize,
    seen_question: bool,
}

impl Cutter {
    fn new(target: usize) -> Self {
        Cutter {
            target,
            buffer: Vec::new(),
            scanned: 0,
            lines_scanned: 0,
            lines_before: 0,
            seen_question: false,
        }
    }

    fn push(&mut self, bytes: &[u8], on_piece: &mut impl FnMut(Piece)) {
        self.buffer.extend_from_slice(bytes);
        // Look at each line once it is complete, so a header is seen whole.
        while let Some(newline) = memchr::memchr(b'\n', &self.buffer[self.scanned..]) {
            let end = self.scanned + newline + 1;
            self.line(end, on_piece);
        }
    }

    fn finish(mut self, on_piece: &mut impl FnMut(Piece)) {
        if self.scanned < self.buffer.len() {
            let end = self.buffer.len();
            self.line(end, on_piece);
        }
        on_piece(Piece {
            bytes: self.buffer,
            lines_before: self.lines_before,
        });
    }

    /// Looks at the line `buffer[scanned..end]`, cutting the piece before it if it opens a
    /// question and the piece is large enough.
    fn line(&mut self, end: usize, on_piece: &mut impl FnMut(Piece)) {
        let mut start = self.scanned;
        let mut end = end;
        if opens_question(&self.buffer[start..end]) {
            if self.seen_question && start >= self.target {
                let rest = self.buffer.split_off(start);
                let bytes = std::mem::replace(&mut self.buffer, rest);
                on_piece(Piece {
                    bytes,
                    lines_before: self.lines_before,
                });
                self.lines_before += self.lines_scanned;
                self.lines_scanned = 0;
                end -= start;
                start = 0;
            }
            self.seen_question = true;
        }
        if self.buffer[start..end].ends_with(b"\n") {
            self.lines_scanned += 1;
        }
        self.scanned = end;
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The pieces of `text` read in reads of `read_size` bytes.
    fn pieces(text: &str, target: usize, read_size: usize) -> Vec<Piece> {
        struct Trickle<'a>(&'a [u8], usize);
        impl Read for Trickle<'_> {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                let n = self.1.min(buf.len()).min(self.0.len());
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let mut seen = Vec::new();
        let mut out = Vec::new();
        let total = read_pieces(
            Trickle(text.as_bytes(), read_size),
            target,
            |bytes| seen.extend_from_slice(bytes),
            |piece| out.push(piece),
        )
        .expect("reading memory succeeds");
        assert_eq!(seen, text.as_bytes(), "every byte is seen once, in order");
        assert_eq!(total, text.len() as u64);
        let joined: Vec<u8> = out.iter().flat_map(|p| p.bytes.clone()).collect();
        assert_eq!(joined, text.as_bytes(), "the pieces are the text");
        let mut offset = 0;
        for piece in &out {
            let lines = text.as_bytes()[..offset].iter().filter(|&&b| b == b'\n');
            assert_eq!(piece.lines_before, lines.count());
            offset += piece.bytes.len();
        }
        out
    }

    fn texts(pieces: &[Piece]) -> Vec<String> {
        pieces
            .iter()
            .map(|p| String::from_utf8(p.bytes.clone()).expect("UTF-8"))
            .collect()
    }

    const MIXED: &str = "# a bank\n[[question]]\nid = \"a\"\n[[question.option]]\ntext = \"x\"\n\
                         [[question]] # second\r\nid = \"b\"\n  [[question]]\n[[questions]]\n\
                         [[question]]x\n[[question]]";

    #[test]
    fn pieces_start_only_at_question_headers_whatever_the_read_size() {
        for read_size in [1, 2, 7, 13, 64 * 1024] {
            let cut = texts(&pieces(MIXED, 1, read_size));
            assert_eq!(cut.len(), 3, "read size {read_size}");
            assert!(cut[0].starts_with("# a bank\n[[question]]\nid = \"a\""));
            assert!(cut[1].starts_with("[[question]] # second\r\n"));
            assert!(cut[1].ends_with("[[question]]x\n"));
            assert_eq!(cut[2], "[[question]]");
        }
    }

    #[test]
    fn pieces_hold_at_least_the_target_and_the_first_holds_the_first_question() {
        let question = "[[question]]\nid = \"q\"\nprompt = \"p\"\n\n";
        let text = question.repeat(10);
        assert_eq!(pieces(&text, 1, 5).len(), 10, "one piece per question");
        assert_eq!(pieces(&text, usize::MAX, 5).len(), 1);
        let cut = pieces(&text, 3 * question.len(), 5);
        assert_eq!(cut.len(), 4);
        assert!(cut[..3].iter().all(|p| p.bytes.len() == 3 * question.len()));
        let preamble = format!("# {}\n\n", "a long comment ".repeat(100));
        let cut = pieces(&format!("{preamble}{text}"), 1, 5);
        assert_eq!(cut.len(), 10, "a long preamble is no piece of its own");
        assert_eq!(cut[0].bytes.len(), preamble.len() + question.len());
        assert_eq!(
            cut[1].lines_before,
            2 + 4,
            "the preamble's two lines and a question's four"
        );
    }

    #[test]
    fn an_empty_or_headerless_file_is_one_piece() {
        assert_eq!(texts(&pieces("", 1, 3)), [""]);
        assert_eq!(texts(&pieces("a = 1\nb = 2", 1, 3)), ["a = 1\nb = 2"]);
    }
}
