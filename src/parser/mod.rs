//! The parser: tokens to the AST, by hand-written recursive descent with precedence climbing
//! for binary operators (DESIGN §2), following `Grammar/python.gram` of CPython 3.11 rule by rule.
//!
//! Invariants:
//! - The token vector always ends with ENDMARKER. When the lexer stopped at an error, a synthetic
//!   ENDMARKER is appended and any parse that reaches it reports the lexer's error instead
//!   (CPython pulls tokens lazily, so a parser error found earlier in the file wins).
//! - Every recursion that can nest without bound (brackets, unary operators, `not`, `**`,
//!   lambdas, conditional expressions, operator chains, f-strings, blocks) goes through
//!   `nested`, which caps the depth at `MAX_DEPTH`. The AST's depth is therefore bounded too, so
//!   later stages (dump, compiler, drop) cannot overflow the stack on it either.
//! - Speculative parses (`match` as a soft keyword, parenthesised `with` items) restore the token
//!   position on failure and never leave state behind.

mod errors;
mod expr;
mod literal;
mod params;
mod pattern;
mod stmt;
mod strings;
mod targets;

use crate::ast::{Expr, ExprKind, Module};
use crate::lexer::{self, Token, TokenKind};
use crate::source::{SourceFile, TextRange};
use crate::syntax_error::{SyntaxError, SyntaxErrorKind};

type PResult<T> = Result<T, SyntaxError>;

/// Nesting limit for the AST (see the module invariants). CPython 3.11's parser gives up at
/// about 3 000 nested unary operators (MemoryError) and its compiler at about 2 500
/// ("maximum recursion depth exceeded during compilation"); a lower, fixed limit keeps every
/// recursive stage well inside a thread's stack.
const MAX_DEPTH: u32 = 1000;

/// Runs `f` with room for any recursion over an AST of `MAX_DEPTH` levels, whatever the
/// caller's stack size (test threads get 2 MB): in place on a thread that has it, else on a new
/// one (see `crate::stack`).
pub fn with_deep_stack<R: Send>(f: impl FnOnce() -> R + Send) -> R {
    crate::stack::with_stack("pylift-deep", crate::stack::DEEP_STACK, f)
}

/// Parses a whole file (CPython's `exec` mode), on a deep stack (see `with_deep_stack`).
pub fn parse_module(source: &SourceFile) -> Result<Module, SyntaxError> {
    with_deep_stack(|| parse_here(source))
}

fn parse_here(source: &SourceFile) -> Result<Module, SyntaxError> {
    let (tokens, lex_error) = lexer::tokenize_partial(source, false);
    let mut p = Parser::new(source, tokens, lex_error.is_some(), 0);
    let result = p.parse_file();
    match lex_error {
        Some(lex_error) if result.is_ok() || p.reached_end => Err(lex_error),
        _ => result,
    }
}

pub(crate) struct Parser<'a> {
    source: &'a SourceFile,
    src: &'a str,
    tokens: Vec<Token>,
    pos: usize,
    depth: u32,
    /// The token stream was cut short by a lexer error (the last token is synthetic).
    truncated: bool,
    /// The parse looked at the synthetic end of a truncated stream.
    reached_end: bool,
}

impl<'a> Parser<'a> {
    fn new(source: &'a SourceFile, mut tokens: Vec<Token>, truncated: bool, depth: u32) -> Self {
        if tokens.last().map(|t| t.kind) != Some(TokenKind::EndMarker) {
            let end = tokens.last().map_or(0, |t| t.range.end);
            tokens.push(Token {
                kind: TokenKind::EndMarker,
                range: TextRange::empty(end),
            });
        }
        Parser {
            source,
            src: &source.text,
            tokens,
            pos: 0,
            depth,
            truncated,
            reached_end: false,
        }
    }

    // ---- token cursor ----

    #[inline]
    fn kind(&self) -> TokenKind {
        self.tokens[self.pos].kind
    }

    #[inline]
    fn peek(&self, n: usize) -> TokenKind {
        self.tokens
            .get(self.pos + n)
            .map_or(TokenKind::EndMarker, |t| t.kind)
    }

    #[inline]
    fn at(&self, kind: TokenKind) -> bool {
        self.kind() == kind
    }

    #[inline]
    fn tok(&self) -> Token {
        self.tokens[self.pos]
    }

    #[inline]
    fn range(&self) -> TextRange {
        self.tokens[self.pos].range
    }

    fn text(&self, t: Token) -> &'a str {
        &self.src[t.range.start as usize..t.range.end as usize]
    }

    fn cur_text(&self) -> &'a str {
        self.text(self.tok())
    }

    /// The current token is the soft keyword or name `word`.
    fn at_name(&self, word: &str) -> bool {
        self.at(TokenKind::Name) && self.cur_text() == word
    }

    fn bump(&mut self) -> Token {
        let t = self.tokens[self.pos];
        if self.pos + 1 < self.tokens.len() {
            self.pos += 1;
        } else if self.truncated {
            self.reached_end = true;
        }
        t
    }

    fn eat(&mut self, kind: TokenKind) -> bool {
        if self.at(kind) {
            self.bump();
            true
        } else {
            false
        }
    }

    /// From `start` to the end of the last consumed token: an operation's span as CPython
    /// records it, with the brackets of parenthesised operands.
    fn span_from(&self, start: u32) -> TextRange {
        TextRange::new(start, self.prev_end())
    }

    /// End offset of the last consumed token.
    fn prev_end(&self) -> u32 {
        if self.pos == 0 {
            0
        } else {
            self.tokens[self.pos - 1].range.end
        }
    }

    fn line_of(&self, offset: u32) -> u32 {
        self.source.lines.line(offset)
    }

    // ---- errors ----

    fn error(&mut self, msg: impl Into<String>, range: TextRange) -> SyntaxError {
        if self.pos + 1 >= self.tokens.len() && self.truncated {
            self.reached_end = true;
        }
        SyntaxError::new(msg, range)
    }

    fn fail<T>(&mut self, msg: impl Into<String>, range: TextRange) -> PResult<T> {
        Err(self.error(msg, range))
    }

    /// The generic error at the current token, refined as CPython refines it.
    fn unexpected<T>(&mut self) -> PResult<T> {
        let t = self.tok();
        match t.kind {
            TokenKind::Indent => {
                let line_start = self.source.lines.line_start(self.line_of(t.range.end));
                let at = line_start.unwrap_or(t.range.start);
                let mut e = self.error(errors::UNEXPECTED_INDENT, TextRange::empty(at));
                e.kind = SyntaxErrorKind::IndentationError;
                Err(e)
            }
            TokenKind::Async | TokenKind::Await => self.fail(errors::ASYNC_UNSUPPORTED, t.range),
            _ => self.fail(errors::INVALID_SYNTAX, t.range),
        }
    }

    fn expect(&mut self, kind: TokenKind) -> PResult<Token> {
        if self.at(kind) {
            Ok(self.bump())
        } else {
            self.unexpected()
        }
    }

    /// `&&':'` in the grammar: a missing token is reported by name.
    fn expect_forced(&mut self, kind: TokenKind, msg: &str) -> PResult<Token> {
        if self.at(kind) {
            Ok(self.bump())
        } else {
            let r = self.range();
            self.fail(msg, r)
        }
    }

    /// Runs `f` one nesting level deeper, failing cleanly past `MAX_DEPTH`.
    fn nested<T>(&mut self, f: impl FnOnce(&mut Self) -> PResult<T>) -> PResult<T> {
        self.descend()?;
        let result = f(self);
        self.depth -= 1;
        result
    }

    /// One level deeper without the automatic way back: loops that build left-nested chains
    /// (`a.b.c`, `a + b + c`) call it per link and restore the depth when the chain ends.
    fn descend(&mut self) -> PResult<()> {
        if self.depth >= MAX_DEPTH {
            let r = self.range();
            let mut e = self.error(errors::NESTING_TOO_DEEP, r);
            e.kind = SyntaxErrorKind::MemoryError;
            return Err(e);
        }
        self.depth += 1;
        Ok(())
    }

    fn name_expr(&mut self) -> PResult<Expr> {
        let t = self.expect(TokenKind::Name)?;
        let id = self.text(t).to_string();
        Ok(Expr {
            kind: ExprKind::Name {
                id,
                ctx: crate::ast::ExprContext::Load,
            },
            range: t.range,
        })
    }

    fn ident(&mut self) -> PResult<(String, TextRange)> {
        let t = self.expect(TokenKind::Name)?;
        Ok((self.text(t).to_string(), t.range))
    }
}

fn mk(kind: ExprKind, range: TextRange) -> Expr {
    Expr { kind, range }
}
