//! Compile-time errors (SyntaxError, IndentationError, TabError) raised by the lexer, parser and
//! symbol table, and their CPython-style rendering:
//!
//! ```text
//!   File "x.py", line 2
//!     print((1, 2)
//!          ^
//! SyntaxError: '(' was never closed
//! ```

use crate::source::{SourceFile, TextRange};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyntaxErrorKind {
    SyntaxError,
    IndentationError,
    TabError,
    /// The parser's nesting limit: CPython 3.11 reports its parser stack overflow as a bare
    /// `MemoryError`, which is what pylift prints too.
    MemoryError,
}

impl SyntaxErrorKind {
    pub fn name(self) -> &'static str {
        match self {
            SyntaxErrorKind::SyntaxError => "SyntaxError",
            SyntaxErrorKind::IndentationError => "IndentationError",
            SyntaxErrorKind::TabError => "TabError",
            SyntaxErrorKind::MemoryError => "MemoryError",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub kind: SyntaxErrorKind,
    pub msg: String,
    /// Where the caret goes: the start (and, when CPython shows several carets, the end) of the
    /// offending text.
    pub range: TextRange,
}

impl SyntaxError {
    pub fn new(msg: impl Into<String>, range: TextRange) -> Self {
        SyntaxError {
            kind: SyntaxErrorKind::SyntaxError,
            msg: msg.into(),
            range,
        }
    }

    pub fn with_kind(kind: SyntaxErrorKind, msg: impl Into<String>, range: TextRange) -> Self {
        SyntaxError {
            kind,
            msg: msg.into(),
            range,
        }
    }
}

impl SyntaxError {
    /// The error as CPython 3.11 prints it for a script (`print_exception` and
    /// `print_error_text` in Python/pythonrun.c): the location, the source line without its
    /// indentation, a caret line, and `Kind: message`.
    pub fn render(&self, source: &SourceFile) -> String {
        if self.kind == SyntaxErrorKind::MemoryError {
            return "MemoryError\n".to_string();
        }
        let (line, offset, end_offset) = self.location(source);
        let mut out = format!("  File \"{}\", line {line}\n", source.name);
        if let Some(text) = source.line_text(line) {
            print_error_text(&mut out, offset, end_offset, text);
        }
        out.push_str(self.kind.name());
        out.push_str(": ");
        out.push_str(&self.msg);
        out.push('\n');
        out
    }

    /// CPython's (lineno, offset, end_offset) for the error: 1-based byte columns, as the
    /// caret line is drawn over the UTF-8 text; `end_offset` is -1 where CPython ignores it
    /// (subclasses such as IndentationError). An error at the end of the file is placed on the
    /// last line that has text, before its first column, as CPython's tokenizer leaves it.
    fn location(&self, source: &SourceFile) -> (u32, i64, i64) {
        let content_end = source.text.trim_end().len();
        if self.range.start as usize >= source.text.len() && content_end > 0 {
            return (source.lines.line(content_end as u32 - 1), 0, -1);
        }
        let (line, col) = source.lines.line_col(self.range.start);
        let line_size = source.line_text(line).map_or(0, |t| t.len() as i64) + 1;
        let mut end_offset = if self.kind == SyntaxErrorKind::SyntaxError {
            let (end_line, end_col) = source.lines.line_col(self.range.end);
            if end_line > line {
                line_size
            } else {
                end_col as i64 + 1
            }
        } else {
            -1
        };
        if end_offset > line_size + 1 {
            end_offset = line_size + 1;
        }
        (line, col as i64 + 1, end_offset)
    }
}

/// `print_error_text`: `offset`/`end_offset` are CPython's 1-based columns.
fn print_error_text(out: &mut String, offset: i64, end_offset: i64, text: &str) {
    let carets = if end_offset > 0 && end_offset > offset {
        end_offset - offset
    } else {
        1
    };
    let stripped = text.trim_start_matches([' ', '\t', '\x0c']);
    let mut offset = offset - 1 - (text.len() - stripped.len()) as i64;
    let len = stripped.len() as i64;
    if offset > len {
        offset = len;
    }
    out.push_str("    ");
    out.push_str(stripped);
    out.push('\n');
    if offset < 0 {
        return;
    }
    out.push_str("    ");
    out.extend(std::iter::repeat_n(' ', offset as usize));
    out.extend(std::iter::repeat_n('^', carets as usize));
    out.push('\n');
}
