//! The indentation stack: INDENT/DEDENT decisions for the first token of each logical line.
//!
//! Each level is recorded twice, as CPython does: the column with tab stops of 8 and the column
//! with tab stops of 1. If the two measures disagree about the comparison with a level, the
//! indentation depends on the tab size, which is CPython's TabError.

use crate::source::TextRange;
use crate::syntax_error::{SyntaxError, SyntaxErrorKind};

/// CPython's limit on indentation levels (`MAXINDENT` in tokenizer.c).
const MAX_INDENT: usize = 100;

pub(super) enum Change {
    Same,
    Indent,
    Dedent(usize),
}

pub(super) enum IndentFault {
    Inconsistent,
    TooDeep,
    NoMatch,
}

impl IndentFault {
    /// The error, positioned where CPython puts it for the line starting at `line_start`: a bad
    /// dedent at the end of the line, the others at column 0 (inside the indentation, which
    /// CPython's renderer strips, so no caret is shown).
    pub(super) fn into_error(self, text: &str, line_start: usize) -> SyntaxError {
        let line_end = text[line_start..]
            .find(['\n', '\r'])
            .map_or(text.len(), |i| line_start + i);
        let (kind, msg, at) = match self {
            IndentFault::Inconsistent => (
                SyntaxErrorKind::TabError,
                "inconsistent use of tabs and spaces in indentation",
                line_start,
            ),
            IndentFault::TooDeep => (
                SyntaxErrorKind::IndentationError,
                "too many levels of indentation",
                line_start,
            ),
            IndentFault::NoMatch => (
                SyntaxErrorKind::IndentationError,
                "unindent does not match any outer indentation level",
                line_end,
            ),
        };
        SyntaxError::with_kind(kind, msg, TextRange::empty(at as u32))
    }
}

pub(super) struct IndentStack {
    /// (column with tab size 8, column with tab size 1); the bottom level is (0, 0).
    levels: Vec<(u32, u32)>,
}

impl IndentStack {
    pub(super) fn new() -> Self {
        IndentStack {
            levels: vec![(0, 0)],
        }
    }

    /// Number of open indentation levels (the DEDENTs owed at end of input).
    pub(super) fn depth(&self) -> usize {
        self.levels.len() - 1
    }

    pub(super) fn change(&mut self, col: u32, altcol: u32) -> Result<Change, IndentFault> {
        let &(top, alttop) = self.levels.last().expect("bottom level is never popped");
        if col == top {
            if altcol != alttop {
                return Err(IndentFault::Inconsistent);
            }
            Ok(Change::Same)
        } else if col > top {
            if self.levels.len() >= MAX_INDENT {
                return Err(IndentFault::TooDeep);
            }
            if altcol <= alttop {
                return Err(IndentFault::Inconsistent);
            }
            self.levels.push((col, altcol));
            Ok(Change::Indent)
        } else {
            let mut popped = 0;
            while self.levels.len() > 1 && col < self.levels[self.levels.len() - 1].0 {
                self.levels.pop();
                popped += 1;
            }
            let &(top, alttop) = self.levels.last().expect("bottom level is never popped");
            if col != top {
                return Err(IndentFault::NoMatch);
            }
            if altcol != alttop {
                return Err(IndentFault::Inconsistent);
            }
            Ok(Change::Dedent(popped))
        }
    }
}
