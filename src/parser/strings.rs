//! String atoms: implicit concatenation of STRING tokens into one Constant (str or bytes) or,
//! when any piece is an f-string, one JoinedStr whose adjacent literal parts are merged, as
//! CPython 3.11 builds them. F-strings follow `Parser/string_parser.c`: the replacement fields
//! are found by scanning the literal's text, and each expression is tokenized and parsed as
//! `(expr)`, its tokens shifted back to their place in the file so spans stay true.

use super::errors;
use super::literal::{decode_bytes, decode_str};
use super::{mk, PResult, Parser};
use crate::ast::*;
use crate::lexer::{self, TokenKind as T};
use crate::source::{SourceFile, TextRange};
use crate::syntax_error::{SyntaxError, SyntaxErrorKind};

/// A literal split into its prefix flags and body.
struct Literal<'t> {
    raw: bool,
    bytes: bool,
    fstr: bool,
    unicode: bool,
    body: &'t str,
    /// Byte offset of the body within the token text.
    body_offset: usize,
}

fn split_literal(text: &str) -> Literal<'_> {
    let prefix_len = text.find(['\'', '"']).unwrap_or(0);
    let prefix = &text[..prefix_len];
    let has = |c: char| prefix.chars().any(|p| p.eq_ignore_ascii_case(&c));
    let rest = &text[prefix_len..];
    let q = if rest.len() >= 6 && (rest.starts_with("'''") || rest.starts_with("\"\"\"")) {
        3
    } else {
        1
    };
    let body = rest.get(q..rest.len().saturating_sub(q)).unwrap_or("");
    Literal {
        raw: has('r'),
        bytes: has('b'),
        fstr: has('f'),
        // CPython records `kind='u'` for a lowercase prefix only.
        unicode: prefix.contains('u'),
        body,
        body_offset: prefix_len + q,
    }
}

/// The values of a JoinedStr under construction; literal text is merged until an expression.
#[derive(Default)]
struct Joined {
    values: Vec<Expr>,
    lit: String,
    lit_range: Option<TextRange>,
}

impl Joined {
    fn push_lit(&mut self, s: &str, range: TextRange) {
        if s.is_empty() {
            return;
        }
        self.lit.push_str(s);
        self.lit_range = Some(self.lit_range.map_or(range, |r| r.cover(range)));
    }

    fn flush(&mut self) {
        if let Some(range) = self.lit_range.take() {
            let value = Constant::Str(std::mem::take(&mut self.lit));
            self.values
                .push(mk(ExprKind::Constant { value, kind: None }, range));
        }
    }

    fn push_expr(&mut self, e: Expr) {
        self.flush();
        self.values.push(e);
    }
}

/// Where a replacement field's parts are, relative to the literal's body.
struct Body<'t> {
    text: &'t str,
    /// Absolute offset of `text[0]` in the file.
    abs: u32,
    raw: bool,
}

impl<'a> Parser<'a> {
    /// One or more adjacent STRING tokens.
    pub(super) fn parse_strings(&mut self) -> PResult<Expr> {
        let start = self.range().start;
        let first = split_literal(self.cur_text());
        let first_bytes = first.bytes;
        let kind_u = first.unicode.then(|| "u".to_string());
        let mut joined = Joined::default();
        let mut any_fstring = false;
        let mut text = String::new();
        let mut bytes = Vec::new();
        while self.at(T::String) {
            let t = self.bump();
            let lit = split_literal(self.text(t));
            if lit.bytes != first_bytes {
                return self.fail_after_strings(errors::MIXED_BYTES.to_string());
            }
            let body_abs = t.range.start + lit.body_offset as u32;
            if lit.bytes {
                if !lit.body.is_ascii() {
                    return self.fail(errors::BYTES_NON_ASCII, t.range);
                }
                match decode_bytes(lit.body, lit.raw) {
                    Ok(b) => bytes.extend_from_slice(&b),
                    Err(e) => return self.fail_after_strings(e.msg),
                }
            } else if lit.fstr {
                if !any_fstring {
                    any_fstring = true;
                    joined.push_lit(
                        &std::mem::take(&mut text),
                        TextRange::new(start, t.range.start),
                    );
                }
                let body = Body {
                    text: lit.body,
                    abs: body_abs,
                    raw: lit.raw,
                };
                self.fstring_part(&body, 0, 0, &mut joined)?;
            } else {
                let s = match decode_str(lit.body, lit.raw) {
                    Ok(s) => s,
                    Err(e) => return self.fail_after_strings(e.msg),
                };
                if any_fstring {
                    joined.push_lit(&s, t.range);
                } else {
                    text.push_str(&s);
                }
            }
        }
        let range = TextRange::new(start, self.prev_end());
        if first_bytes {
            return Ok(mk(
                ExprKind::Constant {
                    value: Constant::Bytes(bytes),
                    kind: None,
                },
                range,
            ));
        }
        if any_fstring {
            joined.flush();
            return Ok(mk(
                ExprKind::JoinedStr {
                    values: joined.values,
                },
                range,
            ));
        }
        Ok(mk(
            ExprKind::Constant {
                value: Constant::Str(text),
                kind: kind_u,
            },
            range,
        ))
    }

    /// Errors about a literal's value are reported at the token after the string atom, where
    /// CPython's parser stands when it decodes the literals.
    fn fail_after_strings<R>(&mut self, msg: String) -> PResult<R> {
        while self.at(T::String) {
            self.bump();
        }
        let r = self.range();
        self.fail(msg, r)
    }

    /// Literal text and replacement fields from `i`, up to the end of the body (level 0) or
    /// the `}` that closes a format spec (level 1). Returns where it stopped.
    fn fstring_part(
        &mut self,
        body: &Body,
        mut i: usize,
        level: u32,
        out: &mut Joined,
    ) -> PResult<usize> {
        let b = body.text.as_bytes();
        let mut seg = i;
        while i < b.len() {
            let c = b[i];
            if c == b'\\' && !body.raw {
                if b.get(i + 1) == Some(&b'N') && b.get(i + 2) == Some(&b'{') {
                    if let Some(j) = body.text[i..].find('}') {
                        i += j + 1;
                        continue;
                    }
                }
                i = (i + 2).min(b.len());
                continue;
            }
            if c == b'{' || c == b'}' {
                if level == 0 && b.get(i + 1) == Some(&c) {
                    self.push_fstring_lit(body, seg, i + 1, out)?;
                    i += 2;
                    seg = i;
                    continue;
                }
                if c == b'}' {
                    if level == 0 {
                        let r = self.range();
                        return self.fail(errors::FSTRING_SINGLE_BRACE, r);
                    }
                    break;
                }
                self.push_fstring_lit(body, seg, i, out)?;
                i = self.fstring_field(body, i + 1, level, out)?;
                seg = i;
                continue;
            }
            i += 1;
        }
        let end = i.min(b.len());
        self.push_fstring_lit(body, seg, end, out)?;
        Ok(end)
    }

    fn push_fstring_lit(
        &mut self,
        body: &Body,
        from: usize,
        to: usize,
        out: &mut Joined,
    ) -> PResult<()> {
        let Some(raw_text) = body.text.get(from..to) else {
            return Ok(());
        };
        match decode_str(raw_text, body.raw) {
            Ok(s) => {
                let range = TextRange::new(body.abs + from as u32, body.abs + to as u32);
                out.push_lit(&s, range);
                Ok(())
            }
            Err(e) => self.fail_after_strings(e.msg),
        }
    }

    /// One replacement field starting after its `{`: expression, `=`, `!conversion`, `:spec`,
    /// and the closing `}`. Returns the index after the `}`.
    fn fstring_field(
        &mut self,
        body: &Body,
        mut i: usize,
        level: u32,
        out: &mut Joined,
    ) -> PResult<usize> {
        let err_range = self.range();
        if level >= 2 {
            return self.fail(errors::FSTRING_NESTED, err_range);
        }
        let b = body.text.as_bytes();
        let expr_start = i;
        let mut stack: Vec<u8> = Vec::new();
        let mut quote: Option<(u8, bool)> = None;
        while i < b.len() {
            let c = b[i];
            if c == b'\\' {
                return self.fail(errors::FSTRING_BACKSLASH, err_range);
            }
            if let Some((q, triple)) = quote {
                if c == q && (!triple || (b.get(i + 1) == Some(&q) && b.get(i + 2) == Some(&q))) {
                    quote = None;
                    i += if triple { 3 } else { 1 };
                } else {
                    i += 1;
                }
                continue;
            }
            match c {
                b'\'' | b'"' => {
                    let triple = b.get(i + 1) == Some(&c) && b.get(i + 2) == Some(&c);
                    quote = Some((c, triple));
                    i += if triple { 3 } else { 1 };
                    continue;
                }
                b'(' | b'[' | b'{' => {
                    if stack.len() >= 200 {
                        return self.fail(errors::FSTRING_TOO_MANY_PARENS, err_range);
                    }
                    stack.push(c);
                }
                b')' | b']' | b'}' => {
                    let Some(open) = stack.pop() else {
                        if c == b'}' {
                            break;
                        }
                        return self.fail(
                            errors::fstring(&format!("unmatched '{}'", c as char)),
                            err_range,
                        );
                    };
                    let expected = match open {
                        b'(' => b')',
                        b'[' => b']',
                        _ => b'}',
                    };
                    if c != expected {
                        return self
                            .fail(errors::fstring_mismatch(c as char, open as char), err_range);
                    }
                }
                b'#' => return self.fail(errors::FSTRING_HASH, err_range),
                b'!' | b':' | b'=' | b'<' | b'>' if stack.is_empty() => {
                    if b.get(i + 1) == Some(&b'=') && c != b':' {
                        i += 2;
                        continue;
                    }
                    if c == b'<' || c == b'>' {
                        i += 1;
                        continue;
                    }
                    break;
                }
                _ => {}
            }
            i += 1;
        }
        if quote.is_some() {
            return self.fail(errors::FSTRING_UNTERMINATED, err_range);
        }
        if i >= b.len() {
            return self.fail(errors::FSTRING_EXPECTING_BRACE, err_range);
        }
        if !stack.is_empty() {
            return self.fail(errors::FSTRING_EXPECTING_BRACE, err_range);
        }
        let expr_text = &body.text[expr_start..i];
        if expr_text
            .trim_matches([' ', '\t', '\n', '\r', '\x0c'])
            .is_empty()
        {
            return self.fail(errors::FSTRING_EMPTY, err_range);
        }
        let value = self.parse_fstring_expr(body.abs + expr_start as u32, expr_text)?;
        let mut conversion = -1;
        let mut debug = false;
        if b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            let range = TextRange::new(body.abs + expr_start as u32, body.abs + i as u32);
            out.push_lit(&body.text[expr_start..i], range);
            debug = true;
        }
        if i < b.len() && b[i] == b'!' {
            match b.get(i + 1) {
                Some(&c @ (b's' | b'r' | b'a')) => conversion = c as i32,
                None => return self.fail(errors::FSTRING_EXPECTING_BRACE, err_range),
                _ => return self.fail(errors::FSTRING_CONVERSION, err_range),
            }
            i += 2;
        }
        let mut format_spec = None;
        if i < b.len() && b[i] == b':' {
            let spec_start = i + 1;
            let mut spec = Joined::default();
            i = self.nested(|p| p.fstring_part(body, spec_start, level + 1, &mut spec))?;
            spec.flush();
            let range = TextRange::new(body.abs + spec_start as u32, body.abs + i as u32);
            format_spec = Some(Box::new(mk(
                ExprKind::JoinedStr {
                    values: spec.values,
                },
                range,
            )));
        }
        if i >= b.len() || b[i] != b'}' {
            return self.fail(errors::FSTRING_EXPECTING_BRACE, err_range);
        }
        i += 1;
        if debug && conversion == -1 && format_spec.is_none() {
            conversion = b'r' as i32;
        }
        let range = TextRange::new(body.abs + expr_start as u32 - 1, body.abs + i as u32);
        out.push_expr(mk(
            ExprKind::FormattedValue {
                value: Box::new(value),
                conversion,
                format_spec,
            },
            range,
        ));
        Ok(i)
    }

    /// Parses a replacement field's expression as CPython does: the text wrapped in
    /// parentheses, tokenized and parsed as `star_expressions`.
    fn parse_fstring_expr(&mut self, abs_start: u32, text: &str) -> PResult<Expr> {
        let wrapped = SourceFile::new(self.source.name.clone(), format!("({text})"));
        let (mut tokens, lex_error) = lexer::tokenize_partial(&wrapped, false);
        let shift = |r: TextRange| {
            let start = (r.start + abs_start).saturating_sub(1);
            TextRange::new(start, (r.end + abs_start).saturating_sub(1).max(start))
        };
        if let Some(e) = lex_error {
            let r = shift(e.range);
            return self.fail(errors::fstring(&e.msg), r);
        }
        for t in &mut tokens {
            t.range = shift(t.range);
        }
        let depth = self.depth + 1;
        let mut sub = Parser::new(self.source, tokens, false, depth);
        let result = sub.parse_star_expressions().and_then(|e| {
            if sub.at(T::Newline) || sub.at(T::EndMarker) {
                Ok(e)
            } else {
                sub.unexpected()
            }
        });
        result.map_err(|e| {
            if e.kind == SyntaxErrorKind::MemoryError || e.msg.starts_with("f-string") {
                e
            } else {
                SyntaxError {
                    msg: errors::fstring(&e.msg),
                    ..e
                }
            }
        })
    }
}
