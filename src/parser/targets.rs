//! Assignment and deletion targets: turning a parsed expression into a `Store`/`Del` target, and
//! CPython's errors for the ones that cannot be (`cannot assign to literal`, ...), which name the
//! innermost offending node as `_PyPegen_get_invalid_target` does.

use super::errors;
use super::{PResult, Parser};
use crate::ast::*;
use crate::lexer::TokenKind as T;
use crate::source::TextRange;

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum TargetKind {
    Store,
    Del,
    For,
}

/// `_PyPegen_get_expr_name`: how CPython names an expression in error messages.
pub(super) fn expr_name(e: &Expr) -> &'static str {
    match &e.kind {
        ExprKind::Attribute { .. } => "attribute",
        ExprKind::Subscript { .. } => "subscript",
        ExprKind::Starred { .. } => "starred",
        ExprKind::Name { .. } => "name",
        ExprKind::List { .. } => "list",
        ExprKind::Tuple { .. } => "tuple",
        ExprKind::Lambda { .. } => "lambda",
        ExprKind::Call { .. } => "function call",
        ExprKind::BoolOp { .. } | ExprKind::BinOp { .. } | ExprKind::UnaryOp { .. } => "expression",
        ExprKind::GeneratorExp { .. } => "generator expression",
        ExprKind::Yield { .. } | ExprKind::YieldFrom { .. } => "yield expression",
        ExprKind::ListComp { .. } => "list comprehension",
        ExprKind::SetComp { .. } => "set comprehension",
        ExprKind::DictComp { .. } => "dict comprehension",
        ExprKind::Dict { .. } => "dict literal",
        ExprKind::Set { .. } => "set display",
        ExprKind::JoinedStr { .. } | ExprKind::FormattedValue { .. } => "f-string expression",
        ExprKind::Constant { value, .. } => match value {
            Constant::None => "None",
            Constant::Bool(true) => "True",
            Constant::Bool(false) => "False",
            Constant::Ellipsis => "ellipsis",
            _ => "literal",
        },
        ExprKind::Compare { .. } => "comparison",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::NamedExpr { .. } => "named expression",
        ExprKind::Slice { .. } => "slice",
    }
}

/// `_PyPegen_get_invalid_target`: the node that makes `e` an invalid target, if any.
pub(super) fn invalid_target(e: &Expr, kind: TargetKind) -> Option<&Expr> {
    match &e.kind {
        ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } => {
            elts.iter().find_map(|x| invalid_target(x, kind))
        }
        ExprKind::Starred { value, .. } => {
            if kind == TargetKind::Del {
                Some(e)
            } else {
                invalid_target(value, kind)
            }
        }
        ExprKind::Compare { left, ops, .. } if kind == TargetKind::For && ops[0] == CmpOp::In => {
            invalid_target(left, kind)
        }
        ExprKind::Name { .. } | ExprKind::Subscript { .. } | ExprKind::Attribute { .. } => None,
        _ => Some(e),
    }
}

/// Sets the context of a valid target tree (callers check validity first).
pub(super) fn set_context(e: &mut Expr, ctx: ExprContext) {
    match &mut e.kind {
        ExprKind::Name { ctx: c, .. }
        | ExprKind::Attribute { ctx: c, .. }
        | ExprKind::Subscript { ctx: c, .. } => *c = ctx,
        ExprKind::Starred { value, ctx: c } => {
            *c = ctx;
            set_context(value, ctx);
        }
        ExprKind::List { elts, ctx: c } | ExprKind::Tuple { elts, ctx: c } => {
            *c = ctx;
            for x in elts {
                set_context(x, ctx);
            }
        }
        _ => {}
    }
}

impl<'a> Parser<'a> {
    /// Checks `e` as an assignment (or `for`) target and gives it `Store` context.
    pub(super) fn store_target(&mut self, mut e: Expr, kind: TargetKind) -> PResult<Expr> {
        if let Some(bad) = invalid_target(&e, kind) {
            let msg = errors::cannot_assign(expr_name(bad));
            let r = bad.range;
            return self.fail(msg, r);
        }
        set_context(&mut e, ExprContext::Store);
        Ok(e)
    }

    pub(super) fn del_target(&mut self, mut e: Expr) -> PResult<Expr> {
        if let Some(bad) = invalid_target(&e, TargetKind::Del) {
            let msg = errors::cannot_delete(expr_name(bad));
            let r = bad.range;
            return self.fail(msg, r);
        }
        set_context(&mut e, ExprContext::Del);
        Ok(e)
    }

    /// `star_targets` of a `for` loop or comprehension: parsed as primaries so that `in` ends
    /// them; anything else is re-read as an expression to name the invalid part.
    pub(super) fn parse_for_target(&mut self) -> PResult<Expr> {
        let start_pos = self.pos;
        let start = self.range().start;
        let mut elts = Vec::new();
        let mut trailing_comma;
        loop {
            let item = if self.at(T::Star) {
                let s = self.bump().range.start;
                let value = self.parse_primary()?;
                let range = TextRange::new(s, value.range.end);
                Expr {
                    kind: ExprKind::Starred {
                        value: Box::new(value),
                        ctx: ExprContext::Load,
                    },
                    range,
                }
            } else {
                self.parse_primary()?
            };
            elts.push(item);
            trailing_comma = false;
            if !self.eat(T::Comma) {
                break;
            }
            trailing_comma = true;
            if self.at(T::In) {
                break;
            }
        }
        if !self.at(T::In) {
            self.pos = start_pos;
            let e = self.parse_star_expressions()?;
            if let Some(bad) = invalid_target(&e, TargetKind::For) {
                let msg = errors::cannot_assign(expr_name(bad));
                let r = bad.range;
                return self.fail(msg, r);
            }
            return self.unexpected();
        }
        let target = if elts.len() == 1 && !trailing_comma {
            elts.remove(0)
        } else {
            let range = TextRange::new(start, self.prev_end());
            Expr {
                kind: ExprKind::Tuple {
                    elts,
                    ctx: ExprContext::Load,
                },
                range,
            }
        };
        self.store_target(target, TargetKind::For)
    }
}
