//! String literals (3.11 rules): an optional prefix, then a single- or triple-quoted body. An
//! f-string is one STRING token like any other; its inner expressions are the parser's business.
//! A backslash escapes the next character (so `\'` and a backslash-newline stay inside).

use super::{Lexer, TokenKind};
use crate::source::TextRange;
use crate::syntax_error::SyntaxError;

/// Whether `name` (the letters before a quote) is a string prefix: `u`, or at most one each of
/// `b`/`r`/`f` in any order and case, never `b` with `f`.
pub(super) fn is_prefix(name: &[u8]) -> bool {
    match *name {
        [a] => matches!(a.to_ascii_lowercase(), b'u' | b'b' | b'r' | b'f'),
        [a, b] => matches!(
            [a.to_ascii_lowercase(), b.to_ascii_lowercase()],
            [b'b', b'r'] | [b'r', b'b'] | [b'f', b'r'] | [b'r', b'f']
        ),
        _ => false,
    }
}

impl Lexer<'_> {
    /// Scans a string literal whose prefix (possibly empty) starts at `start`.
    pub(super) fn scan_string(&mut self, start: usize) -> Result<(), SyntaxError> {
        let mut i = start;
        while !matches!(self.bytes[i], b'"' | b'\'') {
            i += 1;
        }
        let quote = self.bytes[i];
        let triple = self.peek_at(i + 1) == quote && self.peek_at(i + 2) == quote;
        let bytes = self.bytes;
        i += if triple { 3 } else { 1 };
        loop {
            let Some(&c) = bytes.get(i) else {
                return Err(self.unterminated(start, triple, bytes.len() - 1));
            };
            match c {
                b'\\' => {
                    i += 1;
                    if bytes.get(i) == Some(&b'\r') && bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    if i >= bytes.len() {
                        return Err(self.unterminated(start, triple, bytes.len() - 1));
                    }
                }
                b'\n' | b'\r' if !triple => return Err(self.unterminated(start, false, i)),
                _ if c == quote => {
                    if !triple {
                        i += 1;
                        break;
                    }
                    if bytes.get(i + 1) == Some(&quote) && bytes.get(i + 2) == Some(&quote) {
                        i += 3;
                        break;
                    }
                }
                _ => {}
            }
            i += 1;
        }
        self.pos = i;
        self.push(TokenKind::String, start, i);
        Ok(())
    }

    /// CPython reports an unterminated string at its start, naming the line of `detected_at`:
    /// the line end that cut a single-quoted string, or the last character of the input.
    fn unterminated(&self, start: usize, triple: bool, detected_at: usize) -> SyntaxError {
        let line = super::line_of(self.bytes, detected_at);
        let msg = if triple {
            format!("unterminated triple-quoted string literal (detected at line {line})")
        } else {
            format!("unterminated string literal (detected at line {line})")
        };
        SyntaxError::new(msg, TextRange::empty(start as u32))
    }
}
