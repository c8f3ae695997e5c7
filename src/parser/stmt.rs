//! Statements: simple statements (assignments of every kind, imports, `del`, `global`, ...)
//! and compound statements with their blocks, with CPython's errors for missing colons and
//! indented blocks.

use super::errors;
use super::expr::starts_expression;
use super::targets::{expr_name, invalid_target, TargetKind};
use super::{mk, PResult, Parser};
use crate::ast::*;
use crate::lexer::TokenKind as T;
use crate::source::TextRange;
use crate::syntax_error::SyntaxErrorKind;

fn stmt(kind: StmtKind, range: TextRange) -> Stmt {
    Stmt { kind, range }
}

fn augassign_op(kind: T) -> Option<Operator> {
    Some(match kind {
        T::PlusEqual => Operator::Add,
        T::MinEqual => Operator::Sub,
        T::StarEqual => Operator::Mult,
        T::AtEqual => Operator::MatMult,
        T::SlashEqual => Operator::Div,
        T::PercentEqual => Operator::Mod,
        T::AmperEqual => Operator::BitAnd,
        T::VBarEqual => Operator::BitOr,
        T::CircumflexEqual => Operator::BitXor,
        T::LeftShiftEqual => Operator::LShift,
        T::RightShiftEqual => Operator::RShift,
        T::DoubleStarEqual => Operator::Pow,
        T::DoubleSlashEqual => Operator::FloorDiv,
        _ => return None,
    })
}

impl<'a> Parser<'a> {
    pub(super) fn parse_file(&mut self) -> PResult<Module> {
        let mut body = Vec::new();
        while !self.at(T::EndMarker) {
            self.parse_statement(&mut body)?;
        }
        Ok(Module { body })
    }

    fn parse_statement(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        let s = match self.kind() {
            T::Def | T::Class | T::At => self.parse_decorated()?,
            T::If => self.parse_if()?,
            T::While => self.parse_while()?,
            T::For => self.parse_for()?,
            T::Try => self.parse_try()?,
            T::With => self.parse_with()?,
            T::Async => return self.unexpected(),
            T::Name if self.at_name("match") => match self.try_match()? {
                Some(s) => s,
                None => return self.parse_simple_stmts(out),
            },
            _ => return self.parse_simple_stmts(out),
        };
        out.push(s);
        Ok(())
    }

    /// `block`: an indented suite after NEWLINE, or simple statements on the same line.
    fn parse_block(&mut self, what: &str, line: u32) -> PResult<Vec<Stmt>> {
        if !self.eat(T::Newline) {
            let mut body = Vec::new();
            self.parse_simple_stmts(&mut body)?;
            return Ok(body);
        }
        if !self.at(T::Indent) {
            let r = self.range();
            let mut e = self.error(errors::expected_block(what, line), r);
            e.kind = SyntaxErrorKind::IndentationError;
            return Err(e);
        }
        self.bump();
        self.nested(|p| {
            let mut body = Vec::new();
            while !p.at(T::Dedent) && !p.at(T::EndMarker) {
                p.parse_statement(&mut body)?;
            }
            p.eat(T::Dedent);
            Ok(body)
        })
    }

    /// A header's `:`; a line ending early is CPython's "expected ':'".
    fn header_colon(&mut self) -> PResult<()> {
        if self.eat(T::Colon) {
            return Ok(());
        }
        if self.at(T::Newline) {
            let r = self.range();
            return self.fail(errors::EXPECTED_COLON, r);
        }
        self.unexpected()
    }

    fn parse_simple_stmts(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        loop {
            out.push(self.parse_simple_stmt()?);
            if !self.eat(T::Semi) || self.at(T::Newline) {
                break;
            }
        }
        if self.eat(T::Newline) {
            return Ok(());
        }
        if let Some(last) = out.last() {
            self.legacy_print_error(last)?;
        }
        self.unexpected()
    }

    /// `print x` and `exec x`: CPython's Python 2 hint.
    fn legacy_print_error(&mut self, last: &Stmt) -> PResult<()> {
        let StmtKind::Expr { value } = &last.kind else {
            return Ok(());
        };
        let ExprKind::Name { id, .. } = &value.kind else {
            return Ok(());
        };
        let msg = match id.as_str() {
            "print" => errors::PRINT_PARENS,
            "exec" => errors::EXEC_PARENS,
            _ => return Ok(()),
        };
        if !starts_expression(self.kind()) {
            return Ok(());
        }
        let start = value.range.start;
        let save = self.pos;
        if let Ok(arg) = self.parse_star_expressions() {
            return self.fail(msg, TextRange::new(start, arg.range.end));
        }
        self.pos = save;
        Ok(())
    }

    fn parse_simple_stmt(&mut self) -> PResult<Stmt> {
        let start = self.range().start;
        let kind = match self.kind() {
            T::Pass => {
                self.bump();
                StmtKind::Pass
            }
            T::Break => {
                self.bump();
                StmtKind::Break
            }
            T::Continue => {
                self.bump();
                StmtKind::Continue
            }
            T::Return => {
                self.bump();
                let value = if starts_expression(self.kind()) {
                    Some(Box::new(self.parse_star_expressions()?))
                } else {
                    None
                };
                StmtKind::Return { value }
            }
            T::Raise => {
                self.bump();
                let mut exc = None;
                let mut cause = None;
                if starts_expression(self.kind()) {
                    exc = Some(Box::new(self.parse_expression()?));
                    if self.eat(T::From) {
                        cause = Some(Box::new(self.parse_expression()?));
                    }
                }
                StmtKind::Raise { exc, cause }
            }
            T::Global | T::Nonlocal => {
                let global = self.bump().kind == T::Global;
                let mut names = vec![self.ident()?.0];
                while self.eat(T::Comma) {
                    names.push(self.ident()?.0);
                }
                if global {
                    StmtKind::Global { names }
                } else {
                    StmtKind::Nonlocal { names }
                }
            }
            T::Del => {
                self.bump();
                let mut targets = Vec::new();
                loop {
                    let e = self.parse_star_expression()?;
                    targets.push(self.del_target(e)?);
                    if !self.eat(T::Comma) || !starts_expression(self.kind()) {
                        break;
                    }
                }
                StmtKind::Delete { targets }
            }
            T::Assert => {
                self.bump();
                let test = Box::new(self.parse_expression()?);
                let msg = if self.eat(T::Comma) {
                    Some(Box::new(self.parse_expression()?))
                } else {
                    None
                };
                StmtKind::Assert { test, msg }
            }
            T::Import => self.parse_import()?,
            T::From => self.parse_from_import()?,
            _ => return self.parse_expression_stmt(),
        };
        Ok(stmt(kind, TextRange::new(start, self.prev_end())))
    }

    /// The right-hand side of an assignment: `yield_expr | star_expressions`.
    fn parse_rhs(&mut self) -> PResult<Expr> {
        if self.at(T::Yield) {
            self.parse_yield()
        } else {
            self.parse_star_expressions()
        }
    }

    /// Expression statements and assignments (`=`, augmented, annotated).
    fn parse_expression_stmt(&mut self) -> PResult<Stmt> {
        let start = self.range().start;
        let parenthesized = self.at(T::LPar);
        let first = self.parse_rhs()?;
        if self.at(T::Colon) {
            return self.parse_ann_assign(start, first, parenthesized);
        }
        if let Some(op) = augassign_op(self.kind()) {
            if !matches!(
                first.kind,
                ExprKind::Name { .. } | ExprKind::Attribute { .. } | ExprKind::Subscript { .. }
            ) {
                return self.fail(errors::illegal_augassign(expr_name(&first)), first.range);
            }
            self.bump();
            let value = self.parse_rhs()?;
            let mut target = first;
            super::targets::set_context(&mut target, ExprContext::Store);
            let range = TextRange::new(start, self.prev_end());
            let kind = StmtKind::AugAssign {
                target: Box::new(target),
                op,
                value: Box::new(value),
            };
            return Ok(stmt(kind, range));
        }
        if !self.at(T::Equal) {
            let range = TextRange::new(start, self.prev_end());
            return Ok(stmt(
                StmtKind::Expr {
                    value: Box::new(first),
                },
                range,
            ));
        }
        let mut targets = vec![first];
        let mut value;
        loop {
            self.bump();
            value = self.parse_rhs()?;
            if !self.at(T::Equal) {
                break;
            }
            targets.push(value);
        }
        let single = targets.len() == 1;
        let mut stored = Vec::with_capacity(targets.len());
        for (i, t) in targets.into_iter().enumerate() {
            if matches!(t.kind, ExprKind::Yield { .. } | ExprKind::YieldFrom { .. }) {
                return self.fail(errors::YIELD_ASSIGN, t.range);
            }
            if i == 0
                && single
                && invalid_target(&t, TargetKind::Store).is_some()
                && suggests_equality(&t, &value)
            {
                return self.fail(errors::cannot_assign_here(expr_name(&t)), t.range);
            }
            stored.push(self.store_target(t, TargetKind::Store)?);
        }
        let range = TextRange::new(start, self.prev_end());
        Ok(stmt(
            StmtKind::Assign {
                targets: stored,
                value: Box::new(value),
            },
            range,
        ))
    }

    fn parse_ann_assign(&mut self, start: u32, target: Expr, parenthesized: bool) -> PResult<Stmt> {
        match &target.kind {
            ExprKind::Name { .. } | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => {}
            ExprKind::Tuple { elts, .. } if !parenthesized => {
                let r = elts.first().map_or(target.range, |e| e.range);
                return self.fail(errors::ANN_TUPLE, r);
            }
            ExprKind::Tuple { .. } | ExprKind::List { .. } => {
                return self.fail(errors::ann_not_single(expr_name(&target)), target.range);
            }
            _ => return self.fail(errors::ANN_ILLEGAL, target.range),
        }
        self.bump();
        let annotation = self.parse_expression()?;
        let value = if self.eat(T::Equal) {
            Some(Box::new(self.parse_rhs()?))
        } else {
            None
        };
        let simple = !parenthesized && matches!(target.kind, ExprKind::Name { .. });
        let mut target = target;
        super::targets::set_context(&mut target, ExprContext::Store);
        let range = TextRange::new(start, self.prev_end());
        let kind = StmtKind::AnnAssign {
            target: Box::new(target),
            annotation: Box::new(annotation),
            value,
            simple,
        };
        Ok(stmt(kind, range))
    }

    fn parse_import(&mut self) -> PResult<StmtKind> {
        self.bump();
        let mut names = Vec::new();
        loop {
            let (name, r) = self.parse_dotted_name()?;
            let asname = if self.eat(T::As) {
                Some(self.ident()?.0)
            } else {
                None
            };
            names.push(Alias {
                name,
                asname,
                range: TextRange::new(r.start, self.prev_end()),
            });
            if !self.eat(T::Comma) {
                break;
            }
        }
        Ok(StmtKind::Import { names })
    }

    fn parse_dotted_name(&mut self) -> PResult<(String, TextRange)> {
        let (mut name, r) = self.ident()?;
        while self.at(T::Dot) {
            self.bump();
            name.push('.');
            name.push_str(&self.ident()?.0);
        }
        Ok((name, TextRange::new(r.start, self.prev_end())))
    }

    fn parse_from_import(&mut self) -> PResult<StmtKind> {
        self.bump();
        let mut level = 0;
        loop {
            match self.kind() {
                T::Dot => level += 1,
                T::Ellipsis => level += 3,
                _ => break,
            }
            self.bump();
        }
        let module = if self.at(T::Name) {
            Some(self.parse_dotted_name()?.0)
        } else {
            None
        };
        if module.is_none() && level == 0 {
            return self.unexpected();
        }
        self.expect(T::Import)?;
        let mut names = Vec::new();
        if self.at(T::Star) {
            let r = self.bump().range;
            names.push(Alias {
                name: "*".into(),
                asname: None,
                range: r,
            });
            return Ok(StmtKind::ImportFrom {
                module,
                names,
                level,
            });
        }
        let parens = self.eat(T::LPar);
        loop {
            let (name, r) = self.ident()?;
            let asname = if self.eat(T::As) {
                Some(self.ident()?.0)
            } else {
                None
            };
            names.push(Alias {
                name,
                asname,
                range: TextRange::new(r.start, self.prev_end()),
            });
            if !self.at(T::Comma) {
                break;
            }
            self.bump();
            if parens && self.at(T::RPar) {
                break;
            }
            if !parens && !self.at(T::Name) {
                let r = self.range();
                return self.fail(errors::TRAILING_COMMA_IMPORT, r);
            }
        }
        if parens {
            self.expect(T::RPar)?;
        }
        Ok(StmtKind::ImportFrom {
            module,
            names,
            level,
        })
    }

    // ---- compound statements ----

    fn parse_decorated(&mut self) -> PResult<Stmt> {
        let mut decorators = Vec::new();
        while self.eat(T::At) {
            decorators.push(self.parse_named_expression()?);
            self.expect(T::Newline)?;
        }
        match self.kind() {
            T::Def => self.parse_funcdef(decorators),
            T::Class => self.parse_classdef(decorators),
            _ => self.unexpected(),
        }
    }

    fn parse_funcdef(&mut self, decorator_list: Vec<Expr>) -> PResult<Stmt> {
        let kw = self.bump();
        let line = self.line_of(kw.range.start);
        let (name, _) = self.ident()?;
        self.expect_forced(T::LPar, errors::EXPECTED_LPAR)?;
        let args = self.parse_parameters(T::RPar, true)?;
        self.expect(T::RPar)?;
        let returns = if self.eat(T::RArrow) {
            Some(Box::new(self.parse_expression()?))
        } else {
            None
        };
        self.expect_forced(T::Colon, errors::EXPECTED_COLON)?;
        let body = self.parse_block("function definition", line)?;
        let range = TextRange::new(kw.range.start, self.prev_end());
        let kind = StmtKind::FunctionDef {
            name,
            args: Box::new(args),
            body,
            decorator_list,
            returns,
        };
        Ok(stmt(kind, range))
    }

    fn parse_classdef(&mut self, decorator_list: Vec<Expr>) -> PResult<Stmt> {
        let kw = self.bump();
        let line = self.line_of(kw.range.start);
        let (name, r) = self.ident()?;
        let (mut bases, mut keywords) = (Vec::new(), Vec::new());
        if self.at(T::LPar) {
            let placeholder = mk(
                ExprKind::Name {
                    id: String::new(),
                    ctx: ExprContext::Load,
                },
                r,
            );
            let call = self.parse_call(placeholder)?;
            if let ExprKind::Call {
                args,
                keywords: kws,
                ..
            } = call.kind
            {
                bases = args;
                keywords = kws;
            }
        }
        self.header_colon()?;
        let body = self.parse_block("class definition", line)?;
        let range = TextRange::new(kw.range.start, self.prev_end());
        Ok(stmt(
            StmtKind::ClassDef {
                name,
                bases,
                keywords,
                body,
                decorator_list,
            },
            range,
        ))
    }

    fn parse_if(&mut self) -> PResult<Stmt> {
        let kw = self.bump();
        let line = self.line_of(kw.range.start);
        let what = if kw.kind == T::If {
            "'if' statement"
        } else {
            "'elif' statement"
        };
        let test = self.parse_named_expression()?;
        self.header_colon()?;
        let body = self.parse_block(what, line)?;
        let orelse = if self.at(T::Elif) {
            vec![self.nested(|p| p.parse_if())?]
        } else {
            self.parse_else()?
        };
        let range = TextRange::new(kw.range.start, self.prev_end());
        Ok(stmt(
            StmtKind::If {
                test: Box::new(test),
                body,
                orelse,
            },
            range,
        ))
    }

    fn parse_else(&mut self) -> PResult<Vec<Stmt>> {
        if !self.at(T::Else) {
            return Ok(Vec::new());
        }
        let kw = self.bump();
        self.expect_forced(T::Colon, errors::EXPECTED_COLON)?;
        let line = self.line_of(kw.range.start);
        self.parse_block("'else' statement", line)
    }

    fn parse_while(&mut self) -> PResult<Stmt> {
        let kw = self.bump();
        let line = self.line_of(kw.range.start);
        let test = self.parse_named_expression()?;
        self.header_colon()?;
        let body = self.parse_block("'while' statement", line)?;
        let orelse = self.parse_else()?;
        let range = TextRange::new(kw.range.start, self.prev_end());
        Ok(stmt(
            StmtKind::While {
                test: Box::new(test),
                body,
                orelse,
            },
            range,
        ))
    }

    fn parse_for(&mut self) -> PResult<Stmt> {
        let kw = self.bump();
        let line = self.line_of(kw.range.start);
        let target = self.parse_for_target()?;
        self.expect(T::In)?;
        let iter = self.parse_star_expressions()?;
        self.header_colon()?;
        let body = self.parse_block("'for' statement", line)?;
        let orelse = self.parse_else()?;
        let range = TextRange::new(kw.range.start, self.prev_end());
        Ok(stmt(
            StmtKind::For {
                target: Box::new(target),
                iter: Box::new(iter),
                body,
                orelse,
            },
            range,
        ))
    }

    fn parse_try(&mut self) -> PResult<Stmt> {
        let kw = self.bump();
        let line = self.line_of(kw.range.start);
        self.expect_forced(T::Colon, errors::EXPECTED_COLON)?;
        let body = self.parse_block("'try' statement", line)?;
        let mut handlers = Vec::new();
        let mut star: Option<bool> = None;
        while self.at(T::Except) {
            let ex = self.bump();
            let ex_line = self.line_of(ex.range.start);
            let is_star = self.eat(T::Star);
            if *star.get_or_insert(is_star) != is_star {
                return self.fail(errors::EXCEPT_MIXED, ex.range);
            }
            let mut type_ = None;
            let mut name = None;
            if is_star && self.at(T::Colon) {
                let r = self.range();
                return self.fail(errors::EXCEPT_STAR_BARE, r);
            }
            if !self.at(T::Colon) && !self.at(T::Newline) {
                let t = self.parse_expression()?;
                if self.at(T::Comma) {
                    let e = self.parse_except_tuple(t)?;
                    return self.fail("multiple exception types must be parenthesized", e.range);
                }
                type_ = Some(Box::new(t));
                if self.eat(T::As) {
                    name = Some(self.ident()?.0);
                }
            }
            self.header_colon()?;
            let what = if is_star {
                "'except*' statement"
            } else {
                "'except' statement"
            };
            let hbody = self.parse_block(what, ex_line)?;
            let range = TextRange::new(ex.range.start, self.prev_end());
            handlers.push(ExceptHandler {
                type_,
                name,
                body: hbody,
                range,
            });
        }
        let orelse = self.parse_else()?;
        let mut finalbody = Vec::new();
        if self.at(T::Finally) {
            let f = self.bump();
            self.expect_forced(T::Colon, errors::EXPECTED_COLON)?;
            let f_line = self.line_of(f.range.start);
            finalbody = self.parse_block("'finally' statement", f_line)?;
        }
        if handlers.is_empty() && finalbody.is_empty() {
            let r = self.range();
            return self.fail(errors::TRY_ALONE, r);
        }
        let range = TextRange::new(kw.range.start, self.prev_end());
        let kind = if star == Some(true) {
            StmtKind::TryStar {
                body,
                handlers,
                orelse,
                finalbody,
            }
        } else {
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            }
        };
        Ok(stmt(kind, range))
    }

    /// `except A, B:`: the whole unparenthesised list, for the error's range.
    fn parse_except_tuple(&mut self, first: Expr) -> PResult<Expr> {
        let mut range = first.range;
        while self.eat(T::Comma) {
            range = range.cover(self.parse_expression()?.range);
        }
        Ok(mk(
            ExprKind::Tuple {
                elts: Vec::new(),
                ctx: ExprContext::Load,
            },
            range,
        ))
    }

    fn parse_with(&mut self) -> PResult<Stmt> {
        let kw = self.bump();
        let line = self.line_of(kw.range.start);
        let items = match self.try_parenthesized_with_items()? {
            Some(items) => items,
            None => {
                let mut items = vec![self.parse_with_item()?];
                while self.eat(T::Comma) {
                    items.push(self.parse_with_item()?);
                }
                items
            }
        };
        self.header_colon()?;
        let body = self.parse_block("'with' statement", line)?;
        let range = TextRange::new(kw.range.start, self.prev_end());
        Ok(stmt(StmtKind::With { items, body }, range))
    }

    /// `with (a as b, c):`, tried first as in CPython's grammar; on any mismatch the tokens are
    /// re-read as ordinary items (where `(a, b)` is one tuple).
    fn try_parenthesized_with_items(&mut self) -> PResult<Option<Vec<WithItem>>> {
        if !self.at(T::LPar) {
            return Ok(None);
        }
        let save = self.pos;
        self.bump();
        let mut items = Vec::new();
        let ok = loop {
            match self.parse_with_item() {
                Ok(item) => items.push(item),
                Err(_) => break false,
            }
            if !self.eat(T::Comma) {
                break self.at(T::RPar);
            }
            if self.at(T::RPar) {
                break true;
            }
        };
        if ok && self.peek(1) == T::Colon {
            self.bump();
            return Ok(Some(items));
        }
        self.pos = save;
        Ok(None)
    }

    fn parse_with_item(&mut self) -> PResult<WithItem> {
        let context_expr = self.parse_expression()?;
        let optional_vars = if self.eat(T::As) {
            let t = if self.at(T::Star) {
                self.parse_star_expression()?
            } else {
                self.parse_primary()?
            };
            Some(Box::new(self.store_target(t, TargetKind::Store)?))
        } else {
            None
        };
        Ok(WithItem {
            context_expr,
            optional_vars,
        })
    }

    /// `match` is a soft keyword: it starts a match statement only when `match subject:`
    /// follows; otherwise the line is re-read as an ordinary statement.
    fn try_match(&mut self) -> PResult<Option<Stmt>> {
        let save = self.pos;
        let kw = self.bump();
        if !starts_expression(self.kind()) {
            self.pos = save;
            return Ok(None);
        }
        let subject = match self.parse_match_subject() {
            Ok(s) if self.at(T::Colon) => s,
            _ => {
                self.pos = save;
                return Ok(None);
            }
        };
        self.bump();
        let line = self.line_of(kw.range.start);
        self.expect(T::Newline)?;
        if !self.at(T::Indent) {
            let r = self.range();
            let mut e = self.error(errors::expected_block("'match' statement", line), r);
            e.kind = SyntaxErrorKind::IndentationError;
            return Err(e);
        }
        self.bump();
        let mut cases = Vec::new();
        while self.at_name("case") {
            cases.push(self.parse_case()?);
        }
        if cases.is_empty() || !self.eat(T::Dedent) {
            return self.unexpected();
        }
        let range = TextRange::new(kw.range.start, self.prev_end());
        Ok(Some(stmt(
            StmtKind::Match {
                subject: Box::new(subject),
                cases,
            },
            range,
        )))
    }

    fn parse_match_subject(&mut self) -> PResult<Expr> {
        let first = self.parse_star_named_expression()?;
        if !self.at(T::Comma) {
            return Ok(first);
        }
        let start = first.range.start;
        let mut elts = vec![first];
        while self.eat(T::Comma) {
            if !starts_expression(self.kind()) {
                break;
            }
            elts.push(self.parse_star_named_expression()?);
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

    fn parse_case(&mut self) -> PResult<MatchCase> {
        let kw = self.bump();
        let line = self.line_of(kw.range.start);
        let pattern = self.parse_patterns()?;
        let guard = if self.eat(T::If) {
            Some(Box::new(self.parse_named_expression()?))
        } else {
            None
        };
        self.header_colon()?;
        let body = self.parse_block("'case' statement", line)?;
        Ok(MatchCase {
            pattern,
            guard,
            body,
        })
    }
}

/// CPython's `invalid_named_expression` alternative: `target = value` with a single `=`, a
/// target that is not a display or `True`/`None`/`False`, and an operand-level value, is
/// reported as a probable comparison.
fn suggests_equality(target: &Expr, value: &Expr) -> bool {
    let target_ok = !matches!(
        target.kind,
        ExprKind::List { .. }
            | ExprKind::Tuple { .. }
            | ExprKind::GeneratorExp { .. }
            | ExprKind::Compare { .. }
            | ExprKind::BoolOp { .. }
            | ExprKind::IfExp { .. }
            | ExprKind::Lambda { .. }
            | ExprKind::Starred { .. }
            | ExprKind::NamedExpr { .. }
            | ExprKind::Yield { .. }
            | ExprKind::YieldFrom { .. }
            | ExprKind::Constant {
                value: Constant::Bool(_) | Constant::None,
                ..
            }
    ) && !matches!(
        &target.kind,
        ExprKind::UnaryOp {
            op: UnaryOp::Not,
            ..
        }
    );
    let value_ok = match &value.kind {
        ExprKind::Tuple { elts, .. } => elts
            .first()
            .is_some_and(|e| is_bitor_level(e) && value.range.start == e.range.start),
        _ => is_bitor_level(value),
    };
    target_ok && value_ok
}

fn is_bitor_level(e: &Expr) -> bool {
    !matches!(
        e.kind,
        ExprKind::Compare { .. }
            | ExprKind::BoolOp { .. }
            | ExprKind::IfExp { .. }
            | ExprKind::Lambda { .. }
            | ExprKind::Starred { .. }
            | ExprKind::Yield { .. }
            | ExprKind::YieldFrom { .. }
    ) && !matches!(
        &e.kind,
        ExprKind::UnaryOp {
            op: UnaryOp::Not,
            ..
        }
    )
}
