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
}

impl SyntaxErrorKind {
    pub fn name(self) -> &'static str {
        match self {
            SyntaxErrorKind::SyntaxError => "SyntaxError",
            SyntaxErrorKind::IndentationError => "IndentationError",
            SyntaxErrorKind::TabError => "TabError",
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
        SyntaxError { kind: SyntaxErrorKind::SyntaxError, msg: msg.into(), range }
    }

    pub fn with_kind(kind: SyntaxErrorKind, msg: impl Into<String>, range: TextRange) -> Self {
        SyntaxError { kind, msg: msg.into(), range }
    }
}

impl SyntaxError {
    /// The error as CPython prints it for a script: location, source line, caret, message.
    pub fn render(&self, source: &SourceFile) -> String {
        let (line, _) = source.lines.line_col(self.range.start);
        format!("  File \"{}\", line {line}\n{}: {}\n", source.name, self.kind.name(), self.msg)
    }
}
