//! `match` patterns: literal, capture, wildcard, value, group, sequence, mapping, class, star,
//! `|` alternatives and `as` bindings (PEP 634's grammar as CPython 3.11 has it).

use super::errors;
use super::{mk, PResult, Parser};
use crate::ast::*;
use crate::lexer::TokenKind as T;
use crate::source::TextRange;

fn pat(kind: PatternKind, range: TextRange) -> Pattern {
    Pattern { kind, range }
}

impl<'a> Parser<'a> {
    /// `patterns`: an open sequence (`case a, *b:`) or a single pattern.
    pub(super) fn parse_patterns(&mut self) -> PResult<Pattern> {
        let start = self.range().start;
        let first = self.parse_maybe_star_pattern()?;
        if !self.at(T::Comma) {
            if let PatternKind::MatchStar { .. } = first.kind {
                return self.fail(errors::INVALID_SYNTAX, first.range);
            }
            return Ok(first);
        }
        let mut patterns = vec![first];
        while self.eat(T::Comma) {
            if self.at(T::Colon) || self.at(T::If) {
                break;
            }
            patterns.push(self.parse_maybe_star_pattern()?);
        }
        let range = TextRange::new(start, self.prev_end());
        Ok(pat(PatternKind::MatchSequence { patterns }, range))
    }

    fn parse_maybe_star_pattern(&mut self) -> PResult<Pattern> {
        if !self.at(T::Star) {
            return self.parse_pattern();
        }
        let start = self.bump().range.start;
        let (name, r) = self.ident()?;
        let name = (name != "_").then_some(name);
        Ok(pat(
            PatternKind::MatchStar { name },
            TextRange::new(start, r.end),
        ))
    }

    /// `pattern`: an or-pattern, optionally bound with `as NAME`.
    fn parse_pattern(&mut self) -> PResult<Pattern> {
        self.nested(|p| {
            let inner = p.parse_or_pattern()?;
            if !p.eat(T::As) {
                return Ok(inner);
            }
            let (name, r) = p.ident()?;
            if name == "_" {
                return p.fail("cannot use '_' as a target", r);
            }
            let range = inner.range.cover(r);
            Ok(pat(
                PatternKind::MatchAs {
                    pattern: Some(Box::new(inner)),
                    name: Some(name),
                },
                range,
            ))
        })
    }

    fn parse_or_pattern(&mut self) -> PResult<Pattern> {
        let first = self.parse_closed_pattern()?;
        if !self.at(T::VBar) {
            return Ok(first);
        }
        let mut patterns = vec![first];
        while self.eat(T::VBar) {
            patterns.push(self.parse_closed_pattern()?);
        }
        let range = patterns[0].range.cover(patterns[patterns.len() - 1].range);
        Ok(pat(PatternKind::MatchOr { patterns }, range))
    }

    fn parse_closed_pattern(&mut self) -> PResult<Pattern> {
        let start = self.range().start;
        match self.kind() {
            T::Number | T::Minus | T::String => {
                let value = self.parse_literal_pattern_expr()?;
                let range = value.range;
                Ok(pat(
                    PatternKind::MatchValue {
                        value: Box::new(value),
                    },
                    range,
                ))
            }
            T::None | T::True | T::False => {
                let value = match self.bump().kind {
                    T::None => Constant::None,
                    T::True => Constant::Bool(true),
                    _ => Constant::Bool(false),
                };
                Ok(pat(
                    PatternKind::MatchSingleton { value },
                    TextRange::new(start, self.prev_end()),
                ))
            }
            T::Name => self.parse_name_pattern(),
            T::LPar => self.parse_paren_pattern(),
            T::LSqb => {
                self.bump();
                let patterns = self.parse_pattern_items(T::RSqb)?;
                self.expect(T::RSqb)?;
                Ok(pat(
                    PatternKind::MatchSequence { patterns },
                    TextRange::new(start, self.prev_end()),
                ))
            }
            T::LBrace => self.parse_mapping_pattern(),
            _ => self.unexpected(),
        }
    }

    /// Comma-separated patterns (with stars) up to `close`, trailing comma allowed.
    fn parse_pattern_items(&mut self, close: T) -> PResult<Vec<Pattern>> {
        let mut patterns = Vec::new();
        while !self.at(close) {
            patterns.push(self.parse_maybe_star_pattern()?);
            if !self.eat(T::Comma) {
                break;
            }
        }
        Ok(patterns)
    }

    fn parse_paren_pattern(&mut self) -> PResult<Pattern> {
        let start = self.bump().range.start;
        if self.eat(T::RPar) {
            return Ok(pat(
                PatternKind::MatchSequence {
                    patterns: Vec::new(),
                },
                TextRange::new(start, self.prev_end()),
            ));
        }
        let first = self.parse_maybe_star_pattern()?;
        if self.eat(T::RPar) {
            if let PatternKind::MatchStar { .. } = first.kind {
                let range = TextRange::new(start, self.prev_end());
                return Ok(pat(
                    PatternKind::MatchSequence {
                        patterns: vec![first],
                    },
                    range,
                ));
            }
            return Ok(first);
        }
        self.expect(T::Comma)?;
        let mut patterns = vec![first];
        patterns.extend(self.parse_pattern_items(T::RPar)?);
        self.expect(T::RPar)?;
        Ok(pat(
            PatternKind::MatchSequence { patterns },
            TextRange::new(start, self.prev_end()),
        ))
    }

    /// Capture, wildcard, value (`a.b`) and class (`C(...)`) patterns.
    fn parse_name_pattern(&mut self) -> PResult<Pattern> {
        let first = self.name_expr()?;
        let is_plain = !self.at(T::Dot) && !self.at(T::LPar);
        if is_plain {
            let ExprKind::Name { id, .. } = first.kind else {
                return self.unexpected();
            };
            let name = (id != "_").then_some(id);
            return Ok(pat(
                PatternKind::MatchAs {
                    pattern: None,
                    name,
                },
                first.range,
            ));
        }
        let mut cls = first;
        while self.eat(T::Dot) {
            let (attr, r) = self.ident()?;
            let range = cls.range.cover(r);
            cls = mk(
                ExprKind::Attribute {
                    value: Box::new(cls),
                    attr,
                    ctx: ExprContext::Load,
                },
                range,
            );
        }
        if !self.at(T::LPar) {
            let range = cls.range;
            return Ok(pat(
                PatternKind::MatchValue {
                    value: Box::new(cls),
                },
                range,
            ));
        }
        self.bump();
        let mut patterns = Vec::new();
        let mut kwd_attrs = Vec::new();
        let mut kwd_patterns = Vec::new();
        while !self.at(T::RPar) {
            if self.at(T::Name) && self.peek(1) == T::Equal {
                let (attr, _) = self.ident()?;
                self.bump();
                kwd_attrs.push(attr);
                kwd_patterns.push(self.parse_pattern()?);
            } else {
                let p = self.parse_pattern()?;
                if !kwd_attrs.is_empty() {
                    return self.fail("positional patterns follow keyword patterns", p.range);
                }
                patterns.push(p);
            }
            if !self.eat(T::Comma) {
                break;
            }
        }
        self.expect(T::RPar)?;
        let range = TextRange::new(cls.range.start, self.prev_end());
        Ok(pat(
            PatternKind::MatchClass {
                cls: Box::new(cls),
                patterns,
                kwd_attrs,
                kwd_patterns,
            },
            range,
        ))
    }

    fn parse_mapping_pattern(&mut self) -> PResult<Pattern> {
        let start = self.bump().range.start;
        let mut keys = Vec::new();
        let mut patterns = Vec::new();
        let mut rest = None;
        while !self.at(T::RBrace) {
            if self.eat(T::DoubleStar) {
                rest = Some(self.ident()?.0);
            } else {
                if rest.is_some() {
                    return self.unexpected();
                }
                keys.push(self.parse_mapping_key()?);
                self.expect(T::Colon)?;
                patterns.push(self.parse_pattern()?);
            }
            if !self.eat(T::Comma) {
                break;
            }
        }
        self.expect(T::RBrace)?;
        let range = TextRange::new(start, self.prev_end());
        Ok(pat(
            PatternKind::MatchMapping {
                keys,
                patterns,
                rest,
            },
            range,
        ))
    }

    fn parse_mapping_key(&mut self) -> PResult<Expr> {
        match self.kind() {
            T::Number | T::Minus | T::String => self.parse_literal_pattern_expr(),
            T::None | T::True | T::False => {
                let t = self.bump();
                let value = match t.kind {
                    T::None => Constant::None,
                    T::True => Constant::Bool(true),
                    _ => Constant::Bool(false),
                };
                Ok(mk(ExprKind::Constant { value, kind: None }, t.range))
            }
            T::Name => {
                let mut e = self.name_expr()?;
                if !self.at(T::Dot) {
                    return self.unexpected();
                }
                while self.eat(T::Dot) {
                    let (attr, r) = self.ident()?;
                    let range = e.range.cover(r);
                    e = mk(
                        ExprKind::Attribute {
                            value: Box::new(e),
                            attr,
                            ctx: ExprContext::Load,
                        },
                        range,
                    );
                }
                Ok(e)
            }
            _ => self.unexpected(),
        }
    }

    /// `signed_number`, `complex_number` or strings, as the expression a MatchValue holds.
    fn parse_literal_pattern_expr(&mut self) -> PResult<Expr> {
        if self.at(T::String) {
            let e = self.parse_strings()?;
            if let ExprKind::JoinedStr { .. } = e.kind {
                return self.fail(
                    "patterns may only match literals and attribute lookups",
                    e.range,
                );
            }
            return Ok(e);
        }
        let real = self.parse_signed_number()?;
        let op = match self.kind() {
            T::Plus => Operator::Add,
            T::Minus => Operator::Sub,
            _ => return Ok(real),
        };
        self.bump();
        let t = self.expect(T::Number)?;
        let value = super::literal::parse_number(self.text(t));
        let Some(value @ Constant::Complex { .. }) = value else {
            return self.fail("imaginary number required in complex literal", t.range);
        };
        let imag = mk(ExprKind::Constant { value, kind: None }, t.range);
        if matches!(
            real.kind,
            ExprKind::Constant {
                value: Constant::Complex { .. },
                ..
            }
        ) {
            return self.fail("real number required in complex literal", real.range);
        }
        let range = real.range.cover(imag.range);
        Ok(mk(
            ExprKind::BinOp {
                left: Box::new(real),
                op,
                right: Box::new(imag),
            },
            range,
        ))
    }

    fn parse_signed_number(&mut self) -> PResult<Expr> {
        let neg = self.at(T::Minus).then(|| self.bump().range.start);
        let t = self.expect(T::Number)?;
        let Some(value) = super::literal::parse_number(self.text(t)) else {
            return self.fail(errors::INVALID_SYNTAX, t.range);
        };
        let num = mk(ExprKind::Constant { value, kind: None }, t.range);
        Ok(match neg {
            Some(start) => {
                let range = TextRange::new(start, t.range.end);
                mk(
                    ExprKind::UnaryOp {
                        op: UnaryOp::USub,
                        operand: Box::new(num),
                    },
                    range,
                )
            }
            None => num,
        })
    }
}
