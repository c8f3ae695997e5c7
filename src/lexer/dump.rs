//! `--dump-tokens`: the token stream printed exactly as `python3 -m tokenize FILE` prints it.
//!
//! tokenize.py differs from the C tokenizer only in how it shows things: an ENCODING token
//! first (always 'utf-8': pylift reads UTF-8 only, with or without a BOM), columns counted in characters, the NEWLINE it invents for a last line without one at
//! `(row, len)-(row, len + 1)`, and the closing DEDENTs and ENDMARKER at column 0 of the line
//! after the last (or of a last line holding only blanks).

use std::fmt::Write;

use super::{is_printable, tokenize, tokenize_with_trivia, TokenKind};
use crate::source::SourceFile;
use crate::syntax_error::SyntaxError;

pub fn dump_tokens(source: &SourceFile) -> Result<String, SyntaxError> {
    // Errors as the compiler reports them; tokenize.py's view differs only for valid input.
    tokenize(source)?;
    let tokens = tokenize_with_trivia(source)?;
    let text = source.text.as_str();
    let mut out = String::with_capacity(tokens.len() * 48);
    // tokenize.py detects `utf-8-sig` for a BOM but reports it as plain `utf-8`.
    write_line(&mut out, (0, 0), (0, 0), "ENCODING", "utf-8");
    let mut positions = Positions::new(text);
    let eof_row = eof_row(source);
    let end = text.len() as u32;
    for token in &tokens {
        let range = token.range;
        let slice = &text[range.start as usize..range.end as usize];
        let (start, stop) = match token.kind {
            TokenKind::Dedent | TokenKind::EndMarker if range.start == end => {
                ((eof_row, 0), (eof_row, 0))
            }
            TokenKind::Newline if range.is_empty() => {
                let (row, col) = positions.at(range.start);
                ((row, col), (row, col + 1))
            }
            // tokenize.py ends a line-end token on its own row.
            TokenKind::Newline | TokenKind::Nl => {
                let (row, col) = positions.at(range.start);
                ((row, col), (row, col + range.len()))
            }
            _ => (positions.at(range.start), positions.at(range.end)),
        };
        write_line(&mut out, start, stop, token.kind.tokenize_type(), slice);
    }
    Ok(out)
}

fn write_line(out: &mut String, start: (u32, u32), end: (u32, u32), kind: &str, text: &str) {
    let range = format!("{},{}-{},{}:", start.0, start.1, end.0, end.1);
    let repr = py_repr(text);
    let _ = writeln!(out, "{range:<20}{kind:<15}{repr:<15}");
}

/// The row tokenize.py gives the end of input: the line after the last, unless the last line
/// has no terminator and holds only blanks (tokenize.py stops on that line).
fn eof_row(source: &SourceFile) -> u32 {
    let text = source.text.as_bytes();
    let last_line_start = text.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let last_line = &text[last_line_start..];
    let lines = source.lines.line_count() as u32;
    if last_line
        .iter()
        .all(|b| matches!(b, b' ' | b'\t' | b'\x0c'))
    {
        lines
    } else {
        lines + 1
    }
}

/// Byte offsets to (row, column in characters), for offsets visited in increasing order.
struct Positions<'a> {
    text: &'a str,
    /// The last position converted: byte offset, row, character column.
    last: (u32, u32, u32),
}

impl<'a> Positions<'a> {
    fn new(text: &'a str) -> Self {
        Positions {
            text,
            last: (0, 1, 0),
        }
    }

    fn at(&mut self, offset: u32) -> (u32, u32) {
        if offset < self.last.0 {
            self.last = (0, 1, 0);
        }
        let (from, mut row, mut col) = self.last;
        let bytes = self.text.as_bytes();
        let mut i = from as usize;
        while i < offset as usize {
            let b = bytes[i];
            if b == b'\n' {
                row += 1;
                col = 0;
            } else if b & 0xC0 != 0x80 {
                col += 1;
            }
            i += 1;
        }
        self.last = (offset, row, col);
        (row, col)
    }
}

/// Python's `repr()` of a str: single quotes unless the text has `'` and no `"`; `\\`, `\t`,
/// `\n`, `\r` and the quote escaped; other non-printable characters as `\xNN`, `\uNNNN` or
/// `\UNNNNNNNN`; printable non-ASCII kept.
pub fn py_repr(text: &str) -> String {
    let quote = if text.contains('\'') && !text.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(text.len() + 2);
    out.push(quote);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            _ if c == quote => {
                out.push('\\');
                out.push(c);
            }
            _ if is_printable(c) => out.push(c),
            _ if (c as u32) < 0x100 => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            _ if (c as u32) < 0x10000 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            _ => {
                let _ = write!(out, "\\U{:08x}", c as u32);
            }
        }
    }
    out.push(quote);
    out
}
