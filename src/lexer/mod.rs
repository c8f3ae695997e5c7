//! The tokenizer: Python 3.11 source text to tokens, as CPython's C tokenizer produces them.
//!
//! One pass over the bytes, line by line, with no recursion: at the start of each logical line
//! the indentation is measured (`indent`), then tokens are scanned up to the NEWLINE that ends
//! the line (brackets and backslashes join physical lines). Tokens carry only a kind and a byte
//! range; their text is `source.text[range]`, never copied.
//!
//! Two streams come out of the same scan: the parser's (no COMMENT/NL) and, with trivia, the one
//! `python3 -m tokenize` shows (`dump`).
//!
//! Errors carry CPython 3.11's messages; `range.start` is where CPython's caret goes (its
//! 1-based `offset` minus one, as a byte offset), and the range is empty unless CPython gives
//! a longer span (leading zeros). Positions inside leading indentation (TabError, too many
//! levels) make CPython print no caret.
//!
//! Not covered: coding cookies (sources are UTF-8), the SyntaxWarning CPython prints for
//! `1if x else y`, and tokenize.py's view of a lone `\r` (it shows ERRORTOKEN where the C
//! tokenizer, and pylift, end the line).

mod dump;
mod indent;
mod numbers;
mod printable;
mod strings;
pub mod token;

#[cfg(test)]
mod tests;

pub use dump::{dump_tokens, py_repr};
pub use printable::is_printable;
pub use token::{Token, TokenKind};

use crate::source::{SourceFile, TextRange};
use crate::syntax_error::SyntaxError;
use indent::IndentStack;

/// CPython's limit on open brackets (`MAXLEVEL` in tokenizer.c).
const MAX_BRACKET_DEPTH: usize = 200;

/// The parser's token stream: no COMMENT or NL tokens; ends with ENDMARKER.
pub fn tokenize(source: &SourceFile) -> Result<Vec<Token>, SyntaxError> {
    let (tokens, error) = tokenize_partial(source, false);
    match error {
        Some(e) => Err(e),
        None => Ok(tokens),
    }
}

/// The full stream with COMMENT and NL tokens, as `tokenize.py` yields it (minus ENCODING). It
/// differs from the parser's stream only where tokenize.py does: a backslash inside leading
/// indentation ends the indentation there.
pub fn tokenize_with_trivia(source: &SourceFile) -> Result<Vec<Token>, SyntaxError> {
    let (tokens, error) = tokenize_partial(source, true);
    match error {
        Some(e) => Err(e),
        None => Ok(tokens),
    }
}

/// The tokens before the first tokenizer error, and that error. CPython's parser pulls tokens
/// lazily, so a syntax error the parser finds before `error.range` wins over the tokenizer's:
/// a parser that wants CPython's exact precedence parses `tokens` first.
pub fn tokenize_partial(source: &SourceFile, trivia: bool) -> (Vec<Token>, Option<SyntaxError>) {
    let mut lexer = Lexer::new(&source.text, trivia);
    let mut error = lexer.run().err();
    let mut tokens = lexer.tokens;
    // CPython reads the file line by line and rejects a line holding a NUL or bytes that are
    // not UTF-8 when it reads it: errors on earlier lines come first.
    if let Some(fault) = input_fault(source) {
        let line_start = source
            .lines
            .line_start(source.lines.line(fault.range.start))
            .unwrap_or(0);
        if error.as_ref().is_none_or(|e| e.range.start >= line_start) {
            tokens.retain(|t| t.range.end <= line_start);
            error = Some(fault);
        }
    }
    (tokens, error)
}

/// A NUL byte or undecodable input, whichever comes first.
fn input_fault(source: &SourceFile) -> Option<SyntaxError> {
    let nul = source.text.bytes().position(|b| b == 0);
    match (nul, source.invalid_utf8_at) {
        (Some(nul), bad) if bad.is_none_or(|bad| nul < bad) => Some(SyntaxError::new(
            "source code cannot contain null bytes",
            TextRange::empty(nul as u32),
        )),
        (_, Some(bad)) => Some(invalid_utf8_error(source, bad)),
        _ => None,
    }
}

/// CPython's message for a script that is not UTF-8 (pylift has no coding-cookie support). The
/// file is named by its absolute path, as CPython names it.
fn invalid_utf8_error(source: &SourceFile, at: usize) -> SyntaxError {
    let line = source.lines.line(at as u32);
    let shown = source.invalid_utf8_byte.unwrap_or(0);
    let path = std::path::absolute(&source.name)
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_else(|_| source.name.clone());
    SyntaxError::new(
        format!(
            "Non-UTF-8 code starting with '\\x{shown:02x}' in file {} on line {line}, but no \
             encoding declared; see https://peps.python.org/pep-0263/ for details",
            path
        ),
        TextRange::empty(at as u32),
    )
}

fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b >= 0x80
}

fn is_ident_continue(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

struct Lexer<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    trivia: bool,
    tokens: Vec<Token>,
    indents: IndentStack,
    /// Open brackets: the bracket byte and its offset.
    brackets: Vec<(u8, u32)>,
}

impl<'a> Lexer<'a> {
    fn new(text: &'a str, trivia: bool) -> Self {
        Lexer {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            trivia,
            // Real code averages about one token per 4 bytes.
            tokens: Vec::with_capacity(text.len() / 4 + 16),
            indents: IndentStack::new(),
            brackets: Vec::new(),
        }
    }

    fn peek(&self) -> u8 {
        self.bytes.get(self.pos).copied().unwrap_or(0)
    }

    fn peek_at(&self, i: usize) -> u8 {
        self.bytes.get(i).copied().unwrap_or(0)
    }

    fn at_eof(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    fn push(&mut self, kind: TokenKind, start: usize, end: usize) {
        self.tokens.push(Token {
            kind,
            range: TextRange::new(start as u32, end as u32),
        });
    }

    fn push_trivia(&mut self, kind: TokenKind, start: usize, end: usize) {
        if self.trivia {
            self.push(kind, start, end);
        }
    }

    fn run(&mut self) -> Result<(), SyntaxError> {
        while self.start_logical_line()? {
            self.scan_logical_line()?;
        }
        let end = self.bytes.len();
        for _ in 0..self.indents.depth() {
            self.push(TokenKind::Dedent, end, end);
        }
        self.push(TokenKind::EndMarker, end, end);
        Ok(())
    }

    /// Skips blank and comment-only lines, then handles the indentation of the next logical
    /// line. Returns false at end of input.
    fn start_logical_line(&mut self) -> Result<bool, SyntaxError> {
        loop {
            let line_start = self.pos;
            let indent = self.measure_indent()?;
            match self.peek() {
                _ if self.at_eof() => return Ok(false),
                b'#' => {
                    self.scan_comment();
                    if self.at_eof() {
                        self.push_trivia(TokenKind::Nl, self.pos, self.pos);
                        return Ok(false);
                    }
                    self.scan_newline(TokenKind::Nl);
                }
                b'\n' | b'\r' => self.scan_newline(TokenKind::Nl),
                _ => {
                    let change = self
                        .indents
                        .change(indent.col, indent.altcol)
                        .map_err(|e| e.into_error(self.text, indent.token_line_start))?;
                    match change {
                        indent::Change::Indent => {
                            self.push(TokenKind::Indent, line_start, indent.end)
                        }
                        indent::Change::Dedent(n) => {
                            for _ in 0..n {
                                self.push(TokenKind::Dedent, indent.end, indent.end);
                            }
                        }
                        indent::Change::Same => {}
                    }
                    return Ok(true);
                }
            }
        }
    }

    /// Advances over leading spaces, tabs, form feeds and backslash continuations, measuring
    /// the columns CPython compares (tab stops of 8, and of 1 to detect inconsistent tabs).
    /// Indentation cannot continue across a backslash: the first backslash fixes the column.
    fn measure_indent(&mut self) -> Result<Indentation, SyntaxError> {
        let (mut col, mut altcol) = (0u32, 0u32);
        let mut continued_at: Option<(u32, usize)> = None;
        let mut token_line_start = self.pos;
        loop {
            match self.peek() {
                b' ' => {
                    col += 1;
                    altcol += 1;
                }
                b'\t' => {
                    col = (col / 8 + 1) * 8;
                    altcol += 1;
                }
                b'\x0c' => {
                    col = 0;
                    altcol = 0;
                }
                // tokenize.py (the trivia view) ends the indentation at a backslash instead.
                b'\\' if !self.trivia => {
                    continued_at.get_or_insert((col, self.pos));
                    self.scan_continuation()?;
                    token_line_start = self.pos;
                    continue;
                }
                _ => break,
            }
            self.pos += 1;
        }
        Ok(match continued_at {
            Some((col, end)) => Indentation {
                col,
                altcol: col,
                end,
                token_line_start,
            },
            None => Indentation {
                col,
                altcol,
                end: self.pos,
                token_line_start,
            },
        })
    }

    fn scan_comment(&mut self) {
        let start = self.pos;
        let rest = &self.bytes[start..];
        let len = rest
            .iter()
            .position(|&b| b == b'\n' || b == b'\r')
            .unwrap_or(rest.len());
        self.pos = start + len;
        self.push_trivia(TokenKind::Comment, start, self.pos);
    }

    /// Consumes `\n`, `\r\n` or a lone `\r` at `pos` as one token of `kind`.
    fn scan_newline(&mut self, kind: TokenKind) {
        let start = self.pos;
        self.pos += if self.peek() == b'\r' && self.peek_at(start + 1) == b'\n' {
            2
        } else {
            1
        };
        if kind == TokenKind::Newline {
            self.push(kind, start, self.pos);
        } else {
            self.push_trivia(kind, start, self.pos);
        }
    }

    /// Scans tokens up to and including the NEWLINE that ends the logical line.
    fn scan_logical_line(&mut self) -> Result<(), SyntaxError> {
        loop {
            while matches!(self.peek(), b' ' | b'\t' | b'\x0c') {
                self.pos += 1;
            }
            let start = self.pos;
            if self.at_eof() {
                if let Some(e) = self.unclosed_bracket() {
                    return Err(e);
                }
                // CPython appends a newline to a last line that lacks one.
                self.push(TokenKind::Newline, start, start);
                return Ok(());
            }
            let b = self.bytes[start];
            match b {
                b'\n' | b'\r' => {
                    if self.brackets.is_empty() {
                        self.scan_newline(TokenKind::Newline);
                        return Ok(());
                    }
                    self.scan_newline(TokenKind::Nl);
                }
                b'#' => self.scan_comment(),
                b'\\' => self.scan_continuation()?,
                b'0'..=b'9' => self.scan_number()?,
                b'.' if self.peek_at(start + 1).is_ascii_digit() => self.scan_number()?,
                b'"' | b'\'' => self.scan_string(start)?,
                _ if is_ident_start(b) => self.scan_name_or_string()?,
                _ => self.scan_operator()?,
            }
        }
    }

    /// A backslash must be followed by a line end; the next physical line continues this one.
    /// Errors point just after the backslash, as CPython's do.
    fn scan_continuation(&mut self) -> Result<(), SyntaxError> {
        self.pos += 1;
        let after = TextRange::empty(self.pos as u32);
        match self.peek() {
            b'\n' | b'\r' => {
                self.pos += if self.peek() == b'\r' && self.peek_at(self.pos + 1) == b'\n' {
                    2
                } else {
                    1
                };
                if self.at_eof() {
                    return Err(self.unexpected_eof(after));
                }
                Ok(())
            }
            _ if self.at_eof() => Err(self.unexpected_eof(after)),
            _ => Err(SyntaxError::new(
                "unexpected character after line continuation character",
                after,
            )),
        }
    }

    /// End of input inside brackets: CPython points at the innermost open bracket.
    fn unclosed_bracket(&self) -> Option<SyntaxError> {
        let &(open, at) = self.brackets.last()?;
        Some(SyntaxError::new(
            format!("'{}' was never closed", open as char),
            TextRange::empty(at),
        ))
    }

    /// End of input right after a backslash; inside brackets CPython reports the bracket.
    fn unexpected_eof(&self, at: TextRange) -> SyntaxError {
        self.unclosed_bracket()
            .unwrap_or_else(|| SyntaxError::new("unexpected EOF while parsing", at))
    }

    /// An identifier or keyword, or a string whose prefix this turns out to be.
    fn scan_name_or_string(&mut self) -> Result<(), SyntaxError> {
        let start = self.pos;
        let mut end = start;
        let mut ascii = true;
        while end < self.bytes.len() && is_ident_continue(self.bytes[end]) {
            ascii &= self.bytes[end] < 0x80;
            end += 1;
        }
        if matches!(self.peek_at(end), b'"' | b'\'') && strings::is_prefix(&self.bytes[start..end])
        {
            return self.scan_string(start);
        }
        if !ascii {
            self.verify_identifier(start, end)?;
        }
        self.pos = end;
        let text = &self.text[start..end];
        let kind = if end - start <= 8 {
            TokenKind::keyword(text).unwrap_or(TokenKind::Name)
        } else {
            TokenKind::Name
        };
        self.push(kind, start, end);
        Ok(())
    }

    /// CPython scans any run of non-ASCII bytes as a name, then rejects the first character
    /// that cannot be part of an identifier.
    fn verify_identifier(&self, start: usize, end: usize) -> Result<(), SyntaxError> {
        for (i, (offset, c)) in self.text[start..end].char_indices().enumerate() {
            let ok = if i == 0 {
                c == '_' || unicode_ident::is_xid_start(c)
            } else {
                unicode_ident::is_xid_continue(c)
            };
            if !ok {
                let at = (start + offset) as u32;
                let msg = if is_printable(c) {
                    format!("invalid character '{c}' (U+{:04X})", c as u32)
                } else {
                    format!("invalid non-printable character U+{:04X}", c as u32)
                };
                return Err(SyntaxError::new(msg, TextRange::empty(at)));
            }
        }
        Ok(())
    }

    /// Operators by longest match, bracket bookkeeping, and ERRORTOKEN for anything else.
    fn scan_operator(&mut self) -> Result<(), SyntaxError> {
        let start = self.pos;
        let rest = &self.text.as_bytes()[start..];
        // Every operator longer than one byte has one of these as its second byte.
        let longest = if rest.len() > 1 && b"=<>*/.".contains(&rest[1]) {
            3
        } else {
            1
        };
        for len in (1..=longest.min(rest.len())).rev() {
            let Ok(candidate) = std::str::from_utf8(&rest[..len]) else {
                continue;
            };
            let Some(kind) = TokenKind::operator(candidate) else {
                continue;
            };
            // A lone `!` is not a 3.11 operator (it only appears inside f-strings).
            if kind == TokenKind::Exclamation {
                break;
            }
            self.track_bracket(rest[0], start)?;
            self.pos = start + len;
            self.push(kind, start, self.pos);
            return Ok(());
        }
        let c = rest[0];
        if c == 0 {
            return Err(SyntaxError::new(
                "source code cannot contain null bytes",
                TextRange::empty(start as u32),
            ));
        }
        if !(0x20..0x7F).contains(&c) {
            return Err(SyntaxError::new(
                format!("invalid non-printable character U+{c:04X}"),
                TextRange::empty(start as u32),
            ));
        }
        self.pos = start + 1;
        self.push(TokenKind::ErrorToken, start, self.pos);
        Ok(())
    }

    fn track_bracket(&mut self, b: u8, at: usize) -> Result<(), SyntaxError> {
        let at = at as u32;
        match b {
            b'(' | b'[' | b'{' => {
                if self.brackets.len() >= MAX_BRACKET_DEPTH {
                    return Err(SyntaxError::new(
                        "too many nested parentheses",
                        TextRange::empty(at),
                    ));
                }
                self.brackets.push((b, at));
            }
            b')' | b']' | b'}' => {
                let Some((open, open_at)) = self.brackets.pop() else {
                    return Err(SyntaxError::new(
                        format!("unmatched '{}'", b as char),
                        TextRange::empty(at),
                    ));
                };
                let expected = match open {
                    b'(' => b')',
                    b'[' => b']',
                    _ => b'}',
                };
                if b != expected {
                    let open_line = line_of(self.bytes, open_at as usize);
                    let here_line = line_of(self.bytes, at as usize);
                    let msg = if open_line != here_line {
                        format!(
                            "closing parenthesis '{}' does not match opening parenthesis '{}' \
                             on line {open_line}",
                            b as char, open as char
                        )
                    } else {
                        format!(
                            "closing parenthesis '{}' does not match opening parenthesis '{}'",
                            b as char, open as char
                        )
                    };
                    return Err(SyntaxError::new(msg, TextRange::empty(at)));
                }
            }
            _ => {}
        }
        Ok(())
    }
}

/// The indentation of a logical line's first physical line.
struct Indentation {
    col: u32,
    altcol: u32,
    /// Where the indentation ends: the first token or the first backslash.
    end: usize,
    /// Start of the physical line holding the first token (where CPython reports errors).
    token_line_start: usize,
}

/// 1-based line number of a byte offset (`\n`, `\r\n` and lone `\r` end lines). Only used on
/// error paths, so a scan is fine.
fn line_of(bytes: &[u8], offset: usize) -> usize {
    let mut line = 1;
    let mut i = 0;
    while i < offset {
        match bytes[i] {
            b'\n' => line += 1,
            b'\r' if bytes.get(i + 1) != Some(&b'\n') => line += 1,
            _ => {}
        }
        i += 1;
    }
    line
}
