//! Expressions: `star_expressions` down to `atom`, with precedence climbing for the binary
//! operators from `|` to `*` (one loop instead of six grammar rules), then unary operators,
//! `**`, primaries (calls, subscripts, attributes) and atoms (displays, comprehensions).

use super::errors;
use super::{mk, PResult, Parser};
use crate::ast::*;
use crate::lexer::TokenKind as T;
use crate::source::TextRange;

/// Binding power of a binary operator token (higher binds tighter), with its AST operator.
fn binary_op(kind: T) -> Option<(u8, Operator)> {
    Some(match kind {
        T::VBar => (1, Operator::BitOr),
        T::Circumflex => (2, Operator::BitXor),
        T::Amper => (3, Operator::BitAnd),
        T::LeftShift => (4, Operator::LShift),
        T::RightShift => (4, Operator::RShift),
        T::Plus => (5, Operator::Add),
        T::Minus => (5, Operator::Sub),
        T::Star => (6, Operator::Mult),
        T::Slash => (6, Operator::Div),
        T::DoubleSlash => (6, Operator::FloorDiv),
        T::Percent => (6, Operator::Mod),
        T::At => (6, Operator::MatMult),
        _ => return None,
    })
}

/// Tokens that may begin an expression (used to decide between forms without backtracking).
pub(super) fn starts_expression(kind: T) -> bool {
    matches!(
        kind,
        T::Name
            | T::Number
            | T::String
            | T::LPar
            | T::LSqb
            | T::LBrace
            | T::Minus
            | T::Plus
            | T::Tilde
            | T::Not
            | T::Lambda
            | T::None
            | T::True
            | T::False
            | T::Ellipsis
            | T::Await
            | T::Star
    )
}

impl<'a> Parser<'a> {
    /// `star_expressions`: a tuple without parentheses when there is a comma.
    pub(super) fn parse_star_expressions(&mut self) -> PResult<Expr> {
        let first = self.parse_star_expression()?;
        if !self.at(T::Comma) {
            return Ok(first);
        }
        let start = first.range.start;
        let mut elts = vec![first];
        while self.eat(T::Comma) {
            if !starts_expression(self.kind()) {
                break;
            }
            elts.push(self.parse_star_expression()?);
        }
        let range = TextRange::new(start, self.prev_end());
        Ok(mk(
            ExprKind::Tuple {
                elts,
                ctx: ExprContext::Load,
            },
            range,
        ))
    }

    /// `star_expression`: `*bitwise_or` or an expression.
    pub(super) fn parse_star_expression(&mut self) -> PResult<Expr> {
        if self.at(T::Star) {
            let start = self.bump().range.start;
            let value = self.parse_bitor()?;
            let range = TextRange::new(start, value.range.end);
            return Ok(mk(
                ExprKind::Starred {
                    value: Box::new(value),
                    ctx: ExprContext::Load,
                },
                range,
            ));
        }
        self.parse_expression()
    }

    /// `star_named_expression`: list/set/tuple display elements.
    pub(super) fn parse_star_named_expression(&mut self) -> PResult<Expr> {
        if self.at(T::Star) {
            return self.parse_star_expression();
        }
        self.parse_named_expression()
    }

    /// `named_expression`: `NAME := expression` or an expression.
    pub(super) fn parse_named_expression(&mut self) -> PResult<Expr> {
        if self.at(T::Name) && self.peek(1) == T::ColonEqual {
            let target = self.name_expr()?;
            self.bump();
            let value = self.parse_expression()?;
            let range = target.range.cover(value.range);
            let target = Expr {
                kind: ExprKind::Name {
                    id: name_of(&target),
                    ctx: ExprContext::Store,
                },
                range: target.range,
            };
            return Ok(mk(
                ExprKind::NamedExpr {
                    target: Box::new(target),
                    value: Box::new(value),
                },
                range,
            ));
        }
        let e = self.parse_expression()?;
        if self.at(T::ColonEqual) {
            return self.fail(
                errors::cannot_walrus(super::targets::expr_name(&e)),
                e.range,
            );
        }
        if self.at(T::Equal) && self.peek(1) != T::Equal {
            return self.invalid_named_assignment(e);
        }
        Ok(e)
    }

    /// `invalid_named_expression`: `x = 1` where an expression is expected.
    fn invalid_named_assignment<T2>(&mut self, target: Expr) -> PResult<T2> {
        self.bump();
        let rhs = self.parse_bitor()?;
        if matches!(target.kind, ExprKind::Name { .. }) {
            let range = target.range.cover(rhs.range);
            return self.fail(errors::MAYBE_EQ_OR_WALRUS, range);
        }
        let what = super::targets::expr_name(&target);
        self.fail(errors::cannot_assign_here(what), target.range)
    }

    /// `expression`: a conditional expression, a lambda, or a disjunction.
    pub(super) fn parse_expression(&mut self) -> PResult<Expr> {
        self.nested(|p| {
            if p.at(T::Lambda) {
                return p.parse_lambda();
            }
            let start = p.range().start;
            let body = p.parse_disjunction()?;
            if !p.at(T::If) {
                return Ok(body);
            }
            p.bump();
            let test = p.parse_disjunction()?;
            if !p.eat(T::Else) {
                let range = body.range.cover(test.range);
                if p.at(T::Newline) || p.at(T::RPar) || p.at(T::RSqb) || p.at(T::Comma) {
                    return p.fail(errors::EXPECTED_ELSE, range);
                }
                return p.unexpected();
            }
            let orelse = p.parse_expression()?;
            let range = p.span_from(start);
            Ok(mk(
                ExprKind::IfExp {
                    test: Box::new(test),
                    body: Box::new(body),
                    orelse: Box::new(orelse),
                },
                range,
            ))
        })
    }

    fn parse_lambda(&mut self) -> PResult<Expr> {
        let start = self.bump().range.start;
        let args = self.parse_parameters(T::Colon, false)?;
        self.expect(T::Colon)?;
        let body = self.parse_expression()?;
        let range = TextRange::new(start, body.range.end);
        Ok(mk(
            ExprKind::Lambda {
                args: Box::new(args),
                body: Box::new(body),
            },
            range,
        ))
    }

    fn parse_disjunction(&mut self) -> PResult<Expr> {
        self.parse_bool_op(T::Or)
    }

    /// `disjunction` / `conjunction`: flat BoolOp nodes, `and` binding tighter than `or`.
    fn parse_bool_op(&mut self, kw: T) -> PResult<Expr> {
        let start = self.range().start;
        let first = if kw == T::Or {
            self.parse_bool_op(T::And)?
        } else {
            self.parse_inversion()?
        };
        if !self.at(kw) {
            return Ok(first);
        }
        let mut values = vec![first];
        while self.eat(kw) {
            values.push(if kw == T::Or {
                self.parse_bool_op(T::And)?
            } else {
                self.parse_inversion()?
            });
        }
        let range = self.span_from(start);
        let op = if kw == T::Or { BoolOp::Or } else { BoolOp::And };
        Ok(mk(ExprKind::BoolOp { op, values }, range))
    }

    fn parse_inversion(&mut self) -> PResult<Expr> {
        if self.at(T::Not) {
            let start = self.bump().range.start;
            let operand = self.nested(|p| p.parse_inversion())?;
            let range = self.span_from(start);
            return Ok(mk(
                ExprKind::UnaryOp {
                    op: UnaryOp::Not,
                    operand: Box::new(operand),
                },
                range,
            ));
        }
        self.parse_comparison()
    }

    fn comparison_op(&self) -> Option<(CmpOp, usize)> {
        Some(match self.kind() {
            T::EqEqual => (CmpOp::Eq, 1),
            T::NotEqual => (CmpOp::NotEq, 1),
            T::Less => (CmpOp::Lt, 1),
            T::LessEqual => (CmpOp::LtE, 1),
            T::Greater => (CmpOp::Gt, 1),
            T::GreaterEqual => (CmpOp::GtE, 1),
            T::In => (CmpOp::In, 1),
            T::Not if self.peek(1) == T::In => (CmpOp::NotIn, 2),
            T::Is if self.peek(1) == T::Not => (CmpOp::IsNot, 2),
            T::Is => (CmpOp::Is, 1),
            _ => return None,
        })
    }

    fn parse_comparison(&mut self) -> PResult<Expr> {
        let start = self.range().start;
        let left = self.parse_bitor()?;
        if self.comparison_op().is_none() {
            return Ok(left);
        }
        let mut ops = Vec::new();
        let mut comparators = Vec::new();
        while let Some((op, n)) = self.comparison_op() {
            for _ in 0..n {
                self.bump();
            }
            ops.push(op);
            comparators.push(self.parse_bitor()?);
        }
        let range = self.span_from(start);
        Ok(mk(
            ExprKind::Compare {
                left: Box::new(left),
                ops,
                comparators,
            },
            range,
        ))
    }

    /// `bitwise_or` and everything down to `term`, by precedence climbing.
    pub(super) fn parse_bitor(&mut self) -> PResult<Expr> {
        self.parse_binary(1)
    }

    fn parse_binary(&mut self, min_prec: u8) -> PResult<Expr> {
        let start = self.range().start;
        let mut left = self.parse_factor()?;
        let base_depth = self.depth;
        let result = loop {
            let Some((prec, op)) = binary_op(self.kind()) else {
                break Ok(left);
            };
            if prec < min_prec {
                break Ok(left);
            }
            self.bump();
            // Each fold nests the left operand one level deeper in the AST.
            if let Err(e) = self.descend() {
                break Err(e);
            }
            let right = match self.parse_binary(prec + 1) {
                Ok(r) => r,
                Err(e) => break Err(e),
            };
            let range = self.span_from(start);
            left = mk(
                ExprKind::BinOp {
                    left: Box::new(left),
                    op,
                    right: Box::new(right),
                },
                range,
            );
        };
        self.depth = base_depth;
        result
    }

    /// `factor`: unary `+`, `-`, `~`.
    fn parse_factor(&mut self) -> PResult<Expr> {
        let op = match self.kind() {
            T::Plus => UnaryOp::UAdd,
            T::Minus => UnaryOp::USub,
            T::Tilde => UnaryOp::Invert,
            _ => return self.parse_power(),
        };
        let start = self.bump().range.start;
        let operand = self.nested(|p| p.parse_factor())?;
        let range = self.span_from(start);
        Ok(mk(
            ExprKind::UnaryOp {
                op,
                operand: Box::new(operand),
            },
            range,
        ))
    }

    /// `power`: `primary ** factor` (right-associative through `factor`).
    fn parse_power(&mut self) -> PResult<Expr> {
        if self.at(T::Await) {
            return self.unexpected();
        }
        let start = self.range().start;
        let left = self.parse_primary()?;
        if !self.eat(T::DoubleStar) {
            return Ok(left);
        }
        let right = self.nested(|p| p.parse_factor())?;
        let range = self.span_from(start);
        Ok(mk(
            ExprKind::BinOp {
                left: Box::new(left),
                op: Operator::Pow,
                right: Box::new(right),
            },
            range,
        ))
    }

    /// `primary`: an atom followed by attribute references, calls and subscripts.
    pub(super) fn parse_primary(&mut self) -> PResult<Expr> {
        let start = self.range().start;
        let mut e = self.parse_atom()?;
        let base_depth = self.depth;
        let result = loop {
            let step = match self.kind() {
                T::Dot => self.parse_attribute(e),
                T::LPar => self.parse_call(e),
                T::LSqb => self.parse_subscript(e),
                _ => break Ok(e),
            };
            e = match step {
                // The node starts at its first token, the bracket of a parenthesised value.
                Ok(e) => mk(e.kind, TextRange::new(start, e.range.end)),
                Err(err) => break Err(err),
            };
            if let Err(err) = self.descend() {
                break Err(err);
            }
        };
        self.depth = base_depth;
        result
    }

    fn parse_attribute(&mut self, value: Expr) -> PResult<Expr> {
        self.bump();
        let (attr, r) = self.ident()?;
        let range = value.range.cover(r);
        Ok(mk(
            ExprKind::Attribute {
                value: Box::new(value),
                attr,
                ctx: ExprContext::Load,
            },
            range,
        ))
    }

    fn parse_subscript(&mut self, value: Expr) -> PResult<Expr> {
        self.nested(|p| {
            p.bump();
            let slice = p.parse_slices()?;
            let end = p.expect(T::RSqb)?.range.end;
            let range = TextRange::new(value.range.start, end);
            Ok(mk(
                ExprKind::Subscript {
                    value: Box::new(value),
                    slice: Box::new(slice),
                    ctx: ExprContext::Load,
                },
                range,
            ))
        })
    }

    /// `slices`: one slice, or a tuple of slices and starred expressions.
    fn parse_slices(&mut self) -> PResult<Expr> {
        let first = self.parse_slice()?;
        if !self.at(T::Comma) && !matches!(first.kind, ExprKind::Starred { .. }) {
            return Ok(first);
        }
        let start = first.range.start;
        let mut elts = vec![first];
        while self.eat(T::Comma) {
            if self.at(T::RSqb) {
                break;
            }
            elts.push(self.parse_slice()?);
        }
        let range = TextRange::new(start, self.prev_end());
        Ok(mk(
            ExprKind::Tuple {
                elts,
                ctx: ExprContext::Load,
            },
            range,
        ))
    }

    fn parse_slice(&mut self) -> PResult<Expr> {
        if self.at(T::Star) {
            return self.parse_star_expression();
        }
        let start = self.range().start;
        let lower = if self.at(T::Colon) {
            None
        } else {
            Some(self.parse_named_expression()?)
        };
        if !self.at(T::Colon) {
            return lower.ok_or_else(|| unreachable_error(start));
        }
        self.bump();
        let upper = if self.at_slice_end() {
            None
        } else {
            Some(Box::new(self.parse_expression()?))
        };
        let mut step = None;
        if self.eat(T::Colon) && !self.at_slice_end() {
            step = Some(Box::new(self.parse_expression()?));
        }
        if let Some(l) = &lower {
            if matches!(l.kind, ExprKind::NamedExpr { .. }) {
                return self.fail(errors::INVALID_SYNTAX, self.tokens[self.pos].range);
            }
        }
        let range = TextRange::new(start, self.prev_end());
        Ok(mk(
            ExprKind::Slice {
                lower: lower.map(Box::new),
                upper,
                step,
            },
            range,
        ))
    }

    fn at_slice_end(&self) -> bool {
        matches!(self.kind(), T::Colon | T::Comma | T::RSqb)
    }

    /// A call's arguments: positional and starred arguments, then keywords and `**`; a
    /// generator expression may stand alone without its own parentheses.
    pub(super) fn parse_call(&mut self, func: Expr) -> PResult<Expr> {
        self.nested(|p| {
            p.bump();
            let mut args = Vec::new();
            let mut keywords: Vec<Keyword> = Vec::new();
            let mut seen_kwunpack = false;
            let mut genexp_range: Option<TextRange> = None;
            let mut count = 0usize;
            let mut last = p.range();
            while !p.at(T::RPar) {
                count += 1;
                let start = p.range().start;
                if p.at(T::Star) {
                    if seen_kwunpack {
                        let r = p.range();
                        return p.fail(errors::ITERABLE_AFTER_KWUNPACK, r);
                    }
                    args.push(p.parse_star_expression()?);
                } else if p.at(T::DoubleStar) {
                    p.bump();
                    let value = p.parse_expression()?;
                    let range = TextRange::new(start, value.range.end);
                    keywords.push(Keyword {
                        arg: None,
                        value,
                        range,
                    });
                    seen_kwunpack = true;
                } else if p.at(T::Name) && p.peek(1) == T::Equal {
                    let (arg, _) = p.ident()?;
                    p.bump();
                    let value = p.parse_expression()?;
                    if p.at(T::For) {
                        let r = TextRange::new(start, value.range.start);
                        return p.fail(errors::MAYBE_EQ_OR_WALRUS, r);
                    }
                    let range = TextRange::new(start, value.range.end);
                    keywords.push(Keyword {
                        arg: Some(arg),
                        value,
                        range,
                    });
                } else {
                    let e = p.parse_named_expression_in_call()?;
                    if p.at(T::For) {
                        let g = p.parse_genexp_tail(e, start)?;
                        genexp_range.get_or_insert(g.range);
                        args.push(g);
                    } else if !keywords.is_empty() {
                        let msg = if seen_kwunpack {
                            errors::POSITIONAL_AFTER_KWUNPACK
                        } else {
                            errors::POSITIONAL_AFTER_KEYWORD
                        };
                        let r = p.range();
                        return p.fail(msg, r);
                    } else {
                        args.push(e);
                    }
                }
                last = TextRange::new(start, p.prev_end());
                if !p.eat(T::Comma) {
                    break;
                }
            }
            if !p.at(T::RPar) {
                return p.missing_comma_after(last);
            }
            let end = p.bump().range.end;
            if let Some(r) = genexp_range {
                if count > 1 || p.tokens[p.pos - 2].kind == T::Comma {
                    return p.fail(errors::GENEXP_PARENS, r);
                }
            }
            let range = TextRange::new(func.range.start, end);
            // A lone generator argument's node spans the call's parentheses, as in CPython.
            if genexp_range.is_some() {
                if let Some(g) = args.first_mut() {
                    g.range = TextRange::new(func.range.end, end);
                }
            }
            Ok(mk(
                ExprKind::Call {
                    func: Box::new(func),
                    args,
                    keywords,
                },
                range,
            ))
        })
    }

    /// A positional call argument; `expr = value` with a non-name target is CPython's
    /// "expression cannot contain assignment" error.
    fn parse_named_expression_in_call(&mut self) -> PResult<Expr> {
        let e = if self.at(T::Name) && self.peek(1) == T::ColonEqual {
            self.parse_named_expression()?
        } else {
            self.parse_expression()?
        };
        if self.at(T::Equal) {
            let r = e.range.cover(self.range());
            return self.fail(errors::KEYWORD_ASSIGN, r);
        }
        Ok(e)
    }

    /// Inside brackets, two expressions in a row: CPython suggests a missing comma.
    fn missing_comma<T2>(&mut self, prev: &Expr) -> PResult<T2> {
        self.missing_comma_after(prev.range)
    }

    fn missing_comma_after<T2>(&mut self, prev: TextRange) -> PResult<T2> {
        if starts_expression(self.kind()) && !self.at(T::Star) && !self.at(T::Not) {
            let save = self.pos;
            let next = self.parse_expression();
            if let Ok(next) = next {
                let range = prev.cover(next.range);
                return self.fail(errors::FORGOT_COMMA, range);
            }
            self.pos = save;
        }
        self.unexpected()
    }

    /// `atom`: names, literals, and bracketed forms.
    fn parse_atom(&mut self) -> PResult<Expr> {
        let t = self.tok();
        let kind = match t.kind {
            T::Name => {
                self.bump();
                ExprKind::Name {
                    id: self.text(t).to_string(),
                    ctx: ExprContext::Load,
                }
            }
            T::Number => {
                self.bump();
                let Some(value) = super::literal::parse_number(self.text(t)) else {
                    return self.fail(errors::INVALID_SYNTAX, t.range);
                };
                ExprKind::Constant { value, kind: None }
            }
            T::String => return self.parse_strings(),
            T::None => self.constant(Constant::None),
            T::True => self.constant(Constant::Bool(true)),
            T::False => self.constant(Constant::Bool(false)),
            T::Ellipsis => self.constant(Constant::Ellipsis),
            T::LPar => return self.nested(|p| p.parse_paren()),
            T::LSqb => return self.nested(|p| p.parse_list()),
            T::LBrace => return self.nested(|p| p.parse_brace()),
            _ => return self.unexpected(),
        };
        Ok(mk(kind, t.range))
    }

    fn constant(&mut self, value: Constant) -> ExprKind {
        self.bump();
        ExprKind::Constant { value, kind: None }
    }

    /// `(`: a tuple, a parenthesised expression, a generator expression, or `(yield)`.
    fn parse_paren(&mut self) -> PResult<Expr> {
        let start = self.bump().range.start;
        if self.at(T::RPar) {
            let end = self.bump().range.end;
            return Ok(mk(
                ExprKind::Tuple {
                    elts: Vec::new(),
                    ctx: ExprContext::Load,
                },
                TextRange::new(start, end),
            ));
        }
        if self.at(T::Yield) {
            let e = self.parse_yield()?;
            self.expect(T::RPar)?;
            return Ok(e);
        }
        let first = self.parse_star_named_expression()?;
        if self.at(T::For) {
            if let ExprKind::Starred { .. } = first.kind {
                return self.fail(errors::UNPACK_IN_COMPREHENSION, first.range);
            }
            let mut g = self.parse_genexp_tail(first, start)?;
            let end = self.expect_close(T::RPar, &g)?;
            g.range = TextRange::new(start, end);
            return Ok(g);
        }
        if self.at(T::RPar) {
            self.bump();
            if let ExprKind::Starred { .. } = first.kind {
                return self.fail(errors::STARRED_ALONE, first.range);
            }
            return Ok(first);
        }
        if !self.at(T::Comma) {
            return self.missing_comma(&first);
        }
        let mut elts = vec![first];
        while self.eat(T::Comma) {
            if self.at(T::RPar) {
                break;
            }
            let e = self.parse_star_named_expression()?;
            if !self.at(T::Comma) && !self.at(T::RPar) {
                return self.missing_comma(&e);
            }
            elts.push(e);
        }
        let end = self.expect(T::RPar)?.range.end;
        Ok(mk(
            ExprKind::Tuple {
                elts,
                ctx: ExprContext::Load,
            },
            TextRange::new(start, end),
        ))
    }

    fn expect_close(&mut self, kind: T, prev: &Expr) -> PResult<u32> {
        if self.at(kind) {
            return Ok(self.bump().range.end);
        }
        self.missing_comma(prev)
    }

    /// `[`: a list display or a list comprehension.
    fn parse_list(&mut self) -> PResult<Expr> {
        let start = self.bump().range.start;
        let mut elts = Vec::new();
        while !self.at(T::RSqb) {
            let e = self.parse_star_named_expression()?;
            if elts.is_empty() && self.at(T::For) {
                if let ExprKind::Starred { .. } = e.kind {
                    return self.fail(errors::UNPACK_IN_COMPREHENSION, e.range);
                }
                let generators = self.parse_comprehension_clauses()?;
                let end = self.expect_close(T::RSqb, &e)?;
                let range = TextRange::new(start, end);
                return Ok(mk(
                    ExprKind::ListComp {
                        elt: Box::new(e),
                        generators,
                    },
                    range,
                ));
            }
            let done = !self.eat(T::Comma);
            if done && !self.at(T::RSqb) {
                return self.missing_comma(&e);
            }
            elts.push(e);
            if done {
                break;
            }
        }
        let end = self.expect(T::RSqb)?.range.end;
        Ok(mk(
            ExprKind::List {
                elts,
                ctx: ExprContext::Load,
            },
            TextRange::new(start, end),
        ))
    }

    /// `{`: a dict or set display, or a dict or set comprehension.
    fn parse_brace(&mut self) -> PResult<Expr> {
        let start = self.bump().range.start;
        if self.at(T::RBrace) {
            let end = self.bump().range.end;
            let kind = ExprKind::Dict {
                keys: Vec::new(),
                values: Vec::new(),
            };
            return Ok(mk(kind, TextRange::new(start, end)));
        }
        let is_dict = if self.at(T::DoubleStar) {
            true
        } else {
            let first = self.parse_star_named_expression()?;
            if self.at(T::Colon) && !matches!(first.kind, ExprKind::Starred { .. }) {
                self.bump();
                let value = self.parse_expression()?;
                return self.parse_dict_rest(start, Some(first), value);
            }
            return self.parse_set_rest(start, first);
        };
        debug_assert!(is_dict);
        let dstart = self.bump().range.start;
        let value = self.parse_bitor()?;
        if self.at(T::For) {
            let r = TextRange::new(dstart, value.range.end);
            return self.fail(errors::DICT_UNPACK_IN_COMPREHENSION, r);
        }
        self.parse_dict_rest(start, None, value)
    }

    fn parse_dict_rest(&mut self, start: u32, key: Option<Expr>, value: Expr) -> PResult<Expr> {
        if self.at(T::For) {
            let generators = self.parse_comprehension_clauses()?;
            let end = self.expect_close(T::RBrace, &value)?;
            let key = key.ok_or_else(|| unreachable_error(start))?;
            let kind = ExprKind::DictComp {
                key: Box::new(key),
                value: Box::new(value),
                generators,
            };
            return Ok(mk(kind, TextRange::new(start, end)));
        }
        let mut keys = vec![key];
        let mut values = vec![value];
        while self.eat(T::Comma) {
            if self.at(T::RBrace) {
                break;
            }
            if self.eat(T::DoubleStar) {
                keys.push(None);
                values.push(self.parse_bitor()?);
                continue;
            }
            let k = self.parse_expression()?;
            if !self.at(T::Colon) {
                if self.at(T::Comma) || self.at(T::RBrace) {
                    let r = self.range();
                    return self.fail(
                        errors::DICT_COLON,
                        TextRange::new(k.range.start, r.start).cover(k.range),
                    );
                }
                return self.missing_comma(&k);
            }
            self.bump();
            keys.push(Some(k));
            values.push(self.parse_expression()?);
        }
        if !self.at(T::RBrace) {
            let last = values.pop().ok_or_else(|| unreachable_error(start))?;
            return self.missing_comma(&last);
        }
        let end = self.bump().range.end;
        Ok(mk(
            ExprKind::Dict { keys, values },
            TextRange::new(start, end),
        ))
    }

    fn parse_set_rest(&mut self, start: u32, first: Expr) -> PResult<Expr> {
        if self.at(T::For) {
            if let ExprKind::Starred { .. } = first.kind {
                return self.fail(errors::UNPACK_IN_COMPREHENSION, first.range);
            }
            let generators = self.parse_comprehension_clauses()?;
            let end = self.expect_close(T::RBrace, &first)?;
            return Ok(mk(
                ExprKind::SetComp {
                    elt: Box::new(first),
                    generators,
                },
                TextRange::new(start, end),
            ));
        }
        let mut elts = vec![first];
        while self.eat(T::Comma) {
            if self.at(T::RBrace) {
                break;
            }
            elts.push(self.parse_star_named_expression()?);
        }
        if !self.at(T::RBrace) {
            let last = elts.pop().ok_or_else(|| unreachable_error(start))?;
            return self.missing_comma(&last);
        }
        let end = self.bump().range.end;
        Ok(mk(ExprKind::Set { elts }, TextRange::new(start, end)))
    }

    /// The `for ... in ... if ...` part of a generator expression whose element is parsed.
    fn parse_genexp_tail(&mut self, elt: Expr, start: u32) -> PResult<Expr> {
        if let ExprKind::Starred { .. } = elt.kind {
            return self.fail(errors::UNPACK_IN_COMPREHENSION, elt.range);
        }
        let generators = self.parse_comprehension_clauses()?;
        let range = TextRange::new(start, self.prev_end());
        Ok(mk(
            ExprKind::GeneratorExp {
                elt: Box::new(elt),
                generators,
            },
            range,
        ))
    }

    /// `for_if_clauses`.
    fn parse_comprehension_clauses(&mut self) -> PResult<Vec<Comprehension>> {
        let mut generators = Vec::new();
        while self.at(T::For) {
            self.bump();
            let target = self.parse_for_target()?;
            self.expect(T::In)?;
            let iter = self.parse_disjunction()?;
            let mut ifs = Vec::new();
            while self.eat(T::If) {
                ifs.push(self.parse_disjunction()?);
            }
            generators.push(Comprehension {
                target,
                iter,
                ifs,
                is_async: false,
            });
        }
        if self.at(T::Async) {
            return self.unexpected();
        }
        Ok(generators)
    }

    /// `yield_expr`.
    pub(super) fn parse_yield(&mut self) -> PResult<Expr> {
        let start = self.bump().range.start;
        if self.eat(T::From) {
            let value = self.parse_expression()?;
            let range = TextRange::new(start, value.range.end);
            return Ok(mk(
                ExprKind::YieldFrom {
                    value: Box::new(value),
                },
                range,
            ));
        }
        let value = if starts_expression(self.kind()) {
            Some(Box::new(self.parse_star_expressions()?))
        } else {
            None
        };
        let range = TextRange::new(start, self.prev_end());
        Ok(mk(ExprKind::Yield { value }, range))
    }
}

fn name_of(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Name { id, .. } => id.clone(),
        _ => String::new(),
    }
}

/// For `ok_or_else` on states the grammar rules out; reports rather than panics.
fn unreachable_error(at: u32) -> crate::syntax_error::SyntaxError {
    crate::syntax_error::SyntaxError::new(errors::INVALID_SYNTAX, TextRange::empty(at))
}
